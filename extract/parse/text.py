"""Plain text: decode, then one paragraph block per non-blank line.

Hard-wrapped text (saved from a PDF by pdftotext or a viewer's copy: every line cut at one
width, mid-sentence, mid-date `2021年6` / `月底前`, mid-unit) is reflowed first: a line
that fills the width and does not end a sentence runs on into the next, unless that one
opens a numbered item or a label (parse/wrap.py, shared with the PDF parser). Text whose
lines are not cut at one width is left as it is.

Web-extraction residue is layout, not text: lines of bare `|` are dropped and a trailing
`|` trimmed; a run of `|`-separated lines whose first row names task fields (序号 | 问题 |
整改时限 | …, header cells possibly split by a space: `责任 单位`) is a table written out as
text and becomes a table block (a Markdown rule row, `|---|---|`, is no row of it); so is
a run of tab-separated lines opening with such a row (a table copied from a page or sheet).
A progress summary's header (县区 | 整改任务数 | 已完成 | 完成率: two count headers or more) opens
a table too, whose 合计 row may give the notice's progress.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cache

import regex

from extract.config import Options
from extract.fields.patterns import REGION, header_field, label_lookup
from extract.load import decode_text
from extract.normalize import RUNNING_HEAD_PAGES, may_be_running_head, page_marker_re
from extract.parse.wrap import joined, starts_block, wrap_rules
from extract.segment.tables import is_count_header
from schemas.blocks import Block, BlockKind, Parsed, built_block, built_blocks, built_cell

PIPE_ONLY_RE = regex.compile(r"^[\s|｜]*$")
# A bare number on the last line of a page (before a form feed) is its page number.
PAGE_NUMBER_AT_FEED_RE = regex.compile(r"(?m)^[ \t]*\d{1,3}[ \t]*$(?=\s*\f)")
MIN_HEADER_FIELDS = 2
# Hard wrapping, in em (a full-width character; Latin letters and digits count half). Each
# line pdftotext or a viewer gives of an A4 notice holds about 25-40 characters; the last
# line of a paragraph, headings and list items fall short of the width, and digits or
# punctuation pulled down a line (kinsoku) make a cut line end up to ~1.5 em early.
WRAP_MIN_WIDTH = 20  # narrower lines (headings, list items, paragraph ends) are not counted
WRAP_MAX_CHARS = 120  # a longer line is a paragraph on one line: wide, never cut, not measured
WRAP_SLACK = 2.0  # em either side of the typical width: a line this close to it is full
WRAP_SIZE_SPREAD = 8  # characters either side of the typical length: digits and Latin count half an em
WRAP_MIN_LINES = 4
# GB/T 9704 indents a paragraph's first line by two characters, which a PDF's text layer
# (and so a copy of it) leaves out: that line is full two em short of the others.
WRAP_FIRST_INDENT = 2.0  # full lines before a text counts as wrapped
# Of the wide lines, the share that must be full: a wrapped paragraph of n lines has n-1 full
# ones, a text of one paragraph a line has lengths spread over hundreds of characters.
WRAP_FULL_SHARE = 0.6
WRAP_OPEN_SHARE = 0.5  # of the full lines, the share that must end mid-sentence (cut, not ended)


def parse_text(data: bytes, options: Options) -> Parsed:
    text, encoding = decode_text(data)
    return Parsed(blocks=lines_to_blocks(text), encoding=encoding)


def cells_of(line: str) -> list[str]:
    return [cell.strip() for cell in regex.split(r"[|｜]", line.strip().strip("|｜"))]


# A cell of a Markdown table's rule row under its header (---, :--:): layout, no row.
RULE_CELL_RE = regex.compile(r"^:?-{3,}:?$")


def tab_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().split("\t")]


MIN_COUNT_HEADERS = 2


def is_header_row(cells: list[str]) -> bool:
    """A task table's header (序号 | 问题 | 整改时限), or a progress summary's (县区 | 整改任务数 |
    已完成 | 完成率: its 合计 row may give the notice's progress)."""
    if len(cells) < 3:
        return False
    fields = {header_field(cell) for cell in cells} - {None, "", REGION}
    return (len(fields) >= MIN_HEADER_FIELDS and bool(fields & {"seq", "problem"})) \
        or sum(is_count_header(cell) for cell in cells) >= MIN_COUNT_HEADERS


def lines_to_blocks(text: str) -> list[Block]:
    """One paragraph per line; whitespace-only (nbsp included) and bare-pipe lines dropped."""
    blocks: list[Block] = []
    if "\f" in text:
        # a page break is no paragraph break for reflowing: the blank line before a form
        # feed goes (blank lines make no block anyway)
        text = PAGE_NUMBER_AT_FEED_RE.sub("", text).replace("\n\f", "\f")
    # a line is blank when whitespace only (`isspace`, as strip() sees spaces, without a
    # copy) or bare pipes
    lines = [line for line in reflowed(text.splitlines()) if line and not line.isspace()
             and (("|" not in line and "｜" not in line) or PIPE_ONLY_RE.match(line) is None)]
    seq_starts = seq_label_starts()
    paragraph = BlockKind.paragraph
    # The lines that may open a table: a pipe table's header, a 序号 line. Those between are
    # paragraphs, made without a look at their neighbours.
    # (spaces before the first character are rare: the line is copied by lstrip only then)
    openers = [k for k, line in enumerate(lines) if "|" in line or "\t" in line
               or (line[:1] if not line[:1].isspace() else line.lstrip()[:1]) in seq_starts]
    k = 0
    for opener in [*openers, len(lines)]:
        if opener < k:  # taken by the table before
            continue
        # no ASCII pipe here (a line with one is an opener): only a full-width one to trim
        blocks += built_blocks([{"kind": paragraph, "text": line.rstrip() if "｜" not in line else paragraph_text(line),
                                 "label": None, "rows": [], "page": None, "span": None}
                                for line in lines[k:opener]])
        if opener == len(lines):
            break
        rows, k = _table_at(lines, opener)
        blocks.append(table_block(rows) if rows else paragraph_block(lines[opener]))
    return blocks


def text_width(line: str) -> float:
    """Width in em: half for each ASCII character (counted in C), full for the rest (CJK
    fonts set quotes and dashes full-width too)."""
    return len(line) - len(line.encode("ascii", "ignore")) / 2


def wrap_width(lines: list[str]) -> float | None:
    """The typical width of the lines when the text is hard-wrapped, else None: most wide
    lines are within WRAP_SLACK of one width, and most of those end mid-sentence. Runs on
    every text, so it sorts and bisects (in C) rather than loop: the full lines are the
    widest but for a few, so the upper quartile of the widths is in their band."""
    sizes = sorted(map(len, lines))
    low, high = bisect_left(sizes, WRAP_MIN_WIDTH), bisect_right(sizes, WRAP_MAX_CHARS)
    longer = len(sizes) - high  # paragraphs on one line: wide, never full
    enough = max(WRAP_MIN_LINES, WRAP_FULL_SHARE * (len(sizes) - low))
    if high - low < enough:
        return None
    # the same test on lengths first, a band wider by the half-width characters a line may hold
    size = sizes[low + (high - low) * 3 // 4]
    if bisect_right(sizes, size + WRAP_SIZE_SPREAD) - bisect_left(sizes, size - WRAP_SIZE_SPREAD) < enough:
        return None
    measured = [(end, width) for line in lines if WRAP_MIN_WIDTH <= len(line) <= WRAP_MAX_CHARS
                and (width := text_width(end := line.rstrip())) >= WRAP_MIN_WIDTH]
    widths = sorted([width for _, width in measured])
    typical = widths[len(widths) * 3 // 4] if widths else 0.0
    full = bisect_right(widths, typical + WRAP_SLACK) - bisect_left(widths, typical - WRAP_SLACK)
    if full < max(WRAP_MIN_LINES, WRAP_FULL_SHARE * (len(widths) + longer)):
        return None
    sentence_end = wrap_rules().sentence_end
    open_ends = sum(1 for end, width in measured if abs(width - typical) <= WRAP_SLACK and end[-1] not in sentence_end)
    return typical if open_ends >= WRAP_OPEN_SHARE * full else None


def page_heads(lines: list[str]) -> set[str]:
    """The running heads of text saved from a PDF: a short line right after a page number
    that opens RUNNING_HEAD_PAGES pages or more, or repeats the first line (the title)."""
    is_marker = page_marker_re().fullmatch
    first = next((line.strip() for line in lines if line.strip()), "")
    tops: dict[str, int] = {}
    after_marker = False
    for line in lines:
        text = line.strip()
        if not text:
            continue
        if is_marker(text):
            after_marker = True
            continue
        if after_marker and may_be_running_head(text):
            tops[text] = tops.get(text, 0) + (RUNNING_HEAD_PAGES if text == first else 1)
        after_marker = False
    return {text for text, count in tops.items() if count >= RUNNING_HEAD_PAGES}


def reflowed(lines: list[str]) -> list[str]:
    """The lines of hard-wrapped text joined into its paragraphs: a full line (at most
    WRAP_SLACK short of the typical width) that does not end a sentence runs on into the next,
    unless that one is blank, opens a numbered item or a label, is a label alone (a header
    cell of a table written a cell a line) or a pipe-table row;
    a page number between (— 2 —) is passed over.
    Text that is not hard-wrapped comes back as it is (the same list)."""
    typical = wrap_width(lines)
    if typical is None:
        return lines
    full_from = typical - WRAP_SLACK  # wider lines too: quotes set half-width make a line measure wide
    sentence_end = wrap_rules().sentence_end
    out: list[str] = []
    runs_on = False  # the line before was cut by the width
    last = -1  # the line of `out` a continuation joins: page numbers between stay apart
    heads: set[str] | None = None  # found when a page number is first met
    after_marker = False
    for line in lines:
        end = line.rstrip()
        piped = "|" in line or "｜" in line
        if runs_on and end and not piped:
            text = end.lstrip()
            if page_marker_re().fullmatch(text):  # normalising drops it; the paragraph runs on
                out.append(line)
                after_marker = True
                continue
            if after_marker:  # a running head under the page number: composing drops it too
                after_marker = False
                if heads is None:
                    heads = page_heads(lines)
                if text in heads:
                    out.append(line)
                    continue
            if not starts_block(text) and header_field(text) is None:  # nor a label alone (序号, 整改时限)
                out[last] = joined(out[last].rstrip(), text)
                runs_on = end[-1] not in sentence_end and text_width(end) >= full_from
                continue
        out.append(line)  # a paragraph's first line
        last = len(out) - 1
        runs_on = (bool(end) and not piped and end[-1] not in sentence_end
                   and text_width(end) >= full_from - WRAP_FIRST_INDENT)
    return out


def paragraph_block(line: str) -> Block:
    return built_block(BlockKind.paragraph, paragraph_text(line))


def paragraph_text(line: str) -> str:
    return (line.rstrip() if "|" not in line and "｜" not in line
            else line.rstrip().rstrip("|｜").rstrip())  # residue pipes trimmed


def _table_at(lines: list[str], k: int) -> tuple[list[list[str]], int]:
    """(rows, the line after them) of the table opening at line k; ([], k + 1) when none does."""
    line = lines[k]
    if "|" in line and line.count("|") >= 2 and is_header_row(cells := cells_of(line)):
        width = len(cells)
        rows = [cells]
        k += 1
        while k < len(lines) and lines[k].count("|") >= 1:
            row = cells_of(lines[k])
            if not all(RULE_CELL_RE.match(cell) for cell in row):  # |---|:--:| under a Markdown header
                rows.append(_fit(row, width))
            k += 1
        return rows, k
    if "\t" in line and is_header_row(cells := tab_cells(line)):
        # a table copied from a page or a sheet: its cells apart by tabs, a row a line
        width = len(cells)
        rows = [cells]
        k += 1
        numbered = header_field(cells[0]) == "seq"
        while k < len(lines) and "\t" in lines[k]:
            row, k = _tab_row(lines, k, width) if numbered else (_fit(tab_cells(lines[k]), width), k + 1)
            rows.append(row)
        return rows, k
    # a line-per-cell table opens with a 序号 line: others need no look at the next lines
    if line.lstrip()[:1] in seq_label_starts() and (header_width := _line_header_width(lines, k)):
        return _line_table(lines, k, header_width)
    return [], k + 1


TAB_ROW_LINES_MAX = 8  # lines a tab table's row may run on over, its own first line aside


def _tab_row(lines: list[str], k: int, width: int) -> tuple[list[str], int]:
    """The tab-separated row at line k and the line after it. A cell holding a line break
    (copied from a page's `<br>`, or a sheet's cell Excel quotes: `"…,` / `…。"`) parts its row
    over lines: a row short of the header's cells takes the lines after it while they add up
    to the header's width exactly, each line's first cell going on the cell before (a line
    opening with a number, the next row's 序号, never does). Read in tables numbering their
    rows in the first column only, where that number tells a row from its continuation, and
    over a few lines at most."""
    row = tab_cells(lines[k])
    cells, j = row, k + 1
    while 1 < len(cells) < width and j < min(len(lines), k + 1 + TAB_ROW_LINES_MAX):
        more = tab_cells(lines[j])
        if len(cells) + len(more) - 1 > width or (len(more) > 1 and SEQ_CELL_RE.match(more[0])):
            break
        cells = [*cells[:-1], _joined_cell(cells[-1], more[0]), *more[1:]]
        j += 1
    if len(cells) == width and j > k + 1:
        return cells, j
    return _fit(row, width), k + 1


def _joined_cell(first: str, more: str) -> str:
    """A cell's lines joined; the quotes a sheet's copy puts around such a cell dropped."""
    joined = f"{first}\n{more}"
    return joined[1:-1] if joined.startswith('"') and joined.endswith('"') and joined.count('"') == 2 else joined


def table_block(rows: list[list[str]]) -> Block:
    return built_block(BlockKind.table, rows=[[built_cell(text) for text in row] for row in rows])


def _line_header_width(lines: list[str], k: int) -> int:
    """A table written one cell per line starts with its header, one label per line,
    序号 first: the number of header lines, or 0. Asked only of lines that may name 序号
    (seq_label_starts)."""
    if header_field(lines[k]) != "seq":
        return 0
    width = 1
    while k + width < len(lines) and header_field(lines[k + width]) not in (None, "seq"):
        width += 1
    return width if width >= MIN_HEADER_FIELDS + 1 else 0


@cache
def seq_label_starts() -> frozenset[str]:
    """The first characters of the labels naming 序号: a line starting otherwise (spaces
    aside, as header_field ignores them) is no 序号 header, without building its key."""
    return frozenset(label[:1] for label, field in label_lookup().items() if field == "seq")


SEQ_CELL_RE = regex.compile(r"^\s*(\d{1,4})\s*$")


def _line_table(lines: list[str], k: int, width: int) -> tuple[list[list[str]], int]:
    """Rows rebuilt from the header: each row opens with the next 序号 number; a row with
    more lines than columns keeps the surplus in its last cell (measures run long)."""
    rows = [[line.strip() for line in lines[k:k + width]]]
    k += width
    expected = 1
    while k < len(lines):
        match = SEQ_CELL_RE.match(lines[k])
        if not match or int(match.group(1)) != expected:
            break
        stop = _next_seq_line(lines, k + 1, expected + 1, limit=k + 4 * width)
        if stop is None:  # the last row: no surplus lines to guess at
            stop = min(k + width, len(lines))
        cells = [line.strip() for line in lines[k:stop]]
        rows.append(_fit(cells, width, "\n"))
        k = stop
        expected += 1
    return rows, k


def _next_seq_line(lines: list[str], start: int, number: int, limit: int) -> int | None:
    for k in range(start, min(limit, len(lines))):
        match = SEQ_CELL_RE.match(lines[k])
        if match and int(match.group(1)) == number:
            return k
    return None


def _fit(cells: list[str], width: int, joiner: str = "|") -> list[str]:
    """A data row with fewer cells is a group row (one cell); with more, the surplus joins the last."""
    if len(cells) > width:
        return [*cells[: width - 1], joiner.join(cells[width - 1:])]
    return cells
