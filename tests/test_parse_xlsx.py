"""XLSX ledgers: title and note rows, header bands, merged group rows, vertical merges,
cell values as text, sheets, bad files; the corpus ledger end to end against its gold."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
import zipfile
from collections.abc import Callable

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from extract.assemble import extract_bytes
from extract.config import Options
from extract.errors import CorruptFile
from extract.parse.xlsx import cell_text, parse_xlsx
from schemas.blocks import Block, BlockKind
from tests.conftest import CORPUS

LEDGER = CORPUS / "xlsx" / "002_b5fa22a766b1ca11_tasks.xlsx"
LEDGER_GOLD = CORPUS / "gold" / "variants" / "002_b5fa22a766b1ca11_tasks.json"


def workbook_bytes(*fill: Callable[[Worksheet], None], titles: tuple[str, ...] = ("Sheet1",)) -> bytes:
    workbook = openpyxl.Workbook()
    for k, build in enumerate(fill):
        sheet = workbook.active if k == 0 else workbook.create_sheet()
        assert isinstance(sheet, Worksheet)
        sheet.title = titles[k] if k < len(titles) else f"Sheet{k + 1}"
        build(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def grid(block: Block) -> list[list[str]]:
    return [[c.text for c in row] for row in block.rows]


def simple_ledger(sheet: Worksheet) -> None:
    sheet.append(["某县督察反馈问题整改台账", None, None, None])
    sheet.merge_cells("A1:D1")
    sheet.append(["序号", "反馈问题", "完成时限", "牵头单位"])
    sheet.append(["一、例行督察(1项)", None, None, None])
    sheet.merge_cells("A3:D3")
    sheet.append([1.0, "甲问题。\r\n第二行。", dt.datetime(2021, 6, 30), "县住建局"])
    sheet.append([None, None, None, None])


def test_title_row_group_row_and_values() -> None:
    blocks = parse_xlsx(workbook_bytes(simple_ledger), Options()).blocks
    assert [(b.kind, b.text) for b in blocks[:1]] == [(BlockKind.heading, "某县督察反馈问题整改台账")]
    assert len(blocks) == 2 and grid(blocks[1]) == [
        ["序号", "反馈问题", "完成时限", "牵头单位"],
        ["一、例行督察(1项)"] * 4,
        ["1", "甲问题。\n第二行。", "2021年6月30日", "县住建局"]]


def banded_ledger(sheet: Worksheet) -> None:
    sheet.append([None, None, None, None, None, None])  # blank row and column A
    sheet.append([None, "附件2", None, None, None, None])
    sheet.append([None, "整改任务清单", None, None, None, None])
    sheet.merge_cells("B3:F3")
    sheet.append([None, "填报单位:某县", None, None, "填报日期:2021年1月", None])
    sheet.append([None, "序号", "问题", "责任", None, "时限"])
    sheet.merge_cells("D5:E5")
    sheet.append([None, None, None, "牵头单位", "配合单位", None])
    sheet.merge_cells("B5:B6")
    sheet.append([None, 1, "甲。", "县水务局", "县财政局", "2021年底前"])
    sheet.append([None, None, None, "县林草局", None, None])
    sheet.merge_cells("B7:B8")
    sheet.merge_cells("C7:C8")
    sheet.append([None, "注:本表由县督察办汇总。", None, None, None, None])
    sheet.merge_cells("B9:F9")


def test_header_band_titles_notes_and_vertical_merges() -> None:
    blocks = parse_xlsx(workbook_bytes(banded_ledger, titles=("Sheet1",)), Options()).blocks
    assert [(b.kind, b.text) for b in blocks if b.kind is not BlockKind.table] == [
        (BlockKind.heading, "附件2"), (BlockKind.heading, "整改任务清单"),
        (BlockKind.paragraph, "填报单位:某县 填报日期:2021年1月"),
        (BlockKind.paragraph, "注:本表由县督察办汇总。")]
    table = next(b for b in blocks if b.kind is BlockKind.table)
    assert grid(table) == [
        ["序号", "问题", "责任", "", "时限"],  # a partial merge keeps its value top-left only
        ["", "", "牵头单位", "配合单位", ""],
        ["1", "甲。", "县水务局", "县财政局", "2021年底前"],
        ["", "", "县林草局", "", ""]]


def test_header_band_ledger_gives_one_task() -> None:
    document = extract_bytes(workbook_bytes(banded_ledger), "ledger.xlsx")
    assert [(t.seq, t.problem, t.lead_unit, t.cooperating_units) for t in document.tasks] == [
        ("1", "甲。", "县水务局", ["县财政局"])]


@pytest.mark.parametrize(("value", "number_format", "text"), [
    (None, "General", ""), (3.0, "General", "3"), (2.5, "General", "2.5"), (0.1 + 0.2, "General", "0.3"),
    (0.85, "0%", "85%"), (dt.datetime(2020, 12, 31), "yyyy-mm-dd", "2020年12月31日"),
    (dt.date(2021, 3, 1), "General", "2021年3月1日"), (True, "General", "是"),
    ("甲_x000D_\r\n乙 ", "General", "甲\n乙"),
])
def test_cell_text(value: object, number_format: str, text: str) -> None:
    assert cell_text(value, number_format) == text


@pytest.mark.parametrize(("title", "heading"), [("Sheet1", False), ("工作表2", False), ("大气污染问题", True)])
def test_sheet_name_heading(title: str, heading: bool) -> None:
    def build(sheet: Worksheet) -> None:
        sheet.append(["序号", "反馈问题", "责任单位"])
        sheet.append([1, "甲。", "县住建局"])

    blocks = parse_xlsx(workbook_bytes(build, titles=(title,)), Options()).blocks
    assert [b.text for b in blocks if b.kind is BlockKind.heading] == ([title] if heading else [])


def test_sheet_name_under_a_title_row_is_no_part_of_the_title() -> None:
    def build(sheet: Worksheet) -> None:
        sheet.append(["某县督察反馈意见整改任务清单"])
        sheet.merge_cells("A1:C1")
        sheet.append(["序号", "反馈问题", "责任单位"])
        sheet.append([1, "甲。", "县住建局"])

    data = workbook_bytes(build, titles=("整改清单",))
    assert [b.text for b in parse_xlsx(data, Options()).blocks if b.kind is BlockKind.heading] == [
        "某县督察反馈意见整改任务清单"]
    assert extract_bytes(data, "ledger.xlsx").title == "某县督察反馈意见整改任务清单"


def test_sheets_hidden_and_several() -> None:
    def first(sheet: Worksheet) -> None:
        sheet.append(["序号", "反馈问题", "责任单位"])
        sheet.append([1, "甲。", "县住建局"])

    def hidden(sheet: Worksheet) -> None:
        sheet.append(["下拉选项", "已完成"])
        sheet.sheet_state = "hidden"

    def empty(sheet: Worksheet) -> None:
        return None

    parsed = parse_xlsx(workbook_bytes(first, hidden, empty, first, titles=("一", "选项", "空", "二")), Options())
    assert [b.kind for b in parsed.blocks] == [
        BlockKind.heading, BlockKind.table, BlockKind.page_break, BlockKind.heading, BlockKind.table]
    assert parsed.pages == 3


def test_formatting_far_below_costs_nothing() -> None:
    def build(sheet: Worksheet) -> None:
        sheet.append(["序号", "反馈问题", "责任单位"])
        sheet.append([1, "甲。", "县住建局"])
        sheet.cell(row=200_000, column=30).number_format = "0.00"

    data = workbook_bytes(build)
    started = time.perf_counter()
    table = parse_xlsx(data, Options()).blocks[-1]
    assert grid(table) == [["序号", "反馈问题", "责任单位"], ["1", "甲。", "县住建局"]]
    assert time.perf_counter() - started < 5


def test_corpus_ledger_blocks() -> None:
    parsed = parse_xlsx(LEDGER.read_bytes(), Options())
    assert parsed.blocks[0].kind is BlockKind.heading
    table = next(b for b in parsed.blocks if b.kind is BlockKind.table)
    assert [c.text.replace("\n", "") for c in table.rows[0]][:2] == ["序号", "反馈问题"]
    seqs = [row[0].text for row in table.rows[1:] if len({c.text for c in row}) > 1]
    assert seqs[:2] == ["1", "2"] and "17(一)" in seqs


def test_corpus_ledger_tasks_match_gold() -> None:
    gold = json.loads(LEDGER_GOLD.read_text(encoding="utf-8"))
    document = extract_bytes(LEDGER.read_bytes(), "xlsx/" + LEDGER.name)
    got = {t.seq: t for t in document.tasks}
    assert list(got) == [t["seq"] for t in gold["tasks"]]
    for expected in gold["tasks"]:
        task = got[expected["seq"]]
        assert task.category == expected["category"]
        assert task.lead_unit == expected["lead_unit"]
        assert task.deadline is not None and str(task.deadline.date) == str(expected["deadline"]["date"])
        assert len(task.measures) == len(expected["measures"])


@pytest.mark.parametrize("data", [
    b"PK\x03\x04 broken",
    b"\xd0\xcf\x11\xe0" + b"\x00" * 512,  # an OLE2 container (encrypted or legacy .xls)
])
def test_not_a_workbook(data: bytes) -> None:
    with pytest.raises(CorruptFile):
        parse_xlsx(data, Options())


def test_zip_without_a_workbook() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(CorruptFile):
        parse_xlsx(buffer.getvalue(), Options())


def with_sheet_xml(data: bytes, edit: Callable[[str], str]) -> bytes:
    """The workbook with its first sheet's XML edited as text."""
    source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in source.namelist():
            part = source.read(name)
            archive.writestr(name, edit(part.decode()) if name == "xl/worksheets/sheet1.xml" else part)
    return buffer.getvalue()


