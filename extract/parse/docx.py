"""DOCX: paragraphs, headings and tables in document order, from the body XML.

Automatic list numbering (w:numPr, directly or through the paragraph style and the styles
it is based on → numbering.xml) is rebuilt into `Block.label`, so a `(一)` that Word draws
but does not store as text still reaches the segmenter; counters run per list (lists that
share an abstract definition count on, as in Word), an empty numbered paragraph still
counts, and a level restarts after a higher one. Table cells keep one line per paragraph
(each measure on its own line); merged cells go through the same grid rules as HTML tables
(`extract.parse.html.grid_to_rows`): a full-width group row repeats its text, a vertical
merge repeats only into rows that are separate items. Text boxes count once (their
mc:Fallback copy is skipped), their paragraphs read as paragraphs of their own after the one
anchoring them. Tracked changes read as accepted: w:ins/w:moveTo kept, w:del/w:moveFrom
(whose text Word writes as w:t), deleted rows and cells dropped. Rows and cells inside
content controls keep their place; w:sym symbol-font characters read as what they draw.
Page breaks become page_break blocks.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

import cn2an
import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from extract.config import Options
from extract.errors import CorruptFile
from extract.fields.metadata import title_like
from extract.parse.html import GridCell, grid_to_rows
from schemas.blocks import Block, BlockKind, Parsed

W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
W_T, W_TAB, W_PTAB, W_BR, W_CR = qn("w:t"), qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr")
W_NB_HYPHEN, W_PPR = qn("w:noBreakHyphen"), qn("w:pPr")
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
W_VAL, W_SYM, W_TXBX = qn("w:val"), qn("w:sym"), qn("w:txbxContent")
W_INS, W_DEL, W_MOVE_TO, W_MOVE_FROM = qn("w:ins"), qn("w:del"), qn("w:moveTo"), qn("w:moveFrom")
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TEXT_TAGS = frozenset({qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen"), qn("w:ptab"),
                       W_SYM, W_TXBX})
# Subtrees never read: the VML copy of a text box that Word also holds as DrawingML, text a
# tracked change deleted (w:delText, but other writers put w:t there too) and text it moved
# away (Word writes that as w:t: the moved text is read once, where w:moveTo puts it).
SKIPPED = frozenset({MC_FALLBACK, W_DEL, W_MOVE_FROM})
# block and row containers read through: content controls, custom XML, text a tracked change
# inserted or moved here
WRAPPERS = frozenset({W_SDT, W_SDT_CONTENT, W_CUSTOM_XML, W_INS, W_MOVE_TO})
# w:sym: a character of a symbol font, its code in the font's own encoding (often written
# F0xx). Those whose meaning the text needs: comparison and unit signs (≤ in `COD≤50mg/L`),
# Greek letters, and the check marks and ballot boxes of yes/no columns (status.yaml
# flag_answers read ✓ and ✗). A code of another symbol outside the private use area is the
# character itself; any other is dropped, as before.
SYMBOL_FONT = dict(zip(
    (0x2D, 0xA3, 0xB3, 0xB1, 0xB4, 0xB8, 0xB0, 0xB9, 0xBB, 0xD6, 0xAE, 0xAC, 0xAD, 0xAF, 0xB7, 0xA5, 0xBC),
    "−≤≥±×÷°≠≈√→←↑↓•∞…", strict=True))
SYMBOL_FONT.update(zip(range(0x61, 0x7B), "αβχδεφγηιϕκλμνοπθρστυϖωξψζ", strict=True))
SYMBOL_FONT.update(zip(range(0x41, 0x5B), "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ", strict=True))
SYMBOL_FONT.update((ord(char), char) for char in "0123456789()+,./:;<=>[]")
SYMBOL_FONTS = {
    "symbol": SYMBOL_FONT,
    "wingdings": {0x6C: "●", 0x6E: "■", 0x6F: "□", 0xA8: "◻", 0xFB: "✗", 0xFC: "✓", 0xFD: "☒", 0xFE: "☑"},
    "wingdings 2": {0x4F: "✗", 0x50: "✓", 0x52: "☑", 0x53: "☒", 0x54: "☒", 0xA3: "□"},
}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
HEADING_STYLE_PREFIXES = ("heading", "title", "标题", "subtitle")
MAX_OUTLINE_LEVEL = 8  # w:outlineLvl 0-8 put a paragraph in the navigation pane; 9 is body text
CHINESE_COUNTING = frozenset({"chineseCounting", "chineseCountingThousand", "japaneseCounting",
                              "taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting"})
IDEOGRAPH_DIGITS = "〇一二三四五六七八九"
ROMAN_LIMIT = 4000  # Roman numerals stop at 3999; beyond that Word writes decimals too
# Word tables hold at most 63 columns (other writers a few more): a w:gridSpan or w:gridBefore
# past this is a broken value, and taking it at its word (99999) would build rows that wide
MAX_GRID_COLUMNS = 1000


def int_value(element: etree._Element, attribute: str, default: int) -> int:
    """An integer attribute (w:val, w:ilvl …), `default` when absent, empty or not a number:
    Word writes numbers there, other tools and hand edits sometimes do not, and one bad
    attribute should not cost the whole document."""
    try:
        return int(element.get(attribute) or default)
    except ValueError:
        return default


@dataclass(frozen=True)
class Level:
    fmt: str
    text: str  # lvlText, e.g. "(%1)"
    start: int
    legal: bool = False  # w:isLgl: the levels it quotes are shown as Arabic numbers


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
                fmt = "decimal" if levels[ilvl].legal else levels[k].fmt
                text = text.replace(f"%{k + 1}", format_number(value, fmt))
        return text.strip() or None if levels[ilvl].fmt != "bullet" else None


def format_number(n: int, fmt: str) -> str:
    """n as Word draws it in numFmt `fmt` (ECMA-376 ST_NumberFormat)."""
    if fmt in CHINESE_COUNTING:
        return str(cn2an.an2cn(n))
    if fmt == "chineseLegalSimplified":
        return str(cn2an.an2cn(n, "up"))
    if fmt == "ideographDigital" and n >= 0:  # digit by digit: 10 → 一〇
        return "".join(IDEOGRAPH_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional" and 1 <= n <= len(HEAVENLY_STEMS):
        return HEAVENLY_STEMS[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= len(CIRCLED):
        return CIRCLED[n - 1]
    if fmt in ("decimalEnclosedParen", "decimalEnclosedFullstop"):
        return f"({n})" if fmt == "decimalEnclosedParen" else f"{n}."
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt in ("lowerRoman", "upperRoman"):
        roman = to_roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "none":
        return ""
    return str(n)


def to_roman(n: int) -> str:
    if not 0 < n < ROMAN_LIMIT:  # no numeral (a start of -1 or 10**12 in a broken numbering.xml)
        return str(n)
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out, n = out + letters, n - value
    return out


def read_level(lvl: etree._Element) -> Level:
    fmt = lvl.find(qn("w:numFmt"))
    text = lvl.find(qn("w:lvlText"))
    start = lvl.find(qn("w:start"))
    return Level(fmt.get(W_VAL) or "decimal" if fmt is not None else "decimal",
                 text.get(W_VAL) or "" if text is not None else "",
                 int_value(start, W_VAL, 1) if start is not None else 1,
                 lvl.find(qn("w:isLgl")) is not None)


def read_numbering(document: docx.document.Document, style_num: dict[str, tuple[str, int]]) -> Numbering:
    """numbering.xml: each w:num's levels, with its overrides (a new start or a whole new
    level). An abstract definition that only links to a numbering style (numStyleLink)
    takes the levels of the list that style names."""
    numbering = Numbering()
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return numbering
    abstracts: dict[str, dict[int, Level]] = {}
    links: dict[str, str] = {}  # abstract id → numbering style id
    for abstract in root.findall(qn("w:abstractNum")):
        abstract_id = abstract.get(qn("w:abstractNumId")) or ""
        abstracts[abstract_id] = {int_value(lvl, qn("w:ilvl"), 0): read_level(lvl)
                                  for lvl in abstract.findall(qn("w:lvl"))}
        link = abstract.find(qn("w:numStyleLink"))
        if link is not None and not abstracts[abstract_id]:
            links[abstract_id] = link.get(W_VAL) or ""
    abstract_of_num = {num.get(qn("w:numId")) or "": (num.find(qn("w:abstractNumId")).get(W_VAL) or "")
                       for num in root.findall(qn("w:num")) if num.find(qn("w:abstractNumId")) is not None}
    for abstract_id, style_id in links.items():
        linked_num = style_num.get(style_id, ("", 0))[0]
        abstracts[abstract_id] = abstracts.get(abstract_of_num.get(linked_num, ""), {})
    for num in root.findall(qn("w:num")):
        num_id = num.get(qn("w:numId")) or ""
        abstract_id = abstract_of_num.get(num_id, "")
        levels = dict(abstracts.get(abstract_id, {}))
        overrides = num.findall(qn("w:lvlOverride"))
        for override in overrides:
            ilvl = int_value(override, qn("w:ilvl"), 0)
            lvl = override.find(qn("w:lvl"))
            if lvl is not None:
                levels[ilvl] = read_level(lvl)
            start = override.find(qn("w:startOverride"))
            if start is not None and ilvl in levels:
                old = levels[ilvl]
                levels[ilvl] = Level(old.fmt, old.text, int_value(start, W_VAL, 1), old.legal)
        numbering.levels[num_id] = levels
        # a list restarted by an override counts on its own; otherwise lists of one
        # abstract definition continue each other, as Word shows them
        numbering.abstract_of[num_id] = num_id if overrides else abstract_id
    return numbering


def direct_num_pr(ppr: etree._Element | None) -> tuple[str | None, int | None]:
    """(numId, ilvl) written on a pPr, each None where absent."""
    numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if numpr is None:
        return None, None
    num_id = numpr.find(qn("w:numId"))
    ilvl = numpr.find(qn("w:ilvl"))
    return (num_id.get(W_VAL) if num_id is not None else None,
            int_value(ilvl, W_VAL, 0) if ilvl is not None else None)


@dataclass(frozen=True)
class StyleInfo:
    name: str  # lower-cased
    num: tuple[str, int] | None  # its list numbering, inherited through basedOn
    heading: bool  # a heading by name or outline level, inherited through basedOn


def read_styles(document: docx.document.Document) -> dict[str, StyleInfo]:
    """Paragraph styles with numbering and heading status resolved along basedOn."""
    raw: dict[str, tuple[str, str | None, tuple[str | None, int | None], int | None]] = {}
    for style in document.styles.element.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId")) or ""
        name = style.find(qn("w:name"))
        based = style.find(qn("w:basedOn"))
        ppr = style.find(qn("w:pPr"))
        outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        raw[style_id] = ((name.get(W_VAL) or style_id if name is not None else style_id).lower(),
                         based.get(W_VAL) if based is not None else None, direct_num_pr(ppr),
                         int_value(outline, W_VAL, 9) if outline is not None else None)
    resolved: dict[str, StyleInfo] = {}

    def resolve(style_id: str, depth: int = 0) -> StyleInfo:
        if style_id in resolved:
            return resolved[style_id]
        name, based, (num_id, ilvl), outline = raw[style_id]
        parent = resolve(based, depth + 1) if based in raw and based != style_id and depth < 20 else None
        num: tuple[str, int] | None = parent.num if parent else None
        if num_id is not None:
            num = None if num_id == "0" else (num_id, ilvl or 0)
        elif ilvl is not None and num is not None:
            num = (num[0], ilvl)
        by_outline = outline is not None and outline <= MAX_OUTLINE_LEVEL
        heading = name.startswith(HEADING_STYLE_PREFIXES) or by_outline or (
            parent is not None and parent.heading and outline is None)
        resolved[style_id] = StyleInfo(name, num, heading)
        return resolved[style_id]

    for style_id in raw:
        resolve(style_id)
    return resolved


def text_nodes(element: etree._Element, found: list[etree._Element]) -> list[etree._Element]:
    """Descendants of TEXT_TAGS in order, none inside a SKIPPED subtree (a text box's
    Fallback copy, deleted or moved-away text) nor inside a text box (its w:txbxContent
    is found, not entered)."""
    for child in element:
        tag = child.tag
        if tag in TEXT_TAGS:
            found.append(child)
            if tag == W_TXBX:
                continue
        elif tag in SKIPPED:
            continue
        if len(child):
            text_nodes(child, found)
    return found


def symbol(node: etree._Element) -> str:
    """A w:sym's character (SYMBOL_FONTS), or "" when its meaning is unknown."""
    try:
        code = int(node.get(qn("w:char")) or "", 16)
    except ValueError:
        return ""
    font = (node.get(qn("w:font")) or "").strip().lower()
    if font in SYMBOL_FONTS:
        return SYMBOL_FONTS[font].get(code & 0xFF if 0xF000 <= code <= 0xF0FF else code, "")
    return chr(code) if 0x20 <= code < 0xE000 or 0xF900 <= code <= 0xFFFD else ""


