"""Stage 6, export: Documents → the files of CONTRACT.md, written atomically.

Per-document JSON is written to a temporary file and renamed; the batch-wide files
(tasks.jsonl, the CSVs, errors.jsonl) stream into `.partial` files, renamed when the
batch closes, so a killed run never leaves a half-written file under its final name.

JSON is taken from pydantic's serializer as UTF-8 bytes and written as such (its `str`
form would be decoded and encoded again, about half the cost of a large document). CSV
records are built here (`csv_line`, tested against csv.writer) and each document's rows
go to their file in one write.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from pydantic import BaseModel

from extract.atomic import readable_temp_file
from extract.ledger import LedgerWriter, amended_by_id
from extract.link import LinkIndex
from schemas.document import AmendedTask, Document, ErrorRecord, Manifest, Task

LIST_SEP = "；"

TASK_COLUMNS = [
    "doc_id", "task_id", "seq", "category", "problem", "target", "deadline_text", "deadline_date",
    "deadline_dates", "deadline_kinds", "responsible_units", "lead_unit", "cooperating_units", "leaders",
    "persons", "supervisors", "measures", "status", "source_path",
]
MEASURE_COLUMNS = ["doc_id", "task_id", "label", "text", "deadline_text", "deadline_date"]
DOCUMENT_COLUMNS = [
    "doc_id", "source_path", "format", "doc_type", "title", "script", "province", "city", "county",
    "issuers", "issue_date", "publish_date", "doc_number", "inspection_level", "inspection_round",
    "inspection_batch", "inspection_group", "inspection_look_back", "period_start", "period_end", "feedback_date",
    "declared_task_count", "task_count", "indicator_count", "amendment_count", "warnings",
]


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic_in_place(path, data)


def write_atomic_in_place(path: Path, data: bytes) -> None:
    """`write_atomic` into a folder that exists (a batch makes documents/ once, not per file)."""
    handle, temp = readable_temp_file(path)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def json_bytes(model: BaseModel, indent: int | None = None) -> bytes:
    """`model.model_dump_json(indent=indent).encode()`, without the round trip through `str`."""
    return model.__pydantic_serializer__.to_json(model, indent=indent)


def document_to_json(document: Document) -> bytes:
    return json_bytes(document, indent=2) + b"\n"


def joined(values: Iterable[str]) -> str:
    return LIST_SEP.join(values)


def task_row(task: Task, source_path: str) -> dict[str, Any]:
    deadline = task.deadline
    return {
        "doc_id": task.doc_id, "task_id": task.task_id, "seq": task.seq, "category": task.category or "",
        "problem": task.problem, "target": task.target or "",
        "deadline_text": deadline.text if deadline else "",
        "deadline_date": deadline.date.isoformat() if deadline and deadline.date else "",
        "deadline_dates": joined(d.isoformat() for d in deadline.dates) if deadline else "",
        "deadline_kinds": joined(deadline.kinds) if deadline else "",
        "responsible_units": joined(task.responsible_units), "lead_unit": task.lead_unit or "",
        "cooperating_units": joined(task.cooperating_units), "leaders": joined(task.leaders),
        "persons": joined(task.persons), "supervisors": joined(task.supervisors),
        "measures": joined(f"{m.label or ''}{m.text}" for m in task.measures),
        "status": task.status or "", "source_path": source_path,
    }


def document_row(doc: Document) -> dict[str, Any]:
    inspection, region = doc.inspection, doc.region

    def iso(value: Any) -> str:
        return value.isoformat() if value is not None else ""

    return {
        "doc_id": doc.doc_id, "source_path": doc.source.path, "format": doc.source.format,
        "doc_type": doc.doc_type, "title": doc.title or "", "script": doc.script,
        "province": region.province or "", "city": region.city or "", "county": region.county or "",
        "issuers": joined(doc.issuers), "issue_date": iso(doc.issue_date), "publish_date": iso(doc.publish_date),
        "doc_number": doc.doc_number or "", "inspection_level": inspection.level or "",
        "inspection_round": inspection.round if inspection.round is not None else "",
        "inspection_batch": inspection.batch if inspection.batch is not None else "",
        "inspection_group": inspection.group or "", "inspection_look_back": "true" if inspection.look_back else "",
        "period_start": iso(inspection.period_start),
        "period_end": iso(inspection.period_end), "feedback_date": iso(inspection.feedback_date),
        "declared_task_count": doc.declared_task_count if doc.declared_task_count is not None else "",
        "task_count": len(doc.tasks), "indicator_count": len(doc.indicators),
        "amendment_count": len(doc.amendments), "warnings": joined(w.code for w in doc.warnings),
    }


# What makes a CSV field quoted (csv.QUOTE_MINIMAL with lineterminator "\r\n"): the
# delimiter, the quote character or a line end.
CSV_SPECIAL_RE = re.compile(r'[,"\r\n]')


def csv_line(values: list[Any]) -> str:
    """A CSV record of several fields, as csv.writer(lineterminator="\r\n") writes it: fields
    quoted where they must be, their quotes doubled (the module also quotes a lone empty
    field, `""`, which a row of our columns never is). Measured on this corpus, the csv
    module's per-character loop costs several times one `re` search per field."""
    special = CSV_SPECIAL_RE.search
    fields = [value if isinstance(value, str) else "" if value is None else str(value) for value in values]
    return ",".join(['"' + field.replace('"', '""') + '"' if special(field) else field for field in fields]) + "\r\n"


