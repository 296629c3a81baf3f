"""The Excel ledger (`--formats xlsx`): OUT/tasks.xlsx in the column order supervision
offices use for a 整改台账, streamed row by row (openpyxl write-only mode, so memory
stays flat), saved to a temporary name and renamed when done.

`LedgerWriter` takes documents as they come (the batch's exporter streams into it, in
input order); `write_ledger(OUT)` (`notice-extract ledger OUT`) rebuilds it from
OUT/documents/*.json, one document at a time, in source-path order, and
OUT/amended_tasks.jsonl when present.

The ledger shows the tasks as they stand: a task that a later notice of the batch amended
(link.py, `AmendedTask`) is written with its amended values, and its changes are listed.
Those are known only when the batch closes, so task rows wait in a spool file (one JSON
line each, memory stays flat) and reach the sheet in `close`.

Sheet 任务: 序号, 问题, 整改目标, 整改时限, 责任单位, 责任领导, 责任人员, 督导单位,
整改措施 (one per line in the cell), 状态, 来源文件, 调整记录 (one change per line);
wrapped text, frozen header, set column widths. Sheet 文件: one row per document. Sheet
调整: one row per change applied, in the order of the tasks they amend.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from pydantic import ValidationError

from extract.atomic import readable_temp_file
from schemas.document import AmendedTask, AppliedAmendment, Deadline, Document, Measure, Task

LIST_SEP = "、"
STATUS_NAMES = {"completed": "已完成", "basically_completed": "基本完成", "on_schedule": "达到序时进度",
                "in_progress": "正在推进", "not_started": "未启动"}
TASK_SHEET = [("序号", 8), ("问题", 50), ("整改目标", 36), ("整改时限", 18), ("责任单位", 24), ("责任领导", 14),
              ("责任人员", 16), ("督导单位", 18), ("整改措施", 60), ("状态", 10), ("来源文件", 28),
              ("调整记录", 48)]
CHANGE_SHEET = [("来源文件", 28), ("序号", 8), ("问题", 40), ("调整字段", 12), ("原值", 30), ("新值", 30),
                ("调整方式", 10), ("调整日期", 12), ("调整文件", 48), ("调整文件路径", 28)]
# a Task field as the ledger's columns name it (fields without a column: their Task name)
FIELD_NAMES = {"problem": "问题", "target": "整改目标", "deadline": "整改时限", "responsible_units": "责任单位",
               "cooperating_units": "配合单位", "leaders": "责任领导", "persons": "责任人员",
               "supervisors": "督导单位", "measures": "整改措施", "status": "状态", "task": "整改任务"}
CHANGE_NAMES = {"replace": "调整", "add": "增加", "remove": "删除", "cancel": "撤销"}
EMPTY = "(无)"  # a value a change cell shows for a field that had none
DOCUMENT_SHEET = [("来源文件", 32), ("标题", 48), ("类型", 16), ("省", 10), ("市", 10), ("县", 10), ("发文单位", 28),
                  ("成文日期", 12), ("发布日期", 12), ("文号", 20), ("任务数", 8), ("警告", 30)]
CELL_LIMIT = 32767  # characters Excel keeps in a cell; longer text makes it "repair" the file
# the source path near the top of a document file, read without parsing the whole text
SOURCE_PATH_RE = re.compile(r'"source"\s*:\s*\{[^{}]*?"path"\s*:\s*"((?:[^"\\]|\\.)*)"')
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def deadline_text(deadline: Deadline | None, sep: str = "\n") -> str:
    """The deadline as written, its date after it when one was read."""
    if deadline is None:
        return ""
    date = deadline.date.isoformat() if deadline.date else ""
    return deadline.text if not date else f"{deadline.text}{sep}({date})"


def deadline_cell(task: Task) -> str:
    return deadline_text(task.deadline)


def measures_cell(task: Task) -> str:
    return "\n".join(f"{m.label or ''}{m.text}" for m in task.measures)


def task_values(task: Task, source: str) -> list[Any]:
    return [task.seq, task.problem, task.target or "", deadline_cell(task), LIST_SEP.join(task.responsible_units),
            LIST_SEP.join(task.leaders), LIST_SEP.join(task.persons), LIST_SEP.join(task.supervisors),
            measures_cell(task), STATUS_NAMES.get(str(task.status), "") if task.status else "", source]


def value_text(value: object) -> str:
    """A task field's value on one line, as a change shows it (AppliedAmendment.old/new)."""
    if value is None or value == [] or value == "":
        return EMPTY
    if isinstance(value, Deadline):
        return deadline_text(value, " ")
    if isinstance(value, list):
        if all(isinstance(item, Measure) for item in value):
            return "；".join(f"{m.label or ''}{m.text}" for m in value)
        return LIST_SEP.join(str(item) for item in value)
    return str(value)


