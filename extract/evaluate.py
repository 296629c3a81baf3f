"""`notice-extract eval OUT --gold corpus/gold`: extraction quality against gold answers.

Every field gets two views:

- `accuracy`: what the field scores per document (0..1), averaged over the documents it
  applies to. The overall `score` is the mean of these per-field means, computed as the
  team's shared scorer (../shared/eval/score.py) computes it — same document matching
  (file-stem prefix, MAP.tsv), normalisation, comparisons, missing-document rule and
  rounding — so the two agree and either can gate a change;
- `precision`, `recall`, `f1`: item counts. A set field (units, leaders, seqs, kinds,
  issuers, indicators …) counts per item; a single value counts as right (tp), wrong
  (fp and fn), extra (fp) or missed (fn). A gold task with no output task of its seq,
  and a gold document with no output, count their gold values as missed.

Gold files are one Document per seed (CONTRACT keys, no text/spans) in GOLD/; those in
GOLD/variants/ are scored only when an output matches them; GOLD/MAP.tsv (used when
present, or `--map`) maps renamed outputs to gold stems and names the fields a variant
cannot carry.
"""

from __future__ import annotations

import difflib
import fnmatch
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

# The scorer's threshold (difflib ratio at which two long texts count as the same);
# copied, not calibrated here: changing it would break agreement with the scorer.
SIMILAR = 0.9
_PUNCT = str.maketrans({
    "，": ",", "、": ",", "；": ";", "：": ":", "（": "(", "）": ")", "〔": "[", "〕": "]", "［": "[", "］": "]",
    "【": "[", "】": "]", "“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "－": "-", "―": "-",
    "\u200b": None, "\ufeff": None,
})
LEADING_ITEM_RE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+项[,:.]?")  # ignored before a problem
ATTACHMENT_PREFIX_RE = re.compile(r"^附件\d*[:.]?")
ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
INTEGER_RE = re.compile(r"-?\d+")
# the source path of an output whose JSON is broken, read from the raw text
RAW_SOURCE_PATH_RE = re.compile(r'"source"\s*:\s*\{[^{}]*?"path"\s*:\s*"((?:[^"\\]|\\.)*)"')

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
INT_FIELDS = {"inspection.round", "inspection.batch", "declared_task_count"}
DATE_FIELDS = {"issue_date", "publish_date", "inspection.period_start", "inspection.period_end",
               "inspection.feedback_date"}


class GoldError(ValueError):
    """Gold answers that cannot be read: scoring is impossible (exit 2 on the command line)."""


# ---------------------------------------------------------------- normalised values


def norm(value: Any) -> str:
    """Comparable form of a value ('' for null): NFKC, no whitespace, one spelling of punctuation."""
    if value is None:
        return ""
    return "".join(unicodedata.normalize("NFKC", str(value)).split()).translate(_PUNCT)


def norm_date(value: Any) -> str:
    text = norm(value)
    match = ISO_DATE_RE.match(text)
    return match.group() if match else text


def to_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = norm(value)
    return int(text) if INTEGER_RE.fullmatch(text) else None


def to_float(value: Any) -> float | None:
    try:
        return round(float(norm(value) if isinstance(value, str) else value), 4)
    except (TypeError, ValueError):
        return None


def as_list(value: Any) -> list[Any]:
    """A list field; a CSV-style string `a；b` is split on ';'."""
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


def is_set(value: Any) -> bool:
    """Whether a value counts as given (for precision and recall)."""
    return bool(norm(value)) if not isinstance(value, list | tuple | dict) else bool(value)


# ---------------------------------------------------------------- comparisons


def similar(a: str, b: str) -> bool:
    """difflib ratio >= SIMILAR, cheap upper bounds first."""
    if a == b:
        return True
    if not a or not b or 2 * min(len(a), len(b)) / (len(a) + len(b)) < SIMILAR:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR


