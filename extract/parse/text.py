"""Plain text: decode, then one paragraph block per non-blank line.

Web-extraction residue is layout, not text: lines of bare `|` are dropped and a trailing
`|` trimmed; a run of `|`-separated lines whose first row names task fields (序号 | 问题 |
整改时限 | …, header cells possibly split by a space: `责任 单位`) is a table written out as
text and becomes a table block.
"""

from __future__ import annotations

import regex

from extract.config import Options
from extract.fields.patterns import header_field
from extract.load import decode_text
from schemas.blocks import Block, BlockKind, Cell, Parsed

PIPE_ONLY_RE = regex.compile(r"^[\s|｜]*$")
MIN_HEADER_FIELDS = 2


def parse_text(data: bytes, options: Options) -> Parsed:
    text, encoding = decode_text(data)
    return Parsed(blocks=lines_to_blocks(text), encoding=encoding)


def cells_of(line: str) -> list[str]:
    return [cell.strip() for cell in regex.split(r"[|｜]", line.strip().strip("|｜"))]


def is_header_row(cells: list[str]) -> bool:
    fields = {header_field(cell) for cell in cells} - {None, ""}
    return len(fields) >= MIN_HEADER_FIELDS and bool(fields & {"seq", "problem"}) and len(cells) >= 3


def lines_to_blocks(text: str) -> list[Block]:
    """One paragraph per line; whitespace-only (nbsp included) and bare-pipe lines dropped."""
    blocks: list[Block] = []
    lines = [line for line in text.splitlines() if line.strip() and not PIPE_ONLY_RE.match(line)]
    k = 0
    while k < len(lines):
        line = lines[k]
        if line.count("|") >= 2 and is_header_row(cells_of(line)):
            width = len(cells_of(line))
            rows = [cells_of(line)]
            k += 1
            while k < len(lines) and lines[k].count("|") >= 1:
                rows.append(_fit(cells_of(lines[k]), width))
                k += 1
            blocks.append(Block(kind=BlockKind.table, rows=[[Cell(text=c) for c in row] for row in rows]))
            continue
        blocks.append(Block(kind=BlockKind.paragraph, text=line.rstrip().rstrip("|｜").rstrip()))
        k += 1
    return blocks


def _fit(cells: list[str], width: int) -> list[str]:
    """A data row with fewer cells is a group row (one cell); with more, the surplus joins the last."""
    if len(cells) > width:
        return [*cells[: width - 1], "|".join(cells[width - 1:])]
    return cells
