"""What segmentation hands to field parsing: a task's raw field texts with their spans,
the same whether the task came from running text or from a table row."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from extract.fields.patterns import ISSPACE_CHARS

# a raw field beside the Task fields: a yes/no answer (是否完成 column, 是否办结:已办结)
from extract.fields.patterns import STATUS_FLAG as STATUS_FLAG
from schemas.document import Span


class Piece(NamedTuple):  # a tuple: built several times faster than a frozen dataclass
    """A stretch of Document.text: `text == doc_text[span[0]:span[1]]` (stripped)."""

    text: str
    span: Span


@dataclass
class RawMeasure:
    label: str | None
    piece: Piece
    deadline: Piece | None = None  # the deadline cell of the table row the measure stands in
    # the deadline the measure's own label or closing bracket part gives (完成时限:2022年底前,
    # (2022年底前完成,市住建局负责)): its deadline, no cell
    stated: Piece | None = None


@dataclass
class RawTask:
    """One task before its fields are parsed. `fields` maps canonical names of
    rules/labels.yaml (target, deadline, lead_units, responsible_units, …), or STATUS_FLAG,
    to raw text."""

    seq: str
    span: Span
    problem: Piece | None = None
    category: str | None = None
    fields: dict[str, Piece] = field(default_factory=dict)
    measures: list[RawMeasure] = field(default_factory=list)
    # units of the sub-rows of a merged table row beyond the first row's (市城管局、市公安局),
    # or that its measures name on their own (1.…(2022年底前完成,市住建局负责))
    more_units: list[Piece] = field(default_factory=list)
    # deadline cells of those sub-rows beyond the first row's, in a table with no measures
    # column (a measures column keeps each row's deadline with its measures instead)
    more_deadlines: list[Piece] = field(default_factory=list)
    # cooperating units its measures name on their own (…(市水务局负责,市发改委配合))
    more_cooperating: list[Piece] = field(default_factory=list)
    # people of those sub-rows beyond the first row's, by field (persons: 局长陈二)
    more_people: dict[str, list[Piece]] = field(default_factory=dict)
    # the place a complaint record concerns (行政区域 cell, label | value row or label), each
    # row's of a merged task: its units where it names none (fields/tasks.py region_units)
    regions: list[Piece] = field(default_factory=list)
    # (label, value) of each status row in text order (整改完成情况:已完成, 自验收情况:…): with
    # several (labels, record table rows, a task table's status columns), fields/status.py
    # status_row picks the one `fields["status"]` is
    status_rows: list[tuple[str, Piece]] = field(default_factory=list)
    # the label or header of the yes/no answer in `fields[STATUS_FLAG]` (是否销号): how it
    # weighs against the status row (fields/status.py task_status)
    flag_label: str = ""


new_tuple = tuple.__new__  # tuple.__new__(Piece, (text, span)): a Piece without the call through Piece.__new__

# What piece_at strips from the ends of a value: white space (every character str.isspace()
# takes), the separators before a value, and what stands after one before the next label.
# (str.strip with these runs in C: faster than a loop over the characters.)
PIECE_LEAD = ISSPACE_CHARS + ":：,，;；|"
PIECE_TRAIL = ISSPACE_CHARS + ",，;；|(（【["  # …12台。(责任单位:…): the bracket opened for the next label


def piece_at(text: str, start: int, end: int, offset: int = 0) -> Piece | None:
    """The stripped piece of text[start:end], or None when only whitespace/punctuation. Its
    span is moved by `offset` when `text` is a part of the document that begins there."""
    value = text[start:end]
    lead = value.lstrip(PIECE_LEAD)
    body = lead.rstrip(PIECE_TRAIL)
    # a value that closes a bracket opened before it: (责任单位:市林草局)
    while body and body[-1] in ")）" and _unbalanced(body):
        body = body[:-1]
    if not body:
        return None
    start += len(value) - len(lead) + offset
    # built by tuple.__new__: a NamedTuple's own __new__ is a Python call, and every field
    # of every task is a piece
    return new_tuple(Piece, (body, (start, start + len(body))))


def one_clause(piece: Piece) -> Piece:
    """A short value without the full stop that closes it (`2021年底前。`); a value of several
    sentences keeps its own."""
    body = piece.text.rstrip("。.")
    if body == piece.text or not body or "。" in body:
        return piece
    return Piece(body, (piece.span[0], piece.span[0] + len(body)))


def _unbalanced(value: str) -> bool:
    return value.count("(") + value.count("（") < value.count(")") + value.count("）")


Item = TypeVar("Item")


def first_of_each(items: Iterable[Item], key: Callable[[Item], str]) -> list[Item]:
    """The items in order, each key once: the first item with a key stands for the rest."""
    seen: set[str] = set()
    kept = []
    for item in items:
        item_key = key(item)  # once: the key is a Python call
        if item_key not in seen:
            seen.add(item_key)
            kept.append(item)
    return kept
