"""Lines broken by a page width, shared by the parsers that meet them (PDF text layers and
OCR in extract.parse.pdf, plain text saved from a PDF in extract.parse.text): which line
starts a block of its own, which ends a sentence, and how two lines are joined. The
characters are rules in rules/wrap.yaml; numbering and labels are the segmenter's own
patterns, so a line the outline would read as a new item is never run on."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict

from extract.fields.patterns import label_re, load_yaml
from extract.normalize import map_widths
from extract.segment.numbering import starts_with_marker

MARKER_HEAD = 14  # characters of a line that hold its numbering label (第一百二十三项问题、)


class WrapRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sentence_end: str
    no_line_start: str


@cache
def wrap_rules() -> WrapRules:
    return WrapRules.model_validate(load_yaml("wrap.yaml"))


def display_width(line: str) -> float:
    """Width in full-width characters ("em"): a Latin letter, digit or space is half one."""
    return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in line)


def ends_sentence(line: str) -> bool:
    """Whether the (right-stripped) line ends a sentence or a label: nothing runs on after it."""
    return line[-1:] in wrap_rules().sentence_end if line else True


def starts_block(line: str) -> bool:
    """A numbered or labelled line never continues the line before it. The line is not
    normalised yet: its head is read with full-width forms mapped (（一） as (一))."""
    return starts_with_marker(map_widths(line[:MARKER_HEAD])) or label_re().match(line) is not None


def joined(first: str, second: str) -> str:
    """No space between CJK text; one space between Latin words."""
    if first[-1].isascii() and first[-1].isalnum() and second[0].isascii() and second[0].isalnum():
        return f"{first} {second}"
    return first + second
