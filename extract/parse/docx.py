"""DOCX: paragraphs, headings and tables in document order, from the body XML.

Automatic list numbering (w:numPr → numbering.xml) is rebuilt into `Block.label`, so a
`(一)` that Word draws but does not store as text still reaches the segmenter. Table cells
keep one line per paragraph (each measure on its own line); a merged group row comes out
as the same text in every grid column it spans. Page breaks become page_break blocks.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

import cn2an
import docx
from docx.oxml.ns import qn
from lxml import etree

from extract.config import Options
from extract.errors import CorruptFile
from schemas.blocks import Block, BlockKind, Cell, Parsed

W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
W_VAL = qn("w:val")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
HEADING_STYLE_PREFIXES = ("heading", "title", "标题", "subtitle")


@dataclass(frozen=True)
class Level:
    fmt: str
    text: str  # lvlText, e.g. "(%1)"
    start: int


@dataclass
class Numbering:
    """numId → its levels, and the running counters while the body is read."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    abstract_of: dict[str, str] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str | None:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return None
        key = self.abstract_of.get(num_id, num_id)  # lists sharing an abstract number count on
        counters = self.counters.setdefault(key, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = levels[ilvl].text
        for k in range(ilvl, -1, -1):
            if f"%{k + 1}" in text and k in levels:
                value = counters.get(k, levels[k].start)
                text = text.replace(f"%{k + 1}", format_number(value, levels[k].fmt))
        return text if levels[ilvl].fmt != "bullet" else None


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "chineseLegalSimplified",
               "ideographDigital", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return str(cn2an.an2cn(n))
    if fmt == "ideographTraditional" and 1 <= n <= len(HEAVENLY_STEMS):
        return HEAVENLY_STEMS[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= len(CIRCLED):
        return CIRCLED[n - 1]
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt in ("lowerRoman", "upperRoman"):
        roman = to_roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(n)


def to_roman(n: int) -> str:
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out, n = out + letters, n - value
    return out


def read_numbering(document: docx.document.Document) -> Numbering:
    numbering = Numbering()
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return numbering
    abstracts: dict[str, dict[int, Level]] = {}
    for abstract in root.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in abstract.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            text = lvl.find(qn("w:lvlText"))
            start = lvl.find(qn("w:start"))
            levels[int(lvl.get(qn("w:ilvl")))] = Level(
                fmt.get(W_VAL) if fmt is not None else "decimal",
                text.get(W_VAL) if text is not None else "",
                int(start.get(W_VAL)) if start is not None else 1)
        abstracts[abstract.get(qn("w:abstractNumId"))] = levels
    for num in root.findall(qn("w:num")):
        num_id = num.get(qn("w:numId"))
        abstract_id = num.find(qn("w:abstractNumId")).get(W_VAL)
        levels = dict(abstracts.get(abstract_id, {}))
        for override in num.findall(qn("w:lvlOverride")):
            start = override.find(qn("w:startOverride"))
            ilvl = int(override.get(qn("w:ilvl")))
            if start is not None and ilvl in levels:
                old = levels[ilvl]
                levels[ilvl] = Level(old.fmt, old.text, int(start.get(W_VAL)))
        numbering.levels[num_id] = levels
        numbering.abstract_of[num_id] = abstract_id if not num.findall(qn("w:lvlOverride")) else num_id
    return numbering


def num_pr(paragraph: etree._Element, style_num: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    """(numId, level) of a paragraph, directly or through its style."""
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is not None:
        numpr = ppr.find(qn("w:numPr"))
        if numpr is not None:
            num_id = numpr.find(qn("w:numId"))
            ilvl = numpr.find(qn("w:ilvl"))
            if num_id is not None and num_id.get(W_VAL) != "0":
                return num_id.get(W_VAL), int(ilvl.get(W_VAL)) if ilvl is not None else 0
        style = ppr.find(qn("w:pStyle"))
        if style is not None and style.get(W_VAL) in style_num:
            return style_num[style.get(W_VAL)]
    return None


def style_numbering(document: docx.document.Document) -> tuple[dict[str, tuple[str, int]], dict[str, str]]:
    """(style id → its numbering, style id → style name)."""
    numbered: dict[str, tuple[str, int]] = {}
    names: dict[str, str] = {}
    for style in document.styles.element.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        name = style.find(qn("w:name"))
        names[style_id] = (name.get(W_VAL) if name is not None else style_id).lower()
        numpr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if numpr is not None and numpr.find(qn("w:numId")) is not None:
            ilvl = numpr.find(qn("w:ilvl"))
            numbered[style_id] = (numpr.find(qn("w:numId")).get(W_VAL), int(ilvl.get(W_VAL)) if ilvl is not None else 0)
    return numbered, names


def paragraph_text(paragraph: etree._Element) -> tuple[str, bool]:
    """(text, whether a page break stands in it). Tabs become spaces, line breaks newlines."""
    parts: list[str] = []
    page_break = False
    for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:sym")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append(" ")
        elif node.tag == qn("w:br") and node.get(qn("w:type")) == "page":
            page_break = True
        elif node.tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
    return "".join(parts), page_break


class BodyReader:
    def __init__(self, document: docx.document.Document) -> None:
        self.numbering = read_numbering(document)
        self.style_num, self.style_names = style_numbering(document)
        self.blocks: list[Block] = []

    def style_name(self, paragraph: etree._Element) -> str:
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return self.style_names.get(style.get(W_VAL), "") if style is not None else ""

    def label(self, paragraph: etree._Element) -> str | None:
        numbering = num_pr(paragraph, self.style_num)
        return self.numbering.label(*numbering) if numbering else None

    def paragraph(self, paragraph: etree._Element) -> None:
        text, page_break = paragraph_text(paragraph)
        label = self.label(paragraph) if text.strip() else None
        if text.strip():
            heading = self.style_name(paragraph).startswith(HEADING_STYLE_PREFIXES)
            kind = BlockKind.heading if heading else BlockKind.paragraph
            self.blocks.append(Block(kind=kind, text=text.strip(), label=label))
        if page_break or paragraph.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            self.blocks.append(Block(kind=BlockKind.page_break))

    def cell_text(self, cell: etree._Element) -> str:
        lines = []
        for paragraph in cell.iter(W_P):
            text, _ = paragraph_text(paragraph)
            if text.strip():
                lines.append((self.label(paragraph) or "") + text.strip())
        return "\n".join(lines)

    def table(self, table: etree._Element) -> None:
        rows: list[list[Cell]] = []
        for row in table.findall(W_TR):  # a nested table's rows stay inside their cell's text
            cells: list[Cell] = []
            for cell in row.findall(W_TC):
                span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
                merged = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                continued = merged is not None and merged.get(W_VAL) in (None, "continue")
                text = "" if continued else self.cell_text(cell)
                cells.extend(Cell(text=text) for _ in range(int(span.get(W_VAL)) if span is not None else 1))
            if any(c.text for c in cells):
                rows.append(cells)
        if rows:
            self.blocks.append(Block(kind=BlockKind.table, rows=rows))

    def read(self, body: etree._Element) -> list[Block]:
        for child in body:
            if child.tag == W_P:
                self.paragraph(child)
            elif child.tag == W_TBL:
                self.table(child)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.read(content)
        return self.blocks


def open_docx(data: bytes) -> docx.document.Document:
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise CorruptFile(f"not a readable DOCX file: {exc}") from exc
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and others
        raise CorruptFile(f"not a readable DOCX file: {type(exc).__name__}: {exc}") from exc


def parse_docx(data: bytes, options: Options) -> Parsed:
    document = open_docx(data)
    blocks = BodyReader(document).read(document.element.body)
    while blocks and blocks[-1].kind is BlockKind.page_break:
        blocks.pop()
    title = (document.core_properties.title or "").strip()
    return Parsed(blocks=blocks, encoding=None, meta={"title": title} if title else {})
