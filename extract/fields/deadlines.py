"""A task's deadline (整改时限/完成时限 …) as written → Deadline: the last day it allows, every
date it names, its kinds (by_date, immediate, ongoing, conditional, relative) and a note.

The words live in rules/deadlines.yaml; this module holds the logic, as a chain of pure steps:
text_to_working (spaces inside dates, Chinese numerals) → working_to_masked (book titles,
document numbers, bracketed year ranges and public-notice clauses blanked out) →
masked_to_hits (each date-like phrase and what it means in its context) → hits_to_deadline
(dates, kinds and note, plus the cue words). Nothing is guessed: a phrase that cannot be
read gives no date, and a text with nothing readable gives `deadline_unparsed`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

import chinese_calendar
import cn2an
import regex
import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from extract.fields.patterns import LINE_BLANKS, RULES_DIR, trie_alternation
from extract.fields.regex_syntax import one_of
from schemas.built import built_deadline
from schemas.document import Deadline, DeadlineKind

UNPARSED = "deadline_unparsed"

# Kinds in the order the output lists them: what is done now, then the date, then the rest.
KIND_ORDER = (
    DeadlineKind.immediate, DeadlineKind.by_date, DeadlineKind.relative,
    DeadlineKind.ongoing, DeadlineKind.conditional,
)

MASK = "□"  # stands in for blanked text; matches no pattern, keeps offsets
CLAUSE_END = ",;。\n"
# What may follow a year that ends a phrase: clause ends and list joiners.
BOUNDARY = ",;。、\n和及与或"


class RelativeUnit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit: Literal["day", "workday", "month"]
    per: int = Field(gt=0)


# What would change meaning when a cue pattern becomes one branch of an alternation:
# backreferences, group names and conditionals, inline flags.
SELF_REFERENCE_RE = regex.compile(r"\\(?:[1-9]|g)|\(\?(?:P|\(|[a-zA-Z&+\-]|\d)")


class Cues(BaseModel):
    model_config = ConfigDict(extra="forbid")
    immediate: list[str]
    ongoing: list[str]
    conditional: list[str] = Field(description="regular expressions")
    exceptions: list[str] = Field(default_factory=list, description="blanked before cues are looked for")

    @field_validator("conditional")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                regex.compile(pattern)  # a bad pattern fails on load, not on the first notice
            except regex.error as exc:
                raise ValueError(f"conditional cue {pattern!r}: {exc}") from exc
            if SELF_REFERENCE_RE.search(pattern):
                raise ValueError(f"conditional cue {pattern!r}: the cues are searched as one alternation, "
                                 "so none may refer to a group or set a flag")
        return patterns


class InlineRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sentence_marks: str
    clause_marks: str
    phrases: list[str] = Field(description="regular expressions")
    whole_clauses: list[str]
    excluded_before: list[str]
    excluded_after: list[str]
    excluded_after_qualifying: list[str]
    qualifying_mark: str
    excluded_sentence_cues: list[str]


class DeadlineRules(BaseModel):
    """rules/deadlines.yaml; each key is described there."""

    model_config = ConfigDict(extra="forbid")
    year_suffixes: dict[str, tuple[int, int]]
    month_suffixes: dict[str, int]
    # tuples where a word list is tried by str.startswith/endswith, which take one as it is
    year_followers: tuple[str, ...]
    year_leaders: tuple[str, ...]
    relative_years: dict[str, int]
    bare_year_suffixes: list[str]
    start_suffixes: tuple[str, ...]
    past_suffixes: tuple[str, ...]
    act_suffixes: tuple[str, ...]
    ignore_prefixes: tuple[str, ...]
    excluded_clause_cues: list[str]
    range_connectors: list[str]
    plan_periods: dict[str, int]
    plan_suffixes: list[str]
    plan_title_words: tuple[str, ...]
    seasons: list[str]
    season_suffixes: list[str]
    fixed_day_seasons: dict[str, tuple[int, int]]
    dated_seasons: dict[str, dict[int, tuple[int, int]]]
    holiday_suffixes: list[str]
    terms: list[str]
    term_suffixes: list[str]
    relative_units: dict[str, RelativeUnit]
    relative_endings: list[str]
    document_anchors: list[str]
    span_leaders: list[str]
    span_range_marks: list[str]
    cues: Cues
    inline: InlineRules

    @field_validator("year_suffixes")
    @classmethod
    def _real_days(cls, table: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        for word, (month, day) in table.items():
            if not (1 <= month <= 12 and 0 <= day <= 31):
                raise ValueError(f"year_suffixes[{word!r}]: no such month/day {month}/{day}")
        return table

    @field_validator("month_suffixes")
    @classmethod
    def _real_month_days(cls, table: dict[str, int]) -> dict[str, int]:
        bad = {word: day for word, day in table.items() if not 0 <= day <= 31}
        if bad:
            raise ValueError(f"month_suffixes: no such day {bad}")
        return table

    @field_validator("dated_seasons")
    @classmethod
    def _real_dates(cls, table: dict[str, dict[int, tuple[int, int]]]) -> dict[str, dict[int, tuple[int, int]]]:
        bad = [f"{season} {year}: {month}/{day}" for season, days in table.items()
               for year, (month, day) in days.items() if day_in(year, month, day) is None]
        if bad:
            raise ValueError(f"dated_seasons: no such day {bad}")
        return table


def load_deadline_rules(path: Path | None = None) -> DeadlineRules:
    with (path or RULES_DIR / "deadlines.yaml").open(encoding="utf-8") as handle:
        return DeadlineRules.model_validate(yaml.safe_load(handle))


@dataclass(frozen=True)
class CompiledRules:
    rules: DeadlineRules
    hit_re: regex.Pattern[str]
    clause_re: regex.Pattern[str]
    # each cue list as one pattern: one search says whether any of its cues is there
    immediate_re: regex.Pattern[str]
    ongoing_re: regex.Pattern[str]
    conditional_re: regex.Pattern[str]
    exception_re: regex.Pattern[str]
    inline_re: regex.Pattern[str]  # the date phrases of running text (inline.phrases)
    # a phrase or a whole clause anywhere: a text without one has no inline deadline to look for
    inline_cue_re: regex.Pattern[str]
    # a value that is a span alone (整改时限:3天, 15个工作日): counted as within it (3天内)
    bare_span_re: regex.Pattern[str]


QUOTES = "“\"‘'「"
SPELLED_NUMERALS = "〇零一二两三四五六七八九十百半"


def hit_starts(rules: DeadlineRules) -> str:
    """Every character a branch of `hit_branches` can begin with, as a character class body:
    the quotes and words opening 十四五, a season, 今年…, 年底 and the like; digits (`\\d`); numerals."""
    words = [*rules.plan_periods, *rules.seasons, *rules.terms, *rules.relative_years, *rules.bare_year_suffixes]
    if any(not word for word in words):
        return ""  # an empty word begins with anything: no class
    chars = {word[0] for word in words} | set(QUOTES + SPELLED_NUMERALS)
    return "".join(regex.escape(char) for char in sorted(chars)) + r"\d"


def compile_rules(rules: DeadlineRules) -> CompiledRules:
    branches = hit_branches(rules)
    starts = hit_starts(rules)
    # The lookahead lets the engine pass over a character no phrase begins with at once,
    # instead of trying every branch there (several times faster, same matches).
    prefix = f"(?=[{starts}])" if starts else ""
    return CompiledRules(
        rules=rules,
        hit_re=regex.compile(prefix + "(?:" + one_of(branches) + ")"),
        clause_re=regex.compile(rf"(?:{trie_alternation(rules.excluded_clause_cues)})[^{CLAUSE_END}]*"),
        immediate_re=any_of([trie_alternation(rules.cues.immediate)] if rules.cues.immediate else []),
        ongoing_re=any_of([trie_alternation(rules.cues.ongoing)] if rules.cues.ongoing else []),
        conditional_re=any_of(rules.cues.conditional),
        exception_re=any_of([trie_alternation(rules.cues.exceptions)] if rules.cues.exceptions else []),
        inline_re=any_of(rules.inline.phrases),
        inline_cue_re=any_of(rules.inline.phrases + [regex.escape(clause) for clause in rules.inline.whole_clauses]),
        bare_span_re=bare_span_pattern(rules),
    )


def bare_span_pattern(rules: DeadlineRules) -> regex.Pattern[str]:
    """A value that is a span alone: `3天`, `限期3个月`, `1-2年` (a range allows its longer end:
    the relative branch reads the span after the mark)."""
    count = rf"(?:\d{{1,3}}|[{SPELLED_NUMERALS}]{{1,4}})"
    leader = f"(?:{trie_alternation(rules.span_leaders)})?" if rules.span_leaders else ""
    range_mark = one_of(regex.escape(mark) for mark in rules.span_range_marks)
    marks = f"(?:{count}(?:{range_mark}))?" if rules.span_range_marks else ""
    return regex.compile(rf"{leader}{marks}{count}(?:{trie_alternation(rules.relative_units)})")


def any_of(patterns: list[str]) -> regex.Pattern[str]:
    """A pattern that matches where one of `patterns` does, so one search says whether any
    is there (an empty list: it never matches)."""
    return regex.compile(one_of(patterns) if patterns else "(?!)")


def hit_branches(rules: DeadlineRules) -> list[str]:
    """The date-like phrases, one regex each, in the order they are tried. A branch that can
    begin with a new character needs it in `hit_starts`."""
    year = r"(?<!\d)(?P<{0}>(?:19|20)\d{{2}})"
    month = r"(?P<{0}>1[0-2]|0?[1-9])(?!\d)"
    day = r"(?P<{0}>3[01]|[12]\d|0?[1-9])(?!\d)"
    month_sfx = trie_alternation(rules.month_suffixes)
    year_sfx = trie_alternation(rules.year_suffixes)
    branches = [
        # 十四五末, “十四五”期间
        rf"[{QUOTES}]?(?P<plan>{trie_alternation(rules.plan_periods)})[”\"’'」]?"
        rf"(?P<plan_sfx>{trie_alternation(rules.plan_suffixes)})?",
        # 汛期前, 2021年采暖季前: the year belongs to the season, it is no year-end
        rf"(?:{year.format('season_y')}年)?(?P<season>{trie_alternation(rules.seasons)})"
        rf"(?P<season_sfx>{trie_alternation(rules.season_suffixes)})?",
        # 本届政府任期内: a term whose end the notice does not state
        *([rf"(?P<term>{trie_alternation(rules.terms)})(?:{trie_alternation(rules.term_suffixes)})"]
          if rules.terms and rules.term_suffixes else []),
        # 2021年6月30日, 2020.12.31, 2020-12-31
        rf"{year.format('full_y')}(?:年|[./-]){month.format('full_m')}(?:月|[./-]){day.format('full_d')}(?:日|号)?",
        # 2020年11月底; 20259月 (a mirror that dropped 年); 2020.12
        rf"{year.format('ym_y')}(?:年{month.format('ym_m')}月|(?P<ym_m>1[0-2]|[1-9])月|[./-]{month.format('ym_m')}(?![.\d]))"
        rf"(?P<ym_sfx>{month_sfx})?",
        # 2020年底, 2020年上半年, 2021年第一季度, 2027年
        rf"{year.format('y_y')}年(?P<y_sfx>{year_sfx})?",
        # 今年底, 明年
        rf"(?P<ry>{trie_alternation(rules.relative_years)})(?P<ry_sfx>{year_sfx})?",
        # 11月底, 9月30日 (the year comes from an earlier date or the document's date)
        rf"(?<![\d./-]){month.format('m_m')}月(?:{day.format('m_d')}(?:日|号)|(?P<m_sfx>{month_sfx}))?",
        # 45个工作日内, 3个月内, 半年内
        rf"(?<!\d)(?P<rel_n>\d{{1,3}}|[{SPELLED_NUMERALS}]{{1,4}})"
        rf"(?P<rel_unit>{trie_alternation(rules.relative_units)})(?:{trie_alternation(rules.relative_endings)})",
        # 年底前 standing alone: the document's own year
        rf"(?<![\d年每半本今明次翌来当])(?P<bare>{trie_alternation(rules.bare_year_suffixes)})",
    ]
    return branches


@cache
def default_rules() -> CompiledRules:
    return compile_rules(load_deadline_rules())


# --- step 1: the working text -------------------------------------------------------------

# Blank space inside a date (2016 年 11 月), the no-break space of a page's &nbsp; too: a
# date's parts are never apart on purpose, whereas a word after a date (_after) is looked
# for past the blanks of a line only.
SPACE_IN_DATE_RE = regex.compile(rf"(?<=[\d年月])[{LINE_BLANKS}\xa0]+(?=[\d年月日号底末])")
# A date cut at a line's end (a narrow table cell, a line wrapped at a fixed width): 2024年 / 3月底前
BROKEN_DATE_RE = regex.compile(r"(?<=(?:19|20)\d{2}年)[ \t]*\n\s*(?=\d{1,2}月)")
CN_YEAR_RE = regex.compile(r"(?P<n>[〇零○Ｏ一二三四五六七八九]{4})(?=年)")
CN_MONTH_RE = regex.compile(
    r"(?:(?<=年)|(?<=^)|(?<=[^\p{Han}])|(?<=[到至于在和及、前]))(?P<n>十[一二]?|[一二三四五六七八九])(?=月(?!份?度))"
)
CN_DAY_RE = regex.compile(
    r"(?<=月)(?P<n>三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])(?=[日号])"
)


def cn_number(numeral: str) -> int | None:
    """二〇二〇 → 2020, 十二 → 12, 四十五 → 45; None for what is no number."""
    try:
        value = cn2an.cn2an(numeral.replace("○", "〇").replace("Ｏ", "〇"), "smart")
    except ValueError:
        return None
    return int(value) if float(value).is_integer() else None


def _numeral_to_digits(match: regex.Match[str]) -> str:
    value = cn_number(match.group("n"))
    return match.group(0) if value is None else str(value)


def text_to_working(text: str) -> str:
    """Spaces inside dates removed (2016 年 11 月), Chinese-numeral dates in digits."""
    text = SPACE_IN_DATE_RE.sub("", text)
    if "\n" in text:
        text = BROKEN_DATE_RE.sub("", text)
    for pattern in (CN_YEAR_RE, CN_MONTH_RE, CN_DAY_RE):
        text = pattern.sub(_numeral_to_digits, text)
    return text


# --- step 2: blank out what is never a deadline -------------------------------------------

YEAR_RANGE = r"(?:19|20)\d{2}年?\s*(?:[-—–~～－至到]|——)\s*(?:19|20)\d{2}年?"
NEVER_DEADLINE_RES = (
    # a day in brackets right after a title is the document's date: 《某方案》(2021年3月10日)
    # (first: the title itself is blanked next)
    regex.compile(r"(?<=》)\s*[(（]\s*(?:19|20)\d{2}年\d{1,2}月\d{1,2}[日号]\s*[)）]"),
    regex.compile(r"《[^《》]*》"),  # book titles: 《…三年行动计划(2018—2020年)》
    regex.compile(r"〔[^〔〕]*〕"),  # document numbers: 某函〔2020〕71号
    regex.compile(r"[\[【(]\s*(?:19|20)\d{2}\s*[\]】)]"),  # 某函[2020]71号, 某函(2020)71号
    regex.compile(rf"\([^()]*{YEAR_RANGE}[^()]*\)"),  # (2018-2020年) after a plan's name
)


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    spans = list(spans)
    if not spans:  # the common case: nothing to blank, no copy
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = MASK * (end - start)
    return "".join(chars)


def working_to_masked(text: str, compiled: CompiledRules) -> str:
    for pattern in (*NEVER_DEADLINE_RES, compiled.clause_re):
        text = _blank(text, (m.span() for m in pattern.finditer(text)))
    return text


# --- step 3: the date-like phrases --------------------------------------------------------

Role = Literal["end", "start", "anchor", "season", "relative", "unread"]


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    role: Role
    date: dt.date | None = None
    note: str | None = None
    conditional: bool = False
    year_only: bool = False  # 2027年: as the year of a later month/day it means 1 January
    month_day: tuple[int, int] | None = None  # 11月底 before its year is known (day 0: month end)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def day_in(year: int, month: int, day: int) -> dt.date | None:
    """The date, with day 0 meaning month end; None for 2月30日 and the like."""
    if day == 0:
        return month_end(year, month)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_months(start: dt.date, months: int) -> dt.date:
    years, month0 = divmod(start.month - 1 + months, 12)
    year, month = start.year + years, month0 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def add_workdays(start: dt.date, count: int) -> dt.date | None:
    """The `count`-th Chinese working day after `start` (holidays and make-up working days
    from chinese_calendar); None where the calendar does not reach."""
    day, seen = start, 0
    try:
        while seen < count:
            day += dt.timedelta(days=1)
            seen += bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None
    return day


def _after(masked: str, end: int) -> str:
    return masked[end:].lstrip(LINE_BLANKS)


def _year_reads_as_deadline(masked: str, match: regex.Match[str], rules: DeadlineRules) -> bool:
    """A bare year (2027年) is a deadline at a clause end, before 前/完成…, after 到/确保…"""
    after = _after(masked, match.end())
    after = after.removeprefix("度")
    before = masked[: match.start()].rstrip()
    return (
        not after
        or after[0] in BOUNDARY
        or after.startswith(rules.year_followers)
        or before.endswith(rules.year_leaders)
    )


def _relative_hit(masked: str, match: regex.Match[str], rules: DeadlineRules,
                  reference: dt.date | None) -> Hit:
    start, end = match.span()
    numeral = match.group("rel_n")
    count = int(numeral) if numeral.isdigit() else cn_number(numeral)
    amount = 0.5 if numeral == "半" else float(count or 0)
    unit = rules.relative_units[match.group("rel_unit")]
    if not amount:
        return Hit(start, end, role="unread")
    # A count from something other than the document being issued (自验收之日起, 批复后)
    # depends on that event: no date can be counted.
    clause = masked[: match.start()]
    clause = clause[max(clause.rfind(c) for c in CLAUSE_END) + 1:]
    if ("起" in clause or "后" in clause) and not any(a in clause for a in rules.document_anchors):
        note = f"{match.group(0)}: counted from an event"
        return Hit(start, end, role="relative", conditional=True, note=note)
    if reference is None:
        return Hit(start, end, role="relative", note=f"{match.group(0)}: the document's date is unknown")
    total = amount * unit.per
    date: dt.date | None
    if unit.unit == "workday":
        date = add_workdays(reference, int(total)) if total.is_integer() else None
    elif unit.unit == "day":
        date = reference + dt.timedelta(days=round(total))
    else:
        whole = int(total)
        date = add_months(reference, whole) + dt.timedelta(days=round((total - whole) * 30))
    beyond = None if date else f"{match.group(0)}: beyond the working-day calendar"
    return Hit(start, end, role="relative", date=date, note=beyond)


def _match_to_hit(masked: str, match: regex.Match[str], rules: DeadlineRules,
                  reference: dt.date | None) -> Hit | None:
    """What one phrase means on its own; context (start, range, anchor) is read later."""
    g = match.group
    start, end = match.span()
    if g("plan"):
        if g("plan_sfx") is None and _after(masked, match.end()).startswith(rules.plan_title_words):
            return None
        return Hit(start, end, role="end", date=dt.date(rules.plan_periods[g("plan")], 12, 31))
    if g("season"):
        # 2022年元旦前, 2021年春节前: the day before the holiday; without a year (国庆前) the
        # first such holiday after the document's date
        if g("season_sfx") in rules.holiday_suffixes:
            holiday = (holiday_in(rules, g("season"), int(g("season_y"))) if g("season_y")
                       else next_holiday(rules, g("season"), reference) if reference else None)
            if holiday is not None:
                return Hit(start, end, role="end", date=holiday - dt.timedelta(days=1))
        # The year, if any, only places a month/day that follows (汛期前(5月底前)).
        first_day = dt.date(int(g("season_y")), 1, 1) if g("season_y") else None
        return Hit(start, end, role="season", date=first_day, year_only=True, note=f"named season: {g(0)}")
    if g("term"):
        return Hit(start, end, role="season", note=f"term of office: {g(0)}")
    if g("full_y"):
        if _after(masked, match.end()).startswith(rules.act_suffixes):
            return None  # the day a document was issued or a meeting held
        date = day_in(int(g("full_y")), int(g("full_m")), int(g("full_d")))
        return Hit(start, end, role="end" if date else "unread", date=date)
    if g("ym_y"):
        day = rules.month_suffixes.get(g("ym_sfx"), 0)
        return Hit(start, end, role="end", date=day_in(int(g("ym_y")), int(g("ym_m")), day))
    if g("y_y") or g("ry"):
        if g("y_y"):
            year, sfx = int(g("y_y")), g("y_sfx")
        elif reference is None:
            return Hit(start, end, role="unread")
        else:
            year, sfx = reference.year + rules.relative_years[g("ry")], g("ry_sfx")
        if sfx:
            month, day = rules.year_suffixes[sfx]
            return Hit(start, end, role="end", date=day_in(year, month, day))
        # A year with no suffix: maybe the year of the month that follows, maybe no deadline.
        role: Role = "end" if _year_reads_as_deadline(masked, match, rules) else "anchor"
        return Hit(start, end, role=role, date=dt.date(year, 12, 31), year_only=True)
    if g("m_m"):
        day = int(g("m_d")) if g("m_d") else rules.month_suffixes.get(g("m_sfx"), 0)
        # Only the month and day are known: the year is filled in from the context.
        return Hit(start, end, role="end", month_day=(int(g("m_m")), day))
    if g("rel_n"):
        return _relative_hit(masked, match, rules, reference)
    if g("bare"):
        if reference is None:
            return Hit(start, end, role="unread")
        month, day = rules.year_suffixes.get(g("bare"), (12, 31))
        return Hit(start, end, role="end", date=day_in(reference.year, month, day))
    return None


def holiday_in(rules: DeadlineRules, season: str, year: int) -> dt.date | None:
    """A holiday's day in a year: on its fixed day (元旦) or its listed day (春节), else None."""
    day = rules.fixed_day_seasons.get(season) or rules.dated_seasons.get(season, {}).get(year)
    return day_in(year, *day) if day else None


