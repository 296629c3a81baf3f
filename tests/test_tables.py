"""Task tables: header synonyms in any column order, header bands, group rows, sequence
cells, vertically merged sub-rows, repeated headers and tables continued over a page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from extract.fields.patterns import REGION, RULES_DIR
from extract.fields.raw import RawTask
from extract.normalize import compose
from extract.segment.tables import (
    TableRules,
    cell_label,
    find_header,
    is_task_table,
    merge_continued_tables,
    seq_of,
    seq_or_code,
    table_rules,
    table_to_raw_tasks,
)
from schemas.blocks import Block, BlockKind, Cell
from schemas.document import Script


def table(rows: list[list[str]]) -> Block:
    return Block(kind=BlockKind.table, rows=[[Cell(text=t) for t in row] for row in rows])


def raw_tasks(blocks: list[Block]) -> tuple[list[RawTask], str]:
    composed = compose(merge_continued_tables(blocks), Script.simplified)
    tables = [b for b in composed.blocks if b.kind is BlockKind.table]
    tasks = [t for b in tables for t in table_to_raw_tasks(b, composed.text)]
    for task in tasks:  # every piece is the text at its span
        pieces = [*task.fields.values(), *(m.piece for m in task.measures)]
        pieces += [task.problem] if task.problem else []
        assert all(composed.text[p.span[0]:p.span[1]] == p.text for p in pieces)
    return tasks, composed.text


def field_texts(task: RawTask) -> dict[str, str]:
    return {name: piece.text for name, piece in task.fields.items()}


def test_rules_file_loads_and_rejects_unknown_keys() -> None:
    assert table_rules().max_header_chars > 0
    data = yaml.safe_load((RULES_DIR / "tables.yaml").read_text(encoding="utf-8"))
    with pytest.raises(ValidationError):
        TableRules.model_validate({**data, "unknown_key": 1})


@pytest.mark.parametrize(("header", "unit_field"), [
    (["序号", "反馈问题", "整改目标", "整改时限", "责任单位"], "responsible_units"),
    (["编号", "存在问题", "目标任务", "完成时限", "牵头单位"], "lead_units"),
    (["序号", "问题", "工作目标", "整改 期限", "责任\n部门"], "responsible_units"),
    (["序号", "主要问题", "整改要求", "时限要求", "主责单位"], "responsible_units"),
    (["问题编号", "具体问题", "目标要求", "整改完成时限", "整改单位"], "responsible_units"),  # tables.yaml
    (["序 号", "督察反馈问题内容", "整改目标", "完成时限(年月)", "市级牵头单位"], "lead_units"),  # note, level
    (["序号:", "反馈问题", "整改目标", "时间节点", "责任单位(第一个为牵头单位)"], "responsible_units"),
    (["序号", "整改任务", "整改目标", "完成时限", "责任单位"], "responsible_units"),
    (["序号", "整改事项", "整改目标", "完成时限", "参与单位"], "cooperating_units"),
    (["序号", "具体整改任务", "整改目标", "完成时限", "督办领导"], "leaders"),
    (["序号", "问题", "整改目标", "完成时限", "市级领导"], "leaders"),
])
def test_header_synonyms(header: list[str], unit_field: str) -> None:
    block = table([header, ["1", "甲问题。", "甲目标。", "2021年底前", "市住建局"]])
    assert is_task_table(block)
    tasks, _ = raw_tasks([block])
    assert [t.seq for t in tasks] == ["1"]
    assert tasks[0].problem is not None and tasks[0].problem.text == "甲问题。"
    assert field_texts(tasks[0]) == {"target": "甲目标。", "deadline": "2021年底前", unit_field: "市住建局"}


@pytest.mark.parametrize(("cell", "label"), [
    ("市级责任领导", "leaders"), ("整改完成时限要求", "deadline"), ("责任单位及配合单位", "responsible_units"),
    ("问题类别", "category"), ("问题来源", ""), ("备注", ""), ("整改进展", "status"), ("市住建局", None),
    ("在一些具体整改任务中仍然存在不作为慢作为问题", None),
    ("具体内容", "problem"), ("问题具体内容", "problem"),
])
def test_cell_labels(cell: str, label: str | None) -> None:
    assert cell_label(cell) == label


@pytest.mark.parametrize("order", [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3]])
def test_any_column_order(order: list[int]) -> None:
    header = ["序号", "反馈问题", "整改时限", "责任单位", "整改措施"]
    row = ["3", "林地被占。", "2021年6月底前", "市林草局", "(一)补植。\n(二)巡护。"]
    tasks, _ = raw_tasks([table([[header[k] for k in order], [row[k] for k in order]])])
    task = tasks[0]
    assert task.seq == "3" and task.problem is not None and task.problem.text == "林地被占。"
    assert field_texts(task)["responsible_units"] == "市林草局"
    assert field_texts(task)["deadline"] == "2021年6月底前"
    assert [(m.label, m.piece.text) for m in task.measures] == [("(一)", "补植。"), ("(二)", "巡护。")]


@pytest.mark.parametrize("group_row", [
    ["一、例行督察反馈问题(1项)"] * 4,  # DOCX: the merged text in every column
    ["一、例行督察反馈问题(1项)", "", "", ""],  # PDF: one text cell plus empty cells
    ["", "例行督察反馈问题(1项)", "", ""],  # merged over all but an empty 序号 cell
    ["一", "例行督察反馈问题", "", ""],  # a Chinese numeral in 序号, the rest merged
    ["例行督察", "", "", ""],  # alone in 序号, no label
])
def test_group_row_forms(group_row: list[str]) -> None:
    block = table([["序号", "反馈问题", "整改时限", "责任单位"], group_row,
                   ["1", "甲。", "2020年底前", "市住建局"]])
    tasks, _ = raw_tasks([block])
    assert [(t.seq, t.category) for t in tasks] == [("1", "例行督察")]


@pytest.mark.parametrize("seq_cells", [("", ""), ("1", "1")])
def test_a_group_row_naming_a_task_gives_its_rows_the_seq(seq_cells: tuple[str, str]) -> None:
    """一、第12项: over the rows is the task they tell, no category: its row takes seq 12
    (its 序号 cell empty or counting from 1 under each group)."""
    block = table([["序号", "反馈问题", "整改时限", "责任单位"],
                   ["一、例行督察反馈问题", "", "", ""],
                   ["一、第12项:"] * 4,
                   [seq_cells[0], "甲河黑臭。", "2022年底前", "市水务局"],
                   ["二、第15项:", "", "", ""],
                   [seq_cells[1], "乙地扬尘。", "2022年6月底前", "市住建局"]])
    tasks, _ = raw_tasks([block])
    assert [(t.seq, t.category, t.problem.text if t.problem else None) for t in tasks] == [
        ("12", "例行督察", "甲河黑臭。"), ("15", "例行督察", "乙地扬尘。")]


def test_rows_under_a_group_row_naming_a_task_are_its_parts() -> None:
    block = table([["序号", "反馈问题", "整改时限", "责任单位"],
                   ["(一)问题三:", "", "", ""],
                   ["1", "甲河黑臭。", "2022年底前", "市水务局"],
                   ["2", "甲河岸垃圾。", "2022年6月底前", "市城管局"]])
    tasks, _ = raw_tasks([block])
    assert [t.seq for t in tasks] == ["3.1", "3.2"]


def test_group_rows_change_category_and_title_rows_are_skipped() -> None:
    block = table([["某市整改任务清单", "", "", ""],
                   ["序号", "反馈问题", "整改时限", "责任单位"],
                   ["一、例行督察反馈问题(2项)", "", "", ""],
                   ["1", "甲。", "2020年底前", "市住建局"],
                   ["二、专项督察反馈问题", "二、专项督察反馈问题", "二、专项督察反馈问题", "二、专项督察反馈问题"],
                   ["2", "乙。", "2021年底前", "市生态环境局"]])
    tasks, _ = raw_tasks([block])
    assert [(t.seq, t.category) for t in tasks] == [("1", "例行督察"), ("2", "专项督察")]


def test_category_column_carries_down_over_merged_cells() -> None:
    block = table([["序号", "问题类别", "反馈问题", "责任单位"],
                   ["1", "大气污染防治", "甲。", "市住建局"],
                   ["2", "", "乙。", "市交通局"],
                   ["3", "水污染防治", "丙。", "市水务局"]])
    tasks, _ = raw_tasks([block])
    assert [(t.seq, t.category) for t in tasks] == [
        ("1", "大气污染防治"), ("2", "大气污染防治"), ("3", "水污染防治")]


@pytest.mark.parametrize(("cell", "seq"), [
    ("1", "1"), ("1.", "1"), ("17(一)", "17.1"), ("17\n(二)", "17.2"), ("17-1", "17.1"), ("17.2", "17.2"),
    ("8(市序号9)", "8"), ("序号8(市序号9)", "8"), ("第7项", "7"), ("十二", "12"), ("", None), ("合计", None),
    ("一、第12项", "12"), ("二、问题3", "3"), ("问题一", "1"), ("一、", "1"),  # the ordinal naming the task, not 一、
])
def test_seq_cells(cell: str, seq: str | None) -> None:
    assert seq_of(cell) == seq


@pytest.mark.parametrize(("cell", "seq"), [
    ("D3GS202306150012", "D3GS202306150012"), ("SD3-1207", "SD3-1207"), ("12", "12"), ("合计", None),
    ("ABCD", None),  # a code holds a digit
])
def test_case_numbers_written_as_codes(cell: str, seq: str | None) -> None:
    assert seq_or_code(cell) == seq


def test_tables_numbering_anew_keep_every_row() -> None:
    """One table per batch, each numbered from 1: no row is taken for a repeat; each
    table's ordinal prefixes its seqs. A 是否办结 answer gives the status."""
    from extract.assemble import extract_bytes

    path = Path(__file__).parent / "fixtures" / "complaint_tables_two_batches.html"
    tasks = extract_bytes(path.read_bytes(), path.name).tasks
    assert [(t.seq, t.problem, t.status) for t in tasks] == [
        ("1.1", "某塑料厂废气刺鼻。", "completed"), ("1.2", "某河段非法采砂。", "in_progress"),
        ("2.1", "某养猪场废水直排。", "in_progress"), ("2.2", "某城区夜间施工噪声。", "completed")]


