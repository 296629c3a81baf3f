"""Region of a notice (province, city, county) from the national table of administrative
divisions (the adcode table shipped with the `cpca` package): province and city names
looked up where a name's first two characters stand, counties by a look-back from each
县/区/市/旗.

Province and city names also match in their short form (武威市 → 武威, 宁夏回族自治区 →
宁夏); counties only by their full name, and only inside the chosen city, because short
county names are too often ordinary words.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

import regex

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


class Mention(NamedTuple):
    """A division named at span. A tuple: a notice names a few dozen places, and a frozen
    dataclass sets each field through object.__setattr__ (several times slower to build)."""
    division: Division
    span: Span


def level_of(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "city"
    return "county"


def adcode_table() -> Path:
    """The adcode table inside the installed `cpca` package, found without importing the
    package (its import loads its own data and pkg_resources: half a second)."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the cpca package (the adcode table) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


@cache
def divisions() -> dict[str, Division]:
    """adcode (6 digits) → Division, read once from the packaged table."""
    found: dict[str, Division] = {}
    with adcode_table().open(encoding="utf-8") as handle:
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


def prefecture_short_names(name: str) -> list[str]:
    """恩施土家族苗族自治州 → [恩施州]: the place name before the first people named, with
    州 (the bare place name, 海南, may be a province's too)."""
    if not name.endswith("自治州"):
        return []
    groups = metadata_rules().ethnic_groups
    peoples = tuple(group + "族" for group in groups)
    for cut in range(2, len(name) - 3):
        # (a people may be named without 族 right before 自治州: 伊犁哈萨克自治州 → 伊犁州)
        if name.startswith(peoples, cut) or any(name[cut:] == group + "自治州" for group in groups):
            return [name[:cut] + "州"]
    return []


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
        for short in [short_name(division.name) or "", *prefecture_short_names(division.name)]:
            if short and division not in upper.get(short, []):
                upper.setdefault(short, []).append(division)
    rules = metadata_rules()
    for index, renamed in ((counties, rules.renamed_counties), (upper, rules.renamed_cities)):
        for new, old in renamed.items():  # 宁乡市, the table's 宁乡县
            if new not in index:
                index[new] = [Division(d.code, new, d.level) for d in index.get(old, [])]
    for name, code in rules.added_counties.items():  # 北屯市, a Corps city the table lacks
        counties.setdefault(name, [Division(code, name, level_of(code))])
    for short, full in rules.division_short_names.items():  # 科右中旗, 巴州: the table's division
        for index in (counties, upper):
            if full in index and short not in index:
                index[short] = list(index[full])
    return ({k: tuple(v) for k, v in upper.items()}, {k: tuple(v) for k, v in counties.items()})


@cache
def upper_lengths() -> dict[str, tuple[int, ...]]:
    """First two characters of a province or city name → the lengths of the names
    starting so, longest first (every name has at least two characters)."""
    upper, _ = name_index()
    lengths: dict[str, set[int]] = {}
    for name in upper:
        lengths.setdefault(name[:2], set()).add(len(name))
    return {head: tuple(sorted(found, reverse=True)) for head, found in lengths.items()}


@cache
def upper_start_re() -> re.Pattern[str]:
    """A character that opens a province or city name, before one that can come second:
    the candidate starts. Some 400 of 4,000 characters open a name, but a name's first two
    characters together are rare (a pattern of all 761 names spends most of its time trying
    every branch at each of those 400 places). The match is one character long, so
    finditer reports every candidate, overlapping ones too."""
    upper, _ = name_index()
    firsts = "".join(sorted({name[0] for name in upper}))
    seconds = "".join(sorted({name[1] for name in upper}))
    return re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")


