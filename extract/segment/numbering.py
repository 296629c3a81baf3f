"""Numbering labels (第一项, 问题一, 一、, (一), 1., (1), 1), ①, 一是) found in text, from rules/numbering.yaml.

A label counts only where it can start an item: at a line start, or inside a paragraph
right after a sentence end. Inline labels must also continue a sequence (see `outline`),
which is what separates `二是` the label from `二是` in running prose.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import chain
from typing import NamedTuple

import cn2an
import regex
from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from extract.fields.patterns import LINE_BLANKS, label_lookup, label_re, label_rules, load_yaml, trie_alternation


class NumberingStyle(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    label: str  # the canonical written form: {n} digits, {cn} Chinese numerals, {circled} ①
    pattern: str
    starts: str  # the characters a label can begin with, as a character-class body
    inline: bool
    anywhere: bool = False  # a sign that is never prose (①) counts wherever it stands
    unbracketed: bool = False  # no label inside a bracket left open before it on the line: (见附件 1)
    names_task: bool = False  # the label names its task (第十七项, 问题一): its number is the task's seq
    written: bool = False  # the label's number is read as written (1.2.1): a task's seq, a measure's label
    skip_max: int | None = None  # above it, a label at a line start only continues its list (2022.)
    reference: str | None = None  # a names_task label named in prose, no separator (将第2个问题的…)

    @field_validator("pattern", "starts", "reference")
    @classmethod
    def _compiles(cls, value: str | None, info: ValidationInfo) -> str | None:
        # labels are scanned with the re module (see `label_start_re`): fail on load, not on a notice
        if value is None:
            return value
        try:
            if info.field_name == "reference":  # read with regex: its `n` may repeat (第3、5项)
                regex.compile(value)
            else:
                re.compile(f"[{value}]" if info.field_name == "starts" else value)
        except (re.error, regex.error) as exc:
            raise ValueError(f"{info.field_name} {value!r}: {exc}") from exc
        return value


class NumberingRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    styles: list[NumberingStyle]
    run_together_styles: list[str]
    run_together_before: str
    run_together_after: str
    inline_after: str
    shi_after: str
    inline_after_bracket: str
    inline_after_bracket_max: int
    generic_heading_words: list[str]
    problem_heading_lead: str
    problem_heading_end: str
    problem_sentence_words: list[str]
    problem_sentence_not: list[str]
    measure_leads: list[str]
    category_suffixes: list[str]
    category_suffix_kept_after: list[str]
    barrier_lines: list[str]
    closing_lines: list[str]
    signature_lines: list[str]
    title_seq_patterns: list[str]
    title_seq_window: int
    notice_task_reference: str
    notice_item_mention: str
    notice_task_problem: str


class Marker(NamedTuple):  # a tuple: built several times faster than a frozen dataclass
    style: str
    n: int
    start: int
    end: int  # where the item's own text begins
    at_line_start: bool

    @property
    def label(self) -> str:
        """The label in its canonical written form, e.g. `(一)`, `1.`, `一是`."""
        return canonical_label(self.style, self.n)


@cache
def numbering_rules() -> NumberingRules:
    return NumberingRules.model_validate(load_yaml("numbering.yaml"))


@cache
def marker_re() -> re.Pattern[str]:
    """Every style as one alternation, in the order of the YAML (the first branch that
    matches wins). The stdlib re module: it scans these patterns faster than regex."""
    parts = [f"(?P<{s.name}>{s.pattern.replace('(?P<n>', f'(?P<n_{s.name}>')})"
             for s in numbering_rules().styles]
    return re.compile("|".join(parts))


@cache
def label_start_re() -> re.Pattern[str]:
    """One character where a label may begin and count: a character of some style's
    `starts` that follows a character a label may follow (a line break, blank space, the
    sentence ends of `inline_after` and `shi_after`), or a sign of a style that counts
    anywhere (①), and at which `marker_re` matches. Only these can be labels (the start of
    the range and the end of a label found are tried by `find_markers` itself): most
    numerals and digits of a text stand inside a sentence and are never tried. (A match
    passed over so could only matter by hiding a label that begins inside it; no label
    holds a character of the gate before its last, nor a sign that counts anywhere after
    its first: see tests/test_numbering_scan.py.) re skips
    quickly only to a pattern that opens with a character class, so the label itself is
    checked by a lookahead from a one-character lookbehind; the hit keeps the lookahead's
    groups, numbered as `marker_re` numbers them."""
    styles = numbering_rules().styles
    starts = "".join(s.starts for s in styles)
    anywhere = "".join(s.starts for s in styles if s.anywhere)
    # after a closing bracket too, which `find_markers` lets count where it closes labels: one
    # look-behind for the gate and the brackets, not one each (each tried at every start sign)
    closers = regex.findall(f"[{numbering_rules().inline_after_bracket}]", every_bmp_character())
    gate = label_gate() + "".join(f"\\u{ord(char):04x}" for char in closers)
    after = f"(?<=[{screen_class(gate)}].)" + (f"|(?<=[{anywhere}])" if anywhere else "")
    return re.compile(f"[{screen_class(starts)}](?:{after})(?<=(?=(?:{marker_re().pattern}))(?s:.))")


@cache
def label_gate() -> str:
    """A character-class body of what may stand right before a label that counts: a line
    break, the blank space before one at a line start, and what `inline_after` and
    `shi_after` allow (their characters as the regex module reads the classes)."""
    rules = numbering_rules()
    chars = set(regex.findall(f"[{rules.inline_after}]|[{rules.shi_after}]", every_bmp_character()))
    return "".join(f"\\u{ord(char):04x}" for char in sorted(chars | set(LINE_BLANKS + "\n")))


@cache
def label_firsts() -> frozenset[str]:
    """The characters of the BMP a label may begin with (beyond it, any may)."""
    return frozenset(re.findall(f"[{''.join(s.starts for s in numbering_rules().styles)}]", every_bmp_character()))


def may_open_label(text: str, pos: int) -> bool:
    """Whether a label may begin at text[pos]: its character is one a style `starts` with
    (label_firsts), or lies beyond the BMP, which label_firsts leaves to the patterns."""
    char = text[pos:pos + 1]
    return char in label_firsts() or char > "\uffff"


def screen_class(body: str) -> str:
    """A character-class body that holds every character of `[body]`: `^` and the ranges of
    the Basic Multilingual Plane outside it, so every character beyond the BMP passes too,
    for the pattern after the class to judge (they are rare). re checks a category such as
    `\\d` by a call per character of the text, a set of BMP ranges by one table lookup: a
    scan for the class is faster so."""
    gaps: list[tuple[int, int]] = []
    next_outside = 0  # the first code point not yet known to be inside
    for char in re.findall(f"[{body}]", every_bmp_character()):
        if ord(char) > next_outside:
            gaps.append((next_outside, ord(char) - 1))
        next_outside = ord(char) + 1
    if next_outside <= 0xFFFF:
        gaps.append((next_outside, 0xFFFF))
    if not gaps:  # the whole BMP: `[^]` would not compile
        return "\\u0000-\\U0010ffff"
    return "^" + "".join(f"\\u{first:04x}-\\u{last:04x}" for first, last in gaps)


def every_bmp_character() -> str:
    """U+0000 … U+FFFF in order, lone surrogates too: decoded from UTF-32 code units built
    bytewise (several times faster than joining 65536 chr() strings)."""
    units = bytearray(4 * 0x10000)
    units[0::4] = bytes(range(256)) * 256  # the low byte counts up within each block of 256
    units[1::4] = b"".join(bytes([high]) * 256 for high in range(256))
    return units.decode("utf-32-le", "surrogatepass")


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@cache  # few distinct numerals per document, and cn2an is slow
def number_value(raw: str) -> int | None:
    if raw.isdigit() and raw.isascii():
        return int(raw)
    if len(raw) == 1 and raw in CIRCLED:
        return CIRCLED.index(raw) + 1
    try:
        value = cn2an.cn2an(raw.replace("两", "二"), "smart")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if value == int(value) else None


@lru_cache(maxsize=1024)  # every measure asks for its label, and cn2an is slow
def canonical_label(style: str, n: int) -> str:
    template = style_labels()[style]
    return template.format(
        n=n, cn=str(cn2an.an2cn(n)) if "{cn}" in template else "",
        circled=CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n))


@cache
def style_labels() -> dict[str, str]:
    return {style.name: style.label for style in numbering_rules().styles}


def _line_start(text: str, pos: int, floor: int) -> bool:
    k = pos - 1
    while k >= floor and text[k] in LINE_BLANKS:
        k -= 1
    return k < floor or text[k] == "\n"


@cache
def marker_context() -> tuple[frozenset[str], frozenset[str], regex.Pattern[str], regex.Pattern[str]]:
    """(inline styles, styles that count anywhere, what may precede an inline label,
    what may precede 一是)."""
    rules = numbering_rules()
    return (frozenset(s.name for s in rules.styles if s.inline), frozenset(s.name for s in rules.styles if s.anywhere),
            regex.compile(f"[{rules.inline_after}]"), regex.compile(f"[{rules.shi_after}]"))


@cache
def skip_maxima() -> dict[str, int]:
    """Style → the largest number a label of it may open a list or skip to (see skip_max)."""
    return {s.name: s.skip_max for s in numbering_rules().styles if s.skip_max is not None}


def within_skip_max(marker: Marker) -> bool:
    """Whether a label's number may open a list or skip in one: no higher than its style's
    skip_max (2022. is a year, not item 2022, unless item 2021 came before)."""
    highest = skip_maxima().get(marker.style)
    return highest is None or marker.n <= highest


def may_open_or_skip(marker: Marker) -> bool:
    """A label that may open a list or skip in its sequence: one at a line start, its number
    within its style's skip_max."""
    return marker.at_line_start and within_skip_max(marker)


