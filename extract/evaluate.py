"""`notice-extract eval OUT --gold corpus/gold`: extraction quality against gold answers.

Per field, two views:
- `accuracy`: the share the field scores per document, averaged over the documents it
  applies to; the overall `score` is the mean of these, computed as the team's shared
  scorer computes it (same matching, normalisation and comparisons), so the two agree;
- `precision`, `recall`, `f1`: counts of values found right, found wrong or extra, and
  missed — set fields (units, leaders, seqs, indicators …) per item, single values per
  document or task.

Gold files are one Document per seed (CONTRACT keys, no text/spans) in GOLD/, variants
in GOLD/variants/ (scored only when an output matches), and GOLD/MAP.tsv maps renamed
outputs to gold stems and names the fields a variant cannot carry.
"""

from __future__ import annotations

import difflib
import fnmatch
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

SIMILAR = 0.9
_PUNCT = str.maketrans({
    "，": ",", "、": ",", "；": ";", "：": ":", "（": "(", "）": ")", "〔": "[", "〕": "]", "［": "[", "］": "]",
    "【": "[", "】": "]", "“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "－": "-", "―": "-",
    "\u200b": None, "\ufeff": None,
})
LEADING_ITEM = re.compile(r"^第[一二三四五六七八九十百零〇\d]+项[,:.]?")
ATTACHMENT_PREFIX = re.compile(r"^附件\d*[:.]?")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

DOC_FIELDS = ["doc_type", "title", "script", "region.province", "region.city", "issuers", "issue_date",
              "publish_date", "doc_number", "inspection.level", "inspection.round", "inspection.batch",
              "inspection.group", "inspection.period_start", "inspection.period_end", "inspection.feedback_date",
              "declared_task_count"]
TASK_FIELDS = ["task.problem", "task.target", "task.deadline.date", "task.deadline.kinds", "task.deadline.dates",
               "task.responsible_units", "task.lead_unit", "task.leaders", "task.persons", "task.supervisors",
               "task.measures.count", "task.measures.text", "task.category", "task.status"]
GROUPS = {
    "metadata": [*DOC_FIELDS, "attachments", "warnings", "acceptance", "progress"],
    "tasks": ["tasks"],
    "task fields": TASK_FIELDS,
    "indicators": ["indicators"],
    "amendments": ["amendments"],
}
FIELD_ORDER = [name for names in GROUPS.values() for name in names]
OPTIONAL_TASK_FIELDS = {"task.status", "task.deadline.dates"}


# ---------------------------------------------------------------- normalised values


def norm(value: Any) -> str:
    if value is None:
        return ""
    return "".join(unicodedata.normalize("NFKC", str(value)).split()).translate(_PUNCT)


def norm_date(value: Any) -> str:
    text = norm(value)
    match = ISO_DATE.match(text)
    return match.group() if match else text


def to_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = norm(value)
    return int(text) if re.fullmatch(r"-?\d+", text) else None


def to_float(value: Any) -> float | None:
    try:
        return round(float(norm(value) if isinstance(value, str) else value), 4)
    except (TypeError, ValueError):
        return None


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in norm(value).split(";") if part]
    return list(value) if isinstance(value, list | tuple) else [value]


def names(value: Any) -> list[str]:
    return [n for n in (norm(v) for v in as_list(value)) if n]


def dotted(obj: Any, path: str) -> Any:
    for key in path.split("."):
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def similar(a: str, b: str) -> bool:
    if a == b:
        return True
    if not a or not b or 2 * min(len(a), len(b)) / (len(a) + len(b)) < SIMILAR:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR


def contained(gold: str, out: str) -> bool:
    if not gold or not out:
        return gold == out
    return gold in out or (out in gold and 2 * len(out) >= len(gold))


# ---------------------------------------------------------------- counts per field


