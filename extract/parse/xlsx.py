"""XLSX ledgers (整改台账): each visible sheet → heading blocks for the title rows above
its table (and the sheet's name, when it says something), the table block, then
paragraph blocks for note rows below it.

    bytes → workbook → sheet_to_grid (text per cell, merges) → grid_to_blocks

The workbook opens in normal mode: read-only mode streams faster but does not report
merged ranges, and a ledger without its merges loses its group rows. Only stored cells
are read (a sheet formatted down to row 1,048,576 costs nothing). Merged cells carry
their value in the top-left cell only; a merge over the whole width of the table is a
group or title row and its text goes into every column, so the table mapper sees one
text across the row, as in a DOCX table. Empty rows and columns are dropped. Numbers
print without a trailing `.0`, percentages as percentages, dates as `2021年6月30日` (`2021年6月`
when the cell's format shows no day), and
a bare day serial in a deadline column (45291: a date cell that lost its format) as the date.

What is read is what a reader of the published file sees: hidden and very hidden sheets
are not read (lookup lists, drafts), nor rows and columns hidden outright; rows and columns
folded into a collapsed outline group, and rows an active filter hides, are (the sheet
shows the [+] or the filter that brings them back). A cell merged down over rows that have
a 序号 of their own (a lead unit over two problems) reads in each of them; the rows under it
with no 序号 stay empty, the sub-rows continuing a task (a problem over its measure rows).
A workbook of several task sheets (one per category: 大气 | 水 | 土壤, each numbered from 1)
gives each sheet's rows its name as their category, unless its table has a category
column or group rows of its own. The title is the workbook's, else the first title row, for
where the text's first lines show none (a summary sheet of counts first).
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from typing import Any

import openpyxl
import regex
from openpyxl.worksheet.worksheet import Worksheet

from extract.config import Options
from extract.errors import CorruptFile
from extract.segment.tables import (
    BEFORE_SUFFIX,
    CATEGORY,
    Header,
    find_header,
    group_text,
    is_footer_row,
    table_rules,
)
from schemas.blocks import Block, BlockKind, Cell, Parsed

Grid = list[list[str]]


QUOTED_RE = regex.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # literal text, escapes, [$-F800] and colours


def month_only(number_format: str) -> bool:
    """A date format showing year and month but no day (yyyy"年"m"月", yyyy/mm, mmm-yy)."""
    codes = QUOTED_RE.sub("", number_format.split(";")[0]).lower()
    return "y" in codes and "m" in codes and "d" not in codes and "h" not in codes


def cell_text(value: object, number_format: str = "General") -> str:
    """A cell's value as the text a reader sees."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime | dt.date):
        if month_only(number_format):  # yyyy"年"m"月", mmm-yy: the reader sees the month alone
            return f"{value.year}年{value.month}月"
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, int | float):
        if "%" in number_format:
            return f"{value * 100:.10g}%"
        return str(int(value)) if float(value).is_integer() else f"{value:.10g}"
    # Excel escapes a carriage return as _x000D_ in shared strings
    return str(value).replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n").strip()


def hidden_lines(sheet: Worksheet) -> tuple[set[int], set[int]]:
    """(rows, columns) hidden outright, which a reader of the sheet does not see. Rows and
    columns folded into a collapsed outline group, and rows an active filter hides, are
    kept: the sheet shows the reader the [+] or the filter that brings them back."""
    filtered = bool(sheet.auto_filter.ref and sheet.auto_filter.filterColumn)
    rows = set() if filtered else {r for r, dim in sheet.row_dimensions.items()
                                   if dim.hidden and not dim.outlineLevel}
    columns = {c for dim in sheet.column_dimensions.values() if dim.hidden and not dim.outlineLevel
               and dim.min is not None for c in range(dim.min, (dim.max or dim.min) + 1)}
    return rows, columns


# A vertical merge in grid coordinates: column, first row, last row
Merge = tuple[int, int, int]


def sheet_to_grid(sheet: Worksheet) -> Grid:
    return sheet_grid(sheet)[0]