def test_group_rows_numbering_anew_prefix_their_ordinal() -> None:
    """Rows numbered from 1 under each group row: each seq takes its group's ordinal, as
    items under headings in the text do, and no row is lost for a repeat."""
    block = table([["序号", "反馈问题", "整改时限", "责任单位"],
                   ["一、水污染防治", "", "", ""],
                   ["1", "甲。", "2020年底前", "县住建局"],
                   ["2", "乙。", "2021年底前", "县水利局"],
                   ["二、大气污染防治", "", "", ""],
                   ["1", "丙。", "2021年底前", "县工信局"]])
    tasks, _ = raw_tasks([block])
    assert [(t.seq, t.category, t.problem and t.problem.text) for t in tasks] == [
        ("1.1", "水污染防治", "甲。"), ("1.2", "水污染防治", "乙。"), ("2.1", "大气污染防治", "丙。")]


def test_category_column_numbering_anew_prefixes_its_ordinal() -> None:
    block = table([["序号", "问题类别", "反馈问题", "责任单位"],
                   ["1", "大气污染防治", "甲。", "市住建局"],
                   ["2", "", "乙。", "市交通局"],
                   ["1", "水污染防治", "丙。", "市水务局"]])
    tasks, _ = raw_tasks([block])
    assert [(t.seq, t.category) for t in tasks] == [
        ("1.1", "大气污染防治"), ("1.2", "大气污染防治"), ("2.1", "水污染防治")]


def test_rows_before_the_first_group_are_the_first_run() -> None:
    block = table([["序号", "反馈问题", "责任单位"],
                   ["1", "甲。", "县住建局"],
                   ["二、大气污染防治", "", ""],
                   ["1", "丙。", "县工信局"]])
    tasks, _ = raw_tasks([block])
    assert [(t.seq, t.category) for t in tasks] == [("1.1", None), ("2.1", "大气污染防治")]


def test_a_page_table_numbering_anew_per_category_keeps_every_task() -> None:
    from extract.assemble import extract_bytes

    path = Path(__file__).parent / "fixtures" / "task_table_numbered_per_category.html"
    document = extract_bytes(path.read_bytes(), path.name)
    assert [(t.seq, t.category, t.responsible_units) for t in document.tasks] == [
        ("1.1", "水污染防治", ["县住建局"]), ("1.2", "水污染防治", ["县水利局"]),
        ("2.1", "大气污染防治", ["县工信局"]), ("2.2", "大气污染防治", ["县住建局"])]


@pytest.mark.parametrize(("cell", "label"), [
    ("行政区域", REGION), ("所属区县", REGION), ("所在地区", REGION), ("涉及区域", REGION), ("县(市、区)", REGION),
    ("整改、处理及问责情况", "status"), ("处理和整改情况", "status"), ("办结情况", "status_flag"),
    ("污染类型", ""), ("污染类别", ""), ("调查核实情况", ""), ("是否属实", ""), ("责任人被问责情况", ""),
    ("办理单位", "responsible_units"),
])
def test_complaint_table_headers(cell: str, label: str) -> None:
    assert cell_label(cell) == label


