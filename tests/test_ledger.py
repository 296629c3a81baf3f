"""The Excel ledger: sheets, column order, wrapped cells, frozen header, measures one per
line, source-path order, cells Excel accepts, atomic writes, the `run` hook, and tasks
shown as later notices of the batch amended them (调整记录, sheet 调整)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from extract.cli import cli
from extract.ledger import CELL_LIMIT, CHANGE_SHEET, TASK_SHEET, cell_value, change_line, write_ledger
from schemas.document import AppliedAmendment, Deadline, Document, Measure, Source, Task
from tests.conftest import AMENDED_PLAN_TITLE, CORPUS, run_amended_batch
from tests.test_link import PLAN as LINK_PLAN
from tests.test_link import PLAN_TITLE as LINK_PLAN_TITLE
from tests.test_link import notice
from tests.test_link import run as run_link_batch


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
    assert workbook.sheetnames == ["任务", "文件", "调整"]
    tasks = workbook["任务"]
    assert [c.value for c in tasks[1]] == ["序号", "问题", "整改目标", "整改时限", "责任单位", "责任领导", "责任人员",
                                          "督导单位", "整改措施", "状态", "来源文件", "调整记录"]
    assert [c.value for c in workbook["调整"][1]] == [name for name, _ in CHANGE_SHEET]
    assert all(workbook[name].freeze_panes == "A2" for name in workbook.sheetnames)
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


def sheet_rows(path: Path, name: str) -> list[dict[str, Any]]:
    """A sheet's rows below the header, as {column name: value}."""
    rows = list(openpyxl.load_workbook(path)[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def assert_amended_ledger(path: Path) -> None:
    first, second = sheet_rows(path, "任务")
    assert (first["序号"], first["整改时限"], first["调整记录"]) == ("1", "2021年10月底前\n(2021-10-31)", None)
    assert (second["序号"], second["来源文件"]) == ("2", "in/a_plan.txt")
    assert second["整改时限"] == "2022年9月底前\n(2022-09-30)"  # the amended value, not the plan's
    assert second["责任单位"] == "县自然资源局"  # untouched
    assert second["调整记录"] == (f"2021-11-15 永昌县人民政府关于调整《{AMENDED_PLAN_TITLE}》部分整改任务的通知: "
                                  "整改时限 2021年12月底前 (2021-12-31) → 2022年9月底前 (2022-09-30)")
    [change] = sheet_rows(path, "调整")
    assert change == {"来源文件": "in/a_plan.txt", "序号": "2", "问题": "北海子湿地周边违规建设问题。",
                      "调整字段": "整改时限", "原值": "2021年12月底前 (2021-12-31)",
                      "新值": "2022年9月底前 (2022-09-30)", "调整方式": "调整", "调整日期": "2021-11-15",
                      "调整文件": f"永昌县人民政府关于调整《{AMENDED_PLAN_TITLE}》部分整改任务的通知",
                      "调整文件路径": "in/b_notice.txt"}


def test_run_shows_tasks_as_amended(tmp_path: Path) -> None:
    out = run_amended_batch(tmp_path / "linked", ("json", "jsonl", "csv", "xlsx"))
    assert_amended_ledger(out / "tasks.xlsx")
    out = run_amended_batch(tmp_path / "unlinked", ("json", "xlsx"))  # linking comes with jsonl
    assert sheet_rows(out / "tasks.xlsx", "任务")[1]["整改时限"] == "2021年12月底前\n(2021-12-31)"


def test_rebuild_reads_the_amended_tasks(tmp_path: Path) -> None:
    out = run_amended_batch(tmp_path)
    assert_amended_ledger(write_ledger(out))
    (out / "amended_tasks.jsonl").unlink()  # without it: the plan's tasks as extracted
    rows = sheet_rows(write_ledger(out), "任务")
    assert rows[1]["整改时限"] == "2021年12月底前\n(2021-12-31)" and rows[1]["调整记录"] is None
    assert sheet_rows(out / "tasks.xlsx", "调整") == []


@pytest.mark.parametrize(("change", "expected"), [
    ({"field": "responsible_units", "change": "add", "old": ["县水务局"], "new": ["县环保局", "县林草局"]},
     "2021-11-15 关于调整的通知: 责任单位 增加 县环保局、县林草局"),
    ({"field": "target", "old": None, "new": "全部拆除", "date": None, "title": None},
     "in/b.txt: 整改目标 (无) → 全部拆除"),  # undated, untitled: the notice's path
    ({"field": "measures", "old": [{"label": "1.", "text": "清理。"}], "new": [{"text": "复绿。"}]},
     "2021-11-15 关于调整的通知: 整改措施 1.清理。 → 复绿。"),
])
def test_change_line(change: dict[str, Any], expected: str) -> None:
    record = AppliedAmendment.model_validate({"doc_id": "b", "source_path": "in/b.txt", "title": "关于调整的通知",
                                              "date": "2021-11-15", **change})
    assert change_line(record) == expected


@pytest.mark.parametrize(("change", "expected"), [
    ({"field": "responsible_units", "change": "remove", "old": ["县水务局", "县环保局"], "new": ["县环保局"]},
     "2021-11-15 关于调整的通知: 责任单位 删除 县环保局"),
    ({"field": "task", "change": "cancel"}, "2021-11-15 关于调整的通知: 整改任务 撤销"),
    ({"field": "task", "change": "cancel", "new": "6"}, "2021-11-15 关于调整的通知: 整改任务 撤销,并入第6项"),
])
def test_change_line_of_a_removal_and_a_withdrawal(change: dict[str, Any], expected: str) -> None:
    record = AppliedAmendment.model_validate({"doc_id": "b", "source_path": "in/b.txt", "title": "关于调整的通知",
                                              "date": "2021-11-15", **change})
    assert change_line(record) == expected


def test_the_ledger_shows_units_removed_and_tasks_withdrawn(tmp_path: Path) -> None:
    items = "一、第1项,区住建局不再作为责任单位,增加区水务局为责任单位。\n二、撤销第2项整改任务。\n三、将第3项并入第1项。"
    out = run_link_batch(tmp_path, {"a_plan.txt": LINK_PLAN, "b_notice.txt": notice(LINK_PLAN_TITLE, items)},
                         formats=("json", "jsonl", "xlsx"))
    first, second, third = sheet_rows(out / "tasks.xlsx", "任务")
    title = f"凉州区人民政府关于调整《{LINK_PLAN_TITLE}》部分整改任务的通知"
    assert first["责任单位"] == "区水务局" and first["调整记录"] == (
        f"2021-09-01 {title}: 责任单位 删除 区住建局\n2021-09-01 {title}: 责任单位 增加 区水务局")
    assert second["调整记录"] == f"2021-09-01 {title}: 整改任务 撤销"
    assert third["调整记录"] == f"2021-09-01 {title}: 整改任务 撤销,并入第1项"
    changes = sheet_rows(out / "tasks.xlsx", "调整")
    assert [(c["序号"], c["调整字段"], c["调整方式"], c["新值"]) for c in changes] == [
        ("1", "责任单位", "删除", "区住建局"), ("1", "责任单位", "增加", "区水务局"), ("2", "整改任务", "撤销", "(无)"),
        ("3", "整改任务", "撤销", "1")]
