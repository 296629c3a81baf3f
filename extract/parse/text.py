"""Plain text: decode, then one paragraph block per non-blank line."""

from __future__ import annotations

from extract.config import Options
from extract.load import decode_text
from schemas.blocks import Block, BlockKind, Parsed


def parse_text(data: bytes, options: Options) -> Parsed:
    text, encoding = decode_text(data)
    return Parsed(blocks=lines_to_blocks(text), encoding=encoding)


def lines_to_blocks(text: str) -> list[Block]:
    """One paragraph per line; lines holding only whitespace (nbsp included) are dropped."""
    return [Block(kind=BlockKind.paragraph, text=line) for line in text.splitlines() if line.strip()]