def next_holiday(rules: DeadlineRules, season: str, after: dt.date) -> dt.date | None:
    """The first day of the holiday after `after`, or None (no such holiday, or not listed)."""
    for year in (after.year, after.year + 1):
        holiday = holiday_in(rules, season, year)
        if holiday is not None and holiday > after:
            return holiday
    return None


def _next_on_or_after(anchor: dt.date, month: int, day: int) -> dt.date | None:
    for year in (anchor.year, anchor.year + 1):
        date = day_in(year, month, day)
        if date is not None and date >= anchor:
            return date
    return None


def _in_context(masked: str, hits: list[Hit], rules: DeadlineRules, reference: dt.date | None) -> list[Hit]:
    """Read each phrase in its place: progress and baseline dates dropped, the first date of
    a range dropped, starts marked, month/day given the year of the date before it."""
    out: list[Hit] = []
    connectors = set(rules.range_connectors)
    dropped: Hit | None = None
    for i, hit in enumerate(hits):
        before = masked[: hit.start].rstrip()
        after = _after(masked, hit.end)
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        # the end of a range whose start is dropped goes with it, and so does the rest of a
        # date written right after it (次年 / 3月): 每年11月至次年3月 recurs
        ends_range = dropped is not None and masked[dropped.end:hit.start].strip(LINE_BLANKS) in connectors | {""}
        if before.endswith(rules.ignore_prefixes) or after.startswith(rules.past_suffixes) or ends_range:
            dropped = hit
            continue
        dropped = None
        if hit.month_day is not None:
            hit = _month_day_hit(hit, out, reference)
        if hit.role in ("end", "anchor") and after.startswith(rules.start_suffixes):
            hit = replace(hit, role="start")
        elif hit.role == "end" and nxt is not None and masked[hit.end:nxt.start].strip(LINE_BLANKS) in set(
                rules.range_connectors):
            hit = replace(hit, role="anchor")  # 2021年至2025年底: only the end of a range is a deadline
        out.append(hit)
    return out


