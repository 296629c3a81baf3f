"""A batch output as pandas DataFrames, for analysts' notebooks.

`load_frames(OUT)` reads OUT/documents/*.json one at a time and returns one table per
record kind: documents, tasks, measures, warnings and indicators. List fields
(responsible units, leaders …) stay Python lists, because a unit such as
`市、县区国家机关` holds the separator a joined string would be split on; `top_values`
explodes them. Every table has its columns even when empty, so a notebook runs on any
OUT.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

DOCUMENT_COLUMNS = ["doc_id", "source_path", "format", "doc_type", "title", "script", "province", "city", "county",
                    "issuers", "issue_date", "publish_date", "doc_number", "inspection_level", "inspection_round",
                    "declared_task_count", "tasks", "indicators", "amendments", "warnings", "characters"]
TASK_COLUMNS = ["doc_id", "source_path", "task_id", "seq", "category", "problem", "target", "deadline_text",
                "deadline_date", "deadline_kinds", "responsible_units", "lead_unit", "leaders", "persons",
                "supervisors", "measures", "status"]
MEASURE_COLUMNS = ["doc_id", "task_id", "label", "text"]
WARNING_COLUMNS = ["doc_id", "source_path", "code", "message"]
INDICATOR_COLUMNS = ["doc_id", "source_path", "name", "comparator", "value", "unit", "baseline_year", "target_year"]
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
    """The tables of a batch output folder (the folder `notice-extract run --out` wrote)."""
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
    return frames
