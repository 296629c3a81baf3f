"""PDF: text layer, furniture, line joining, fake bold, tables over pages, OCR, bad files."""

from __future__ import annotations

import ctypes
import io
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
import regex

from extract.config import Options
from extract.errors import CorruptFile, EncryptedPdf, NeedsOcr
from extract.parse.ocr import ocr_available, render_dpi, tsv_to_page
from extract.parse.pdf import (
    Line,
    PageText,
    Table,
    drop_furniture,
    join_lines,
    looks_doubled,
    ocr_page_marker_re,
    pages_to_blocks,
    parse_pdf,
    pdf_rules,
    plumber_origins,
    rows_joined,
    set_notes_aside,
    split_columns,
    without_repeated_header,
)
from extract.parse.wrap import wrap_rules
from schemas.blocks import Block, BlockKind, Cell
from tests.conftest import CORPUS, seed_path

PDF = CORPUS / "pdf"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"


def blocks_of(path: Path, options: Options | None = None) -> list[Block]:
    return parse_pdf(path.read_bytes(), options or Options()).blocks


def text_of(name: str, options: Options | None = None) -> str:
    return "\n".join(b.text for b in blocks_of(PDF / name, options) if b.kind is not BlockKind.table)


def squeeze(text: str) -> str:
    return "".join(text.split())


def texts(rows: list[list[Cell]]) -> list[list[str]]:
    return [[squeeze(cell.text) for cell in row] for row in rows]


def test_text_pdf_equals_seed_text() -> None:
    seed = squeeze(seed_path("004").read_text(encoding="utf-8").replace("|", "").replace("【打印本页】【关闭窗口】", ""))
    assert squeeze(text_of("004_af3a83945fc0fbc2.pdf")) == seed


def test_no_page_numbers_and_lines_joined() -> None:
    text = text_of("004_af3a83945fc0fbc2.pdf")
    assert "— 2 —" not in text and "—2—" not in squeeze(text)
    lines = text.split("\n")
    assert "一、反馈问题内容" in lines
    assert any(line.startswith("(一)提高政治站位") and line.endswith("解决环境问题。") for line in lines)


def test_lines_wrapped_before_a_number_or_short_of_the_margin_are_joined() -> None:
    paragraphs = [b.text for b in blocks_of(PDF / "002_b5fa22a766b1ca11.pdf") if b.kind is BlockKind.paragraph]
    # each of these pairs stood on two lines, the first ending well before the margin
    for first, second in [("分别达到", "98%左右"), ("18.43%和", "998.3533"), ("常态化、", "稳定化")]:
        assert any(squeeze(p).find(first + second) >= 0 for p in paragraphs), (first, second)
    assert "一、指导思想" in paragraphs and "二、工作原则" in paragraphs


def test_fake_bold_headings_come_out_single() -> None:
    text = text_of("004_af3a83945fc0fbc2_fakebold.pdf")
    assert "关关于于" not in text and "一一、、" not in text
    assert squeeze(text) == squeeze(text_of("004_af3a83945fc0fbc2.pdf"))


def test_table_over_pages_is_one_table_with_one_header() -> None:
    parsed = parse_pdf((PDF / "002_b5fa22a766b1ca11.pdf").read_bytes(), Options())
    tables = [b for b in parsed.blocks if b.kind is BlockKind.table]
    assert len(tables) == 1 and parsed.pages == 39
    rows = texts(tables[0].rows)
    assert rows[0][:4] == ["序号", "反馈问题", "整改目标", "整改时限"]
    assert rows.count(rows[0]) == 1  # the header repeated on each page went
    numbers = [row[0] for row in rows if row[0].isdigit()]
    assert numbers == [str(n) for n in range(1, 17)]
    # rows cut by a page break were made whole: no row with an empty first cell is left
    assert all(row[0] for row in rows)
    first = next(row for row in rows if row[0] == "1")
    assert "不牢固" in first[1] and "坚决扛" in first[8] and "(二)" in first[8]


