"""extract/fields/patterns.py: its white-space character sets and how they relate; header keys."""

from __future__ import annotations

import re
import sys

import pytest
import regex

from extract.fields.patterns import ISSPACE_CHARS, LINE_BLANKS, WHITE_SPACE, header_field, header_key

EVERY = "".join(map(chr, range(sys.maxunicode + 1)))


def test_isspace_chars_are_white_space_and_the_information_separators() -> None:
    white_space = set(re.findall(f"[{WHITE_SPACE}]", EVERY))
    assert set(ISSPACE_CHARS) == {char for char in EVERY if char.isspace()}
    assert set(ISSPACE_CHARS) == white_space | set("\x1c\x1d\x1e\x1f")
    assert "".join(ISSPACE_CHARS.split()) == ""  # str.split takes every one


def test_line_blanks_are_white_space_within_a_line() -> None:
    assert set(LINE_BLANKS) == {" ", "\t", "\u3000"}
    assert all(regex.fullmatch(r"\s", char) for char in LINE_BLANKS)
    assert not {"\n", "\r", "\xa0"} & set(LINE_BLANKS)  # no line break; the no-break space is no blank here


@pytest.mark.parametrize(("cell", "key"), [
    ("责 任 单 位", "责任单位"), ("整改时限:", "整改时限"), ("整改时限：\n", "整改时限"), (" 序号 ", "序号"),
    ("时限:说明", "时限:说明"),  # a colon inside stays
])
def test_header_key(cell: str, key: str) -> None:
    assert header_key(cell) == key


def test_header_field_reads_a_spaced_label_and_not_a_sentence() -> None:
    assert header_field("责 任 单 位：") == "responsible_units"
    assert header_field("本单位负责整改") is None