def paragraph_text(paragraph: etree._Element, boxes: list[etree._Element] | None = None) -> tuple[str, bool]:
    """(text, whether a page break stands in it). Tabs become spaces, line breaks newlines.
    The paragraph's text boxes (w:txbxContent) are not its text: they go to `boxes`, to be
    read as paragraphs of their own."""
    parts: list[str] = []
    page_break = False
    for node in text_nodes(paragraph, []):
        tag = node.tag
        if tag == W_T:
            parts.append(node.text or "")
        elif tag == W_TXBX:
            if boxes is not None:
                boxes.append(node)
        elif tag == W_SYM:
            parts.append(symbol(node))
        elif tag in (W_TAB, W_PTAB):
            parts.append(" ")
        elif tag == W_NB_HYPHEN:
            parts.append("-")
        elif tag == W_BR and node.get(qn("w:type")) == "page":
            page_break = True
        elif tag in (W_BR, W_CR) and node.get(qn("w:type")) != "column":
            parts.append("\n")
    return "".join(parts), page_break


def unwrapped(parent: etree._Element, tag: str) -> list[etree._Element]:
    """Children with `tag` in order, also those inside content controls, custom XML and
    inserted or moved-here content (a row's cell or a table's rows in a w:sdt)."""
    found: list[etree._Element] = []
    for child in parent:
        if child.tag == tag:
            found.append(child)
        elif child.tag in WRAPPERS:
            found.extend(unwrapped(child, tag))
    return found


