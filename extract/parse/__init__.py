"""Parsers: one per file type, each `parse_<fmt>(data, options) -> Parsed`, all yielding
the same typed blocks (schemas.blocks). The registry maps a FileType to its parser."""

from __future__ import annotations

from collections.abc import Callable

from extract.config import Options
from extract.load import FileType
from extract.parse.text import parse_text
from schemas.blocks import Parsed

Parser = Callable[[bytes, Options], Parsed]

PARSERS: dict[FileType, Parser] = {
    FileType.txt: parse_text,
}


def parse_bytes(data: bytes, file_type: FileType, options: Options) -> Parsed:
    from extract.errors import UnsupportedFormat

    parser = PARSERS.get(file_type)
    if parser is None:
        raise UnsupportedFormat(f"no parser for {file_type.value} files yet")
    return parser(data, options)
