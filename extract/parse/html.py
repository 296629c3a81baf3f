"""HTML pages: the article body as blocks, the page's own metadata kept.

The charset comes from the bytes (BOM, `<meta charset>`/http-equiv, via beautifulsoup4's
EncodingDetector; gb2312/gbk read as GB18030, their superset), the tree from lxml (one
parse per page). The body is the element a CMS names (`div#zoom`, `TRS_Editor` …) or the
one holding most paragraph text; navigation, share widgets, footers and chrome lines are
dropped. `<p>`, `<br>` and block elements end lines; hard wraps inside a paragraph join.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import lxml.html
import regex
from bs4.dammit import EncodingDetector
from lxml import etree
from pydantic import BaseModel, ConfigDict

from extract.config import Options
from extract.errors import CorruptFile, DecodeError
from extract.fields.metadata import title_like
from extract.fields.patterns import load_yaml
from extract.load import decode_text
from schemas.blocks import Block, BlockKind, Cell, Parsed


class HtmlRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body_names: list[str]
    drop_tags: list[str]
    chrome_names: list[str]
    chrome_lines: list[str]
    title_meta: list[str]
    date_meta: list[str]
    source_meta: list[str]
    date_line: str
    source_line: str


@cache
def html_rules() -> HtmlRules:
    return HtmlRules.model_validate(load_yaml("html.yaml"))


@cache
def date_line_re() -> regex.Pattern[str]:
    return regex.compile(html_rules().date_line)


@cache
def source_line_re() -> regex.Pattern[str]:
    return regex.compile(html_rules().source_line)


@cache
def chrome_line_re() -> regex.Pattern[str]:
    return regex.compile("|".join(f"(?:{p})" for p in html_rules().chrome_lines))


BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
                        "blockquote", "pre", "tr", "dl", "dt", "dd", "center", "table", "tbody", "thead", "td", "th"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
GB_FAMILY = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030"}
WRAP_RE = regex.compile(r"[ \t\u3000]*\n\s*")
TIGHT_RE = regex.compile(r"[\p{Han}\p{P}]")
MIN_TEXT_CHARS = 20


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding): the declared charset when it decodes, else our text decoder."""
    declared = EncodingDetector.find_declared_encoding(data[:4096], is_html=True)
    if declared:
        encoding = GB_FAMILY.get(declared.lower(), declared.lower())
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_text(data)


def join_wraps(text: str) -> str:
    """Hard wraps inside one paragraph: nothing next to CJK text or punctuation, a space
    between Latin words."""
    return WRAP_RE.sub(lambda m: "" if joins_tight(m.string, m.start(), m.end()) else " ", text)