def test_broken_sheet_names_its_cause() -> None:
    data = with_sheet_xml(workbook_bytes(simple_ledger), lambda xml: xml.replace("<v>1</v>", "<v>abc</v>", 1))
    with pytest.raises(CorruptFile, match=r"invalid literal for int\(\) with base 10: 'abc'"):
        parse_xlsx(data, Options())


def test_date_out_of_range_is_read_quietly(recwarn: pytest.WarningsRecorder) -> None:
    def fill(sheet: Worksheet) -> None:
        sheet["A1"], sheet["A2"] = "整改时限", 2958466  # one day past 9999-12-31
        sheet["A2"].number_format = "yyyy-mm-dd"

    parse_xlsx(workbook_bytes(fill), Options())
    assert not [w for w in recwarn if "openpyxl" in w.filename]


def ledger_with_serials(sheet: Worksheet) -> None:
    sheet.append(["某县生态环境保护督察反馈问题整改台账"])
    sheet.append(["序号", "反馈问题", "整改时限", "牵头单位", "配合单位", "问题编号"])
    sheet.append([1, "扬尘管控不力。", 45291, "县住建局", "县城管局", 45291])
    sheet.append([2, "油烟扰民。", dt.datetime(2024, 6, 1), "县市场监管局", None, 12])
    sheet["C4"].number_format = 'yyyy"年"m"月";@'
    sheet.append([3, "污水处理厂超负荷。", "长期坚持", "县住建局", None, None])
    sheet.append(["填报人:赵敏", None, "审核人:周强", None, "联系电话:12345678", None])
    sheet.append([None, "说明:时限为最迟完成时间。", None, None, None, None])