def test_complaint_table_region_names_the_units_where_no_unit_column() -> None:
    """A complaint table with no unit column: its 行政区域 cell is the responsible unit, kept
    as written (雁塔区, no 政府 added), split when a case concerns two districts; a cell of no
    place (/) gives none. 是否属实 never sets the status, and 调查核实情况 fills no field:
    the status and its text come from 处理和整改情况. A table with its own 责任单位 column
    keeps that column's units; 整改、处理及问责情况 is its progress text, 办结情况 its answer."""
    from extract.assemble import extract_bytes

    path = Path(__file__).parent / "fixtures" / "complaint_table_region_units.html"
    document = extract_bytes(path.read_bytes(), path.name)
    assert [(t.seq, t.problem, t.responsible_units, t.lead_unit, t.status, t.progress_text)
            for t in document.tasks] == [
        ("1.1", "某小区临街烧烤店油烟扰民。", ["雁塔区"], "雁塔区", "completed", "已责令开启净化设施并清洗烟道,已办结。"),
        ("1.2", "某河滩堆放建筑垃圾。", ["长安区", "鄠邑区"], "长安区", None, "正在清运,清运完成后复绿。"),
        ("1.3", "某砖厂夜间冒黑烟。", [], None, None, "加强日常巡查。"),
        ("2.1", "某养殖场粪污外溢。", ["县农业农村局"], "县农业农村局", "in_progress", "已清理粪污,约谈养殖户。")]
    first = document.tasks[0]
    start, end = first.spans["responsible_units.0"]
    assert document.text[start:end] == "雁塔区"
    assert "region" not in first.spans  # no key beyond the Task's fields


def test_a_unit_column_wins_over_the_region_column() -> None:
    """The region cell is kept as the row's place; the row's own unit cell stays its unit, and
    a row whose unit cell is empty is handled by its place."""
    from extract.fields.tasks import raw_to_task

    block = table([["序号", "举报内容", "涉及区域", "办理结果", "承办单位"],
                   ["1", "某工地扬尘。", "莲湖区", "已整改。", "区住建局"],
                   ["2", "某河段垃圾。", "新城区", "已清运。", ""]])
    tasks, _ = raw_tasks([block])
    assert field_texts(tasks[0]) == {"status": "已整改。", "responsible_units": "区住建局"}
    assert [p.text for p in tasks[0].regions] == ["莲湖区"]
    assert [(t.lead_unit, t.responsible_units) for t in (raw_to_task(raw, "doc", None).task for raw in tasks)] == [
        ("区住建局", ["区住建局"]), ("新城区", ["新城区"])]


def test_region_of_a_merged_complaint_row_adds_its_units() -> None:
    """A case concerning two districts, one row each under a merged 序号 cell."""
    from extract.fields.tasks import raw_to_task

    block = table([["序号", "信访内容", "所属区县", "处理情况"],
                   ["1", "某河段水体发黑。", "新城区", "已清淤。"],
                   ["", "", "碑林区", "已截污。"]])
    tasks, text = raw_tasks([block])
    assert [(t.seq, [p.text for p in t.regions]) for t in tasks] == [("1", ["新城区", "碑林区"])]
    task = raw_to_task(tasks[0], "doc", None).task
    assert (task.lead_unit, task.responsible_units) == ("新城区", ["新城区", "碑林区"])
    start, end = task.spans["lead_unit"]
    assert text[start:end] == "新城区"


@pytest.mark.parametrize("value", ["全市", "其他", "/", "大气", "市直部门"])
def test_a_region_cell_naming_no_place_gives_no_unit(value: str) -> None:
    from extract.fields.tasks import raw_to_task

    block = table([["受理编号", "交办问题基本情况", "行政区域", "处理和整改情况"],
                   ["D3XX202306050001", "某工地夜间施工噪声。", value, "已责令停止夜间施工。"]])
    tasks, _ = raw_tasks([block])
    task = raw_to_task(tasks[0], "doc", None).task
    assert (task.seq, task.lead_unit, task.responsible_units) == ("D3XX202306050001", None, [])


def test_record_table_region_is_the_unit_where_no_unit_pair() -> None:
    from extract.assemble import extract_bytes

    page = ("<html><body><p>某市生态环境保护督察交办群众信访举报件办理情况公示</p>"
            "<table border=1><tr><td>受理编号</td><td>D3XX202306060001</td></tr>"
            "<tr><td>交办问题基本情况</td><td>某码头装卸扬尘。</td></tr><tr><td>行政区域</td><td>莲湖区</td></tr>"
            "<tr><td>是否属实</td><td>属实</td></tr><tr><td>处理和整改情况</td><td>已加装喷淋,已办结。</td></tr>"
            "</table></body></html>")
    tasks = extract_bytes(page.encode("utf-8"), "record.html").tasks
    assert [(t.seq, t.lead_unit, t.responsible_units, t.status) for t in tasks] == [
        ("D3XX202306060001", "莲湖区", ["莲湖区"], "completed")]


def test_record_table_with_a_checking_row_is_one_task() -> None:
    """A completion notice's record laid out label | value with a 核查情况 row (what checking
    found: no field) and 牵头部门 (责任单位) is still one task."""
    from extract.assemble import extract_bytes

    page = ("<html><body><p>第二轮中央生态环境保护督察反馈意见整改措施完成情况公示</p><table border=1>"
            "<tr><td>反馈问题</td><td>人工种草任务推进不力。</td></tr>"
            "<tr><td>核查情况</td><td>已完成退化评估,通过县领导小组核查。</td></tr>"
            "<tr><td>整改目标</td><td>修复退化草原10万亩。</td></tr>"
            "<tr><td>牵头部门 (责任单位)</td><td>某县林业和草原局</td></tr><tr><td>责任人</td><td>扎西</td></tr>"
            "<tr><td>联系电话</td><td>17800000000</td></tr>"
            "<tr><td>整改主要工作及成效</td><td>一是完成评估;二是完成规划编制。</td></tr></table></body></html>")
    (task,) = extract_bytes(page.encode("utf-8"), "record.html").tasks
    assert (task.problem, task.target, task.lead_unit, task.persons, task.status) == (
        "人工种草任务推进不力。", "修复退化草原10万亩。", "某县林业和草原局", ["扎西"], "completed")


def test_a_notices_one_record_table_is_the_task_its_title_names() -> None:
    """A closing notice of one task (…第47项整改完成情况的公示) laid out label | value, no 序号
    row: the task is numbered as the title names it; a record stating its number keeps it."""
    from extract.assemble import extract_bytes

    rows = ("<tr><td>反馈问题</td><td>某河段非法采砂。</td></tr><tr><td>责任单位</td><td>区水利局</td></tr>"
            "<tr><td>整改完成情况</td><td>已清理采砂点。</td></tr>")
    page = ("<html><body><p>关于某区督察反馈问题第47项整改完成情况的公示</p><p>现将第47项整改完成情况予以公示。</p>"
            "<table border=1>{}</table></body></html>")
    (task,) = extract_bytes(page.format(rows).encode("utf-8"), "record.html").tasks
    assert (task.seq, task.problem, task.status) == ("47", "某河段非法采砂。", "completed")
    numbered = "<tr><td>问题序号</td><td>12</td></tr>" + rows
    (task,) = extract_bytes(page.format(numbered).encode("utf-8"), "record.html").tasks
    assert task.seq == "12"