@dataclass
class Tally:
    """Accuracy values (one per document, as the shared scorer) and P/R counts."""

    accuracy: list[float] = field(default_factory=list)
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add_counts(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def add_single(self, gold_set: bool, out_set: bool, right: bool) -> None:
        """One value: right (tp), wrong (fp and fn), extra (fp) or missed (fn)."""
        if right:
            self.tp += int(gold_set or out_set)
        else:
            self.fp += int(out_set)
            self.fn += int(gold_set)

    def summary(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        accuracy = sum(self.accuracy) / len(self.accuracy) if self.accuracy else 0.0
        return {"accuracy": round(accuracy, 6), "precision": round(precision, 6), "recall": round(recall, 6),
                "f1": round(f1, 6), "documents": len(self.accuracy)}


def set_counts(gold: list[Any], out: list[Any], multiset: bool = False) -> tuple[float, int, int, int]:
    """(F1 as the scorer takes it, tp, fp, fn)."""
    g, o = (Counter(gold), Counter(out)) if multiset else (Counter(set(gold)), Counter(set(out)))
    tp = sum((g & o).values())
    fp, fn = sum(o.values()) - tp, sum(g.values()) - tp
    if not g and not o:
        return 1.0, 0, 0, 0
    if not g or not o or tp == 0:
        return 0.0, tp, fp, fn
    precision, recall = tp / sum(o.values()), tp / sum(g.values())
    return 2 * precision * recall / (precision + recall), tp, fp, fn


def attachment_counts(gold: Any, out: Any) -> tuple[float, int, int, int]:
    g = [ATTACHMENT_PREFIX.sub("", n).strip(".。") for n in names(gold)]
    o = [ATTACHMENT_PREFIX.sub("", n).strip(".。") for n in names(out)]
    if not g and not o:
        return 1.0, 0, 0, 0
    unused, tp = list(o), 0
    for item in g:
        hit = next((k for k, cand in enumerate(unused) if item and cand and contained(item, cand)), None)
        if hit is not None:
            tp += 1
            del unused[hit]
    fp, fn = len(o) - tp, len(g) - tp
    if not g or not o or tp == 0:
        return 0.0, tp, fp, fn
    precision, recall = tp / len(o), tp / len(g)
    return 2 * precision * recall / (precision + recall), tp, fp, fn


Compare = Callable[[Any, Any], bool]


def doc_comparator(name: str) -> Compare:
    if name == "title":
        return lambda g, o: contained(norm(g), norm(o))
    if name == "issuers":
        return lambda g, o: set(names(g)) == set(names(o))
    if name.endswith(("_date", "period_start", "period_end")):
        return lambda g, o: norm_date(g) == norm_date(o)
    if name in ("inspection.round", "inspection.batch", "declared_task_count"):
        return lambda g, o: to_int(g) == to_int(o)
    return lambda g, o: norm(g) == norm(o)


def deadline_of(task: dict[str, Any]) -> dict[str, Any]:
    value = task.get("deadline")
    return value if isinstance(value, dict) else ({"text": value} if isinstance(value, str) else {})


def measure_texts(task: dict[str, Any]) -> list[str]:
    return [norm(m.get("text") if isinstance(m, dict) else m) for m in as_list(task.get("measures")) if m is not None]


def text_similar(g: Any, o: Any) -> bool:
    a, b = norm(g), norm(o)
    return a == b if not a or not b else similar(a, b)


def without_item(problem: Any) -> str:
    """A problem text without its leading 第X项 (the scorer ignores it)."""
    return LEADING_ITEM.sub("", norm(problem))


def task_field_scores(gold: dict[str, Any], out: dict[str, Any]) -> dict[str, tuple[float, int, int, int]]:
    """(accuracy, tp, fp, fn) per task field of one matched task."""
    g_dead, o_dead = deadline_of(gold), deadline_of(out)
    scores: dict[str, tuple[float, int, int, int]] = {}

    def single(name: str, right: bool, g: Any, o: Any) -> None:
        g_set, o_set = bool(norm(g)) or g not in (None, [], ""), bool(norm(o)) or o not in (None, [], "")
        tally = Tally()
        tally.add_single(g_set, o_set, right)
        scores[name] = (float(right), tally.tp, tally.fp, tally.fn)

    single("task.problem", text_similar(without_item(gold.get("problem")), without_item(out.get("problem"))),
           gold.get("problem"), out.get("problem"))
    single("task.target", text_similar(gold.get("target"), out.get("target")), gold.get("target"), out.get("target"))
    single("task.deadline.date", norm_date(g_dead.get("date")) == norm_date(o_dead.get("date")),
           g_dead.get("date"), o_dead.get("date"))
    single("task.deadline.kinds", set(names(g_dead.get("kinds"))) == set(names(o_dead.get("kinds"))),
           g_dead.get("kinds"), o_dead.get("kinds"))
    for name in ("responsible_units", "leaders", "persons", "supervisors"):
        scores[f"task.{name}"] = set_counts(names(gold.get(name)), names(out.get(name)))
    single("task.lead_unit", norm(gold.get("lead_unit")) == norm(out.get("lead_unit")),
           gold.get("lead_unit"), out.get("lead_unit"))
    g_meas, o_meas = measure_texts(gold), measure_texts(out)
    single("task.measures.count", len(g_meas) == len(o_meas), len(g_meas), len(o_meas))
    single("task.measures.text", text_similar("".join(g_meas), "".join(o_meas)), g_meas, o_meas)
    single("task.category", contained(norm(gold.get("category")), norm(out.get("category"))),
           gold.get("category"), out.get("category"))
    if gold.get("status") is not None:
        g_status, o_status = gold.get("status"), out.get("status")
        single("task.status", norm(g_status) == norm(o_status), g_status, o_status)
    if as_list(g_dead.get("dates")):
        right = {norm_date(d) for d in as_list(g_dead.get("dates"))} == \
            {norm_date(d) for d in as_list(o_dead.get("dates"))}
        single("task.deadline.dates", right, g_dead.get("dates"), o_dead.get("dates"))
    return scores


def applicable_task_fields(gold_task: dict[str, Any]) -> list[str]:
    fields = [f for f in TASK_FIELDS if f not in OPTIONAL_TASK_FIELDS]
    if gold_task.get("status") is not None:
        fields.append("task.status")
    if as_list(deadline_of(gold_task).get("dates")):
        fields.append("task.deadline.dates")
    return fields


def score_document(gold: dict[str, Any], out: dict[str, Any]) -> dict[str, tuple[float, int, int, int]]:
    """(accuracy, tp, fp, fn) per field of one document."""
    scores: dict[str, tuple[float, int, int, int]] = {}
    for name in DOC_FIELDS:
        g, o = dotted(gold, name), dotted(out, name)
        right = doc_comparator(name)(g, o)
        tally = Tally()
        tally.add_single(g not in (None, "", []), o not in (None, "", []), right)
        scores[name] = (float(right), tally.tp, tally.fp, tally.fn)
    scores["attachments"] = attachment_counts(gold.get("attachments"), out.get("attachments"))
    g_codes = {norm(w.get("code") if isinstance(w, dict) else w) for w in as_list(gold.get("warnings"))} - {""}
    if g_codes:
        o_codes = {norm(w.get("code") if isinstance(w, dict) else w) for w in as_list(out.get("warnings"))} - {""}
        hits = len(g_codes & o_codes)
        scores["warnings"] = (hits / len(g_codes), hits, 0, len(g_codes) - hits)
    for group in ("acceptance", "progress"):
        g_group = gold.get(group)
        if isinstance(g_group, dict) and g_group:
            found = out.get(group)
            o_group: dict[str, Any] = found if isinstance(found, dict) else {}
            rights = [right_in_group(group, k, v, o_group.get(k)) for k, v in g_group.items()]
            scores[group] = (sum(rights) / len(rights), sum(rights), 0, len(rights) - sum(rights))
    g_tasks = [t for t in as_list(gold.get("tasks")) if isinstance(t, dict)]
    o_tasks: dict[str, dict[str, Any]] = {}
    for task in as_list(out.get("tasks")):
        if isinstance(task, dict):
            o_tasks.setdefault(norm(task.get("seq")).rstrip("."), task)
    g_seqs = [norm(t.get("seq")).rstrip(".") for t in g_tasks]
    scores["tasks"] = set_counts(g_seqs, list(o_tasks))
    per_field: dict[str, list[tuple[float, int, int, int]]] = {}
    for task, seq in zip(g_tasks, g_seqs, strict=True):
        matched = o_tasks.get(seq)
        found = task_field_scores(task, matched) if matched is not None else \
            {f: (0.0, 0, 0, 1) for f in applicable_task_fields(task)}
        for name, value in found.items():
            per_field.setdefault(name, []).append(value)
    for name, values in per_field.items():
        scores[name] = (sum(v[0] for v in values) / len(values), sum(v[1] for v in values),
                        sum(v[2] for v in values), sum(v[3] for v in values))
    scores["indicators"] = set_counts([indicator_key(i) for i in as_list(gold.get("indicators"))],
                                      [indicator_key(i) for i in as_list(out.get("indicators"))], multiset=True)
    scores["amendments"] = set_counts([amendment_key(a) for a in as_list(gold.get("amendments"))],
                                      [amendment_key(a) for a in as_list(out.get("amendments"))])
    return scores


def indicator_key(indicator: Any) -> tuple[float | None, str]:
    if not isinstance(indicator, dict):
        return None, ""
    return to_float(indicator.get("value")), norm(indicator.get("unit"))


def amendment_key(amendment: Any) -> tuple[str, str]:
    if not isinstance(amendment, dict):
        return "", ""
    return norm(amendment.get("task_seq")).rstrip("."), norm(amendment.get("field"))


def right_in_group(group: str, key: str, gold: Any, out: Any) -> bool:
    if group == "progress":
        return norm_date(gold) == norm_date(out) if key == "as_of" else to_int(gold) == to_int(out)
    if ISO_DATE.fullmatch(str(gold)):
        return norm_date(gold) == norm_date(out)
    return norm(gold) == norm(out)


def applicable_fields(gold: dict[str, Any]) -> list[str]:
    """The fields a gold document is scored on, also when no output matches it."""
    fields = [*DOC_FIELDS, "attachments", "tasks", "indicators", "amendments"]
    if as_list(gold.get("warnings")):
        fields.append("warnings")
    for group in ("acceptance", "progress"):
        if isinstance(gold.get(group), dict) and gold[group]:
            fields.append(group)
    tasks = [t for t in as_list(gold.get("tasks")) if isinstance(t, dict)]
    if tasks:
        fields += sorted({f for t in tasks for f in applicable_task_fields(t)})
    return [f for f in FIELD_ORDER if f in fields]


# ---------------------------------------------------------------- gold, map, outputs


@dataclass
class MapEntry:
    gold: str | None
    skip: frozenset[str] = frozenset()


def load_gold(gold_dir: Path) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """(stem → gold document, the stems of variants scored only when matched)."""
    if not gold_dir.is_dir():
        raise FileNotFoundError(f"gold folder not found: {gold_dir}")
    gold: dict[str, dict[str, Any]] = {}
    optional: set[str] = set()
    for path in sorted(gold_dir.glob("*.json")) + sorted(gold_dir.glob("variants/*.json")):
        gold[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        if path.parent != gold_dir:
            optional.add(path.stem)
    return gold, optional


def load_map(path: Path | None, gold: dict[str, dict[str, Any]]) -> dict[str, MapEntry]:
    mapping: dict[str, MapEntry] = {}
    if path is None or not path.is_file():
        return mapping
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
            continue
        stem = parts[1].removesuffix(".json")
        if stem != "-" and stem not in gold:
            continue
        patterns = [p.strip() for p in parts[2].split(",") if p.strip()] if len(parts) == 3 else []
        skip = {f for p in patterns for f in set(GROUPS.get(p, [])) | set(fnmatch.filter(FIELD_ORDER, p))}
        mapping[parts[0].replace("\\", "/").removeprefix("./")] = MapEntry(None if stem == "-" else stem,
                                                                            frozenset(skip))
    return mapping


def match(source: str, gold: dict[str, dict[str, Any]], mapping: dict[str, MapEntry]) -> tuple[str | None, str | None]:
    """(gold stem, map key used) for an output's source path."""
    path = PurePosixPath(source.replace("\\", "/"))
    for key in (str(path), path.name, path.stem):
        if key in mapping:
            return mapping[key].gold, key
    prefixed = [stem for stem in gold if path.stem.startswith(stem)]
    return (max(prefixed, key=len), None) if prefixed else (None, None)


@dataclass
class DocumentResult:
    gold: str
    output: str | None
    scores: dict[str, tuple[float, int, int, int]]

    @property
    def score(self) -> float:
        return sum(v[0] for v in self.scores.values()) / len(self.scores) if self.scores else 0.0


@dataclass
class Evaluation:
    documents: list[DocumentResult]
    fields: dict[str, Tally]
    unmatched: list[str]

    @property
    def score(self) -> float:
        means = [sum(t.accuracy) / len(t.accuracy) for t in self.fields.values() if t.accuracy]
        return sum(means) / len(means) if means else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 6),
            "fields": {name: tally.summary() for name, tally in self.fields.items()},
            "documents": [{"gold": d.gold, "output": d.output, "score": round(d.score, 6),
                           "fields": {k: round(v[0], 6) for k, v in d.scores.items()}} for d in self.documents],
            "unmatched_outputs": self.unmatched,
        }


def evaluate(out_dir: Path, gold_dir: Path, map_path: Path | None = None) -> Evaluation:
    gold, optional = load_gold(gold_dir)
    mapping = load_map(map_path if map_path is not None else gold_dir / "MAP.tsv", gold)
    results: list[DocumentResult] = []
    matched: Counter[str] = Counter()
    used: set[str] = set()
    unmatched: list[str] = []
    for path in sorted((out_dir / "documents").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        source = dotted(document, "source.path") or ""
        stem, key = match(source, gold, mapping)
        if key:
            used.add(key)
        if key and mapping[key].gold is None:
            continue
        if stem is None:
            unmatched.append(source)
            continue
        skip = mapping[key].skip if key else frozenset()
        scores = {f: v for f, v in score_document(gold[stem], document).items() if f not in skip}
        results.append(DocumentResult(stem, source, scores))
        matched[stem] += 1
    for stem, document in gold.items():
        if not matched[stem] and stem not in optional:
            results.append(DocumentResult(stem, None, {f: (0.0, 0, 0, 1) for f in applicable_fields(document)}))
    results.sort(key=lambda r: (r.gold, r.output is None, r.output or ""))
    fields: dict[str, Tally] = {}
    for name in FIELD_ORDER:
        for result in results:
            if name in result.scores:
                accuracy, tp, fp, fn = result.scores[name]
                tally = fields.setdefault(name, Tally())
                tally.accuracy.append(accuracy)
                tally.add_counts(tp, fp, fn)
    return Evaluation(results, fields, sorted(unmatched))


def report(evaluation: Evaluation) -> str:
    lines = [f"{'field':28} {'accuracy':>9} {'precision':>9} {'recall':>7} {'f1':>6} {'docs':>5}"]
    for name, tally in evaluation.fields.items():
        s = tally.summary()
        lines.append(f"{name:28} {s['accuracy']:9.3f} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f} "
                     f"{s['documents']:5d}")
    lines += ["", f"{'gold':24} {'output':44} {'score':>6}"]
    lines += [f"{d.gold[:24]:24} {(d.output or 'MISSING')[-44:]:44} {d.score:6.3f}" for d in evaluation.documents]
    if evaluation.unmatched:
        shown = ", ".join(evaluation.unmatched[:10])
        lines += ["", f"{len(evaluation.unmatched)} output(s) match no gold file: {shown}"]
    lines.append(f"\nscore: {evaluation.score:.3f}")
    return "\n".join(lines)