def test_merged_cells_and_cut_row() -> None:
    blocks = blocks_of(FIXTURES / "merged_cells.pdf")
    assert [b.text for b in blocks if b.kind is BlockKind.paragraph] == ["附件", "整改任务清单", "以上任务由各责任单位按期完成。"]
    (table,) = [b for b in blocks if b.kind is BlockKind.table]
    rows = texts(table.rows)
    assert rows[0] == ["序号", "问题", "整改时限", "责任单位", "整改措施"] and rows.count(rows[0]) == 1
    assert rows[1] == ["一、水污染问题(3项)", "", "", "", ""]
    assert rows[2][3] == "某县人民政府" and rows[3][3] == "" and rows[4][3] == "某市生态环境局"
    assert [row[0] for row in rows if row[0].isdigit()] == [str(n) for n in range(1, 16)]
    assert all(row[1].count("扬尘污染管控不到位") == 2 for row in rows if row[0].isdigit() and int(row[0]) >= 4)
    assert table.rows[2][4].text == "(一)开展排查。\n(二)完成整治。"


@pytest.mark.parametrize(("lines", "paragraphs"), [
    ([Line("整改目标是全面", 0.2), Line("完成。", 12.0)], ["整改目标是全面完成。"]),
    ([Line("全面完成整改工作。", 0.2), Line("下一段", 12.0)], ["全面完成整改工作。", "下一段"]),
    ([Line("问题描述很长很长", 0.2), Line("(一)第一项措施", 9.0)], ["问题描述很长很长", "(一)第一项措施"]),
    ([Line("某某单位", 0.2), Line("某市生态环境局", 0.0, apart=True)], ["某某单位", "某市生态环境局"]),
    ([Line("using the", 0.2), Line("PDF text", 20.0)], ["using the PDF text"]),
    # a number too wide for the room left goes to the next line whole
    ([Line("安全利用率分别达到", 2.3), Line("98%左右", 10.0, lead=2.2)], ["安全利用率分别达到98%左右"]),
    # room for a character and a half: the next character would not have fitted
    ([Line("逐步建立常态化、", 1.5), Line("稳定化的机制", 10.0, lead=0.95)], ["逐步建立常态化、稳定化的机制"]),
    # a short last line of a heading stays apart from the text below it
    ([Line("三、总体目标", 18.0), Line("生态环境质量总体改善", 0.1)], ["三、总体目标", "生态环境质量总体改善"]),
    ([Line("完成时限:", 0.0), Line("2025年底前", 10.0, lead=3.0)], ["完成时限:", "2025年底前"]),
])
def test_join_lines(lines: list[Line], paragraphs: list[str]) -> None:
    assert join_lines(lines) == paragraphs


@pytest.mark.parametrize(("text", "doubled"), [
    ("整整改改方方案案", True),
    ("关于整改方案关于整改方案", True),
    ("一一、、反反馈馈问问题题", True),
    ("常常", False),
    ("经常常常检查", False),
    ("整改方案", False),
])
def test_looks_doubled(text: str, doubled: bool) -> None:
    assert looks_doubled(text) is doubled


def one_page_pdf(runs: list[tuple[str, float, float]], base: bytes | None = None) -> bytes:
    """A page with Helvetica text objects (text, x, y), as separate objects in this order,
    drawn on a new page or over the first page of `base`."""
    document = pdfium.PdfDocument(base) if base else pdfium.PdfDocument.new()
    page = document[0] if base else document.new_page(595, 842)
    for text, x, y in runs:
        obj = pdfium_raw.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", ctypes.c_float(14.0))
        buffer = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
        pdfium_raw.FPDFText_SetText(obj, ctypes.cast(buffer, ctypes.POINTER(pdfium_raw.FPDF_WCHAR)))
        pdfium_raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
        pdfium_raw.FPDFPage_InsertObject(page.raw, obj)
    pdfium_raw.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_overprint_in_other_runs_is_dropped_by_position() -> None:
    # the second copy, 0.3 pt to the right, is split into other text objects than the
    # first, so pdfium's own duplicate filter lets it through
    rectif = 35.784  # width of "Rectif" in 14 pt Helvetica
    data = one_page_pdf([("Rectification plan", 72, 700), ("Rectif", 72.3, 700), ("ication plan", 72.3 + rectif, 700)])
    assert [b.text for b in parse_pdf(data, Options()).blocks] == ["Rectification plan"]


def test_real_repeated_letters_stay() -> None:
    data = one_page_pdf([("aabbccdd", 72, 700)])
    assert [b.text for b in parse_pdf(data, Options()).blocks] == ["aabbccdd"]


