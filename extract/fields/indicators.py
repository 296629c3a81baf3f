"""Quantified targets: `NAME VERB VALUE UNIT QUALIFIER` clauses, with the comparator, the
baseline year of a change (比2015年下降13%) and the year the target is for. Several values
after one verb (`分别达到98%左右和90%以上`) give one indicator each. Rules:
rules/indicators.yaml.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache

import cn2an
import regex
from pydantic import BaseModel, ConfigDict, model_validator

from extract.fields.metadata_rules import literal_parts, rule_finditer
from extract.fields.patterns import load_yaml, trie_alternation
from extract.segment.numbering import screen_class
from schemas.built import Comparator, built_indicator
from schemas.document import Indicator, Span

CLAUSE_BOUNDARY = ",;；。\n:：!！?？"

Years = list[tuple[int, int]]
"""(end offset, year) of every year named in a range, in text order."""


class IndicatorRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    verbs: dict[str, Comparator]
    change_re: str
    change_starts: str
    change_comparators: dict[str, Comparator]
    qualifiers: dict[str, Comparator]
    ceiling_verbs: list[str]
    units: list[str]
    name_prefixes: list[str]
    name_max: int
    full_share_is_point: bool
    target_year_re: str
    baseline_year_leads: list[str]
    verbs_before_name: dict[str, Comparator]
    name_between_max: int
    coverage_words: list[str]
    statistic_markers: list[str]
    progress_names: list[str]
    progress_name_re: str
    progress_units: list[str]
    name_heads: list[str]

    @model_validator(mode="after")
    def _change_starts_cover_change_re(self) -> IndicatorRules:
        """Triggers are looked for only at change_starts: every part of change_re must open
        with one of them (a part opening otherwise would be lost silently)."""
        for part in literal_parts(self.change_re):
            if part[:1] not in self.change_starts or part[1:2] in ("?", "*", "{"):
                raise ValueError(f"change_re part {part!r} opens with none of change_starts {self.change_starts!r}")
        return self
    name_cut_words: list[str]


@cache
def indicator_rules() -> IndicatorRules:
    return IndicatorRules.model_validate(load_yaml("indicators.yaml"))


@cache
def value_re() -> re.Pattern[str]:
    """A value, its unit and qualifier. The stdlib re module: it matches this pattern (no
    \\p{…} class, no lookbehind) in under half the time of regex, once or more per trigger."""
    rules = indicator_rules()
    return re.compile(
        rf"(?P<value>\d+(?:\.\d+)?)(?P<unit>{trie_alternation(rules.units)})(?:\([^()]{{0,20}}\))?"
        rf"(?P<qual>{trie_alternation(list(rules.qualifiers))})?")


@cache
def trigger_re() -> regex.Pattern[str]:
    """A verb or a change phrase, then (after an optional 分别) the first value."""
    rules = indicator_rules()
    return regex.compile(
        rf"(?<!{trie_alternation(rules.statistic_markers)})"
        rf"(?:{rules.change_re}|(?P<verb>{trie_alternation(list(rules.verbs))}))(?:了)?(?=\n?\d)")


@cache
def trigger_scan_re() -> re.Pattern[str]:
    """`trigger_re` without its lookbehind, for the stdlib re module, which skips fast to a
    pattern that opens with a character class (the `regex` module tries the trigger at
    every character: most of a goal section's scan): a character a trigger can begin with,
    the trigger itself (group `trigger`, and the groups of trigger_re) read by a lookahead."""
    rules = indicator_rules()
    starts = rules.change_starts + "".join(re.escape(verb[0]) for verb in rules.verbs)
    body = rf"(?:{rules.change_re}|(?P<verb>{trie_alternation(list(rules.verbs))}))(?:了)?(?=\n?\d)"
    return re.compile(f"[{screen_class(starts)}](?<=(?=(?P<trigger>{body}))(?s:.))")


def triggers_in(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Where `trigger_re().finditer(text, start, end)` finds triggers, as matches of
    trigger_scan_re (the trigger is group `trigger`): every place the trigger matches, but
    one after a statistic marker (trigger_re's lookbehind, which looks before `start` too)
    or inside the trigger found before it."""
    markers = tuple(indicator_rules().statistic_markers)
    found: list[re.Match[str]] = []
    resume = start
    for hit in trigger_scan_re().finditer(text, start, end):
        at = hit.start()
        if at < resume or text.endswith(markers, 0, at):
            continue
        found.append(hit)
        resume = hit.end("trigger")
    return found


@cache
def named_after_verb_re() -> regex.Pattern[str]:
    """完成 NAME VALUE: the name stands between the verb and the value."""
    rules = indicator_rules()
    return regex.compile(rf"(?P<verb>{trie_alternation(list(rules.verbs_before_name))})"
                         rf"(?P<name>\p{{Han}}{{2,{rules.name_between_max}}}?)(?=\d)")


@cache
def leading_value_re() -> regex.Pattern[str]:
    """A value opening its clause (90%以上村庄…) or closing a name (设施100%全覆盖)."""
    rules = indicator_rules()
    # The name before the value is read back from the value by name_before (a lazy
    # optional name here would be tried at every character).
    return regex.compile(rf"(?<![\d.])(?P<value>\d+(?:\.\d+)?)(?P<unit>%)"
                         rf"(?:(?P<cover>{trie_alternation(rules.coverage_words)})|(?P<qual>以上|以下)(?P<after>\p{{Han}}{{2,{rules.name_max}}}))")


@cache
def prefix_re() -> regex.Pattern[str]:
    return regex.compile(rf"^(?:{'|'.join(indicator_rules().name_prefixes)})+")


def group_numbers(pattern: regex.Pattern[str] | re.Pattern[str], *names: str) -> tuple[int, ...]:
    """The numbers of named groups. A `regex` match reads a group by number in some
    0.07 µs but by name in some 0.5 µs, and the loops below read several groups of
    every match (a goal section holds dozens)."""
    index = pattern.groupindex
    return tuple(index[name] for name in names)


@cache  # cn2an takes some 50 µs a call, and a plan is named again and again
def plan_end_year(plan: str) -> int:
    """The last year of a five-year plan: 十三五 → 2020, 十四五 → 2025."""
    return 1955 + 5 * int(cn2an.cn2an("十" + plan, "smart"))


# The `regex` module searches backward ((?r)): the clause start is the last boundary
# before a position, found in C instead of a Python loop over the characters.
LAST_BOUNDARY_RE = regex.compile(f"(?r)[{regex.escape(CLAUSE_BOUNDARY)}]")
NEXT_BOUNDARY_RE = regex.compile(f"[{regex.escape(CLAUSE_BOUNDARY)}]")


def clause_start(text: str, floor: int, pos: int) -> int:
    """Where the clause holding text[pos] begins: after the last boundary before pos, at most back to floor."""
    if pos <= floor:
        return pos
    boundary = LAST_BOUNDARY_RE.search(text, floor, pos)
    return boundary.end() if boundary is not None else floor


def clause_end(text: str, pos: int, ceiling: int) -> int:
    """The first boundary at or after pos, or ceiling."""
    boundary = NEXT_BOUNDARY_RE.search(text, pos, ceiling)
    return boundary.start() if boundary is not None else ceiling


def name_of(text: str, start: int, end: int) -> tuple[str, int]:
    """The indicator's name in text[start:end] with leading filler dropped, and where it starts."""
    raw = text[start:end]
    cut = prefix_re().match(raw)
    offset = cut.end() if cut else 0
    name = raw[offset:].strip().removesuffix("分别").strip(" ,，、;；")
    return name[-indicator_rules().name_max:], start + offset


def comparator_of(direction: str | None, verb: str, unit: str, value: float, qualifier: str | None) -> Comparator:
    """From the trigger's change direction (比2015年下降) or verb, the value's unit and qualifier."""
    rules = indicator_rules()
    if direction:
        return rules.change_comparators[direction]
    if rules.verbs[verb] in ("decrease_by", "increase_by"):
        return rules.verbs[verb]
    if qualifier:
        if qualifier.endswith("左右") and verb in rules.ceiling_verbs:
            return "<="
        return rules.qualifiers[qualifier]
    if rules.full_share_is_point and unit == "%" and value == 100:
        return "="
    return rules.verbs[verb]


def target_year(years: Years, pos: int, default_year: int | None) -> int | None:
    """The last year named before the clause, in its range (到2020年, “十四五”末)."""
    # the last one ending by pos: (end, year) pairs ascend by end, and (pos, inf) sorts after
    # every pair ending at pos (a key function would be a Python call per step)
    at = bisect.bisect_right(years, (pos, float("inf"))) - 1
    return years[at][1] if at >= 0 else default_year


def years_in(text: str, start: int, end: int) -> Years:
    """Every year named in the range, found in one pass (a goal section holds many values,
    each looking back for its year), by the pattern's literal-led parts (the `regex`
    engine tries a pattern led by a choice of words at every position)."""
    years = []
    leads = indicator_rules().baseline_year_leads
    for match in rule_finditer(indicator_rules().target_year_re, text, start, end):
        named = match.groupdict()  # by name: the parts number their groups anew
        if named.get("y") and match.start() > 0 and text[match.start() - 1] in leads:
            continue  # 较2020年减少…: a baseline, not a target year
        years.append((match.end(), int(named["y"]) if named.get("y") else plan_end_year(named["plan"])))
    return years


def name_before(text: str, floor: int, pos: int) -> int:
    """Where the run of Han characters (at most name_max) ending at pos starts, or pos."""
    limit = max(floor, pos - indicator_rules().name_max)
    start = pos
    while start > limit and "\u4e00" <= text[start - 1] <= "\u9fff":
        start -= 1
    return start if pos - start >= 2 else pos


def is_progress_count(indicator: Indicator) -> bool:
    """A count of rectification progress (已完成整改36项), never a quantified target."""
    rules = indicator_rules()
    return indicator.name in rules.progress_names or (
        indicator.unit in rules.progress_units and progress_name_re().search(indicator.name) is not None)


@cache
def progress_name_re() -> regex.Pattern[str]:
    return regex.compile(indicator_rules().progress_name_re)


def overlaps(span: Span | None, spans: Sequence[Span]) -> bool:
    return span is not None and any(start < span[1] and span[0] < end for start, end in spans)


def find_indicators(text: str, start: int, end: int, *, default_year: int | None,
                    skip: Sequence[Span] = ()) -> list[Indicator]:
    """The quantified targets in text[start:end]; none overlapping the `skip` spans (what
    the progress figures were read from)."""
    years = years_in(text, start, end)
    found = verb_indicators(text, start, end, years, default_year)
    # The weaker readings add only what the verb reading did not already find there
    # (the same value twice after one verb, 分别下降8%、8%, stays twice).
    taken = {((i.span or (0, 0))[0], round(i.value * 1000)) for i in found}
    for indicator in named_indicators(text, start, end, years, default_year) + bare_value_indicators(
            text, start, end, years, default_year):
        key = (indicator.span or (0, 0))[0], round(indicator.value * 1000)
        if key not in taken:
            taken.add(key)
            found.append(indicator)
    kept = (i for i in found if not is_progress_count(i) and not overlaps(i.span, skip))
    return sorted(kept, key=lambda i: (i.span or (0, 0))[0])


@cache
def name_cut_re() -> regex.Pattern[str]:
    return regex.compile(trie_alternation(indicator_rules().name_cut_words))


NAME_PART_SEPARATOR_RE = regex.compile(r"[、和及与]")


def cut_name(name: str) -> str:
    """A name ends where the sentence's own verb begins (森林蓄积量继续实现“双增长”)."""
    match = name_cut_re().search(name)
    return name[:match.start()] if match is not None and match.start() >= 2 else name


def split_names(name: str, count: int) -> list[str]:
    """`森林覆盖率、森林蓄积量` before 分别 and two values: one name each, when the parts
    are whole indicator names; else the whole name for every value."""
    if count < 2:  # one value (the common case): nothing to split
        return [name] * count
    parts = [p for p in NAME_PART_SEPARATOR_RE.split(cut_name(name)) if p]
    heads = tuple(indicator_rules().name_heads)
    if count > 1 and len(parts) == count and all(p.endswith(heads) for p in parts):
        return parts
    return [name] * count


def named_indicators(text: str, start: int, end: int, years: Years, default_year: int | None) -> list[Indicator]:
    rules = indicator_rules()
    verb_group, name_group = group_numbers(named_after_verb_re(), "verb", "name")
    value_group, unit_group = group_numbers(value_re(), "value", "unit")
    found = []
    for match in named_after_verb_re().finditer(text, start, end):
        value = value_re().match(text, match.end(), end)
        if value is None or value[unit_group] in ("%",):
            continue
        span = (match.start(), value.end())
        found.append(built_indicator(
            match[name_group], rules.verbs_before_name[match[verb_group]], float(value[value_group]),
            value[unit_group], None, target_year(years, clause_start(text, start, match.start()), default_year),
            text[span[0]:span[1]], span))
    return found


def bare_value_indicators(text: str, start: int, end: int, years: Years, default_year: int | None) -> list[Indicator]:
    value_group, unit_group, cover_group, qual_group, after_group = group_numbers(
        leading_value_re(), "value", "unit", "cover", "qual", "after")
    found = []
    comparator: Comparator
    for match in leading_value_re().finditer(text, start, end):
        value_start = match.start(value_group)
        at_clause_start = clause_start(text, start, value_start) == value_start
        name_start = name_before(text, start, value_start)
        lead = text[name_start:value_start]
        cover, qualifier = match[cover_group], match[qual_group]
        if cover and lead:
            name, comparator = lead, "="
        elif qualifier and at_clause_start:
            name, comparator = match[after_group], ">=" if qualifier == "以上" else "<="
        else:
            continue
        first = name_start if lead and cover else value_start
        first = max(first, clause_start(text, start, value_start))
        found.append(built_indicator(
            name, comparator, float(match[value_group]), match[unit_group], None,
            target_year(years, first, default_year), text[first:match.end()], (first, match.end())))
    return found


def verb_indicators(text: str, start: int, end: int, years: Years, default_year: int | None) -> list[Indicator]:
    value_pattern = value_re()
    trigger_group, base_group, direction_group, verb_group = group_numbers(
        trigger_scan_re(), "trigger", "base", "dir", "verb")
    value_group, unit_group, qual_group = group_numbers(value_pattern, "value", "unit", "qual")
    indicators: list[Indicator] = []
    for trigger in triggers_in(text, start, end):
        pos = trigger.end(trigger_group)
        values: list[re.Match[str]] = []
        while True:
            pos += text.startswith("\n", pos)  # a line broken by the PDF layout
            match = value_pattern.match(text, pos, end)
            if match is None:
                break
            values.append(match)
            pos = match.end()
            if text[pos:pos + 1] in ("和", "、"):
                pos += 1
                continue
            break
        if not values:  # (before the name is looked for: a year after the verb is no value)
            continue
        trigger_start = trigger.start()
        name_start = clause_start(text, start, trigger_start)
        name, name_offset = name_of(text, name_start, trigger_start)
        if not name and name_start > start:  # …“双增长”,分别达到…: the name is in the clause before
            name_start = clause_start(text, start, name_start - 1)
            name, name_offset = name_of(text, name_start, trigger_start)
        span_end = values[-1].end()
        year = target_year(years, name_start, default_year)
        baseline = int(trigger[base_group]) if trigger[base_group] else None
        direction, verb = trigger[direction_group], trigger[verb_group]
        if not name:  # 完成55个建制村环境整治任务: the name follows the value
            tail_end = clause_end(text, span_end, end)
            name = text[span_end:tail_end][: indicator_rules().name_max]
            span_end = tail_end
        if not name:
            continue
        for match, each_name in zip(values, split_names(name, len(values)), strict=True):
            value, unit = float(match[value_group]), match[unit_group]
            indicators.append(built_indicator(
                each_name, comparator_of(direction, verb, unit, value, match[qual_group]), value, unit, baseline,
                year, text[name_offset:span_end], (name_offset, span_end)))
    return indicators
