"""Stage 4, fields: a raw task's field texts → the typed values of a Task, with spans.

Units are split into whole units (lead unit first), leaders and persons into names or
whole role phrases, the deadline into text/date/kinds, the status read from its text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

import regex

from extract.fields.deadlines import inline_deadline, parse_deadline
from extract.fields.patterns import label_rules
from extract.fields.people import moved, names_places, people_in, persons_in_units, units_in
from extract.fields.raw import STATUS_FLAG, Piece, RawMeasure, RawTask, first_of_each, one_clause
from extract.fields.status import task_status, text_to_status, told_status_row
from schemas.built import built_measure, built_task
from schemas.document import Deadline, Measure, Span, Status, Task


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
    return measures_with(raw, measure_deadlines(raw, reference))


def measures_with(raw: list[RawMeasure], deadlines: list[tuple[Deadline, Piece] | None]) -> list[Measure]:
    """The measures, each with the deadline found for it (`measure_deadlines`)."""
    return [built_measure(m.label, m.piece.text, m.piece.span, found[0] if found is not None else None)
            for m, found in zip(raw, deadlines, strict=True)]


def measure_deadlines(raw: list[RawMeasure], reference: dt.date | None) -> list[tuple[Deadline, Piece] | None]:
    """Each measure's own deadline and what it was read from: its row's deadline cell, else
    a bracketed date it closes with (…(2021年6月底前)), else the date phrases of its running
    text (2022年底前完成…, …，长期坚持)."""
    found: list[tuple[Deadline, Piece] | None] = []
    for measure in raw:
        if measure.deadline is not None:
            cell = one_clause(measure.deadline)
            deadline = parse_deadline(cell.text, reference=reference)[0]
            found.append((deadline, cell) if deadline is not None else None)
            continue
        if measure.stated is not None:  # its own label's or closing bracket part's
            deadline = parse_deadline(measure.stated.text, reference=reference)[0]
            if deadline is not None:
                found.append((deadline, measure.stated))
                continue
        text, offset = measure.piece.text, measure.piece.span[0]
        stated = measure_deadline(text, reference) or inline_deadline(text, reference)
        found.append(None if stated is None else
                     (stated[0], Piece(text[slice(*stated[1])], (offset + stated[1][0], offset + stated[1][1]))))
    return found


def may_close_with_bracket(text: str) -> bool:
    """What MEASURE_DEADLINE_RE needs at the end: a closing bracket, then at most a stop and a
    newline. Most measures end otherwise, and this look saves them the search."""
    end = len(text)
    if end and text[end - 1] == "\n":
        end -= 1
    if end and text[end - 1] in "。;；.":
        end -= 1
    return end > 0 and text[end - 1] in ")）"


def measure_deadline(text: str, reference: dt.date | None) -> tuple[Deadline, tuple[int, int]] | None:
    """The bracketed date a measure ends with, when it reads as a deadline, with its span."""
    if not may_close_with_bracket(text):
        return None
    match = MEASURE_DEADLINE_RE.search(text, max(0, len(text) - MEASURE_DEADLINE_REACH))
    if match is None:
        return None
    deadline, warnings = parse_deadline(match["when"], reference=reference)
    return (deadline, match.span("when")) if deadline is not None and not warnings else None


# The splits of people.py are cached at offset 0; `moved` places them where a value stands.
def units_at(value: Piece | None) -> list[Piece]:
    return moved(units_in(value.text)[0], value.span[0]) if value is not None else []


def people_at(value: Piece | None) -> list[Piece]:
    return moved(people_in(value.text), value.span[0]) if value is not None else []


def people_of(raw: RawTask, name: str) -> list[Piece]:
    """The people of a field, with those a merged table row's sub-rows add, each once."""
    people = people_at(raw.fields.get(name))
    more = raw.more_people.get(name)
    if not more:
        return people
    people += [person for piece in more for person in people_at(piece)]
    return first_of_each(people, key=lambda person: person.text)


def unit_persons(raw: RawTask, named: str) -> list[Piece]:
    """The persons written after their units in a unit list (责任单位及责任人: 县住建局 李明),
    those the `named` field already holds left out."""
    known = {person.text for person in people_at(raw.fields.get(named))}
    found = [person for name in ("lead_units", "responsible_units") if name in raw.fields
             for person in moved(persons_in_units(raw.fields[name].text), raw.fields[name].span[0])]
    return first_of_each([person for person in found if person.text not in known], key=lambda person: person.text)