def cells(*texts: str) -> list[Cell]:
    return [Cell(text=t) for t in texts]


HEADER = cells("序号", "问题", "责任单位")


@pytest.mark.parametrize(("head", "rows", "expected"), [
    # the rest of a row cut by the page: joined, without separator between CJK text
    ([HEADER, cells("1", "某河段水质", "某县")], [cells("", "超标。", "")],
     [["序号", "问题", "责任单位"], ["1", "某河段水质超标。", "某县"]]),
    # a new row under a first column merged down the page: it has its own number
    ([HEADER, cells("大气", "1", "扬尘")], [cells("", "2", "油烟")],
     [["序号", "问题", "责任单位"], ["大气", "1", "扬尘"], ["", "2", "油烟"]]),
    # a cell the cut row left empty is filled: a row of its own
    ([HEADER, cells("1", "问题", "")], [cells("", "", "某局")],
     [["序号", "问题", "责任单位"], ["1", "问题", ""], ["", "", "某局"]]),
    # a numbered item after the cut starts its own line in the cell
    ([HEADER, cells("1", "问题", "(一)排查")], [cells("", "", "(二)整治")],
     [["序号", "问题", "责任单位"], ["1", "问题", "(一)排查\n(二)整治"]]),
])
def test_rows_joined(head: list[list[Cell]], rows: list[list[Cell]], expected: list[list[str]]) -> None:
    assert [[c.text for c in row] for row in rows_joined(head, rows)] == expected


def test_rest_of_a_problem_merged_over_measure_rows_goes_to_the_problem() -> None:
    # number and problem cells cover rows 1-3 (their text in row 1); the page cut them after row 3
    head = [HEADER, cells("5", "园区废水超", "(1)排查"), cells("", "", "(2)改造"), cells("", "", "(3)监控")]
    rest = [cells("", "标排放。", ""), cells("6", "另一问题", "")]
    assert [[c.text for c in row] for row in rows_joined(head, rest, (1, 1, 3))] == [
        ["序号", "问题", "责任单位"], ["5", "园区废水超标排放。", "(1)排查"], ["", "", "(2)改造"], ["", "", "(3)监控"],
        ["6", "另一问题", ""]]
    # not known to be merged: the empty cells are the row's own, the rest a row of its own
    assert len(rows_joined(head, rest)) == 6


def test_pdfplumber_slots_a_cell_merged_down_covers() -> None:
    # (x0, top, x1, bottom) per slot; the first two columns of row 1 reach down over row 2
    slots = [[(0, 0, 10, 10), (10, 0, 20, 10), (20, 0, 30, 10)],
             [(0, 10, 10, 40), (10, 10, 20, 40), (20, 10, 30, 20)],
             [None, None, (20, 20, 30, 40)],
             [(0, 40, 10, 50), None, (20, 40, 30, 50)]]  # a cell merged across, not down
    assert plumber_origins(slots) == [[0, 0, 0], [1, 1, 1], [1, 1, 2], [3, 3, 3]]


def test_official_notice_with_its_task_table_in_landscape_pages() -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes((FIXTURES / "official_notice.pdf").read_bytes(), "official_notice.pdf")
    assert document.title == "某市贯彻落实第二轮省级生态环境保护督察反馈意见整改方案"
    assert document.doc_number == "某督改〔2023〕5号" and document.issue_date.isoformat() == "2023-03-15"
    assert document.issuers == ["某市生态环境保护督察整改工作领导小组"]
    assert document.attachments == ["某市第二轮省级生态环境保护督察反馈问题整改任务清单"]
    tasks = document.tasks
    assert [task.seq for task in tasks] == [str(n) for n in range(1, 9)]
    # problem 5, merged over its three measure rows, was cut by the page break after them
    for task in tasks:
        assert task.problem.startswith(f"问题{task.seq}:某工业园区") and task.problem.endswith("周边河段水质下降。")
        assert len(task.problem) == len(tasks[0].problem)
        assert " " not in task.problem  # a wrapped line pdfium joined with a space
    assert tasks[4].deadline is not None and tasks[4].deadline.text == "2022年6月底前、2023年6月底前、长期坚持"
    assert tasks[4].responsible_units == ["某县人民政府"] and tasks[4].leaders == ["王某某"]
    assert tasks[3].deadline is not None and tasks[3].deadline.text == "2023年12月底前"
    assert tasks[3].responsible_units == ["市生态环境局", "某县人民政府"] and tasks[3].lead_unit == "市生态环境局"