@pytest.mark.parametrize("rows", [
    ["<tr><td>整改完成情况</td><td>基本完成</td></tr>", "<tr><td>自验收情况</td><td>已通过自验收</td></tr>"],
    ["<tr><td>自验收情况</td><td>已通过自验收</td></tr>", "<tr><td>整改完成情况</td><td>基本完成</td></tr>"],
])
def test_record_table_status_from_the_completion_row(rows: list[str]) -> None:
    from extract.assemble import extract_bytes

    page = ("<html><body><p>某县督察反馈问题整改情况公示</p><table border=1>"
            "<tr><td>问题序号</td><td>3</td></tr><tr><td>反馈问题</td><td>某河道黑臭。</td></tr>"
            "<tr><td>责任单位</td><td>县水务局</td></tr>" + "".join(rows) + "</table></body></html>")
    (task,) = extract_bytes(page.encode("utf-8"), "record.html").tasks
    assert (task.status, task.progress_text) == ("basically_completed", "基本完成")


def test_each_status_column_is_a_status_row_with_its_header() -> None:
    """整改进展 | 销号意见: both columns are status columns, each cell a status row labelled
    by its header; a field of one column (责任单位) still keeps its first column."""
    block = table([["序号", "问题", "责任单位", "整改进展", "销号意见", "责任单位"],
                   ["1", "甲。", "市水务局", "基本完成", "同意销号", "市住建局"]])
    header = find_header(block)
    assert header is not None
    assert [(k, header.texts[k]) for k, name in header.columns.items() if name == "status"] == [
        (3, "整改进展"), (4, "销号意见")]
    assert header.column_of("responsible_units") == 2 and 5 not in header.columns
    (task,), _ = raw_tasks([block])
    assert [(label, piece.text) for label, piece in task.status_rows] == [("整改进展", "基本完成"), ("销号意见", "同意销号")]


def task_table_page(head: list[str], rows: list[list[str]]) -> bytes:
    cells = ["".join(f"<td>{text}</td>" for text in row) for row in [head, *rows]]
    return ("<html><body><p>某市贯彻落实中央生态环境保护督察反馈问题整改任务清单</p><table border=1>"
            + "".join(f"<tr>{row}</tr>" for row in cells) + "</table></body></html>").encode("utf-8")


@pytest.mark.parametrize(("progress", "closing", "status", "told_by"), [
    ("基本完成", "同意销号", "completed", "同意销号"),  # closed: the closing column's verdict is the last word
    ("已完成整改", "暂不销号", "completed", "已完成整改"),  # the progress column tells, the closing one does not
    ("正在推进", "", "in_progress", "正在推进"),
    ("见附件", "未销号", "in_progress", "未销号"),  # the closing column where the progress says nothing
])
def test_status_from_the_status_column_that_tells_it(progress: str, closing: str, status: str, told_by: str) -> None:
    from extract.assemble import extract_bytes

    page = task_table_page(["序号", "问题", "整改措施", "责任单位", "整改进展", "销号意见"],
                           [["1", "某河道黑臭。", "清淤。", "市水务局", progress, closing]])
    document = extract_bytes(page, "list.html")
    (task,) = document.tasks
    assert (task.status, task.progress_text) == (status, told_by)
    start, end = task.spans["status"]
    assert document.text[start:end] == told_by


@pytest.mark.parametrize("header", ["验收结论", "核查意见", "销号结论", "整改验收意见"])
def test_a_closure_list_verdict_column_and_its_accepting_unit(header: str) -> None:
    from extract.assemble import extract_bytes

    page = task_table_page(["序号", "反馈问题", "整改措施", "责任单位", "验收单位", header],
                           [["1", "某河道黑臭。", "清淤。", "市水务局", "市生态环境局", "经核查已整改到位,同意销号。"],
                            ["2", "某砖厂扬尘。", "安装收尘设施。", "区住建局", "市生态环境局", "设备正在调试。"]])
    document = extract_bytes(page, "list.html")
    assert [(t.status, t.progress_text, t.responsible_units) for t in document.tasks] == [
        ("completed", "经核查已整改到位,同意销号。", ["市水务局"]), ("in_progress", "设备正在调试。", ["区住建局"])]


def test_status_columns_under_a_spanning_header_and_over_merged_rows() -> None:
    """整改情况 over 整改进展 | 销号意见 (a two-row header): both sub-columns are status rows;
    a merged row's sub-row adds no second row of a column the task has."""
    from extract.assemble import extract_bytes

    page = ("<html><body><p>某市贯彻落实中央生态环境保护督察反馈问题整改任务清单</p><table border=1>"
            "<tr><td rowspan=2>序号</td><td rowspan=2>问题</td><td rowspan=2>整改措施</td><td rowspan=2>责任单位</td>"
            "<td colspan=2>整改情况</td></tr><tr><td>整改进展</td><td>销号意见</td></tr>"
            "<tr><td rowspan=2>1</td><td rowspan=2>某河道黑臭。</td><td>清淤。</td><td>市水务局</td><td>基本完成</td>"
            "<td rowspan=2>同意销号</td></tr><tr><td>截污。</td><td>市住建局</td><td>正在推进</td></tr>"
            "<tr><td>2</td><td>某厂扬尘。</td><td>覆盖。</td><td>市城管局</td><td>正在推进</td><td></td></tr>"
            "</table></body></html>").encode()
    tasks = extract_bytes(page, "list.html").tasks
    assert [(t.seq, t.status, t.progress_text, t.responsible_units) for t in tasks] == [
        ("1", "completed", "同意销号", ["市水务局", "市住建局"]), ("2", "in_progress", "正在推进", ["市城管局"])]


@pytest.mark.parametrize(("progress", "flag", "status"), [
    ("已完成整改", "否", "completed"),  # done, not yet closed: a no of a closing question yields to the row
    ("基本完成", "是", "completed"),  # an explicit 是否销号:是 is closed, whatever the row says
    ("正在推进", "否", "in_progress"),
    ("见附件", "否", "in_progress"),  # the row telling nothing: the answer
])
def test_a_closing_question_beside_a_progress_column(progress: str, flag: str, status: str) -> None:
    from extract.assemble import extract_bytes

    page = task_table_page(["序号", "问题", "责任单位", "整改完成情况", "是否销号"],
                           [["1", "某河道黑臭。", "市水务局", progress, flag]])
    document = extract_bytes(page, "list.html")
    (task,) = document.tasks
    assert (task.status, task.progress_text) == (status, progress)
    start, end = task.spans["status_flag"]
    assert document.text[start:end] == flag


