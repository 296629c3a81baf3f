"""DOCX: body order, heading styles, rebuilt automatic numbering, merged cells, bad files.

Small documents are written here as raw WordprocessingML (one form per case); the corpus
files check the same on a real layout."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from extract.assemble import extract_bytes
from extract.config import Options
from extract.errors import CorruptFile
from extract.parse.docx import format_number, parse_docx
from schemas.blocks import Block, BlockKind, Parsed
from schemas.document import Document, Status
from tests.conftest import CORPUS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/styles.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""
PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="word/document.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>"""
DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="numbering.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"/>
<Relationship Id="rId2" Target="styles.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/>
</Relationships>"""
# abstract 1: 一、 / (一) / 1.   abstract 2: ①   num 3 restarts abstract 1 at its own counter
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="(%2)"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="4">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/>
 <w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="4"/></w:num>
</w:numbering>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="MyHead"><w:name w:val="一级标题"/><w:basedOn w:val="Heading1"/></w:style>
<w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="大标题"/>
 <w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListChinese"><w:name w:val="条目"/>
 <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListChineseSub"><w:name w:val="子条目"/><w:basedOn w:val="ListChinese"/>
 <w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"""


def para(text: str, *, num: tuple[int, int] | None = None, style: str | None = None, extra: str = "") -> str:
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    runs = f"<w:r><w:t>{text}</w:t></w:r>" if text else ""
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}{extra}</w:p>"


def cell(text: str, props: str = "") -> str:
    paragraphs = "".join(para(line) for line in text.split("\n"))
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs}</w:tc>"


def table(*rows: str) -> str:
    return "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in rows) + "</w:tbl>"


def make_docx(body: str) -> bytes:
    document = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}" xmlns:mc="{MC}">'
                f"<w:body>{body}</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/numbering.xml", NUMBERING)
        archive.writestr("word/styles.xml", STYLES)
    return buffer.getvalue()


def parsed(body: str) -> Parsed:
    return parse_docx(make_docx(body), Options())


def labelled(body: str) -> list[tuple[str | None, str]]:
    return [(b.label, b.text) for b in parsed(body).blocks if b.kind is not BlockKind.table]


def table_texts(block: Block) -> list[list[str]]:
    return [[c.text for c in row] for row in block.rows]


@pytest.mark.parametrize(("body", "expected"), [
    pytest.param(para("总体要求", num=(1, 0)) + para("目标", num=(1, 1)) + para("措施", num=(1, 1)),
                 [("一、", "总体要求"), ("(一)", "目标"), ("(二)", "措施")], id="chinese-levels"),
    pytest.param(para("甲", num=(1, 0)) + para("乙", num=(1, 1)) + para("丙", num=(1, 0)) + para("丁", num=(1, 1)),
                 [("一、", "甲"), ("(一)", "乙"), ("二、", "丙"), ("(一)", "丁")], id="lower-level-restarts"),
    pytest.param(para("甲", num=(1, 2)) + para("乙", num=(1, 2)), [("1.", "甲"), ("2.", "乙")], id="decimal"),
    pytest.param(para("甲", num=(2, 0)) + para("乙", num=(2, 0)), [("①", "甲"), ("②", "乙")], id="circled"),
    pytest.param(para("", num=(1, 1)) + para("乙", num=(1, 1)), [("(二)", "乙")], id="empty-item-still-counts"),
    pytest.param(para("甲", num=(1, 1)) + para("乙", num=(3, 1)), [("(一)", "甲"), ("(一)", "乙")],
                 id="start-override-restarts"),
    pytest.param(para("甲", num=(4, 0)), [(None, "甲")], id="bullet-has-no-label"),
    pytest.param(para("甲", style="ListChinese") + para("乙", style="ListChineseSub"), [("一、", "甲"), ("(一)", "乙")],
                 id="through-style-and-basedon"),
    pytest.param(para("(一)文字编号", num=None), [(None, "(一)文字编号")], id="literal-label-stays-text"),
])
def test_automatic_numbering(body: str, expected: list[tuple[str | None, str]]) -> None:
    assert labelled(body) == expected