def table(*rows: tuple[str, ...]) -> Table:
    return Table([cells(*row) for row in rows], (10.0, 50.0, 90.0, 130.0))


def layout(blocks: list[Block]) -> list[str]:
    """Blocks as short strings: paragraph text, `T:` and a table's first cells, `|` for a page break."""
    return [b.text if b.kind is BlockKind.paragraph else "|" if b.kind is BlockKind.page_break
            else "T:" + ",".join(row[0].text for row in b.rows) for b in blocks]


@pytest.mark.parametrize(("pages", "expected"), [
    # two tables on a page stay apart, the text between them in its place
    ([PageText([[Line("甲。", 9.0)], table(("序号", "问题", "单位"), ("1", "a", "b")), [Line("乙。", 9.0)],
                table(("序号", "问题", "单位"), ("2", "c", "d")), [Line("丙。", 9.0)]])],
     ["甲。", "T:序号,1", "乙。", "T:序号,2", "丙。"]),
    # a table first on the next page continues the last one: merged, header dropped
    ([PageText([[Line("甲。", 9.0)], table(("序号", "问题", "单位"), ("1", "a", "b")), []]),
      PageText([table(("序号", "问题", "单位"), ("2", "c", "d")), [Line("乙。", 9.0)]])],
     ["甲。", "T:序号,1,2", "乙。"]),
    # text before it on the new page: another table
    ([PageText([table(("序号", "问题", "单位"), ("1", "a", "b"))]),
      PageText([[Line("附件2", 9.0)], table(("序号", "问题", "单位"), ("1", "c", "d"))])],
     ["T:序号,1", "|", "附件2", "T:序号,1"]),
    # a paragraph running on over the page break: no page break block inside it
    ([PageText([[Line("整改目标是全面", 0.1)]]), PageText([[Line("完成。", 9.0)]])], ["整改目标是全面完成。"]),
])
def test_pages_to_blocks(pages: list[PageText], expected: list[str]) -> None:
    assert layout(pages_to_blocks(pages)) == expected


def page(*lines: str) -> PageText:
    return PageText([[Line(text, 9.0, apart=True) for text in lines]])


def body(n: int) -> list[str]:
    """Page n's own lines, between its head and foot."""
    return [f"第{n}页第{k}行。" for k in range(1, 5)]


@pytest.mark.parametrize(("pages", "expected"), [
    # a head repeating the title: kept where it first stands (page one), dropped after
    ([page("某方案", "某方案", "一、甲。", "— 1 —"), page("某方案", "二、乙。", "— 2 —")],
     [["某方案", "一、甲。"], ["二、乙。"]]),
    # two pages are enough for a head on both; a page number repeated is still a page number
    ([page("某局文件", "某方案", "— 1 —"), page("某局文件", "一、甲。", "— 1 —")],
     [["某局文件", "某方案"], ["一、甲。"]]),
    # a first line on one page of two is no head
    ([page("某方案", "一、甲。"), page("二、乙。", "三、丙。")], [["某方案", "一、甲。"], ["二、乙。", "三、丙。"]]),
    # the issuer as running head: its name signing the last page stays, last on it too
    ([page("某局", *body(1)), page("某局", *body(2)), page("某局", *body(3), "某局", "2024年3月1日")],
     [["某局", *body(1)], body(2), [*body(3), "某局", "2024年3月1日"]]),
    ([page("某局", *body(1)), page("某局", *body(2)), page("某局", *body(3), "某局")],
     [["某局", *body(1)], body(2), [*body(3), "某局"]]),
    # bare numbers counting the pages, at the head above the running title or at the foot
    ([page("1", "某方案", "一、甲"), page("2", "某方案", "乙。"), page("3", "某方案", "丙。")],
     [["某方案", "一、甲"], ["乙。"], ["丙。"]]),
    ([page("封面"), page("一、甲。", "1"), page("乙。", "2")], [["封面"], ["一、甲。"], ["乙。"]]),
    # numbers that do not count the pages are the text's own
    ([page("一、甲。", "7"), page("乙。", "3")], [["一、甲。", "7"], ["乙。", "3"]]),
])
def test_running_heads_and_page_numbers(pages: list[PageText], expected: list[list[str]]) -> None:
    drop_furniture(pages)
    assert [[line.text for part in p.parts if isinstance(part, list) for line in part] for p in pages] == expected