def test_deadline_serials_month_formats_and_footer_rows() -> None:
    """A bare day serial in a deadline column is the date it counts (another column's number
    stays), a date cell formatted without its day reads as its month, and the signing and
    note rows under the table are paragraphs after it, no task."""
    blocks = parse_xlsx(workbook_bytes(ledger_with_serials), Options()).blocks
    assert [b.kind for b in blocks] == [BlockKind.heading, BlockKind.table, BlockKind.paragraph, BlockKind.paragraph]
    assert [row[2] for row in grid(blocks[1])[1:]] == ["2023年12月31日", "2024年6月", "长期坚持"]
    assert grid(blocks[1])[1][5] == "45291"
    document = extract_bytes(workbook_bytes(ledger_with_serials), "ledger.xlsx")
    assert [(t.seq, t.deadline.date if t.deadline else None) for t in document.tasks] == [
        ("1", dt.date(2023, 12, 31)), ("2", dt.date(2024, 6, 30)), ("3", None)]


@pytest.mark.parametrize(("fmt", "text"), [
    ('yyyy"年"m"月"', "2024年6月"), ("mmm-yy", "2024年6月"), ("[DBNum1][$-804]yyyy\"年\"m\"月\"", "2024年6月"),
    ("yyyy/m/d", "2024年6月1日"), ("yyyy-mm-dd h:mm", "2024年6月1日"), ('yyyy"年"m"月"d"日"', "2024年6月1日"),
])
def test_date_cell_formats(fmt: str, text: str) -> None:
    assert cell_text(dt.datetime(2024, 6, 1), fmt) == text