@pytest.mark.parametrize(("style", "kind"), [
    ("Heading1", BlockKind.heading), ("MyHead", BlockKind.heading), ("Outline", BlockKind.heading),
    ("Normal", BlockKind.paragraph),
])
def test_heading_styles(style: str, kind: BlockKind) -> None:
    assert parsed(para("标题", style=style)).blocks[0].kind is kind


@pytest.mark.parametrize(("body", "expected"), [
    pytest.param(table(cell("序号") + cell("问题") + cell("责任单位"),
                       cell("一、例行督察", '<w:gridSpan w:val="3"/>'),
                       cell("1") + cell("问题甲") + cell("县住建局")),
                 [["序号", "问题", "责任单位"], ["一、例行督察"] * 3, ["1", "问题甲", "县住建局"]],
                 id="full-width-group-row-repeats"),
    pytest.param(table(cell("序号") + cell("问题") + cell("责任单位"),
                       cell("1") + cell("问题甲") + cell("县住建局", '<w:vMerge w:val="restart"/>'),
                       cell("2") + cell("问题乙") + cell("", "<w:vMerge/>")),
                 [["序号", "问题", "责任单位"], ["1", "问题甲", "县住建局"], ["2", "问题乙", "县住建局"]],
                 id="shared-unit-repeats-into-next-item"),
    pytest.param(table(cell("序号") + cell("问题") + cell("措施"),
                       cell("1", '<w:vMerge w:val="restart"/>') + cell("问题甲", '<w:vMerge w:val="restart"/>')
                       + cell("措施一"),
                       cell("", "<w:vMerge/>") + cell("", "<w:vMerge/>") + cell("措施二")),
                 [["序号", "问题", "措施"], ["1", "问题甲", "措施一"], ["", "", "措施二"]],
                 id="one-item-over-two-rows-no-copy"),
    pytest.param(table(cell("序号") + cell("措施"), cell("1") + cell("(一)甲。\n(二)乙。")),
                 [["序号", "措施"], ["1", "(一)甲。\n(二)乙。"]], id="cell-paragraphs-keep-lines"),
    pytest.param(table(cell("序号") + cell("问题") + cell("单位"),
                       cell("1") + cell("问题甲", '<w:gridSpan w:val="2"/>')),
                 [["序号", "问题", "单位"], ["1", "问题甲", ""]], id="partial-span-not-copied"),
])
def test_merged_cells(body: str, expected: list[list[str]]) -> None:
    tables = [b for b in parsed(body).blocks if b.kind is BlockKind.table]
    assert table_texts(tables[0]) == expected


def test_text_box_counted_once_and_breaks() -> None:
    box = (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent>{para("框内")}{para("第二段")}'
           f'</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>{para("框内")}{para("第二段")}</w:txbxContent>'
           "</mc:Fallback></mc:AlternateContent></w:r>")
    page = '<w:r><w:br w:type="page"/></w:r>'
    blocks = parsed(para("正文", extra=box) + para("第一页末", extra=page) + para("第二页")).blocks
    # the box's paragraphs are paragraphs of their own, after the one anchoring it
    assert [(b.kind.value, b.text) for b in blocks] == [
        ("paragraph", "正文"), ("paragraph", "框内"), ("paragraph", "第二段"), ("paragraph", "第一页末"),
        ("page_break", ""), ("paragraph", "第二页")]
    cells = parsed(table(f"<w:tc>{para('单元格', extra=box)}</w:tc>")).blocks[0].rows[0]
    assert [c.text for c in cells] == ["单元格\n框内\n第二段"]


@pytest.fixture(scope="module")
def plan_002() -> Parsed:
    return parse_docx((CORPUS / "docx" / "002_b5fa22a766b1ca11.docx").read_bytes(), Options())


def test_corpus_numbering_becomes_labels(plan_002: Parsed) -> None:
    labels = [(b.label, b.text[:6]) for b in plan_002.blocks if b.label]
    assert labels[:4] == [("(一)", "坚持统一领导"), ("(二)", "坚持对标对表"), ("(三)", "坚持综合施策"), ("(四)", "坚持“五不放")]
    assert [label for label, _ in labels].count("(一)") >= 2  # the list under 四、 starts again


