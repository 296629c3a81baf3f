"""The rule file of document metadata (rules/metadata.yaml), validated and compiled once."""

from __future__ import annotations

from functools import cache

import regex
from pydantic import BaseModel, ConfigDict, model_validator

from extract.fields.patterns import load_yaml
from extract.fields.regex_syntax import (
    LEADING_FLAGS_RE,
    TIED_ALTERNATIVES_RE,
    captures,
    structure,
    top_level_alternatives,
    top_level_bars,
)


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
    title_inner_space_re: str
    title_site_suffix_re: str
    title_file_extension_re: str
    headline_max_len: int
    headline_re: str
    headline_place_re: str
    headline_topic_re: str
    title_search_lines: int
    addressee_line_re: str
    title_after_cover_lines: int
    chrome_line_patterns: list[str]
    cover_title_re: str
    doc_types: list[DocTypeRule]
    notice_words: list[str]
    notice_context_words: list[str]
    notice_context_chars: int
    notice_task_title_re: str
    notice_other_inspection_words: list[str]
    head_chars: int
    issuer_line: str
    date_re: str
    cn_date_re: str
    date_cue: str
    issuer_head_re: str
    standing_issuer_before_re: str
    standing_issuer_not_after_re: str
    title_issuers_re: str
    header_date_line_re: str
    cover_letter_lines: int
    publish_date_re: str
    issue_date_label_re: str
    imprint_date_re: str
    imprint_tail_chars: int
    doc_number_re: str
    doc_number_label_re: str
    doc_number_search_chars: int
    central_re: str
    provincial_re: str
    group_re: str
    round_re: str
    batch_re: str
    round_text_re: str
    round_other_level: dict[str, str]
    batch_text_re: str
    first_round_re: str
    look_back_re: str
    look_back_recall_re: str
    round_head_chars: int
    first_round_cue_until: int
    first_ordinals: list[str]
    central_rounds: list[CentralRound]
    central_rounds_by_notice_date: list[CentralRound]
    period_re: str
    period_not_before_re: str
    period_not_after_re: str
    feedback_re: str
    period_window: int
    count_patterns: list[str]
    group_count_line: str
    count_units: str
    deadline_year_re: str
    deadline_round_types: list[str]
    attachment_re: str
    attachment_more_re: str
    attachment_bare_re: str
    attachment_file_re: str
    attachment_cue: str
    attachment_extension_re: str
    placeholder_re: str
    placeholder_cues: list[str]
    progress_patterns: dict[str, list[str]]
    complaint_progress_patterns: dict[str, list[str]]
    progress_sentence_end_re: str
    completion_rate_patterns: list[str]
    progress_table_total_row_re: str
    progress_table_columns: dict[str, str]
    completion_rate_clause_end_re: str
    completion_rate_complaint_words: list[str]
    as_of_re: str
    as_of_part_days: dict[str, int]
    self_acceptance_re: str
    notice_period_patterns: list[str]
    contact_re: str
    region_suffixes: list[str]
    renamed_counties: dict[str, str]
    renamed_cities: dict[str, str]
    added_counties: dict[str, str]
    division_short_names: dict[str, str]
    ethnic_groups: list[str]
    title_weight: int
    region_head_chars: int
    region_tail_chars: int
    region_list_separators: str
    region_list_joiner_re: str
    region_list_tail_re: str
    region_dateline_re: str
    region_dateline_cue: str
    issuer_weight: int

    @model_validator(mode="after")
    def _cues_in_their_patterns(self) -> MetadataRules:
        """A cue skips its patterns' search in a text without it: every part of each pattern
        must then write it (a part added without it would be lost silently)."""
        # (attachment_more_re and attachment_file_re read the lines after a line holding the cue:
        # they need none)
        for cue, patterns in ((self.attachment_cue, (self.attachment_re, self.attachment_bare_re)),
                              (self.region_dateline_cue, (self.region_dateline_re,))):
            for pattern in patterns:
                if missing := [part for part in literal_parts(pattern) if cue not in part]:
                    raise ValueError(f"cue {cue!r} is not written in {missing[0]!r}: widen the cue or the part")
        return self

    @model_validator(mode="after")
    def _counts_before_their_units(self) -> MetadataRules:
        """A text without a digit right before a count unit skips the count patterns' search:
        every part of each must then write its number right before one (count_units)."""
        for pattern in self.count_patterns_all():
            if missing := [part for part in literal_parts(pattern) if not number_before_unit(part, self.count_units)]:
                raise ValueError(f"{missing[0]!r} writes no number right before one of {self.count_units!r}")
        return self

    def count_patterns_all(self) -> list[str]:
        """Every pattern that reads a count: of tasks declared, of progress, of complaints."""
        by_key = (*self.progress_patterns.values(), *self.complaint_progress_patterns.values())
        return [*self.count_patterns, self.group_count_line, *(p for patterns in by_key for p in patterns)]


