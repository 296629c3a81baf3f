"""Responsible units, leaders and persons: a field value split into whole units or names.

Units split on 、 ， , ； only between whole units: a piece that does not end like a unit
(`市` in `市、县区国家机关`) joins the next, and brackets never split; bare places before an
organ written once share it (西安、宝鸡、渭南市政府, a place name checked against the adcode
table of extract/fields/region.py). People split into
names where the pieces are names (a surname-led 2–4 character rule with the surname table
in rules/surnames.txt; jieba's tagger cuts such lists wrongly), while role phrases
(`…主要负责人`) stay whole with the units written before them. Word lists: rules/people.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import regex
from pydantic import BaseModel, ConfigDict

from extract.fields.patterns import RULES_DIR, label_lookup, label_rules, load_yaml
from extract.fields.raw import Piece, first_of_each, new_tuple, piece_at
from extract.fields.region import name_index


class PeopleRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    separators: list[str]
    brackets: dict[str, str]
    unit_endings: list[str]
    min_place_unit_len: int
    standalone_heads: list[str]
    bare_levels: str
    partner_organs: dict[str, list[str]]
    place_endings: list[str]
    place_list_separators: str
    max_place_chars: int
    shared_prefix_organs: list[str]
    shared_suffix_organs: list[str]
    shared_organ_gaps: list[str]
    collective_prefixes: list[str]
    unit_joiners: list[str]
    joiner_not_before: list[str]
    joiner_not_before_by_joiner: dict[str, list[str]]
    min_joined_unit_len: int
    unit_notes: str
    lead_marks: list[str]
    cooperating_marks: list[str]
    unit_tails: list[str]
    unit_openers: list[str]
    bare_organ_words: list[str]
    value_ends: list[str]
    role_endings: list[str]
    title_endings: list[str]
    title_prefixes: list[str]
    title_organs: list[str]
    name_honorifics: list[str]
    transliterated_name_chars: str
    phone_tail: str
    name_min: int
    name_max: int
    common_word_min_freq: int


@cache
def people_rules() -> PeopleRules:
    return PeopleRules.model_validate(load_yaml("people.yaml"))


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, compound surnames)."""
    lines = (RULES_DIR / "surnames.txt").read_text(encoding="utf-8").splitlines()
    names = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) == 2)


HAN_RE = regex.compile(r"^[\p{Han}·]+\Z")  # \Z: $ would pass a name closing with a line break
DOTTED_NAME_LEN = (3, 12)  # transliterated names with ·: 阿卜杜·热合曼


def cut_at_value_end(piece: Piece) -> Piece | None:
    """A value ends at its first 。: what follows is commentary (因机构改革…)."""
    end = len(piece.text)
    for mark in people_rules().value_ends:
        found = piece.text.find(mark)
        if found != -1:
            end = min(end, found)
    return piece_at(piece.text, 0, end, piece.span[0])


@dataclass(frozen=True)
class SplitMarks:
    """What `split_top_level` looks at: brackets opening and closing, separators, and a
    pattern finding any of them (other characters change nothing, so are not visited)."""

    openers: frozenset[str]
    closers: frozenset[str]
    separators: frozenset[str]
    any_mark: re.Pattern[str]


@cache
def split_marks() -> SplitMarks:
    rules = people_rules()
    openers, closers, separators = frozenset(rules.brackets), frozenset(rules.brackets.values()), frozenset(
        rules.separators)
    chars = sorted(mark for mark in openers | closers | separators if len(mark) == 1)
    any_mark = re.compile("[" + "".join(map(re.escape, chars)) + "]" if chars else "(?!)")
    return SplitMarks(openers, closers, separators, any_mark)


def split_top_level(piece: Piece) -> list[Piece]:
    """Split on the separators that stand outside brackets and book-title marks."""
    marks = split_marks()
    depth = 0
    pieces: list[Piece] = []
    start = 0
    text = piece.text
    for match in marks.any_mark.finditer(text):
        index, char = match.start(), match.group()
        if char in marks.openers:
            depth += 1
        elif char in marks.closers and depth > 0:
            depth -= 1
        elif char in marks.separators and depth == 0:
            pieces += [p for p in [piece_at(text, start, index, piece.span[0])] if p]
            start = index + 1
    pieces += [p for p in [piece_at(text, start, len(text), piece.span[0])] if p]
    return pieces


@cache
def joiner_re() -> re.Pattern[str]:
    """Any joiner word not followed by a character it refuses, longest first (以及 before 及)."""
    rules = people_rules()
    words = sorted(rules.unit_joiners, key=len, reverse=True)
    if not words:
        return re.compile("(?!)")

    def alternative(word: str) -> str:
        refused = "".join(map(re.escape, rules.joiner_not_before + rules.joiner_not_before_by_joiner.get(word, [])))
        return re.escape(word) + (f"(?![{refused}])" if refused else "")

    return re.compile("|".join(map(alternative, words)))


