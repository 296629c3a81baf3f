"""XLSX ledgers (整改台账): each sheet → heading blocks for the title rows above the table,
then one table block.

Merged cells carry their value in the top-left cell only; a merge that spans the whole
width of the table is a group row (`一、例行督察…(9项)`) and is written into every column,
so the table mapper sees one text across the row, as in a DOCX table. Empty rows and
columns are dropped. Numbers print without a trailing `.0`, dates as ISO dates.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from extract.config import Options
from extract.errors import CorruptFile
from schemas.blocks import Block, BlockKind, Cell, Parsed


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def sheet_grid(sheet: Worksheet) -> list[list[str]]:
    """The sheet's values as text, full-width merges spread over their columns."""
    grid = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    if not grid:
        return []
    width = max(len(row) for row in grid)
    grid = [row + [""] * (width - len(row)) for row in grid]
    used_columns = [k for k in range(width) if any(row[k] for row in grid)]
    if not used_columns:
        return []
    first, last = used_columns[0], used_columns[-1]
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= len(grid) or left >= width:
            continue
        value = grid[top][left]
        if merged.min_col - 1 <= first and merged.max_col - 1 >= last:
            for row in range(top, min(merged.max_row, len(grid))):
                for col in range(first, last + 1):
                    grid[row][col] = value if row == top else ""
    return [[row[k] for k in used_columns] for row in grid if any(row[k] for k in used_columns)]


def sheet_blocks(sheet: Worksheet) -> list[Block]:
    grid = sheet_grid(sheet)
    blocks: list[Block] = []
    start = 0
    # title rows: one distinct text across the row, before the first real row
    while start < len(grid) and len({t for t in grid[start] if t}) == 1 and len(grid) - start > 1 \
            and len({t for t in grid[start + 1] if t}) == 1:
        blocks.append(Block(kind=BlockKind.heading, text=next(t for t in grid[start] if t)))
        start += 1
    if start < len(grid) and len({t for t in grid[start] if t}) == 1 and start + 1 < len(grid) \
            and len({t for t in grid[start + 1] if t}) > 1:
        blocks.append(Block(kind=BlockKind.heading, text=next(t for t in grid[start] if t)))
        start += 1
    rows = [[Cell(text=text) for text in row] for row in grid[start:]]
    if rows:
        blocks.append(Block(kind=BlockKind.table, rows=rows))
    return blocks


def parse_xlsx(data: bytes, options: Options) -> Parsed:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CorruptFile(f"not a readable XLSX workbook: {exc}") from exc
    blocks: list[Block] = []
    for sheet in workbook.worksheets:
        if blocks:
            blocks.append(Block(kind=BlockKind.page_break))
        blocks.extend(sheet_blocks(sheet))
    title = (workbook.properties.title or "").strip()
    return Parsed(blocks=blocks, pages=len(workbook.worksheets), meta={"title": title} if title else {})
