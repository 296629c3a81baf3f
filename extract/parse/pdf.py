"""PDF: text from pypdfium2's fast text layer, tables only on pages that draw ruling
lines, OCR for pages without a text layer.

Page furniture goes (page numbers, a bare one where it counts the pages; running heads and
feet repeated among the first or last lines of most pages); footnotes in small type at a
page's foot are set aside and laid out after the last page, their raised citations dropped;
a page in two justified columns side by side is read column by column. Lines
broken by the page width are joined without a space between CJK characters, while a
numbered line (`一、` `(一)` `1.` `第X项`) or a labelled one (`整改目标:`) starts a new
block. A line that ends short of the margin still runs on when the next line's first unit
(a CJK character, or a number such as `998.3533` that may not be split) would not have
fitted there. Overprinted ("fake bold") glyphs: pdfium drops most copies itself and
pdfplumber's `dedupe_chars` those on table pages; a line that still reads doubled is
rebuilt from its character boxes, a glyph drawn over an identical one dropped (real
repeats such as 常常 stand side by side and stay).

Ruled tables come from the page's own rules where they form one framed grid
(`extract.parse.pdf_grid`, fast), else from pdfium's layout with pdfplumber. A table
first on its page with the same columns as the table last on the page before continues
it: one table block, the repeated header rows dropped and a row cut by the page break
made whole again, also where the cut cell is merged down over rows (a problem over its
measure rows: its rest goes to the row holding its text, not into a row of its own).
Image-only pages go to Tesseract (`extract.parse.ocr`); their labels are repaired where OCR
misread them (`extract.parse.ocr_repair`: `l.` for `1.`, `伍)` for `(三)`), and their lines
are measured and joined like a text layer's.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import regex
from pydantic import BaseModel, ConfigDict

from extract.config import Options
from extract.errors import CorruptFile, EncryptedPdf
from extract.fields.patterns import load_yaml
from extract.load import plausible_share
from extract.normalize import page_marker_re
from extract.parse.ocr import OcrPage, check_ocr, recognise_all, render_page
from extract.parse.ocr_repair import repair_lines
from extract.parse.pdf_grid import cell_origins, find_grid, page_objects, read_grid
from extract.parse.wrap import display_width, ends_sentence, joined, starts_block, wrap_rules
from schemas.blocks import Block, BlockKind, Cell, Parsed

# Widths are measured in "em", the pitch of a full-width character on the page. A line was
# broken by the page width when the next line's first unbreakable unit (one CJK character
# with the punctuation that may not start a line, or a run of Latin letters and digits such
# as `998.3533`) would not have fitted into the room left at its end. Calibrated on
# LibreOffice output: body lines that wrap leave 0–1.6 em (punctuation compression,
# kinsoku), a wrapped `98%` (2.1 em wide) left 2.4 em; lines that end a paragraph without
# ending a sentence are headings, set apart, or end further from the margin.
WRAP_SLACK = 0.8  # em added to the next unit's width
FULL_GAP = 1.2  # em: a line ending this close to the margin is full whatever follows
INDENT_MAX = 3.0  # em: a line starting further right is centred or right-aligned
MIN_ROWS_FOR_MARGIN = 6  # lines on a page before their own right edges tell the margin
MIN_PITCH_CHARS = 4  # characters a line needs to measure the pitch
DOUBLED_SHARE = 0.8  # share of character pairs that repeat before a line is checked for overprint
OVERPRINT_SHARE = 0.5  # share of a glyph box another copy must cover to be an overprint
MIN_PATHS_FOR_TABLE = 8  # ruling lines drawn on a page before we look for a table there
EDGE_TOLERANCE = 3.0  # points: column rules of a table continued on the next page stand as close
HEADER_ROWS_MAX = 3  # header rows a continued table may repeat
# a cell holding just a row number: `12`, `3.`, `第五项`, `17(一)`
ROW_NUMBER_RE = regex.compile(
    r"(?:第)?(?:\d{1,4}|[一二三四五六七八九十百]{1,4})(?:项|号)?[.、]?(?:\s*[(（][一二三四五六七八九十\d]{1,3}[)）])?")
# A page with fewer characters than this over an image covering most of it is a scan whose
# few text characters are a stamped page number or file name, not its content.
SCAN_MAX_CHARS = 40
SCAN_MIN_IMAGE_SHARE = 0.6
RUNNING_HEADER_SHARE = 0.5
MIN_PAGES_FOR_HEADER = 2  # a head repeated on both pages of two counts too
NOTE_SIZE = 0.8  # a footnote's lines are this much smaller than the page's body lines, or more
RAISED = 0.25  # a footnote citation's glyph stands this share of a line height above the baseline
# two columns side by side: a gutter this many line heights wide, within this share of the
# text's width from its middle, free in a run of rows most of which hold text on both sides
COLUMN_GAP = 1.0
COLUMN_MIDDLE = 0.15
MIN_COLUMN_ROWS = 6
COLUMN_SHARE = 0.5
EDGE_LINES = 3  # lines at a page's head or foot that may be furniture (page number, running head)
BARE_NUMBER_RE = regex.compile(r"\d{1,3}")


class PdfRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ocr_page_marker_lines: list[str]
    citation_marks: str


@cache
def pdf_rules() -> PdfRules:
    return PdfRules.model_validate(load_yaml("pdf.yaml"))


@cache
def lead_unit_re() -> regex.Pattern[str]:
    """The first unbreakable unit of a line: a Latin/digit run (`98%`, `PM2.5`) or one
    character, either with the punctuation that may not start a line."""
    closing = regex.escape(wrap_rules().no_line_start)
    return regex.compile(rf"(?:[A-Za-z0-9][A-Za-z0-9.%‰/\-]*|.)[{closing}]*")


@cache
def ocr_page_marker_re() -> regex.Pattern[str]:
    return regex.compile("(?:" + "|".join(pdf_rules().ocr_page_marker_lines) + ")")


@dataclass(frozen=True)
class Line:
    text: str
    gap: float  # em left between the line's end and the right margin of the body text
    apart: bool = False  # centred or right-aligned (titles, signatures): never joined to another line
    lead: float = 1.0  # em: width of the line's first unbreakable unit
    size: float = 1.0  # the line's height over the page's median line height (footnotes are small)

    @property
    def full(self) -> bool:
        return self.gap <= FULL_GAP


@dataclass(frozen=True)
class Table:
    rows: list[list[Cell]]
    edges: tuple[float, ...] = ()  # x of the column rules, when known: continued tables share them
    top: float = 0.0  # PDF y of its top edge, to place it among the page's lines
    # per row, per column: the row whose cell covers the slot (the row itself, or one above
    # for a cell merged down over rows, whose text stands in that row); () when not known
    origins: tuple[tuple[int, ...], ...] = ()


Part = list[Line] | Table


@dataclass
class PageText:
    """A page top to bottom: runs of text lines and the tables between them."""

    parts: list[Part] = field(default_factory=list)
    ocr: bool = False
    notes: list[Line] = field(default_factory=list)  # footnotes at the page's foot, set aside

    @property
    def first_line(self) -> Line | None:
        """The page's first text line, None when a table comes first."""
        first = next((part for part in self.parts if not isinstance(part, list) or part), None)
        return first[0] if isinstance(first, list) else None