def split_at_joiners(piece: Piece) -> list[Piece]:
    """市生态环境局及各县区政府 → 市生态环境局, 各县区政府: a joiner word splits only between
    two units (`splits_at_joiner`), outside brackets (see unit_joiners in people.yaml)."""
    text = piece.text
    if not joiner_re().search(text):
        return [piece]  # most pieces hold no joiner
    marks = split_marks()
    pieces: list[Piece] = []
    start = 0
    for match in joiner_re().finditer(text):
        left, right = text[start:match.start()], text[match.end():]
        if bracket_depth(text[:match.start()], marks) == 0 and splits_at_joiner(left, right):
            pieces += [p for p in [piece_at(text, start, match.start(), piece.span[0])] if p]
            start = match.end()
    pieces += [p for p in [piece_at(text, start, len(text), piece.span[0])] if p]
    return pieces


def splits_at_joiner(left: str, right: str) -> bool:
    """Whether a joiner between `left` and `right` stands between two units: an organ and a
    whole unit, or a place and the unit whose organ it shares."""
    if ends_like_organ(left) and first_unit_len(right) >= people_rules().min_joined_unit_len:
        return True
    return shares_organ_of(left, right)


def shares_organ_of(left: str, right: str) -> bool:
    """西安和宝鸡市政府: the words before a joiner name a place of the adcode table that shares
    the organ of the unit after it (a place the table does not know stays joined: 开发区和
    高新区管委会)."""
    shared = shared_organ_of(right)
    name = sharing_name(left, shared) if shared is not None else None
    return name is not None and known_place(name)


def first_unit_len(text: str) -> int:
    """The length of the shortest start of `text` that ends like a unit (0 if none): 政府 in
    政府及其工作部门 is too short to stand alone, so 党委和政府 is not split."""
    return next((end for end in range(1, len(text) + 1) if ends_like_unit(text[:end])), 0)


def words_of(piece: Piece) -> list[Piece]:
    """The piece's whitespace-separated words, each with its span."""
    return [Piece(m.group(), (piece.span[0] + m.start(), piece.span[0] + m.end()))
            for m in NON_SPACE_RE.finditer(piece.text)]


NON_SPACE_RE = re.compile(r"\S+")


def split_at_spaces(piece: Piece) -> list[Piece]:
    """Units a cell lists one per line or with spaces (市住建局\n市城管局): split only when
    every word is a whole unit, so 各县(市、 区)人民政府 stays one."""
    if not any(char.isspace() for char in piece.text):
        return [piece]
    words = words_of(piece)
    if len(words) > 1 and all(ends_like_unit(strip_marks(word)[0].text) for word in words):
        return words
    return [piece]


def bracket_depth(text: str, marks: SplitMarks) -> int:
    """How many brackets are open at the end of `text`."""
    depth = 0
    for char in text:
        if char in marks.openers:
            depth += 1
        elif char in marks.closers and depth > 0:
            depth -= 1
    return depth


def ends_like_organ(text: str) -> bool:
    """Ends like a unit by an organ word (局, 政府, 委): a bare place (开发区) is no organ."""
    _, places, _ = unit_ending_words()
    return ends_like_unit(text) and not text.endswith(places)


def ends_like_unit(text: str) -> bool:
    closers, places, units = unit_ending_words()
    if (text.endswith(closers) or text.endswith(places)) and bare_levels_re().match(text):
        return False  # 有关市, 各市(州): levels, not a unit
    if text.endswith(closers):
        return True
    if text.endswith(places) and len(text) < people_rules().min_place_unit_len:
        return False
    return text.endswith(units)


@cache
def bare_levels_re() -> re.Pattern[str]:
    return re.compile(people_rules().bare_levels)