def printed_ledger(sheet: Worksheet) -> None:
    """Title merged over the top, a 填报单位 row, a two-row header (责任主体 over 牵头单位 |
    配合单位 | 责任领导) on rows 3–4, the header printed again lower down in one row, a
    note row and a signing row at the foot."""
    sheet.append(["某市生态环境保护督察反馈问题整改台账"])
    sheet.merge_cells("A1:H1")
    sheet.append(["填报单位:某市督察整改办", None, None, None, None, None, "填报日期:", dt.datetime(2022, 3, 1)])
    sheet.append(["序号", "反馈问题", "整改措施", "责任主体", None, None, "整改时限", "是否完成"])
    sheet.merge_cells("D3:F3")
    sheet.append([None, None, None, "牵头单位", "配合单位", "责任领导", None, None])
    for column in "ABCGH":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.append([1, "扬尘管控不到位。", "1.加强巡查;\n2.严格执法。", "市住建局", "市城管局、市生态环境局", "张伟",
                  dt.datetime(2022, 6, 30), "是"])
    sheet.append(["序号", "反馈问题", "整改措施", "牵头单位", "配合单位", "责任领导", "整改时限", "是否完成"])
    sheet.append([2, "黑臭水体反弹。", "实施截污纳管。", "市水务局", "各区政府", "王强", "2022.9.30", "否"])
    sheet.append(["备注:本表由市督察整改办汇总。"])
    sheet.merge_cells("A8:H8")
    sheet.append(["填报人:赵敏", None, None, "审核人:周强"])


def test_two_row_header_wins_over_the_header_printed_again_below() -> None:
    """The header band on rows 3–4 names the units' columns in its second row; the header
    printed again lower down names as many in one row, and the table starts at the first."""
    document = extract_bytes(workbook_bytes(printed_ledger), "ledger.xlsx")
    assert document.title == "某市生态环境保护督察反馈问题整改台账"
    assert [(t.seq, t.problem, t.lead_unit, t.cooperating_units, t.leaders,
             t.deadline.date if t.deadline else None, [m.text for m in t.measures]) for t in document.tasks] == [
        ("1", "扬尘管控不到位。", "市住建局", ["市城管局", "市生态环境局"], ["张伟"], dt.date(2022, 6, 30),
         ["加强巡查", "严格执法。"]),
        ("2", "黑臭水体反弹。", "市水务局", ["各区政府"], ["王强"], dt.date(2022, 9, 30), ["实施截污纳管。"])]
    assert [t.status for t in document.tasks] == ["completed", "in_progress"]