def test_footnotes_in_small_type_are_set_aside_and_laid_out_after_the_last_page() -> None:
    pages = [PageText([[Line("一、甲要全面", 0.1), Line("①注文。", 20.0, size=0.6)]]),
             PageText([[Line("完成。", 9.0), Line("二、乙。", 9.0)]])]
    set_notes_aside(pages)
    assert layout(pages_to_blocks(pages)) == ["一、甲要全面完成。", "二、乙。", "①注文。"]


FURNITURE = ["furniture_bare.pdf", "furniture_head_number.pdf", "furniture_hyphen.pdf", "furniture_of_pages.pdf",
             "furniture_slash.pdf", "two_columns.pdf"]
DEADLINES = ["2024年6月底前", "2024年12月底前", "2025年3月底前", "2024年9月底前", "2025年6月底前", "长期坚持", "2024年6月底前"]


@pytest.mark.parametrize("name", FURNITURE)
def test_running_heads_page_numbers_footnotes_and_columns_stay_out_of_the_tasks(name: str) -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes((FIXTURES / name).read_bytes(), name)
    assert document.title == "某县生态环境保护督察反馈问题整改方案"
    assert document.doc_number == "某政办发〔2024〕12号"
    # the issuer's name signing the notice stays, though it heads every page as well
    assert document.issuers == ["某县人民政府办公室"] and document.issue_date is not None
    assert document.issue_date.isoformat() == "2024-03-01"
    assert document.attachments == ["某县整改工作联系人名单", "某县整改进展情况报表"]
    tasks = document.tasks
    assert [task.seq for task in tasks] == [str(n) for n in range(1, 8)]
    for n, task in enumerate(tasks, start=1):
        # whole over page breaks and columns: no page number, running head or footnote inside
        assert task.problem.endswith(f"存在环境问题第{n}项,群众反映强烈,相关整治工作推进缓慢,问题长期没有得到解决。")
        assert task.target == "整改到位,周边环境质量明显改善。"
        assert [m.text for m in task.measures] == ["开展全面排查,建立问题台账,逐项落实整治措施,加强日常监管。"]
        # the footnote citations (small, raised ① ②) dropped
        assert task.deadline is not None and task.deadline.text == DEADLINES[n - 1]
    assert tasks[4].responsible_units == ["县水利局", "县林业局"]
    # the footnotes are the document's text still, after its last page
    assert document.text.rstrip().endswith("①扩容规模以县发展改革局批复为准。\n②注:沿岸范围指河道两侧各五十米。")


def column_rows(rights: list[tuple[float, float]]) -> tuple[list[tuple[float, float, float, float]],
                                                         list[list[tuple[float, float, float, float]]]]:
    """Rows of two text runs each (left ending at `a`, right from 310 ending at `b`), 20 pt apart."""
    members = [[(80.0, 700.0 - 20 * k, a, 714.0 - 20 * k), (310.0, 700.0 - 20 * k, b, 714.0 - 20 * k)]
               for k, (a, b) in enumerate(rights)]
    rows = [(m[0][0], m[0][1], m[1][2], m[0][3]) for m in members]
    return rows, members


def test_two_justified_columns_are_split_but_not_the_columns_of_a_table_without_rules() -> None:
    rows, members = column_rows([(290.0, 520.0)] * 7 + [(200.0, 400.0)])
    groups = split_columns(rows, members)
    assert groups is not None and [len(g) for g in groups] == [8, 8]
    assert {box[2] for box in groups[0]} == {290.0, 200.0} and {box[0] for box in groups[1]} == {310.0}
    # short cells, ragged on the right: a table drawn without rules, read row by row
    ragged = [(150.0 + 20 * (k % 3), 380.0 + 30 * (k % 4)) for k in range(8)]
    assert split_columns(*column_rows(ragged)) is None


