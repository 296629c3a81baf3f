"""The Excel ledger: sheets, column order, wrapped cells, frozen header, measures one per
line, source-path order, cells Excel accepts, atomic writes, and the `run` hook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from extract.cli import cli
from extract.ledger import CELL_LIMIT, TASK_SHEET, cell_value, write_ledger
from schemas.document import Deadline, Document, Measure, Source, Task
from tests.conftest import CORPUS


def make_document(path: str, doc_id: str, tasks: list[dict[str, Any]]) -> Document:
    return Document(
        doc_id=doc_id, source=Source(path=path, format="txt", sha256="0" * 64), title=f"{path}整改方案",
        doc_type="plan", text="正文",
        tasks=[Task(task_id=f"{doc_id}:{t['seq']}", doc_id=doc_id, **t) for t in tasks])


def write_documents(out: Path, documents: list[Document]) -> None:
    (out / "documents").mkdir(parents=True, exist_ok=True)
    for document in documents:
        (out / "documents" / f"{document.doc_id}.json").write_text(document.model_dump_json(indent=2),
                                                                   encoding="utf-8")


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    # file names sort the other way round from the source paths
    write_documents(tmp_path, [
        make_document("b/乙县.txt", "0000000000000001", [
            {"seq": "2", "problem": "乙问题", "responsible_units": ["乙县政府", "乙县生态环境局"],
             "leaders": ["张某某"], "deadline": Deadline(text="2021年年底前", date=dt.date(2021, 12, 31)),
             "measures": [Measure(label="(一)", text="建立台账。"), Measure(label="(二)", text="每月调度。")],
             "status": "completed"}]),
        make_document("a/甲市.txt", "ffffffffffffffff", [
            {"seq": "1", "problem": "甲问题\x0b", "target": "达标", "deadline": Deadline(text="长期坚持"),
             "supervisors": ["市督察办"], "persons": ["李某"]}]),
    ])
    return write_ledger(tmp_path)


def test_sheets_header_and_layout(ledger: Path) -> None:
    workbook = openpyxl.load_workbook(ledger)
    assert workbook.sheetnames == ["任务", "文件"]
    tasks = workbook["任务"]
    assert [c.value for c in tasks[1]] == ["序号", "问题", "整改目标", "整改时限", "责任单位", "责任领导", "责任人员",
                                          "督导单位", "整改措施", "状态", "来源文件"]
    assert tasks.freeze_panes == "A2" and workbook["文件"].freeze_panes == "A2"
    assert [tasks.column_dimensions[chr(65 + k)].width for k in range(len(TASK_SHEET))] == \
        [width for _, width in TASK_SHEET]
    assert all(c.alignment.wrap_text for row in tasks.iter_rows() for c in row)
    assert ledger.name == "tasks.xlsx" and not list(ledger.parent.glob("*.tmp"))


@pytest.mark.parametrize(("row", "column", "expected"), [
    (2, "序号", "1"),  # a/ before b/: source-path order, not file-name order
    (2, "问题", "甲问题"),  # control character dropped
    (2, "整改目标", "达标"),
    (2, "整改时限", "长期坚持"),  # no date: the text alone
    (2, "责任人员", "李某"),
    (2, "督导单位", "市督察办"),
    (2, "状态", None),
    (2, "来源文件", "a/甲市.txt"),
    (3, "整改时限", "2021年年底前\n(2021-12-31)"),
    (3, "责任单位", "乙县政府、乙县生态环境局"),
    (3, "责任领导", "张某某"),
    (3, "整改措施", "(一)建立台账。\n(二)每月调度。"),  # one measure per line
    (3, "状态", "已完成"),
])
def test_task_cells(ledger: Path, row: int, column: str, expected: str | None) -> None:
    sheet = openpyxl.load_workbook(ledger)["任务"]
    index = [c.value for c in sheet[1]].index(column) + 1
    assert (sheet.cell(row=row, column=index).value or None) == expected


def test_document_sheet(ledger: Path) -> None:
    rows = list(openpyxl.load_workbook(ledger)["文件"].iter_rows(values_only=True))
    assert [r[0] for r in rows] == ["来源文件", "a/甲市.txt", "b/乙县.txt"]
    assert rows[1][1] == "a/甲市.txt整改方案" and rows[2][10] == 1


@pytest.mark.parametrize(("value", "expected"), [
    ("正常文字", "正常文字"),
    ("换行\n保留", "换行\n保留"),
    ("控制\x00字符\x1f", "控制字符"),
    (7, 7),
])
def test_cell_value(value: object, expected: object) -> None:
    assert cell_value(value) == expected


def test_long_text_is_cut_to_the_cell_limit() -> None:
    value = cell_value("字" * (CELL_LIMIT + 10))
    assert isinstance(value, str) and len(value) == CELL_LIMIT and value.endswith("…")


def test_rewrite_replaces_the_old_ledger(ledger: Path) -> None:
    (ledger.parent / "documents" / "0000000000000001.json").unlink()
    result = CliRunner().invoke(cli, ["ledger", str(ledger.parent)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(ledger)
    assert openpyxl.load_workbook(ledger)["任务"].max_row == 2


@pytest.mark.parametrize(("formats", "written"), [("json,xlsx", True), ("xlsx", True), ("json,jsonl", False)])
def test_run_writes_the_ledger_with_the_format(tmp_path: Path, formats: str, written: bool) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(CORPUS / "seeds"), "--out", str(out), "-q", "--workers", "1",
                                      "--formats", formats])
    assert result.exit_code == 0, result.output
    assert (out / "tasks.xlsx").is_file() == written
    if written:
        sheet = openpyxl.load_workbook(out / "tasks.xlsx")["文件"]
        sources = [str(r[0]) for r in sheet.iter_rows(min_row=2, values_only=True)]
        assert len(sources) == len(list((CORPUS / "seeds").glob("*.txt"))) and sources == sorted(sources)
