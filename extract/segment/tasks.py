"""Stage 3, segment (continued): outline items → raw tasks.

A task is the lowest outline item whose text carries at least two field labels
(整改目标:, 责任单位:, …) or whose child items are headed by labels (一、反馈问题内容 …
二、整改措施). An item whose children are tasks is a task group: its parts become tasks
`N.1`, `N.2`. Labelled fields run until the next label; the problem is the text before
the first one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import itemgetter
from typing import NamedTuple

import regex

from extract.fields.patterns import (
    REGION,
    WHITE_SPACE,
    bracket_label_re,
    bracket_only_lookup,
    label_firsts,
    label_lookup,
    label_rules,
    line_start_labels,
    separated_labels,
    trie_alternation,
)
from extract.fields.people import ends_like_unit
from extract.fields.raw import STATUS_FLAG, Piece, RawMeasure, RawTask, one_clause, piece_at
from extract.fields.status import cues_to_status
from extract.segment.measures import split_measures
from extract.segment.numbering import (
    category_name,
    markers_between,
    may_open_label,
    number_value,
    numbering_rules,
    task_naming_styles,
    title_seq,
    written_number,
    written_styles,
)
from extract.segment.outline import Node, line_at
from extract.segment.tables import seq_or_code
from schemas.document import Span

# Fields that are never enough on their own to make an item a task (a record's place neither).
WEAK_FIELDS = frozenset({"", "problem", "seq", REGION})
MIN_TASK_FIELDS = 2
LABEL_BOUNDARY = "。；;|\n (（【)）"  # what may stand right before a label inside a line
HEADING_LINE_MAX = 80
NON_SPACE_RE = re.compile(r"\S")  # what str.strip() keeps (re's \s is str.isspace())


class LabelHit(NamedTuple):  # a tuple: built several times faster than a frozen dataclass
    field: str  # canonical name; '' for a label whose value a task does not keep
    start: int  # where the label starts
    value_start: int


def labels_in(text: str, start: int, end: int) -> list[LabelHit]:
    """`label:` at a line start or after a sentence end or an opening bracket, and a
    label without a separator at a line start, in text[start:end]. A label right at
    `start` counts too (the item's own text begins there)."""
    index = label_index(text)
    first = bisect.bisect_left(index.starts, start)
    last = bisect.bisect_left(index.starts, end, first)
    if first == last:  # most items hold no label of their own
        return []
    return [hit for hit, bounded in zip(index.hits[first:last], index.bounded[first:last], strict=True)
            if (bounded or hit.start == start) and hit.value_start <= end]


@dataclass(frozen=True)
class LabelIndex:
    """Every label of a text once, in order: items ask for theirs by range."""

    hits: list[LabelHit]
    bounded: list[bool]  # whether a boundary stands right before the label
    starts: list[int]


@lru_cache(maxsize=4)  # the text of the document being extracted; str hashes are cached
def label_index(text: str) -> LabelIndex:
    hits = separated_hits(text)
    starts = [hit.start for hit in hits]
    bounded = [start == 0 or text[start - 1] in LABEL_BOUNDARY for start in starts]
    taken = set(starts)  # a label with its separator wins over the bare one
    lookup = label_lookup()
    bare = [LabelHit(lookup[match.group("label")], match.start(), match.end())
            for match in line_start_labels(text) if match.start() not in taken]
    if "【" in text and bracket_only_lookup():  # a record of 【label】 lines may hold one read only so (【主管单位】)
        lookup = bracket_only_lookup()
        bare += [LabelHit(lookup[match.group("label")], match.start("label"), match.end())
                 for match in bracket_label_re().finditer(text)]
    for hit in bare:  # few: each put in its place
        at = bisect.bisect_left(starts, hit.start)
        hits.insert(at, hit)
        bounded.insert(at, True)
        starts.insert(at, hit.start)
    return LabelIndex(hits, bounded, starts)


def separated_hits(text: str) -> list[LabelHit]:
    """The labels `separated_labels` finds (`label:`), in text order. They are looked for
    from each separator back, in the reversed text: a scan for one character is several
    times faster than for a class, and a separator is rarer than a label's first character.
    (No label holds a separator or white space, so the label before a separator and its
    blank space is the longest label that ends there, and no two matches overlap: what the
    scan from the front finds.)"""
    patterns = reversed_separated_res()
    if patterns is None:  # a label with a separator or white space in it: from the front
        lookup = label_lookup()
        return [LabelHit(lookup[m.group("label")], m.start(), m.end()) for m in separated_labels(text)]
    lookup = reversed_label_lookup()
    backwards = text[::-1]
    end = len(text)
    new = tuple.__new__  # a LabelHit built from its values, without the call through LabelHit.__new__
    hits: list[LabelHit] = []
    for pattern in patterns:  # each finds its separator's labels from the text end back
        label = pattern.groupindex["label"]  # read by number: m[label] is faster than m.group("label")
        hits += [new(LabelHit, (lookup[m[label]], end - m.end(), end - m.start()))
                 for m in pattern.finditer(backwards)]
    hits.sort(key=itemgetter(1))
    return hits


@cache
def reversed_separated_res() -> tuple[re.Pattern[str], ...] | None:
    """Per separator character, the separator, its blank space and a label, all reversed;
    None when a label holds a separator or white space."""
    labels = list(label_lookup())
    seps = sorted(set("".join(label_rules().separators)))
    if any(not label or any(char in seps or char.isspace() for char in label) for label in labels):
        return None
    body = trie_alternation(label[::-1] for label in labels)
    return tuple(re.compile(rf"{re.escape(sep)}[{WHITE_SPACE}]*(?P<label>{body})") for sep in seps)


@cache
def reversed_label_lookup() -> dict[str, str]:
    return {label[::-1]: name for label, name in label_lookup().items()}


@cache
def heading_label_re() -> re.Pattern[str]:
    """A label that is a whole numbered heading (`二、整改措施`), longest label first.
    (Stdlib re, with `regex`'s white space spelled out as WHITE_SPACE: several times faster.)"""
    labels = sorted(label_lookup(), key=lambda label: (-len(label), label))
    return re.compile("(?:" + "|".join(re.escape(label) for label in labels) + rf")(?=[{WHITE_SPACE}:：]|$)")


def heading_label(text: str, node: Node) -> LabelHit | None:
    """A numbered heading that is itself a label: `二、整改措施` with its value after it."""
    # a label's first character must open the heading: most headings fail here, before the regex
    firsts = heading_firsts()
    if node.marker is None or (firsts is not None and text[node.marker.end:node.marker.end + 1] not in firsts):
        return None
    match = heading_label_re().match(text, node.body_start, node.end)
    if match is None:
        return None
    return LabelHit(label_lookup()[match.group()], node.start, match.end())


def any_heading_label(text: str, root: Node) -> bool:
    pending = [*root.children]
    while pending:
        node = pending.pop()
        if heading_label(text, node) is not None:
            return True
        pending += node.children
    return False


@cache
def heading_firsts() -> frozenset[str] | None:
    """The characters a heading label may open with; None when any may (an empty label)."""
    firsts = frozenset(label_firsts())
    return None if "" in firsts else firsts


def node_labels(text: str, node: Node) -> list[LabelHit]:
    """Labels of an item: inline ones before its first child, plus labelled child headings.
    Labels inside an unlabelled child belong to that child (a task part or a measure);
    inside a labelled child, only the ignored ones (联系电话, 公示期…) and a place (行政区域)
    count: they end its value.
    When the children are the item's 整改措施 list, the labels opening lines after the list
    are the item's too (labels_after_measure_list)."""
    return labels_with_own(text, node, own_labels(text, node))


def labels_with_own(text: str, node: Node, own: list[LabelHit]) -> list[LabelHit]:
    """`node_labels` of an item whose own labels are read already."""
    return labels_with_after_list(text, node, own, labels_after_measure_list(text, node, own))


def labels_with_after_list(text: str, node: Node, own: list[LabelHit],
                           after_list: list[LabelHit] | None) -> list[LabelHit]:
    """`node_labels` of an item whose own labels and labels_after_measure_list are read already."""
    if after_list is not None:
        return own + after_list
    hits = own
    labelled_styles: set[str] = set()
    for child in node.children:
        hit = heading_label(text, child)
        if hit is not None:
            hits = [*hits, hit, *(inner for inner in labels_in(text, hit.value_start, child.end)
                                     if inner.field in ("", REGION))]
            if child.marker is not None:
                labelled_styles.add(child.marker.style)
        elif child.marker is not None and child.marker.style in labelled_styles:
            # 三、整改措施 / 1.… 2.… / 四、整改主要工作及成效:…: a heading of the labelled
            # headings' style ends the value before it even when no label names it
            hits = [*hits, LabelHit("", child.start, child.start)]
    return hits


def is_measures_with_labels(text: str, node: Node) -> bool:
    """`第1项:问题 / 整改目标:… / 整改措施:` then `1.措施 / 整改期限:… / 责任单位:…` for each
    numbered measure: every child a task of its own under the item's list of measures."""
    if node.marker is None or not node.children:
        return False
    own = own_labels(text, node)
    return bool(own) and own[-1].field == "measures" and all(is_task(text, child) for child in node.children)


def follows_measures_label(text: str, node: Node, after_listed: bool) -> bool:
    """Whether a numbered item is part of the value of a `整改措施:` (with its separator):
    that label is the nearest before the item, and the item follows it with nothing
    between, or follows an item of the same list."""
    index = label_index(text)
    before = bisect.bisect_left(index.starts, node.start) - 1
    if before < 0:
        return False
    hit = index.hits[before]
    if hit.field != "measures" or text[hit.value_start - 1] not in label_rules().separators:
        return False
    return after_listed or NON_SPACE_RE.search(text, hit.value_start, node.start) is None  # nothing between


def own_labels(text: str, node: Node) -> list[LabelHit]:
    """The labels in an item's text before its first child."""
    return labels_in(text, node.body_start, node.children[0].start if node.children else node.end)


def labels_after_measure_list(text: str, node: Node, own: list[LabelHit]) -> list[LabelHit] | None:
    """`整改措施:` then `1.… 2.…`, then `整改时限:…` on a line of its own: the numbered
    children are the measures, and the labels opening lines after the last of them are
    the item's again (they end the list). So too after a list under another field whose
    value may be one (labels.yaml list_value_fields: `整改目标:` then `1.… 2.…`, then
    `整改措施:`). None when the item's own labels do not end with such a field, or when an
    earlier child holds such labels too (labels per measure), except the label of such a
    field opening the next child's list (整改目标: 1.… 2.… 整改措施: 1.… 2.…, both lists
    numbered alike: that label is the item's too). A list run inline on the label's line
    ends at the first label after a sentence end in its last item."""
    if not node.children or not own or own[-1].field not in list_value_fields():
        return None
    last = node.children[-1]
    # a list run inline (整改措施:(1)…;(2)…。责任单位:…): the labels after its last item's
    # sentence end are the item's too
    after = (line_start_hits(text, last.start, node.end) if text[last.start - 1] == "\n"
             else [hit for hit in labels_in(text, last.start, node.end) if hit.start > last.start]
             or comma_labels(text, last.body_start, node.end))
    if not after:
        return None
    between: list[LabelHit] = []
    for child, following in zip(node.children, node.children[1:], strict=False):
        hits = line_start_hits(text, child.start, child.end)
        if any(not opens_list_at(text, hit, following.start) for hit in hits):
            return None
        between += hits
    return between + after


def comma_labels(text: str, start: int, end: int) -> list[LabelHit]:
    """The labels in text[start:end] after a sentence end or a comma (an inline measure's own,
    `1.安装设施,责任单位:A,完成时限:B;2.…`), where `labels_in` reads none."""
    index = label_index(text)
    first = bisect.bisect_left(index.starts, start)
    return [hit for hit in index.hits[first:bisect.bisect_left(index.starts, end, first)]
            if text[hit.start - 1] in MEASURE_LABEL_BOUNDARY and hit.value_start <= end]


def opens_list_at(text: str, hit: LabelHit, pos: int) -> bool:
    """Whether a list-value field's label has the numbered list starting at `pos` for its value."""
    return hit.field in list_value_fields() and NON_SPACE_RE.search(text, hit.value_start, pos) is None


@cache
def list_value_fields() -> frozenset[str]:
    return frozenset(label_rules().list_value_fields)


@cache
def one_line_fields() -> frozenset[str]:
    return frozenset(label_rules().one_line_fields)


@cache
def run_on_chars() -> frozenset[str]:
    return frozenset(label_rules().one_line_run_on)


@cache
def cut_date_res() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    cut = label_rules().one_line_cut_date
    return regex.compile(cut["line_end"]), regex.compile(cut["next_start"])


def runs_on(text: str, start: int, end: int, stop: int) -> bool:
    """Whether the line text[start:end] goes on in the next (up to stop): it stops
    mid-sentence (labels.yaml one_line_run_on) or a date is cut at its end (one_line_cut_date)."""
    last = text[start:end].rstrip()
    if not last:
        return False
    if last[-1] in run_on_chars():
        return True
    line_end_re, next_start_re = cut_date_res()
    cut_at_end = last[-1] == "年" and line_end_re.search(last) is not None
    return cut_at_end and next_start_re.match(text, end + 1, stop) is not None


def first_line_end(text: str, start: int, stop: int) -> int:
    """The end of the first line holding text in text[start:stop] (stop where there is none),
    the lines after it too while one does not end there (runs_on)."""
    found = NON_SPACE_RE.search(text, start, stop)
    if found is None:
        return stop
    end = text.find("\n", found.start(), stop)
    while end != -1 and runs_on(text, found.start(), end, stop):
        end = text.find("\n", end + 1, stop)
    return stop if end == -1 else end


def line_start_hits(text: str, start: int, end: int) -> list[LabelHit]:
    return [hit for hit in labels_in(text, start, end) if hit.start > start and text[hit.start - 1] == "\n"]


def field_count(hits: list[LabelHit]) -> int:
    return len({h.field for h in hits} - WEAK_FIELDS)


def is_task(text: str, node: Node) -> bool:
    return field_count(node_labels(text, node)) >= MIN_TASK_FIELDS


# (task item, its group item when it is one part of a task, its labels when read already)
TaskNode = tuple[Node, Node | None, list[LabelHit] | None]


def task_nodes_with_own(text: str, node: Node, own: list[LabelHit]) -> tuple[list[TaskNode], list[LabelHit] | None]:
    """(task item, its group item when it is one part of a task) in text order, under an
    item whose own labels are read already, with the labels of
    each task that were read to find it (each item's own labels are read once: they decide
    both whether its children are tasks and whether it is one); and the item's own
    `node_labels` when they were read on the way (None when not)."""
    closing = labels_closing_the_item(text, node, own)
    if closing is not None:
        return ([(node, None, closing)] if field_count(closing) >= MIN_TASK_FIELDS else []), closing
    if restarted_measures(node, own):
        return [(node, None, own)], own
    if node.marker is not None and node.children and own and own[-1].field in list_value_fields():
        after_list = labels_after_measure_list(text, node, own)
        if after_list:  # its children are its measures (or the list of another field)
            hits = own + after_list  # node_labels
            return ([(node, None, hits)] if field_count(hits) >= MIN_TASK_FIELDS else []), hits
        # is_measures_with_labels
        if own[-1].field == "measures" and all(is_task(text, child) for child in node.children):
            return [(child, node, None) for child in node.children], None  # each measure a part: 1.1, 1.2
        labels: list[LabelHit] | None = labels_with_after_list(text, node, own, after_list)
    else:
        labels = None
    found: list[TaskNode] = []
    listed = False  # whether the child before was an item of a 整改措施: list
    for child in node.children:
        listed = follows_measures_label(text, child, listed)
        if listed:
            continue  # 整改措施: then 1.… 2.…: measures of an unnumbered record, no tasks
        child_own = own_labels(text, child)
        if not child_own and not child.children:
            continue  # an item without labels or items of its own: no task, nor one inside it
        parts, child_labels = task_nodes_with_own(text, child, child_own)
        if parts:
            found.extend(parts)
            continue
        hits = labels_with_own(text, child, child_own) if child_labels is None else child_labels
        if field_count(hits) >= MIN_TASK_FIELDS:  # is_task
            found.append((child, None, hits))
    if found and node.marker is not None and node.marker.style in task_naming_styles():
        # 第十七项 (问题十七) split into (一)(二): the parts are tasks 17.1, 17.2
        return [(task, group or node, hits) for task, group, hits in found], labels
    return found, labels


def restarted_measures(node: Node, hits: list[LabelHit]) -> bool:
    """Whether an item's children are its measures numbered in its own style, restarting
    after its labels (1.问题 / 整改时限:… / 责任单位:… / 1.措施 / 整改时限:… / 2.措施: the
    outline nests such a restart only where reading it flat would number two items alike,
    outline.restart_nests): the item is a task by its labels (`hits`, all before its first
    child) and names no measures label (整改措施: reads its list as that field's value)."""
    if node.marker is None or not node.children:
        return False
    style = node.marker.style  # (children of another style, the common case, are told first)
    if any(child.marker is None or child.marker.style != style for child in node.children):
        return False
    first = node.children[0].start
    return (all(hit.start < first and hit.field != "measures" for hit in hits)
            and field_count(hits) >= MIN_TASK_FIELDS)


def labels_closing_the_item(text: str, node: Node, own: list[LabelHit]) -> list[LabelHit] | None:
    """`1.某医院` / `(1)…` `(2)…` / `责任单位:某局 整改时限:5天`: an item with no labels of its
    own whose numbered lines hold none either, the labels on the lines after its last
    numbered line closing it: they are the item's (its lines are its problem), not the
    last line's. None for any other item, and for an item of one numbered line (a group
    heading over one task)."""
    if node.marker is None or own or len(node.children) < 2:
        return None
    last = node.children[-1]
    if last.children or any(labels_in(text, child.start, child.end) for child in node.children[:-1]):
        return None
    _, first_line_end = line_at(text, last.start)
    hits = labels_in(text, last.start, last.end)
    if hits and inline_list(text, node) and hits[0].start > last.start and text[hits[0].start - 1] in "。;；":
        return hits  # 某问题。一是…;二是…。整改时限:…: the labels after the inline list close the item
    if not hits or hits[0].start <= first_line_end or text[hits[0].start - 1] != "\n":
        return None
    return hits


def inline_list(text: str, node: Node) -> bool:
    """Whether an item's numbered children run on its own first line (某问题。一是…;二是…)."""
    return bool(node.children) and text[node.children[0].start - 1] != "\n" and (
        line_at(text, node.start)[1] >= node.children[-1].start)


def closes_the_item(node: Node, hits: list[LabelHit]) -> bool:
    """Whether the item's labels all stand after its numbered lines (labels_closing_the_item)."""
    return bool(node.children) and bool(hits) and hits[0].start > node.children[-1].start


def seq_of(text: str, node: Node, group: Node | None) -> str:
    if node.marker is None:
        return "1"
    if node.marker.style in written_styles():  # 1.2 某问题: the number as written
        return written_number(text, node.marker)
    if group is not None and group.marker is not None:
        return f"{group.marker.n}.{node.marker.n}"
    return str(node.marker.n)


def category_of(text: str, node: Node) -> str | None:
    """The nearest enclosing heading that is a short line of its own (a list group), not
    one whose label names a task (第十七项), nor one whose text is the item's own label
    (一、第12项:…: the heading is the task's)."""
    parent = node.parent
    child = node
    naming = task_naming_styles()
    while parent is not None and parent.marker is not None:
        start, end = line_at(text, parent.start)
        line = text[start:end]
        if (parent.marker.style not in naming and parent.body_start != child.start
                and len(line) <= HEADING_LINE_MAX and "。" not in line):
            name = category_name(line)
            return name or None
        child, parent = parent, parent.parent
    return None


def node_to_raw_task(text: str, node: Node, group: Node | None) -> RawTask:
    return raw_task_of(text, node, group, node_labels(text, node))


def raw_task_of(text: str, node: Node, group: Node | None, hits: list[LabelHit]) -> RawTask:
    """`node_to_raw_task` of an item whose labels (`node_labels`) are read already."""
    first = hits[0].start if hits else node.end
    raw = RawTask(seq=seq_of(text, node, group), span=(node.start, node.end), category=category_of(text, node))
    # the problem ends at the first label, or at the first numbered line, except where
    # labels close the item: then its numbered lines are its problem
    numbered_apart = node.children and node.marker and not closes_the_item(node, hits)
    inline = not numbered_apart and node.children and node.marker and inline_list(text, node)
    problem_end = min(first, node.children[0].start) if numbered_apart or inline else first
    raw.problem = piece_at(text, node.body_start, problem_end)
    if inline and problem_end < first:  # 某问题。一是…;二是…。整改时限:…: the inline list is its measures
        raw.measures = split_measures(text, problem_end, first)
        listed = piece_at(text, problem_end, first)
        if listed is not None:
            raw.fields["measures"] = listed
    fields = raw.fields
    restarted = restarted_measures(node, hits)
    own_end = node.children[0].start if restarted else node.end
    for k, hit in enumerate(hits):
        stop = hits[k + 1].start if k + 1 < len(hits) else own_end
        field = hit.field
        if not field:
            continue
        if field == REGION:  # 行政区域:雁塔区: the record's place, its units where it names none
            region = piece_at(text, hit.value_start, stop)
            if region is not None:
                raw.regions.append(region)
            continue
        if field == STATUS_FLAG:  # 是否办结:已办结: the answer, its label weighed in task_status
            answer = piece_at(text, hit.value_start, stop)
            if answer is not None and field not in fields:
                fields[field], raw.flag_label = one_clause(answer), text[hit.start:hit.value_start]
            continue
        if field == "measures":
            raw.measures = split_measures(text, hit.value_start, stop)
            piece = piece_at(text, hit.value_start, stop)
            if piece is not None:
                fields["measures"] = piece
            continue
        if field in one_line_fields():
            stop = first_line_end(text, hit.value_start, stop)
        # the first value of a field wins; each status row is kept (which one tells the
        # status is chosen by its label: fields/status.py status_row), the last in fields
        if field not in fields or field == "status":
            piece = piece_at(text, hit.value_start, stop)
            if piece is not None and field in LONE_ITEM_FIELDS:
                piece = without_lone_label(text, piece)
            if piece is not None:
                fields[field] = piece
                if field == "status":
                    raw.status_rows.append((text[hit.start:hit.value_start], piece))
    if restarted:  # its items restarting its numbering are its measures
        raw.measures = split_measures(text, own_end, node.end)
        piece = piece_at(text, own_end, node.end)
        if piece is not None:
            fields["measures"] = piece
    labelled_problem = "problem" in raw.fields
    if labelled_problem:
        raw.problem = raw.fields.pop("problem")
    if group is not None and raw.problem is not None and is_measures_with_labels(text, group):
        return measure_part(text, raw, raw.problem, node, group)
    return raw if group is not None or labelled_problem else under_problem_heading(text, raw, node)


def under_problem_heading(text: str, raw: RawTask, node: Node) -> RawTask:
    """An item under a heading naming its problem (`problem_heading`), (一)关于…的问题 over
    1.<measure>(责任单位:…) 2.…: the heading is the problem, the item's text its one measure,
    and the category the one above the heading."""
    if raw.problem is None or raw.measures or node.parent is None:
        return raw
    heading = problem_heading(text, node.parent)
    if heading is None:
        return raw
    raw.measures = [RawMeasure(node.marker.label if node.marker else None, raw.problem)]
    raw.fields["measures"] = raw.problem
    raw.problem = heading
    raw.category = category_of(text, node.parent)
    return raw


# Fields whose value may be written as a list of one item under a heading label
# (一、整改问题 / (一)某河道有垃圾。): the item's text is the value, without its label.
LONE_ITEM_FIELDS = frozenset({"problem", "target", "status"})


def without_lone_label(text: str, piece: Piece) -> Piece:
    """A value that is one numbered item alone, `(一)完成清理`: the item's text. A value
    listing several items (`(一)…(二)…`) keeps its labels."""
    start, end = piece.span
    if not may_open_label(text, start):
        return piece  # most values open with a word: no label there, and no scan for one
    markers = markers_between(text, start, end)
    if not markers or markers[0].start != start or any(m.style == markers[0].style for m in markers[1:]):
        return piece
    return piece_at(text, markers[0].end, end) or piece


def measure_part(text: str, raw: RawTask, sentence: Piece, node: Node, group: Node) -> RawTask:
    """A numbered measure with its own labels under an item: the item's problem and fields
    (整改目标…) with the measure's sentence as its one measure and its own labels on top."""
    item = node_to_raw_task(text, group, None)
    raw.measures = [RawMeasure(node.marker.label if node.marker else None, sentence)]
    raw.fields["measures"] = sentence
    raw.problem = item.problem
    for name, piece in item.fields.items():
        raw.fields.setdefault(name, piece)
    raw.status_rows = raw.status_rows or item.status_rows
    raw.category = raw.category or item.category
    return raw


def problem_heading(text: str, node: Node | None) -> Piece | None:
    """The problem a heading names (`(一)关于排污口整治不到位的问题` → 排污口整治不到位的问题):
    a numbered heading line of its own that opens with the problem lead word and ends
    with the problem word, or names a shortcoming as a sentence over items that are all
    measures (`(一)某河段非法采砂问题突出` / `1.开展专项整治…`: `problem_sentence_heading`)."""
    if node is None or node.marker is None:
        return None
    rules = numbering_rules()
    _, end = line_at(text, node.start)
    heading = text[node.body_start:end].rstrip(" :：")
    if heading.startswith(rules.problem_heading_lead) and heading.endswith(rules.problem_heading_end):
        return piece_at(text, node.body_start + len(rules.problem_heading_lead), node.body_start + len(heading))
    if problem_sentence_heading(text, node, heading):
        return piece_at(text, node.body_start, node.body_start + len(heading))
    return None


def problem_sentence_heading(text: str, node: Node, heading: str) -> bool:
    """Whether a heading without 关于 names one problem whose measures its items are: it names
    a shortcoming (numbering.yaml `problem_sentence_words`) and no list or section
    (`problem_sentence_not`), and each item numbered under it opens with a measure's verb
    (`measure_leads`); a category (大气污染问题) or a heading over problems (一、责任落实不到位
    / 1.某县违规审批…) is none."""
    rules = numbering_rules()
    if not node.children or not any(word in heading for word in rules.problem_sentence_words):
        return False
    if any(word in heading for word in rules.problem_sentence_not) or category_name(heading) == "":
        return False
    leads = tuple(rules.measure_leads)
    return all(text.startswith(leads, child.body_start) for child in node.children)


def find_raw_tasks(text: str, root: Node) -> list[RawTask]:
    if not label_index(text).hits and not any_heading_label(text, root):
        return bracket_tasks(text, root)  # no label anywhere: no labelled item, record or page
    found, _ = task_nodes_with_own(text, root, own_labels(text, root))
    if not found:
        return (numbered_record_tasks(text, root) or record_tasks(text, root) or page_tasks(text, root)
                or bracket_tasks(text, root))
    found, bracketed = with_weak_siblings(text, found)
    tasks = [bracket_raw_task(text, node, bracketed[id(node)]) if id(node) in bracketed
             else with_measure_fields(text, raw_task_of(text, node, group, node_labels(text, node)
                                                        if hits is None else hits))
             for node, group, hits in found]
    return _unique_seqs(tasks, [(node, group) for node, group, _ in found])


# Fields a measure may give on its own, by a label inside it (一是…。责任单位:A,完成时限:B。) or
# by the cue words of its closing bracket (1.…(2022年底前完成,市住建局负责)): its deadline, and
# units the task's are joined by.
MEASURE_OWN_FIELDS = frozenset({"lead_units", "responsible_units", "cooperating_units", "deadline"})
MEASURE_LABEL_BOUNDARY = LABEL_BOUNDARY + ",，"  # 责任单位:A,完成时限:B: a comma parts them too
MEASURE_VALUE_TRAIL = "。.;；,，"


def with_measure_fields(text: str, raw: RawTask) -> RawTask:
    """A labelled task whose measures name their own units and deadlines: each measure's
    deadline is its `stated`, its units join the task's (`more_units`, `more_cooperating`),
    after the task's own, the lead of the first measure naming one first where the task
    names none."""
    owns = [{} if measure.deadline is not None else measure_own_fields(text, *measure.piece.span)
            for measure in raw.measures]  # (a table row's measure: its cells say)
    if len(owns) > 1 and any(owns[:-1]) and not owns[-1]:
        owns[-1] = last_measure_labels(text, raw)
    for measure, own in zip(raw.measures, owns, strict=True):
        if not own:
            continue
        if "deadline" in own:
            measure.stated = own["deadline"]
        raw.more_units += [own[name] for name in ("lead_units", "responsible_units") if name in own]
        if "cooperating_units" in own:
            raw.more_cooperating.append(own["cooperating_units"])
    return raw


def last_measure_labels(text: str, raw: RawTask) -> dict[str, Piece]:
    """The fields of the labels right after the last measure of a list whose earlier measures
    name theirs (一是…。责任单位:A。二是…。责任单位:B,完成时限:C。), on its line: the last
    measure's own, read as the task's where the list ran inline; they move to it, its piece
    taking them in. Labels on lines of their own after the list stay the task's."""
    last = raw.measures[-1]
    end = last.piece.span[1]
    after = {name: piece for name, piece in raw.fields.items() if piece.span[0] >= end}
    if not after or not after.keys() <= MEASURE_OWN_FIELDS:
        return {}  # none, or a field of the task's own among them (整改目标 after the list)
    stop = max(piece.span[1] for piece in after.values())
    if "\n" in text[end:min(piece.span[0] for piece in after.values())]:
        return {}  # labels on lines of their own after the list: the task's
    own = measure_own_fields(text, last.piece.span[0], stop)
    if not own:
        return {}
    for name in after:
        del raw.fields[name]
    joined = piece_at(text, last.piece.span[0], stop)
    if joined is not None:
        last.piece = joined
        listed = raw.fields.get("measures")
        if listed is not None and listed.span[1] < stop:
            raw.fields["measures"] = piece_at(text, listed.span[0], stop) or listed
    return own


def measure_own_fields(text: str, start: int, end: int) -> dict[str, Piece]:
    """The units and deadline a measure text[start:end] names on its own: by labels inside it
    after a sentence end, a bracket or a comma (责任单位:A,完成时限:B), else by the parts of
    the bracket closing it when one names units by its cue words ((2022年底前完成,市住建局负责));
    {} when it names no unit or deadline so."""
    index = label_index(text)
    first = bisect.bisect_left(index.starts, start)
    last = bisect.bisect_left(index.starts, end, first)
    hits = [hit for hit in index.hits[first:last]
            if hit.start > start and text[hit.start - 1] in MEASURE_LABEL_BOUNDARY and hit.value_start <= end]
    fields: dict[str, Piece] = {}
    for k, hit in enumerate(hits):
        if hit.field not in MEASURE_OWN_FIELDS or hit.field in fields:
            continue
        stop = hits[k + 1].start if k + 1 < len(hits) else end
        value = piece_at(text, hit.value_start, stop)
        body = value.text.rstrip(MEASURE_VALUE_TRAIL) if value is not None else ""
        if value is not None and body:
            fields[hit.field] = Piece(body, (value.span[0], value.span[0] + len(body)))
    if fields:
        return fields
    if not closes_bracket(text, start, end):
        return {}
    bracket = bracket_fields(text, start, end)
    bracket.pop("_bracket", None)
    return {name: piece for name, piece in bracket.items() if name in MEASURE_OWN_FIELDS}


def with_weak_siblings(text: str, found: list[TaskNode]) -> tuple[list[TaskNode], dict[int, dict[str, Piece]]]:
    """The tasks found by their labels, with the items beside them in the same list that
    tell fewer fields: `1.…(市委宣传部牵头,市委组织部配合)` and `2.…(责任单位:市住建局)`
    beside `3.…(牵头市领导:王强;责任单位:…)`. An item of the same parent and numbering
    style as a task found there, with no items of its own, is a task too when it has one
    label of a field a task keeps, or its units in a closing bracket; so is such an item of
    a list under a heading beside the task's own heading, numbered alike. Also returned: the
    closing bracket's fields (bracket_fields) of each item added by them, by the item's id."""
    styles: dict[int, set[str]] = {}  # the lists' parents → numbering styles of their tasks
    parents: dict[int, Node] = {}
    for node, group, _ in found:
        parent = node.parent
        if group is not None or node.marker is None or parent is None:
            continue
        # lists under the headings beside the parent's, numbered alike ((一)… 1.… (二)… 1.…),
        # inside one section (三、整改任务): top-level sections (四、保障措施) are no such lists
        grand = parent.parent
        cousins = ([p for p in grand.children if p.marker is not None and p.marker.style == parent.marker.style]
                   if grand is not None and grand.marker is not None and parent.marker is not None
                   else [parent])
        for each in cousins:
            parents[id(each)] = each
            styles.setdefault(id(each), set()).add(node.marker.style)
    taken = {id(node) for node, _, _ in found}
    added: list[TaskNode] = []
    bracketed: dict[int, dict[str, Piece]] = {}
    for parent in parents.values():
        for child in parent.children:
            if (id(child) in taken or child.children or child.marker is None
                    or child.marker.style not in styles[id(parent)]):
                continue
            hits = node_labels(text, child)
            if field_count(hits) >= 1:
                added.append((child, None, hits))
            elif fields := bracket_fields(text, child.body_start, child.end):
                added.append((child, None, hits))
                bracketed[id(child)] = fields
    if not added:
        return found, bracketed
    return sorted([*found, *added], key=lambda item: item[0].start), bracketed


def bracket_raw_task(text: str, node: Node, fields: dict[str, Piece]) -> RawTask:
    """The task of an item whose units close it, in brackets or a closing sentence: its
    `bracket_fields`, the problem the text before them."""
    fields = dict(fields)
    bracket = fields.pop("_bracket")
    raw = RawTask(seq=written_number(text, node.marker) if node.marker else "1", span=(node.start, node.end),
                  category=category_of(text, node))
    raw.problem = piece_at(text, node.body_start, bracket.span[0])
    raw.fields = fields
    return under_problem_heading(text, raw, node)


@cache
def report_item_res() -> tuple[regex.Pattern[str], ...]:
    return tuple(regex.compile(p) for p in label_rules().report_item_patterns)


MIN_REPORT_ITEMS = 2


def report_tasks(text: str, root: Node, completion: bool = False) -> list[RawTask]:
    """A progress report's numbered items that name their problem (一、关于…问题:) and
    report on it in the rest of the item, or that state the problem and then its progress
    under a status label alone (1.某问题。整改情况:…): problem and progress of one task each.
    In a completion notice (`completion`) the problem may be followed by one other field's
    label (1.某问题。整改措施:…): the item's labelled text is what the notice publishes of
    the work, its progress, and the field is kept too."""
    tasks: list[RawTask] = []
    nodes: list[tuple[Node, Node | None]] = []
    taken_until = -1  # the end of the last item read: its sub-items are its measures
    for node in root.walk():
        if node.marker is None or node.start < taken_until:
            continue
        own_end = node.children[0].start if node.children else node.end
        found = report_item(text, node, own_end, completion)
        if found is None or any(report_item(text, child, child.children[0].start if child.children else child.end,
                                            completion)
                                for child in node.children):
            continue  # a group over report items (一、关于“…”方面 over (一)(二)): the items are the tasks
        problem, progress = found
        taken_until = node.end
        hits = labels_in(text, node.body_start, own_end)
        # several status rows (整改完成情况:… / 自验收情况:…): each its own row, ranked as a task's
        rows = len(hits) > 1 and all(hit.field == "status" for hit in hits) and hits[0].value_start == progress[0]
        seq = written_number(text, node.marker)
        if rows or (completion and hits and hits[0].start == problem[1] and hits[0].field != "status"):
            raw = raw_task_of(text, node, None, hits)  # 1.某问题。整改措施:…: the field's value kept
            raw.seq = seq
        else:
            raw = RawTask(seq=seq, span=(node.start, node.end), category=category_of(text, node))
        raw.problem = piece_at(text, *problem)
        status = piece_at(text, *progress)
        if status is not None and not rows:
            raw.fields["status"] = status
        if node.children:
            raw.measures = split_measures(text, own_end, node.end)
        tasks.append(raw)
        nodes.append((node, None))
    return _unique_seqs(tasks, nodes) if len(tasks) >= MIN_REPORT_ITEMS else []


def report_item(text: str, node: Node, own_end: int, completion: bool = False) -> tuple[Span, Span] | None:
    """(problem, progress) of a progress report's item, from its own text (before its
    sub-items): a form of report_item_patterns, or the problem then a status label alone
    (1.某问题。整改情况:…). The progress is a status label's value where one follows.
    In a completion notice (`completion`) one label of another field may stand for the
    status label (1.某问题。整改措施:…): the progress is then the labelled text, label included."""
    match = next((m for m in (r.match(text, node.body_start, own_end) for r in report_item_res()) if m), None)
    hits = labels_in(text, node.body_start, own_end)
    if match is not None:
        status = next((hit for hit in hits if hit.field == "status" and hit.start >= match.end()), None)
        progress = (status.value_start, own_end) if status is not None else (match.end(), own_end)
        return (match.start("problem"), match.end("problem")), progress
    if not hits or hits[0].start == node.body_start:
        return None
    fields = {hit.field for hit in hits}
    if fields == {"status"}:
        return (node.body_start, hits[0].start), (hits[0].value_start, own_end)
    if completion and len(fields) == 1 and not fields & WEAK_FIELDS:
        return (node.body_start, hits[0].start), (hits[0].start, own_end)
    return None


# Fields that open a record of labelled lines with no numbering (序号:8 问题:… 整改时限:…
# then 序号:9 …): the record's first label, when it comes again, starts the next task.
RECORD_KEYS = ("seq", "problem")
MIN_RECORDS = 2


def record_tasks(text: str, root: Node) -> list[RawTask]:
    """Unnumbered records of labelled lines, one task each, split where the label that
    opened the first record comes again; each record must hold a task's fields."""
    hits = [hit for hit in labels_in(text, root.start, root.end) if hit.field]
    if not hits or hits[0].field not in RECORD_KEYS:
        return []
    key = hits[0].field
    starts = [hit.start for hit in hits if hit.field == key]
    if len(starts) < MIN_RECORDS:
        return []
    bounds = list(zip(starts, [*starts[1:], root.end], strict=True))
    records = [Node(None, start, end) for start, end in bounds]
    labels: list[list[LabelHit]] = []  # each record's, read once
    for record in records:
        labels.append(node_labels(text, record))
        if not is_record(labels[-1]):
            return []
    tasks = [raw_task_of(text, record, None, hits) for record, hits in zip(records, labels, strict=True)]
    for ordinal, task in enumerate(tasks, start=1):
        written = task.fields.pop("seq", None)
        task.seq = (seq_or_code(written.text) if written else None) or str(ordinal)
    return numbered_in_order_if_repeated(tasks)


def numbered_record_tasks(text: str, root: Node) -> list[RawTask]:
    """Numbered records (1.受理编号:D1… / 交办问题基本情况:… / 处理和整改情况:… then 2.受理编号:…):
    items that each open with a record key label and hold a record (`is_record`), one task
    each, numbered by their items as a table's 序号 column numbers its rows. Read where no
    item is a task by its labels alone: a complaint record names its problem and little more."""
    items: list[tuple[Node, list[LabelHit]]] = []  # each record with its labels, read once
    for node in root.walk():
        if node.marker is None or (items and node.start < items[-1][0].end):
            continue  # the items inside a record are its measures
        own = own_labels(text, node)
        if own and own[0].start == node.body_start and own[0].field in RECORD_KEYS:
            hits = labels_with_own(text, node, own)
            if is_record(hits):
                items.append((node, hits))
    if len(items) < MIN_RECORDS:
        return []
    tasks = [raw_task_of(text, item, None, hits) for item, hits in items]
    return _unique_seqs(tasks, [(item, None) for item, _ in items])


def is_record(hits: list[LabelHit]) -> bool:
    """Whether an item with these labels (`node_labels`) is a record: it holds a task's
    fields, or names its problem and one field more (a complaint case: 受理编号,
    转办问题基本情况, 处理和整改情况): the repeated key shows the records."""
    return field_count(hits) >= MIN_TASK_FIELDS or (
        any(hit.field == "problem" for hit in hits) and field_count(hits) >= 1)


def numbered_in_order_if_repeated(tasks: list[RawTask]) -> list[RawTask]:
    """Tasks whose written numbers repeat (two pages both say 第三项) are numbered 1, 2, …
    in text order instead: a seq must name one task."""
    if len({t.seq for t in tasks}) < len(tasks):
        for ordinal, task in enumerate(tasks, start=1):
            task.seq = str(ordinal)
    return tasks


def heading_runs(root: Node) -> list[Node]:
    """Top-level headings split where their numbering starts again at 一: each run is one
    task page (一、整改问题 … 六、整改完成情况), as a node of its own that ends with the run's
    last item (a signature may follow); the root itself when there are no headings."""
    runs: list[list[Node]] = []
    for child in root.children:
        if not runs or (child.marker is not None and child.marker.n == 1):
            runs.append([])
        runs[-1].append(child)
    if not runs:
        return [root]
    start = root.start
    nodes = []
    for run in runs:
        nodes.append(Node(None, start, run[-1].end, children=run))
        start = run[-1].end
    return nodes


def page_tasks(text: str, root: Node) -> list[RawTask]:
    """A notice that is one task per page with labelled section headings (or one task)."""
    required = set(label_rules().page_task_requires_one_of)
    pages: list[tuple[Node, list[LabelHit]]] = []  # each page with its labels, read once
    for page in heading_runs(root):
        hits = node_labels(text, page)
        if field_count(hits) >= MIN_TASK_FIELDS and required & {hit.field for hit in hits}:
            pages.append((page, hits))
    tasks = [raw_task_of(text, page, None, hits) for page, hits in pages]
    for ordinal, ((page, _), task) in enumerate(zip(pages, tasks, strict=True), start=1):
        written = task.fields.pop("seq", None)  # 问题序号:第12项 names the task's number itself
        named = seq_or_code(written.text) if written else None
        task.seq = named or title_seq(text[page.start:page.end]) or str(ordinal)
    return numbered_in_order_if_repeated(tasks)



@cache
def notice_task_res() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """numbering.yaml's notice_task_reference, notice_item_mention and notice_task_problem."""
    rules = numbering_rules()
    return (regex.compile(rules.notice_task_reference), regex.compile(rules.notice_item_mention),
            regex.compile(rules.notice_task_problem))


SENTENCE_END_RE = re.compile(r"[^。；;!！?？\n]*(?:[。；;!！?？]|$)")  # a sentence with its closing mark


def notice_sentence_task(text: str, root: Node | None = None) -> list[RawTask]:
    """A completion notice that names its one task in a sentence, not by labels or items
    (…反馈问题第5项关于“某河道黑臭”整改任务落实情况予以公示; 第15项整改任务已完成整改,经验收,
    符合销号条件,现予公告; a title 关于第5项整改落实情况的公示 over a paragraph on 该问题): one
    task numbered as named (or as the title names it: (序号十)), spanning the paragraph that
    names it and tells its completion (else the first telling it, else the first naming
    it); its problem the feedback
    quoted after 关于, its status row the first sentence there holding a status cue. A
    notice naming several items (第3、5项, 第3项…第7项) names no single task: none."""
    reference_re, mention_re, problem_re = notice_task_res()
    references = list(reference_re.finditer(text))
    numbers = {number_value(n) for match in references for n in match.captures("n")}
    numbers |= {number_value(match["n"]) for match in mention_re.finditer(text)}
    if len(numbers) > 1 or None in numbers:
        return []
    seq = str(next(iter(numbers))) if numbers else title_seq(text)
    if seq is None:
        return []
    lines = [line_at(text, match.start()) for match in references]
    if len(lines) > 1 and lines[0][0] == len(text) - len(text.lstrip()):
        # the title naming the task (关于…第3项整改完成情况的公示) tells no completion: the paragraph does
        lines = [*lines[1:], lines[0]]
    telling = [line for line in lines if status_sentence(text, *line)] or [
        line for line in paragraphs(text) if status_sentence(text, *line)][:1]
    if not telling and not lines:
        return []
    start, end = (telling or lines)[0]
    raw = RawTask(seq=str(seq), span=(start, end))
    quoted = next((found for found in (problem_re.search(text, *line) for line in [(start, end), *lines])
                   if found is not None), None)  # the telling line's quote, else the naming one's
    if quoted is not None:
        raw.problem = piece_at(text, *quoted.span("problem"))
    labelled = labelled_status_page(text, root) if root is not None else None
    if labelled is not None:  # 二、整改完成情况 / <its account>: the labelled rows, not a sentence
        page, hits = labelled
        page_raw = raw_task_of(text, page, None, hits)
        raw.fields, raw.status_rows, raw.measures = page_raw.fields, page_raw.status_rows, page_raw.measures
        if raw.problem is None and any(hit.field == "problem" for hit in hits):
            raw.problem = page_raw.problem
        raw.span = (min(start, hits[0].start), max(end, page.end))
        return [raw]
    status = status_sentence(text, start, end)
    if status is not None:
        raw.fields["status"] = status
    return [raw]


def labelled_status_page(text: str, root: Node) -> tuple[Node, list[LabelHit]] | None:
    """The one page of a one-task notice whose labels give a status row (二、整改完成情况),
    with its labels; None where no page, or several, do."""
    found = []
    for page in heading_runs(root):
        hits = node_labels(text, page)
        if any(hit.field == "status" for hit in hits):
            found.append((page, hits))
    return found[0] if len(found) == 1 else None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The non-blank lines of `text`, as (start, end)."""
    found, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            found.append((start, start + len(line)))
        start += len(line) + 1
    return found


def status_sentence(text: str, start: int, end: int) -> Piece | None:
    """The first sentence of text[start:end] holding a status cue (该项整改任务已完成整改,经验收,
    符合销号条件。)."""
    for match in SENTENCE_END_RE.finditer(text, start, end):
        if match.end() > match.start() and cues_to_status(match.group()) is not None:
            return piece_at(text, *match.span())
    return None

# `…问题描述。(市生态环境局牵头,各县区政府负责;2021年底前完成)` closing an item's own text
BRACKET_TAIL_AFTER = "。;；"  # besides white space, what may follow the closing bracket
# (a unit's own short bracket may stand inside: (市住建局(牵头)、市生态环境局,各县区政府负责))
BRACKET_TAIL_RE = regex.compile(
    rf"[(（](?P<body>(?:[^()（）]|[(（][^()（）]{{1,12}}[)）]){{2,160}})[)）][\s{BRACKET_TAIL_AFTER}]*$")
BRACKET_PART_RE = regex.compile(r"[^,，;；]+")
MIN_BRACKET_TASKS = 2  # one bracketed item alone is too weak a sign of a task list


@cache
def bracket_deadline_re() -> regex.Pattern[str]:
    return regex.compile("|".join(label_rules().bracket_deadline_cues))


# Labelled parts of a closing bracket that name a task's units, people or deadline on their own
# ((责任单位:市住建局), (牵头单位:市农业农村局;完成时限:2022年底前)).
BRACKET_LABEL_FIELDS = frozenset({"lead_units", "responsible_units", "cooperating_units", "leaders",
                                  "persons", "supervisors", "deadline"})


def bracket_label(text: str, piece: Piece) -> tuple[str, Piece] | None:
    """(field, value) of a part of a closing bracket that opens with such a label."""
    start, end = piece.span
    hit = next((h for h in labels_in(text, start, end) if h.start == start), None)
    if hit is None or hit.field not in BRACKET_LABEL_FIELDS:
        return None
    value = piece_at(text, hit.value_start, end)
    return (hit.field, value) if value is not None else None


@cache
def nested_lead_re() -> regex.Pattern[str]:
    """A unit's own bracket marking it the lead inside a closing bracket: (牵头)."""
    words = "|".join(map(regex.escape, label_rules().bracket_unit_cues["lead_units"]))
    return regex.compile(rf"[(（](?:{words})[^()（）]{{0,4}}[)）]")


def closes_bracket(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends with a closing bracket, before what BRACKET_TAIL_RE lets
    follow one (white space — isspace() takes all of regex's \\s — and 。;；): without one the
    pattern cannot match, and searching each item's text for it costs more than this look."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in BRACKET_TAIL_AFTER):
        end -= 1
    return end > start and text[end - 1] in ")）"


def bracket_fields(text: str, start: int, end: int) -> dict[str, Piece]:
    """Units and deadline of a closing bracket, by the cue words ending each part; else of
    a closing sentence of the same parts (closing_sentence_fields)."""
    if not closes_bracket(text, start, end):
        return closing_sentence_fields(text, start, end)
    match = BRACKET_TAIL_RE.search(text, start, end)
    if match is None:
        return {}
    fields = tail_part_fields(text, match.start("body"), match.end("body"))
    if fields is None:
        return {}
    fields["_bracket"] = Piece(match.group(), (match.start(), match.end()))
    return fields


def tail_part_fields(text: str, start: int, end: int, strict: bool = False) -> dict[str, Piece] | None:
    """Units and deadline of the parts of text[start:end] (a closing bracket's body, or a
    closing sentence's), by the cue words ending each part; None without units. `strict`
    (a sentence, not set apart by brackets): every part names units that end like a unit
    before their cue word, or a deadline, and nothing else."""
    fields: dict[str, Piece] = {}
    cues = label_rules().bracket_unit_cues
    marked: Piece | None = None  # the units whose lead is marked in its own bracket, while they run on
    for part in BRACKET_PART_RE.finditer(text, start, end):
        piece = piece_at(text, part.start(), part.end())
        if piece is None:
            continue
        labelled = bracket_label(text, piece)
        if labelled is not None:
            field, value = labelled
            if field not in fields:
                fields[field] = marked = value  # (责任单位:市住建局,市水务局): runs on like a marked lead
            continue
        for field, words in cues.items():
            word = next((w for w in sorted(words, key=len, reverse=True) if piece.text.endswith(w)), None)
            if word is not None and field not in fields:
                unit = piece_at(text, piece.span[0], piece.span[1] - len(word))
                if strict and (unit is None or not ends_like_unit(unit.text)):
                    return None
                if unit is not None:
                    fields[field] = unit
                break
            if word is not None and strict:
                return None
        else:
            if "lead_units" not in fields and nested_lead_re().search(piece.text):
                fields["lead_units"] = piece  # 市住建局(牵头)、市生态环境局: the units, the lead marked
                marked = piece
                continue
            if "deadline" not in fields and bracket_deadline_re().search(piece.text):
                fields["deadline"] = piece
            elif marked is not None and (running := next((f for f, v in fields.items() if v is marked), None)):
                # (市住建局(牵头),市生态环境局): a unit after the marked lead is one more of them
                joined = piece_at(text, marked.span[0], piece.span[1])
                if joined is not None:
                    fields[running] = marked = joined
                continue
            elif strict:
                return None
        marked = None
    if not fields.keys() & (cues.keys() | BRACKET_LABEL_FIELDS - {"deadline"}):
        return None
    return fields


# `…问题描述。由市生态环境局牵头,各县区政府负责,2022年底前完成。` closing an item's own text:
# the sentence opens with 由 or names a lead (牵头); a sentence of its deadline alone may follow
# (`…。由市住建局牵头,各县区政府负责。2023年底前完成。`)
SENTENCE_TAIL_SCAN = 200  # how far back from an item's end its closing sentences are sought
CLOSING_SENTENCE_CUES = ("牵头", "负责")


def closing_sentence_fields(text: str, start: int, end: int) -> dict[str, Piece]:
    """Units and deadline of an item's closing sentence (by tail_part_fields, strict), with
    "_bracket" the closing sentences' span; {} when the item does not close so."""
    end = before_tail(text, start, end)
    low = max(start, end - SENTENCE_TAIL_SCAN)
    if end <= start or not any(text.find(cue, low, end) >= 0 for cue in CLOSING_SENTENCE_CUES):
        return {}
    last = last_sentence_start(text, low, end)
    fields = closing_units_sentence(text, last, end)
    if fields is None:  # the last sentence its deadline alone: the units' one before it
        if last <= start or not bracket_deadline_re().search(text, last, end):
            return {}
        deadline = tail_part_fields(text, last, end, strict=True)
        if deadline is not None or any(cue in text[last:end] for cue in CLOSING_SENTENCE_CUES):
            return {}
        before = before_tail(text, start, last - 1)
        first = last_sentence_start(text, max(start, before - SENTENCE_TAIL_SCAN), before)
        fields = closing_units_sentence(text, first, before)
        if fields is None or "deadline" in fields:
            return {}
        own = piece_at(text, last, end)
        if own is None:
            return {}
        fields["deadline"] = own
        last = first
    if last <= start:
        return {}  # the whole item: no problem before its units
    closing = piece_at(text, last, end)
    if closing is None:
        return {}
    fields["_bracket"] = closing
    return fields


def before_tail(text: str, start: int, end: int) -> int:
    """Where text[start:end] ends without the white space and the 。;； closing it."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in BRACKET_TAIL_AFTER):
        end -= 1
    return end


def last_sentence_start(text: str, low: int, end: int) -> int:
    """Where the last sentence before `end` starts: after the last 。 or line end before it
    (a closing sentence of units; amendments.sentence_start splits on every sentence end)."""
    return max(text.rfind("。", low, end), text.rfind("\n", low, end)) + 1 or low


def closing_units_sentence(text: str, start: int, end: int) -> dict[str, Piece] | None:
    """The fields of text[start:end] when it is a sentence of units (and deadline) alone,
    opening with 由 or naming a lead."""
    while start < end and text[start].isspace():
        start += 1
    fields = tail_part_fields(text, start, end, strict=True)
    if fields is None or not (text.startswith("由", start) or "lead_units" in fields):
        return None
    return fields


def bracket_tasks(text: str, root: Node) -> list[RawTask]:
    """Numbered items that end with their units in brackets, when no item has labels."""
    tasks: list[RawTask] = []
    nodes: list[tuple[Node, Node | None]] = []
    for node in root.walk():
        if node.marker is None or node.children:
            continue
        fields = bracket_fields(text, node.body_start, node.end)
        if not fields:
            continue
        tasks.append(bracket_raw_task(text, node, fields))
        nodes.append((node, None))
    return _unique_seqs(tasks, nodes) if len(tasks) >= MIN_BRACKET_TASKS else []


def _unique_seqs(tasks: list[RawTask], nodes: list[tuple[Node, Node | None]]) -> list[RawTask]:
    """Numbering that restarts under each group gives repeated seqs: prefix the group's.
    Seqs still repeated (一、第2项 beside 二、 with no ordinal of its own, at the top) are
    the tasks' positions instead."""
    seqs = [t.seq for t in tasks]
    if len(set(seqs)) == len(seqs):
        return tasks
    for task, (node, _group) in zip(tasks, nodes, strict=True):
        parent = node.parent
        # (一、第2项: the outer label is the task's own heading, no group of it)
        if parent is not None and parent.marker is not None and parent.body_start != node.start:
            task.seq = f"{parent.marker.n}.{task.seq}"
    return numbered_in_order_if_repeated(tasks)