@pytest.mark.parametrize(("rows", "kept"), [
    ([cells("序号", "问题", "责任单位"), cells("2", "b", "c")], 1),
    ([cells("序 号", "问题", "责任\n单位"), cells("2", "b", "c")], 1),  # wrapped differently
    ([cells("2", "b", "c")], 1),  # no repeated header
])
def test_without_repeated_header(rows: list[list[Cell]], kept: int) -> None:
    assert len(without_repeated_header([HEADER, cells("1", "a", "b")], rows)) == kept


@pytest.mark.parametrize(("line", "marker"), [("一6一", True), ("-3-", True), ("12", True), ("一72”", True),
                                              ("2025年", False), ("一、总体要求", False)])
def test_ocr_page_markers(line: str, marker: bool) -> None:
    assert bool(ocr_page_marker_re().fullmatch(line)) is marker


def test_rules_load() -> None:
    assert pdf_rules().ocr_page_marker_lines
    assert "。" in wrap_rules().sentence_end and "、" in wrap_rules().no_line_start


@pytest.mark.parametrize(("native", "dpi"), [(200.0, 200.0), (300.0, 300.0), (600.0, 400.0), (96.0, 300.0),
                                             (None, 300.0)])
def test_render_dpi(native: float | None, dpi: float) -> None:
    assert render_dpi(native) == dpi


def test_tesseract_tsv_to_lines() -> None:
    tsv = "\n".join([
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
        "1\t1\t0\t0\t0\t0\t0\t0\t2000\t3000\t-1\t",
        "4\t1\t1\t1\t1\t0\t100\t200\t1800\t50\t-1\t",
        "5\t1\t1\t1\t1\t1\t100\t200\t60\t50\t90\t整",
        "5\t1\t1\t1\t1\t2\t170\t200\t60\t50\t90\t改 ",
        "4\t1\t1\t1\t2\t0\t100\t300\t400\t50\t-1\t",
        "5\t1\t1\t1\t2\t1\t100\t300\t90\t50\t90\t98%",
        "5\t1\t1\t1\t2\t2\t200\t300\t60\t50\t90\t左右",
    ])
    page = tsv_to_page(tsv)
    assert page.width == 2000
    assert [(line.text, line.box, line.lead) for line in page.lines] == [
        ("整改", (100.0, -250.0, 1900.0, -200.0), None), ("98%左右", (100.0, -350.0, 500.0, -300.0), 90.0)]


@pytest.mark.parametrize(("name", "error"), [("encrypted.pdf", EncryptedPdf), ("truncated.pdf", CorruptFile)])
def test_bad_pdfs(name: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_pdf((CORPUS / "bad" / name).read_bytes(), Options())


def first_scanned_pages(count: int) -> bytes:
    source = pdfium.PdfDocument(PDF / "004_af3a83945fc0fbc2_scanned.pdf")
    out = pdfium.PdfDocument.new()
    out.import_pages(source, list(range(count)))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def test_scanned_page_without_ocr_needs_ocr() -> None:
    with pytest.raises(NeedsOcr, match="tesseract-ocr-chi-sim"):
        parse_pdf(first_scanned_pages(1), Options(ocr=False))


def test_scan_with_a_stamped_page_number_is_still_a_scan() -> None:
    stamped = one_page_pdf([("- 1 -", 290, 40)], base=first_scanned_pages(1))
    with pytest.raises(NeedsOcr):
        parse_pdf(stamped, Options(ocr=False))


@pytest.mark.skipif(not ocr_available(), reason="Tesseract with chi_sim is not installed")
def test_scanned_pages_are_read_by_ocr() -> None:
    parsed = parse_pdf(first_scanned_pages(2), Options())
    assert parsed.warnings == ["ocr_used"] and parsed.pages == 2
    paragraphs = [b.text for b in parsed.blocks if b.kind is BlockKind.paragraph]
    text = squeeze("\n".join(paragraphs))
    assert "整改情况公示" in text and "反馈问题内容" in text
    assert not regex.search(r"\p{Han} +\p{Han}", "\n".join(paragraphs))  # Tesseract's spaces went
    assert "一、反馈问题内容" in paragraphs  # a heading line stays a block of its own
    # the page number footer went and the paragraph ran on over the page break
    assert not any(ocr_page_marker_re().fullmatch(p) for p in paragraphs)
    assert not any(b.kind is BlockKind.page_break for b in parsed.blocks)


def test_benchmark_times_text_pdfs_only(capsys: pytest.CaptureFixture[str]) -> None:
    from extract import bench_pdf

    furniture = [f"furniture_{name}.pdf" for name in ("bare", "head_number", "hyphen", "of_pages", "slash")]
    assert [p.name for p in bench_pdf.text_pdfs([CORPUS / "bad", FIXTURES])] == [
        *furniture, "merged_cells.pdf", "official_notice.pdf", "two_columns.pdf"]
    assert bench_pdf.main([str(FIXTURES), "--rounds", "1"]) == 0
    assert "38 pages in 8 files" in capsys.readouterr().out


def test_path_count_through_the_c_api_equals_the_helper_count() -> None:
    from extract.parse.pdf import path_count

    paths = [p for p in sorted((CORPUS / "pdf").glob("*.pdf")) + sorted(FIXTURES.glob("*.pdf"))]
    assert paths
    for path in paths:
        document = pdfium.PdfDocument(path)
        try:
            for index in range(len(document)):
                page = document[index]
                helper = sum(1 for _ in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_PATH], max_depth=2))
                assert path_count(page) == helper, (path.name, index)
        finally:
            document.close()