def _month_day_hit(hit: Hit, earlier: list[Hit], reference: dt.date | None) -> Hit:
    """11月底 takes the next such day on or after the date before it (明年6月底, 2022年6月底前…,
    9月底前), or else on or after the document's date; with neither it cannot be read."""
    month, day = hit.month_day or (1, 1)
    anchor = reference
    previous = [h for h in earlier if h.date is not None and h.role in ("end", "anchor", "start", "season")]
    if previous and previous[-1].date is not None:
        last = previous[-1].date
        anchor = dt.date(last.year, 1, 1) if previous[-1].year_only else last
    date = _next_on_or_after(anchor, month, day) if anchor else None
    return replace(hit, role="end" if date else "unread", date=date, month_day=None)


def masked_to_hits(masked: str, compiled: CompiledRules, reference: dt.date | None) -> list[Hit]:
    rules = compiled.rules
    raw = [h for m in compiled.hit_re.finditer(masked) if (h := _match_to_hit(masked, m, rules, reference))]
    return _in_context(masked, raw, rules, reference)


# --- step 4: the Deadline -----------------------------------------------------------------


def _cue_kinds(masked: str, compiled: CompiledRules) -> set[DeadlineKind]:
    if compiled.exception_re.search(masked):
        for word in compiled.rules.cues.exceptions:
            masked = masked.replace(word, MASK * len(word))
    kinds: set[DeadlineKind] = set()
    if compiled.immediate_re.search(masked):
        kinds.add(DeadlineKind.immediate)
    if compiled.ongoing_re.search(masked):
        kinds.add(DeadlineKind.ongoing)
    if compiled.conditional_re.search(masked):
        kinds.add(DeadlineKind.conditional)
    return kinds