def sheet_grid(sheet: Worksheet) -> tuple[Grid, list[Merge]]:
    """The sheet's stored values as text, rows × columns, full-width merges spread over
    their columns, hidden and empty rows and columns dropped; and its vertical merges."""
    hidden_rows, hidden_columns = hidden_lines(sheet)
    values: dict[tuple[int, int], str] = {}
    for (row, col), cell in sheet._cells.items():  # stored cells only: no blank-cell fill-in
        if cell.value is None or row in hidden_rows or col in hidden_columns:  # merged-away cells too
            continue
        text = cell_text(cell.value, cell.number_format or "General")
        if text:
            values[(row, col)] = text
    if not values:
        return [], []
    rows = sorted({r for r, _ in values})
    cols = sorted({c for _, c in values})
    first, last = cols[0], cols[-1]
    row_at = {r: k for k, r in enumerate(rows)}
    col_at = {c: k for k, c in enumerate(cols)}
    merges: list[Merge] = []
    for merged in sheet.merged_cells.ranges:
        value = values.get((merged.min_row, merged.min_col))
        if value and merged.min_col <= first and merged.max_col >= last:
            values.update({(merged.min_row, c): value for c in cols})
        elif value and merged.max_row > merged.min_row and merged.min_col in col_at:
            below = [row_at[r] for r in range(merged.min_row + 1, merged.max_row + 1) if r in row_at]
            if below:
                merges.append((col_at[merged.min_col], row_at[merged.min_row], below[-1]))
    return [[values.get((r, c), "") for c in cols] for r in rows], merges


def with_merges_down(grid: Grid, merges: list[Merge], header: Header | None) -> Grid:
    """A cell merged down over rows of tasks of their own (牵头单位 over problems 2 and 3, a
    category down the left column): its value in each such row too, a row with a 序号 of its
    own under the merge's first; the rows under it with no 序号 of their own stay empty,
    since they are the sub-rows continuing the task (a problem over its measure rows)."""
    seq = header.column_of("seq") if header is not None else None
    if header is None or seq is None or not merges:
        return grid
    grid = [list(row) for row in grid]
    for column, top, bottom in merges:
        if column == seq or top < header.end:
            continue
        for row in range(top + 1, bottom + 1):
            if grid[row][seq] and not grid[row][column]:
                grid[row][column] = grid[top][column]
    return grid


def distinct(row: list[str]) -> list[str]:
    """The row's texts, each once, in order."""
    return list(dict.fromkeys(t for t in row if t))


def line_block(row: list[str], kind: BlockKind) -> Block:
    return Block(kind=kind, text=" ".join(distinct(row)))


# Excel counts days from 1899-12-30; a deadline column's bare 36526..73050 (2000-2099) is
# a date whose cell lost its date format (45291 → 2023年12月31日)
EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIAL_RE = regex.compile(r"^\d{5}$")
SERIAL_RANGE = range(36526, 73051)


def serial_date(text: str) -> str:
    """A deadline cell's text, a bare Excel day serial read as the date it counts."""
    if SERIAL_RE.match(text) is None or int(text) not in SERIAL_RANGE:
        return text
    return cell_text(EXCEL_EPOCH + dt.timedelta(days=int(text)))


def with_serial_dates(grid: Grid, header: Header | None) -> Grid:
    """The grid with the bare day serials below the header in its deadline columns as dates
    (a new grid; without a header, the grid as it is)."""
    if header is None:
        return grid
    columns = {k for k, name in header.columns.items() if name.removesuffix(BEFORE_SUFFIX) == "deadline"}
    return grid[:header.end] + [[serial_date(text) if k in columns else text for k, text in enumerate(row)]
                                for row in grid[header.end:]]


def grid_header(grid: Grid) -> Header | None:
    return find_header(Block(kind=BlockKind.table, rows=[[Cell(text=t) for t in row] for row in grid]))


def header_start(grid: Grid, header: Header | None) -> int:
    """Where the table starts: its header band, or after the lone-text rows on top."""
    if header is not None:
        return header.first
    start = 0
    while start + 1 < len(grid) and len(distinct(grid[start])) == 1:
        start += 1
    return start


def table_end(grid: Grid, start: int) -> int:
    """Rows at the foot holding one text from the first column on (注:…, 填报人:…) are
    notes after the table, as are signing and note rows anywhere across (填报人:… | 审核人:…,
    a lone 说明:… in the second column); another lone text further right is a sub-row's
    cell and stays."""
    end = len(grid)
    while end - 1 > start + 1 and ((len(distinct(grid[end - 1])) == 1 and grid[end - 1][0])
                                   or is_footer_row([Cell(text=t) for t in grid[end - 1]])):
        end -= 1
    return end


