"""A batch output as pandas DataFrames, for analysts' notebooks.

`load_frames(OUT)` reads OUT/documents/*.json one at a time and returns four tables:
documents (one row per document), tasks (one per task, list fields joined with `、`),
measures (one per measure) and warnings (one per warning).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

LIST_SEP = "、"
TASK_FIELDS = ["problem", "target", "deadline_date", "responsible_units", "lead_unit", "leaders", "persons",
               "supervisors", "measures", "status"]


@dataclass
class Frames:
    documents: pd.DataFrame
    tasks: pd.DataFrame
    measures: pd.DataFrame
    warnings: pd.DataFrame

    def fill_rates(self) -> pd.DataFrame:
        """Share of tasks with each field filled, per document (rows) and field (columns)."""
        if self.tasks.empty:
            return pd.DataFrame(columns=TASK_FIELDS)
        values = self.tasks[TASK_FIELDS]
        filled = values.notna() & values.map(lambda v: v not in ("", 0))
        filled["source_path"] = self.tasks["source_path"]
        return filled.groupby("source_path").mean().round(3)


def document_row(doc: dict[str, Any]) -> dict[str, Any]:
    region, inspection = doc.get("region") or {}, doc.get("inspection") or {}
    return {
        "doc_id": doc["doc_id"], "source_path": doc["source"]["path"], "format": doc["source"]["format"],
        "doc_type": doc.get("doc_type"), "title": doc.get("title"), "script": doc.get("script"),
        "province": region.get("province"), "city": region.get("city"), "county": region.get("county"),
        "issuers": LIST_SEP.join(doc.get("issuers", [])), "issue_date": doc.get("issue_date"),
        "publish_date": doc.get("publish_date"), "doc_number": doc.get("doc_number"),
        "inspection_level": inspection.get("level"), "inspection_round": inspection.get("round"),
        "declared_task_count": doc.get("declared_task_count"), "tasks": len(doc.get("tasks", [])),
        "indicators": len(doc.get("indicators", [])), "amendments": len(doc.get("amendments", [])),
        "warnings": len(doc.get("warnings", [])),
    }


def task_row(doc: dict[str, Any], task: dict[str, Any]) -> dict[str, Any]:
    deadline = task.get("deadline") or {}
    return {
        "doc_id": doc["doc_id"], "source_path": doc["source"]["path"], "task_id": task["task_id"],
        "seq": task["seq"], "category": task.get("category"), "problem": task.get("problem"),
        "target": task.get("target"), "deadline_text": deadline.get("text"), "deadline_date": deadline.get("date"),
        "deadline_kinds": LIST_SEP.join(deadline.get("kinds", [])),
        "responsible_units": LIST_SEP.join(task.get("responsible_units", [])), "lead_unit": task.get("lead_unit"),
        "leaders": LIST_SEP.join(task.get("leaders", [])), "persons": LIST_SEP.join(task.get("persons", [])),
        "supervisors": LIST_SEP.join(task.get("supervisors", [])), "measures": len(task.get("measures", [])),
        "status": task.get("status"),
    }


def load_frames(out_dir: str | Path) -> Frames:
    documents, tasks, measures, warnings = [], [], [], []
    for path in sorted(Path(out_dir, "documents").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        documents.append(document_row(doc))
        for task in doc.get("tasks", []):
            tasks.append(task_row(doc, task))
            measures += [{"doc_id": doc["doc_id"], "task_id": task["task_id"], "label": m.get("label"),
                          "text": m["text"]} for m in task.get("measures", [])]
        warnings += [{"doc_id": doc["doc_id"], "source_path": doc["source"]["path"], "code": w["code"],
                      "message": w["message"]} for w in doc.get("warnings", [])]
    frames = Frames(pd.DataFrame(documents), pd.DataFrame(tasks), pd.DataFrame(measures), pd.DataFrame(warnings))
    if not frames.tasks.empty:
        frames.tasks["deadline_date"] = pd.to_datetime(frames.tasks["deadline_date"], errors="coerce")
    return frames