def contained(gold: str, out: str) -> bool:
    """Either text inside the other; an output inside the gold must be half its length at least."""
    if not gold or not out:
        return gold == out
    return gold in out or (out in gold and 2 * len(out) >= len(gold))


def text_similar(gold: Any, out: Any) -> bool:
    a, b = norm(gold), norm(out)
    return a == b if not a or not b else similar(a, b)


def doc_field_right(name: str, gold: Any, out: Any) -> bool:
    if name == "title":
        return contained(norm(gold), norm(out))
    if name == "issuers":
        return set(names(gold)) == set(names(out))
    if name in DATE_FIELDS:
        return norm_date(gold) == norm_date(out)
    if name in INT_FIELDS:
        return to_int(gold) == to_int(out)
    return norm(gold) == norm(out)


# ---------------------------------------------------------------- per-field scores


class FieldScore(NamedTuple):
    """One field of one document: the scorer's value and the item counts behind P/R/F1."""

    accuracy: float
    tp: int = 0
    fp: int = 0
    fn: int = 0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1; an empty side counts as perfect (nothing claimed, nothing missed)."""
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def single_score(right: bool, gold: Any, out: Any) -> FieldScore:
    given, found = is_set(gold), is_set(out)
    if right:
        return FieldScore(1.0, int(given or found))
    return FieldScore(0.0, 0, int(found), int(given))


def set_score(gold: list[Any], out: list[Any], *, multiset: bool = False) -> FieldScore:
    """F1 of two sets (or multisets) as the scorer takes it, with its counts."""
    g, o = (Counter(gold), Counter(out)) if multiset else (Counter(set(gold)), Counter(set(out)))
    tp = sum((g & o).values())
    fp, fn = sum(o.values()) - tp, sum(g.values()) - tp
    if not g and not o:
        return FieldScore(1.0)
    if not g or not o or tp == 0:
        return FieldScore(0.0, tp, fp, fn)
    return FieldScore(prf(tp, fp, fn)[2], tp, fp, fn)


def equal_sets_score(gold: list[Any], out: list[Any]) -> FieldScore:
    """Accuracy 1 only when the sets are equal; counts per item."""
    counts = set_score(gold, out)
    return counts._replace(accuracy=float(set(gold) == set(out)))


def attachment_score(gold: Any, out: Any) -> FieldScore:
    """F1 of attachment names, an item matching when one contains the other."""
    g = [ATTACHMENT_PREFIX_RE.sub("", n).strip(".。") for n in names(gold)]
    o = [ATTACHMENT_PREFIX_RE.sub("", n).strip(".。") for n in names(out)]
    if not g and not o:
        return FieldScore(1.0)
    unused, tp = list(o), 0
    for item in g:
        hit = next((k for k, cand in enumerate(unused) if item and cand and contained(item, cand)), None)
        if hit is not None:
            tp += 1
            del unused[hit]
    fp, fn = len(o) - tp, len(g) - tp
    if not g or not o or tp == 0:
        return FieldScore(0.0, tp, fp, fn)
    return FieldScore(prf(tp, fp, fn)[2], tp, fp, fn)


def warning_codes(value: Any) -> set[str]:
    return {norm(w.get("code") if isinstance(w, dict) else w) for w in as_list(value)} - {""}


def warnings_score(gold: Any, out: Any) -> FieldScore:
    """Recall of the expected codes; gold lists what it expects, not every code, so no fp."""
    g_codes, o_codes = warning_codes(gold), warning_codes(out)
    hits = len(g_codes & o_codes)
    return FieldScore(hits / len(g_codes), hits, 0, len(g_codes) - hits)


def group_score(group: str, gold: dict[str, Any], found: Any) -> FieldScore:
    """acceptance / progress: the share of the gold's keys equal."""
    out: dict[str, Any] = found if isinstance(found, dict) else {}
    parts = [single_score(group_value_right(group, key, value, out.get(key)), value, out.get(key))
             for key, value in gold.items()]
    return FieldScore(sum(p.accuracy for p in parts) / len(parts), sum(p.tp for p in parts),
                      sum(p.fp for p in parts), sum(p.fn for p in parts))