@cache
def written_styles() -> frozenset[str]:
    """Styles whose label is read as written (decimal outline numbering, 1.2.1)."""
    return frozenset(s.name for s in numbering_rules().styles if s.written)


OUTLINE_NUMBER_RE = re.compile(r"\d+(?:[.．]\d+)*")


def written_number(text: str, marker: Marker) -> str:
    """The label's number: as written for a `written` style (`1.2.1`, full stops made
    ASCII), else its own number (`3` for 第三项)."""
    if marker.style in written_styles():
        found = OUTLINE_NUMBER_RE.match(text, marker.start)
        if found is not None:
            return found.group().replace("．", ".")
    return str(marker.n)


def written_label(text: str, marker: Marker) -> str:
    """The label as a measure shows it: `written_number` for a `written` style, else the
    canonical form (`(一)`)."""
    return written_number(text, marker) if marker.style in written_styles() else marker.label


@cache
def task_naming_styles() -> frozenset[str]:
    """Styles whose label names the task it opens (第十七项, 问题一)."""
    return frozenset(s.name for s in numbering_rules().styles if s.names_task)


@cache
def unbracketed_styles() -> frozenset[str]:
    return frozenset(s.name for s in numbering_rules().styles if s.unbracketed)


OPENING_BRACKETS, CLOSING_BRACKETS = "(（", ")）"


