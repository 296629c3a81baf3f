"""Task tables: a table whose header row names task fields becomes tasks, one per row.

Header cells map to fields by the synonyms of rules/labels.yaml (whitespace inside a
cell ignored: `整改时\\n限`), in any column order. A row whose filled cells all hold the
same text is a group row (`一、例行督察反馈问题(9项)`) and sets the category of the rows
below it. Sequence cells read `1`, `1.`, `17(一)` → `17.1`, `8(市序号9)` → `8`. A repeated
header row (a table continued over pages) is skipped; a row with an empty 序号 continues
the row above (see `merge_continued_tables`, run on blocks before they are composed).
"""

from __future__ import annotations

import regex

from extract.fields.patterns import header_field
from extract.fields.raw import Piece, RawTask, piece_at
from extract.segment.measures import split_measures
from extract.segment.numbering import category_name, find_markers, number_value
from schemas.blocks import Block, BlockKind, Cell

HEADER_SEARCH_ROWS = 5
MIN_HEADER_FIELDS = 2
# At least one of these columns makes a table a task table (a contacts table is not).
CORE_FIELDS = frozenset({"problem", "target", "deadline", "lead_units", "responsible_units", "measures"})
SEQ_RE = regex.compile(
    r"^\s*(?:第)?(?P<n>\d{1,4}|[一二三四五六七八九十百]{1,4})(?:项|号)?\s*[.、．]?\s*"
    r"(?:[(（](?P<sub>[一二三四五六七八九十]{1,3}|\d{1,2})[)）])?")


def header_map(row: list[Cell]) -> dict[int, str]:
    """Column index → canonical field, for the cells of `row` that name one."""
    mapped: dict[int, str] = {}
    for index, cell in enumerate(row):
        field = header_field(cell.text)
        if field and field not in mapped.values():
            mapped[index] = field
    return mapped


def find_header(block: Block) -> tuple[int, dict[int, str]] | None:
    """(row index, column map) of the header row, looked for in the first rows."""
    best: tuple[int, dict[int, str]] | None = None
    for index, row in enumerate(block.rows[:HEADER_SEARCH_ROWS]):
        mapped = header_map(row)
        if len(mapped) >= MIN_HEADER_FIELDS and CORE_FIELDS & set(mapped.values()) and (
                best is None or len(mapped) > len(best[1])):
            best = (index, mapped)
    return best


def is_task_table(block: Block) -> bool:
    return block.kind is BlockKind.table and find_header(block) is not None


def is_header_row(row: list[Cell], columns: dict[int, str]) -> bool:
    mapped = header_map(row)
    return len(mapped) >= MIN_HEADER_FIELDS and all(columns.get(k) == f for k, f in mapped.items())


def group_text(row: list[Cell]) -> str | None:
    """The text of a full-width group row: every filled cell holds the same text."""
    texts = {cell.text.strip() for cell in row if cell.text.strip()}
    if len(texts) != 1 or len(row) < 3:
        return None
    filled = sum(1 for cell in row if cell.text.strip())
    text = texts.pop()
    # merged across: the text in every column, or only in the first (PDF, XLSX)
    alone_first = filled == 1 and row[0].text.strip() == text and not SEQ_RE.fullmatch(text)
    return text if filled == len(row) or alone_first else None


def seq_of(raw: str) -> str | None:
    """`17(一)` → `17.1`; `8(市序号9)` → `8`; anything else → None."""
    match = SEQ_RE.match(raw.strip())
    if match is None:
        return None
    n = number_value(match["n"])
    if n is None:
        return None
    sub = number_value(match["sub"]) if match["sub"] else None
    return f"{n}.{sub}" if sub else str(n)


def row_to_raw_task(row: list[Cell], columns: dict[int, str], seq: str, text: str,
                    category: str | None) -> RawTask | None:
    spans = [cell.span for cell in row if cell.span is not None]
    if not spans:
        return None
    raw = RawTask(seq=seq, span=(min(s[0] for s in spans), max(s[1] for s in spans)), category=category)
    for index, field in columns.items():
        if index >= len(row) or row[index].span is None or field == "seq":
            continue
        start, end = row[index].span  # type: ignore[misc]
        piece = piece_at(text, start, end)
        if piece is None:
            continue
        if field == "problem":
            raw.problem = sub_problem(text, start, end, seq) or piece
        elif field == "measures":
            raw.measures = split_measures(text, start, end)
            raw.fields["measures"] = piece
        else:
            raw.fields[field] = piece
    return raw