def upper_hits(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, name) of the province and city names in text[start:end]: at the
    leftmost place the longest name, then on after it (what a longest-first alternation
    of the names finds with finditer)."""
    upper, _ = name_index()
    heads = upper_lengths()
    hits: list[tuple[int, int, str]] = []
    last_end = start
    for candidate in upper_start_re().finditer(text, start, end):
        at = candidate.start()
        if at < last_end:
            continue
        for length in heads.get(text[at:at + 2], ()):
            name = text[at:at + length]
            if at + length <= end and name in upper:
                hits.append((at, at + length, name))
                last_end = at + length
                break
    return hits


LONGEST_UPPER = 11  # 黔西南布依族苗族自治州: the longest province or city name


@cache
def upper_full_names() -> frozenset[str]:
    return frozenset(division.name for division in divisions().values() if division.level != "county")


def upper_name_ending_at(text: str, end: int) -> int | None:
    """Where the full name of a province or city ending at `end` starts (河南省, 广西壮族自治区),
    the longest one; None when no such name ends there."""
    full = upper_full_names()
    for length in range(min(LONGEST_UPPER, end), 1, -1):
        if text[end - length:end] in full:
            return end - length
    return None


COUNTY_ENDS = "县区市旗"  # the last character of every county name looked for
LONGEST_COUNTY = 15


@cache
def county_lengths() -> dict[str, tuple[int, ...]]:
    """Last two characters of a county name → the lengths of the names ending so, longest
    first: the look-back from a 县/区/市/旗 tries only lengths a county can have there."""
    _, counties = name_index()
    lengths: dict[str, set[int]] = {}
    for name in counties:
        if 2 <= len(name) <= LONGEST_COUNTY:
            lengths.setdefault(name[-2:], set()).add(len(name))
    return {tail: tuple(sorted(found, reverse=True)) for tail, found in lengths.items()}


def county_hits(text: str, start: int, end: int) -> list[tuple[int, int, tuple[Division, ...]]]:
    """(start, end, divisions) of the longest county name ending at each 县/区/市/旗 of
    text[start:end], ordered by end character then offset. The ends are found with one
    str.find loop per character: a `[县区市旗]` regex scan costs ten times as much (the
    engine tries its class at every position of a text these characters are rare in)."""
    _, counties = name_index()
    tails = county_lengths()
    hits: list[tuple[int, int, tuple[Division, ...]]] = []
    for end_char in COUNTY_ENDS:
        at = text.find(end_char, start + 1, end)  # a county name has at least two characters
        while at != -1:
            stop = at + 1
            for length in tails.get(text[at - 1:stop], ()):
                name = text[stop - length:stop]
                if length <= stop - start and name in counties:  # the longest county name
                    hits.append((stop - length, stop, counties[name]))
                    break
            at = text.find(end_char, stop, end)
    return hits


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Provinces and cities by name (full or short), counties by full name, found from
    the character that ends them, in text[start:end] (spans into text); overlapping
    mentions keep the longest (of a province or city and a county alike, the former)."""
    end = len(text) if end is None else end
    upper, _ = name_index()
    hits = [(at, stop, upper[name]) for at, stop, name in upper_hits(text, start, end)]
    hits += county_hits(text, start, end)  # after the upper hits: a stable sort keeps those first on a tie
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    mentions: list[Mention] = []
    last_end = -1
    for at, stop, targets in hits:
        if at < last_end:
            continue
        last_end = stop
        mentions.extend(Mention(d, (at, stop)) for d in targets)
    return mentions


@cache
def name_characters() -> frozenset[str]:
    """Every character of a province, city or county name, short names too."""
    upper, counties = name_index()
    return frozenset("".join(upper) + "".join(counties))


def stands_apart(text: str, span: Span, separators: str) -> bool:
    """Whether no place name and no list of provinces (listed_province_spans) runs across
    the ends of text[span]: the characters on either side are in no name and separate no
    names (or are the text's ends). Its places are then those found in it alone."""
    outside = name_characters()
    start, end = span
    return all(not char or (char not in outside and char not in separators)
               for char in (text[start - 1:start] if start > 0 else "", text[end:end + 1]))


def listed_province_spans(text: str, mentions: list[Mention], joiner: regex.Pattern[str],
                          tail: regex.Pattern[str]) -> set[Span]:
    """The spans of the names in a list of several provinces or several cities (天津、山西、
    辽宁…7个省市; 吉林、浙江…8省(区); 泸州市、德阳市…等10个市州; a ranking, 成都市1134个、宜宾
    市594个): such a list names no one place, and its first name (吉林) is no city either. A
    list is a run of names of one level, each one a province's or each a city's (full or
    short), `joiner` between each and the next (a separator, a figure before it allowed);
    a place's name alone before `tail`, a count of places of its level (天津等7省市,
    丽江等5州(市)), is one too."""
    level_at: dict[Span, str] = {}
    for mention in mentions:
        level = mention.division.level
        if level == "province" or (level == "city" and level_at.get(mention.span) != "province"):
            level_at[mention.span] = level
    spans = sorted(level_at)
    listed: set[Span] = set()
    run: list[Span] = []
    for span in [*spans, (-1, -1)]:  # a sentinel closes the last run
        joined = (bool(run) and level_at.get(span) == level_at[run[-1]]
                  and joiner.fullmatch(text, run[-1][1], span[0]) is not None)
        if run and not joined:
            if len(run) >= 2:
                listed.update(run)
            run = []
        if span in level_at:
            run.append(span)
    for span, level in level_at.items():
        counted = tail.match(text, span[1])
        if counted is not None and counted[level] is not None:  # a count of places of its level
            listed.add(span)
    return listed


