"""Stage 4, fields: a raw task's field texts → the typed values of a Task, with spans.

Units are split into whole units (lead unit first), leaders and persons into names or
whole role phrases, the deadline into text/date/kinds, the status read from its text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex

from extract.fields.deadlines import parse_deadline
from extract.fields.people import UnitList, split_people, split_unit_list, split_units
from extract.fields.raw import Piece, RawMeasure, RawTask, one_clause
from extract.fields.status import text_to_status
from schemas.document import Deadline, Measure, Span, Task


@dataclass
class TaskResult:
    task: Task
    warnings: list[tuple[str, str, Span | None]] = field(default_factory=list)


# A measure that closes with its own date in brackets: 实施改造工程(2021年6月底前)。
# (A bracket with a label or several parts, (责任单位:…;2021年底前), is no date of its own.)
MEASURE_DATE_MAX = 40  # characters inside the bracket
MEASURE_DEADLINE_RE = regex.compile(rf"[(（](?P<when>[^()（）:：;；]{{2,{MEASURE_DATE_MAX}}})[)）][。;；.]?$")
# How far from the end such a bracket can open: the date, two brackets, a stop and the
# final newline `$` allows. Only that tail is searched (measures run to hundreds of characters).
MEASURE_DEADLINE_REACH = MEASURE_DATE_MAX + 4


def measures_of(raw: list[RawMeasure], reference: dt.date | None = None) -> list[Measure]:
    return [Measure(label=m.label, text=m.piece.text, span=m.piece.span,
                    deadline=measure_deadline(m.piece.text, reference)) for m in raw]


def measure_deadline(text: str, reference: dt.date | None) -> Deadline | None:
    """The bracketed date a measure ends with, when it reads as a deadline."""
    match = MEASURE_DEADLINE_RE.search(text, max(0, len(text) - MEASURE_DEADLINE_REACH))
    if match is None:
        return None
    deadline, warnings = parse_deadline(match["when"], reference=reference)
    return deadline if deadline is not None and not warnings else None


def units_of(raw: RawTask) -> tuple[list[Piece], list[Piece]]:
    """(responsible units with the lead first, cooperating units). A 牵头单位 column or a
    unit marked (牵头) leads; 配合单位, and units marked (配合) in a responsible list, are
    never responsible."""
    lead = split_units(raw.fields["lead_units"]) if "lead_units" in raw.fields else []
    listed = (split_unit_list(raw.fields["responsible_units"]) if "responsible_units" in raw.fields
              else UnitList([], None, frozenset()))
    rest = [u for k, u in enumerate(listed.units) if k not in listed.cooperating]
    if listed.lead is not None and not lead:  # (a unit carries one mark: the lead is never cooperating)
        marked = listed.units[listed.lead]
        rest = [marked] + [u for u in rest if u is not marked]
    led = {x.text for x in lead}
    units = lead + [u for u in rest if u.text not in led]
    cooperating = split_units(raw.fields["cooperating_units"]) if "cooperating_units" in raw.fields else []
    named = {c.text for c in cooperating}
    cooperating += [listed.units[k] for k in sorted(listed.cooperating) if listed.units[k].text not in named]
    return units, cooperating


def span_of(pieces: list[Piece]) -> Span | None:
    return (pieces[0].span[0], pieces[-1].span[1]) if pieces else None


def deadline_of(raw: RawTask, reference: dt.date | None) -> tuple[Deadline | None, list[str]]:
    piece = raw.fields.get("deadline")
    if piece is None:
        return None, []
    return parse_deadline(piece.text, reference=reference)


SPAN_NAMES = {"lead_units": "lead_unit"}  # a raw field's name in Task.spans, where it differs


def raw_to_task(raw: RawTask, doc_id: str, reference: dt.date | None) -> TaskResult:
    if "deadline" in raw.fields:
        raw.fields["deadline"] = one_clause(raw.fields["deadline"])
    units, cooperating = units_of(raw)
    leaders = split_people(raw.fields["leaders"]) if "leaders" in raw.fields else []
    persons = split_people(raw.fields["persons"]) if "persons" in raw.fields else []
    supervisors = split_units(raw.fields["supervisors"]) if "supervisors" in raw.fields else []
    deadline, deadline_warnings = deadline_of(raw, reference)
    status_piece = raw.fields.get("status")
    spans: dict[str, Span] = {"task": raw.span}
    if raw.problem is not None:
        spans["problem"] = raw.problem.span
    for name, piece in raw.fields.items():
        spans[SPAN_NAMES.get(name, name)] = piece.span
    if units:
        spans["lead_unit"] = units[0].span
        spans["responsible_units"] = span_of(units) or units[0].span
    for name, pieces in (("responsible_units", units), ("cooperating_units", cooperating), ("leaders", leaders),
                         ("persons", persons), ("supervisors", supervisors)):
        spans.update({f"{name}.{k}": p.span for k, p in enumerate(pieces)})
    task = Task(
        task_id=f"{doc_id}:{raw.seq}",
        doc_id=doc_id,
        seq=raw.seq,
        category=raw.category,
        problem=raw.problem.text if raw.problem else "",
        target=raw.fields["target"].text if "target" in raw.fields else None,
        deadline=deadline,
        responsible_units=[u.text for u in units],
        lead_unit=units[0].text if units else None,
        cooperating_units=[u.text for u in cooperating],
        leaders=[p.text for p in leaders],
        persons=[p.text for p in persons],
        supervisors=[s.text for s in supervisors],
        measures=measures_of(raw.measures, reference),
        status=text_to_status(status_piece.text) if status_piece else None,
        progress_text=status_piece.text if status_piece else None,
        spans=spans,
    )
    deadline_span = raw.fields["deadline"].span if "deadline" in raw.fields else None
    warnings = [(code, f"task {raw.seq}: deadline {deadline.text if deadline else ''!r} not understood",
                 deadline_span) for code in deadline_warnings]
    return TaskResult(task, warnings)