@cache
def unit_ending_words() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(closing brackets, place endings, unit endings) as tuples for one `endswith` each."""
    rules = people_rules()
    return tuple(rules.brackets.values()), tuple(rules.place_endings), tuple(rules.unit_endings)


def stretch(value: Piece, first: Piece, last: Piece) -> Piece:
    """The part of `value` from `first` to `last` as written (separators included)."""
    start, end = first.span[0] - value.span[0], last.span[1] - value.span[0]
    return Piece(value.text[start:end], (first.span[0], last.span[1]))


LEAD, COOPERATING = "lead", "cooperating"


def strip_marks(piece: Piece) -> tuple[Piece, str | None]:
    """Remove a lead mark `(牵头)`, a cooperating mark `(配合)` or a tail `等`, and an
    opening word (`由`); report the mark found (LEAD, COOPERATING or None)."""
    rules = people_rules()
    text, start, end = piece.text, piece.span[0], piece.span[1]
    opener = next((word for word in rules.unit_openers if text.startswith(word) and len(text) > len(word) + 1), None)
    if opener is not None:  # 由市水务局牵头
        text, start = text[len(opener):], start + len(opener)
    if not text.endswith(mark_words()):
        if opener is not None:
            return Piece(text, (start, end)), None
        return piece, None  # most units carry neither
    marked: str | None = None
    for kind, marks in ((LEAD, rules.lead_marks), (COOPERATING, rules.cooperating_marks)):
        mark = next((m for m in marks if text.endswith(m) and len(text) > len(m)), None)
        if mark is not None:
            text, end, marked = text[: -len(mark)], end - len(mark), kind
            break
    for tail in rules.unit_tails:
        if text.endswith(tail) and len(text) > len(tail) + 1:
            text, end = text[: -len(tail)], end - len(tail)
            break
    kept = text.rstrip()  # 市生态环境局 负责
    text, end = kept, end - (len(text) - len(kept))
    return Piece(text, (start, end)), marked


@cache
def mark_words() -> tuple[str, ...]:
    """Every lead mark, cooperating mark and unit tail, for one `endswith`."""
    rules = people_rules()
    return (*rules.lead_marks, *rules.cooperating_marks, *rules.unit_tails)


def with_shared_prefix(previous: Piece | None, piece: Piece) -> Piece:
    """普定县委、县政府: the bare organ borrows the place before its level character; 各市党委、
    政府: a partner organ borrows the place before its partner, with the organ's other name
    in brackets too (各市(地)党委、政府(行署) → 各市(地)政府(行署))."""
    if previous is None:
        return piece
    organ = without_organ_note(piece.text)
    partners = people_rules().partner_organs.get(organ, [])
    partner = next((p for p in partners if previous.text.endswith(p) and len(previous.text) > len(p)), None)
    if partner is not None:
        return Piece(previous.text[: -len(partner)] + piece.text, piece.span)
    if organ not in people_rules().shared_prefix_organs:
        return piece
    level = piece.text[0]
    cut = previous.text.find(level)
    if cut <= 0:
        return piece
    return Piece(previous.text[:cut] + piece.text, piece.span)


ORGAN_NOTE_RE = re.compile(r"[(（]([^()（）]+)[)）]$")  # 政府(行署): the organ's other name


def without_organ_note(text: str) -> str:
    """`政府(行署)` → 政府: a bracketed organ after an organ names what the unit is called
    where the place is of another kind (a 地区's 行署), so the organ before it is what
    borrows a place; any other bracketed note is kept (`政府(牵头)` is no bare organ)."""
    note = ORGAN_NOTE_RE.search(text)
    if note is None or not ends_like_organ(note[1]):
        return text
    return text[: note.start()]


def with_shared_prefixes(group: list[Piece], piece: Piece) -> list[Piece]:
    """`with_shared_prefix` after the units one written item gave: 兰州、白银市委、市政府 →
    兰州市政府, 白银市政府 (the bare organ borrows every place of the run before it, or, when
    one of them lends none, the place of the last alone)."""
    if not group:
        return [piece]
    borrowed = [with_shared_prefix(unit, piece) for unit in group]
    if len(borrowed) > 1 and all(unit.text != piece.text for unit in borrowed):
        return borrowed
    return borrowed[-1:]


class SharedOrgan(NamedTuple):
    place: str  # 渭南市
    organ: str  # 政府
    # the organ is a department after a place of the table (甘肃省发展改革委): only names
    # written without their level share it (青海、甘肃省发展改革委); 兰州市、白银市生态环境局
    # lists 兰州市 as a unit of its own
    names_only: bool


def shared_organ_of(text: str) -> SharedOrgan | None:
    """The place and organ of a unit a list of bare places before it can share: 渭南市政府 →
    (渭南市, 政府), 甘肃省发展改革委 → (甘肃省, 发展改革委); None when what stands before the
    organ is no single place (各县区, 有关市, 市生态环境)."""
    organ = next((o for o in shared_suffix_organs() if text.endswith(o)), None)
    if organ is not None:
        place = text[: -len(organ)]
        if place.endswith(unit_ending_words()[1]) and bare_place(place, place[-1]) == place:
            return SharedOrgan(place, organ, names_only=False)
    return department_of_place(text)


def department_of_place(text: str) -> SharedOrgan | None:
    """甘肃省发展改革委 → (甘肃省, 发展改革委): the longest start of the unit that is a place
    of the adcode table, when the rest ends like an organ."""
    if not ends_like_organ(text):
        return None
    place_endings = unit_ending_words()[1]
    for end in range(len(text) - 2, 1, -1):
        place, organ = text[:end], text[end:]
        # two characters at least: a one-character organ (委) is in shared_suffix_organs
        if len(organ) >= 2 and place.endswith(place_endings) and known_place(place) and ends_like_organ(organ):
            return SharedOrgan(place, organ, names_only=True)
    return None


def sharing_name(text: str, shared: SharedOrgan) -> str | None:
    """The place `text` names when it may share `shared`'s organ (`bare_place` at its level,
    written without the level where the organ is a department), else None."""
    level = shared.place[-1]
    if shared.names_only and text.endswith(level):
        return None
    return bare_place(text, level)


@cache
def shared_suffix_organs() -> tuple[str, ...]:
    """The organs a run of places shares, longest first (党委 before 委)."""
    return tuple(sorted(people_rules().shared_suffix_organs, key=len, reverse=True))


def bare_place(text: str, level: str) -> str | None:
    """The place `text` names at `level` (its last character), when `text` is a bare place
    name: 东营市, or 西安 when 西安市 is a province, city or county name in the adcode table
    (兰州 too); None for another level (凉州区 before 县), a collective (各县区, 有关市) or no place."""
    rules = people_rules()
    if not HAN_RE.match(text) or text.startswith(tuple(rules.collective_prefixes)) \
            or bare_levels_re().match(text):
        return None
    if text.endswith(level):
        return text if len(text) >= rules.min_place_unit_len or known_place(text) else None
    # a short name may end like another level (兰州 → 兰州市): the table decides
    return text + level if len(text) >= 2 and known_place(text + level) else None


PLACE_NOTE_RE = re.compile(r"[(（][^()（）]*[)）]$")  # 雁塔区(曲江新区): a note after the place


def names_places(text: str) -> bool:
    """A value that names places alone (雁塔区; 长安区、鄠邑区; 西安市雁塔区): each part a
    bare place at the level it ends with (`bare_place`), not 全市, 各区县, 其他, 大气, /
    or a sentence."""
    rules = people_rules()
    parts = [part for part in place_list_separators_re().split(text) if part]
    return bool(parts) and all(is_place_name(PLACE_NOTE_RE.sub("", part), rules.max_place_chars) for part in parts)


def is_place_name(text: str, max_chars: int) -> bool:
    return (len(text) <= max_chars and text.endswith(unit_ending_words()[1])
            and bare_place(text, text[-1]) == text)


@cache
def place_list_separators_re() -> re.Pattern[str]:
    return re.compile(people_rules().place_list_separators)


def known_place(name: str) -> bool:
    """A province, city or county name (full, or short with its level: 临夏州)."""
    upper, counties = name_index()
    return name in upper or name in counties


def shared_organ_runs(parts: list[Piece | None], labels: list[str | None], text: str) -> dict[int, Piece]:
    """Bare places sharing the organ of the unit written after them, wherever the run
    stands in the value: 西安、宝鸡、渭南市政府,省环保厅 → {西安: 西安市政府, 宝鸡: 宝鸡市政府}
    (each with its place's span; the unit that names the organ stays as written). A run
    holds only bare places of that level joined by `shared_organ_gaps`, with no label
    inside; it is left whole when a piece that is no unit stands before it (有关市、…: such
    a piece joins what follows), and it makes no second copy (淄博市、淄博市人民政府)."""
    gaps = frozenset(people_rules().shared_organ_gaps)
    shared: dict[int, Piece] = {}
    for index in range(1, len(parts)):
        part = parts[index]
        found = shared_organ_of(strip_marks(part)[0].text) if part is not None else None
        if part is None or found is None:
            continue
        organ = found.organ
        run: dict[int, Piece] = {}
        taken = {strip_marks(part)[0].text}
        k, after = index - 1, part
        while k >= 0 and labels[k + 1] is None:
            before = parts[k]
            if before is None or text[before.span[1]:after.span[0]].strip() not in gaps \
                    or strip_marks(before)[1] is not None:
                break
            name = sharing_name(before.text, found)
            if name is None or name + organ in taken:
                break
            taken.add(name + organ)
            run[k] = Piece(name + organ, before.span)
            k, after = k - 1, before
        opening = parts[k] if k >= 0 else None
        if opening is not None and not ends_like_unit(strip_marks(opening)[0].text):
            continue  # 有关市、州人民政府: the piece before joins the run, which stays one unit
        shared.update(run)
    return shared


@dataclass(frozen=True)
class UnitList:
    units: list[Piece]  # whole units in written order, marks removed
    lead: int | None  # the unit marked as lead, if any
    cooperating: frozenset[int]  # the units marked as cooperating


def split_unit_list(value: Piece) -> UnitList:
    """Whole units in written order, with the lead and cooperating marks they carry."""
    units, lead, cooperating = units_in(value.text)
    return UnitList(moved(units, value.span[0]), lead, cooperating)


def moved(pieces: Iterable[Piece], offset: int) -> list[Piece]:
    """The pieces in a list of their own, their spans moved by `offset`. (Built by
    tuple.__new__: a NamedTuple's own __new__ is a Python function, called per piece.)"""
    return [new_tuple(Piece, (text, (start + offset, end + offset))) for text, (start, end) in pieces]


# A notice repeats its unit lists and leaders task after task: each text is split once. The
# split of a value is the split of its text at offset 0 moved to where the value stands.
SPLIT_CACHE_SIZE = 1024


@lru_cache(maxsize=SPLIT_CACHE_SIZE)
def units_in(text: str) -> tuple[tuple[Piece, ...], int | None, frozenset[int]]:
    """`split_unit_list` of `text` standing at offset 0, as (units, lead, cooperating)."""
    cut = cut_at_value_end(Piece(text, (0, len(text))))
    if cut is None:
        return (), None, frozenset()
    units: list[Piece] = []
    lead: int | None = None
    cooperating: set[int] = set()
    pending: Piece | None = None
    scope: str | None = None  # the kind an in-cell label set (配合单位:A、B), until the next one
    pieces = with_bare_organs_joined([part for piece in split_top_level(without_notes(cut))
                                      for word in split_at_spaces(unit_and_person(piece)[0])
                                      for part in split_at_joiners(word)], cut)
    labelled = [strip_cell_label(piece) for piece in pieces]
    shared = shared_organ_runs([piece for piece, _ in labelled], [kind for _, kind in labelled], cut.text)
    group: list[Piece] = []  # the units the last written item gave (a run sharing an organ: all of them)
    run: list[Piece] = []  # the places of a run sharing an organ, before its organ is reached
    for index, (piece, label_kind) in enumerate(labelled):
        if label_kind is not None:
            scope = label_kind
        if piece is None:
            continue
        if index in shared and pending is None:
            written, marked = piece, None
            expanded = [shared[index]]
            run.append(shared[index])
        else:
            if not ends_like_unit(strip_marks(piece)[0].text) and index + 1 < len(pieces) \
                    and not stands_before_whole_unit(pending or piece, pieces[index + 1]):
                pending = pending or piece
                continue
            written = stretch(cut, pending or piece, piece)
            unit, marked = strip_marks(written)
            pending = None
            expanded = [unit] if run else with_shared_prefixes(group, unit)
            group, run = run + expanded, []
        new = unseen(units, expanded)
        if not new:
            continue
        first = len(units)
        bare_mark = not written.text.endswith(unit_ending_words()[0])  # 配合, not (配合)
        if marked == COOPERATING and bare_mark:
            # a bare 配合 closing A、B等有关部门 covers the whole list; (配合) one unit
            cooperating |= listed_with(units, first, new[0], cut.text, lead)
        marked = marked or (scope if scope in (LEAD, COOPERATING) else None)
        if marked == LEAD and lead is None:
            # a bare 牵头 closing A、B leads with both: the first of them comes first
            joined = same_list(units, first, new[0], cut.text, None) if bare_mark else set()
            lead = min(joined, default=first)
        elif marked == COOPERATING:
            cooperating.update(range(first, first + len(new)))
        units += new
    return tuple(units), lead, frozenset(cooperating)


def unit_and_person(piece: Piece) -> tuple[Piece, Piece | None]:
    """`县住建局 李明` → (县住建局, 李明): a unit with its responsible person's name after it,
    parted by a space, as a 责任单位及责任人 column writes them; else (piece, None)."""
    if not any(char.isspace() for char in piece.text):
        return piece, None
    words = words_of(piece)
    last = words[-1]
    if len(words) < 2 or not is_name(last.text):
        return piece, None
    unit = stretch(piece, words[0], words[-2])
    if not ends_like_unit(strip_marks(unit)[0].text):
        return piece, None
    return unit, last


@lru_cache(maxsize=SPLIT_CACHE_SIZE)
def persons_in_units(text: str) -> tuple[Piece, ...]:
    """The names `unit_and_person` finds after the units of `text` standing at offset 0."""
    cut = cut_at_value_end(Piece(text, (0, len(text))))
    if cut is None:
        return ()
    return tuple(person for piece in split_top_level(without_notes(cut))
                 for person in [unit_and_person(piece)[1]] if person is not None)


def with_bare_organs_joined(pieces: list[Piece], value: Piece) -> list[Piece]:
    """市政府各委、办、局 → one piece: an organ word standing alone (`bare_organ_words`)
    continues the piece before it, as written."""
    if len(pieces) < 2 or not any(piece.text in bare_organ_words() for piece in pieces[1:]):
        return pieces  # the common case: nothing to join
    joined = pieces[:1]
    for piece in pieces[1:]:
        if piece.text in bare_organ_words():
            joined[-1] = stretch(value, joined[-1], piece)
        else:
            joined.append(piece)
    return joined


@cache
def bare_organ_words() -> frozenset[str]:
    return frozenset(people_rules().bare_organ_words)


def stands_before_whole_unit(piece: Piece, following: Piece) -> bool:
    """各县(市、区) before 市直有关部门: a collective of levels, long enough to stand alone,
    before a unit whole by itself (`standalone_heads`) is not joined to it."""
    return following.text.startswith(standalone_heads()) and len(piece.text) >= people_rules().min_place_unit_len


@cache
def standalone_heads() -> tuple[str, ...]:
    return tuple(people_rules().standalone_heads)


def unseen(units: list[Piece], expanded: list[Piece]) -> list[Piece]:
    """The units of `expanded` named neither in `units` nor earlier in `expanded`
    (市林草局、市林草局 lists one unit)."""
    seen = {unit.text for unit in units}
    return [unit for unit in first_of_each(expanded, key=lambda unit: unit.text) if unit.text not in seen]


def without_notes(piece: Piece) -> Piece:
    """The piece with fill-in notes blanked out (same length, so spans hold)."""
    note_re = unit_note_re()
    if not note_re.search(piece.text):
        return piece
    return Piece(note_re.sub(lambda m: " " * len(m.group()), piece.text), piece.span)


@cache
def unit_note_re() -> re.Pattern[str]:
    return re.compile(people_rules().unit_notes)


RESPONSIBLE = "responsible"
CELL_LABEL_KINDS = {"lead_units": LEAD, "cooperating_units": COOPERATING, "responsible_units": RESPONSIBLE}


def strip_cell_label(piece: Piece) -> tuple[Piece | None, str | None]:
    """`配合单位:区水务局` inside a units value → (区水务局, COOPERATING); a piece with no
    such label comes back as it is, with None."""
    match = cell_label_re().match(piece.text)
    if match is None:
        return piece, None
    kind = CELL_LABEL_KINDS[label_lookup()[match.group("label")]]
    rest = piece_at(piece.text, match.end(), len(piece.text), piece.span[0])
    return rest, kind


@cache
def cell_label_re() -> re.Pattern[str]:
    """A units label (牵头单位, 配合单位, 责任单位 …) and its separator at a piece's start."""
    labels = sorted((label for label, name in label_lookup().items() if name in CELL_LABEL_KINDS),
                    key=len, reverse=True)
    separators = "".join(map(re.escape, label_rules().separators))
    return re.compile(f"^(?P<label>{'|'.join(map(re.escape, labels))})\\s*[{separators}]\\s*")


def listed_with(units: list[Piece], index: int, unit: Piece, text: str, lead: int | None) -> set[int]:
    """The units before `unit` in the same 、-list (A、B等有关部门配合: all three cooperate),
    back to the first comma, mark or lead; none when that would leave no unit responsible
    (市住建局、市城管局配合 keeps 市住建局)."""
    joined = same_list(units, index, unit, text, lead)
    return set() if 0 in joined and lead is None else joined


def same_list(units: list[Piece], index: int, unit: Piece, text: str, lead: int | None) -> set[int]:
    """The units before `unit` joined to it by 、 or a joiner word, back to the first comma,
    mark or the lead."""
    joined: set[int] = set()
    right = unit.span[0]
    for k in range(index - 1, -1, -1):
        gap = text[units[k].span[1]:right].strip()
        if k == lead or not (gap == "、" or gap in people_rules().unit_joiners):
            break
        joined.add(k)
        right = units[k].span[0]
    return joined


def split_units(value: Piece) -> list[Piece]:
    return split_unit_list(value).units


def is_name(text: str) -> bool:
    """A person's name: Han characters, surname-led, 2–4 long (longer with the · of
    transliterated names), and not a unit or role word."""
    rules = people_rules()
    singles, compounds = surnames()
    if not HAN_RE.match(text):
        return False
    if "·" in text:
        return DOTTED_NAME_LEN[0] <= len(text) <= DOTTED_NAME_LEN[1]
    if not rules.name_min <= len(text) <= rules.name_max:
        return False
    if not (text[0] in singles or text[:2] in compounds):
        return False
    if text[1:].endswith(not_name_endings()):  # a unit or role word ends it (a shorter suffix)
        return False
    return len(text) > 2 or not is_common_word(text)


@cache
def longest_name() -> int:
    return max(people_rules().name_max, DOTTED_NAME_LEN[1])


@cache
def title_endings() -> tuple[str, ...]:
    return tuple(people_rules().title_endings)


@cache
def role_endings() -> tuple[str, ...]:
    return tuple(people_rules().role_endings)


@cache
def not_name_endings() -> tuple[str, ...]:
    rules = people_rules()
    return tuple(rules.unit_endings + rules.role_endings + rules.title_endings)


@cache
def common_two_char_words() -> frozenset[str]:
    """The words of rules/common_two_char_words.txt, written from jieba's dictionary (see
    extract/fields/common_words.py): loading jieba itself would cost each process about 2 s."""
    lines = (RULES_DIR / "common_two_char_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def is_common_word(text: str) -> bool:
    """The tie-breaker for two characters that start with a surname: 常务 is a word, 王芳 a name."""
    return text in common_two_char_words()


# A name with its post in brackets after it: 张三(市生态环境局局长).
NAME_WITH_POST_RE = regex.compile(r"^(?P<name>[^()（）]{2,8})[(（][^()（）]{2,30}[)）]$")


def name_in(piece: Piece) -> Piece | None:
    """The name of `张三`, of `副县长张三` (titles before the name dropped) or of
    `张三(副市长)` (the post after it dropped) or of `张三同志` (the honorific dropped);
    a space may stand between the title and the name, or pad a name (`王 军`)."""
    if is_name(piece.text):
        return piece
    if any(char.isspace() for char in piece.text):
        spaced = spaced_name(piece)
        if spaced is not None:
            return spaced
    phone = phone_tail_re().search(piece.text)
    if phone is not None and phone.start() > 0:  # 李四13800000000: the contact number dropped
        bare = name_in(Piece(piece.text[:phone.start()], (piece.span[0], piece.span[0] + phone.start())))
        if bare is not None:
            return bare
    for honorific in people_rules().name_honorifics:
        if piece.text.endswith(honorific) and len(piece.text) > len(honorific):
            bare = name_in(Piece(piece.text[: -len(honorific)], (piece.span[0], piece.span[1] - len(honorific))))
            if bare is not None:
                return bare
    posted = NAME_WITH_POST_RE.match(piece.text)
    if posted is not None:  # 张三(副市长), 副市长张三(牵头): the name of what stands before the brackets
        before = posted["name"].rstrip()  # 张三\n(副县长): the post on the line under the name
        named = name_in(Piece(before, (piece.span[0], piece.span[0] + len(before)))) if before else None
        if named is not None:
            return named
    titles = title_endings()
    named = name_before_title(piece)
    if named is not None:
        return named
    # only the last few characters can be a name (`is_name` takes no longer text); a colon
    # may stand between the title and the name (副县长:陈刚)
    for cut in range(max(1, len(piece.text) - longest_name()), len(piece.text) - 1):
        if piece.text[:cut].rstrip(":：").endswith(titles) and is_name(piece.text[cut:]):
            return Piece(piece.text[cut:], (piece.span[0] + cut, piece.span[1]))
    for cut in range(max(1, len(piece.text) - people_rules().name_max), len(piece.text) - 1):
        if piece.text[:cut].rstrip(":：").endswith(titles) and is_titled_name(piece.text[cut:]):
            return Piece(piece.text[cut:], (piece.span[0] + cut, piece.span[1]))
    return None


@cache
def transliterated_name_chars() -> frozenset[str]:
    return frozenset(people_rules().transliterated_name_chars.replace(" ", ""))


def is_titled_name(text: str) -> bool:
    """A name right after a title that no surname opens, as Tibetan, Mongolian and Uyghur
    names are written (副州长才让, 副旗长额尔敦, 副县长扎西多吉): 2–4 long, each character one
    such names are written in (people.yaml `transliterated_name_chars`: 副县长具体负责 names no
    one), no unit, role or title word ending them."""
    rules = people_rules()
    return (rules.name_min <= len(text) <= rules.name_max and transliterated_name_chars().issuperset(text)
            and not text.endswith(not_name_endings()))


@cache
def phone_tail_re() -> re.Pattern[str]:
    return re.compile(people_rules().phone_tail)


def name_before_title(piece: Piece) -> Piece | None:
    """`李建华副市长` → 李建华: a name written before a bare title (副/常务 allowed before it),
    or before an organ and its title (`刘洋县委常委`, `张伟市政府副市长`); 张家港市市长 gives
    none (市市长 is no bare title), nor 张家港市委书记 (张家港市 is a place)."""
    if not piece.text.endswith(title_endings()) or is_bare_title(piece.text) or is_organ_title("", piece.text):
        return None  # 常务副县长 is a title alone, no 常务副 before 县长; 师市副师长 an organ's
    for cut in range(people_rules().name_min, min(people_rules().name_max, len(piece.text) - 2) + 1):
        name, title = piece.text[:cut], piece.text[cut:]
        if (is_bare_title(title) or is_organ_title(name, title)) and is_name(name):
            return Piece(name, (piece.span[0], piece.span[0] + cut))
    return None


def is_organ_title(name: str, text: str) -> bool:
    """县委常委 after 刘洋: an organ of `title_organs` and a bare title, unless the name and
    the organ's level character make a place of the adcode table (高青 + 县委书记: 高青县)."""
    organ = next((o for o in title_organs() if text.startswith(o)), None)
    return organ is not None and is_bare_title(text[len(organ):]) and not known_place(name + organ[0])


@cache
def title_organs() -> tuple[str, ...]:
    """The organs of people.yaml `title_organs`, longest first (县人大常委会 before 县委)."""
    return tuple(sorted(people_rules().title_organs, key=len, reverse=True))


def is_bare_title(text: str) -> bool:
    """A title with nothing but its prefixes before it (县长, 副县长, 常务副县长)."""
    return text in title_endings() or text.lstrip("".join(people_rules().title_prefixes)) in title_endings()


def spaced_name(piece: Piece) -> Piece | None:
    """`副县长 张三` → 张三 (its own span); `王 军`, a two-character name padded to the
    width of three as official tables do → 王军 (the span covers the padding)."""
    words = words_of(piece)
    joined = "".join(word.text for word in words)
    if len(words) == 2 and len(joined) == 2 and is_name(joined):
        return Piece(joined, piece.span)
    if len(words) < 2:
        return None
    first, last = words[0], words[-1]
    head, tail = piece.text[: last.span[0] - piece.span[0]], piece.text[first.span[1] - piece.span[0]:]
    posts = title_endings() + role_endings()
    if is_name(last.text) and head.rstrip().endswith(posts):
        return last
    if is_titled_name(last.text) and head.rstrip().endswith(title_endings()):  # 副市长 额尔敦
        return last
    if is_name(first.text) and tail.rstrip().endswith(posts):  # 张三 副市长: the post after
        return first
    return None


def names_at_spaces(piece: Piece) -> list[Piece]:
    """`张三 李四`, `县长 王军 副县长 李明`, `县长马力 县委常委`: names listed with spaces,
    each maybe after its post (written apart or not), are split into the names when every
    word is a name, a post, or a post with its name."""
    if not any(char.isspace() for char in piece.text):
        return [piece]
    words = with_padded_names_joined(words_of(piece))
    posts = title_endings() + role_endings()
    named = [name_in(word) for word in words]
    names = [name for name in named if name is not None]
    if names and len(words) > 1 and all(name is not None or word.text.endswith(posts)
                                        for word, name in zip(words, named, strict=True)):
        return names
    return [piece]


def with_padded_names_joined(words: list[Piece]) -> list[Piece]:
    """`陈刚 王 军` → 陈刚, 王军: two single characters in a row that make a name are a
    two-character name padded to the width of three; its span covers the padding."""
    joined: list[Piece] = []
    index = 0
    while index < len(words):
        word = words[index]
        following = words[index + 1] if index + 1 < len(words) else None
        if (following is not None and len(word.text) == 1 and len(following.text) == 1
                and is_name(word.text + following.text)):
            joined.append(Piece(word.text + following.text, (word.span[0], following.span[1])))
            index += 2
            continue
        joined.append(word)
        index += 1
    return joined


def names_people(value: Piece) -> bool:
    """Whether a value names people alone, as an amendment adding or taking them out writes
    them (王五, 副市长王五、赵六, 分管副市长): each item a name or a post (巡查频次 names no one)."""
    people = split_people(value)
    posts = title_endings() + role_endings()
    return bool(people) and all(is_name(p.text) or p.text.endswith(posts) for p in people)


def split_people(value: Piece) -> list[Piece]:
    """Names, or whole role phrases with the units before them; commentary after the last
    role (`如有变动,由接任的领导负责`) is dropped."""
    return moved(people_in(value.text), value.span[0])


@lru_cache(maxsize=SPLIT_CACHE_SIZE)
def people_in(text: str) -> tuple[Piece, ...]:
    """`split_people` of `text` standing at offset 0."""
    cut = cut_at_value_end(Piece(text, (0, len(text))))
    if cut is None:
        return ()
    pieces = [word for piece in split_top_level(cut) for word in names_at_spaces(piece)]
    people: list[Piece] = []
    pending: Piece | None = None
    named_before = False  # the piece before gave a name
    for index, piece in enumerate(pieces):
        name = name_in(piece)
        following = pieces[index + 1] if index + 1 < len(pieces) else None
        after_name, named_before = named_before, name is not None
        if name is not None:
            people.append(name)
            pending = None
        elif after_name and is_bare_title(piece.text):
            pending = None  # the named person's next title (李明县委常委、副县长)
        elif piece.text.endswith(title_endings()) and following and name_in(following):
            pending = None  # a title in a chain before the name (县委常委、副县长吴海波)
        elif piece.text.endswith(role_endings()):
            people.append(stretch(cut, pending or piece, piece))
            pending = None
        else:
            pending = pending or piece
    if not people and pending is not None:
        people.append(stretch(cut, pending, pieces[-1]))
    return tuple(people)