def group_value_right(group: str, key: str, gold: Any, out: Any) -> bool:
    if group == "progress":
        return norm_date(gold) == norm_date(out) if key == "as_of" else to_int(gold) == to_int(out)
    if ISO_DATE_RE.fullmatch(str(gold)):
        return norm_date(gold) == norm_date(out)
    return norm(gold) == norm(out)


def deadline_of(task: dict[str, Any]) -> dict[str, Any]:
    value = task.get("deadline")
    return value if isinstance(value, dict) else ({"text": value} if isinstance(value, str) else {})


def measure_texts(task: dict[str, Any]) -> list[str]:
    return [norm(m.get("text") if isinstance(m, dict) else m) for m in as_list(task.get("measures")) if m is not None]


def seq_key(value: Any) -> str:
    return norm(value).rstrip(".")


def task_field_scores(gold: dict[str, Any], out: dict[str, Any]) -> dict[str, FieldScore]:
    """Every task field of one gold task against the output task of its seq."""
    g_dead, o_dead = deadline_of(gold), deadline_of(out)
    g_meas, o_meas = measure_texts(gold), measure_texts(out)
    scores = {
        "task.problem": single_score(
            text_similar(LEADING_ITEM_RE.sub("", norm(gold.get("problem"))),
                         LEADING_ITEM_RE.sub("", norm(out.get("problem")))), gold.get("problem"), out.get("problem")),
        "task.target": single_score(text_similar(gold.get("target"), out.get("target")),
                                    gold.get("target"), out.get("target")),
        "task.deadline.date": single_score(norm_date(g_dead.get("date")) == norm_date(o_dead.get("date")),
                                           g_dead.get("date"), o_dead.get("date")),
        "task.deadline.kinds": equal_sets_score(names(g_dead.get("kinds")), names(o_dead.get("kinds"))),
        "task.lead_unit": single_score(norm(gold.get("lead_unit")) == norm(out.get("lead_unit")),
                                       gold.get("lead_unit"), out.get("lead_unit")),
        "task.measures.count": single_score(len(g_meas) == len(o_meas), g_meas, o_meas),
        "task.measures.text": single_score(text_similar("".join(g_meas), "".join(o_meas)), g_meas, o_meas),
        "task.category": single_score(contained(norm(gold.get("category")), norm(out.get("category"))),
                                      gold.get("category"), out.get("category")),
    }
    for name in ("responsible_units", "leaders", "persons", "supervisors"):
        scores[f"task.{name}"] = set_score(names(gold.get(name)), names(out.get(name)))
    if gold.get("status") is not None:
        scores["task.status"] = single_score(norm(gold.get("status")) == norm(out.get("status")),
                                             gold.get("status"), out.get("status"))
    if as_list(g_dead.get("dates")):
        g_dates = [norm_date(d) for d in as_list(g_dead.get("dates"))]
        o_dates = [norm_date(d) for d in as_list(o_dead.get("dates"))]
        scores["task.deadline.dates"] = equal_sets_score(g_dates, o_dates)
    return scores


def indicator_key(indicator: Any) -> tuple[float | None, str]:
    if not isinstance(indicator, dict):
        return None, ""
    return to_float(indicator.get("value")), norm(indicator.get("unit"))


def amendment_key(amendment: Any) -> tuple[str, str]:
    if not isinstance(amendment, dict):
        return "", ""
    return seq_key(amendment.get("task_seq")), norm(amendment.get("field"))


def summed(scores: list[FieldScore]) -> FieldScore:
    """Mean accuracy and summed counts of one field over several tasks."""
    return FieldScore(sum(s.accuracy for s in scores) / len(scores), sum(s.tp for s in scores),
                      sum(s.fp for s in scores), sum(s.fn for s in scores))