def test_corpus_headings_table_and_page_breaks(plan_002: Parsed) -> None:
    kinds = [b.kind for b in plan_002.blocks]
    assert BlockKind.heading in kinds and BlockKind.page_break in kinds
    tables = [b for b in plan_002.blocks if b.kind is BlockKind.table]
    assert len(tables) == 1 and {len(row) for row in tables[0].rows} == {9}
    assert [c.text.replace("\n", "") for c in tables[0].rows[0]][:3] == ["序号", "反馈问题", "整改目标"]
    assert len({c.text for c in tables[0].rows[1]}) == 1  # the merged group row
    multi_line = next(c.text for row in tables[0].rows for c in row if c.text.startswith("(一)"))
    assert "\n(二)" in multi_line  # each measure on its own line


def test_corpus_plain_paragraphs_004() -> None:
    blocks = parse_docx((CORPUS / "docx" / "004_af3a83945fc0fbc2.docx").read_bytes(), Options()).blocks
    assert blocks[0].text.startswith("关于第一轮中央生态环境保护督察") and all(b.label is None for b in blocks)
    assert not any("—" in b.text and len(b.text) < 8 for b in blocks)  # the page-number footer stays out


@pytest.mark.parametrize(("n", "fmt", "expected"), [
    (3, "chineseCounting", "三"), (12, "chineseCountingThousand", "十二"), (2, "decimalEnclosedCircle", "②"),
    (4, "decimal", "4"), (1, "ideographTraditional", "甲"), (10, "ideographDigital", "一〇"),
    (3, "chineseLegalSimplified", "叁"), (3, "lowerLetter", "c"), (4, "upperRoman", "IV"), (5, "none", ""),
])
def test_number_formats(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


def zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "message"), [
    pytest.param((CORPUS / "bad" / "notadocx.docx").read_bytes(), "not a zip", id="random-bytes"),
    pytest.param(zip_without_document(), "word/document.xml", id="zip-without-document"),
    pytest.param(make_docx("<w:p>")[:-40], "not a zip", id="truncated"),
])
def test_corrupt_docx(data: bytes, message: str) -> None:
    with pytest.raises(CorruptFile, match=message):
        parse_docx(data, Options())


def test_docx_without_body_is_corrupt() -> None:
    source, buffer = zipfile.ZipFile(io.BytesIO(make_docx(""))), io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in source.namelist():
            archive.writestr(name, source.read(name).replace(b"<w:body></w:body>", b""))
    data = buffer.getvalue()
    with pytest.raises(CorruptFile, match="no w:body"):
        parse_docx(data, Options())


@pytest.mark.parametrize(("body", "expected"), [
    pytest.param('<w:p><w:pPr><w:numPr><w:ilvl w:val="z"/><w:numId w:val="1"/></w:numPr>'
                 '<w:outlineLvl w:val="q"/></w:pPr><w:r><w:t>甲</w:t></w:r></w:p>',
                 [("一、", "甲")], id="ilvl-and-outline-not-numbers"),
    pytest.param(table(cell("a", '<w:gridSpan w:val="abc"/>') + cell("b"),
                       '<w:trPr><w:gridBefore w:val="x"/></w:trPr>' + cell("c") + cell("d")),
                 ["a", "b", "c", "d"], id="grid-values-not-numbers"),
])
def test_attribute_not_a_number_reads_as_absent(body: str, expected: list[object]) -> None:
    blocks = parsed(body).blocks
    if blocks[0].kind is BlockKind.table:
        assert [c.text for row in blocks[0].rows for c in row] == expected
    else:
        assert [(b.label, b.text) for b in blocks] == expected


def test_huge_grid_span_is_capped() -> None:
    rows = parsed(table(cell("标题", '<w:gridSpan w:val="999999"/>'), cell("a") + cell("b"))).blocks[0].rows
    assert max(len(row) for row in rows) <= 1000


