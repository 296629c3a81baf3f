"""Region of a notice (province, city, county) from the national table of administrative
divisions (the adcode table shipped with the `cpca` package), matched in one
pass of the standard `re` engine plus a look-back from each 县/区/市/旗.

Province and city names also match in their short form (武威市 → 武威, 宁夏回族自治区 →
宁夏); counties only by their full name, and only inside the chosen city, because short
county names are too often ordinary words.
"""

from __future__ import annotations

import csv
import importlib.resources
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

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
def name_index() -> tuple[dict[str, tuple[Division, ...]], dict[str, tuple[Division, ...]]]:
    """(province and city names, full and short → divisions; county full names → divisions)."""
    upper: dict[str, list[Division]] = {}
    counties: dict[str, list[Division]] = {}
    for division in divisions().values():
        if division.level == "county":
            counties.setdefault(division.name, []).append(division)
            continue
        upper.setdefault(division.name, []).append(division)
        short = short_name(division.name)
        if short:
            upper.setdefault(short, []).append(division)
    return ({k: tuple(v) for k, v in upper.items()}, {k: tuple(v) for k, v in counties.items()})


@cache
def upper_re() -> re.Pattern[str]:
    """Province and city names, longest first (the standard `re` is fastest for this)."""
    upper, _ = name_index()
    return re.compile("|".join(re.escape(name) for name in sorted(upper, key=lambda n: (-len(n), n))))


COUNTY_END_RE = re.compile("[县区市旗]")
LONGEST_COUNTY = 15


def find_mentions(text: str) -> list[Mention]:
    """Provinces and cities by name (full or short), counties by full name, found from
    the character that ends them; overlapping mentions keep the longest."""
    upper, counties = name_index()
    hits: list[tuple[int, int, tuple[Division, ...]]] = [
        (m.start(), m.end(), upper[m.group()]) for m in upper_re().finditer(text)]
    for match in COUNTY_END_RE.finditer(text):
        end = match.end()
        for start in range(max(0, end - LONGEST_COUNTY), end - 1):
            if text[start:end] in counties:
                hits.append((start, end, counties[text[start:end]]))
                break
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
