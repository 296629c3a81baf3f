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