def score_document(gold: dict[str, Any], out: dict[str, Any]) -> dict[str, FieldScore]:
    """Every field a gold document is scored on, against one output document."""
    scores = {name: single_score(doc_field_right(name, dotted(gold, name), dotted(out, name)),
                                 dotted(gold, name), dotted(out, name)) for name in DOC_FIELDS}
    scores["issuers"] = equal_sets_score(names(gold.get("issuers")), names(out.get("issuers")))
    scores["attachments"] = attachment_score(gold.get("attachments"), out.get("attachments"))
    if warning_codes(gold.get("warnings")):
        scores["warnings"] = warnings_score(gold.get("warnings"), out.get("warnings"))
    for group in ("acceptance", "progress"):
        if isinstance(gold.get(group), dict) and gold[group]:
            scores[group] = group_score(group, gold[group], out.get(group))

    g_tasks = [t for t in as_list(gold.get("tasks")) if isinstance(t, dict)]
    o_tasks: dict[str, dict[str, Any]] = {}
    for task in as_list(out.get("tasks")):
        if isinstance(task, dict):
            o_tasks.setdefault(seq_key(task.get("seq")), task)  # the first task of a seq is the one scored
    g_seqs = [seq_key(t.get("seq")) for t in g_tasks]
    scores["tasks"] = set_score(g_seqs, list(o_tasks))
    per_field: dict[str, list[FieldScore]] = {}
    for task, seq in zip(g_tasks, g_seqs, strict=True):
        matched = o_tasks.get(seq)
        found = task_field_scores(task, matched if matched is not None else {})
        for name, value in found.items():
            # a gold task with no output task scores 0 on every field it carries
            per_field.setdefault(name, []).append(value if matched is not None else value._replace(accuracy=0.0))
    scores.update({name: summed(values) for name, values in per_field.items()})

    scores["indicators"] = set_score([indicator_key(i) for i in as_list(gold.get("indicators"))],
                                     [indicator_key(i) for i in as_list(out.get("indicators"))], multiset=True)
    scores["amendments"] = set_score([amendment_key(a) for a in as_list(gold.get("amendments"))],
                                     [amendment_key(a) for a in as_list(out.get("amendments"))])
    order = {name: k for k, name in enumerate(FIELD_ORDER)}
    return dict(sorted(scores.items(), key=lambda kv: order[kv[0]]))


def missing_scores(gold: dict[str, Any], skip: frozenset[str] = frozenset()) -> dict[str, FieldScore]:
    """A gold document no output matches: 0 on every field, its gold values missed."""
    return {name: value._replace(accuracy=0.0) for name, value in score_document(gold, {}).items()
            if name not in skip}


# ---------------------------------------------------------------- gold, map, outputs


@dataclass(frozen=True)
class MapEntry:
    gold: str | None  # None: that output is not scored
    skip: frozenset[str] = frozenset()  # fields the variant cannot carry
    line: int = 0