def test_path_bounds_through_the_c_api_equal_the_helper_bounds() -> None:
    from extract.parse.pdf_grid import bounds_of, page_objects

    for path in [CORPUS / "pdf" / "002_b5fa22a766b1ca11.pdf", *sorted(FIXTURES.glob("*.pdf"))]:
        document = pdfium.PdfDocument(path)
        try:
            for index in range(len(document)):
                page = document[index]
                helper = [obj.get_bounds() for obj in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_PATH], max_depth=2)]
                ours = [bounds_of(handle) for handle, kind in page_objects(page) if kind == pdfium_raw.FPDF_PAGEOBJ_PATH]
                assert ours == helper, (path.name, index)
        finally:
            document.close()


def pdf_of_objects(objects: list[bytes]) -> bytes:
    """A PDF written by hand from its numbered objects (1 the catalog), with a right xref."""
    data, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(data)


def test_page_tree_pointing_at_itself_is_corrupt_not_internal() -> None:
    data = pdf_of_objects([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])
    with pytest.raises(CorruptFile, match="page 1 of 1 cannot be loaded"):
        parse_pdf(data, Options())


def pdf_without_to_unicode() -> bytes:
    """One page shown in a CID font with no ToUnicode map: pdfium reads its glyph numbers as characters."""
    content = b"BT /F1 12 Tf 72 700 Td <0102030405060708090A0B0C0D0E0F10> Tj ET"
    return pdf_of_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ])


def test_text_layer_of_glyph_numbers_needs_ocr() -> None:
    with pytest.raises(NeedsOcr, match="text layer is unreadable"):
        parse_pdf(pdf_without_to_unicode(), Options(ocr=False))


def test_plain_text_layer_is_no_garbage() -> None:
    assert blocks_of(PDF / "002_b5fa22a766b1ca11.pdf", Options(ocr=False))


@pytest.mark.skipif(not ocr_available(), reason="Tesseract with chi_sim is not installed")
def test_scanned_pages_between_text_pages() -> None:
    from extract.assemble import extract_bytes

    out = pdfium.PdfDocument.new()
    out.import_pages(pdfium.PdfDocument(PDF / "004_af3a83945fc0fbc2.pdf"), [0])
    out.import_pages(pdfium.PdfDocument(PDF / "004_af3a83945fc0fbc2_scanned.pdf"), [1, 2])  # (三) reads 伍)
    out.import_pages(pdfium.PdfDocument(PDF / "004_af3a83945fc0fbc2.pdf"), [3, 4, 5, 6])
    buffer = io.BytesIO()
    out.save(buffer)
    document = extract_bytes(buffer.getvalue(), "mixed.pdf")
    assert [w.code for w in document.warnings] == ["ocr_used"]
    assert [(t.seq, len(t.measures)) for t in document.tasks] == [("1", 6)]
    assert [m.label for m in document.tasks[0].measures] == ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)"]
