"""The Excel ledger (`--formats xlsx`): OUT/tasks.xlsx in the column order supervision
offices use for a 整改台账, streamed row by row (openpyxl write-only mode, so memory
stays flat), saved to a temporary name and renamed when done.

`LedgerWriter` takes documents as they come (the batch's exporter streams into it, in
input order); `write_ledger(OUT)` (`notice-extract ledger OUT`) rebuilds it from
OUT/documents/*.json, one document at a time, in source-path order.

Sheet 任务: 序号, 问题, 整改目标, 整改时限, 责任单位, 责任领导, 责任人员, 督导单位,
整改措施 (one per line in the cell), 状态, 来源文件; wrapped text, frozen header, set
column widths. Sheet 文件: one row per document.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from pydantic import ValidationError

from schemas.document import Document, Task

LIST_SEP = "、"
STATUS_NAMES = {"completed": "已完成", "basically_completed": "基本完成", "on_schedule": "达到序时进度",
                "in_progress": "正在推进", "not_started": "未启动"}
TASK_SHEET = [("序号", 8), ("问题", 50), ("整改目标", 36), ("整改时限", 18), ("责任单位", 24), ("责任领导", 14),
              ("责任人员", 16), ("督导单位", 18), ("整改措施", 60), ("状态", 10), ("来源文件", 28)]
DOCUMENT_SHEET = [("来源文件", 32), ("标题", 48), ("类型", 16), ("省", 10), ("市", 10), ("县", 10), ("发文单位", 28),
                  ("成文日期", 12), ("发布日期", 12), ("文号", 20), ("任务数", 8), ("警告", 30)]
CELL_LIMIT = 32767  # characters Excel keeps in a cell; longer text makes it "repair" the file
# the source path near the top of a document file, read without parsing the whole text
SOURCE_PATH_RE = re.compile(r'"source"\s*:\s*\{[^{}]*?"path"\s*:\s*"((?:[^"\\]|\\.)*)"')
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def deadline_cell(task: Task) -> str:
    if task.deadline is None:
        return ""
    date = task.deadline.date.isoformat() if task.deadline.date else ""
    return task.deadline.text if not date else f"{task.deadline.text}\n({date})"


def measures_cell(task: Task) -> str:
    return "\n".join(f"{m.label or ''}{m.text}" for m in task.measures)


def task_values(task: Task, source: str) -> list[Any]:
    return [task.seq, task.problem, task.target or "", deadline_cell(task), LIST_SEP.join(task.responsible_units),
            LIST_SEP.join(task.leaders), LIST_SEP.join(task.persons), LIST_SEP.join(task.supervisors),
            measures_cell(task), STATUS_NAMES.get(str(task.status), "") if task.status else "", source]


def document_values(doc: Document) -> list[Any]:
    return [doc.source.path, doc.title or "", str(doc.doc_type), doc.region.province or "", doc.region.city or "",
            doc.region.county or "", LIST_SEP.join(doc.issuers),
            doc.issue_date.isoformat() if doc.issue_date else "",
            doc.publish_date.isoformat() if doc.publish_date else "", doc.doc_number or "", len(doc.tasks),
            LIST_SEP.join(sorted({w.code for w in doc.warnings}))]


def start_sheet(sheet: WriteOnlyWorksheet, columns: list[tuple[str, int]]) -> None:
    dimensions = sheet.column_dimensions  # type: ignore[attr-defined]  # write-only sheets have them at run time
    for index, (_, width) in enumerate(columns):
        dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for name, _ in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
        header.append(cell)
    sheet.append(header)


def cell_value(value: Any) -> Any:
    """Text Excel accepts: no control characters, at most CELL_LIMIT characters."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if len(value) <= CELL_LIMIT else value[: CELL_LIMIT - 1] + "…"


def wrapped_row(sheet: WriteOnlyWorksheet, values: list[Any]) -> list[Cell]:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=cell_value(value))
        cell.alignment = WRAP
        cells.append(cell)
    return cells


class LedgerWriter:
    """Rows are appended as documents arrive; `close` saves OUT/tasks.xlsx atomically."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / "tasks.xlsx"
        self.workbook = Workbook(write_only=True)
        self.tasks = self.workbook.create_sheet("任务")
        self.documents = self.workbook.create_sheet("文件")
        start_sheet(self.tasks, TASK_SHEET)
        start_sheet(self.documents, DOCUMENT_SHEET)

    def add_document(self, doc: Document) -> None:
        for task in doc.tasks:
            self.tasks.append(wrapped_row(self.tasks, task_values(task, doc.source.path)))
        self.documents.append(wrapped_row(self.documents, document_values(doc)))

    def close(self) -> None:
        handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        os.close(handle)
        try:
            self.workbook.save(temp)
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise


def source_path_of(path: Path) -> str:
    """A document file's source path, from its head when the key comes early (as we write it)."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        match = SOURCE_PATH_RE.search(handle.read(8192))
    if match:
        return str(json.loads(f'"{match.group(1)}"'))
    try:
        source = json.loads(path.read_text(encoding="utf-8")).get("source") or {}
    except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
        return ""
    return str(source.get("path") or "") if isinstance(source, dict) else ""


def documents_in_order(out_dir: Path) -> Iterator[Document]:
    """OUT/documents/*.json one at a time, in source-path order; unreadable files are left out."""
    paths = (out_dir / "documents").glob("*.json")
    for _, path in sorted((source_path_of(p), p) for p in paths):
        try:
            yield Document.model_validate_json(path.read_bytes())
        except (OSError, ValidationError):
            continue


def write_ledger(out_dir: Path) -> Path:
    """OUT/tasks.xlsx from OUT/documents/*.json (sheets 任务 and 文件); returns its path."""
    writer = LedgerWriter(out_dir)
    for document in documents_in_order(out_dir):
        writer.add_document(document)
    writer.close()
    return writer.path