class CsvStream:
    """One CSV file of the batch: a document's rows reach the file in one write (each write
    to a `utf-8-sig` text file runs the codec's Python code)."""

    def __init__(self, handle: IO[str], columns: list[str]) -> None:
        self.handle = handle
        self.columns = columns
        self._lines = [csv_line(columns)]
        self.flush()

    def add(self, row: dict[str, Any]) -> None:
        self._lines.append(csv_line([row[name] for name in self.columns]))

    def flush(self) -> None:
        self.handle.write("".join(self._lines))
        self._lines.clear()


class OutputWriter:
    """Streams a batch's documents and errors into OUT/ (use as a context manager)."""

    def __init__(self, out_dir: Path, formats: Iterable[str]) -> None:
        self.out_dir = out_dir
        self.formats = set(formats)
        self._files: dict[str, IO[Any]] = {}
        self._csv: dict[str, CsvStream] = {}
        self._documents_dir: Path | None = None  # made with the first document
        out_dir.mkdir(parents=True, exist_ok=True)
        self._ledger = LedgerWriter(out_dir) if "xlsx" in self.formats else None
        self._open_binary("errors.jsonl")
        # amended_tasks.jsonl: the plans' tasks other documents amend, linked when the batch closes
        self._links = LinkIndex() if "jsonl" in self.formats else None
        if "jsonl" in self.formats:
            self._open_binary("tasks.jsonl")
            self._open_binary("amended_tasks.jsonl")
        if "csv" in self.formats:
            for name, columns in (("tasks.csv", TASK_COLUMNS), ("measures.csv", MEASURE_COLUMNS),
                                  ("documents.csv", DOCUMENT_COLUMNS)):
                # UTF-8 with BOM so that Excel opens Chinese text right
                handle = (self.out_dir / f"{name}.partial").open("w", encoding="utf-8-sig", newline="")
                self._files[name] = handle
                self._csv[name] = CsvStream(handle, columns)

    def _open_binary(self, name: str) -> None:
        """A JSON Lines file: its lines come as UTF-8 bytes from the serializer."""
        self._files[name] = (self.out_dir / f"{name}.partial").open("wb")

    def add_document(self, doc: Document) -> None:
        if "json" in self.formats:
            if self._documents_dir is None:
                self._documents_dir = self.out_dir / "documents"
                self._documents_dir.mkdir(exist_ok=True)
            write_atomic_in_place(self._documents_dir / f"{doc.doc_id}.json", document_to_json(doc))
        if "jsonl" in self.formats and doc.tasks:
            self._files["tasks.jsonl"].write(b"".join([json_bytes(task) + b"\n" for task in doc.tasks]))
        if "csv" in self.formats:
            tasks, measures = self._csv["tasks.csv"], self._csv["measures.csv"]
            for task in doc.tasks:
                tasks.add(task_row(task, doc.source.path))
                for measure in task.measures:
                    own = measure.deadline
                    measures.add({
                        "doc_id": doc.doc_id, "task_id": task.task_id, "label": measure.label or "",
                        "text": measure.text, "deadline_text": own.text if own else "",
                        "deadline_date": own.date.isoformat() if own and own.date else ""})
            self._csv["documents.csv"].add(document_row(doc))
            for stream in self._csv.values():
                stream.flush()
        if self._ledger is not None:
            self._ledger.add_document(doc)
        if self._links is not None:
            self._links.add(doc)

    def add_error(self, record: ErrorRecord) -> None:
        self._files["errors.jsonl"].write(json_bytes(record) + b"\n")

    def plan_tasks(self, doc_id: str) -> list[Task]:
        """A plan's tasks read back from its documents/ file (validated, so fresh copies);
        a batch without the json format has them in tasks.jsonl only."""
        if "json" in self.formats:
            path = self.out_dir / "documents" / f"{doc_id}.json"
            return Document.model_validate_json(path.read_bytes()).tasks
        self._files["tasks.jsonl"].flush()
        with (self.out_dir / "tasks.jsonl.partial").open("rb") as lines:
            tasks = (Task.model_validate_json(line) for line in lines)
            return [task for task in tasks if task.doc_id == doc_id]

    def write_links(self, manifest: Manifest) -> tuple[Manifest, list[AmendedTask]]:
        """amended_tasks.jsonl, and its counts added to the manifest's; the amended tasks
        are returned for the ledger."""
        if self._links is None:
            return manifest, []
        amended, counts = self._links.amended_tasks(self.plan_tasks)
        self._files["amended_tasks.jsonl"].write(b"".join(json_bytes(task) + b"\n" for task in amended))
        self._links = None
        return manifest.model_copy(update={"counts": {**manifest.counts, **counts.as_dict()}}), amended

    def close(self, manifest: Manifest) -> None:
        manifest, amended = self.write_links(manifest)
        for name, handle in self._files.items():
            handle.close()
            os.replace(self.out_dir / f"{name}.partial", self.out_dir / name)
        self._files.clear()
        if self._ledger is not None:
            self._ledger.close(amended_by_id(amended))  # the ledger shows the tasks as amended
            self._ledger = None
        write_atomic(self.out_dir / "manifest.json", json_bytes(manifest, indent=2) + b"\n")

    def abort(self) -> None:
        for handle in self._files.values():
            handle.close()
        self._files.clear()
        if self._ledger is not None:
            self._ledger.discard()
        self._ledger = None  # never saved: no tasks.xlsx from a run that did not finish

    def __enter__(self) -> OutputWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._files:
            self.abort()


def write_json_file(path: Path, payload: Any) -> None:
    write_atomic(path, (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