def inside_open_bracket(text: str, floor: int, pos: int) -> bool:
    """Whether the last bracket before `pos` on its line (not before `floor`) opens one:
    `(详见附件 1)` puts the `1)` inside a parenthesised phrase."""
    line_start = text.rfind("\n", floor, pos) + 1 or floor
    opening = max(text.rfind(char, line_start, pos) for char in OPENING_BRACKETS)
    return opening >= 0 and opening > max(text.rfind(char, line_start, pos) for char in CLOSING_BRACKETS)


@cache
def style_of_group() -> tuple[str, ...]:
    """The style each group number of `marker_re` belongs to: a style's own group and every
    group inside it, up to the next style's group (index 0, the whole match, unused)."""
    pattern = marker_re()
    firsts = sorted((pattern.groupindex[s.name], s.name) for s in numbering_rules().styles)
    styles = [""] * (pattern.groups + 1)
    for (first, name), (following, _) in zip(firsts, [*firsts[1:], (pattern.groups + 1, "")], strict=True):
        styles[first:following] = [name] * (following - first)
    return tuple(styles)


def match_style(match: re.Match[str]) -> str:
    """The style whose branch matched: the one its last matched group lies in."""
    return style_of_group()[match.lastindex or 0]


def starts_with_marker(text: str) -> bool:
    """Whether a numbering label opens `text`, as `find_markers(text)[0].start == 0` says
    (at offset 0 every style counts), without collecting the labels after it."""
    match = marker_re().match(text)
    if match is None:
        return False
    n = number_value(match.group(f"n_{match_style(match)}"))
    return n is not None and n != 0


@cache
def number_group_of_group() -> tuple[int, ...]:
    """The group number of the `n` (the number) of the style each group of `marker_re`
    belongs to, as `style_of_group` is laid out: read by number, not by formatted name."""
    groups = marker_re().groupindex
    return tuple(groups[f"n_{style}"] if style else 0 for style in style_of_group())