@pytest.mark.parametrize(("flag", "status"), [("否", "completed"), ("是", "completed")])
def test_record_table_closing_question_beside_the_completion_row(flag: str, status: str) -> None:
    """是否销号 | 否 beside 整改完成情况 | 已完成整改: done, not yet closed (the question's label
    ranks after the row's)."""
    from extract.assemble import extract_bytes

    page = ("<html><body><p>某县督察反馈问题整改情况公示</p><table border=1>"
            "<tr><td>问题序号</td><td>3</td></tr><tr><td>反馈问题</td><td>某河道黑臭。</td></tr>"
            "<tr><td>责任单位</td><td>县水务局</td></tr><tr><td>整改完成情况</td><td>已完成整改</td></tr>"
            f"<tr><td>是否销号</td><td>{flag}</td></tr></table></body></html>")
    (task,) = extract_bytes(page.encode("utf-8"), "record.html").tasks
    assert (task.status, task.progress_text) == (status, "已完成整改")


def test_summary_rows_make_no_task() -> None:
    block = table([["序号", "反馈问题", "整改时限", "责任单位"],
                   ["1", "甲。", "2020年底前", "市住建局"],
                   ["合计", "1项", "", ""]])
    tasks, _ = raw_tasks([block])
    assert [t.seq for t in tasks] == ["1"]


def test_not_a_task_table() -> None:
    assert not is_task_table(table([["联系人", "联系电话"], ["张三", "12345678"]]))
    assert not is_task_table(table([["序号", "备注"], ["1", "无"]]))


@pytest.mark.parametrize(("rows", "columns"), [
    # a spanning 责任主体 over three sub-columns
    ([["序号", "反馈问题", "责任主体", "责任主体", "责任主体", "整改时限"],
      ["", "", "责任领导", "责任单位", "责任人员", ""]],
     {0: "seq", 1: "problem", 2: "leaders", 3: "responsible_units", 4: "persons", 5: "deadline"}),
    # the spanning label names no field; the lower row names more than the upper one
    ([["序号", "问题", "整改责任", "整改责任", "完成时限"],
      ["", "", "牵头单位", "配合单位", ""]],
     {0: "seq", 1: "problem", 3: "cooperating_units", 2: "lead_units", 4: "deadline"}),
    # the upper row holds fewer labels than the lower one, and a title row stands above
    ([["附件", "", "", "", ""],
      ["序号", "反馈问题", "责任", "责任", "备注"],
      ["", "", "牵头单位", "责任单位", "整改时限"]],
     {0: "seq", 1: "problem", 2: "lead_units", 3: "responsible_units", 4: "deadline"}),
])
def test_two_row_headers(rows: list[list[str]], columns: dict[int, str]) -> None:
    width = len(rows[0])
    block = table([*rows, ["1", "甲。", *(f"值{k}" for k in range(2, width))]])
    header = find_header(block)
    assert header is not None and header.columns == columns and header.end == len(rows)
    tasks, _ = raw_tasks([block])
    assert [t.seq for t in tasks] == ["1"]
    assert tasks[0].problem is not None and tasks[0].problem.text == "甲。"
    assert set(tasks[0].fields) == {f for f in columns.values() if f not in ("seq", "problem")}


def test_vertically_merged_row_continues_the_task() -> None:
    block = table([["序号", "反馈问题", "整改措施", "责任单位", "整改时限"],
                   ["4", "河道垃圾堆放。", "1.清理垃圾。", "县水务局", "2020年底前"],
                   ["", "", "2.建立巡河制度。", "县城管局", ""]])
    tasks, _ = raw_tasks([block])
    assert len(tasks) == 1
    task = tasks[0]
    assert [(m.label, m.piece.text) for m in task.measures] == [("1.", "清理垃圾。"), ("2.", "建立巡河制度。")]
    assert field_texts(task)["responsible_units"] == "县水务局"
    assert field_texts(task)["deadline"] == "2020年底前"


def test_vertically_merged_row_adds_the_people_of_its_sub_rows() -> None:
    from extract.fields.tasks import raw_to_task

    block = table([["序号", "反馈问题", "整改措施", "责任单位", "责任领导", "责任人", "整改时限"],
                   ["1", "水源地内有农家乐。", "拆除农家乐。", "某镇政府", "副县长刘一", "镇长钱二", "2021年6月底前"],
                   ["", "", "修复植被。", "县林业局", "副县长刘一", "局长孙三", "2021年底前"],
                   ["", "", "设置界标。", "县水利局", "", "", "2021年底前"]])
    tasks, text = raw_tasks([block])
    task = raw_to_task(tasks[0], "d", None).task
    assert task.persons == ["钱二", "孙三"]
    assert task.leaders == ["刘一"]  # named again by a sub-row: once
    assert [text[slice(*task.spans[f"persons.{k}"])] for k in (0, 1)] == ["钱二", "孙三"]


def test_merged_seq_over_rows_with_their_own_problem_makes_parts() -> None:
    block = table([["序号", "反馈问题", "整改措施", "整改时限"],
                   ["5", "甲方面问题。", "补齐设施。", "2021年底前"],
                   ["", "乙方面问题。", "加强监管。", ""],
                   ["6", "丙。", "整治。", "2022年底前"]])
    tasks, _ = raw_tasks([block])
    assert [(t.seq, t.problem.text if t.problem else None) for t in tasks] == [
        ("5.1", "甲方面问题。"), ("5.2", "乙方面问题。"), ("6", "丙。")]
    assert field_texts(tasks[1])["deadline"] == "2021年底前"  # the merged cell is shared
    assert [m.piece.text for m in tasks[1].measures] == ["加强监管。"]


def test_table_continued_over_a_page_with_repeated_header_and_split_row() -> None:
    header = ["序号", "反馈问题", "整改时限", "责任单位"]
    first = table([header, ["1", "甲问题前半", "2020年", "市住建局"]])
    second = table([header, ["", "后半。", "底前", ""], ["2", "乙。", "2021年底前", "市水务局"]])
    tasks, _ = raw_tasks([first, Block(kind=BlockKind.page_break), second])
    assert [t.seq for t in tasks] == ["1", "2"]
    assert tasks[0].problem is not None and tasks[0].problem.text == "甲问题前半后半。"
    assert tasks[0].fields["deadline"].text == "2020年底前"


def test_table_continued_without_header_and_new_measure_on_the_next_page() -> None:
    first = table([["序号", "反馈问题", "整改措施"], ["1", "甲。", "(一)清理。"]])
    second = table([["", "", "(二)复绿。"], ["2", "乙。", "(一)监测。"]])
    tasks, _ = raw_tasks([first, Block(kind=BlockKind.page_break), second])
    assert [t.seq for t in tasks] == ["1", "2"]
    assert [m.piece.text for m in tasks[0].measures] == ["清理。", "复绿。"]


def test_next_table_with_its_own_header_is_not_merged() -> None:
    first = table([["序号", "反馈问题", "责任单位"], ["1", "甲。", "市住建局"]])
    second = table([["序号", "联系人", "联系电话"], ["1", "张三", "12345678"]])
    merged = merge_continued_tables([first, second])
    assert [len(b.rows) for b in merged] == [2, 2]