def _open_start(masked: str, hits: list[Hit], start: Hit) -> bool:
    """A start (2021年起) with no end date after it in the same sentence."""
    stops = [masked.find(c, start.end) for c in "。;\n"]
    stop = min((s for s in stops if s >= 0), default=len(masked))
    return not any(h.role == "end" and h.date and start.end <= h.start < stop for h in hits)


def hits_to_deadline(text: str, masked: str, hits: list[Hit], compiled: CompiledRules) -> Deadline:
    kinds = _cue_kinds(masked, compiled)
    dates: list[dt.date] = []
    for hit in hits:
        if hit.role in ("end", "relative") and hit.date is not None and hit.date not in dates:
            dates.append(hit.date)
    if any(h.role == "end" and h.date for h in hits) or any(h.role == "season" for h in hits):
        kinds.add(DeadlineKind.by_date)
    if any(h.role == "relative" for h in hits):
        kinds.add(DeadlineKind.relative)
    if any(h.conditional for h in hits):
        kinds.add(DeadlineKind.conditional)
    if any(h.role == "start" and _open_start(masked, hits, h) for h in hits):
        kinds.add(DeadlineKind.ongoing)
    notes = [h.note for h in hits
             if h.note and (h.role == "season" or (h.role == "relative" and h.date is None))]
    return built_deadline(text, max(dates) if dates else None, dates if len(dates) > 1 else [],
                          [k.value for k in KIND_ORDER if k in kinds], "; ".join(notes) or None)