def hidden_lines_ledger(sheet: Worksheet) -> None:
    sheet.append(["某县生态环境保护督察反馈问题整改任务清单"])
    sheet.merge_cells("A1:E1")
    sheet.append(["序号", "反馈问题", "内部备注", "责任单位", "整改时限"])
    sheet.append([1, "扬尘污染。", "草稿", "县住建局", "2022年底前"])
    sheet.append([2, "已删去的问题。", "旧", "县水务局", "2022年底前"])
    sheet.append([2, "黑臭水体。", "新", "县水务局", "2023年底前"])
    sheet.append([3, "秸秆焚烧。", None, "县农业农村局", "2023年底前"])
    sheet.row_dimensions[4].hidden = True  # hidden outright: not shown
    sheet.column_dimensions["C"].hidden = True
    sheet.row_dimensions[6].outlineLevel = 1  # folded into a collapsed group: the [+] shows it
    sheet.row_dimensions[6].hidden = True


def test_hidden_rows_and_columns_are_not_read_folded_ones_are() -> None:
    table = next(b for b in parse_xlsx(workbook_bytes(hidden_lines_ledger), Options()).blocks
                 if b.kind is BlockKind.table)
    assert grid(table) == [["序号", "反馈问题", "责任单位", "整改时限"],
                           ["1", "扬尘污染。", "县住建局", "2022年底前"],
                           ["2", "黑臭水体。", "县水务局", "2023年底前"],
                           ["3", "秸秆焚烧。", "县农业农村局", "2023年底前"]]


def test_rows_an_active_filter_hides_are_read() -> None:
    def build(sheet: Worksheet) -> None:
        hidden_lines_ledger(sheet)
        sheet.auto_filter.ref = "A2:E6"
        sheet.auto_filter.add_filter_column(3, ["县住建局"])

    table = next(b for b in parse_xlsx(workbook_bytes(build), Options()).blocks if b.kind is BlockKind.table)
    assert [row[1] for row in grid(table)[1:]] == ["扬尘污染。", "已删去的问题。", "黑臭水体。", "秸秆焚烧。"]


def merged_down_ledger(sheet: Worksheet) -> None:
    """A category merged down the left column, a problem merged over its two measure rows,
    a lead unit merged over two problems."""
    sheet.append(["某县生态环境保护督察反馈问题整改台账"])
    sheet.merge_cells("A1:F1")
    sheet.append(["类别", "序号", "反馈问题", "整改措施", "牵头单位", "整改时限"])
    sheet.append(["大气", 1, "扬尘管控不力。", "1.加强巡查。", "县住建局", "2022年6月底前"])
    sheet.append([None, None, None, "2.严格执法。", None, "2022年12月底前"])
    sheet.merge_cells("B3:B4")
    sheet.merge_cells("C3:C4")
    sheet.merge_cells("E3:E4")
    sheet.append([None, 2, "秸秆焚烧。", "开展巡查。", "县农业农村局", "2022年10月底前"])
    sheet.append([None, 3, "露天烧烤。", "取缔露天烧烤。", None, "2022年8月底前"])
    sheet.merge_cells("E5:E6")
    sheet.merge_cells("A3:A6")
    sheet.append(["水", 4, "污水直排。", "截污纳管。", "县水务局", "2023年底前"])


def test_cells_merged_down_over_tasks_and_over_sub_rows() -> None:
    document = extract_bytes(workbook_bytes(merged_down_ledger), "ledger.xlsx")
    assert [(t.seq, t.category, t.problem, t.lead_unit, len(t.measures)) for t in document.tasks] == [
        ("1", "大气", "扬尘管控不力。", "县住建局", 2), ("2", "大气", "秸秆焚烧。", "县农业农村局", 1),
        ("3", "大气", "露天烧烤。", "县农业农村局", 1), ("4", "水", "污水直排。", "县水务局", 1)]