@pytest.mark.parametrize(("n", "fmt", "expected"), [
    (-1, "ideographDigital", "-1"), (10**12, "upperRoman", str(10**12)), (0, "lowerRoman", "0"),
])
def test_number_formats_out_of_range_print_decimals(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


# Word features in the shape of a rectification plan: tests/fixtures/docx/make_docx_features.py
# writes the files. Each text that must not reach the body holds 不应出现.
FEATURES = Path(__file__).parent / "fixtures" / "docx"
PLAN_TITLE = "某县贯彻落实中央生态环境保护督察反馈问题整改方案"
ITEM_1 = ("1", "城区污水管网建设滞后,雨污混流问题突出。", "2022年12月底前", ["县住建局", "县水利局"])
ITEM_2 = ("2", "垃圾填埋场渗滤液超标排放。", "2023年6月底前", ["县城管局"])


def feature_blocks(name: str) -> list[Block]:
    return parse_docx((FEATURES / f"{name}.docx").read_bytes(), Options()).blocks


def feature_document(name: str) -> Document:
    document = extract_bytes((FEATURES / f"{name}.docx").read_bytes(), f"{name}.docx")
    assert "不应出现" not in document.text
    assert (document.title, document.doc_number, document.issuers) == (
        PLAN_TITLE, "某政办发〔2022〕15号", ["某县人民政府办公室"])
    return document


def task_rows(document: Document) -> list[tuple[str, str | None, str | None, list[str]]]:
    return [(t.seq, t.problem, t.deadline.text if t.deadline else None, t.responsible_units) for t in document.tasks]


@pytest.mark.parametrize(("name", "tasks"), [
    pytest.param("tracked_changes", [ITEM_1, ITEM_2, ("3", "问题丙", "2023年底前", ["县城管局"])],
                 id="tracked-changes"),
    pytest.param("automatic_numbering", [ITEM_1, ITEM_2, ("3", "燃煤锅炉淘汰不到位。", "2022年10月底前", ["县生态环境局"])],
                 id="automatic-numbering"),
    pytest.param("containers_and_fields", [ITEM_1, ITEM_2], id="text-boxes-controls-fields"),
    pytest.param("tables", [("1", "城区污水管网建设滞后", "2022年12月底前", ["县住建局"]),
                            ("2", "垃圾填埋场渗滤液超标排放", "2023年6月底前", ["县住建局"]),
                            ("3", "燃煤锅炉淘汰不到位", "2022年10月底前", ["县生态环境局"]),
                            ("4", "饮用水水源地保护区内违法建筑未拆除", "2022年8月底前", ["县水利局"])], id="tables"),
    pytest.param("outside_body", [ITEM_1, ITEM_2], id="headers-notes-comments"),
    pytest.param("characters_and_runs", [ITEM_1, ("2", "垃圾填埋场渗滤液超标排放✓。", "2023年6月底前", ["县城管局"])],
                 id="characters-and-runs"),
])
def test_feature_plans_end_to_end(name: str, tasks: list[tuple[str, str, str, list[str]]]) -> None:
    assert task_rows(feature_document(name)) == tasks


def test_tracked_changes_read_as_accepted() -> None:
    texts = [b.text for b in feature_blocks("tracked_changes") if b.kind is not BlockKind.table]
    assert "1.城区污水管网建设滞后,雨污混流问题突出。" in texts  # moved text once, where w:moveTo puts it
    assert "整改时限:2022年12月底前。" in texts and "责任单位:县住建局、县水利局。" in texts
    table_block = next(b for b in feature_blocks("tracked_changes") if b.kind is BlockKind.table)
    assert [row[0].text for row in table_block.rows] == ["序号", "1", "3"]  # the deleted row is gone
    assert table_block.rows[2][2].text == "2023年底前"


def test_tracked_deleted_numbered_paragraph_does_not_count() -> None:
    deleted = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr><w:rPr><w:del w:id="1"'
               ' w:author="a"/></w:rPr></w:pPr><w:del w:id="2" w:author="a"><w:r><w:delText>删去的一项</w:delText>'
               "</w:r></w:del></w:p>")
    body = para("甲", num=(1, 2)) + deleted + para("乙", num=(1, 2))
    assert labelled(body) == [("1.", "甲"), ("2.", "乙")]