def find_markers(text: str, start: int = 0, end: int | None = None) -> list[Marker]:
    """Every numbering label in text[start:end] that stands where an item can start."""
    end = len(text) if end is None else end
    inline, anywhere, inline_after, shi_after = marker_context()
    closers = numbering_rules().inline_after_bracket
    unbracketed = unbracketed_styles()
    styles, number_groups = style_of_group(), number_group_of_group()
    pattern, firsts = marker_re(), label_firsts()
    new = tuple.__new__  # a Marker built from its values, without the call through Marker.__new__
    markers: list[Marker] = []
    resume = start  # where the label found before ends: a hit inside it is no label
    # A hit of label_start_re holds the groups of the `marker_re` match its lookahead made,
    # the style's own group last: what matching the label again would give. It finds the
    # labels after a character a label may follow; one at the start of the range, and one
    # right after a label (一、第六项), is matched here.
    hits = label_start_re().finditer(text, start, end)
    first = pattern.match(text, start, end) if start < end else None
    for found in hits if first is None else chain((first,), hits):
        hit: re.Match[str] | None = found
        while hit is not None:  # a label, then the label right after it
            label_start = hit.start()
            if label_start < resume:
                break
            group = hit.lastindex or 0
            label_end = resume = hit.end(group)
            style = styles[group]
            before = text[label_start - 1] if label_start > start else "\n"
            # a label right after one that starts its line starts it too (一、第12项:)
            at_start = before == "\n" or (before in LINE_BLANKS and _line_start(text, label_start, start)) or (
                bool(markers) and markers[-1].end == label_start and markers[-1].at_line_start)
            if not at_start and style not in anywhere and (style not in inline or not (
                    (shi_after if style == "shi" else inline_after).match(before)
                    or (markers and markers[-1].end == label_start)  # 一、第六项: a start too
                    or (before in closers and closes_label_bracket(text, label_start - 1, start)))):
                break
            if style in unbracketed and inside_open_bracket(text, start, label_start):
                break
            n = number_value(hit.group(number_groups[group]))
            if n is None or n == 0:
                break
            markers.append(new(Marker, (style, n, label_start, label_end, at_start)))
            hit = (pattern.match(text, label_end, end)
                   if label_end < end and (text[label_end] in firsts or text[label_end] > "\uffff") else None)
    return markers


def closes_label_bracket(text: str, close: int, floor: int) -> bool:
    """Whether the bracket closing at text[close] (opened on its line, not before `floor`)
    holds a task's or measure's labels or unit cue parts, as a closing bracket of fields
    does: `(牵头单位:市水利局;完成时限:2022年底前)`, `(2022年底前完成,市住建局负责)`
    (numbering.yaml `inline_after_bracket`); a reference `(2)` or a year `(2021年)` does not."""
    rules = numbering_rules()
    line_start = text.rfind("\n", floor, close) + 1 or floor
    depth = 0
    k = close - 1
    stop = max(line_start, close - rules.inline_after_bracket_max - 1)
    while k >= stop:
        char = text[k]
        if char in CLOSING_BRACKETS:
            depth += 1
        elif char in OPENING_BRACKETS:
            if depth == 0:
                break
            depth -= 1
        k -= 1
    else:
        return False
    body = text[k + 1:close]
    lookup = label_lookup()
    if any(lookup.get(found.group("label")) for found in label_re().finditer(body)):
        return True
    cues = bracket_unit_cue_words()
    return bool(nested_cue_re().search(body)) or any(
        len(part) > len(cue) and part.endswith(cue)
        for part in map(str.strip, BRACKET_PART_SPLIT_RE.split(body)) for cue in cues)


BRACKET_PART_SPLIT_RE = re.compile(r"[,，;；]")


@cache
def bracket_unit_cue_words() -> tuple[str, ...]:
    """The cue words a closing bracket's part names its units by (labels.yaml bracket_unit_cues)."""
    return tuple(word for words in label_rules().bracket_unit_cues.values() for word in words)


@cache
def nested_cue_re() -> re.Pattern[str]:
    """A unit's own bracket holding a cue word, (市住建局(牵头)、市生态环境局)."""
    words = "|".join(map(re.escape, bracket_unit_cue_words()))
    return re.compile(rf"[(（](?:{words})[^()（）]{{0,4}}[)）]")