def units_of(raw: RawTask) -> tuple[list[Piece], list[Piece]]:
    """(responsible units with the lead first, cooperating units). A 牵头单位 column or a
    unit marked (牵头) leads; 配合单位, and units marked (配合) in a responsible list, are
    never responsible."""
    lead = units_at(raw.fields.get("lead_units"))
    listed: list[Piece] = []
    lead_mark: int | None = None
    cooperating_marks: frozenset[int] = frozenset()
    if "responsible_units" in raw.fields:
        value = raw.fields["responsible_units"]
        pieces, lead_mark, cooperating_marks = units_in(value.text)
        listed = moved(pieces, value.span[0])
    rest = [u for k, u in enumerate(listed) if k not in cooperating_marks]
    if lead_mark is not None and not lead:  # (a unit carries one mark: the lead is never cooperating)
        marked = listed[lead_mark]
        rest = [marked] + [u for u in rest if u is not marked]
    for piece in raw.more_units:  # a merged row's sub-rows name more units
        rest += moved(units_in(piece.text)[0], piece.span[0])
    if not lead and not rest:
        rest = region_units(raw)
    # each unit once: named by the lead column and again in the list, or by two rows of a merged task
    units = first_of_each(lead + rest, key=lambda unit: unit.text)
    cooperating = units_at(raw.fields.get("cooperating_units"))
    cooperating += [unit for piece in raw.more_cooperating for unit in units_at(piece)]
    cooperating = first_of_each(cooperating, key=lambda unit: unit.text)
    named = {unit.text for unit in cooperating}
    cooperating += [listed[k] for k in sorted(cooperating_marks) if listed[k].text not in named]
    return units, cooperating


def region_units(raw: RawTask) -> list[Piece]:
    """The units of a task that names none of its own: the place its record concerns
    (行政区域: 雁塔区; a table's region column, each row of a merged task), where every
    value names places alone (`names_places`: not 全市, 其他, 大气 or /). Its government
    handles a complaint on the spot (属地负责); the place is kept as written, first the lead."""
    if not raw.regions or not all(names_places(piece.text) for piece in raw.regions):
        return []
    return [unit for piece in raw.regions for unit in units_at(piece)]


@cache
def problem_wrapper_res() -> tuple[regex.Pattern[str], ...]:
    return tuple(regex.compile(p) for p in label_rules().problem_wrappers)


def unwrapped_problem(piece: Piece) -> Piece:
    """关于“某问题”的问题。 → 某问题: the feedback a problem quotes, with its own span."""
    for wrapper in problem_wrapper_res():
        match = wrapper.match(piece.text)
        if match is not None:
            start, end = match.span("problem")
            return Piece(match["problem"], (piece.span[0] + start, piece.span[0] + end))
    return piece


def span_of(units: list[Piece]) -> Span | None:
    return (units[0].span[0], units[-1].span[1]) if units else None


# The labelled fields an item may have and still be read for a deadline in its running text.
UNIT_FIELDS = frozenset({"lead_units", "responsible_units", "cooperating_units", "leaders", "persons", "supervisors"})


def inline_deadline_of(raw: RawTask, reference: dt.date | None) -> tuple[Deadline, Piece] | None:
    """An item that labels its units and nothing else (…2022年10月底前完成…。(市住建局牵头)):
    the deadline its own text states, with the phrases' span."""
    if raw.problem is None or not raw.fields or not raw.fields.keys() <= UNIT_FIELDS:
        return None
    return stated_deadline(raw.problem, reference)


def target_deadline_of(raw: RawTask, reference: dt.date | None) -> tuple[Deadline, Piece] | None:
    """A task with no deadline label whose target states when (整改要求:2019年底前完成处置):
    the target's date phrases, read as an item's own text is (`inline_deadline`)."""
    target = raw.fields.get("target")
    return stated_deadline(target, reference) if target is not None else None


def stated_deadline(piece: Piece, reference: dt.date | None) -> tuple[Deadline, Piece] | None:
    """The deadline a piece of running text states, with the span of its phrases."""
    found = inline_deadline(piece.text, reference)
    if found is None:
        return None
    deadline, (start, end) = found
    offset = piece.span[0]
    return deadline, Piece(piece.text[start:end], (offset + start, offset + end))


def deadline_sources(raw: RawTask, stated: list[tuple[Deadline, Piece] | None]) -> list[tuple[str, Span]]:
    """What the task's deadline is read from, with the spans: its labelled deadline and the
    deadline cells of its measures' own table rows, or of its sub-rows in a table with no
    measures column (a problem merged over rows with a deadline each); with neither, the
    deadlines its measures state in their text (整改措施: 1.2022年6月底前…; 2.2022年底前…).
    Each text once."""
    cells = [one_clause(m.deadline) for m in raw.measures if m.deadline is not None]
    cells += [one_clause(piece) for piece in raw.more_deadlines]
    if "deadline" in raw.fields or cells:
        pieces = [raw.fields["deadline"]] if "deadline" in raw.fields else []
        sources = [(piece.text, piece.span) for piece in pieces + cells]
    else:
        sources = [(found[0].text, found[1].span) for found in stated if found is not None]
    return first_of_each(sources, key=lambda source: source[0])