def sub_problem(text: str, start: int, end: int, seq: str) -> Piece | None:
    """Part k of a split item (17.2) whose cell repeats the item's shared problem text
    above `(二)…`: the part's own problem is what follows its label."""
    if "." not in seq:
        return None
    part = int(seq.split(".")[1])
    labels = [m for m in find_markers(text, start, end) if m.at_line_start and m.n == part
              and m.style in ("chinese_paren", "arabic_paren", "chinese_dun")]
    return piece_at(text, labels[-1].end, end) if labels else None


def table_to_raw_tasks(block: Block, text: str) -> list[RawTask]:
    header = find_header(block)
    if header is None:
        return []
    header_index, columns = header
    seq_column = next((k for k, f in columns.items() if f == "seq"), None)
    tasks: list[RawTask] = []
    category: str | None = None
    for row in block.rows[header_index + 1:]:
        if not any(cell.text.strip() for cell in row) or is_header_row(row, columns):
            continue
        group = group_text(row)
        if group is not None:
            category = category_name(group) or group
            continue
        seq = seq_of(row[seq_column].text) if seq_column is not None and seq_column < len(row) else None
        if seq is None:
            seq = str(len(tasks) + 1)
        raw = row_to_raw_task(row, columns, seq, text, category)
        if raw is not None and (raw.problem is not None or raw.fields):
            tasks.append(raw)
    return tasks


# ---------------------------------------------------------------- before composing


def merge_continued_tables(blocks: list[Block]) -> list[Block]:
    """Tables split over pages → one table: a table right after a task table (page breaks
    between them allowed) with the same number of columns continues it; its repeated
    header row is dropped, and a row whose 序号 cell is empty continues the row above."""
    merged: list[Block] = []
    for block in blocks:
        previous = last_table(merged)
        if (block.kind is BlockKind.table and previous is not None and block.rows and previous.rows
                and len(block.rows[0]) == len(previous.rows[0]) and find_header(previous) is not None):
            rows = block.rows
            _, columns = find_header(previous)  # type: ignore[misc]
            if is_header_row(rows[0], columns):
                rows = rows[1:]
            at = max(k for k, b in enumerate(merged) if b is previous)
            merged = [*merged[:at], previous.model_copy(update={"rows": previous.rows + rows})]  # page breaks go
            continue
        merged.append(block)
    return [join_continuation_rows(b) if b.kind is BlockKind.table else b for b in merged]


def last_table(blocks: list[Block]) -> Block | None:
    """The last block when it is a table, looking past page breaks."""
    for block in reversed(blocks):
        if block.kind is BlockKind.page_break:
            continue
        return block if block.kind is BlockKind.table else None
    return None


def join_continuation_rows(block: Block) -> Block:
    header = find_header(block)
    if header is None:
        return block
    header_index, columns = header
    seq_column = next((k for k, f in columns.items() if f == "seq"), None)
    if seq_column is None:
        return block
    rows: list[list[Cell]] = []
    for index, row in enumerate(block.rows):
        continues = (index > header_index + 1 and rows and seq_column < len(row) and not row[seq_column].text.strip()
                     and group_text(row) is None and any(c.text.strip() for c in row)
                     and seq_of(rows[-1][seq_column].text) is not None and len(row) == len(rows[-1]))
        if continues:
            rows[-1] = [Cell(text=join_cell(a.text, b.text)) for a, b in zip(rows[-1], row, strict=True)]
        else:
            rows.append(row)
    return block.model_copy(update={"rows": rows})


def join_cell(first: str, rest: str) -> str:
    """A cell's text broken by a page: no separator between CJK characters."""
    if not rest.strip():
        return first
    if not first.strip():
        return rest
    return first.rstrip() + ("\n" if regex.match(r"\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d+[.、])", rest) else "")\
        + rest.lstrip()