def joins_tight(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return bool(TIGHT_RE.match(before) or TIGHT_RE.match(after))


def names_of(element: etree._Element) -> str:
    return f"{element.get('id') or ''} {element.get('class') or ''}".lower()


def is_chrome(element: etree._Element) -> bool:
    names = names_of(element)
    return bool(names.strip()) and any(name in names for name in html_rules().chrome_names)


def strip_chrome(root: etree._Element) -> None:
    rules = html_rules()
    for element in list(root.iter(*rules.drop_tags)):
        drop(element)
    for element in [e for e in root.iter() if isinstance(e.tag, str) and is_chrome(e)]:
        if element.getparent() is not None:
            drop(element)
    for comment in list(root.iter(etree.Comment)):
        drop(comment)


def drop(element: etree._Element) -> None:
    """Remove an element but keep its tail text."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def find_body(root: etree._Element) -> etree._Element:
    """The CMS's named body element, else the element with most direct paragraph text."""
    wanted = {name.lower() for name in html_rules().body_names}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        ids = {(element.get("id") or "").lower(), *((element.get("class") or "").lower().split())}
        if ids & wanted and len(element.text_content().strip()) >= MIN_TEXT_CHARS:
            return element
    best, best_score = root, 0
    for element in root.iter("div", "td", "article", "section", "body"):
        score = sum(len(child.text_content()) for child in element if child.tag in ("p", "br", "span", "font"))
        score += len((element.text or "").strip())
        if score > best_score:
            best, best_score = element, score
    return best


class LineBuilder:
    """Collects text into lines; block boundaries and <br> end a line."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.heading = False

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)

    def flush(self) -> None:
        line = join_wraps("".join(self.parts)).replace("\u00a0", " ").strip()
        self.parts = []
        if line and not chrome_line_re().search(line):
            kind = BlockKind.heading if self.heading else BlockKind.paragraph
            self.blocks.append(Block(kind=kind, text=line))
        self.heading = False


def cell_text(element: etree._Element) -> str:
    builder = LineBuilder()
    walk(element, builder, in_cell=True)
    builder.flush()
    return "\n".join(block.text for block in builder.blocks)


def is_data_table(table: etree._Element) -> bool:
    """A table with several columns holds data; one-column tables are layout."""
    rows = table.xpath("./tr|./tbody/tr|./thead/tr")
    return any(len(row.xpath("./td|./th")) >= 2 for row in rows)


def table_block(table: etree._Element) -> Block:
    rows = []
    for row in table.xpath("./tr|./tbody/tr|./thead/tr"):
        cells: list[Cell] = []
        for cell in row.xpath("./td|./th"):
            text = cell_text(cell)
            cells.extend(Cell(text=text) for _ in range(int(cell.get("colspan") or 1)))
        if any(c.text for c in cells):
            rows.append(cells)
    return Block(kind=BlockKind.table, rows=rows)


def walk(element: etree._Element, builder: LineBuilder, *, in_cell: bool = False) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "table" and not in_cell and is_data_table(element):
        builder.flush()
        block = table_block(element)
        if block.rows:
            builder.blocks.append(block)
        return
    is_block = tag in BLOCK_TAGS
    if is_block:
        builder.flush()
        builder.heading = tag in HEADING_TAGS
    builder.add(element.text)
    for child in element:
        if not isinstance(child.tag, str):
            builder.add(child.tail)
            continue
        if child.tag == "br":
            builder.flush()
        else:
            walk(child, builder, in_cell=in_cell)
        builder.add(child.tail)
    if is_block:
        builder.flush()


def page_meta(root: etree._Element, text_lines: list[str]) -> dict[str, str]:
    rules = html_rules()
    meta: dict[str, str] = {}
    by_name = {(m.get("name") or m.get("property") or "").lower(): (m.get("content") or "").strip()
               for m in root.iter("meta")}
    title = next((by_name[n.lower()] for n in rules.title_meta if by_name.get(n.lower())), None)
    heading = next((h.text_content().strip() for h in root.iter("h1") if h.text_content().strip()), None)
    title = heading or title or next((t.text_content().strip() for t in root.iter("title")), None)
    if title and title_like(title):  # a site section name in <h1> (政务公开) is no title
        meta["title"] = title
    raw_date = next((by_name[n.lower()] for n in rules.date_meta if by_name.get(n.lower())), None)
    if raw_date is None:
        for line in text_lines:
            match = date_line_re().search(line)
            if match:
                raw_date = match["date"]
                break
    date = iso_date(raw_date) if raw_date else None
    if date:
        meta["publish_date"] = date
    source = next((by_name[n.lower()] for n in rules.source_meta if by_name.get(n.lower())), None)
    if source is None:
        for line in text_lines:
            match = source_line_re().search(line)
            if match:
                source = match["source"]
                break
    if source:
        meta["source"] = source
    return meta


def iso_date(raw: str) -> str | None:
    match = regex.search(r"((?:19|20)\d{2})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})", raw)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


def parse_html(data: bytes, options: Options) -> Parsed:
    try:
        text, encoding = decode_html(data)
    except DecodeError as exc:
        raise CorruptFile("not an HTML page: bytes that no text encoding reads") from exc
    if "<" not in text or regex.search(r"[\x00-\x08\x0e-\x1f]", text[:4096]):
        raise CorruptFile("not an HTML page: binary content where markup was expected")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise CorruptFile(f"HTML could not be parsed: {exc}") from exc
    info_lines = [e.text_content() for e in root.iter("div", "p", "span", "td") if len(e.text_content()) < 200]
    meta = page_meta(root, info_lines)
    strip_chrome(root)
    body = find_body(root)
    builder = LineBuilder()
    walk(body, builder)
    builder.flush()
    blocks = builder.blocks
    title = meta.get("title")
    if title and not any(title in b.text for b in blocks[:3]):
        blocks.insert(0, Block(kind=BlockKind.heading, text=title))  # the <h1> stood outside the body
    return Parsed(blocks=blocks, encoding=encoding, meta=meta)