def deadline_of(sources: list[tuple[str, Span]], reference: dt.date | None) -> tuple[Deadline | None, list[str]]:
    """One deadline over all the task's deadline texts: the last date is the task's, `dates`
    lists each (2021年12月底前 in one row, 2022年6月底前 in the next)."""
    if not sources:
        return None, []
    return parse_deadline("、".join(text for text, _ in sources), reference=reference)


SPAN_NAMES = {"lead_units": "lead_unit"}  # a raw field's name in Task.spans, where it differs


def raw_to_task(raw: RawTask, doc_id: str, reference: dt.date | None) -> TaskResult:
    fields = raw.fields
    if "deadline" in fields:
        fields["deadline"] = one_clause(fields["deadline"])
    units, cooperating = units_of(raw)
    leaders = people_of(raw, "leaders")
    persons = people_of(raw, "persons") + unit_persons(raw, "persons")
    supervisors = units_at(fields.get("supervisors"))
    stated = measure_deadlines(raw.measures, reference)
    sources = deadline_sources(raw, stated)
    inline = inline_deadline_of(raw, reference) if "deadline" not in fields else None
    if inline is None and not sources and "deadline" not in fields:
        inline = target_deadline_of(raw, reference)  # no label, cells nor measure dates: the target's
    if inline is not None:
        sources = []  # the item's own running text (or its target) states it
    deadline, deadline_warnings = deadline_of(sources, reference)
    row: tuple[str, Piece] | None = None  # (label, value) of the status row
    told: Status | None = None  # the status its text tells, where told_status_row read it
    if len(raw.status_rows) > 1:  # 整改完成情况 and 自验收情况: the row that tells (status.yaml)
        row, told = told_status_row(raw.status_rows)
        fields["status"] = row[1]
    elif "status" in fields:
        row = (raw.status_rows[0][0] if raw.status_rows else "", fields["status"])
    status_piece = fields.get("status")
    spans: dict[str, Span] = {"task": raw.span}
    problem = unwrapped_problem(raw.problem) if raw.problem is not None else None
    if problem is not None:
        spans["problem"] = problem.span
    for name, piece in fields.items():
        spans[SPAN_NAMES.get(name, name)] = piece.span
    if inline is not None:
        deadline, spans["deadline"] = inline[0], inline[1].span
    if "deadline" not in fields and sources:  # read from the measures only
        spans["deadline"] = (sources[0][1][0], sources[-1][1][1])
    for k, (_, span) in enumerate(sources if len(sources) > 1 else []):  # merged rows' cells, measures
        spans[f"deadline.{k}"] = span
    if units:
        spans["lead_unit"] = units[0].span
        spans["responsible_units"] = span_of(units) or units[0].span
    for name, named in (("responsible_units", units), ("cooperating_units", cooperating), ("leaders", leaders),
                        ("persons", persons), ("supervisors", supervisors)):
        for k, (_, span) in enumerate(named):
            spans[f"{name}.{k}"] = span
    flag = fields.get(STATUS_FLAG)
    status = task_status(row, (raw.flag_label, flag) if flag is not None else None, told)
    if status is None and deadline_warnings and "deadline" in fields:
        # the deadline answered with the task's state and no time (整改时限:已完成整改): its status
        told = text_to_status(fields["deadline"].text)
        if told is not None:
            status, deadline_warnings = told, []
    task = built_task({
        "task_id": f"{doc_id}:{raw.seq}",
        "doc_id": doc_id,
        "seq": raw.seq,
        "category": raw.category,
        "problem": problem.text if problem else "",
        "target": fields["target"].text if "target" in fields else None,
        "deadline": deadline,
        "responsible_units": [text for text, _ in units],
        "lead_unit": units[0].text if units else None,
        "cooperating_units": [text for text, _ in cooperating],
        "leaders": [text for text, _ in leaders],
        "persons": [text for text, _ in persons],
        "supervisors": [text for text, _ in supervisors],
        "measures": measures_with(raw.measures, stated),
        "status": status.value if status is not None else None,  # a Task holds the value (use_enum_values)
        "progress_text": status_piece.text if status_piece else None,
        "spans": spans,
    })
    if not deadline_warnings:
        return TaskResult(task)
    deadline_span = fields["deadline"].span if "deadline" in fields else None
    warnings = [(code, f"task {raw.seq}: deadline {deadline.text if deadline else ''!r} not understood",
                 deadline_span) for code in deadline_warnings]
    return TaskResult(task, warnings)
