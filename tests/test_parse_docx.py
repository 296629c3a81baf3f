"""DOCX: body order, heading styles, rebuilt automatic numbering, merged cells, bad files.

Small documents are written here as raw WordprocessingML (one form per case); the corpus
files check the same on a real layout."""

from __future__ import annotations

import io
import zipfile

import pytest

from extract.config import Options
from extract.errors import CorruptFile
from extract.parse.docx import format_number, parse_docx
from schemas.blocks import Block, BlockKind, Parsed
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
    box = (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent>{para("框内")}</w:txbxContent>'
           f'</mc:Choice><mc:Fallback><w:txbxContent>{para("框内")}</w:txbxContent></mc:Fallback>'
           "</mc:AlternateContent></w:r>")
    page = '<w:r><w:br w:type="page"/></w:r>'
    blocks = parsed(para("正文", extra=box) + para("第一页末", extra=page) + para("第二页")).blocks
    assert [(b.kind.value, b.text) for b in blocks] == [
        ("paragraph", "正文框内"), ("paragraph", "第一页末"), ("page_break", ""), ("paragraph", "第二页")]


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