def category_sheets(*names: str) -> bytes:
    """A summary sheet of counts first, then one sheet per category, each with its own
    title row and its rows numbered from 1."""
    def summary(sheet: Worksheet) -> None:
        sheet.append(["类别", "问题数", "已完成"])
        for name in names:
            sheet.append([name, 2, 1])
        sheet.append(["合计", 2 * len(names), len(names)])

    def category(name: str) -> Callable[[Worksheet], None]:
        def build(sheet: Worksheet) -> None:
            sheet.append(["附件1"])
            sheet.append([f"某市{name}领域生态环境保护督察反馈问题整改清单"])
            sheet.merge_cells("A2:D2")
            sheet.append(["序号", "反馈问题", "责任单位", "整改时限"])
            sheet.append([1, f"{name}问题甲。", "市生态环境局", "2022年底前"])
            sheet.append([2, f"{name}问题乙。", "市生态环境局", "2023年底前"])
        return build

    return workbook_bytes(summary, *(category(name) for name in names), titles=("汇总", *names))


def test_one_sheet_per_category_numbered_from_one() -> None:
    """Each category sheet's name is its rows' category (the seqs take the sheet's ordinal,
    as for any tables numbered anew); the summary sheet of counts gives no task; the title
    is the first title row, the text's first lines being the counts."""
    document = extract_bytes(category_sheets("大气", "水", "土壤", "生态"), "ledger.xlsx")
    assert [(t.seq, t.category) for t in document.tasks] == [
        ("1.1", "大气"), ("1.2", "大气"), ("2.1", "水"), ("2.2", "水"),
        ("3.1", "土壤"), ("3.2", "土壤"), ("4.1", "生态"), ("4.2", "生态")]
    assert document.tasks[2].problem == "水问题甲。"
    assert document.title == "某市大气领域生态环境保护督察反馈问题整改清单"
    assert document.doc_type == "task_list"


def test_one_task_sheet_or_a_category_column_takes_no_sheet_category() -> None:
    def with_column(sheet: Worksheet) -> None:
        sheet.append(["序号", "问题类别", "反馈问题", "责任单位"])
        sheet.append([1, "水", "黑臭水体。", "市水务局"])

    def plain(sheet: Worksheet) -> None:
        sheet.append(["序号", "反馈问题", "责任单位"])
        sheet.append([1, "扬尘污染。", "市住建局"])

    parsed = parse_xlsx(workbook_bytes(with_column, plain, titles=("第一批", "第二批")), Options())
    tables = [grid(b) for b in parsed.blocks if b.kind is BlockKind.table]
    assert tables[0][1] == ["1", "水", "黑臭水体。", "市水务局"]
    assert tables[1][1] == ["第二批"] * 3
    single = parse_xlsx(workbook_bytes(plain, titles=("大气",)), Options())
    assert next(grid(b) for b in single.blocks if b.kind is BlockKind.table)[1] == ["1", "扬尘污染。", "市住建局"]


def test_summary_sheet_of_counts_gives_progress_and_no_task() -> None:
    """A sheet of counts per county (序号 | 县区 | 整改任务数(项) | 已完成 | …, a 合计 row last)
    under a progress title: no task; the 合计 row is the progress."""
    def summary(sheet: Worksheet) -> None:
        sheet.append(["某市督察反馈问题整改进展情况"])
        sheet.append(["序号", "县区", "整改任务数（项）", "已完成", "正在推进", "完成率"])
        sheet.append([1, "甲县", 10, 8, 2, "80%"])
        sheet.append([2, "乙县", 6, 3, 3, "50%"])
        sheet.append(["合计", None, 16, 11, 5, "68.8%"])

    document = extract_bytes(workbook_bytes(summary), "summary.xlsx")
    assert document.tasks == []
    assert document.progress is not None
    assert document.progress.model_dump(exclude_none=True) == {
        "total": 16, "completed": 11, "in_progress": 5, "completion_rate": 68.8}