def parse_deadline_with(text: str, compiled: CompiledRules, *,
                        reference: dt.date | None = None) -> tuple[Deadline | None, list[str]]:
    """`parse_deadline` under rules of one's own (a copy of the YAML, in tests)."""
    stripped = text.strip()
    if not stripped:
        return None, []
    working = text_to_working(stripped)
    if compiled.bare_span_re.fullmatch(working) and compiled.rules.relative_endings:
        # a span alone after the label (整改时限:3天) allows that long: read as 3天内
        working += compiled.rules.relative_endings[-1]
    masked = working_to_masked(working, compiled)
    hits = masked_to_hits(masked, compiled, reference)
    deadline = hits_to_deadline(stripped, masked, hits, compiled)
    return deadline, ([] if deadline.kinds else [UNPARSED])


def parse_deadline(text: str, *, reference: dt.date | None = None) -> tuple[Deadline | None, list[str]]:
    """A deadline as written after its label → (Deadline, warning codes). `reference` is the
    document's date: relative spans count from it and a month/day without a year takes the
    next such date on or after it. (None, []) for empty text; `deadline_unparsed` when
    nothing in the text could be read."""
    deadline, warnings = parse_default(text, reference)
    if deadline is None:
        return None, list(warnings)
    # the cached Deadline stays unchanged: each caller gets a copy with lists of its own
    return built_deadline(deadline.text, deadline.date, list(deadline.dates), list(deadline.kinds),
                          deadline.note), list(warnings)


