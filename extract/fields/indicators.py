"""Quantified targets: `NAME VERB VALUE UNIT QUALIFIER` clauses, with the comparator, the
baseline year of a change (比2015年下降13%) and the year the target is for. Several values
after one verb (`分别达到98%左右和90%以上`) give one indicator each. Rules:
rules/indicators.yaml.
"""

from __future__ import annotations

from functools import cache

import cn2an
import regex
from pydantic import BaseModel, ConfigDict

from extract.fields.patterns import load_yaml
from schemas.document import Indicator

CLAUSE_BOUNDARY = ",;；。\n:：!！?？"


class IndicatorRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    verbs: dict[str, str]
    change_re: str
    change_comparators: dict[str, str]
    qualifiers: dict[str, str]
    ceiling_verbs: list[str]
    units: list[str]
    name_prefixes: list[str]
    name_max: int
    full_share_is_point: bool
    target_year_re: str


@cache
def indicator_rules() -> IndicatorRules:
    return IndicatorRules.model_validate(load_yaml("indicators.yaml"))


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def value_re() -> regex.Pattern[str]:
    rules = indicator_rules()
    return regex.compile(
        rf"(?P<value>\d+(?:\.\d+)?)(?P<unit>{_alternation(rules.units)})(?:\([^()]{{0,20}}\))?"
        rf"(?P<qual>{_alternation(list(rules.qualifiers))})?")


@cache
def trigger_re() -> regex.Pattern[str]:
    """A verb or a change phrase, then (after an optional 分别) the first value."""
    rules = indicator_rules()
    return regex.compile(
        rf"(?:{rules.change_re}|(?P<verb>{_alternation(list(rules.verbs))}))(?:了)?(?=\d)")


@cache
def prefix_re() -> regex.Pattern[str]:
    return regex.compile(rf"^(?:{'|'.join(indicator_rules().name_prefixes)})+")


@cache
def year_re() -> regex.Pattern[str]:
    return regex.compile(indicator_rules().target_year_re)


def year_of(match: regex.Match[str]) -> int | None:
    if match["y"]:
        return int(match["y"])
    plan = int(cn2an.cn2an("十" + match["plan"], "smart"))
    return 1955 + 5 * plan  # 十三五 → 2020, 十四五 → 2025


def clause_start(text: str, floor: int, pos: int) -> int:
    start = pos
    while start > floor and text[start - 1] not in CLAUSE_BOUNDARY:
        start -= 1
    return start


def name_of(text: str, start: int, end: int) -> tuple[str, int]:
    """The indicator's name in text[start:end] with leading filler dropped, and where it starts."""
    raw = text[start:end]
    cut = prefix_re().match(raw)
    offset = cut.end() if cut else 0
    name = raw[offset:].removesuffix("分别").strip()
    return name[-indicator_rules().name_max:], start + offset


def comparator_of(trigger: regex.Match[str], unit: str, value: float, qualifier: str | None) -> str:
    rules = indicator_rules()
    if trigger["dir"]:
        return rules.change_comparators[trigger["dir"]]
    verb = trigger["verb"]
    if qualifier:
        if qualifier.endswith("左右") and verb in rules.ceiling_verbs:
            return "<="
        return rules.qualifiers[qualifier]
    if rules.full_share_is_point and unit == "%" and value == 100:
        return "="
    return rules.verbs[verb]


def target_year(text: str, floor: int, pos: int, default_year: int | None) -> int | None:
    """The last year named before the clause, in its range (到2020年, “十四五”末)."""
    last = None
    for match in year_re().finditer(text, floor, pos):
        last = match
    return year_of(last) if last is not None else default_year


def find_indicators(text: str, start: int, end: int, *, default_year: int | None) -> list[Indicator]:
    indicators: list[Indicator] = []
    for trigger in trigger_re().finditer(text, start, end):
        name_start = clause_start(text, start, trigger.start())
        name, name_offset = name_of(text, name_start, trigger.start())
        pos = trigger.end()
        values: list[regex.Match[str]] = []
        while True:
            match = value_re().match(text, pos, end)
            if match is None:
                break
            values.append(match)
            pos = match.end()
            if text[pos:pos + 1] in ("和", "、") and value_re().match(text, pos + 1, end):
                pos += 1
                continue
            break
        if not values:
            continue
        span_end = values[-1].end()
        year = target_year(text, start, name_start, default_year)
        baseline = int(trigger["base"]) if trigger["base"] else None
        if not name:  # 完成55个建制村环境整治任务: the name follows the value
            tail_end = span_end
            while tail_end < end and text[tail_end] not in CLAUSE_BOUNDARY:
                tail_end += 1
            name = text[span_end:tail_end][: indicator_rules().name_max]
            span_end = tail_end
        if not name:
            continue
        for match in values:
            value = float(match["value"])
            indicators.append(Indicator(
                name=name, comparator=comparator_of(trigger, match["unit"], value, match["qual"]),
                value=value, unit=match["unit"], baseline_year=baseline, target_year=year,
                text=text[name_offset:span_end], span=(name_offset, span_end)))
    return indicators