def test_a_numbered_part_with_an_empty_problem_cell_shares_the_item_problem() -> None:
    block = table([["问题编号", "反馈问题", "整改措施", "责任单位"], ["5", "甲问题。", "限期整改。", "县农业农村局"],
                   ["5-1", "", "现场核查。", "县生态环境局"], ["6", "乙问题。", "拆除违建。", "县住建局"]])
    tasks, _ = raw_tasks([block])
    assert [(t.seq, t.problem.text if t.problem else None) for t in tasks] == [
        ("5", "甲问题。"), ("5.1", "甲问题。"), ("6", "乙问题。")]


def test_split_item_rows_keep_their_own_problem() -> None:
    block = table([["序号", "反馈问题", "责任单位"],
                   ["17(一)", "共同问题。\n以上问题分2个方面进行整改。\n(一)第一方面问题。", "县政府"],
                   ["17(二)", "(二)第二方面问题。", "县政府"]])
    tasks, _ = raw_tasks([block])
    assert [(t.seq, t.problem.text if t.problem else None) for t in tasks] == [
        ("17.1", "第一方面问题。"), ("17.2", "第二方面问题。")]


@pytest.mark.parametrize(("second_problem", "page", "seqs", "first_problem"), [
    ("后半。", 1, ["1"], "甲问题前半后半。"),  # stops mid-sentence on a page: the row was cut
    ("后半。", None, ["1.1", "1.2"], "甲问题前半"),  # no pages (HTML, DOCX, XLSX): never cut
    ("乙方面问题。", 1, ["1.1", "1.2"], "甲问题。"),  # a whole sentence above: a sub-row of its own
])
def test_row_with_empty_seq_inside_one_table(second_problem: str, page: int | None, seqs: list[str],
                                             first_problem: str) -> None:
    first = "甲问题前半" if second_problem == "后半。" else "甲问题。"
    block = table([["序号", "反馈问题", "责任单位"], ["1", first, "市住建局"], ["", second_problem, ""]])
    block = block.model_copy(update={"page": page})
    tasks, _ = raw_tasks([block])
    assert [t.seq for t in tasks] == seqs
    assert tasks[0].problem is not None and tasks[0].problem.text == first_problem


def test_labels_in_a_task_table_header_make_no_text_task() -> None:
    """A task table alone under its title: the header cells (问题清单, 责任单位(第一个为牵头单位),
    完成时限(年/月)) are labels, but the table mapper reads them, not the text segmenter."""
    from extract.assemble import extract_bytes

    path = Path(__file__).parent / "fixtures" / "task_table_header_notes.html"
    document = extract_bytes(path.read_bytes(), path.name)
    assert [(t.seq, t.problem) for t in document.tasks] == [
        ("1", "县城污水处理厂进水浓度偏低。"), ("2", "畜禽养殖污染治理不到位。")]
    assert document.tasks[0].responsible_units == ["县住建局", "县生态环境局"]
    assert not [w for w in document.warnings if w.code == "deadline_unparsed"]


def test_measure_rows_under_a_merged_problem_keep_their_units_and_deadlines() -> None:
    """One problem over two measure rows (rowspan), each row with its units, deadline and
    status: the rows are not glued (no page cuts outside PDF), the second row's units join
    the task's, and each measure has its row's deadline."""
    from extract.assemble import extract_bytes

    path = Path(__file__).parent / "fixtures" / "task_table_merged_measure_rows.html"
    first, second = extract_bytes(path.read_bytes(), path.name).tasks
    assert first.responsible_units == ["市住建局", "市城管局", "市公安局"]
    # the task's deadline covers every row's: the dated row and the ongoing one
    assert first.deadline is not None and first.deadline.text == "2021年12月底前、长期坚持"
    assert first.deadline.kinds == ["by_date", "ongoing"]
    document_text = extract_bytes(path.read_bytes(), path.name).text
    assert [document_text[slice(*first.spans[f"deadline.{k}"])] for k in (0, 1)] == ["2021年12月底前", "长期坚持"]
    assert [(m.text, m.deadline.text if m.deadline else None) for m in first.measures] == [
        ("开展工地扬尘专项检查。", "2021年12月底前"), ("查处渣土车辆抛洒行为。", "长期坚持")]
    assert first.progress_text == "已完成"
    assert [m.deadline for m in second.measures] == [None]  # one row: the task's deadline only


def test_record_tables_give_one_task_each() -> None:
    """Tables laid out label | value (two pairs a row too): one task each, its seq the case
    code where it gives one; a contacts table is no record."""
    from extract.assemble import extract_bytes

    path = Path(__file__).parent / "fixtures" / "record_tables.html"
    document = extract_bytes(path.read_bytes(), path.name)
    assert [(t.seq, t.problem, t.responsible_units, t.deadline.text if t.deadline else None, t.status)
            for t in document.tasks] == [
        ("D3AB202312020035", "某小区底商餐饮油烟直排。", ["某区人民政府"], "2023年12月底前", "completed"),
        ("2", "某料场粉尘污染耕地。", ["某县人民政府"], "2024年1月10日前", "in_progress")]
    start, end = document.tasks[0].spans["responsible_units"]
    assert document.text[start:end] == "某区人民政府"


def test_rows_under_a_merged_problem_with_no_measures_column_join_their_deadlines() -> None:
    """序号 | 整改任务 | 整改目标 | 责任领导 | 责任单位 | 整改时限, the problem merged over two
    rows with a deadline each and no measures column to keep them: the task is due by both."""
    from extract.assemble import extract_bytes

    page = ("<p>某市生态环境保护督察反馈问题整改任务清单</p>"
            "<table><tr><th>序号</th><th>整改任务</th><th>整改目标</th><th>责任领导</th><th>责任单位</th>"
            "<th>整改时限</th></tr>"
            "<tr><td rowspan='2'>1</td><td rowspan='2'>矿山修复滞后。</td><td>完成修复。</td><td>王强</td>"
            "<td>市自然资源局</td><td>2023年底前</td></tr>"
            "<tr><td>建立监管机制。</td><td>王强</td><td>市林业局</td><td>长期坚持</td></tr>"
            "<tr><td>2</td><td>秸秆焚烧。</td><td>杜绝焚烧。</td><td>李明</td><td>市农业农村局</td>"
            "<td>2022年底前</td></tr></table>")
    document = extract_bytes(page.encode(), "list.html")
    first, second = document.tasks
    assert first.deadline is not None and first.deadline.text == "2023年底前、长期坚持"
    assert first.deadline.date is not None and first.deadline.date.isoformat() == "2023-12-31"
    assert first.deadline.kinds == ["by_date", "ongoing"]
    assert [document.text[slice(*first.spans[f"deadline.{k}"])] for k in (0, 1)] == ["2023年底前", "长期坚持"]
    assert first.responsible_units == ["市自然资源局", "市林业局"]
    assert second.deadline is not None and second.deadline.text == "2022年底前"


