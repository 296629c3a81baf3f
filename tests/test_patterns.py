"""The white-space character sets of extract/fields/patterns.py and how they relate."""

from __future__ import annotations

import re
import sys

import regex

from extract.fields.patterns import ISSPACE_CHARS, LINE_BLANKS, WHITE_SPACE

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