# `(?P<n>\d+)` then a unit, or a choice of units in a group, neither optional.
_NUMBER_UNIT_RE = regex.compile(
    r"\(\?P<n>\\d\+\)(?:(?P<unit>[^\\()\[\].|?*+{}^$])|\(\?:(?P<units>[^()\\|](?:\|[^()\\|])*)\))(?![?*{])")


def number_before_unit(part: str, units: str) -> bool:
    """Whether every match of the part (one with no top-level `|`) has a digit right before one
    of the units: it writes `(?P<n>\\d+)` outside any group, then a unit or a choice of them."""
    if top_level_bars(part):
        return False
    depth_at = {at: depth for at, char, depth in structure(part) if char == "("}
    return any(depth_at.get(shape.start()) == 0 and set(shape["unit"] or shape["units"].replace("|", "")) <= set(units)
               for shape in _NUMBER_UNIT_RE.finditer(part))


@cache
def metadata_rules() -> MetadataRules:
    return MetadataRules.model_validate(load_yaml("metadata.yaml"))


@cache
def compiled(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """Every rule regex compiles once per process."""
    return regex.compile(pattern, flags)


# Searching a rule pattern by its alternatives. The `regex` engine finds a pattern led by a
# literal (本报讯, 涉及…) with a fast string search, but tries one led by a choice of words,
# `(?:共|明确|梳理出?)…` or `本报讯|…|记者从…`, at every position, each word in turn (10 to
# 50 times slower over the opening of a notice). Split into its literal-led alternatives,
# the pattern is searched as fast as its slowest part; the leftmost hit of the parts, the
# earlier part on a tie, is the hit of the whole. (What ties alternatives together, so a
# pattern is left whole: regex_syntax.TIED_ALTERNATIVES_RE.)


_NAMED_GROUP_OPEN_RE = regex.compile(r"\(\?P<\w+>")


def distributed(pattern: str) -> list[str]:
    """`(?:A|B)R` → [AR, BR], each again: a choice that opens the pattern, neither
    repeated nor capturing, spread over what follows it (the engine tries A then R, then
    B then R, the same order); `(?:(?:A|B)X)R` is `(?:A|B)XR`, spread so too, and so is
    the choice opening a named group that opens the pattern: `(?P<n>(?:A|B)X)R` →
    [`(?P<n>AX)R`, `(?P<n>BX)R`] (the group holds what it held; `(?P<y>(?:19|20)\\d{2})年`
    is searched for 19 and 20, not tried at every position)."""
    flags = LEADING_FLAGS_RE.match(pattern)
    prefix = flags.group() if flags else ""
    named = _NAMED_GROUP_OPEN_RE.match(pattern, len(prefix))
    if not (named or pattern.startswith("(?:", len(prefix))) or TIED_ALTERNATIVES_RE.search(pattern):
        return [pattern]
    close = next((at for at, char, depth in structure(pattern, len(prefix)) if char == ")" and depth == 1), None)
    if close is None or pattern[close + 1:close + 2] in ("?", "*", "+", "{"):
        return [pattern]
    if named:
        opening, inner, rest = named.group(), pattern[named.end():close], pattern[close + 1:]
        spread = distributed(inner)
        return [prefix + opening + part + ")" + rest for part in spread] if len(spread) > 1 else [pattern]
    inner, rest = pattern[len(prefix) + 3:close], pattern[close + 1:]
    if captures(inner):
        return [pattern]
    options = top_level_alternatives(inner)
    if len(options) == 1 and not inner.startswith("(?:"):  # (?:X)R is XR: nothing to spread
        return [pattern]
    return [part for option in options for part in distributed(prefix + option + rest)]


def literal_parts(pattern: str) -> list[str]:
    """The pattern's top-level alternatives, each with a leading choice spread out."""
    return [part for alternative in top_level_alternatives(pattern) for part in distributed(alternative)]


@cache
def literal_led_parts(pattern: str) -> tuple[regex.Pattern[str], ...]:
    """The pattern's top-level alternatives, each with a leading choice spread out, compiled."""
    return tuple(compiled(part) for part in literal_parts(pattern))


# A part led by a number, `(?<!…)(?P<n>\d+)项…`, is tried by the engine at every digit of
# the text (a plan's tables hold thousands). Its match starts in the run of digits right
# before a match of the rest, which opens with a literal that is no digit: the rest is
# found by its own literal-led parts, and the part matched only within the digits before it.
_NUMBER_LED_RE = regex.compile(r"^(?:\(\?<[!=][^()]*\))*(?:\\d\+|\(\?P<\w+>\\d\+\))(?P<rest>.+)$", regex.DOTALL)
_PLAIN_LITERAL_RE = regex.compile(r"^[^\\.^$|?*+()\[\]{}\d](?![?*{])", regex.DOTALL)
_DIGITS_BEFORE_RE = regex.compile(r"(?r)\d+")  # matched backwards from endpos


@cache
def number_led_rest(part: str) -> str | None:
    """The rest R of a part `(?<!…)\\d+R` (the digits possibly a named group), when every
    literal-led part of R opens with a literal that is no digit; else None."""
    shape = _NUMBER_LED_RE.match(part)
    if shape is None:
        return None
    rest = shape["rest"]
    if TIED_ALTERNATIVES_RE.search(rest) or not all(
            _PLAIN_LITERAL_RE.match(p.pattern) for p in literal_led_parts(rest)):
        return None
    return rest


def number_led_search(part: regex.Pattern[str], rest: str, text: str, pos: int, end: int) -> regex.Match[str] | None:
    """`part.search(text, pos, end)` for a part `(?<!…)\\d+R`: at each match of R in
    turn, the part matched from each digit of the run right before it."""
    at = pos
    while True:
        tail = rule_search(rest, text, at, end)
        if tail is None:
            return None
        digits = _DIGITS_BEFORE_RE.match(text, pos, tail.start())
        if digits is not None:
            for start in range(digits.start(), tail.start()):
                match = part.match(text, start, end)
                if match is not None:
                    return match
        at = tail.start() + 1


def part_search(part: regex.Pattern[str], text: str, pos: int, end: int) -> regex.Match[str] | None:
    """`part.search(text, pos, end)`, a number-led part by the rest after its number."""
    rest = number_led_rest(part.pattern)
    return part.search(text, pos, end) if rest is None else number_led_search(part, rest, text, pos, end)


def rule_search(pattern: str, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
    """`compiled(pattern).search(text, pos, endpos)`, by its literal-led parts: the
    leftmost of their hits, the earlier part on a tie. (Read its groups by name: the parts
    number them anew.)"""
    end = len(text) if endpos is None else endpos
    best: regex.Match[str] | None = None
    for part in literal_led_parts(pattern):
        hit = part_search(part, text, pos, end)
        if hit is not None and (best is None or hit.start() < best.start()):
            best = hit
    return best


def rule_finditer(pattern: str, text: str, pos: int = 0, endpos: int | None = None) -> list[regex.Match[str]]:
    """`list(compiled(pattern).finditer(text, pos, endpos))`, by its literal-led parts: at
    each step the leftmost of their next hits (the earlier part on a tie), the search
    going on from its end. (Read its groups by name: the parts number them anew, and a
    part may lack a group of another.)"""
    end = len(text) if endpos is None else endpos
    parts = literal_led_parts(pattern)
    upcoming = [part_search(part, text, pos, end) for part in parts]
    found: list[regex.Match[str]] = []
    while True:
        best: regex.Match[str] | None = None
        for k, hit in enumerate(upcoming):
            if hit is not None and hit.start() < pos:  # overtaken: that part's next hit from pos
                hit = upcoming[k] = part_search(parts[k], text, pos, end)
            if hit is not None and (best is None or hit.start() < best.start()):
                best = hit
        if best is None:
            return found
        if best.end() == best.start():  # an empty match: finditer's own rules from here on
            return found + list(compiled(pattern).finditer(text, pos, end))
        found.append(best)
        pos = best.end()


def found_in(pattern: str, text: str) -> bool:
    """Whether `pattern` matches anywhere in text."""
    return any(found_at_line_start(part, text) if part.pattern.startswith(LINE_START)
               else part_search(part, text, 0, len(text)) is not None for part in literal_led_parts(pattern))


# Patterns that open with `(?m)^`: the engine tries the anchor at every position of the
# text. Such a pattern matches at a line start: at the text's start, or right after a line
# break that the pattern led by that break (a literal the engine jumps to) finds.
LINE_START = "(?m)^"


def after_line_break(pattern: str) -> regex.Pattern[str]:
    """`(?m)^X` → `(?m)\\n(?:X)`."""
    return compiled(f"(?m)\\n(?:{pattern.removeprefix(LINE_START)})")


def found_at_line_start(part: regex.Pattern[str], text: str) -> bool:
    """`part.search(text) is not None` for a part opening with `(?m)^`."""
    return part.match(text) is not None or after_line_break(part.pattern).search(text) is not None


def line_start_matches(pattern: str, text: str) -> list[regex.Match[str]]:
    """`list(compiled(pattern).finditer(text))` for a pattern that opens with `(?m)^` and
    whose matches stay within their line: the pattern matched at the text's start and
    after each line break that the pattern led by that break finds (several times faster
    over a long plan's text)."""
    whole = compiled(pattern)
    if not pattern.startswith(LINE_START):
        return list(whole.finditer(text))
    starts = [0, *(hit.start() + 1 for hit in after_line_break(pattern).finditer(text))]
    return [match for match in (whole.match(text, start) for start in starts) if match is not None]
