"""A batch output as pandas DataFrames, for analysts' notebooks.

`load_frames(OUT)` reads OUT/documents/*.json one at a time and returns one table per
record kind: documents, tasks, measures, warnings and indicators. List fields
(responsible units, leaders …) stay Python lists, because a unit such as
`市、县区国家机关` holds the separator a joined string would be split on; `top_values`
explodes them. Every table has its columns even when empty, so a notebook runs on any
OUT.

With OUT/amended_tasks.jsonl (a plan's tasks as later notices of the batch amended them),
`amendments` has one row per change applied and `current_tasks()` the tasks as they stand,
amended values in place; `tasks` stays as extracted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from extract.ledger import changes_of, value_text
from schemas.document import Deadline

DOCUMENT_COLUMNS = ["doc_id", "source_path", "format", "doc_type", "title", "script", "province", "city", "county",
                    "issuers", "issue_date", "publish_date", "doc_number", "inspection_level", "inspection_round",
                    "declared_task_count", "tasks", "indicators", "amendments", "warnings", "characters"]
TASK_COLUMNS = ["doc_id", "source_path", "task_id", "seq", "category", "problem", "target", "deadline_text",
                "deadline_date", "deadline_kinds", "responsible_units", "lead_unit", "leaders", "persons",
                "supervisors", "measures", "status"]
MEASURE_COLUMNS = ["doc_id", "task_id", "label", "text"]
WARNING_COLUMNS = ["doc_id", "source_path", "code", "message"]
INDICATOR_COLUMNS = ["doc_id", "source_path", "name", "comparator", "value", "unit", "baseline_year", "target_year"]
# one row per change a later notice applied: the plan's task (doc_id … seq), the step in its
# history, the field, old and new as the ledger writes them (deadlines also as dates), and
# the amending notice (by_…)
AMENDMENT_COLUMNS = ["doc_id", "source_path", "task_id", "seq", "step", "field", "change", "old", "new", "old_date",
                     "new_date", "by_doc_id", "by_source_path", "by_title", "by_date"]
# an amended task withdrawn by a later notice, and the seq it was merged into (added in 0.1)
WITHDRAWAL_COLUMNS = ["cancelled", "merged_into"]
LIST_COLUMNS = ["deadline_kinds", "responsible_units", "leaders", "persons", "supervisors"]
FILLED_FIELDS = ["problem", "target", "deadline_date", "responsible_units", "lead_unit", "leaders", "persons",
                 "supervisors", "measures", "status"]


@dataclass
class Frames:
    documents: pd.DataFrame
    tasks: pd.DataFrame
    measures: pd.DataFrame
    warnings: pd.DataFrame
    indicators: pd.DataFrame
    unreadable: list[str] = field(default_factory=list)  # document files that are no JSON object
    amendments: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=AMENDMENT_COLUMNS))
    # the amended tasks' rows (TASK_COLUMNS and WITHDRAWAL_COLUMNS), as amended
    amended: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=TASK_COLUMNS + WITHDRAWAL_COLUMNS))

    def current_tasks(self) -> pd.DataFrame:
        """`tasks` as they stand: a task later notices amended has its amended row in place
        (same columns), `amendments` counts the changes applied to each task, and
        `cancelled` / `merged_into` tell a task a notice withdrew (merged into that seq)."""
        amended: dict[Any, dict[Any, Any]] = {}
        for row in self.amended.to_dict("records"):
            amended.setdefault(row["task_id"], row)  # the first of a task_id, as the ledger
        rows = [amended.get(row["task_id"], row) for row in self.tasks.to_dict("records")]
        current = pd.DataFrame(rows, columns=TASK_COLUMNS + WITHDRAWAL_COLUMNS)
        current["deadline_date"] = pd.to_datetime(current["deadline_date"], errors="coerce")
        counts = self.amendments.groupby("task_id").size()
        current["amendments"] = current["task_id"].map(counts).fillna(0).astype(int)
        current["cancelled"] = current["cancelled"].fillna(False).astype(bool)  # never amended: not withdrawn
        current["merged_into"] = current["merged_into"].astype(object).where(current["merged_into"].notna(), None)
        return current[[*TASK_COLUMNS, "amendments", *WITHDRAWAL_COLUMNS]]

    def fill_rates(self) -> pd.DataFrame:
        """Share of each document's tasks with each field filled (rows: source path)."""
        if self.tasks.empty:
            return pd.DataFrame(columns=FILLED_FIELDS, dtype=float)
        filled = pd.DataFrame({name: self.tasks[name].map(is_filled) for name in FILLED_FIELDS})
        filled["source_path"] = self.tasks["source_path"]
        return filled.groupby("source_path").mean().astype(float).round(3)

    def top_values(self, column: str, n: int = 10) -> pd.Series:
        """The most frequent items of a task list column (units, leaders …), each list item counted."""
        items = self.tasks[column].explode().dropna()
        counts: pd.Series = items[items.astype(str) != ""].value_counts().head(n)
        counts.index.name, counts.name = column, "tasks"
        return counts

    def deadlines_by(self, freq: str = "Q") -> pd.Series:
        """Tasks per deadline period (`Q` quarters, `Y` years, `M` months); undated tasks left out."""
        dated = self.tasks["deadline_date"].dropna()
        if dated.empty:
            return pd.Series(dtype=int, name="tasks")
        counts: pd.Series = dated.dt.to_period(freq).value_counts().sort_index()
        counts.name = "tasks"
        return counts