@pytest.mark.parametrize("footer", [
    ["", "注:责任人为第一责任人。", "", "", ""],
    ["备注1:配合单位按职责做好工作。", "", "", "", ""],
    ["填报人:刘洋", "", "", "联系电话:13900000000", ""],
    ["填报单位:某镇政府", "", "审核人:周强", "", "填报日期:2024年3月1日"],
])
def test_signing_and_note_rows_under_a_list_are_no_tasks(footer: list[str]) -> None:
    rows = [["序号", "问题", "整改措施", "责任单位", "完成时限"],
            ["1", "河道垃圾堆放。", "清理垃圾。", "镇城建办", "2024年5月底前"],
            ["2", "秸秆焚烧。", "加强巡查。", "镇综合执法队", "长期坚持"], footer]
    tasks, _ = raw_tasks([table(rows)])
    assert [(t.seq, t.problem.text if t.problem else None) for t in tasks] == [
        ("1", "河道垃圾堆放。"), ("2", "秸秆焚烧。")]


def test_a_task_row_with_a_labelled_cell_is_still_a_task() -> None:
    rows = [["序号", "问题", "责任单位", "完成时限"],
            ["1", "说明:河道垃圾堆放。", "联系人:镇城建办", "2024年5月底前"]]
    tasks, _ = raw_tasks([table(rows)])
    assert [t.seq for t in tasks] == ["1"]


def html_tasks(body: str) -> list:  # type: ignore[type-arg]
    from extract.assemble import extract_bytes
    page = f'<html><head><meta charset="utf-8"></head><body><div class="content">{body}</div></body></html>'
    return list(extract_bytes(page.encode(), "page.html").tasks)


HTML_HEADER = "<tr><td>序号</td><td>反馈问题</td><td>整改措施</td><td>责任单位</td><td>整改时限</td></tr>"


def test_page_table_split_by_a_page_number_is_one_table() -> None:
    """A page made from a Word file keeps a table per page, the page's number between them."""
    tasks = html_tasks(
        f"<p>某县生态环境保护督察整改任务清单</p><table>{HTML_HEADER}"
        "<tr><td>1</td><td>填埋场渗滤液超标。</td><td>建设处理站。</td><td>县城管局</td><td>2022年12月底前</td></tr></table>"
        "<p>— 2 —</p><table>"
        "<tr><td>2</td><td>秸秆露天焚烧。</td><td>网格化监管。</td><td>县农业农村局</td><td>长期坚持</td></tr></table>")
    assert [(t.seq, t.responsible_units) for t in tasks] == [("1", ["县城管局"]), ("2", ["县农业农村局"])]


def test_table_nested_in_a_measures_cell_numbers_the_measures() -> None:
    tasks = html_tasks(
        f"<p>某市生态环境保护督察整改任务清单</p><table>{HTML_HEADER}"
        "<tr><td>1</td><td>黑臭水体治理缓慢。</td><td><table><tr><td>1</td><td>实施截污纳管。</td></tr>"
        "<tr><td>2</td><td>开展清淤疏浚。</td></tr></table></td><td>市住建局</td><td>2022年12月底前</td></tr>"
        "<tr><td>2</td><td>固废违规堆存。</td><td>限期清运。</td><td>市生态环境局</td><td>2022年10月底前</td></tr></table>")
    assert [t.seq for t in tasks] == ["1", "2"]
    assert [(m.label, m.text) for m in tasks[0].measures] == [("1.", "实施截污纳管。"), ("2.", "开展清淤疏浚。")]
    assert tasks[0].responsible_units == ["市住建局"]


def test_category_column_merged_over_items_leaves_each_its_merged_unit_and_leader() -> None:
    tasks = html_tasks(
        "<p>某州生态环境保护督察整改任务清单</p><table><tr><td>类别</td><td>序号</td><td>问题</td><td>整改措施</td><td>牵头州领导</td><td>责任单位</td><td>时限</td></tr>"
        '<tr><td rowspan="2">生态破坏</td><td>1</td><td>采石场未退出。</td><td>关闭并修复。</td>'
        '<td rowspan="2">副州长马强</td><td rowspan="2">州林草局</td><td>2022年底前</td></tr>'
        "<tr><td>2</td><td>草原超载过牧。</td><td>落实草畜平衡。</td><td>长期坚持</td></tr></table>")
    assert [(t.seq, t.category, t.responsible_units, t.leaders) for t in tasks] == [
        ("1", "生态破坏", ["州林草局"], ["马强"]), ("2", "生态破坏", ["州林草局"], ["马强"])]
    assert tasks[1].deadline is not None and tasks[1].deadline.kinds == ["ongoing"]


def test_leaders_in_two_sub_columns_are_all_the_tasks() -> None:
    tasks = html_tasks(
        '<p>某市生态环境保护督察反馈问题整改进展情况表</p><table><tr><td rowspan="2">序号</td><td rowspan="2">反馈问题</td><td colspan="2">责任领导</td>'
        '<td rowspan="2">责任单位</td><td rowspan="2">完成时限</td></tr>'
        "<tr><td>牵头领导</td><td>责任领导</td></tr>"
        "<tr><td>1</td><td>超低排放改造滞后。</td><td>王立新</td><td>李明</td><td>市工信局</td><td>2022年底</td></tr>"
        "<tr><td>2</td><td>污水管网覆盖不足。</td><td>张华</td><td>赵刚</td><td>市住建局</td><td>2023年底</td></tr></table>")
    assert [t.leaders for t in tasks] == [["王立新", "李明"], ["张华", "赵刚"]]


def test_group_row_naming_what_the_feedback_pointed_out_keeps_its_problem_word() -> None:
    tasks = html_tasks(
        f"<p>某县生态环境保护督察反馈意见整改落实情况表</p><table>{HTML_HEADER}<tr><td colspan=\"5\">(一)反馈意见指出的问题</td></tr>"
        "<tr><td>1</td><td>园区设施滞后。</td><td>建成污水厂。</td><td>县发改局</td><td>2023年12月</td></tr>"
        "<tr><td colspan=\"5\">二、大气污染问题</td></tr>"
        "<tr><td>2</td><td>油烟直排。</td><td>安装净化设施。</td><td>县城管局</td><td>2022年5月底前</td></tr></table>")
    assert [t.category for t in tasks] == ["反馈意见指出的问题", "大气污染"]


def test_measures_in_a_cell_closing_with_their_own_deadline_and_units() -> None:
    """A measures cell whose measures close with (2022年底前完成,县水利局负责): each measure's
    deadline is the date part alone, and its units join the row's after the unit column's."""
    from extract.assemble import extract_bytes

    page = ("<html><body><p>某县督察反馈问题整改任务清单</p><table border=1>"
            "<tr><td>序号</td><td>反馈问题</td><td>整改措施</td><td>责任单位</td><td>整改时限</td></tr>"
            "<tr><td>1</td><td>某河段非法采砂。</td><td>1.开展专项整治。(2022年底前完成,县水利局负责)<br>"
            "2.建立长效机制。(长期坚持,县公安局负责)</td><td>县水利局</td><td>2022年底前</td></tr>"
            "<tr><td>2</td><td>某矿山修复不到位。</td><td>开展复绿。</td><td>县自然资源局</td><td>2023年底前</td></tr>"
            "</table></body></html>")
    first, second = extract_bytes(page.encode("utf-8"), "list.html").tasks
    assert [m.deadline.text if m.deadline else None for m in first.measures] == ["2022年底前完成", "长期坚持"]
    assert (first.lead_unit, first.responsible_units) == ("县水利局", ["县水利局", "县公安局"])
    assert first.deadline is not None and first.deadline.text == "2022年底前"
    assert (second.responsible_units, [m.deadline for m in second.measures]) == (["县自然资源局"], [None])