def join_lines(lines: list[Line]) -> list[str]:
    """Lines → paragraphs: a line broken by the page width runs on into the next."""
    paragraphs: list[str] = []
    previous: Line | None = None
    for line in lines:
        text = line.text.strip()
        if not text:
            previous = None
            continue
        if previous is not None and paragraphs and runs_on(previous, line):
            paragraphs[-1] = joined(paragraphs[-1], text)
        else:
            paragraphs.append(text)
        previous = line
    return paragraphs


def runs_on(line: Line | None, following: Line | None) -> bool:
    """Whether `following` continues `line`: the line does not end a sentence, and it is
    full or too short for the first unit of the next line to have fitted."""
    if line is None or not line.text or ends_sentence(line.text) or line.apart:
        return False
    if following is None:  # the next page's first line is not known yet (a table follows)
        return line.full
    if following.apart or not following.text.strip() or starts_block(following.text.strip()):
        return False
    return line.full or line.gap < following.lead + WRAP_SLACK


def cell_text(raw: str | None) -> str:
    """A table cell: its line breaks are wraps, except before a label like (二)."""
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
    """pdfium's text segments grouped into visual lines, in reading order (see row_groups)."""
    return [row for group in row_groups(textpage) for row in group]


def row_groups(textpage: pdfium.PdfTextPage) -> list[list[Box]]:
    """The page's visual lines top to bottom, as one group; on a page set in two columns
    side by side, the lines above them, the left column's, the right column's and those
    below, each group top to bottom (lines are measured within their group)."""
    rects = sorted((textpage.get_rect(i) for i in range(textpage.count_rects())), key=lambda r: (-r[3], r[0]))
    rows: list[list[float]] = []
    members: list[list[Box]] = []
    for rect in rects:
        left, bottom, right, top = rect
        for k in range(max(0, len(rows) - 3), len(rows)):
            row = rows[k]
            overlap = min(top, row[3]) - max(bottom, row[1])
            if overlap > 0.5 * min(top - bottom, row[3] - row[1]):
                row[:] = [min(row[0], left), min(row[1], bottom), max(row[2], right), max(row[3], top)]
                members[k].append(rect)
                break
        else:
            rows.append([left, bottom, right, top])
            members.append([rect])
    order = sorted(range(len(rows)), key=lambda k: -rows[k][3])
    boxes = [(rows[k][0], rows[k][1], rows[k][2], rows[k][3]) for k in order]
    if not boxes:
        return []
    # the foot in small type (footnotes, page number) stays below the columns
    heights = sorted(box[3] - box[1] for box in boxes)
    small = NOTE_SIZE * heights[len(heights) // 2]
    body = len(boxes)
    while body > 0 and boxes[body - 1][3] - boxes[body - 1][1] < small:
        body -= 1
    columns = split_columns(boxes[:body], [members[k] for k in order[:body]])
    return [*columns, boxes[body:]] if columns else [boxes]


def split_columns(rows: list[Box], members: list[list[Box]]) -> list[list[Box]] | None:
    """Rows of a two-column page regrouped column by column, or None: a gutter near the
    middle of the text that a run of rows leaves free, with text on both sides of it in at
    least MIN_COLUMN_ROWS and most of them, and both columns justified (most of their lines
    end at the column's edge: not the cells of a table without rules)."""
    if len(rows) < MIN_COLUMN_ROWS:
        return None
    left, right = min(r[0] for r in rows), max(r[2] for r in rows)
    width = right - left
    gutters = set()
    for rects in members:
        for a, b in pairwise(sorted(rects)):
            middle = (a[2] + b[0]) / 2
            if b[0] - a[2] >= COLUMN_GAP * (a[3] - a[1]) and abs(middle - left - width / 2) <= COLUMN_MIDDLE * width:
                gutters.add(round(middle))
    for gutter in sorted(gutters):
        free = [all(r[2] < gutter or r[0] > gutter for r in m) for m in members]
        both = [f and any(r[2] < gutter for r in m) and any(r[0] > gutter for r in m)
                for f, m in zip(free, members, strict=True)]
        start = 0
        while start < len(rows):
            if not free[start]:
                start += 1
                continue
            end = start
            while end < len(rows) and free[end]:
                end += 1
            count = sum(both[start:end])
            if count >= MIN_COLUMN_ROWS and count >= COLUMN_SHARE * (end - start):
                # from the first row with text on both sides to the last: one-sided rows
                # around them are the text above and below (a heading, a column's end)
                start = both.index(True, start)
                end = len(both) - both[::-1].index(True, 0, len(both) - start)
                columns = split_band(members[start:end], gutter)
                if columns is not None:
                    return [group for group in (rows[:start], *columns, rows[end:]) if group]
            start = end
    return None


def split_band(members: list[list[Box]], gutter: float) -> list[list[Box]] | None:
    """The band's left and right column lines, when both columns are justified."""
    columns: list[list[Box]] = [[], []]
    for rects in members:
        for side, part in enumerate(([r for r in rects if r[2] < gutter], [r for r in rects if r[0] > gutter])):
            if part:
                columns[side].append((min(r[0] for r in part), min(r[1] for r in part),
                                      max(r[2] for r in part), max(r[3] for r in part)))
    for column in columns:
        edge = max(box[2] for box in column)
        height = sorted(box[3] - box[1] for box in column)[len(column) // 2]
        if sum(1 for box in column if edge - box[2] <= height) < COLUMN_SHARE * len(column):
            return None
    return columns


def geometric_lines(textpage: pdfium.PdfTextPage, keep: Callable[[Box], bool] = lambda _: True) -> list[Line]:
    """The page's lines, each with the room it leaves before the right margin of the body
    text (of its column, on a page in two columns)."""
    groups = [[row for row in group if keep(row)] for group in row_groups(textpage)]
    heights = sorted(row[3] - row[1] for group in groups for row in group)
    height = heights[len(heights) // 2] if heights else 1.0
    return [line for group in groups for line in group_lines(textpage, group, height)]


def group_lines(textpage: pdfium.PdfTextPage, rows: list[Box], height: float) -> list[Line]:
    texts = []
    glyphs: list[tuple[str, Box]] | None = None  # the page's glyphs, read once where a line may hold a citation
    for row in rows:
        text = textpage.get_text_bounded(*row).replace("\r", "").replace("\n", "").strip()
        text = deduped_text(textpage, row) if looks_doubled(text) else text
        if any(c in pdf_rules().citation_marks for c in text[1:]):
            glyphs = page_glyphs(textpage) if glyphs is None else glyphs
            text = without_citations(row_chars(glyphs, row), text)
        texts.append(text)
    leads = [lead_width(textpage, row, text) for row, text in zip(rows, texts, strict=True)]
    return measured_lines(rows, texts, leads, float(textpage.page.get_width()), height)


def ocr_lines(page: OcrPage) -> list[Line]:
    """Tesseract's lines measured like a text layer's (pixels instead of points)."""
    rows = [line.box for line in page.lines]
    return measured_lines(rows, [line.text for line in page.lines], [line.lead for line in page.lines], page.width)


def measured_lines(rows: list[Box], texts: list[str], leads: list[float | None], page_width: float,
                   height: float | None = None) -> list[Line]:
    """Lines with their room before the right margin and their first unit's width, in em,
    and their height over `height` (the page's median line height; by default the rows');
    a lead of None is one character."""
    if not rows:
        return []
    left_margin = sorted(row[0] for row in rows)[int(0.1 * (len(rows) - 1))]
    margin = right_margin(rows, page_width - left_margin)
    em = character_pitch(rows, texts)
    if height is None:
        heights = sorted(row[3] - row[1] for row in rows)
        height = heights[len(heights) // 2]
    height = max(height, 1.0)
    lines = []
    for row, text, lead in zip(rows, texts, leads, strict=True):
        apart = row[0] > left_margin + INDENT_MAX * em
        size = (row[3] - row[1]) / height
        lines.append(Line(text, (margin - row[2]) / em, apart, 1.0 if lead is None else lead / em, size))
    return lines


def right_margin(rows: list[Box], mirrored: float) -> float:
    """The right edge of the body text: where most lines end when there are enough of them
    to tell, else the left margin mirrored (few lines beside a table, a short last page)."""
    if len(rows) < MIN_ROWS_FOR_MARGIN:
        return mirrored
    rights = sorted(row[2] for row in rows)
    return rights[int(0.9 * (len(rights) - 1))]


def character_pitch(rows: list[Box], texts: list[str]) -> float:
    """Points per full-width character, the unit of every width here (the median over the
    lines; the row height where no line is long enough to measure)."""
    pitches = sorted((row[2] - row[0]) / display_width(text)
                     for row, text in zip(rows, texts, strict=True) if display_width(text) >= MIN_PITCH_CHARS)
    if pitches:
        return max(pitches[len(pitches) // 2], 1.0)
    heights = sorted(row[3] - row[1] for row in rows)
    return max(heights[len(heights) // 2], 1.0)


def lead_width(textpage: pdfium.PdfTextPage, row: Box, text: str) -> float | None:
    """Width in points of the row's first unbreakable unit (see WRAP_SLACK)."""
    unit = lead_unit_re().match(text)
    size = len(unit.group()) if unit else 0
    if not size:
        return None
    first = textpage.get_index(row[0] + 0.5, (row[1] + row[3]) / 2, row[3] - row[1], row[3] - row[1])
    if first < 0:
        return None
    last = min(first + size - 1, textpage.count_chars() - 1)
    return float(textpage.get_charbox(last)[2]) - row[0]


def looks_doubled(text: str) -> bool:
    """Text that reads twice over (`整整改改` or `整改整改`), the trace of a line drawn twice:
    worth checking by position (real repeats such as 常常 stand apart and stay)."""
    squeezed = "".join(text.split())
    half = len(squeezed) // 2
    if half < 2:
        return False
    if squeezed[:half] == squeezed[half:]:
        return True
    pairs = sum(1 for a, b in zip(squeezed[::2], squeezed[1::2], strict=False) if a == b)
    return pairs >= DOUBLED_SHARE * half


def deduped_text(textpage: pdfium.PdfTextPage, row: Box) -> str:
    """The row's characters with every copy drawn over an earlier identical one dropped
    (pdfium drops most overprints itself; this catches copies split into other runs)."""
    kept: list[tuple[str, Box]] = []
    for index in range(textpage.count_chars()):
        box = textpage.get_charbox(index)
        middle = (box[1] + box[3]) / 2
        if not (row[1] <= middle <= row[3] and row[0] - 1 <= box[0] <= row[2] + 1):
            continue
        char = textpage.get_text_range(index, 1)
        if char in "\r\n" or any(char == c and overprints(box, b) for c, b in kept):
            continue
        kept.append((char, box))
    return "".join(c for c, _ in kept).strip()


def page_glyphs(textpage: pdfium.PdfTextPage) -> list[tuple[str, Box]]:
    """Every character drawn on the page, with its box."""
    return [(textpage.get_text_range(index, 1), textpage.get_charbox(index)) for index in range(textpage.count_chars())]


def row_chars(glyphs: list[tuple[str, Box]], row: Box) -> list[tuple[str, Box]]:
    """The characters drawn in the row, with their boxes."""
    return [(c, box) for c, box in glyphs
            if row[1] <= (box[1] + box[3]) / 2 <= row[3] and row[0] - 1 <= box[0] <= row[2] + 1]


def without_citations(row_glyphs: list[tuple[str, Box]], text: str) -> str:
    """The line without the footnote citations set small and raised after its words
    (`底前①`): a mark of pdf.yaml citation_marks whose glyph is under NOTE_SIZE of the
    line's median glyph height and stands above its baseline."""
    chars = [(c, box) for c, box in row_glyphs if box[3] > box[1] and not c.isspace()]
    words = [box for c, box in chars if c not in pdf_rules().citation_marks]
    if not words:
        return text
    height = sorted(box[3] - box[1] for box in words)[len(words) // 2]
    base = sorted(box[1] for box in words)[len(words) // 2]
    marks = {c for c, box in chars if c in pdf_rules().citation_marks
             and box[3] - box[1] < NOTE_SIZE * height and box[1] > base + RAISED * height}
    return text[:1] + "".join(c for c in text[1:] if c not in marks) if marks else text


def overprints(first: Box, second: Box) -> bool:
    """Two glyph boxes that cover each other for the most part."""
    width = min(first[2] - first[0], second[2] - second[0])
    height = min(first[3] - first[1], second[3] - second[1])
    across = min(first[2], second[2]) - max(first[0], second[0])
    down = min(first[3], second[3]) - max(first[1], second[1])
    return width > 0 and height > 0 and across > OVERPRINT_SHARE * width and down > OVERPRINT_SHARE * height


def edge_runs(page: PageText) -> tuple[list[Line], list[Line]]:
    """The page's first and last runs of text lines (the same run on a page without tables)."""
    runs = [part for part in page.parts if isinstance(part, list) and part]
    return (runs[0], runs[-1]) if runs else ([], [])


def bare_page_numbers(pages: list[PageText]) -> set[int]:
    """Bare numbers (`3`) standing first or last on their pages that count the pages: the
    number less the page's index is the same on most pages (a cover without one shifts it)."""
    found: list[tuple[int, Line]] = []
    for index, page in enumerate(pages):
        head, foot = edge_runs(page)
        for line in head[:EDGE_LINES] + foot[-EDGE_LINES:]:
            if BARE_NUMBER_RE.fullmatch(line.text):
                found.append((int(line.text) - index, line))
    offsets: dict[int, set[int]] = {}
    for offset, line in found:
        offsets.setdefault(offset, set()).add(id(line))
    counted = [ids for ids in offsets.values()
               if len(pages) >= MIN_PAGES_FOR_HEADER and len(ids) >= max(2, RUNNING_HEADER_SHARE * len(pages))]
    return set().union(*counted) if counted else set()


def drop_furniture(pages: list[PageText]) -> None:
    """Page numbers anywhere on their own line (a bare `3` at a page's head or foot when the
    numbers count the pages); among the first and last few lines of each page, a line
    repeated there on most pages, but for its first occurrence: a running head that repeats
    the title is the title on page one (where it may stand twice, as head and as title).
    The same text further in (the issuer's name as the signature) is the page's own."""
    heads: dict[str, int] = {}
    foots: dict[str, int] = {}
    for page in pages:
        head, foot = edge_runs(page)
        for counts, lines in ((heads, head[:EDGE_LINES]), (foots, foot[-EDGE_LINES:])):
            for text in {line.text for line in lines if line.text and not page_marker_re().fullmatch(line.text)}:
                counts[text] = counts.get(text, 0) + 1

    def repeated(counts: dict[str, int]) -> set[str]:
        return {text for text, n in counts.items()
                if len(pages) >= MIN_PAGES_FOR_HEADER and n >= max(2, RUNNING_HEADER_SHARE * len(pages))}

    running = (repeated(heads), repeated(foots))
    numbers = bare_page_numbers(pages)
    seen: set[str] = set()

    def furniture(lines: list[Line], texts: set[str]) -> set[int]:
        """The ids of the furniture among `lines`, read from the page's edge inwards: it
        ends at the first line of the page's own (or a second copy of a running line)."""
        dropped: set[int] = set()
        consumed: dict[str, bool] = {}  # running text met on this edge: kept (first occurrence) or dropped
        for line in lines[:EDGE_LINES]:
            if page_marker_re().fullmatch(line.text) or id(line) in numbers:
                dropped.add(id(line))
            elif line.text in texts and consumed.get(line.text) is not False:
                first = line.text not in seen and line.text not in consumed
                seen.add(line.text)
                consumed[line.text] = first
                if not first:
                    dropped.add(id(line))
            else:
                break
        return dropped

    for page in pages:
        head, foot = edge_runs(page)
        dropped = furniture(head, running[0]) | furniture(foot[::-1], running[1])
        page.parts = [[line for line in part if id(line) not in dropped and not page_marker_re().fullmatch(line.text)]
                      if isinstance(part, list) else part for part in page.parts]
        if page.ocr and page.parts and isinstance(page.parts[0], list):  # OCR pages are one run of lines
            lines = page.parts[0]
            while lines and ocr_page_marker_re().fullmatch(lines[-1].text):  # a misread page number
                lines.pop()
            while lines and ocr_page_marker_re().fullmatch(lines[0].text):
                lines.pop(0)


def set_notes_aside(pages: list[PageText]) -> None:
    """Footnotes (`①…`, `注:…` in small type under the body text of a page) go from the
    page's lines to its `notes`: they are not the last paragraph's text, nor part of one
    running on over the page break."""
    for page in pages:
        runs = [part for part in page.parts if isinstance(part, list)]
        if page.ocr or not runs or not runs[-1] or page.parts[-1] is not runs[-1]:
            continue
        run = runs[-1]
        start = len(run)
        while start > 0 and run[start - 1].size < NOTE_SIZE:
            start -= 1
        if 0 < start < len(run):
            page.notes = run[start:]
            del run[start:]


def repair_ocr_labels(pages: list[PageText]) -> None:
    """The labels OCR misread repaired on OCR pages, their lines read in order over all of
    them (a sequence of labels runs over page breaks; the page numbers between went first)."""
    runs = [page.parts[0] for page in pages if page.ocr and page.parts and isinstance(page.parts[0], list)]
    texts = repair_lines([line.text for run in runs for line in run])
    k = 0
    for run in runs:
        for index, line in enumerate(run):
            if texts[k] != line.text:
                run[index] = replace(line, text=texts[k])
            k += 1


def path_count(page: pdfium.PdfPage) -> int:
    return sum(1 for _, kind in page_objects(page) if kind == pdfium_raw.FPDF_PAGEOBJ_PATH)


def image_share(page: pdfium.PdfPage) -> float:
    """The share of the page the largest image covers."""
    area = float(page.get_width() * page.get_height()) or 1.0
    largest = 0.0
    for image in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = image.get_bounds()
        largest = max(largest, (right - left) * (top - bottom))
    return min(largest / area, 1.0)


def is_scan(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> bool:
    """An image-only page, or an image of the page with a stray text (a stamped page number)."""
    chars = textpage.count_chars()
    if chars >= SCAN_MAX_CHARS:
        return False
    share = image_share(page)
    return share > 0 and (chars == 0 or share >= SCAN_MIN_IMAGE_SHARE)


# A text layer whose characters mostly lie outside what a notice uses is glyph numbers read as
# characters (a font without a ToUnicode map): the page is read as a scan is, by OCR.
GARBLED_MAX_SHARE = 0.5
GARBLED_SAMPLE_CHARS = 2000
GARBLED_REASON = "a page's text layer is unreadable (its font maps no glyph to a character)"


def garbled_text(textpage: pdfium.PdfTextPage) -> bool:
    count = textpage.count_chars()
    if count == 0:
        return False
    sample = "".join(textpage.get_text_range(0, min(count, GARBLED_SAMPLE_CHARS)).split())
    return bool(sample) and plausible_share(sample) < GARBLED_MAX_SHARE


def grid_page(pdfium_page: pdfium.PdfPage) -> PageText | None:
    """A page whose rules form one grid: the table read from pdfium alone (fast path)."""
    grid = find_grid(pdfium_page)
    if grid is None:
        return None
    read = [[Cell(text=cell_text(text)) for text in row] for row in read_grid(grid, pdfium_page.get_textpage())]
    down = [[r0 if c0 == c else r for c, (r0, c0) in enumerate(row)] for r, row in enumerate(cell_origins(grid))]
    rows, origins = kept_rows(read, down)
    tables = [Table(rows, tuple(grid.xs), grid.top, origins)] if rows else []
    return around_tables(pdfium_page, [(grid.bottom, grid.top)], tables)


def table_page(plumber_page: Any, pdfium_page: pdfium.PdfPage) -> PageText | None:
    """Tables of a page with pdfplumber; the lines around them from pdfium's text layer."""
    page = plumber_page.dedupe_chars()
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    if not tables:
        return None
    height = float(pdfium_page.get_height())
    spans = [(height - t.bbox[3], height - t.bbox[1]) for t in tables]  # (bottom, top) in PDF points
    found = []
    for table in tables:
        read = [[Cell(text=cell_text(c)) for c in row] for row in table.extract()]
        rows, origins = kept_rows(read, plumber_origins([row.cells for row in table.rows]))
        if rows:
            edges = column_edges([x for cell in table.cells for x in (cell[0], cell[2])])
            found.append(Table(rows, edges, height - table.bbox[1], origins))
    return around_tables(pdfium_page, spans, found)


def plumber_origins(slots: list[list[Any]]) -> list[list[int]]:
    """Per row and column, the row whose cell covers the slot: pdfplumber gives no cell
    (None) in the slots a cell merged down covers, the cell above reaching past their top."""
    origins: list[list[int]] = []
    for r, row in enumerate(slots):
        own = []
        for c, box in enumerate(row):
            origin = r
            if box is None:
                above = next((k for k in range(r - 1, -1, -1) if c < len(slots[k]) and slots[k][c] is not None), None)
                top = next((b[1] for b in row if b is not None), None)
                if above is not None and top is not None and slots[above][c][3] > top + EDGE_TOLERANCE:
                    origin = origins[above][c]
            own.append(origin)
        origins.append(own)
    return origins


def kept_rows(rows: list[list[Cell]], down: list[list[int]]) -> tuple[list[list[Cell]], tuple[tuple[int, ...], ...]]:
    """The rows holding some text, and their merged-down origins renumbered to match; a
    slot whose origin row went (an empty merged cell) counts as its own."""
    kept = [r for r, row in enumerate(rows) if any(c.text for c in row)]
    index = {r: k for k, r in enumerate(kept)}
    origins = tuple(tuple(index.get(origin, k) for origin in down[r]) for k, r in enumerate(kept))
    return [rows[r] for r in kept], origins


def column_edges(xs: list[float]) -> tuple[float, ...]:
    """Distinct x positions of column rules, nearby ones taken as one."""
    edges: list[float] = []
    for x in sorted(xs):
        if not edges or x - edges[-1] > EDGE_TOLERANCE:
            edges.append(x)
    return tuple(edges)


def around_tables(pdfium_page: pdfium.PdfPage, spans: list[tuple[float, float]], tables: list[Table]) -> PageText:
    """The page's tables in their places among the text lines outside them."""
    textpage = pdfium_page.get_textpage()

    def outside(row: Box) -> bool:
        middle = (row[1] + row[3]) / 2
        return not any(bottom <= middle <= top for bottom, top in spans)

    lines = geometric_lines(textpage, outside)
    tops = [row[3] for row in text_rows(textpage) if outside(row)]
    parts: list[Part] = []
    remaining = sorted(tables, key=lambda table: -table.top)
    run: list[Line] = []
    for line, top in zip(lines, tops, strict=True):
        while remaining and top <= remaining[0].top:
            parts.extend([run, remaining.pop(0)])
            run = []
        run.append(line)
    for table in remaining:
        parts.extend([run, table])
        run = []
    return PageText([*parts, run])


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPdf("the PDF is encrypted with a password; it cannot be read") from exc
        raise CorruptFile(f"not a readable PDF: {exc}") from exc


def load_page(document: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
    """The page, or CorruptFile: a page tree that points back at itself or at a missing
    object opens as a document but fails here."""
    try:
        return document[index]
    except pdfium.PdfiumError as exc:
        raise CorruptFile(f"not a readable PDF: page {index + 1} of {len(document)} cannot be loaded ({exc})") from exc


def read_pages(data: bytes, options: Options) -> tuple[list[PageText], list[str]]:
    with tempfile.TemporaryDirectory(prefix="notice-pdf-") as folder:
        pages, scans = read_text_layer(data, options, Path(folder))
        if scans:
            binary = check_ocr(options)
            for (index, _), text in zip(scans, recognise_all(binary, [image for _, image in scans]), strict=True):
                pages[index] = PageText([ocr_lines(text)], ocr=True)
    return pages, ["ocr_used"] if scans else []


def read_text_layer(data: bytes, options: Options, folder: Path) -> tuple[list[PageText], list[tuple[int, Path]]]:
    """Pages from the text layer; image-only pages rendered into `folder` for OCR."""
    document = open_pdf(data)
    pages: list[PageText] = []
    scans: list[tuple[int, Path]] = []
    plumber = None
    try:
        for index in range(len(document)):
            page = load_page(document, index)
            textpage = page.get_textpage()
            garbled = garbled_text(textpage)
            if garbled or is_scan(page, textpage):
                # fail before rendering when OCR cannot run
                check_ocr(options, GARBLED_REASON) if garbled else check_ocr(options)
                scans.append((index, render_page(page, folder, index)))
                pages.append(PageText([], ocr=True))
                continue
            if path_count(page) >= MIN_PATHS_FOR_TABLE:
                fast = grid_page(page)
                if fast is not None:
                    pages.append(fast)
                    continue
                if plumber is None:
                    import pdfplumber

                    plumber = pdfplumber.open(io.BytesIO(data))
                with_tables = table_page(plumber.pages[index], page)
                if with_tables is not None:
                    pages.append(with_tables)
                    continue
            pages.append(PageText([geometric_lines(textpage)]))
    finally:
        if plumber is not None:
            plumber.close()
        document.close()
    return pages, scans


def pages_to_blocks(pages: list[PageText]) -> list[Block]:
    """Paragraphs may run on over a page break (no page_break block is written inside one);
    a table first on its page that goes on with the table last on the page before is merged
    into it."""
    blocks: list[Block] = []
    pending: list[Line] = []  # lines not yet laid out as paragraphs
    open_table: Table | None = None  # the last table, while only page breaks follow it
    tail: tuple[int, ...] = ()  # the origins of the last table block's last row, in its rows

    def flush() -> None:
        nonlocal open_table
        paragraphs = join_lines(pending)
        if paragraphs:
            open_table = None
        blocks.extend(Block(kind=BlockKind.paragraph, text=p) for p in paragraphs)
        pending.clear()

    notes: list[Line] = []  # the pages' footnotes, laid out after the last page

    for number, page in enumerate(pages, start=1):
        for part in page.parts:
            if isinstance(part, list):
                pending.extend(part)
                continue
            flush()
            if open_table is not None and blocks[-1].kind is BlockKind.page_break and continues(open_table, part):
                while blocks[-1].kind is BlockKind.page_break:
                    blocks.pop()
                head = blocks[-1].rows
                rest = without_repeated_header(head, part.rows)
                rows = rows_joined(head, rest, tail)
                blocks[-1] = blocks[-1].model_copy(update={"rows": rows})
                cut = len(rows) < len(head) + len(rest)
                tail = tail_origins(part, len(part.rows) - len(rest), len(rows) - len(rest), tail, cut)
            else:
                blocks.append(Block(kind=BlockKind.table, rows=part.rows, page=number))
                tail = part.origins[-1] if part.origins else ()
            open_table = part
        notes.extend([Line("", 0.0), *page.notes] if page.notes else [])  # an empty line ends a note
        following = pages[number].first_line if number < len(pages) else None
        if number < len(pages) and not runs_on(pending[-1] if pending else None, following):
            flush()
            blocks.append(Block(kind=BlockKind.page_break, page=number + 1))
    flush()
    pending.extend(notes)
    flush()
    return blocks


def continues(table: Table, following: Table) -> bool:
    """Whether `following` (first on its page) goes on with `table`: the same columns."""
    if not table.rows or not following.rows or len(table.rows[0]) != len(following.rows[0]):
        return False
    if table.edges and following.edges:
        return len(table.edges) == len(following.edges) and all(
            abs(a - b) <= EDGE_TOLERANCE for a, b in zip(table.edges, following.edges, strict=True))
    return True


def row_key(row: list[Cell]) -> tuple[str, ...]:
    return tuple("".join(cell.text.split()) for cell in row)


def without_repeated_header(first: list[list[Cell]], rows: list[list[Cell]]) -> list[list[Cell]]:
    """The continuation's rows without the header rows it repeats from the table's start."""
    repeated = 0
    while (repeated < min(HEADER_ROWS_MAX, len(rows), len(first) - 1)
           and row_key(rows[repeated]) == row_key(first[repeated])):
        repeated += 1
    return rows[repeated:]


def tail_origins(part: Table, skipped: int, offset: int, before: tuple[int, ...], cut: bool) -> tuple[int, ...]:
    """The origins of a continued table block's last row, in the block's rows: `part` was
    added without its first `skipped` rows (a repeated header), its row `skipped` standing
    at `offset` in the block, or folded into the rows above when it was a `cut` row, whose
    slots keep the origins they had (`before`)."""
    if not part.origins or len(part.rows) <= skipped:
        return before
    own = offset + len(part.rows) - 1 - skipped
    origins = []
    for k, origin in enumerate(part.origins[-1]):
        if origin == skipped and cut:
            origins.append(before[k] if k < len(before) else offset)
        else:
            origins.append(offset + origin - skipped if origin >= skipped else own)
    return tuple(origins)


def rows_joined(head: list[list[Cell]], rows: list[list[Cell]], tail: tuple[int, ...] = ()) -> list[list[Cell]]:
    """Rows of a table and of its continuation; a row cut by the page break made whole.
    `tail` gives, per column, the row of `head` whose cell covers the last row's slot (a
    problem merged down over its measure rows): the cut row's rest of such a cell goes
    to that cell."""
    if not head or not rows:
        return head + rows
    last = len(head) - 1
    holders = [tail[k] if k < len(tail) and not head[last][k].text.strip() else last for k in range(len(head[last]))]
    covering = [head[r][k] for k, r in enumerate(holders)]
    if not is_cut_row(rows[0], covering):
        return head + rows
    joined_rows = [list(row) for row in head]
    for k, cell in enumerate(rows[0]):
        if k < len(holders) and cell.text.strip():
            r = holders[k]
            joined_rows[r][k] = Cell(text=joined_cell(joined_rows[r][k].text, cell.text))
    return [*joined_rows, *rows[1:]]


def is_cut_row(row: list[Cell], last: list[Cell]) -> bool:
    """The first row of a continued table is the rest of the row cut by the page when its
    first cell (the row's number or name) is empty while the cut row's is not, it fills no
    cell the cut row left empty, and it does not open with a row number of its own (a new
    row under a first column merged down the page)."""
    filled = {k for k, cell in enumerate(row) if cell.text.strip()}
    if len(row) != len(last) or not filled or 0 in filled or not last[0].text.strip():
        return False
    if not filled <= {k for k, cell in enumerate(last) if cell.text.strip()}:
        return False
    return not ROW_NUMBER_RE.fullmatch(row[min(filled)].text.strip())


def joined_cell(first: str, rest: str) -> str:
    """A cell's text cut by the page: no separator in CJK text, a line break before a label."""
    first, rest = first.strip(), rest.strip()
    if not first or not rest:
        return first or rest
    return f"{first}\n{rest}" if starts_block(rest) else joined(first, rest)


def parse_pdf(data: bytes, options: Options) -> Parsed:
    pages, warnings = read_pages(data, options)
    drop_furniture(pages)
    set_notes_aside(pages)
    repair_ocr_labels(pages)
    blocks = pages_to_blocks(pages)
    return Parsed(blocks=blocks, pages=len(pages), warnings=warnings)