def is_filled(value: Any) -> bool:
    if isinstance(value, list | tuple):
        return bool(value)
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return False
    return value not in ("", 0)


def document_row(doc: dict[str, Any]) -> dict[str, Any]:
    region, inspection = doc.get("region") or {}, doc.get("inspection") or {}
    source = doc.get("source") or {}
    return {
        "doc_id": doc.get("doc_id"), "source_path": source.get("path"), "format": source.get("format"),
        "doc_type": doc.get("doc_type"), "title": doc.get("title"), "script": doc.get("script"),
        "province": region.get("province"), "city": region.get("city"), "county": region.get("county"),
        "issuers": list(doc.get("issuers") or []), "issue_date": doc.get("issue_date"),
        "publish_date": doc.get("publish_date"), "doc_number": doc.get("doc_number"),
        "inspection_level": inspection.get("level"), "inspection_round": inspection.get("round"),
        "declared_task_count": doc.get("declared_task_count"), "tasks": len(doc.get("tasks") or []),
        "indicators": len(doc.get("indicators") or []), "amendments": len(doc.get("amendments") or []),
        "warnings": len(doc.get("warnings") or []), "characters": len(doc.get("text") or ""),
    }


def task_row(doc: dict[str, Any], task: dict[str, Any]) -> dict[str, Any]:
    deadline = task.get("deadline") or {}
    return {
        "doc_id": doc.get("doc_id"), "source_path": (doc.get("source") or {}).get("path"),
        "task_id": task.get("task_id"), "seq": task.get("seq"), "category": task.get("category"),
        "problem": task.get("problem"), "target": task.get("target"), "deadline_text": deadline.get("text"),
        "deadline_date": deadline.get("date"), "deadline_kinds": list(deadline.get("kinds") or []),
        "responsible_units": list(task.get("responsible_units") or []), "lead_unit": task.get("lead_unit"),
        "leaders": list(task.get("leaders") or []), "persons": list(task.get("persons") or []),
        "supervisors": list(task.get("supervisors") or []), "measures": len(task.get("measures") or []),
        "status": task.get("status"),
    }


def deadline_date(value: object) -> Any:
    return value.date if isinstance(value, Deadline) else None