def informative_name(name: str, titles: list[str]) -> bool:
    key = name.strip()
    return bool(key) and regex.match(table_rules().default_sheet_names, key) is None \
        and not any(key in title for title in titles)


def with_sheet_category(grid: Grid, header: Header | None, category: str | None) -> Grid:
    """A sheet of a workbook laid out one sheet per category (大气 | 水 | 土壤, each numbered
    from 1): its name as a group row right under the header, so its rows take it as their
    category, unless the table has a category column or group rows of its own."""
    if not category or header is None or CATEGORY in header.columns.values():
        return grid
    rows = [[Cell(text=t) for t in row] for row in grid[header.end:]]
    if any(group_text(row, header) is not None for row in rows):
        return grid
    return [*grid[:header.end], [category] * len(grid[0]), *grid[header.end:]]


def grid_to_blocks(grid: Grid, sheet_name: str, merges: list[Merge] | None = None,
                   category: str | None = None) -> list[Block]:
    if not grid:
        return []
    header = grid_header(grid)
    grid = with_serial_dates(with_merges_down(grid, merges or [], header), header)
    grid = with_sheet_category(grid, header, category)
    start = header_start(grid, header)
    end = table_end(grid, start)
    blocks = [line_block(row, BlockKind.heading if len(distinct(row)) == 1 else BlockKind.paragraph)
              for row in grid[:start]]
    # The sheet's name heads its table where no title row does: under a title it would read
    # as the title's second line (…整改任务清单 / 整改清单)
    titled = any(b.kind is BlockKind.heading for b in blocks)
    if not titled and informative_name(sheet_name, [b.text for b in blocks]):
        blocks.append(Block(kind=BlockKind.heading, text=sheet_name.strip()))
    rows = [[Cell(text=text) for text in row] for row in grid[start:end]]
    if rows:
        blocks.append(Block(kind=BlockKind.table, rows=rows))
    blocks += [line_block(row, BlockKind.paragraph) for row in grid[end:]]
    return blocks


def open_workbook(data: bytes) -> Any:
    try:
        with warnings.catch_warnings():  # openpyxl warns on stderr of each odd cell (a date out of range)
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl's own errors alike: not a workbook we can read
        # openpyxl wraps a sheet's error in one saying only "see the exception": name the cause
        cause = exc.__cause__ or exc.__context__
        detail = f"{exc}".splitlines()[0] + (f" ({type(cause).__name__}: {cause})" if cause else "")
        raise CorruptFile(f"not a readable XLSX workbook: {type(exc).__name__}: {detail}") from exc


ATTACHMENT_LABEL_RE = regex.compile(r"^附[件表]\s*[\d一二三四五六七八九十]*\s*[:：]?$")  # 附件2: no title


def parse_xlsx(data: bytes, options: Options) -> Parsed:
    workbook = open_workbook(data)
    blocks: list[Block] = []
    sheets = [s for s in workbook.worksheets if s.sheet_state == "visible"]  # hidden: lookup lists
    grids = [sheet_grid(sheet) for sheet in sheets]
    title_rows: list[str] = []
    # several sheets of tasks, each named for its category (大气, 水): the name is the rows' category
    by_sheet = sum(grid_header(grid) is not None for grid, _ in grids) >= 2
    for sheet, (grid, merges) in zip(sheets, grids, strict=True):
        category = sheet.title.strip() if by_sheet and informative_name(sheet.title, []) else None
        sheet_blocks = grid_to_blocks(grid, sheet.title, merges, category)
        if blocks and sheet_blocks:
            blocks.append(Block(kind=BlockKind.page_break))
        blocks.extend(sheet_blocks)
        title_rows.extend(b.text for b in sheet_blocks if b.kind is BlockKind.heading
                          and b.text != sheet.title.strip() and not ATTACHMENT_LABEL_RE.match(b.text))
    # the title where the text shows none in its first lines (a summary sheet of counts
    # first): the workbook's own, else its first title row
    title = (workbook.properties.title or "").strip() or next(iter(title_rows), "")
    return Parsed(blocks=blocks, pages=len(sheets), meta={"title": title} if title else {})
