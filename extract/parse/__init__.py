"""Parsers: one per file type, each `parse_<fmt>(data, options) -> Parsed`, all yielding
the same typed blocks (schemas.blocks). The registry maps a FileType to its parser by
name, imported on first use, so a run over plain text never imports pdfplumber."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache

from extract.config import Options
from extract.errors import UnsupportedFormat
from extract.load import FileType
from schemas.blocks import Parsed

Parser = Callable[[bytes, Options], Parsed]

PARSERS: dict[FileType, str] = {
    FileType.txt: "extract.parse.text:parse_text",
    FileType.html: "extract.parse.html:parse_html",
    FileType.docx: "extract.parse.docx:parse_docx",
    FileType.xlsx: "extract.parse.xlsx:parse_xlsx",
    FileType.pdf: "extract.parse.pdf:parse_pdf",
    FileType.doc: "extract.parse.legacy:parse_legacy",
    FileType.ofd: "extract.parse.ofd:parse_ofd",
}


@cache
def parser_for(file_type: FileType) -> Parser:
    target = PARSERS.get(file_type)
    if target is None:
        raise UnsupportedFormat(f"no parser for {file_type.value} files")
    module_name, _, function = target.partition(":")
    parser: Parser = getattr(importlib.import_module(module_name), function)
    return parser


def parse_bytes(data: bytes, file_type: FileType, options: Options) -> Parsed:
    return parser_for(file_type)(data, options)