def changes_of(amended_task: dict[str, Any]) -> list[AppliedAmendment]:
    """The history (`amended_by`) of an amended task read as JSON; a record that does not
    validate is left out (the review pages and frames read OUT as plain JSON)."""
    changes = []
    for record in amended_task.get("amended_by") or []:
        try:
            changes.append(AppliedAmendment.model_validate(record))
        except ValidationError:
            continue
    return changes


def change_notice(change: AppliedAmendment) -> str:
    """The amending notice as a change names it: its title, else its source path."""
    return change.title or change.source_path


def change_line(change: AppliedAmendment) -> str:
    """One line of 调整记录: `2021-09-01 关于调整…的通知: 整改时限 2021年12月底前 (2021-12-31) → 2022年6月底前
    (2022-06-30)`; an addition to a list reads `责任单位 增加 X`."""
    date = f"{change.date.isoformat()} " if change.date else ""
    return f"{date}{change_notice(change)}: {change_what(change)}"


def change_what(change: AppliedAmendment) -> str:
    """What a change did: `整改时限 <old> → <new>`, `责任单位 增加 <new>` for an addition,
    `责任单位 删除 <new>` for a removal, `整改任务 撤销` for a task withdrawn (`整改任务 撤销,
    并入第6项` merged into another)."""
    name = FIELD_NAMES.get(change.field, change.field)
    if change.change in ("add", "remove"):
        return f"{name} {CHANGE_NAMES[change.change]} {value_text(change.new)}"
    if change.change == "cancel":
        return f"{name} 撤销" + (f",并入第{change.new}项" if change.new else "")
    return f"{name} {value_text(change.old)} → {value_text(change.new)}"


def history_cell(task: AmendedTask | None) -> str:
    return "" if task is None else "\n".join(change_line(change) for change in task.amended_by)


def change_values(task: AmendedTask, change: AppliedAmendment, source: str) -> list[Any]:
    return [source, task.seq, task.problem, FIELD_NAMES.get(change.field, change.field), value_text(change.old),
            value_text(change.new), CHANGE_NAMES.get(change.change, change.change),
            change.date.isoformat() if change.date else "", change_notice(change), change.source_path]


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
    """Document rows are appended as documents arrive, task rows spooled; `close` writes
    the task rows (amended ones as amended) and saves OUT/tasks.xlsx atomically."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / "tasks.xlsx"
        self.workbook = Workbook(write_only=True)
        self.tasks = self.workbook.create_sheet("任务")
        self.documents = self.workbook.create_sheet("文件")
        self.changes = self.workbook.create_sheet("调整")
        start_sheet(self.tasks, TASK_SHEET)
        start_sheet(self.documents, DOCUMENT_SHEET)
        start_sheet(self.changes, CHANGE_SHEET)
        # a task row waits here: [task_id, source path, cells] per line
        self._spool: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115  # closed in close or discard

    def add_document(self, doc: Document) -> None:
        rows = [json.dumps([task.task_id, doc.source.path, task_values(task, doc.source.path)], ensure_ascii=False)
                for task in doc.tasks]
        self._spool.write("".join(row + "\n" for row in rows).encode("utf-8"))
        self.documents.append(wrapped_row(self.documents, document_values(doc)))

    def write_tasks(self, amended: Mapping[str, AmendedTask]) -> None:
        """The spooled task rows; a task in `amended` (by task_id) as amended, with its changes."""
        self._spool.seek(0)
        for line in self._spool:
            task_id, source, values = json.loads(line)
            task = amended.get(task_id)
            if task is not None:
                values = task_values(task, source)
                for change in task.amended_by:
                    self.changes.append(wrapped_row(self.changes, change_values(task, change, source)))
            self.tasks.append(wrapped_row(self.tasks, [*values, history_cell(task)]))
        self._spool.close()

    def discard(self) -> None:
        self._spool.close()

    def close(self, amended: Mapping[str, AmendedTask] | None = None) -> None:
        self.write_tasks(amended or {})
        handle, temp = readable_temp_file(self.path)
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


def read_amended(out_dir: Path) -> list[AmendedTask]:
    """OUT/amended_tasks.jsonl ([] without it); unreadable lines are left out."""
    path = out_dir / "amended_tasks.jsonl"
    if not path.is_file():
        return []
    amended: list[AmendedTask] = []
    with path.open("rb") as lines:
        for line in lines:
            try:
                amended.append(AmendedTask.model_validate_json(line))
            except ValidationError:
                continue
    return amended


def amended_by_id(tasks: list[AmendedTask]) -> dict[str, AmendedTask]:
    """Amended tasks by task_id, the first of an id kept."""
    found: dict[str, AmendedTask] = {}
    for task in tasks:
        found.setdefault(task.task_id, task)
    return found


def write_ledger(out_dir: Path) -> Path:
    """OUT/tasks.xlsx from OUT/documents/*.json and OUT/amended_tasks.jsonl (sheets 任务,
    文件 and 调整); returns its path."""
    writer = LedgerWriter(out_dir)
    for document in documents_in_order(out_dir):
        writer.add_document(document)
    writer.close(amended_by_id(read_amended(out_dir)))
    return writer.path
