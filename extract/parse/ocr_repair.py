"""OCR confusions in labels repaired on OCR lines, from the rules in `ocr.yaml`.

Only a line's start is touched, where a numbering label (`1.` `一、` `(一)`) or a field
label (`整改时限:`) stands, and only where the label's shape around the repaired character
says what it was: `l.加强` is `1.加强`, `—、总体要求` is `一、总体要求`, `三)完善` is
`(三)完善`, `整改时限;2023年` is `整改时限:2023年`. A label garbled beyond those rules
(`伍)` for `(三)`) is restored from its neighbours: between `(二)` and `(四)` of the same
style it can only be `(三)`. Prose is never rewritten: a character such as `l` or `—`
inside a sentence stays as read.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

import cn2an
import regex
from pydantic import BaseModel, ConfigDict

from extract.fields.patterns import label_rules, load_yaml
from extract.parse.wrap import ends_sentence
from extract.segment.numbering import number_value

MIN_COLON_LABEL = 4  # characters: shorter labels (问题, 序号) also open sentences


class LineStartRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pattern: str
    replace: str


class SequenceRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    damaged: str
    write: str


class OcrRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    line_start: list[LineStartRule]
    sequences: list[SequenceRule]
    colon_misreads: str


@cache
def ocr_rules() -> OcrRules:
    return OcrRules.model_validate(load_yaml("ocr.yaml"))


@cache
def line_start_patterns() -> list[tuple[regex.Pattern[str], str]]:
    return [(regex.compile(rule.pattern), rule.replace) for rule in ocr_rules().line_start]


@cache
def sequence_patterns() -> list[tuple[regex.Pattern[str], regex.Pattern[str], str]]:
    return [(regex.compile(rule.label), regex.compile(rule.damaged), rule.write) for rule in ocr_rules().sequences]


@cache
def colon_re() -> regex.Pattern[str]:
    rules = label_rules()
    words = {word for group in (rules.fields, rules.separator_only) for synonyms in group.values()
             for word in synonyms if len(word) >= MIN_COLON_LABEL}
    alternatives = "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))
    marks = regex.escape(ocr_rules().colon_misreads)
    return regex.compile(rf"(?P<label>{alternatives})[:：{marks}](?=\S)")


def labelled(text: str) -> bool:
    """A line opening with a field label and its colon."""
    found = colon_re().match(text)
    return found is not None and text[found.end("label")] in ":："


def repaired_start(text: str) -> str:
    """The line with the first line-start rule that matches applied, and a misread colon
    after a field label restored."""
    for pattern, replace in line_start_patterns():
        found = pattern.match(text)
        if found:
            text = found.expand(replace) + text[found.end():]
            break
    found = colon_re().match(text)
    if found and text[found.end("label")] not in ":：":
        text = found.group("label") + ":" + text[found.end():]
    return text


def repair_lines(texts: list[str]) -> list[str]:
    """OCR lines in reading order (all pages of a document) with their labels repaired.
    A line may be repaired only where it opens a paragraph: first, or after a line that
    ends a sentence or opens with a field label and its colon (a record's lines: 整改时限:…
    then 责任单位:…); a wrapped line starts mid-sentence, whatever it starts with."""
    opens: list[bool] = []
    lines: list[str] = []
    for text in texts:
        opens.append(not lines or ends_sentence(lines[-1].rstrip()) or labelled(lines[-1]))
        lines.append(repaired_start(text) if opens[-1] else text)
    for label, damaged, write in sequence_patterns():
        lines = restored_in_sequence(lines, opens, label, damaged, write)
    return lines


def restored_in_sequence(lines: list[str], opens: list[bool], label: regex.Pattern[str],
                         damaged: regex.Pattern[str], write: str) -> list[str]:
    """A damaged label standing alone between labels `n` and `n + 2` of the style becomes `n + 1`."""
    numbered: list[tuple[int, int]] = []  # (line index, number) of the lines opening with a label
    for k, text in enumerate(lines):
        found = label.match(text) if opens[k] else None
        value = number_value(found.group("n")) if found else None
        if value is not None:
            numbered.append((k, value))
    out = list(lines)
    for (before, n), (after, m) in pairwise(numbered):
        if m != n + 2:
            continue
        candidates = [k for k in range(before + 1, after) if opens[k] and damaged.match(lines[k])]
        if len(candidates) != 1:
            continue
        k = candidates[0]
        found = damaged.match(lines[k])
        assert found is not None
        restored = write.format(n=n + 1, cn=str(cn2an.an2cn(n + 1)))
        out[k] = restored + lines[k][found.end():]
    return out