def table_rows(table: etree._Element) -> list[etree._Element]:
    """A table's own rows (a nested table's stay inside their cell), less those a tracked
    change deleted."""
    return [row for row in unwrapped(table, W_TR) if row.find(f"{qn('w:trPr')}/{W_DEL}") is None]


def row_cells(row: etree._Element) -> list[etree._Element]:
    """A row's cells, less those a tracked change deleted (w:cellDel)."""
    return [cell for cell in unwrapped(row, W_TC) if cell.find(f"{qn('w:tcPr')}/{qn('w:cellDel')}") is None]


def cell_paragraphs(cell: etree._Element) -> list[etree._Element]:
    """A cell's paragraphs in order, those of nested tables and content controls included
    (a text box's paragraphs are read after the paragraph that anchors it)."""
    found: list[etree._Element] = []
    for child in cell:
        if child.tag == W_P:
            found.append(child)
        elif child.tag == W_TBL:
            for row in table_rows(child):
                for inner in row_cells(row):
                    found.extend(cell_paragraphs(inner))
        elif child.tag in WRAPPERS:
            found.extend(cell_paragraphs(child))
    return found


def mark_deleted(paragraph: etree._Element) -> bool:
    """The paragraph's mark was deleted or moved away by a tracked change."""
    rpr = paragraph.find(f"{W_PPR}/{qn('w:rPr')}")
    return rpr is not None and (rpr.find(W_DEL) is not None or rpr.find(W_MOVE_FROM) is not None)


