"""PDF: text from pypdfium2's fast text layer, tables from pdfplumber only on pages that
draw ruling lines, OCR for pages without a text layer.

Page furniture goes (page-number footers, running headers repeated on most pages); lines
broken by the page width are joined without a space between CJK characters, while a
numbered line (`一、` `(一)` `1.` `第X项`) or a labelled one (`整改目标:`) starts a new
block. Overprinted ("fake bold") glyphs are dropped by pdfium's own duplicate filter and
pdfplumber's `dedupe_chars`. Tables continued over pages are merged downstream
(`extract.segment.tables.merge_continued_tables`).
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from extract.config import Options
from extract.errors import CorruptFile, EncryptedPdf
from extract.fields.patterns import label_re
from extract.normalize import page_marker_re
from extract.parse.ocr import check_ocr, recognise_all, render_page
from extract.segment.numbering import find_markers
from schemas.blocks import Block, BlockKind, Cell, Parsed

RIGHT_MARGIN_SLACK = 1.2  # in line heights: a full line ends this close to the right margin
INDENT_MAX = 3.0  # in line heights: a line starting further right is centred or right-aligned
SENTENCE_END = "。！？!?:：;；"
MIN_PATHS_FOR_TABLE = 8  # ruling lines drawn on a page before we look for a table there
RUNNING_HEADER_SHARE = 0.5
MIN_PAGES_FOR_HEADER = 3


@dataclass(frozen=True)
class Line:
    text: str
    full: bool  # filled to the right margin: the text runs on unless a sentence ends
    apart: bool = False  # centred or right-aligned (titles, signatures): never joined to another line


@dataclass
class PageText:
    lines: list[Line]
    tables: list[list[list[Cell]]] = field(default_factory=list)
    above: list[Line] = field(default_factory=list)  # with tables: lines above the first one
    ocr: bool = False


def display_width(line: str) -> float:
    return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in line)


def starts_block(line: str) -> bool:
    """A numbered or labelled line never continues the line before it."""
    markers = find_markers(line[:14])
    if markers and markers[0].start == 0:
        return True
    match = label_re().match(line)
    return match is not None


def join_lines(lines: list[Line]) -> list[str]:
    """Lines → paragraphs: a full line that does not end a sentence runs on."""
    paragraphs: list[str] = []
    open_paragraph = False
    for line in lines:
        text = line.text.strip()
        if not text:
            open_paragraph = False
            continue
        if open_paragraph and paragraphs and not line.apart and not starts_block(text):
            paragraphs[-1] = joined(paragraphs[-1], text)
        else:
            paragraphs.append(text)
        open_paragraph = runs_on(line)
    return paragraphs


def runs_on(line: Line | None) -> bool:
    return line is not None and line.full and bool(line.text) and line.text[-1] not in SENTENCE_END


def joined(first: str, second: str) -> str:
    """No space between CJK text; one space between Latin words."""
    if first[-1].isascii() and first[-1].isalnum() and second[0].isascii() and second[0].isalnum():
        return f"{first} {second}"
    return first + second


def cell_text(raw: str | None) -> str:
    """A pdfplumber cell: its line breaks are wraps, except before a label like (二)."""
    if not raw:
        return ""
    out = ""
    for line in raw.split("\n"):
        line = line.strip()
        if not line:
            continue
        out = line if not out else (f"{out}\n{line}" if starts_block(line) else joined(out, line))
    return out


Box = tuple[float, float, float, float]  # left, bottom, right, top (PDF points, origin bottom left)


def text_rows(textpage: pdfium.PdfTextPage) -> list[Box]:
    """pdfium's text segments grouped into visual lines, top to bottom."""
    rects = sorted((textpage.get_rect(i) for i in range(textpage.count_rects())), key=lambda r: (-r[3], r[0]))
    rows: list[list[float]] = []
    for left, bottom, right, top in rects:
        for row in rows[-3:]:
            overlap = min(top, row[3]) - max(bottom, row[1])
            if overlap > 0.5 * min(top - bottom, row[3] - row[1]):
                row[:] = [min(row[0], left), min(row[1], bottom), max(row[2], right), max(row[3], top)]
                break
        else:
            rows.append([left, bottom, right, top])
    return [(r[0], r[1], r[2], r[3]) for r in sorted(rows, key=lambda r: -r[3])]