def amendment_rows(task: dict[str, Any], source_path: str | None) -> list[dict[str, Any]]:
    """An amended task's history (`amended_by`), one row per change."""
    return [{"doc_id": task.get("doc_id"), "source_path": source_path, "task_id": task.get("task_id"),
             "seq": task.get("seq"), "step": step, "field": change.field, "change": change.change,
             "old": value_text(change.old), "new": value_text(change.new), "old_date": deadline_date(change.old),
             "new_date": deadline_date(change.new), "by_doc_id": change.doc_id,
             "by_source_path": change.source_path, "by_title": change.title, "by_date": change.date}
            for step, change in enumerate(changes_of(task))]


def read_amended(out_dir: Path) -> Iterator[dict[str, Any]]:
    """OUT/amended_tasks.jsonl one task at a time (nothing without it; broken lines left out)."""
    path = out_dir / "amended_tasks.jsonl"
    if not path.is_file():
        return
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                task = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(task, dict):
                yield task


def read_documents(out_dir: Path, unreadable: list[str]) -> Iterator[dict[str, Any]]:
    """OUT/documents/*.json one at a time, in name order; the names of broken files go to `unreadable`."""
    for path in sorted((out_dir / "documents").glob("*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            document = None
        if isinstance(document, dict):
            yield document
        else:
            unreadable.append(path.name)


def load_frames(out_dir: str | Path) -> Frames:
    """The tables of a batch output folder (the folder `notice-extract run --out` wrote),
    with the changes later notices made to its plans' tasks when it has amended_tasks.jsonl."""
    documents, tasks, measures, warnings, indicators = [], [], [], [], []
    unreadable: list[str] = []
    for doc in read_documents(Path(out_dir), unreadable):
        row = document_row(doc)
        documents.append(row)
        for task in doc.get("tasks") or []:
            tasks.append(task_row(doc, task))
            measures += [{"doc_id": row["doc_id"], "task_id": task.get("task_id"), "label": m.get("label"),
                          "text": m.get("text")} for m in task.get("measures") or []]
        warnings += [{"doc_id": row["doc_id"], "source_path": row["source_path"], "code": w.get("code"),
                      "message": w.get("message")} for w in doc.get("warnings") or []]
        indicators += [{"doc_id": row["doc_id"], "source_path": row["source_path"],
                        **{k: i.get(k) for k in INDICATOR_COLUMNS[2:]}} for i in doc.get("indicators") or []]
    frames = Frames(pd.DataFrame(documents, columns=DOCUMENT_COLUMNS), pd.DataFrame(tasks, columns=TASK_COLUMNS),
                    pd.DataFrame(measures, columns=MEASURE_COLUMNS), pd.DataFrame(warnings, columns=WARNING_COLUMNS),
                    pd.DataFrame(indicators, columns=INDICATOR_COLUMNS), unreadable)
    frames.tasks["deadline_date"] = pd.to_datetime(frames.tasks["deadline_date"], errors="coerce")
    for column in ("issue_date", "publish_date"):
        frames.documents[column] = pd.to_datetime(frames.documents[column], errors="coerce")
    add_amendments(frames, Path(out_dir))
    return frames


def add_amendments(frames: Frames, out_dir: Path) -> None:
    """`amendments` and `amended` from OUT/amended_tasks.jsonl; a plan's source path from
    `documents` (None when its document file is gone)."""
    sources = dict(zip(frames.documents["doc_id"], frames.documents["source_path"], strict=True))
    changes: list[dict[str, Any]] = []
    amended: list[dict[str, Any]] = []
    for task in read_amended(out_dir):
        source = sources.get(task.get("doc_id"))
        changes += amendment_rows(task, source)
        amended.append(task_row({"doc_id": task.get("doc_id"), "source": {"path": source}}, task)
                       | {"cancelled": bool(task.get("cancelled")), "merged_into": task.get("merged_into")})
    frames.amendments = pd.DataFrame(changes, columns=AMENDMENT_COLUMNS)
    for column in ("old_date", "new_date", "by_date"):
        frames.amendments[column] = pd.to_datetime(frames.amendments[column], errors="coerce")
    frames.amended = pd.DataFrame(amended, columns=TASK_COLUMNS + WITHDRAWAL_COLUMNS)