# ---------------------------------------------------------------- summary tables of counts

@pytest.mark.parametrize(("text", "count"), [
    ("整改任务数", True), ("整改任务数（项）", True), ("问题数量(个)", True), ("完成率(%)", True), ("整改率", True),
    ("整改任务(项)", True), ("已完成", True), ("正在推进", True), ("县区", False), ("整改任务", False),
    ("投资(万元)", False), ("面积(亩)", False), ("序号", False), ("12项", False), ("75%", False)])
def test_count_headers(text: str, count: bool) -> None:
    from extract.segment.tables import is_count_header
    assert is_count_header(text) is count


def test_a_header_naming_a_count_names_no_task_field() -> None:
    """整改任务数 holds the label 整改任务 but counts tasks; 投资(万元) names nothing."""
    assert cell_label("整改任务数") == ""
    assert cell_label("问题数量(个)") == ""
    assert cell_label("整改任务") == "problem"
    assert cell_label("投资(万元)") is None


@pytest.mark.parametrize("rows", [
    # a row per county, counts under 整改任务数 (which holds the label 整改任务), a 合计 row last
    [["序号", "县区", "整改任务数", "已完成", "正在推进"], ["1", "甲县", "12", "10", "2"],
     ["2", "乙县", "15", "13", "2"], ["合计", "", "27", "23", "4"]],
    # a row per department under a 反馈问题 header meaning their number, figures in the problem column
    [["牵头单位", "反馈问题", "已整改", "整改率"], ["市生态环境局", "6", "5", "83.3%"],
     ["市水务局", "4", "4", "100%"], ["合计", "10", "9", "90%"]],
    [["序号", "县区", "问题", "完成情况"], ["1", "甲县", "5项", "4项"], ["2", "乙县", "3项", "3项"]],
])
def test_summary_table_of_counts_is_no_task_table(rows: list[list[str]]) -> None:
    block = table(rows)
    assert not is_task_table(block)
    assert find_header(block) is None
    assert raw_tasks([block])[0] == []


def test_task_table_with_number_columns_and_a_short_problem_stays_one() -> None:
    block = table([["序号", "反馈问题", "投资(万元)", "面积(亩)", "涉及企业数", "整改措施", "责任单位", "整改时限"],
                   ["1", "扬尘", "120", "35", "2", "工地围挡。", "县住建局", "2023年底前"],
                   ["2", "河道黑臭。", "3500", "12.5", "1", "截污纳管。", "县水务局", "2024年6月底前"],
                   ["合计", "", "3620", "47.5", "3", "", "", ""]])
    assert is_task_table(block)
    tasks, _ = raw_tasks([block])
    assert [(t.seq, t.problem.text if t.problem else None, field_texts(t)["responsible_units"]) for t in tasks] \
        == [("1", "扬尘", "县住建局"), ("2", "河道黑臭。", "县水务局")]


SUMMARY_PAGE = ("<html><body><p>关于督察反馈问题整改进展情况的公示</p><p>截至2022年6月底,各县区整改进展情况如下表。</p>"
                "<table><tr><td>序号</td><td>县区</td><td>整改任务数</td><td>已完成</td><td>正在推进</td><td>完成率</td></tr>"
                "<tr><td>1</td><td>甲县</td><td>12</td><td>10</td><td>2</td><td>83.3%</td></tr>"
                "<tr><td>2</td><td>乙县</td><td>15</td><td>13</td><td>2</td><td>86.7%</td></tr>"
                "<tr><td>合计</td><td></td><td>27</td><td>23</td><td>4</td><td>85.2%</td></tr></table>"
                "<p>某市督察整改办</p><p>2022年7月5日</p></body></html>")
SUMMARY_PROGRESS = {"as_of": dt.date(2022, 6, 30), "total": 27, "completed": 23, "in_progress": 4,
                    "completion_rate": 85.2}


@pytest.mark.parametrize(("name", "source"), [
    ("summary.html", SUMMARY_PAGE),
    ("summary.txt", "关于督察反馈问题整改进展情况的公示\n截至2022年6月底,各县区整改进展情况如下表。\n"
                    "序号 | 县区 | 整改任务数 | 已完成 | 正在推进 | 完成率\n1 | 甲县 | 12 | 10 | 2 | 83.3%\n"
                    "2 | 乙县 | 15 | 13 | 2 | 86.7%\n合计 | | 27 | 23 | 4 | 85.2%\n某市督察整改办\n2022年7月5日\n"),
    ("summary.txt", "关于督察反馈问题整改进展情况的公示\n截至2022年6月底,各县区整改进展情况如下表。\n"
                    "县区\t整改任务数\t已完成\t正在推进\t完成率\n甲县\t12\t10\t2\t83.3%\n"
                    "乙县\t15\t13\t2\t86.7%\n合计\t27\t23\t4\t85.2%\n某市督察整改办\n2022年7月5日\n"),
])
def test_summary_table_gives_progress_and_no_task(name: str, source: str) -> None:
    """A progress summary (a row per county, a 合计 row last) is no task list; its 合计 row
    gives the progress the text states none of, in HTML and in text written with pipes or tabs."""
    from extract.assemble import extract_bytes

    document = extract_bytes(source.encode("utf-8"), name)
    assert document.tasks == []
    assert document.progress is not None
    assert document.progress.model_dump(exclude_none=True) == SUMMARY_PROGRESS


def test_summary_by_department_reads_its_total_row() -> None:
    """反馈问题 | 已整改 | 整改率 over a 合计 row: total, completed and the rate."""
    from extract.assemble import extract_bytes

    page = ("<html><body><p>关于督察反馈问题整改进展情况的通报</p><p>截至2023年6月底,各牵头单位整改情况如下。</p>"
            "<table><tr><td>牵头单位</td><td>反馈问题</td><td>已整改</td><td>整改率</td></tr>"
            "<tr><td>市生态环境局</td><td>6</td><td>5</td><td>83.3%</td></tr>"
            "<tr><td>市水务局</td><td>4</td><td>4</td><td>100%</td></tr>"
            "<tr><td>合计</td><td>10</td><td>9</td><td>90%</td></tr></table></body></html>")
    document = extract_bytes(page.encode("utf-8"), "dept.html")
    assert document.tasks == []
    assert document.progress is not None
    assert document.progress.model_dump(exclude_none=True) == {
        "as_of": dt.date(2023, 6, 30), "total": 10, "completed": 9, "completion_rate": 90.0}
