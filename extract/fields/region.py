"""Region of a notice (province, city, county) from the national table of administrative
divisions (the adcode table shipped with the `cpca` package), matched with one
Aho-Corasick pass over the text.

Province and city names also match in their short form (武威市 → 武威, 宁夏回族自治区 →
宁夏); counties only by their full name, and only inside the chosen city, because short
county names are too often ordinary words.
"""

from __future__ import annotations

import csv
import importlib.resources
from collections import Counter
from dataclasses import dataclass
from functools import cache

import ahocorasick

from extract.fields.metadata_rules import metadata_rules
from schemas.document import Span


@dataclass(frozen=True)
class Division:
    code: str  # 6-digit adcode
    name: str
    level: str  # province | city | county

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def city_code(self) -> str:
        return self.code[:4] + "00"


@dataclass(frozen=True)
class Mention:
    division: Division
    span: Span


def level_of(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "city"
    return "county"


@cache
def divisions() -> dict[str, Division]:
    """adcode (6 digits) → Division, read once from the packaged table."""
    table = importlib.resources.files("cpca").joinpath("resources/adcodes.csv")
    found: dict[str, Division] = {}
    with table.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["adcode"][:6]
            name = row["name"].strip()
            if name and name not in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                found[code] = Division(code, name, level_of(code))
    return found


def short_name(name: str) -> str | None:
    for suffix in metadata_rules().region_suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


@cache
def automaton() -> ahocorasick.Automaton:
    """Every full name, and short names of provinces and cities, → the divisions they name."""
    names: dict[str, list[Division]] = {}
    for division in divisions().values():
        names.setdefault(division.name, []).append(division)
        short = short_name(division.name) if division.level != "county" else None
        if short:
            names.setdefault(short, []).append(division)
    machine = ahocorasick.Automaton()
    for name, targets in names.items():
        machine.add_word(name, (name, tuple(targets)))
    machine.make_automaton()
    return machine


def find_mentions(text: str) -> list[Mention]:
    """Longest non-overlapping mentions, left to right."""
    hits: list[tuple[int, int, tuple[Division, ...]]] = []
    for end, (name, targets) in automaton().iter(text):
        hits.append((end + 1 - len(name), end + 1, targets))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    mentions: list[Mention] = []
    last_end = -1
    for start, end, targets in hits:
        if start < last_end:
            continue
        last_end = end
        mentions.extend(Mention(d, (start, end)) for d in targets)
    return mentions


def choose_region(weighted: list[tuple[Mention, int]]) -> dict[str, Mention]:
    """The most mentioned city (its province follows), else the most mentioned province;
    a county only when one inside that city is named."""
    cities: Counter[str] = Counter()
    provinces: Counter[str] = Counter()
    first: dict[str, Mention] = {}
    for mention, weight in weighted:
        division = mention.division
        first.setdefault(division.code, mention)
        if division.level == "city":
            cities[division.code] += weight
        elif division.level == "province":
            provinces[division.code] += weight
    chosen: dict[str, Mention] = {}
    table = divisions()
    if cities:
        city_code = max(sorted(cities), key=lambda c: cities[c])
        chosen["city"] = first[city_code]
        province = table.get(table[city_code].province_code)
        if province is not None:
            chosen["province"] = first.get(province.code, Mention(province, first[city_code].span))
    elif provinces:
        province_code = max(sorted(provinces), key=lambda c: provinces[c])
        chosen["province"] = first[province_code]
    return chosen


def county_in(weighted: list[tuple[Mention, int]], city: Division, min_weight: int) -> Mention | None:
    """A county of the chosen city named where it counts (title or signature)."""
    for mention, weight in weighted:
        division = mention.division
        if division.level == "county" and division.city_code == city.code and weight >= min_weight:
            return mention
    return None