def test_content_controls_and_inserted_rows_in_tables() -> None:
    sdt_cell = f"<w:sdt><w:sdtPr/><w:sdtContent>{cell('问题乙')}</w:sdtContent></w:sdt>"
    sdt_row = f"<w:sdt><w:sdtPr/><w:sdtContent><w:tr>{cell('3') + cell('问题丙')}</w:tr></w:sdtContent></w:sdt>"
    body = ("<w:tbl>" + f"<w:tr>{cell('序号') + cell('问题')}</w:tr><w:tr>{cell('2') + sdt_cell}</w:tr>"
            + sdt_row + f"<w:customXml><w:tr>{cell('4') + cell('问题丁')}</w:tr></w:customXml></w:tbl>")
    assert table_texts(parsed(body).blocks[0]) == [["序号", "问题"], ["2", "问题乙"], ["3", "问题丙"], ["4", "问题丁"]]
    rows = table_texts(next(b for b in feature_blocks("tables") if b.kind is BlockKind.table))
    assert rows[4] == ["3", "燃煤锅炉淘汰不到位", "淘汰燃煤锅炉", "2022年10月底前", "县生态环境局", "县市场监管局"]


def test_nested_tables_read_once() -> None:
    innermost = table(cell("最内层"))
    inner = table(cell("内层一") + f"<w:tc>{innermost}</w:tc>")
    outer = table(cell("序号") + cell("措施"), cell("1") + f"<w:tc>{inner}</w:tc>")
    assert table_texts(parsed(outer).blocks[0]) == [["序号", "措施"], ["1", "内层一\n最内层"]]


def test_automatic_numbering_fixture_labels() -> None:
    labels = [(b.label, b.text[:4]) for b in feature_blocks("automatic_numbering") if b.label]
    assert labels == [("一、", "整改任务"), ("（一）", "水污染防"), ("1.", "城区污水"), ("（1）", "新建污水"),
                      ("（2）", "改造雨污"), ("2.", "垃圾填埋"), ("（二）", "大气污染"), ("1.", "燃煤锅炉"),
                      ("三、", "保障措施"), ("甲.", "加强组织"), ("乙.", "强化督查")]


def test_text_boxes_fields_and_links() -> None:
    texts = [b.text for b in feature_blocks("containers_and_fields")]
    assert texts.count("某政办发〔2022〕15号") == 1  # the box's Fallback copy is not read
    assert texts[-3:] == ["(此件公开发布)", "某县人民政府办公室", "2022年3月1日"]
    assert "第1页" in texts and "详见县政府网站。" in texts  # field results kept, instructions dropped
    assert "现将《某县贯彻落实中央生态环境保护督察反馈问题整改方案》印发给你们,请认真贯彻落实。" in texts


@pytest.mark.parametrize(("font", "char", "expected"), [
    ("Symbol", "F0A3", "≤"), ("Symbol", "F0B3", "≥"), ("Symbol", "F0B1", "±"), ("Symbol", "F06D", "μ"),
    ("Wingdings", "F0FC", "✓"), ("Wingdings", "F0FE", "☑"), ("Wingdings 2", "F052", "☑"),
    ("Wingdings 2", "F0A3", "□"), ("Wingdings", "F0E0", ""), ("宋体", "2014", "—"), ("Symbol", "zz", ""),
])
def test_symbols(font: str, char: str, expected: str) -> None:
    sym = f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'
    assert labelled(para("甲", extra=sym)) == [(None, "甲" + expected)]


def test_yes_no_column_of_symbol_check_marks() -> None:
    check = '<w:tc><w:p><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p></w:tc>'
    body = (para(f"关于{PLAN_TITLE}整改进展情况的报告")
            + table(cell("序号") + cell("问题") + cell("是否完成"), cell("1") + cell("城区污水管网建设滞后") + check))
    task = extract_bytes(make_docx(body), "report.docx").tasks[0]
    assert task.status == Status.completed


def test_characters_and_split_runs() -> None:
    texts = [b.text for b in feature_blocks("characters_and_runs")]
    assert texts[:2] == [f"关于印发《{PLAN_TITLE}》的通知", "某政办发〔2022〕15号"]  # one word over many runs
    assert "1.城区污水管网建设滞后,雨污混流问题突出。" in texts  # the soft hyphen is not text
    assert "整改目标:渗滤液达标排放\u3000\u3000(COD≤100mg/L)。" in texts
    assert "整改目标:城区污水收集率达到90%。\n整改时限:2022年12月底前。" in texts