@lru_cache(maxsize=1024)  # a notice repeats its deadlines (2020年年底前) task after task
def parse_default(text: str, reference: dt.date | None) -> tuple[Deadline | None, tuple[str, ...]]:
    deadline, warnings = parse_deadline_with(text, default_rules(), reference=reference)
    return deadline, tuple(warnings)


# --- a deadline in running text ----------------------------------------------------------


@cache
def marks_re(marks: str) -> regex.Pattern[str]:
    """Any one of the marks."""
    return regex.compile(f"[{regex.escape(marks)}]")


def inline_phrases(text: str, compiled: CompiledRules) -> list[tuple[int, int]]:
    """The spans of what states by when in a task's running text: the date phrases of its
    clauses (2022年10月底前) and the clauses that are an open deadline alone (长期坚持),
    leaving out past dates (已于…前), dates that qualify a thing (2000年以前建成的) and
    sentences that tell the problem (…至今未完成)."""
    if compiled.inline_cue_re.search(text) is None:  # most measures state no date: one pass says so
        return []
    rules = compiled.rules.inline
    found: list[tuple[int, int]] = []
    sentence_start = 0
    for sentence_end in [m.start() for m in marks_re(rules.sentence_marks).finditer(text)] + [len(text)]:
        sentence = text[sentence_start:sentence_end]
        # the text's one-pass screen again per sentence: a long text with a date in one
        # sentence reads the clauses of that one alone
        if (compiled.inline_cue_re.search(sentence) is not None
                and not any(cue in sentence for cue in rules.excluded_sentence_cues)):
            found += [(sentence_start + a, sentence_start + b) for a, b in clause_phrases(sentence, compiled)]
        sentence_start = sentence_end + 1
    return found


