"""Stage 3, segment: the text's numbered items as an outline tree.

Labels nest by the order styles first appear (the convention of Chinese official
documents: a style already open is a sibling, a new style a child). A label inside a
paragraph must continue its sequence; a label at a line start may also restart or skip
one. Unnumbered title, attachment and signature-date lines, closing formulas (特此公告。)
and tables close every open item.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

import regex

from extract.fields.patterns import LINE_BLANKS, WHITE_SPACE, colonless_label_re, label_lookup, label_re, label_rules
from extract.fields.regex_syntax import pattern_tokens
from extract.segment.numbering import (
    Marker,
    markers_between,
    may_open_or_skip,
    numbering_rules,
    scanned_lines,
    starts_with_marker,
)
from schemas.blocks import Block, BlockKind


@dataclass(slots=True)  # items are made and read in the thousands: slots are faster both ways
class Node:
    marker: Marker | None  # None for the root
    start: int
    end: int
    children: list[Node] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    @property
    def body_start(self) -> int:
        return self.marker.end if self.marker else self.start

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth + 1

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@cache
def barrier_re() -> re.Pattern[str] | regex.Pattern[str]:
    return line_pattern("^(?:" + "|".join(numbering_rules().barrier_lines) + ")$")


# Escapes whose meaning differs between re and regex (re's \S, \w, \b read \x1c-\x1f or
# combining marks otherwise): a pattern holding one is left to the regex module.
REGEX_ONLY_ESCAPES_RE = re.compile(r"(?<!\\)(?:\\\\)*\\[SwWbB]")


def line_pattern(pattern: str) -> re.Pattern[str] | regex.Pattern[str]:
    """A pattern of numbering.yaml compiled with the stdlib re module where it can be (see
    `stdlib_pattern`), else with the regex module it is written for."""
    if REGEX_ONLY_ESCAPES_RE.search(pattern):
        return regex.compile(pattern)
    try:
        return re.compile(stdlib_pattern(pattern))
    except re.error:  # it needs the regex module (\p{Han})
        return regex.compile(pattern)




def stdlib_pattern(pattern: str) -> str:
    """A pattern of numbering.yaml (written for the regex module) for the stdlib re module,
    which matches a short line several times faster: `\\s` spelled out as the regex module's
    white space (re's own takes \\x1c-\\x1f too), in a class and out of one."""
    def spelled(token: str) -> str:
        if token == "\\s":
            return f"[{WHITE_SPACE}]"
        if token.startswith("[") and len(token) > 2:
            return "".join(WHITE_SPACE if part == "\\s" else part for part in re.findall(r"\\.|.", token, re.DOTALL))
        return token

    return "".join(spelled(token) for token in pattern_tokens(pattern))


def line_at(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


@cache
def signature_re() -> regex.Pattern[str]:
    return regex.compile("^(?:" + "|".join(numbering_rules().signature_lines) + ")$")


@cache
def barrier_line_re() -> re.Pattern[str] | regex.Pattern[str]:
    """A closing line (group `closing`) or a barrier line, in one match."""
    rules = numbering_rules()
    closing, barrier = "|".join(rules.closing_lines), "|".join(rules.barrier_lines)
    return line_pattern(f"^(?:(?P<closing>{closing})|{barrier})$")


BARRIER_LINE_MAX = 90  # characters: a longer line is no barrier


def is_barrier_line(line: str) -> bool:
    """A closing line, or a barrier line without a full stop."""
    if len(line) > BARRIER_LINE_MAX:
        return False
    match = barrier_line_re().match(line)
    return match is not None and is_barrier_match(match, line)


def is_barrier_match(match: re.Match[str] | regex.Match[str], line: str) -> bool:
    """Whether a `barrier_line_re` match of a line makes it a barrier."""
    return match.group("closing") is not None or "。" not in line


def text_regions(blocks: list[Block]) -> list[tuple[int, int, bool]]:
    """(start, end, is_barrier) per paragraph block, in order; tables become barriers."""
    regions: list[tuple[int, int, bool]] = []
    texts: list[str] = []  # the block text of each region
    page_break, table = BlockKind.page_break, BlockKind.table  # one lookup, not one a block
    line_re = barrier_line_re()
    for block in blocks:
        span, kind = block.span, block.kind
        if span is None or kind is page_break:
            continue
        start, end = span
        if kind is table:
            regions.append((start, end, True))
            texts.append("")
            continue
        text = block.text
        # is_barrier_line, its pattern at hand (most paragraphs are longer than a barrier line,
        # most short ones no match); a barrier line is rare, so the label check runs only for one
        match = line_re.match(text) if len(text) <= BARRIER_LINE_MAX else None
        if match is not None and is_barrier_match(match, text) and not starts_with_marker(text[:12]):
            regions.append((start, end, True))
            mark_signature_before(regions, texts)
        else:
            regions.append((start, end, False))
        texts.append(text)
    return regions


def mark_signature_before(regions: list[tuple[int, int, bool]], texts: list[str]) -> None:
    """Issuer lines right above a barrier (a date line) belong to the signature."""
    k = len(texts) - 1
    while k >= 0 and not regions[k][2] and signature_re().match(texts[k].strip()):
        regions[k] = (regions[k][0], regions[k][1], True)
        k -= 1


def paragraph_runs(text: str, regions: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """The regions with each run of paragraphs that only line breaks part joined into one.
    No label spans a line break (no numbering pattern matches one, and a line break ends a
    label's lookahead as the end of a range does), so `find_markers` over a run finds what
    it finds over each paragraph in turn, in one call instead of one per paragraph."""
    runs: list[tuple[int, int, bool]] = []
    run_start, run_end, run_barrier = 0, -1, True  # the run being joined (none yet: a barrier joins nothing)
    for start, end, barrier in regions:
        if not barrier and not run_barrier and start == run_end + 1 and text[run_end] == "\n":
            run_end = end
            continue
        if run_end >= 0:
            runs.append((run_start, run_end, run_barrier))
        run_start, run_end, run_barrier = start, end, barrier
    if run_end >= 0:
        runs.append((run_start, run_end, run_barrier))
    return runs


def scan_stretches(text: str, runs: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    """Stretches of whole lines to scan for labels in one call each: the runs with the short
    barrier lines between them; a longer barrier (a table) parts them, for a table is no
    place for an item's label and may be long. (Any stretch of whole lines gives the labels
    its lines give: see `ScannedLines`.)"""
    parts: list[list[tuple[int, int, bool]]] = [[]]
    for run in runs:
        if run[2] and run[1] - run[0] > BARRIER_LINE_MAX:
            parts.append([])
        else:
            parts[-1].append(run)
    return [(part[0][0], part[-1][1]) for part in parts
            if part and (part[0][0] == 0 or text[part[0][0] - 1] == "\n")
            and (part[-1][1] == len(text) or text[part[-1][1]] == "\n")]


def build_outline(text: str, blocks: list[Block]) -> Node:
    size = len(text)
    root = Node(None, 0, size)
    stack: list[Node] = []
    # the style of each open item: a style already open is closed before it opens again,
    # so no two are alike and a style's index is its level
    open_styles: list[str] = []

    def close(until: int, pos: int) -> None:
        while len(stack) > until:
            stack.pop().end = pos
        del open_styles[until:]

    def open_item(marker: Marker) -> None:
        """The marker's item, a child of the innermost open item (of the root when none)."""
        parent = stack[-1] if stack else root
        node = Node(marker, marker.start, size, [], parent)
        parent.children.append(node)
        stack.append(node)
        open_styles.append(marker.style)

    # An inline list restarting a style already open (1.某问题…整改措施:1.排查;2.整改。) is
    # the item's own text: its labels after the 1. on that line (style → line end, last n)
    # continue it, never the open item's sequence.
    inline_lists: dict[str, tuple[int, int]] = {}
    # The styles whose restart after an item's labels has nested as its list once
    # (restart_nests): the text numbers its measures so, and its later restarts nest too.
    nesting_restarts: set[str] = set()

    runs = paragraph_runs(text, text_regions(blocks))
    scanned = scanned_lines(text)
    for start, end in scan_stretches(text, runs):  # one scan for the labels of many runs
        scanned.markers(text, start, end)
    for start, end, barrier in runs:
        if barrier:
            if stack:
                close(0, start)
            continue
        markers = markers_between(text, start, end)
        for k, marker in enumerate(markers):
            style = marker.style
            if style in open_styles:
                level = open_styles.index(style)
                inner = len(open_styles) - 1 - open_styles[::-1].index(style)  # a field's list in an item of the style
                if marker.n == 1 and opens_field_list(text, marker.start):
                    # 整改措施: then 1.… (on its line or the next), under an item numbered 1. too:
                    # the list is the open item's, nested in it (a list of its style open before ends)
                    if inner != level:
                        close(inner, marker.start)
                    open_item(marker)
                    continue
                previous = stack[level].marker
                assert previous is not None
                if (marker.n == 1 and inner == level and marker.at_line_start
                        and label_line_between(text, previous.end, marker.start)
                        and (style in nesting_restarts or restart_nests(previous, markers[k + 1:]))):
                    # 1.问题 / 整改时限:… / 1.措施 / 整改时限:… / 2.措施 … / 2.问题: the item's list
                    nesting_restarts.add(style)
                    close(level + 1, marker.start)
                    open_item(marker)
                    continue
                if inner != level:
                    last = stack[inner].marker
                    assert last is not None
                    if continues_field_list(text, previous, last, marker, markers[k + 1:], end):
                        level, previous = inner, last
                if marker.n == 1 and inner == level and inline_restart_nests(text, previous, marker):
                    # 1.某问题。1.排查…;2.改造…。责任单位:…: the item's own list, nested in it
                    close(level + 1, marker.start)
                    open_item(marker)
                    continue
                if not marker.at_line_start and inline_continues(inline_lists, marker, text):
                    continue
                if marker.n != previous.n + 1 and not may_open_or_skip(marker):
                    continue
                close(level, marker.start)
            elif marker.n != 1 and not may_open_or_skip(marker):
                continue
            open_item(marker)
    close(0, size)
    _trim_ends(root, text)
    return root


@cache
def field_list_label_re() -> re.Pattern[str]:
    """The label of a field whose value may be a numbered list (labels.yaml
    list_value_fields: 整改措施, 整改目标, 整改完成情况 …) with its separator, ending the
    text searched: a line start, a sentence end or an opening bracket before the label."""
    rules = label_rules()
    fields = set(rules.list_value_fields)
    labels = sorted((label for label, name in label_lookup().items() if name in fields), key=len, reverse=True)
    seps = "".join(re.escape(sep) for sep in rules.separators)
    return re.compile(rf"(?<![^\n{re.escape(FIELD_LABEL_AFTER)}])(?:{'|'.join(map(re.escape, labels))})"
                      rf"[{WHITE_SPACE}]*[{seps}][{WHITE_SPACE}]*\Z")


FIELD_LABEL_AFTER = "。；;|【(（ \t\u3000"  # what may stand right before a label inside a line
FIELD_LABEL_REACH = 40  # characters back from a list's first item to look for its field's label


def opens_field_list(text: str, pos: int) -> bool:
    """Whether a list-value field's label (整改措施:) stands right before `pos`, with only
    blank space between: the numbered list starting there is that field's value."""
    return field_list_label_re().search(text, max(0, pos - FIELD_LABEL_REACH), pos) is not None


def label_line_between(text: str, start: int, end: int) -> bool:
    """Whether a line inside text[start:end] (after its first) opens with a field label
    (责任单位:, 【整改时限】, a bare 整改时限2022年底前)."""
    return next(line_labels(text, start, end), None) is not None


def line_labels(text: str, start: int, end: int) -> Iterator[str]:
    """The field labels opening the lines inside text[start:end] (after its first), in order."""
    separated, bare = label_re(), colonless_label_re()
    pos = text.find("\n", start, end)
    while pos >= 0:
        line = pos + 1
        while line < end and text[line] in LINE_BLANKS:
            line += 1
        if line < end and text[line] == "【":
            line += 1
        match = separated.match(text, line, end) or bare.match(text, line, end) if line < end else None
        if match is not None:
            yield match.group("label")
        pos = text.find("\n", line, end)


INLINE_LABEL_AFTER = FIELD_LABEL_AFTER + ",，"  # a measure's labels may follow it after a comma


def inline_label_after(text: str, start: int, end: int) -> bool:
    """Whether a field label (责任单位:) stands after a sentence end or a comma on the line
    holding text[start] (before `end`): an inline list of measures has ended by then (its
    items' own labels or the item's), so a label opening the next line is the next item."""
    line_end = text.find("\n", start, end)
    stop = end if line_end < 0 else line_end
    lookup = label_lookup()
    for match in label_re().finditer(text, start, stop):
        if text[match.start() - 1] in INLINE_LABEL_AFTER and lookup.get(match.group("label")):
            return True
    return False


def labels_repeat_the_items(text: str, outer: Marker, last: Marker, marker: Marker) -> bool:
    """Whether the field labels on the lines between a list's `last` item and `marker` all
    name fields the item (`outer`) labelled before that item: each item of the list carries
    labels of its own (整改措施: / 1.排查排污口。 / 整改时限:2022年6月底前 / 2.…), the item's
    own fields given before its list. Labels the item has not given yet (责任单位: after
    its one measure) are the item's own, ending the list."""
    lookup = label_lookup()
    between = {lookup[label] for label in line_labels(text, last.end, marker.start)}
    return bool(between) and between <= {lookup[label] for label in line_labels(text, outer.end, last.start)}


def restart_nests(outer: Marker, following: list[Marker]) -> bool:
    """Whether a 1. restarting the style of the open item `outer` (after its labels) opens
    a list of that item: the labels of the style at line starts after it count on 2, 3 … k
    and then repeat a number of theirs with the item's next (k ≥ outer's n + 1): read flat,
    two items would share a number. (1.问题 / 1.措施 / 2.措施 / 2.问题: nested; 1.甲 / 1.乙 /
    2.丙, a list restarting, stays flat.)"""
    count = 1
    for marker in following:
        if marker.style != outer.style or not marker.at_line_start:
            continue
        if marker.n == count + 1:
            count = marker.n
            continue
        return marker.n == outer.n + 1 and marker.n <= count
    return False


def continues_field_list(text: str, outer: Marker, last: Marker, marker: Marker, following: list[Marker],
                         end: int) -> bool:
    """Whether a label of the style of a field's list nested in an item (`last` its latest
    item, `outer` the item's own label) continues that list rather than the items: it must
    number the list's next item, and when it could number the next item too, the list has
    not ended at a field label (责任单位:…) since `last`, and the next label of the style at a
    line start repeats its number (the item's own next) or no field labels stand before that
    one (an item's own fields would; the label opening a list of its own is no sign)."""
    if marker.n != last.n + 1:
        return False
    if marker.n != outer.n + 1:
        return True
    if not last.at_line_start and marker.at_line_start and inline_label_after(text, last.end, marker.start):
        # 整改措施:1.…;2.…。责任单位:…。 / 3.…: the inline list ended at a field label on its line
        return False
    if label_line_between(text, last.end, marker.start):
        return labels_repeat_the_items(text, outer, last, marker)
    after = next((m for m in following if m.style == marker.style and m.at_line_start), None)
    if after is None:
        return not label_line_between(text, marker.end, end)
    if after.n == marker.n:
        return True
    stop = after.start
    if after.n == 1 and opens_field_list(text, after.start):
        # the label opening the next list is no sign (整改目标: 1.… 2.… then 整改措施: 1.…)
        stop = max(marker.end, text.rfind("\n", marker.end, text.rfind("\n", marker.end, after.start)))
    return not label_line_between(text, marker.end, stop)


INLINE_RESTART_AFTER = "。;；"  # a sentence end before an inline 1. restarting its item's style


def inline_restart_nests(text: str, outer: Marker, marker: Marker) -> bool:
    """Whether an inline 1. restarting the style of the open item `outer` on that item's
    own line, right after a sentence end (1.某问题。1.排查;2.改造。), opens the item's list
    (its measures), as 整改措施: before it would. After a colon (存在以下问题:1.…) it is the
    item's own text."""
    if marker.at_line_start or text[marker.start - 1] not in INLINE_RESTART_AFTER:
        return False
    return text.find("\n", outer.end, marker.start) < 0


def inline_continues(inline_lists: dict[str, tuple[int, int]], marker: Marker, text: str) -> bool:
    """Whether an inline label of a style already open belongs to an inline list of that
    style on its line rather than to the open items: a 1. restarts such a list, and the
    labels continuing it on the same line go with it. Records what it reads."""
    if marker.n == 1:
        line_end = text.find("\n", marker.end)
        inline_lists[marker.style] = (len(text) if line_end < 0 else line_end, 1)
        return True
    run = inline_lists.get(marker.style)
    if run is None or marker.start > run[0] or marker.n != run[1] + 1:
        return False
    inline_lists[marker.style] = (run[0], marker.n)
    return True


def _trim_ends(root: Node, text: str) -> None:
    """An item ends where its parent ends at the latest, and before trailing blank space.
    (Parents are trimmed before their children: a child's bound is its parent's final end.)"""
    pending = [root]
    while pending:
        node = pending.pop()
        bound = node.end
        for child in node.children:
            end = child.end if child.end < bound else bound
            while end > child.start and text[end - 1].isspace():
                end -= 1
            child.end = end
            if child.children:
                pending.append(child)