class BodyReader:
    def __init__(self, document: docx.document.Document) -> None:
        self.styles = read_styles(document)
        style_num = {k: v.num for k, v in self.styles.items() if v.num is not None}
        self.numbering = read_numbering(document, style_num)
        self.blocks: list[Block] = []

    def style(self, paragraph: etree._Element) -> StyleInfo | None:
        style = paragraph.find(f"{W_PPR}/{qn('w:pStyle')}")
        return self.styles.get(style.get(W_VAL) or "") if style is not None else None

    def label(self, paragraph: etree._Element) -> str | None:
        """The paragraph's drawn list number; counted even when the text is empty."""
        ppr = paragraph.find(W_PPR)
        num_id, ilvl = direct_num_pr(ppr)
        style = self.style(paragraph)
        if num_id is None and style is not None and style.num is not None:
            num_id, ilvl = style.num[0], style.num[1] if ilvl is None else ilvl
        if num_id is None or num_id == "0":
            return None
        return self.numbering.label(num_id, ilvl or 0)

    def is_heading(self, paragraph: etree._Element) -> bool:
        outline = paragraph.find(f"{W_PPR}/{qn('w:outlineLvl')}")
        if outline is not None:
            return int_value(outline, W_VAL, 9) <= MAX_OUTLINE_LEVEL
        style = self.style(paragraph)
        return style is not None and style.heading

    def paragraph(self, paragraph: etree._Element) -> None:
        if paragraph.find(f"{W_PPR}/{qn('w:pageBreakBefore')}") is not None and self.blocks:
            self.page_break()
        boxes: list[etree._Element] = []
        text, page_break = paragraph_text(paragraph, boxes)
        # a numbered paragraph a tracked change deleted whole does not count (its number is gone)
        label = self.label(paragraph) if text.strip() or not mark_deleted(paragraph) else None
        if text.strip():
            kind = BlockKind.heading if self.is_heading(paragraph) else BlockKind.paragraph
            self.blocks.append(Block(kind=kind, text=text.strip(), label=label))
        for box in boxes:  # a text box's paragraphs after the one that anchors it
            self.read(box)
        section = paragraph.find(f"{W_PPR}/{qn('w:sectPr')}")
        if page_break or (section is not None and not continuous(section)):
            self.page_break()

    def page_break(self) -> None:
        if self.blocks and self.blocks[-1].kind is not BlockKind.page_break:
            self.blocks.append(Block(kind=BlockKind.page_break))

    def cell_text(self, cell: etree._Element) -> str:
        return "\n".join(self.cell_lines(cell, []))

    def cell_lines(self, container: etree._Element, lines: list[str]) -> list[str]:
        """A cell's (or a text box's) paragraphs as lines, each text box's after its anchor."""
        for paragraph in cell_paragraphs(container):
            boxes: list[etree._Element] = []
            text, _ = paragraph_text(paragraph, boxes)
            label = self.label(paragraph) if text.strip() or not mark_deleted(paragraph) else None
            if text.strip():
                lines.append((label or "") + text.strip())
            for box in boxes:
                self.cell_lines(box, lines)
        return lines

    def table(self, table: etree._Element) -> None:
        grid: list[list[GridCell]] = []
        above: dict[int, str] = {}  # grid column → text of the merge that started there
        for row in table_rows(table):  # a nested table's rows stay inside their cell's text
            cells: list[GridCell] = [GridCell("") for _ in range(grid_skip(row, "gridBefore"))]
            for cell in row_cells(row):
                span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
                width = min(max(1, int_value(span, W_VAL, 1)), MAX_GRID_COLUMNS) if span is not None else 1
                merged = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                column = len(cells)
                if merged is not None and merged.get(W_VAL) in (None, "continue"):
                    text = above.get(column, "")
                    cells.extend(GridCell(text, "down") for _ in range(width))
                    continue
                text = self.cell_text(cell)
                cells.append(GridCell(text))
                cells.extend(GridCell(text, "across") for _ in range(width - 1))
                above[column] = text
            cells.extend(GridCell("") for _ in range(grid_skip(row, "gridAfter")))
            grid.append(cells)
        rows = grid_to_rows(grid)
        if rows:
            self.blocks.append(Block(kind=BlockKind.table, rows=rows))

    def read(self, body: etree._Element) -> list[Block]:
        for child in body:
            if child.tag == W_P:
                self.paragraph(child)
            elif child.tag == W_TBL:
                self.table(child)
            elif child.tag in (W_SDT, W_CUSTOM_XML, W_INS, W_MOVE_TO):
                content = child.find(W_SDT_CONTENT) if child.tag == W_SDT else child
                if content is not None:
                    self.read(content)
        return self.blocks