def clause_phrases(sentence: str, compiled: CompiledRules) -> list[tuple[int, int]]:
    """`inline_phrases` of one sentence, clause by clause."""
    rules = compiled.rules.inline
    found = []
    clause_start = 0
    for clause_end in [m.start() for m in marks_re(rules.clause_marks).finditer(sentence)] + [len(sentence)]:
        clause = sentence[clause_start:clause_end]
        if clause.strip() in rules.whole_clauses:
            lead = len(clause) - len(clause.lstrip())
            found.append((clause_start + lead, clause_start + len(clause.rstrip())))
        for match in compiled.inline_re.finditer(clause):
            if not (any(word in clause[:match.start()] for word in rules.excluded_before)
                    or clause.startswith(tuple(rules.excluded_after), match.end())
                    or qualifies_a_thing(clause, match.end(), rules)):
                found.append((clause_start + match.start(), clause_start + match.end()))
        clause_start = clause_end + 1
    return found


def qualifies_a_thing(clause: str, end: int, rules: InlineRules) -> bool:
    """Whether a date phrase ending at `end` is followed by a word of
    `excluded_after_qualifying` and then, in its clause, the mark of a qualifier
    (2000年以前建成的小区): the date tells when a thing was made, no deadline, where
    2023年底前建成投运 is one."""
    for word in rules.excluded_after_qualifying:
        if clause.startswith(word, end):
            return rules.qualifying_mark in clause[end + len(word):]
    return False


def inline_deadline(text: str, reference: dt.date | None = None) -> tuple[Deadline, tuple[int, int]] | None:
    """The deadline a task's running text states, with the span (in `text`) from its first
    phrase to its last; None when it states none or what it states cannot be read. A phrase
    whose date lies before the document's (`reference`) is left out. Several phrases read as
    one deadline of several dates (the last is the date)."""
    phrases = inline_phrases(text, default_rules())
    if not phrases:  # (most texts: no list built to filter)
        return None
    phrases = [span for span in phrases if not before(text[slice(*span)], reference)]
    if not phrases:
        return None
    deadline, warnings = parse_deadline("、".join(text[a:b] for a, b in phrases), reference=reference)
    if deadline is None or warnings:
        return None
    return deadline, (phrases[0][0], phrases[-1][1])


def before(phrase: str, reference: dt.date | None) -> bool:
    """Whether a phrase's date lies before the document's: a plan's deadlines lie after its
    own date, an earlier one tells the past."""
    if reference is None:
        return False
    deadline, _ = parse_deadline(phrase, reference=reference)
    return deadline is not None and deadline.date is not None and deadline.date < reference
