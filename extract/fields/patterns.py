"""Data-driven patterns: label synonyms and other word lists load from rules/*.yaml here,
validated on load, and are compiled once into NAME_RE regexes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import regex
import yaml
from pydantic import BaseModel, ConfigDict, Field

RULES_DIR = Path(__file__).parent / "rules"

TASK_FIELDS = (
    "seq", "problem", "target", "deadline", "lead_units", "responsible_units", "cooperating_units",
    "leaders", "persons", "supervisors", "measures", "status",
)
# The label name of the place a complaint record concerns (行政区域): no Task field, but
# the units of a task that names none (extract/fields/tasks.py region_units).
REGION = "region"
# The label name of a yes/no question answered in place (是否办结:已办结, 是否销号:否): the
# answer, read by status.yaml's flag_answers (a task table's yes/no column in text).
STATUS_FLAG = "status_flag"


# Where amendment_seq_number takes one of amendment_task_joiners (amendments.seq_number_pattern).
SEQ_JOINER = "{joiner}"


class LabelRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    fields: dict[str, list[str]]
    separator_only: dict[str, list[str]]
    bracket_only: dict[str, list[str]]
    ignored: list[str]
    region: list[str]
    status_flag: list[str]
    separators: list[str]
    amendment_verbs: list[str]
    amendment_deadline_verbs: list[str]
    amendment_consent_words: list[str]
    amendment_request_words: list[str]
    amendment_adverbs: list[str]
    amendment_add_verbs: list[str]
    amendment_add_as: list[str]
    amendment_add_as_verbs: list[str]
    amendment_remove_verbs: list[str]
    amendment_no_longer: list[str]
    amendment_removed_from_tails: list[str]
    amendment_removed_leads: list[str]
    amendment_cancel_verbs: list[str]
    amendment_task_words: list[str]
    amendment_merge_into: list[str]
    amendment_merge_together: list[str]
    amendment_from: list[str]
    amendment_stated_old: list[str]
    amendment_item_leads: list[str]
    amendment_seq_number: str = Field(pattern=re.escape(SEQ_JOINER))
    amendment_task_joiners: list[str]
    amendment_range_max: int
    amendment_moved_gap: int
    amendment_closing_line_re: str
    colonless_not_before: list[str]
    colonless_not_ordinal: str
    list_value_fields: list[str]
    one_line_fields: list[str]
    one_line_run_on: str
    one_line_cut_date: dict[str, str]
    bracket_unit_cues: dict[str, list[str]]
    bracket_deadline_cues: list[str]
    page_task_requires_one_of: list[str]
    report_item_patterns: list[str]
    problem_wrappers: list[str]


def load_yaml(name: str) -> object:
    with (RULES_DIR / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def label_rules() -> LabelRules:
    rules = LabelRules.model_validate(load_yaml("labels.yaml"))
    unknown = (set(rules.fields) | set(rules.separator_only) | set(rules.bracket_only)) - set(TASK_FIELDS)
    if unknown:
        raise ValueError(f"labels.yaml names unknown fields: {sorted(unknown)}")
    return rules


@cache
def label_lookup() -> dict[str, str]:
    """Every label (synonyms and ignored ones) → canonical field name ('' for ignored,
    REGION for a record's place, STATUS_FLAG for a yes/no question)."""
    rules = label_rules()
    lookup = {label: "" for label in rules.ignored}
    lookup.update({label: REGION for label in rules.region})
    lookup.update({label: STATUS_FLAG for label in rules.status_flag})
    for field, labels in rules.separator_only.items():
        lookup.update({label: field for label in labels})
    for field, labels in rules.fields.items():
        lookup.update({label: field for label in labels})
    return lookup


@cache
def colonless_labels() -> list[str]:
    """The labels that may stand at a line start without a separator: all but separator_only,
    the region and the yes/no labels."""
    rules = label_rules()
    separated = {label for labels in [*rules.separator_only.values(), rules.region, rules.status_flag]
                 for label in labels} - {
        label for labels in rules.fields.values() for label in labels}
    return [label for label in label_lookup() if label not in separated]


Trie = dict[str, "Trie"]
WORD_END = ""  # the trie key that marks the end of a word


def trie_alternation(words: Iterable[str]) -> str:
    """`A|B|…` of the words, longest first, factored by common prefix (`整改(?:目标|时限)`):
    整改完成情况 wins over 完成情况 and 责任人员 over 责任人 (a shorter word is tried only when
    what follows fails after the longer), 年底 over 底. It matches exactly what the plain
    longest-first alternation matches, but the regex engine tries each character once
    instead of each word from the start (the label patterns are run over every document
    and are several times faster so)."""
    trie: Trie = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[WORD_END] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: Trie) -> str:
    # All words that match at one place are prefixes of one another, so trying the
    # longer continuation before ending here is the longest-first order.
    branches = [regex.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if WORD_END in node else body


def scan_characters(words: Iterable[str]) -> list[str]:
    """Few characters, each word holding one: each costs a str.find scan of the whole text.
    Greedy: the character in most words not yet held; on a tie the one in fewer of all the
    words (追 of 追加 rather than the 加 of every 加强), then the later in its words (迟 of 推迟至)."""
    every = list(words)
    left, chosen = set(every), []
    while left:
        chosen.append(max(sorted({c for word in left for c in word}), key=lambda c: (
            sum(c in word for word in left), -sum(c in word for word in every),
            max(word.index(c) - len(word) for word in left if c in word))))
        left = {word for word in left if chosen[-1] not in word}
    return chosen


# A scan character → (where it first stands in them, their length, the words) of the words
# it finds.
WordPlaces = tuple[tuple[str, tuple[tuple[int, int, frozenset[str]], ...]], ...]


@cache
def word_places(words: tuple[str, ...]) -> WordPlaces:
    """The words by the scan character (scan_characters) each is found by, then by where
    the character first stands in them and their length: a slice of the text at a found
    character is looked up once for all the words of one such shape."""
    assert all(words), "an empty word matches everywhere"
    places: dict[str, dict[tuple[int, int], set[str]]] = {}
    left = set(words)
    for c in scan_characters(words):
        for word in sorted(word for word in left if c in word):
            places.setdefault(c, {}).setdefault((word.index(c), len(word)), set()).add(word)
        left = {word for word in left if c not in word}
    return tuple((c, tuple((back, length, frozenset(found)) for (back, length), found in sorted(shapes.items())))
                 for c, shapes in places.items())


class CharIndex:
    """Where the characters asked for stand in one text, each found once (char_offsets):
    the scans of a text for several word lists (the amendment verbs, the unit verbs, the
    task-change words) share their characters (为, 增, 追, 消). A find costs most at the
    characters it stops at, true and false (CJK text holds the byte str.find looks for
    first), and a list of offsets is read again for nothing. Made per text and passed
    down: no cache outlives the text's reading."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._offsets: dict[str, list[int]] = {}

    def offsets(self, c: str) -> list[int]:
        """Every offset of the character c in the text, ascending."""
        found = self._offsets.get(c)
        if found is None:
            found = self._offsets[c] = char_offsets(self.text, c)
        return found


def char_offsets(text: str, c: str) -> list[int]:
    """Every offset of c in text, ascending: a str.find loop."""
    found: list[int] = []
    find = text.find
    at = find(c)
    while at != -1:
        found.append(at)
        at = find(c, at + 1)
    return found


def find_words(chars: CharIndex, words: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """(start, end, word) of each match of `re.finditer(trie_alternation(words), text)`: at
    the leftmost start the longest word, the next search after it. Found at the offsets of
    a few characters the words hold (chars) and a look at the words around each: the regex
    engine tries its alternation at every character, some 60 instructions each, a find
    some 4 (a word list with few such characters only: each is a scan of the text)."""
    text = chars.text
    longest: dict[int, int] = {}  # start → the length of the longest word there
    for c, shapes in word_places(words):
        for at in chars.offsets(c):
            for back, length, found in shapes:
                start = at - back
                if start >= 0 and length > longest.get(start, 0) and text[start:start + length] in found:
                    longest[start] = length
    matches: list[tuple[int, int, str]] = []
    end = 0
    for start in sorted(longest):
        if start >= end:  # a word inside the one before is no match (finditer goes on after it)
            end = start + longest[start]
            matches.append((start, end, text[start:end]))
    return matches


# `regex`'s \s (the Unicode White_Space characters) as a class body for stdlib re patterns,
# whose own \s also takes \x1c-\x1f (what str.isspace() takes). Label patterns hold no
# \p{…} class, and stdlib re runs them several times faster than regex.
WHITE_SPACE = r"\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# What str.isspace(), str.split() and str.strip() take, as characters (for str.strip): the
# characters of WHITE_SPACE and the information separators \x1c-\x1f. None is above U+3000.
ISSPACE_CHARS = "".join(char for char in map(chr, range(0x3001)) if char.isspace())
# The blank space inside a line: the space, the tab and the ideographic space U+3000 (a
# full-width indent or gap). What stands between a line break and a label at the line start,
# before an HTML hard wrap, between a date phrase and the word after it. (Narrower than
# WHITE_SPACE: no line breaks, and the rarer spaces are no indent; normalisation maps
# U+3000 and the no-break space to a space, but the HTML parser reads text before it.)
LINE_BLANKS = " \t\u3000"


@cache
def label_re() -> re.Pattern[str]:
    """A label followed by a separator; group `label` is the label as written."""
    rules = label_rules()
    seps = "".join(re.escape(s) for s in rules.separators)
    return re.compile(rf"(?P<label>{trie_alternation(list(label_lookup()))})[{WHITE_SPACE}]*[{seps}]")


@cache
def bracket_only_lookup() -> dict[str, str]:
    """The labels read only in lenticular brackets (labels.yaml bracket_only) → field."""
    return {label: field for field, labels in label_rules().bracket_only.items() for label in labels}


@cache
def bracket_label_re() -> re.Pattern[str]:
    """A bracket-only label in its brackets (【主管单位】); group `label` is the label."""
    labels = trie_alternation(list(bracket_only_lookup()))
    return re.compile(rf"【[{WHITE_SPACE}]*(?P<label>{labels})[{WHITE_SPACE}]*】")


def separated_labels(text: str) -> Iterator[re.Match[str]]:
    """What `label_re().finditer(text)` finds, scanning only near the separators: a match
    ends with one, so it lies within the longest label and the blank space before it. (The
    windows hold whole matches and start where no match runs across, so each scan finds
    what the scan of the whole text finds there.)"""
    pattern = label_re()
    for start, end in separator_windows(text):
        yield from pattern.finditer(text, start, end)


def separator_windows(text: str) -> list[tuple[int, int]]:
    """The stretches of text that may hold `label:`, merged where they meet, in order."""
    reach = label_reach()
    windows: list[tuple[int, int]] = []
    for char in separator_chars():
        pos = text.find(char)
        while pos != -1:
            start = pos
            while start > 0 and text[start - 1].isspace():  # isspace() covers every \s of the regex
                start -= 1
            windows.append((max(0, start - reach), pos + 1))
            pos = text.find(char, pos + 1)
    windows.sort()
    merged: list[tuple[int, int]] = []
    for start, end in windows:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@cache
def label_reach() -> int:
    """The length of the longest label: how far before its separator a label can begin."""
    return max(map(len, label_lookup()), default=0)


@cache
def separator_chars() -> str:
    return "".join(sorted(set("".join(label_rules().separators))))


def line_start_labels(text: str) -> Iterator[re.Match[str]]:
    """What `colonless_label_re().finditer(text)` finds, trying only the line starts (its `^`
    matches at the text start and after \n) where a label's first character stands."""
    pattern = colonless_label_re()
    resume = 0  # finditer goes on where the last match ended
    for pos in _label_line_starts(text):
        if pos >= resume:
            match = pattern.match(text, pos)
            if match is not None:
                yield match
                resume = match.end()


def _label_line_starts(text: str) -> Iterator[int]:
    """The line starts where a label's first character stands, in order."""
    if text.startswith(label_firsts()):
        yield 0
    for hit in line_start_re().finditer(text):
        yield hit.start() + 1


@cache
def label_firsts() -> tuple[str, ...]:
    return tuple({label[:1] for label in label_lookup()})


@cache
def line_start_re() -> re.Pattern[str]:
    """A line break and a label's first character: with the literal \n first, the re module
    jumps from line break to line break instead of testing every character (two characters
    a hit, so hits never overlap: a first character is never a line break)."""
    firsts = label_firsts()
    if "" in firsts:  # an empty label would stand at every line start
        return re.compile("\n")
    return re.compile("\n[" + "".join(re.escape(char) for char in firsts) + "]")


def header_key(cell_text: str) -> str:
    """A header cell's text as its label is looked up: white space inside dropped (责 任
    单 位), and a colon after it."""
    return "".join(cell_text.split()).rstrip(":：")


def header_field(cell_text: str) -> str | None:
    """The canonical field a table header cell names (whitespace inside ignored), or None.
    Ignored labels give ''."""
    return label_lookup().get(header_key(cell_text))


@cache
def colonless_label_re() -> re.Pattern[str]:
    """A label at a line start with its value right after it and no separator, and no
    amendment verb (责任单位增加…: an amendment, not the label) nor ordinal (问题一:, a
    numbering label) after it."""
    rules = label_rules()
    stop = "".join(re.escape(c) for c in rules.colonless_not_before)
    seps = "".join(re.escape(s) for s in rules.separators)
    verbs = trie_alternation(rules.amendment_verbs + rules.amendment_add_verbs + rules.amendment_remove_verbs)
    return re.compile(rf"(?m)^(?P<label>{trie_alternation(colonless_labels())})(?=[^{stop}{seps}{WHITE_SPACE}])"
                      rf"(?!{verbs})(?!{rules.colonless_not_ordinal})")


AMENDMENT_LABEL_TAILS = ("中", "的", "内容")  # 整改措施中修改为, 整改时限的调整为
AMENDMENT_OLD_VALUE_MAX = 40  # characters of a written old value (由…调整为)


def amendable_labels() -> list[str]:
    """The labels an amendment may change; a separator_only label too (时限调整为…,
    完成期限变更为…: the verb stands where its separator would), but for a problem's or a
    status's (整改任务延期至… names the task, then moves its deadline)."""
    rules = label_rules()
    labels = [label for field, labels in rules.fields.items() if field not in ("seq", "problem") for label in labels]
    return labels + [label for field, labels in rules.separator_only.items()
                     if field not in ("seq", "problem", "status") for label in labels]


@cache
def amendment_re() -> regex.Pattern[str]:
    """`整改时限修改为:`, `完成时限由2021年底前调整为`, `责任单位增加` — group `label` the
    field's label, the new value follows; group `old` the old value where the text gives
    it; group `add` the verb where it adds to the old value; group `moved` a deadline verb
    standing with no label (…整改任务延期至), the deadline's amendment if a task is named."""
    rules = label_rules()
    seps = "".join(regex.escape(s) for s in rules.separators)
    tail = "|".join(AMENDMENT_LABEL_TAILS)
    old_from = trie_alternation(rules.amendment_from)
    stated = trie_alternation(rules.amendment_stated_old)
    old_text = rf"(?P<old>[^,，。;；\n]{{1,{AMENDMENT_OLD_VALUE_MAX}}}?)"
    old_value = rf"(?:(?:{old_from}){old_text}|(?:{stated}){old_text}[,，])?"
    verbs = (rf"(?:{trie_alternation(rules.amendment_verbs)}"
             rf"|(?P<add>{trie_alternation(rules.amendment_add_verbs)}))")
    # a separator may stand before a written old value (责任单位:由县住建局调整为…; group `sep`)
    sep_before_old = rf"(?:(?P<sep>[{seps}])(?=(?:{old_from})))?"
    labelled = (rf"(?P<label>{trie_alternation(amendable_labels())})(?:{tail})?{sep_before_old}{old_value}"
                rf"(?:{trie_alternation(rules.amendment_adverbs)})?{verbs}")
    return regex.compile(rf"(?:{labelled}|(?P<moved>{trie_alternation(rules.amendment_deadline_verbs)}))\s*[{seps}]?")


@cache
def amendment_reach() -> int:
    """How far before its verb an amendment_re match can start: the longest label, its
    tail, a separator (责任单位:由…), the longest 由/从, the longest old value and the longest
    adverb."""
    rules = label_rules()
    return (max(map(len, amendable_labels())) + max(map(len, AMENDMENT_LABEL_TAILS))
            + max(map(len, rules.amendment_from + rules.amendment_stated_old)) + AMENDMENT_OLD_VALUE_MAX + 1
            + max(map(len, rules.separators))
            + max(map(len, rules.amendment_adverbs)))


DATE_LINE_RE = regex.compile(r"^\s*(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*$", regex.M)
