"""Amendments: `整改时限修改为:…` under an item (第六项) of a later section or notice.

Each amendment is applied to the task of that number; `Document.amendments` keeps the
old and the new value in the field's own shape, the amending notice's title and date.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from extract.fields.deadlines import parse_deadline
from extract.fields.patterns import DATE_LINE_RE, amendment_re, label_lookup, label_rules
from extract.fields.raw import Piece, RawMeasure, one_clause, piece_at
from extract.fields.tasks import measures_of
from extract.segment.measures import split_measures
from extract.segment.numbering import find_markers
from extract.segment.outline import Node, barrier_re
from extract.segment.tasks import labels_in
from schemas.document import Amendment, Deadline, Measure, Span, Task

AMENDABLE = frozenset({"target", "deadline", "measures", "responsible_units", "leaders", "persons", "supervisors"})


@dataclass
class RawAmendment:
    task_seq: str
    field: str
    value: Piece
    measures: list[RawMeasure]
    span: Span
    old: Piece | None = None  # the old value as the amending text writes it (由…调整为)


ITEM_REF_WINDOW = 12  # `一、第六项,…`: the task number right after a heading's own label


def task_number(text: str, node: Node) -> int | None:
    """The task an amending item refers to: `第六项` as its label, right after it, or after
    a lead word (`一、将第六项…`)."""
    if node.marker is None:
        return None
    if node.marker.style == "item":
        return node.marker.n
    for lead in ("", *label_rules().amendment_item_leads):
        if not text.startswith(lead, node.body_start):
            continue
        at = node.body_start + len(lead)
        head = find_markers(text, at, min(node.end, at + ITEM_REF_WINDOW))
        first = next((m for m in head if m.style == "item" and m.start == at), None)
        if first is not None:
            return first.n
    return None


VerbOffsets = tuple[tuple[str, list[int]], ...]
"""Every amendment verb with the offsets where it stands in the text, ascending."""


def verb_offsets(text: str) -> VerbOffsets:
    """Where each amendment verb stands, found once per text: asking each node's text
    for each verb (str.find over the whole of a section, again for each of its items)
    cost most of this stage."""
    found = []
    for verb in label_rules().amendment_verbs:
        offsets = []
        at = text.find(verb)
        while at != -1:
            offsets.append(at)
            at = text.find(verb, at + 1)
        found.append((verb, offsets))
    return tuple(found)


def has_amendment_verb(verbs: VerbOffsets, start: int, end: int) -> bool:
    """Whether an amendment verb (修改为, 调整为, …) stands whole in text[start:end]:
    `text.find(verb, start, end) != -1` for one of them, read from the offsets."""
    for verb, offsets in verbs:
        first = bisect.bisect_left(offsets, start)  # the first occurrence at or after start
        if first < len(offsets) and offsets[first] + len(verb) <= end:
            return True
    return False


def nodes_with_verb(verbs: VerbOffsets, node: Node) -> Iterator[Node]:
    """`node.walk()` without the items whose text holds no amendment verb: amendment_re
    needs one, and most items (and most notices) have none. An item's children lie
    inside its text, so an item without a verb has none below it either."""
    if not has_amendment_verb(verbs, node.body_start, node.end):
        return
    yield node
    for child in node.children:
        yield from nodes_with_verb(verbs, child)


def find_raw_amendments(text: str, root: Node) -> list[RawAmendment]:
    found: list[RawAmendment] = []
    seen: set[int] = set()  # `一、第一项` is both a heading's reference and an item of its own
    for node in nodes_with_verb(verb_offsets(text), root):
        number = task_number(text, node)
        if number is None:
            continue
        own_end = node.end  # the new value may be numbered: it runs over the children
        matches = list(amendment_re().finditer(text, node.body_start, own_end))
        stops = sorted({h.start for h in labels_in(text, node.body_start, own_end)} | {m.start() for m in matches})
        for match in matches:
            field = label_lookup().get(match.group("label"), "")
            if field in ("lead_units", "cooperating_units"):
                field = "responsible_units"
            if field not in AMENDABLE or match.start() in seen:
                continue
            seen.add(match.start())
            stop = next((s for s in stops if s > match.start()), own_end)
            piece = piece_at(text, match.end(), stop)
            if piece is None:
                continue
            measures = split_measures(text, match.end(), stop) if field == "measures" else []
            written_old = piece_at(text, match.start("old"), match.end("old")) if match.start("old") >= 0 else None
            found.append(RawAmendment(str(number), field, unquoted(piece), measures, (match.start(), stop),
                                      unquoted(written_old) if written_old else None))
    return found


QUOTES = {"“": "”", '"': '"', "‘": "’"}


def unquoted(piece: Piece) -> Piece:
    """`“2021年年底前”` → `2021年年底前` (a quoted value keeps what is inside; the 。 after
    the closing quote goes too)."""
    body = piece.text.rstrip("。")
    if len(body) > 2 and QUOTES.get(body[0]) == body[-1] and body[-1] not in body[1:-1]:
        return Piece(body[1:-1], (piece.span[0] + 1, piece.span[0] + len(body) - 1))
    return piece


def source_of(text: str, pos: int) -> str | None:
    """The title line of the notice the amendment stands in: the last one before it."""
    titles = title_lines(text)
    before = [title for start, title in titles if start < pos]
    return before[-1] if before else None


@lru_cache(maxsize=4)  # one text, several amendments
def title_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of every line that reads like a notice's title."""
    found = []
    start = 0
    for line in text.split("\n"):
        if "。" not in line and len(line) <= 90 and not line.startswith("附件") and barrier_re().match(line):
            found.append((start, line))
        start += len(line) + 1
    return found