def grid_skip(row: etree._Element, which: str) -> int:
    """Grid columns a row leaves out before (gridBefore) or after (gridAfter) its cells."""
    skip = row.find(f"{qn('w:trPr')}/{qn('w:' + which)}")
    return min(max(0, int_value(skip, W_VAL, 0)), MAX_GRID_COLUMNS) if skip is not None else 0


def continuous(section: etree._Element) -> bool:
    kind = section.find(qn("w:type"))
    return kind is not None and kind.get(W_VAL) == "continuous"


def open_docx(data: bytes) -> docx.document.Document:
    """The document, or CorruptFile: not a zip, no word/document.xml, or unreadable XML."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise CorruptFile(f"not a DOCX file: not a zip archive ({exc})") from exc
    if "word/document.xml" not in names:
        raise CorruptFile("not a DOCX file: the archive holds no word/document.xml")
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, PackageNotFoundError) as exc:
        raise CorruptFile(f"not a readable DOCX file: {type(exc).__name__}: {exc}") from exc


def clean_title(raw: str | None) -> str | None:
    """The file's Title property when it reads like a notice title (not `Microsoft Word - x.doc`)."""
    title = (raw or "").strip()
    title = title.removeprefix("Microsoft Word - ").strip()
    return title if title and title_like(title) else None


def parse_docx(data: bytes, options: Options) -> Parsed:
    document = open_docx(data)
    body = document.element.body
    if body is None:
        raise CorruptFile("not a readable DOCX file: word/document.xml has no w:body element")
    blocks = BodyReader(document).read(body)
    while blocks and blocks[-1].kind is BlockKind.page_break:
        blocks.pop()
    title = clean_title(document.core_properties.title)
    return Parsed(blocks=blocks, encoding=None, meta={"title": title} if title else {})