def geometric_lines(textpage: pdfium.PdfTextPage, keep: Callable[[Box], bool] = lambda _: True) -> list[Line]:
    """The page's lines with whether each reaches the right margin of the body text."""
    rows = [row for row in text_rows(textpage) if keep(row)]
    if not rows:
        return []
    heights = sorted(row[3] - row[1] for row in rows)
    rights = sorted(row[2] for row in rows)
    lefts = sorted(row[0] for row in rows)
    margin = rights[int(0.9 * (len(rights) - 1))]
    left_margin = lefts[int(0.1 * (len(lefts) - 1))]
    height = heights[len(heights) // 2]
    lines = []
    for row in rows:
        apart = row[0] > left_margin + INDENT_MAX * height
        full = row[2] >= margin - RIGHT_MARGIN_SLACK * height and not apart
        lines.append(Line(textpage.get_text_bounded(*row).replace("\r", "").replace("\n", "").strip(), full, apart))
    return lines


def plain_lines(text: str) -> list[Line]:
    """Lines without geometry (OCR): full when about as long as the longest."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    longest = max((display_width(line) for line in lines), default=0.0)
    return [Line(line, display_width(line) >= 0.9 * longest) for line in lines]


def drop_furniture(pages: list[PageText]) -> None:
    """Page numbers anywhere on their own line; a first or last line repeated on most pages."""
    counts: dict[str, int] = {}
    for page in pages:
        edges = {line.text for line in (page.above or page.lines)[:1] + page.lines[-1:] if line.text}
        for text in edges:
            counts[text] = counts.get(text, 0) + 1
    repeated = {text for text, n in counts.items()
                if len(pages) >= MIN_PAGES_FOR_HEADER and n >= RUNNING_HEADER_SHARE * len(pages)}

    def keep(line: Line) -> bool:
        return line.text not in repeated and not page_marker_re().fullmatch(line.text)

    for page in pages:
        page.lines = [line for line in page.lines if keep(line)]
        page.above = [line for line in page.above if keep(line)]


def path_count(page: pdfium.PdfPage) -> int:
    return sum(1 for _ in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_PATH], max_depth=2))


def has_images(page: pdfium.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def table_page(plumber_page: Any, pdfium_page: pdfium.PdfPage) -> PageText | None:
    """Tables of a page with pdfplumber; the lines around them from pdfium's text layer."""
    page = plumber_page.dedupe_chars()
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    if not tables:
        return None
    height = float(pdfium_page.get_height())
    spans = [(height - t.bbox[3], height - t.bbox[1]) for t in tables]  # (bottom, top) in PDF points
    first_top = max(top for _, top in spans)
    textpage = pdfium_page.get_textpage()

    def outside(row: Box) -> bool:
        middle = (row[1] + row[3]) / 2
        return not any(bottom <= middle <= top for bottom, top in spans)

    lines = geometric_lines(textpage, outside)
    tops = [row[3] for row in text_rows(textpage) if outside(row)]
    above = [line for line, top in zip(lines, tops, strict=True) if top > first_top]
    below = [line for line, top in zip(lines, tops, strict=True) if top <= first_top]
    found = []
    for table in tables:
        rows = [[Cell(text=cell_text(c)) for c in row] for row in table.extract()]
        rows = [row for row in rows if any(c.text for c in row)]
        if rows:
            found.append(rows)
    return PageText(lines=below, tables=found, above=above)


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPdf("the PDF is encrypted with a password; it cannot be read") from exc
        raise CorruptFile(f"not a readable PDF: {exc}") from exc


def read_pages(data: bytes, options: Options) -> tuple[list[PageText], list[str]]:
    with tempfile.TemporaryDirectory(prefix="notice-pdf-") as folder:
        pages, scans = read_text_layer(data, options, Path(folder))
        if scans:
            binary = check_ocr(options)
            for (index, _), text in zip(scans, recognise_all(binary, [image for _, image in scans]), strict=True):
                pages[index] = PageText(lines=plain_lines(text), ocr=True)
    return pages, ["ocr_used"] if scans else []


def read_text_layer(data: bytes, options: Options, folder: Path) -> tuple[list[PageText], list[tuple[int, Path]]]:
    """Pages from the text layer; image-only pages rendered into `folder` for OCR."""
    document = open_pdf(data)
    pages: list[PageText] = []
    scans: list[tuple[int, Path]] = []
    plumber = None
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            if textpage.count_chars() == 0 and has_images(page):
                check_ocr(options)  # fail before rendering when OCR cannot run
                scans.append((index, render_page(page, folder, index)))
                pages.append(PageText(lines=[], ocr=True))
                continue
            if path_count(page) >= MIN_PATHS_FOR_TABLE:
                if plumber is None:
                    import pdfplumber

                    plumber = pdfplumber.open(io.BytesIO(data))
                with_tables = table_page(plumber.pages[index], page)
                if with_tables is not None:
                    pages.append(with_tables)
                    continue
            pages.append(PageText(lines=geometric_lines(textpage)))
    finally:
        if plumber is not None:
            plumber.close()
        document.close()
    return pages, scans


def pages_to_blocks(pages: list[PageText]) -> list[Block]:
    """Paragraphs may run on over a page break (no page_break block is written inside one);
    tables stay in their place."""
    blocks: list[Block] = []
    pending: list[Line] = []  # lines not yet laid out as paragraphs

    def flush() -> None:
        blocks.extend(Block(kind=BlockKind.paragraph, text=p) for p in join_lines(pending))
        pending.clear()

    for number, page in enumerate(pages, start=1):
        if page.tables:
            pending.extend(page.above)
            flush()
            blocks.extend(Block(kind=BlockKind.table, rows=rows, page=number) for rows in page.tables)
        pending.extend(page.lines)
        if number < len(pages) and not runs_on(pending[-1] if pending else None):
            flush()
            blocks.append(Block(kind=BlockKind.page_break, page=number + 1))
    flush()
    return blocks


def parse_pdf(data: bytes, options: Options) -> Parsed:
    pages, warnings = read_pages(data, options)
    drop_furniture(pages)
    blocks = pages_to_blocks(pages)
    return Parsed(blocks=blocks, pages=len(pages), warnings=warnings)