def markers_between(text: str, start: int, end: int) -> list[Marker]:
    """What `find_markers(text, start, end)` finds, the whole lines inside the range read
    from the text's `ScannedLines`: only the partial lines at its edges are scanned anew.
    (No label spans a line break, and a line break ends a label's lookahead as the end of a
    range does, so a whole line's labels are the same in every range that holds it.)"""
    lines_start = start if start == 0 or text[start - 1] == "\n" else text.find("\n", start, end)
    if lines_start < 0:  # the range lies inside one line
        return find_markers(text, start, end)
    lines_end = end if end == len(text) or text[end] == "\n" else text.rfind("\n", lines_start, end)
    if lines_end < 0:  # inside one line that starts at `start`
        return find_markers(text, start, end)
    markers = scanned_lines(text).markers(text, lines_start, lines_end) if lines_start < lines_end else []
    if lines_start > start:
        markers = find_markers(text, start, lines_start) + markers
    if lines_end < end:
        markers = markers + find_markers(text, lines_end, end)
    return markers


@dataclass
class ScannedLines:
    """The labels of the stretches of whole lines of one text scanned so far: the outline
    scans the runs of paragraphs between tables (`scan_stretches`), and the measures of a
    task, which lie inside one, are read from it instead of being scanned again."""

    stretches: list[tuple[int, int, list[Marker], list[int]]] = field(default_factory=list)

    def markers(self, text: str, start: int, end: int) -> list[Marker]:
        """`find_markers(text, start, end)` of a range of whole lines (`start` at a line
        start or on a line break, `end` at a line break or the text end)."""
        for first, last, markers, starts in self.stretches:
            if first <= start and end <= last:
                return markers[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
        markers = find_markers(text, start, end)
        self.stretches.append((start, end, markers, [marker.start for marker in markers]))
        return markers[:]  # the caller's own list: the stretch's stays as scanned


@lru_cache(maxsize=4)  # the texts of the document being extracted; str hashes are cached
def scanned_lines(text: str) -> ScannedLines:
    return ScannedLines()


GROUP_COUNT_RE = regex.compile(r"[(（]\s*(?:共)?\s*(?P<count>\d{1,4})\s*(?:项|个|条)(?:问题|任务)?\s*[)）]\s*$")


@lru_cache(maxsize=256)  # every task under one heading asks for the heading's name
def category_name(heading: str) -> str:
    """`一、例行督察反馈问题整改措施清单(9项)` → `例行督察`: the label, the count and list
    boilerplate removed; "" for a section heading naming no list (二、主要任务) or one
    problem (（一）关于…的问题)."""
    text = heading.strip()
    markers = find_markers(text)
    if markers and markers[0].start == 0:
        text = text[markers[0].end:]
    text = GROUP_COUNT_RE.sub("", text).strip(" :：,，。")
    for suffix in category_suffixes():
        if text.endswith(suffix) and len(text) > len(suffix):
            if not text[: -len(suffix)].endswith(tuple(numbering_rules().category_suffix_kept_after)):
                text = text[: -len(suffix)]
            break
    text = text.strip(" :：,，。")
    rules = numbering_rules()
    if is_generic_heading(text) or text.startswith(rules.problem_heading_lead):
        return ""
    return text


def is_generic_heading(text: str) -> bool:
    """Whether a heading is written in the words of a section grouping tasks alone (整改任务,
    反馈问题整改落实情况: numbering.yaml generic_heading_words), naming no group."""
    return generic_heading_re().fullmatch(text) is not None


@cache
def generic_heading_re() -> re.Pattern[str]:
    return re.compile(f"(?:{trie_alternation(numbering_rules().generic_heading_words)})+")


@cache
def category_suffixes() -> list[str]:
    """List boilerplate to cut off a category name, longest first."""
    return sorted(numbering_rules().category_suffixes, key=len, reverse=True)


def group_count(heading: str) -> int | None:
    """The count a group heading states (`(9项)` → 9)."""
    match = GROUP_COUNT_RE.search(heading.strip())
    return int(match.group("count")) if match else None


def title_seq(text: str) -> str | None:
    """The task number a single-task notice names near its top (第一项整改任务 → "1"), with
    its part when it names one (第47-1项问题 → "47-1")."""
    head = text[: numbering_rules().title_seq_window]
    for pattern in title_seq_res():
        match = pattern.search(head)
        if match:
            number = number_value(match.group("n"))
            if number is None:
                return None
            part = match.groupdict().get("sub")
            return f"{number}-{part}" if part else str(number)
    return None


@cache  # regex.search(str, …) looks its pattern up anew each call: tens of µs
def title_seq_res() -> tuple[regex.Pattern[str], ...]:
    return tuple(regex.compile(pattern) for pattern in numbering_rules().title_seq_patterns)
