"""The rule file of document metadata (rules/metadata.yaml), validated and compiled once."""

from __future__ import annotations

from functools import cache

import regex
from pydantic import BaseModel, ConfigDict

from extract.fields.patterns import load_yaml


class DocTypeRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: str
    title: str | None
    text: str | None
    head: str | None = None  # checked in the opening lines whether or not there is a title


class CentralRound(BaseModel):
    model_config = ConfigDict(extra="forbid")
    round: int
    first: int
    last: int


class MetadataRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title_endings: list[str]
    title_max_len: int
    title_tail_max_len: int
    title_tail_not_re: str
    headline_max_len: int
    headline_re: str
    title_search_lines: int
    chrome_line_patterns: list[str]
    cover_title_re: str
    doc_types: list[DocTypeRule]
    notice_words: list[str]
    notice_context_words: list[str]
    notice_context_chars: int
    head_chars: int
    issuer_line: str
    date_re: str
    cn_date_re: str
    date_cue: str
    publish_date_re: str
    doc_number_re: str
    doc_number_label_re: str
    doc_number_search_chars: int
    central_re: str
    provincial_re: str
    group_re: str
    round_re: str
    batch_re: str
    first_ordinals: list[str]
    central_rounds: list[CentralRound]
    period_re: str
    feedback_re: str
    period_window: int
    count_patterns: list[str]
    group_count_line: str
    deadline_year_re: str
    attachment_re: str
    attachment_more_re: str
    attachment_bare_re: str
    attachment_cue: str
    attachment_extension_re: str
    placeholder_re: str
    placeholder_cues: list[str]
    progress_patterns: dict[str, list[str]]
    as_of_re: str
    self_acceptance_re: str
    notice_period_patterns: list[str]
    contact_re: str
    region_suffixes: list[str]
    ethnic_groups: list[str]
    title_weight: int
    region_head_chars: int
    region_tail_chars: int
    issuer_weight: int


@cache
def metadata_rules() -> MetadataRules:
    return MetadataRules.model_validate(load_yaml("metadata.yaml"))


@cache
def compiled(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """Every rule regex compiles once per process."""
    return regex.compile(pattern, flags)


# Constructs whose meaning would change if the alternatives of a pattern were searched
# one by one: back references and group calls (they name groups of the whole pattern),
# branch resets, conditionals, comments, POSIX classes (their brackets), verbose or
# version flags, and global flags set anywhere but at the start.
_NOT_SPLIT_RE = regex.compile(
    r"\\[1-9]|\\g<|\(\?P[=>]|\(\?[|(R&#0-9+-]|\[:|\(\?[a-zA-Z]*[xV]|(?<!^)\(\?[a-zA-Z]+\)")
_LEADING_FLAGS_RE = regex.compile(r"^\(\?[a-zA-Z]+\)")


def top_level_alternatives(pattern: str) -> list[str]:
    """`A|B|C` → [A, B, C] (global flags at the start go with each), splitting only at
    `|` outside groups and character classes; [pattern] when it has no top-level `|` or
    holds a construct that ties its alternatives together."""
    if _NOT_SPLIT_RE.search(pattern):
        return [pattern]
    flags = _LEADING_FLAGS_RE.match(pattern)
    prefix = flags.group() if flags else ""
    parts: list[str] = []
    depth, start, at, in_class = 0, len(prefix), len(prefix), False
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            at += 1
            if pattern.startswith("^", at):
                at += 1
            if pattern.startswith("]", at):  # a `]` first in a class is a member
                at += 1
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(prefix + pattern[start:at])
            start = at + 1
        at += 1
    if not parts:
        return [pattern]
    return [*parts, prefix + pattern[start:]]


@cache
def alternatives(pattern: str) -> tuple[regex.Pattern[str], ...]:
    """The top-level alternatives of a rule pattern, compiled one by one."""
    return tuple(compiled(part) for part in top_level_alternatives(pattern))


def found_in(pattern: str, text: str) -> bool:
    """Whether `pattern` matches anywhere in text: whether one of its alternatives does.
    The `regex` engine finds one literal-led alternative (本报讯, 记者从…获悉) by a fast
    string search, but tries a pattern of several at every position, each in turn (some
    50 times slower on the opening of a notice)."""
    return any(part.search(text) is not None for part in alternatives(pattern))