def choose_region(weighted: list[tuple[Mention, int]], strong_weight: int) -> dict[str, Mention]:
    """Province, city and county of the issuing body. Places named in the title or the
    signature (weight >= strong_weight) decide when there are any, so a provincial plan
    that names its cities in the body stays provincial; otherwise every mention counts, a
    county only when it is the one the text names (lone_county)."""
    strong = [(m, w) for m, w in weighted if w >= strong_weight]
    strong_counties = [m for m, _ in strong if m.division.level == "county"] if strong else lone_county(weighted)
    for pool in ([strong] if strong else []) + [weighted]:
        chosen = region_from(pool, strong_counties)
        if chosen:
            return chosen
    return {}


def lone_county(pool: list[tuple[Mention, int]]) -> list[Mention]:
    """With no place in the title or signature, the mentions of the one county the text
    names (a district's public notice, 现将东丽区…第7项…公示), named more often than
    its city: [] when it names several counties, or its city more (a city's report naming
    one of its counties)."""
    counties = [m for m, _ in pool if m.division.level == "county"]
    if not counties or any(m.division.code != counties[0].division.code for m in counties):
        return []
    city_code = counties[0].division.city_code
    city_mentions = sum(1 for m, _ in pool if m.division.code == city_code)
    return counties if len(counties) > city_mentions else []


def most_weighted(pool: list[tuple[Mention, int]], level: str, unique: bool = False) -> Mention | None:
    """The division of that level with the most weight (ties: the lower code, or none when
    `unique`); its first mention."""
    top = top_weighted(pool, level)
    if not top or (unique and len(top) > 1):
        return None
    return top[0]


def top_weighted(pool: list[tuple[Mention, int]], level: str) -> list[Mention]:
    """The first mentions of the divisions of that level that share the most weight, by code."""
    weights: dict[str, int] = {}
    first: dict[str, Mention] = {}
    for mention, weight in pool:
        division = mention.division
        if division.level == level:
            code = division.code
            weights[code] = weights.get(code, 0) + weight
            first.setdefault(code, mention)
    if not weights:
        return []
    top = max(weights.values())
    return [first[code] for code in sorted(weights) if weights[code] == top]


def shared_province(cities: list[Mention], pool: list[tuple[Mention, int]]) -> Mention | None:
    """The province of several cities named alike, when they all lie in one (福州…;厦门…: 福建省)."""
    codes = {city.division.province_code for city in cities}
    return parent(cities[0], codes.pop(), pool) if len(codes) == 1 else None


def parent(child: Mention, code: str, pool: list[tuple[Mention, int]]) -> Mention | None:
    """The division `code` above a mention: its own mention when named, else at the child's span."""
    division = divisions().get(code)
    if division is None:
        return None
    named = next((m for m, _ in pool if m.division.code == code), None)
    return named or Mention(division, child.span)


def region_from(pool: list[tuple[Mention, int]], strong_counties: list[Mention]) -> dict[str, Mention]:
    chosen: dict[str, Mention] = {}
    # several provinces or cities named alike (天津市…;山西省…;湖南省…, 福州19件…;厦门20件…)
    # name none of them: a province's news on its cities is the province's
    city = most_weighted(pool, "city", unique=True)
    province = most_weighted(pool, "province", unique=True)
    if city is not None:
        chosen["city"] = city
        above = parent(city, city.division.province_code, pool)
        if above is not None:
            chosen["province"] = above
        county = next((m for m in strong_counties if m.division.city_code == city.division.code), None)
    else:
        # A county named with no city: one of a municipality (上海市长宁区) or a county-level
        # city under the province (济源市); an ambiguous name needs its province named.
        spans = Counter(m.span for m in strong_counties)
        county = next((m for m in strong_counties
                       if (province is None and spans[m.span] == 1)
                       or (province is not None and m.division.province_code == province.division.code)), None)
        if county is not None:
            above = parent(county, county.division.province_code, pool)
            if above is not None:
                chosen["province"] = above
            over = divisions().get(county.division.city_code)
            if over is not None:
                chosen["city"] = parent(county, over.code, pool) or county
        elif province is not None:
            chosen["province"] = province
        elif (tied := top_weighted(pool, "city")):
            above = shared_province(tied, pool)
            if above is not None:
                chosen["province"] = above
    if county is not None:
        chosen["county"] = county
    return chosen