def date_after(text: str, pos: int) -> dt.date | None:
    """The signature date that follows the amendment (the notice's own date)."""
    match = DATE_LINE_RE.search(text, pos)
    if match is None:
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def _value_of(task: Task, field: str) -> Deadline | str | list[Measure] | None:
    value = getattr(task, field)
    if isinstance(value, list) and field != "measures":
        return "、".join(value)
    return value  # type: ignore[no-any-return]


def apply_amendments(text: str, root: Node, tasks: list[Task], reference: dt.date | None) -> list[Amendment]:
    """Apply every amendment to its task in place; return the records. The old value is the
    task's; for a task not in this document, the old value the amending text writes."""
    by_seq = {t.seq: t for t in tasks}
    records: list[Amendment] = []
    for raw in find_raw_amendments(text, root):
        task = by_seq.get(raw.task_seq)
        if task is not None:
            old = _value_of(task, raw.field)
        else:
            old = _written_value(raw.field, raw.old, [], reference) if raw.old is not None else None
        value = one_clause(raw.value) if raw.field == "deadline" else raw.value
        new = _written_value(raw.field, value, raw.measures, reference)
        if task is not None:
            _set(task, raw.field, new, value.span)
        records.append(Amendment(task_seq=raw.task_seq, field=raw.field, old=old, new=new,
                                 source=source_of(text, raw.span[0]), date=date_after(text, raw.span[1]),
                                 span=raw.span))
    return records


def _written_value(field: str, value: Piece, measures: list[RawMeasure],
                   reference: dt.date | None) -> Deadline | str | list[Measure] | None:
    """A value as the amending text writes it, in the field's own shape."""
    if field == "deadline":
        return parse_deadline(value.text, reference=reference)[0]
    if field == "measures":
        return measures_of(measures, reference)
    return value.text


def _set(task: Task, field: str, new: Deadline | str | list[Measure] | None, span: Span) -> None:
    if field in ("responsible_units", "leaders", "persons", "supervisors"):
        from extract.fields.people import split_people, split_units

        piece = Piece(str(new), span)
        parts = split_people(piece) if field in ("leaders", "persons") else split_units(piece)
        setattr(task, field, [p.text for p in parts])
        if field == "responsible_units":
            task.lead_unit = task.responsible_units[0] if task.responsible_units else None
    else:
        setattr(task, field, new)
    task.spans[field] = span