def load_gold(gold_dir: Path) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """(stem → gold document, the stems from variants/ that are scored only when matched)."""
    if not gold_dir.is_dir():
        raise GoldError(f"gold folder not found: {gold_dir}")
    gold: dict[str, dict[str, Any]] = {}
    optional: set[str] = set()
    for path in sorted(gold_dir.glob("*.json")) + sorted(gold_dir.glob("variants/*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GoldError(f"gold file {path.name} is not valid JSON: {exc}") from exc
        if not isinstance(document, dict):
            raise GoldError(f"gold file {path.name} is not a JSON object")
        gold[path.stem] = document
        if path.parent != gold_dir:
            optional.add(path.stem)
        else:
            optional.discard(path.stem)
    if not gold:
        raise GoldError(f"no gold files (*.json) in {gold_dir}")
    return gold, optional


def path_key(path: str) -> str:
    path = path.replace("\\", "/").strip()
    while path.startswith("./"):
        path = path[2:]
    return path


def skip_fields(patterns: list[str]) -> tuple[frozenset[str], list[str]]:
    """MAP's third column: field names, group names or globs; also the patterns matching nothing."""
    chosen: set[str] = set()
    unknown: list[str] = []
    for pattern in patterns:
        hits = set(GROUPS.get(pattern, [])) | set(fnmatch.filter(FIELD_ORDER, pattern))
        chosen |= hits
        if not hits:
            unknown.append(pattern)
    return frozenset(chosen), unknown


def load_map(path: Path | None, gold: dict[str, dict[str, Any]], messages: list[str]) -> dict[str, MapEntry]:
    """MAP.tsv lines `<output path, name or stem>\\t<gold stem | ->[\\t<fields to skip>]`."""
    mapping: dict[str, MapEntry] = {}
    if path is None:
        return mapping
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise GoldError(f"cannot read map file {path}: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [part.strip() for part in line.split("\t")]
        if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
            messages.append(f"map line {number}: expected '<output>\\t<gold stem or ->[\\t<fields>]', skipped")
            continue
        key, stem = path_key(parts[0]), parts[1].removesuffix(".json")
        if stem == "-":
            mapping[key] = MapEntry(None, line=number)
            continue
        if stem not in gold:
            messages.append(f"map line {number}: no gold file {stem}.json, skipped")
            continue
        skip, unknown = skip_fields([p.strip() for p in parts[2].split(",") if p.strip()] if len(parts) == 3 else [])
        if unknown:
            messages.append(f"map line {number}: no field matches {', '.join(unknown)}")
        mapping[key] = MapEntry(stem, skip, number)
    return mapping


@dataclass(frozen=True)
class Output:
    file: str  # documents/<name>.json
    source_path: str | None
    doc: dict[str, Any] | None
    error: str = ""


def read_output(path: Path) -> Output:
    """One output document; a broken one keeps the source path its raw text still shows."""
    rel = f"documents/{path.name}"
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Output(rel, None, None, f"unreadable ({exc})")
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as exc:
        match = RAW_SOURCE_PATH_RE.search(raw)
        source = json.loads(f'"{match.group(1)}"') if match else None
        return Output(rel, source, None, f"malformed JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
    if not isinstance(document, dict):
        return Output(rel, None, None, "not a JSON object")
    source = dotted(document, "source.path")
    if not isinstance(source, str) or not source.strip():
        return Output(rel, None, document, "no source.path")
    return Output(rel, source, document)


def read_outputs(out_dir: Path) -> Iterator[Output]:
    """OUT/documents/*.json one at a time, in name order."""
    for path in sorted((out_dir / "documents").glob("*.json")):
        yield read_output(path)


def match_gold(source: str, gold: dict[str, dict[str, Any]],
               mapping: dict[str, MapEntry]) -> tuple[str | None, MapEntry | None, str | None]:
    """(gold stem, map entry, map key) for an output's source path; a map line wins over the stem prefix."""
    key = path_key(source)
    path = PurePosixPath(key)
    for candidate in (key, path.name, path.stem):
        if candidate in mapping:
            return mapping[candidate].gold, mapping[candidate], candidate
    prefixed = [stem for stem in gold if path.stem.startswith(stem)]
    return (max(prefixed, key=len), None, None) if prefixed else (None, None, None)


# ---------------------------------------------------------------- the evaluation


@dataclass
class DocumentResult:
    gold: str
    output: str | None  # the output's source path; None when missing
    scores: dict[str, FieldScore]
    note: str = ""

    @property
    def score(self) -> float:
        return sum(s.accuracy for s in self.scores.values()) / len(self.scores) if self.scores else 0.0

    def group_means(self) -> dict[str, float | None]:
        means: dict[str, float | None] = {}
        for group, members in GROUPS.items():
            values = [self.scores[f].accuracy for f in members if f in self.scores]
            means[group] = sum(values) / len(values) if values else None
        return means


@dataclass
class Tally:
    """One field over the documents: accuracy values and summed item counts."""

    accuracy: list[float] = field(default_factory=list)
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, value: FieldScore) -> None:
        self.accuracy.append(value.accuracy)
        self.tp, self.fp, self.fn = self.tp + value.tp, self.fp + value.fp, self.fn + value.fn

    def summary(self) -> dict[str, float | int]:
        precision, recall, f1 = prf(self.tp, self.fp, self.fn)
        accuracy = sum(self.accuracy) / len(self.accuracy) if self.accuracy else 0.0
        return {"accuracy": round(accuracy, 6), "precision": round(precision, 6), "recall": round(recall, 6),
                "f1": round(f1, 6), "tp": self.tp, "fp": self.fp, "fn": self.fn, "documents": len(self.accuracy)}


@dataclass
class Evaluation:
    documents: list[DocumentResult]
    unmatched: list[str]  # outputs no gold file matches (ignored)
    messages: list[str]

    @property
    def fields(self) -> dict[str, Tally]:
        tallies: dict[str, Tally] = {}
        for name in FIELD_ORDER:
            for result in self.documents:
                if name in result.scores:
                    tallies.setdefault(name, Tally()).add(result.scores[name])
        return tallies

    @property
    def score(self) -> float:
        """Macro mean of the per-field mean accuracies, as the shared scorer's `score`."""
        means = [sum(t.accuracy) / len(t.accuracy) for t in self.fields.values()]
        return sum(means) / len(means) if means else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 6),
            "fields": {name: tally.summary() for name, tally in self.fields.items()},
            "documents": [document_json(d) for d in self.documents],
            "unmatched_outputs": self.unmatched,
            "messages": self.messages,
        }


def document_json(result: DocumentResult) -> dict[str, Any]:
    fields: dict[str, dict[str, float | int]] = {}
    for name, value in result.scores.items():
        precision, recall, f1 = prf(value.tp, value.fp, value.fn)
        fields[name] = {"accuracy": round(value.accuracy, 6), "precision": round(precision, 6),
                        "recall": round(recall, 6), "f1": round(f1, 6), "tp": value.tp, "fp": value.fp,
                        "fn": value.fn}
    return {"gold": result.gold, "output": result.output, "missing": result.output is None,
            "score": round(result.score, 6), "note": result.note or None, "fields": fields}


def evaluate(out_dir: Path, gold_dir: Path, map_path: Path | None = None, *,
             strict_map: bool = False) -> Evaluation:
    """Score OUT/documents/*.json against GOLD; `map_path` None uses GOLD/MAP.tsv when present."""
    messages: list[str] = []
    gold, optional = load_gold(gold_dir)
    if map_path is None and (gold_dir / "MAP.tsv").is_file():
        map_path = gold_dir / "MAP.tsv"
    mapping = load_map(map_path, gold, messages)
    if not (out_dir / "documents").is_dir():
        messages.append(f"no documents/ folder in {out_dir}: every gold document is missing")
    results: list[DocumentResult] = []
    matched: Counter[str] = Counter()
    used_keys: set[str] = set()
    unmatched: list[str] = []
    ignored: list[str] = []
    for output in read_outputs(out_dir):
        stem, entry, key = match_gold(output.source_path, gold, mapping) if output.source_path \
            else (None, None, None)
        if key:
            used_keys.add(key)
        skip = entry.skip if entry else frozenset()
        if entry is not None and entry.gold is None:
            ignored.append(output.source_path or output.file)
            continue
        if output.error and output.doc is None:
            if stem:  # broken JSON still counts, as a missing document, for the gold it was meant for
                messages.append(f"{output.file} (source {output.source_path}): {output.error}; "
                                f"counted as a missing document for {stem}")
                results.append(DocumentResult(stem, None, missing_scores(gold[stem], skip),
                                              f"{output.file}: {output.error}"))
                matched[stem] += 1
            else:
                messages.append(f"{output.file}: {output.error}; its source path cannot be read")
            continue
        if output.error:
            messages.append(f"{output.file}: {output.error}; cannot be matched to a gold file")
            continue
        if stem is None or output.doc is None:
            unmatched.append(output.source_path or output.file)
            continue
        scores = {f: v for f, v in score_document(gold[stem], output.doc).items() if f not in skip}
        results.append(DocumentResult(stem, output.source_path, scores))
        matched[stem] += 1
    for key, entry in mapping.items():
        if entry.gold is None or key in used_keys:
            continue
        if not strict_map:
            messages.append(f"mapped output {key} (map line {entry.line}) not in this run; not scored")
            continue
        results.append(DocumentResult(entry.gold, None, missing_scores(gold[entry.gold], entry.skip),
                                      f"mapped output {key} (map line {entry.line}) not found"))
        matched[entry.gold] += 1
    for stem, document in gold.items():
        if not matched[stem] and stem not in optional:
            results.append(DocumentResult(stem, None, missing_scores(document), "no output document matches"))
    if ignored:
        messages.append(f"{len(ignored)} output document(s) left out by the map: {', '.join(sorted(ignored))}")
    results.sort(key=lambda r: (r.gold, r.output is None, r.output or ""))
    return Evaluation(results, sorted(unmatched), messages)


def shown_score(score: float) -> float:
    """The score as printed (3 decimals): `--min` applies to it, as with the scorer."""
    return float(f"{score:.3f}")


# ---------------------------------------------------------------- the printed table


def cell(value: float | None, width: int) -> str:
    return f"{value:{width}.3f}" if value is not None else f"{'-':>{width}}"


def shortfalls(result: DocumentResult) -> list[str]:
    """One line per field of a document that scored below 1: accuracy, P, R, F1 and counts."""
    lines = []
    for name, value in result.scores.items():
        if value.accuracy < 1.0:
            precision, recall, f1 = prf(value.tp, value.fp, value.fn)
            lines.append(f"{'':25}{name:28} {value.accuracy:9.3f} {precision:9.3f} {recall:7.3f} {f1:6.3f}"
                         f"  tp {value.tp} fp {value.fp} fn {value.fn}")
    return lines


def report(evaluation: Evaluation, *, verbose: bool = False) -> str:
    """Per document (the scorer's groups; with `verbose` every field below 1 with its
    accuracy, P, R, F1), then per field over all documents, then the score."""
    groups = list(GROUPS)
    head = f"{'gold':24} {'output':36} " + " ".join(f"{g[:11]:>11}" for g in groups) + f" {'doc':>6}"
    lines = ["per document", head, "-" * len(head)]
    for result in evaluation.documents:
        output = result.output if result.output is not None else "MISSING"
        output = output if len(output) <= 36 else "…" + output[-35:]
        means = result.group_means()
        lines.append(f"{result.gold[:24]:24} {output:36} " + " ".join(cell(means[g], 11) for g in groups)
                     + f" {result.score:6.3f}")
        if result.note:
            lines.append(f"{'':25}{result.note}")
        if verbose and result.output is not None:
            lines += shortfalls(result)
    lines += ["", "per field", f"{'field':28} {'accuracy':>9} {'precision':>9} {'recall':>7} {'f1':>6} {'docs':>5}",
              "-" * 69]
    for name, tally in evaluation.fields.items():
        s = tally.summary()
        lines.append(f"{name:28} {s['accuracy']:9.3f} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f} "
                     f"{s['documents']:5d}")
    if evaluation.unmatched:
        shown = ", ".join(evaluation.unmatched[:10]) + (" …" if len(evaluation.unmatched) > 10 else "")
        lines += ["", f"{len(evaluation.unmatched)} output document(s) match no gold file (ignored): {shown}"]
    lines += [f"note: {m}" for m in evaluation.messages]
    lines.append(f"score: {evaluation.score:.3f}")
    return "\n".join(lines)

