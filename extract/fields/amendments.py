"""Amendments: `整改时限修改为:…` under an item (第六项) of a later section or notice, a
sentence naming its tasks (将第2、3项的完成时限由…调整为…, 同意问题二延期至…), label lines
marked old and new (原整改时限: / 调整后整改时限:), and the rows of an adjustment table
(原整改时限 | 调整后整改时限, 调整事项 | 调整前 | 调整后).

Each amendment is applied to the task it names; `Document.amendments` keeps the old and
the new value in the field's own shape (a list field as its list), the amending notice's
title and date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from extract.fields.deadlines import parse_deadline
from extract.fields.patterns import (
    AMENDMENT_LABEL_TAILS,
    DATE_LINE_RE,
    SEQ_JOINER,
    CharIndex,
    amendable_labels,
    amendment_re,
    amendment_reach,
    find_words,
    label_lookup,
    label_rules,
    trie_alternation,
    word_places,
)
from extract.fields.people import ends_like_unit, names_people, split_people, split_units
from extract.fields.raw import Piece, RawMeasure, one_clause, piece_at
from extract.fields.tasks import measures_of
from extract.segment.measures import split_measures
from extract.segment.numbering import number_value, numbering_rules, task_naming_styles
from extract.segment.outline import Node, barrier_re, line_at
from extract.segment.tables import BEFORE_SUFFIX, adjusted_label, table_rules
from extract.segment.tasks import first_line_end, labels_in, one_line_fields
from schemas.document import Amendment, Deadline, Measure, Span, Task

AMENDABLE = frozenset({"target", "deadline", "measures", "responsible_units", "cooperating_units", "leaders",
                       "persons", "supervisors"})
UNIT_FIELDS = frozenset({"responsible_units", "cooperating_units", "supervisors"})
PEOPLE_FIELDS = frozenset({"leaders", "persons"})
LIST_FIELDS = UNIT_FIELDS | PEOPLE_FIELDS  # kept as lists of whole units or names
PROSE_FIELDS = frozenset({"target", "measures"})  # a label's own value may open with 由…调整为 there


@dataclass
class RawAmendment:
    task_seq: str
    field: str
    value: Piece
    measures: list[RawMeasure]
    span: Span
    old: Piece | None = None  # the old value as the amending text writes it (由…调整为)
    adds: bool = False  # the value adds to the old one (责任单位增加…)
    lead: bool = False  # the value replaces the lead units alone (牵头单位调整为…)
    removes: bool = False  # the value is taken out of the old one (责任单位中删除…)
    merged_into: str | None = None  # field `task` (withdrawn): the seq it was merged into


def task_number(text: str, node: Node) -> int | None:
    """The task an amending item refers to: its label when the label names a task (第六项,
    问题六), or a task named right at its start, after a lead word or not (`一、将第六项…`,
    `一、问题六:…`, `一、序号6,…`)."""
    if node.marker is None:
        return None
    if node.marker.style in task_naming_styles():
        return node.marker.n
    return task_named_at(text, node.body_start, node.end)


def seq_number_pattern() -> str:
    """amendment_seq_number with its joiners those of amendment_task_joiners: one list decides
    what joins the names of several tasks (序号3、5 as 第3项、第5项)."""
    rules = label_rules()
    joiners = f"(?:{trie_alternation(rules.amendment_task_joiners)})"
    return rules.amendment_seq_number.replace(SEQ_JOINER, joiners)


@cache
def task_reference_re() -> regex.Pattern[str]:
    """A task named in prose: the `reference` of numbering.yaml's names_task styles (第六项,
    第6个问题, 问题六) and a seq label of labels.yaml with its number (序号6, 编号6)."""
    rules = label_rules()
    forms = [s.reference for s in numbering_rules().styles if s.names_task and s.reference is not None]
    forms.append(f"(?:{trie_alternation(rules.fields['seq'])}){seq_number_pattern()}")
    return regex.compile("|".join(f"(?:{form})" for form in forms))


def task_reference_at(text: str, at: int, end: int, pattern: regex.Pattern[str] | None = None
                      ) -> regex.Match[str] | None:
    """A task named at `at` (by task_reference_re, or the pattern given), after a word of
    consent (同意), a lead word (将, 对, 把), both or neither."""
    pattern = pattern or task_reference_re()
    rules = label_rules()
    for consent in ("", *rules.amendment_consent_words):
        if not text.startswith(consent, at):
            continue
        for lead in ("", *rules.amendment_item_leads):
            start = at + len(consent)
            if text.startswith(lead, start):
                match = pattern.match(text, start + len(lead), end)
                if match is not None:
                    return match
    return None


Problems = tuple[tuple[str, str], ...]  # (seq, problem) of the document's tasks
# A task named by its problem in quotes (将“某河道整治”问题的…, 关于“…”的问题,…)
QUOTED_NAME_RE = regex.compile(r"(?:关于)?[“\"](?P<name>[^”\"\n]{2,80})[”\"]")
QUOTE_OPENS = "“\""  # the quotes a QUOTED_NAME_RE match holds


def task_named_by_problem(text: str, at: int, end: int, problems: Problems) -> tuple[list[str], int]:
    """The task whose problem holds the quoted name at `at`, when exactly one does."""
    match = task_reference_at(text, at, end, QUOTED_NAME_RE) if problems else None
    if match is None:
        return [], at
    seqs = [seq for seq, problem in problems if match["name"] in problem]
    return (seqs, match.end()) if len(seqs) == 1 else ([], at)


def tasks_named_at(text: str, at: int, end: int, problems: Problems = ()) -> tuple[list[str], int]:
    """The seqs of the tasks named at `at` (task_reference_at; 第3、5项, 第2项、第3项,
    问题二和问题三; else a problem of `problems` quoted) and where their names end; ([], at)
    where none is."""
    start = at
    match = task_reference_at(text, at, end)
    numbers: list[int] = []
    joiners = label_rules().amendment_task_joiners
    while match is not None:
        numbers += reference_numbers(match)
        at = match.end()
        match = task_reference_re().match(text, at + 1, end) if at < end and text[at] in joiners else None
    if not numbers:
        return task_named_by_problem(text, start, end, problems)
    return [str(n) for n in numbers], at


def reference_numbers(match: regex.Match[str]) -> list[int]:
    """The numbers of the tasks a task_reference_re match names: each `n` (第3、5项 → 3, 5);
    one after a `range` mark ends a range (第3至5项, 问题3至问题5 → 3, 4, 5). A range that
    runs backwards or over more than amendment_range_max tasks (第3至50项: a date or a count
    misread) makes the match name none."""
    marks = match.ends("range") if "range" in match.re.groupindex else []
    numbers: list[int] = []
    after = match.start()  # where the last number ended: a mark between it and the next one joins them
    for value, start, end in zip(match.captures("n"), match.starts("n"), match.ends("n"), strict=True):
        n = number_value(value)
        if n is None:
            continue
        if numbers and any(after <= mark <= start for mark in marks):
            first = numbers[-1]
            if not first < n < first + label_rules().amendment_range_max:
                return []
            numbers += range(first + 1, n + 1)
        else:
            numbers.append(n)
        after = end
    return numbers


def task_named_at(text: str, at: int, end: int) -> int | None:
    """The number of the first task named at `at` (none for a range reference_numbers refuses)."""
    match = task_reference_at(text, at, end)
    numbers = reference_numbers(match) if match is not None else []
    return numbers[0] if numbers else None


SENTENCE_ENDS = "。；;!！?？\n"
CLAUSE_MARKS = ",，"  # a clause may open with the task it names (经研究,将第5项…)
BLANKS = " \t\u3000"


def sentence_start(text: str, floor: int, pos: int) -> int:
    """Where the sentence holding pos begins, no earlier than floor."""
    return after_last_mark(text, SENTENCE_ENDS, floor, pos)


def after_last_mark(text: str, marks: str, floor: int, pos: int) -> int:
    """Where the text after the last of `marks` before pos begins, no earlier than floor:
    `max(floor, *(text.rfind(c, floor, pos) + 1 for c in marks))`. One backward search for
    any of them (mark_class_re), which stops at the nearest: a search back for each mark
    costs a Python step each, and one for a rare mark (!, ？) runs to floor."""
    found = mark_class_re(marks).search(text, floor, pos)
    return floor if found is None else found.end()


@lru_cache(maxsize=8)
def mark_class_re(marks: str) -> regex.Pattern[str]:
    """Any one of `marks`, searched backwards (regex.REVERSE: the last before the end given)."""
    return regex.compile(f"[{''.join(regex.escape(c, special_only=False) for c in marks)}]", regex.REVERSE)


def clause_stops(text: str, floor: int, matches: list[regex.Match[str]]) -> set[int]:
    """The commas right before amendments opening a clause of their own (整改时限调整为2023年底前,
    牵头单位调整为市农业农村局): the value before ends there, not at the sentence's end."""
    stops = set()
    for match in matches:
        clause = after_last_mark(text, CLAUSE_MARKS, floor, match.start())
        if clause > floor and not text[clause:match.start()].strip():
            stops.add(clause - 1)
    return stops


def sentence_tasks(text: str, floor: int, pos: int, problems: Problems = ()) -> list[str]:
    """The tasks the sentence of an amendment names before it, at the start of one of its
    clauses (将第二项整改时限…, 经研究,对序号3的…, 第5项“某问题”,完成时限…, 第3、5项…): the
    last so named. The sentence begins no earlier than `floor`."""
    found: list[str] = []
    at = sentence_start(text, floor, pos)
    while True:
        at = strip_words(text, at, pos, [])
        found = tasks_named_at(text, at, pos, problems)[0] or found
        ends = [k for k in (text.find(c, at, pos) for c in CLAUSE_MARKS) if k != -1]
        if not ends:
            return found
        at = min(ends) + 1


QUOTED_RE = regex.compile(r"“[^”\n]*”|\"[^\"\n]*\"")  # a problem named in quotes is no part of the gap


def moves_a_named_task(text: str, item: Node, pos: int, problems: Problems = ()) -> bool:
    """Whether a deadline verb with no label at pos follows closely on the task its clause
    opens with: a task named (一、第二项整改任务延期至…, 经研究,同意问题二延期至…) or the
    label of the item holding it when that names a task. (A project's 延期至 in a task's
    own text is no amendment: 因施工影响,工程延期至….)"""
    named_end = moved_task_end(text, item, pos, problems)
    if named_end is None:
        return False
    old = moved_old_span(text, named_end, pos)
    gap_end = pos if old is None else old[0]  # the old value written (由2021年12月31日前) is no gap
    return len(QUOTED_RE.sub("", text[named_end:gap_end])) <= label_rules().amendment_moved_gap


def moved_task_end(text: str, item: Node, pos: int, problems: Problems = ()) -> int | None:
    """Where the names of the tasks end that the clause of a deadline verb at pos opens
    with (moves_a_named_task); None where it names none."""
    floor = sentence_floor(text, item)
    start = strip_words(text, after_last_mark(text, SENTENCE_ENDS + CLAUSE_MARKS, floor, pos), pos, [])
    seqs, named_end = tasks_named_at(text, start, pos, problems)
    if seqs:
        return named_end
    # a clause that is the request alone (…,因工程量大,申请延期至…): the task its sentence opens with
    if text[start:pos].strip(BLANKS) in label_rules().amendment_request_words:
        opening = strip_words(text, sentence_start(text, floor, pos), start, [])
        if tasks_named_at(text, opening, start, problems)[0]:
            return start
    return None


def moved_old_span(text: str, named_end: int, pos: int) -> Span | None:
    """The old deadline a deadline verb with no label at pos writes after 由/从 (第二项由
    2021年底前延期至…, 问题二由2021年底延期至…): the span of what stands between the last
    such word after the task's name and the verb, when it reads as a deadline (由于疫情
    影响延期至… writes none)."""
    gap = text[named_end:pos]
    froms = [k + len(word) for word in label_rules().amendment_from if (k := gap.rfind(word)) != -1]
    if not froms:
        return None
    start = named_end + max(froms)
    value = text[start:pos].strip(BLANKS)
    if not value or any(c in value for c in SENTENCE_ENDS + CLAUSE_MARKS):
        return None
    deadline = parse_deadline(value)[0]
    if deadline is None or deadline.date is None:
        return None
    start = text.index(value, start)
    return start, start + len(value)


def sentence_floor(text: str, item: Node) -> int:
    """Where the first sentence of an item begins for the tasks it names: after its label
    (一、第二项…), unless that names a task; then at its line's start (第2项、第3项整改时限…
    is two items, 第2项、 and 第3项…, and names both), within the item above it."""
    if item.marker is None or item.marker.style not in task_naming_styles():
        return item.body_start
    return max(item.parent.body_start if item.parent is not None else 0, text.rfind("\n", 0, item.start) + 1)


def items_at(node: Node, pos: int) -> list[Node]:
    """node and the items below it whose text holds pos, the deepest last."""
    path = [node]
    while True:
        child = next((c for c in path[-1].children if c.start <= pos < c.end), None)
        if child is None:
            return path
        path.append(child)


def tasks_at(text: str, node: Node, pos: int, problems: Problems = ()) -> list[str]:
    """The tasks an amendment at pos changes: those its sentence names, else the one the
    deepest item holding it names (一、第一项…。第二项整改时限…: the second)."""
    path = items_at(node, pos)
    named = sentence_tasks(text, sentence_floor(text, path[-1]), pos, problems)
    if named:
        return named
    return next(([str(n)] for n in (task_number(text, item) for item in reversed(path)) if n is not None), [])


@dataclass(frozen=True)
class VerbOffsets:
    """Every amendment verb standing in a text (改为 inside 修改为 too), ascending by start."""
    starts: list[int]
    ends: list[int]
    least_end_from: list[int]  # least_end_from[k] = min(ends[k:]): the soonest a verb from k on ends
    reach_from: list[int]  # reach_from[k]: the earliest an amendment_re match holding verb k can start


# A character the verbs are found by → the characters that stand right before it in its
# verbs (None where one begins with it), and the verbs it stands in: (its index in them,
# their length, the verbs).
VerbShapes = dict[str, tuple[str | None, list[tuple[int, int, frozenset[str]]]]]


@lru_cache(maxsize=1)
def verb_shapes() -> VerbShapes:
    """The amendment verbs by the scan character each is found by, then by where it stands
    in them and their length."""
    rules = label_rules()
    return {c: (characters_before(c, [verb for _, _, found in shapes for verb in found]), list(shapes))
            for c, shapes in word_places(tuple(rules.amendment_verbs + rules.amendment_add_verbs))}


def characters_before(c: str, verbs: list[str]) -> str | None:
    """The characters standing right before c in the verbs, sorted; None when one of them
    begins with c (then any character may stand before it)."""
    if any(verb.index(c) == 0 for verb in verbs):
        return None
    return "".join(sorted({verb[verb.index(c) - 1] for verb in verbs}))


def verb_offsets(chars: CharIndex) -> VerbOffsets:
    """Where the amendment verbs stand, found once per text: asking each node's text for
    each verb cost most of this stage. The offsets of a few characters that each verb
    holds one of (为, 延, 迟, 增, 追: scan_characters), and a look at the verbs around
    each, replace a find loop per verb (a scan of a long text each). Most of the characters
    found stand in other words (作为, 达到): the one character before them rules those out
    before the verbs are looked at."""
    text = chars.text
    spans: list[tuple[int, int]] = []
    for c, (before, shapes) in verb_shapes().items():
        for at in chars.offsets(c):
            if before is None or (at > 0 and text[at - 1] in before):
                for back, length, verbs in shapes:
                    start = at - back
                    if start >= 0 and text[start:start + length] in verbs:
                        spans.append((start, start + length))
    spans.sort()
    least_end_from = [end for _, end in spans]
    for k in range(len(spans) - 2, -1, -1):
        least_end_from[k] = min(least_end_from[k], least_end_from[k + 1])
    starts = [start for start, _ in spans]
    return VerbOffsets(starts, [end for _, end in spans], least_end_from, [at - match_reach(text, at) for at in starts])


def has_amendment_verb(verbs: VerbOffsets, start: int, end: int) -> bool:
    """Whether an amendment verb (修改为, 调整为, …) stands whole in text[start:end]:
    `text.find(verb, start, end) != -1` for one of them, read from the offsets."""
    first = bisect.bisect_left(verbs.starts, start)  # the first verb starting at or after start
    return first < len(verbs.starts) and verbs.least_end_from[first] <= end


def nodes_with_match(text: str, verbs: VerbOffsets, root: Node) -> list[tuple[Node, list[regex.Match[str]]]]:
    """The items (the root too) whose text holds an amendment_re match, in walk order, each
    with `amendment_matches` of its text. An item without one has none below it either:
    its children lie inside its text, and a scan of a range passes a stretch of the range
    only by finding a match (see `amendment_matches`), so a range holding none holds no
    range that holds one. Most items (and most notices: 改为, 新增 in a plan's own text)
    have none, and their subtrees are skipped whole; so is an item that none of its
    parent's matches overlaps (overlaps_a_match). (A stack, not nested generators: a long
    plan has a hundred items.)"""
    found: list[tuple[Node, list[regex.Match[str]]]] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if not has_amendment_verb(verbs, node.body_start, node.end):
            continue  # amendment_re needs a verb: no scan
        matches = amendment_matches(text, verbs, node.body_start, node.end)
        if matches:
            found.append((node, matches))
            stack += reversed([child for child in node.children if overlaps_a_match(child, matches)])
    return found


def overlaps_a_match(node: Node, matches: list[regex.Match[str]]) -> bool:
    """Whether one of its parent's matches overlaps an item's text. An item none overlaps
    holds none itself: where the item's scan would find a match, the parent's scan either
    stood inside a match already or tried the same start and matched there (amendment_re
    holds no lookaround or anchor, so more text after the match's end changes nothing)."""
    return any(m.start() < node.end and node.body_start < m.end() for m in matches)


@cache
def amendment_near_reach() -> int:
    """How far before its verb an amendment_re match with no old value (由…) can start: the
    longest label, its tail and the longest adverb (整改时限的相应调整为)."""
    adverbs = label_rules().amendment_adverbs
    return max(map(len, amendable_labels())) + max(map(len, AMENDMENT_LABEL_TAILS)) + max(map(len, adverbs))


def match_reach(text: str, at: int) -> int:
    """How far before the verb at `at` an amendment_re match can start: amendment_reach()
    when a 由/从 stands within that reach (the match may write an old value), else only
    amendment_near_reach(). Most verbs have no 由/从 before them, and the regex is tried
    at a third of the positions so. A verb opening its clause, a comma and an adverb at most
    before it, may follow a stated old value (原整改时限为2020年底,调整为…): the whole reach too."""
    rules = label_rules()
    reach = amendment_reach()
    low = max(0, at - reach)
    for word in rules.amendment_from:
        if text.find(word, low, at) != -1:
            return reach
    clause = max(text.rfind(",", low, at), text.rfind("，", low, at))
    if clause != -1 and text[clause + 1:at].strip() in ("", *rules.amendment_adverbs):
        return reach
    return amendment_near_reach()


def verb_windows(verbs: VerbOffsets, start: int, end: int) -> list[tuple[int, int, int]]:
    """(first start, last start, verb end) of the stretches of text[start:end] an
    amendment_re match can start in: up to match_reach() before each verb, those that
    overlap merged; the verb end is the furthest end of a verb in the stretch."""
    low, high = bisect.bisect_left(verbs.starts, start), bisect.bisect_left(verbs.starts, end)
    windows: list[tuple[int, int, int]] = []
    for k in range(low, high):
        first, at, furthest = max(start, verbs.reach_from[k]), verbs.starts[k], verbs.ends[k]
        # a verb that reaches further back than the one before it may swallow several windows
        while windows and first <= windows[-1][1] + 1:
            first, furthest = min(first, windows[-1][0]), max(furthest, windows.pop()[2])
        windows.append((first, at, furthest))
    return windows


def amendment_matches(text: str, verbs: VerbOffsets, start: int, end: int) -> list[regex.Match[str]]:
    """`list(amendment_re().finditer(text, start, end))`, the scan limited to the stretches
    before the amendment verbs: a match holds one, and the regex tries its many labels at
    every position (some 50 ns a character over all of an item's text). In a stretch, a
    search up to its verbs' end finds where the next match starts (a match there needs no
    text beyond its verb); that start matched over the whole range gives the match."""
    pattern = amendment_re()
    found: list[regex.Match[str]] = []
    pos = start
    for first, last, verb_end in verb_windows(verbs, start, end):
        pos = max(pos, first)
        while pos <= last:
            hit = pattern.search(text, pos, min(verb_end, end))
            if hit is None:
                break
            match = pattern.match(text, hit.start(), end)
            assert match is not None  # what matched up to the verb's end matches over more text
            found.append(match)
            pos = match.end()
    return found


def find_raw_amendments(text: str, root: Node, problems: Problems = ()) -> list[RawAmendment]:
    found: list[RawAmendment] = []
    seen: set[int] = set()  # `一、第一项` is both a heading's reference and an item of its own
    chars = CharIndex(text)  # the scans for verbs and words share their characters
    verbs = verb_offsets(chars)
    for node, in_item in nodes_with_match(text, verbs, root):
        if all(m.start() in seen for m in in_item):
            continue  # each read by the item above already (`一、` and its `第六项`): none is read again
        number = task_number(text, node)
        # an item naming no task reads its own text; its items read theirs
        candidates = in_item if number is not None else [
            m for start, end in own_ranges(verbs, node) for m in amendment_matches(text, verbs, start, end)]
        found_here = [m for m in candidates if amends(text, node, m, problems)]
        named = [(m, seqs) for m in found_here if (seqs := tasks_at(text, node, m.start(), problems))]
        if not named:
            continue  # the notice's own text (产业结构调整为…, a plan's own 整改时限)
        # a value ends at the next label, or at the sentence of the next amendment (将第三项…)
        every = found_here if number is not None else [m for m in in_item if amends(text, node, m, problems)]
        stops = sorted({h.start for h in labels_in(text, node.body_start, node.end)}
                       | {sentence_start(text, node.body_start, m.start()) for m in every}
                       | clause_stops(text, node.body_start, every))
        for match, seqs in named:
            field = "deadline" if match.start("moved") >= 0 else label_lookup().get(match.group("label"), "")
            lead = field == "lead_units"
            if lead:
                field = "responsible_units"
            # the new value may be numbered: it runs over the children
            own_end = node.end if number is not None else own_stretch_end(text, node, match.end(), field)
            adds = match.start("add") >= 0
            if field not in AMENDABLE or match.start() in seen or (adds and field not in LIST_FIELDS):
                continue
            if match.start("sep") >= 0 and field in PROSE_FIELDS:
                continue  # 整改目标:由粗放管理调整为…: a plan's own sentence, not an amendment
            seen.add(match.start())
            stop = min(next((s for s in stops if s > match.start()), own_end), own_end)
            # (a list of measures runs over its lines, up to a line of the notice's own)
            stop = value_end(text, match, field, stop) if field != "measures" else closing_line_start(
                text, match.end(), stop)
            while stop > match.end() and text[stop - 1].isspace():
                stop -= 1  # the span ends with the value (the next sentence may open a line)
            piece = piece_at(text, match.end(), stop)
            if piece is None or (adds and not names_items(field, piece)):
                continue  # 责任单位增加巡查频次, 责任人增加督查力度: no unit, no one added
            measures = split_measures(text, match.end(), stop) if field == "measures" else []
            written_old = (piece_at(text, match.start("old"), match.end("old")) if match.start("old") >= 0
                           else moved_old(text, node, match, problems))
            found += [RawAmendment(seq, field, unquoted(piece), measures, (match.start(), stop),
                                   unquoted(written_old) if written_old else None, adds, lead) for seq in seqs]
    found += marked_amendments(text, root, problems, seen)
    units, covered = unit_list_amendments(chars, root, problems)
    return found + units + task_cancellations(chars, root, problems, covered)


# Forms with the units before their label or taken out of it, and tasks withdrawn or merged
# (added in 0.1): 增加市水务局为责任单位, 将市住建局增列为牵头单位, 责任单位中删除区商务局,
# 删去配合单位市发改委, 取消区商务局的责任单位, 区商务局不再作为责任单位; 撤销第5项整改任务,
# 第5项整改任务不再保留, 将第5项并入第6项, 第5项与第6项合并整改. Their words are labels.yaml's.

UNIT_VALUE = r"[^,，。;；:：\n“”\"]{2,60}?"  # units named before their label, shortest first
CLAUSE_VALUE = r"[^,，。;；\n]{2,80}"  # units after the verb, to the clause's end
OPEN_MARKS = "：:"  # a clause may open after a colon too (第5项:撤销)


@cache
def list_label_fields() -> dict[str, str]:
    """The labels of the list fields, the lead's too (牵头单位), leaders' and persons' (责任领导,
    责任人: added in 0.1) → their field."""
    fields = LIST_FIELDS | {"lead_units"}
    return {label: field for field, labels in label_rules().fields.items() if field in fields for label in labels}


@cache
def unit_list_res() -> list[tuple[str, re.Pattern[str]]]:
    """(form, pattern) of the unit forms: `add` (增加X为L), `add_as` (X增列为L, X before it),
    `no_longer` (X不再作为L), `remove_label` (删去L X), `remove_of` (取消X的L) and
    `label_remove` (L中删除X); the verb closing the clause (added in 0.1): `label_value_remove`
    (L中的X删除) and `from_remove` (把X从L中删去, X before it, a task maybe named after 从).
    L is a unit label, or a leader's or person's (责任领导中删除张三). Stdlib re: literals,
    classes and alternations alone."""
    rules = label_rules()
    label = rf"(?P<label>{trie_alternation(list_label_fields())})"
    remove = trie_alternation(rules.amendment_remove_verbs)
    removed = rf"(?:{trie_alternation(rules.amendment_removed_leads)})?(?:{remove})"
    tails = trie_alternation(("中的", "中", "里", "内", "的"))
    forms = {
        "add": rf"(?:{trie_alternation(rules.amendment_add_verbs)})(?P<value>{UNIT_VALUE})"
               rf"(?:{trie_alternation(rules.amendment_add_as)}){label}",
        "add_as": rf"(?:{trie_alternation(rules.amendment_add_as_verbs)}){label}",
        "no_longer": rf"(?:{trie_alternation(rules.amendment_no_longer)}){label}",
        "remove_label": rf"(?:{remove}){label}(?:{tails})?(?P<value>{CLAUSE_VALUE})",
        "remove_of": rf"(?:{remove})(?P<value>{UNIT_VALUE})(?:的|作为)?{label}",
        "label_remove": rf"{label}(?:{tails})?(?:{remove})(?P<value>{CLAUSE_VALUE})",
        "label_value_remove": rf"{label}(?:{trie_alternation(rules.amendment_removed_from_tails)})"
                              rf"(?P<value>{UNIT_VALUE}){removed}",
        "from_remove": rf"(?:{trie_alternation(rules.amendment_from)})(?P<inner>[^,，。;；:：\n“”\"]{{0,12}}?){label}"
                       rf"(?:{tails})?{removed}",
    }
    return [(form, re.compile(pattern)) for form, pattern in forms.items()]


def strip_words(text: str, at: int, end: int, words: list[str]) -> int:
    """Where text[at:end] goes on after any run of `words` and blanks at its start."""
    ordered = sorted(words, key=len, reverse=True)
    while at < end:
        if text[at] in BLANKS:
            at += 1
            continue
        word = next((w for w in ordered if text.startswith(w, at) and at + len(w) <= end), None)
        if word is None:
            return at
        at += len(word)
    return at


CLAUSE_END_RE = re.compile(f"[{re.escape(SENTENCE_ENDS + CLAUSE_MARKS)}]")


CLAUSE_OPENS = SENTENCE_ENDS + CLAUSE_MARKS + OPEN_MARKS  # a clause starts after one of these


def clause_bounds(text: str, root: Node, pos: int) -> tuple[int, int]:
    """The clause holding pos: from after the last sentence end, comma or colon before it
    (within the first sentence of its item: sentence_floor) to the next one after it."""
    return clause_start(text, root, pos), clause_end(text, pos)


def clause_start(text: str, root: Node, pos: int) -> int:
    """Where the clause holding pos starts (clause_bounds)."""
    return after_last_mark(text, CLAUSE_OPENS, sentence_floor(text, items_at(root, pos)[-1]), pos)


def clause_end(text: str, pos: int) -> int:
    """Where the clause holding pos ends: at the next sentence end or comma."""
    found = CLAUSE_END_RE.search(text, pos)
    return found.start() if found is not None else len(text)


def value_before(text: str, root: Node, pos: int, problems: Problems) -> int:
    """Where units named before their verb start (第5项将市住建局增列为…, 区商务局不再作为…):
    the clause's start, after the tasks it names and a lead word (将) or task word (的)."""
    rules = label_rules()
    start = strip_words(text, clause_start(text, root, pos), pos, rules.amendment_consent_words)
    start = tasks_named_at(text, start, pos, problems)[1]
    return strip_words(text, start, pos, [*rules.amendment_item_leads, *rules.amendment_task_words, "中"])


@cache
def unit_verbs() -> tuple[str, ...]:
    """Every verb a unit form holds (增加, 增列为, 不再作为, 删除 …): the forms are tried only there."""
    rules = label_rules()
    return tuple(sorted(set(rules.amendment_add_verbs + rules.amendment_add_as_verbs + rules.amendment_no_longer
                            + rules.amendment_remove_verbs)))


LABEL_BEFORE_VERB = 16  # a unit label and its tail (中的) before a removal verb: 责任单位中删除…
VERB_CLOSING_FORMS = frozenset({"label_value_remove", "from_remove"})  # the removal verb ends the match
CLOSING_VERB_REACH = 100  # how far before a closing removal verb its clause is searched: a label, units


def unit_form_matches(chars: CharIndex) -> list[tuple[int, str, re.Match[str]]]:
    """The matches of unit_list_res, by their start: each form tried at the verbs it opens
    with, `label_remove` at the label a few characters before its verb (one scan for the
    verbs, rather than a scan of the whole text for each form)."""
    text = chars.text
    found: dict[tuple[int, str], re.Match[str]] = {}
    for at, verb_end, _ in find_words(chars, unit_verbs()):
        for form, pattern in unit_list_res():
            if form in VERB_CLOSING_FORMS:  # searched in the clause before, up to the verb's end
                clause = after_last_mark(text, CLAUSE_OPENS, max(0, at - CLOSING_VERB_REACH), at)
                match = pattern.search(text, clause, verb_end)
                if match is not None and match.end() == verb_end:
                    found.setdefault((match.start(), form), match)
                continue
            starts = range(max(0, at - LABEL_BEFORE_VERB), at) if form == "label_remove" else (at,)
            for start in starts:
                match = pattern.match(text, start)
                if match is not None:
                    found.setdefault((match.start(), form), match)
    return sorted(((start, form, match) for (start, form), match in found.items()), key=lambda hit: hit[0])


def unit_list_amendments(chars: CharIndex, root: Node, problems: Problems) -> tuple[list[RawAmendment], list[Span]]:
    """The unit forms of unit_list_res in the sentences naming a task, and the stretches
    they cover (no task is withdrawn there: 取消区商务局的责任单位)."""
    text = chars.text
    matches = unit_form_matches(chars)
    found: list[RawAmendment] = []
    covered: list[Span] = []
    for _, form, match in matches:
        if covered and match.start() < covered[-1][1]:
            continue  # inside a form read already
        if "value" in match.re.groupindex:  # past a task named first (取消第5项中区商务局的责任单位)
            start, end = match.span("value")
            named, named_end = tasks_named_at(text, start, end, problems)
            named_inside = named
            if named:
                start = strip_words(text, named_end, end, [*label_rules().amendment_task_words, "中"])
        else:
            start, end = value_before(text, root, match.start(), problems), match.start()
            inner = match.span("inner") if "inner" in match.re.groupindex else None  # 从第5项责任单位中
            named_inside = tasks_named_at(text, *inner, problems)[0] if inner is not None else []
        field = list_label_fields()[match["label"]]
        piece = piece_at(text, start, end)
        if piece is None or not names_items(field, piece):
            continue  # 删除超标排放的问题, 取消…资格: no unit; 责任人中删除督查内容: no one
        seqs = named_inside or tasks_at(text, root, match.start(), problems)
        if not seqs:
            continue
        span = (min(start, match.start()), max(end, match.end()))
        covered.append(span)
        removes = form not in ("add", "add_as")
        found += [RawAmendment(seq, "responsible_units" if field == "lead_units" else field, piece, [], span,
                               adds=not removes, lead=field == "lead_units", removes=removes) for seq in seqs]
    return found, covered


@cache
def task_change_words() -> tuple[str, ...]:
    """The words withdrawing a task (撤销, 不再保留) or merging it (并入, 合并整改)."""
    rules = label_rules()
    return tuple(sorted(set(rules.amendment_cancel_verbs + rules.amendment_merge_into
                            + rules.amendment_merge_together)))


def may_name_a_task(text: str, pos: int, word_end: int, cancels: bool, quoted: bool) -> bool:
    """Whether task_cancellations can find a task for the word at pos..word_end: its clause
    names one before the word (at tasks_named_at's ends, pos), or, for a cancel word, after
    it up to the clause's end, or nothing follows it there (第5项:予以撤销: the item's task).
    A search for task_reference_re (and a quote, where problems may be quoted) from the
    earliest the clause can start: a task named anywhere tasks_named_at looks is found."""
    end = clause_end(text, pos)
    lowest = after_last_mark(text, CLAUSE_OPENS, 0, pos)  # clause_bounds' start is no earlier
    if names_a_task_in(text, lowest, pos, quoted):
        return True
    return cancels and (not text[word_end:end].strip(BLANKS) or names_a_task_in(text, word_end, end, quoted))


def names_a_task_in(text: str, start: int, end: int, quoted: bool) -> bool:
    """Whether a task name (task_reference_re, or a quote when `quoted`) starts in
    text[start:end], read with the text ending at end (the pattern looks ahead)."""
    if task_reference_re().search(text, start, end) is not None:
        return True
    return quoted and any(c in text[start:end] for c in QUOTE_OPENS)


def task_cancellations(chars: CharIndex, root: Node, problems: Problems, covered: list[Span]) -> list[RawAmendment]:
    """Tasks withdrawn (撤销第5项整改任务, 删除序号7, 第5项整改任务不再保留, 第5项:予以撤销)
    or merged (将第5项并入第6项: cancelled, merged into 6; 第5项与第6项合并整改: 6 merged into
    5, the first named, or into the one `合并为第N项` names): field `task`, one per task."""
    text, rules = chars.text, label_rules()
    words = [*rules.amendment_task_words, *rules.amendment_adverbs, "予以"]
    found: list[RawAmendment] = []
    for pos, word_end, word in find_words(chars, task_change_words()):
        if any(start <= pos < end for start, end in covered):
            continue
        if not may_name_a_task(text, pos, word_end, word in rules.amendment_cancel_verbs, bool(problems)):
            continue  # 纳入, 合并 in prose naming no task: the clause's bounds and names are not looked for
        start, end = clause_bounds(text, root, pos)
        opening = strip_words(text, start, pos, rules.amendment_consent_words)
        named, named_end = tasks_named_at(text, opening, pos, problems)
        if named and strip_words(text, named_end, pos, words) < pos:
            continue  # words between the tasks and the verb: 第5项工程撤销…
        after = strip_words(text, word_end, end, [])
        targets: list[tuple[str, str | None]] = []
        if word in rules.amendment_cancel_verbs:
            if not named and strip_words(text, start, pos, rules.amendment_consent_words + words) == pos:
                named, after = tasks_named_at(text, after, end, problems)  # 撤销第5项整改任务
                if not named and after == end:  # 一、第5项:予以撤销。
                    named = tasks_at(text, root, pos, problems)
            if strip_words(text, after, end, rules.amendment_task_words) == end:
                targets = [(seq, None) for seq in named]
        elif not named:
            continue  # a merge names the tasks merged first (纳入 in a plan's own text names none)
        elif word in rules.amendment_merge_into:
            into = tasks_named_at(text, after, end, problems)[0]
            if into:
                targets = [(seq, into[0]) for seq in named if seq != into[0]]
        else:  # tasks merged together: into the one named after 合并为, else the first
            into = tasks_named_at(text, after, end, problems)[0] if word.endswith(("为", "成")) else []
            into = into or (named[:1] if len(named) > 1 else [])
            targets = [(seq, into[0]) for seq in named if seq != into[0]] if into else []
        if not targets:
            continue
        piece = piece_at(text, start, max(end, word_end))
        if piece is not None:
            found += [RawAmendment(seq, "task", piece, [], piece.span, merged_into=into_seq)
                      for seq, into_seq in targets]
    return found


@cache
def marked_label_re() -> re.Pattern[str]:
    """A line, or a sentence in a line, opening with a label that an adjustment mark turns
    into a field's old or new value (原整改时限:, 调整后整改时限:, 申请延期时限: — tables.yaml's
    adjusted marks, as in an adjustment table's header): the label and its separator. The stdlib re module: the
    pattern holds literals and classes alone, which both modules read alike, and re runs it
    over a text several times faster (each line start tries every length of the key)."""
    rules, labels = table_rules(), label_rules()
    marks = trie_alternation(rules.adjusted_before_marks + rules.adjusted_after_marks)
    seps = "".join(re.escape(sep) for sep in labels.separators)
    other = rf"[^\n{seps}{INLINE_LABEL_MARKS},，]"
    key = rf"(?:{marks}){other}{{1,12}}|{other}{{1,12}}(?:{marks})[)）]?"  # 原整改时限, 整改时限(调整后)
    # the line break first, not ^: the engine skips from break to break (the first line is a title);
    # a sentence's end opens a label too (…封场。原整改时限:2021年底前。申请延期时限:…). Most
    # sentences hold no separator within a key's length: a possessive look-ahead for one is
    # tried first, and the key's alternatives only where it finds one.
    longest = max(map(len, rules.adjusted_before_marks + rules.adjusted_after_marks)) + 13
    return re.compile(rf"(?P<open>[\n{INLINE_LABEL_MARKS}])[ \t\u3000]*(?={other}{{1,{longest}}}+[{seps}])"
                      rf"(?P<key>{key})[{seps}]")


INLINE_LABEL_MARKS = "。；;"  # the sentence ends after which a marked label may open in a line
LABEL_OPENS = "\n" + INLINE_LABEL_MARKS  # marked_label_re's `open`


def marked_label_matches(text: str) -> list[re.Match[str]]:
    """`list(marked_label_re().finditer(text))`, the pattern tried only at the open mark last
    before each separator: a match's look-ahead finds a separator with no open mark (nor any
    separator) between, so its open mark is the one last before that separator, and no
    match holds the open mark of another. Separators are few, sentence ends many: a find
    loop for the separators replaces the engine's try at every sentence end."""
    pattern, last_open = marked_label_re(), mark_class_re(LABEL_OPENS)
    opens: set[int] = set()
    for sep in label_rules().separators:
        at = text.find(sep)
        while at != -1:
            found = last_open.search(text, 0, at)
            if found is not None:
                opens.add(found.start())
            at = text.find(sep, at + 1)
    return [match for start in sorted(opens) if (match := pattern.match(text, start)) is not None]


def marked_value_end(text: str, match: re.Match[str], starts: list[int]) -> int:
    """Where a marked label's value ends: at its line's end, before the next marked label
    on that line (原整改时限:2021年底前。申请延期时限:…), and, for a label opening after a
    sentence's end, at the end of its own sentence (申请延期时限:2022年10月底前。延期原因:…), a
    semicolon going on with it (2022年6月底前完成主体工程;2022年底前全面完成)."""
    end = line_at(text, match.end())[1]
    end = next((s for s in starts if match.end() < s < end), end)
    if match["open"] != "\n" and (full_stop := text.find("。", match.end(), end)) != -1:
        end = full_stop
    return end


def marked_amendments(text: str, root: Node, problems: Problems, seen: set[int]) -> list[RawAmendment]:
    """Label lines of an adjustment written as text (一、第二项 / 原整改时限:2021年底前 /
    调整后整改时限:2022年6月底前): the new value's line amends the field of the task its item
    names; the old value's line in the same item is the written old value. A line read by
    amendment_re already (整改时限调整为:…, its start in `seen`) is not read again."""
    lines = [(m, name) for m in marked_label_matches(text)
             if (name := adjusted_label("".join(m["key"].split()))) is not None]
    starts = [m.start("open") + 1 for m, _ in lines]  # after the sentence's end, or at the line's start
    found: list[RawAmendment] = []
    for match, name in lines:
        if name.endswith(BEFORE_SUFFIX) or match.start("key") in seen:
            continue
        seqs = tasks_at(text, root, match.start("key"), problems)
        value = piece_at(text, match.end(), marked_value_end(text, match, starts))
        if not seqs or value is None:
            continue
        item = items_at(root, match.start())[-1]
        old = next((piece_at(text, m.end(), marked_value_end(text, m, starts)) for m, other in lines
                    if other == f"{name}{BEFORE_SUFFIX}" and items_at(root, m.start())[-1] is item), None)
        field = "responsible_units" if name == "lead_units" else name
        measures = split_measures(text, *value.span) if field == "measures" else []
        found += [RawAmendment(seq, field, unquoted(value), measures, (match.start("key"), value.span[1]),
                               unquoted(old) if old else None, lead=name == "lead_units") for seq in seqs]
    return found


def own_stretch_end(text: str, node: Node, pos: int, field: str) -> int:
    """Where a value at pos in the own text of an item naming no task (a paragraph of the
    notice: 将第二项整改措施修改为:) can run: a list of measures over the items right after
    it, up to the first that does not follow on; any other value up to the next item."""
    following = [c for c in node.children if c.start >= pos]
    if not following:
        return node.end
    end = following[0].start
    if field != "measures":
        return end
    for child in following:
        if text[end:child.start].strip():
            break
        end = child.end
    return end


def own_ranges(verbs: VerbOffsets, node: Node) -> list[tuple[int, int]]:
    """The stretches of an item's text outside its items, those holding an amendment verb."""
    ranges: list[tuple[int, int]] = []
    start = node.body_start
    for child in node.children:
        if child.start > start:
            ranges.append((start, child.start))
        start = max(start, child.end)
    ranges.append((start, node.end))
    return [(start, end) for start, end in ranges if start < end and has_amendment_verb(verbs, start, end)]


def amends(text: str, node: Node, match: regex.Match[str], problems: Problems) -> bool:
    """A deadline verb with no label (延期至) amends only a task its clause opens with: in a
    task's own text (工程延期至…) it is no amendment. Any other match may."""
    return match.start("moved") < 0 or moves_a_named_task(text, items_at(node, match.start())[-1], match.start(),
                                                             problems)


def moved_old(text: str, node: Node, match: regex.Match[str], problems: Problems) -> Piece | None:
    """The old value a deadline verb with no label writes (第二项由2021年底前延期至…)."""
    if match.start("moved") < 0:
        return None
    item = items_at(node, match.start())[-1]
    named_end = moved_task_end(text, item, match.start(), problems)
    old = moved_old_span(text, named_end, match.start()) if named_end is not None else None
    return piece_at(text, *old) if old is not None else None


def value_end(text: str, match: regex.Match[str], field: str, stop: int) -> int:
    """Where a value that is no list of measures ends when it stands in a sentence
    (一、第七项,…。责任单位由A调整为B。) or names units or people, which hold no 。: at
    the sentence's full stop or the line's end (the next paragraph is the notice's own
    again). A label opening its line (整改时限修改为:…) keeps all up to `stop`, several
    sentences and lines of a PDF too; so does a value on the lines below its label. A
    one-line field's value (labels.yaml one_line_fields: 整改时限调整为2022年6月底前) ends
    with its lines stating a deadline (one_line_value_end)."""
    line_end = text.find("\n", match.end(), stop)
    line_end = stop if line_end == -1 else line_end
    line_start = text.rfind("\n", 0, match.start()) + 1
    if not text[match.end():line_end].strip() or (
            field not in LIST_FIELDS and not text[line_start:match.start()].strip()):
        return one_line_value_end(text, match.end(), stop) if field in one_line_fields() else closing_line_start(
            text, match.end(), stop)
    full_stop = text.find("。", match.end(), line_end)
    return line_end if full_stop == -1 else full_stop + 1


def one_line_value_end(text: str, start: int, stop: int) -> int:
    """Where a one-line field's amended value ends: its first line holding text (with the
    lines after it while one stops mid-sentence, as the task's own: first_line_end), then
    each further line stating a deadline of its own (2021年起,持续推进…); the first line
    stating none (其他任务不变。) is a sentence of the notice's own again."""
    end = first_line_end(text, start, stop)
    while end < stop:
        after = text.find("\n", end + 1, stop)
        after = stop if after == -1 else after
        line = text[end + 1:after]
        if line.strip() and not states_deadline(line):
            break
        end = after
    return end


def closing_line_start(text: str, start: int, stop: int) -> int:
    """`stop`, or the start of the first line after `start` and before it that is the
    notice's own (其他任务不变。, 特此通知。: labels.yaml amendment_closing_line_re)."""
    found = amendment_closing_line_re().search(text, start, stop)
    return found.start() if found is not None else stop


@cache
def amendment_closing_line_re() -> re.Pattern[str]:
    return re.compile(label_rules().amendment_closing_line_re, re.M)


def states_deadline(line: str) -> bool:
    deadline, _ = parse_deadline(line)
    return deadline is not None and bool(deadline.kinds)


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


DATE_LINE_END = "日"  # the last character of DATE_LINE_RE's date


def next_date_line(text: str, pos: int) -> regex.Match[str] | None:
    """A match with the groups of `DATE_LINE_RE.search(text, pos)`: the first line from
    pos on that is a date alone, tried only where a line holds a 日 (the search tries
    its `^` at every position up to the signature, far below on a long notice). A line
    begun before pos is no match: `^` holds at pos only at a line start."""
    at = text.find(DATE_LINE_END, pos)
    while at != -1:
        line_start = text.rfind("\n", 0, at) + 1
        if line_start >= pos:
            match = DATE_LINE_RE.match(text, line_start)
            if match is not None:
                return match
        line_end = text.find("\n", at)
        if line_end == -1:
            return None
        at = text.find(DATE_LINE_END, line_end)
    return None


def date_after(text: str, pos: int) -> dt.date | None:
    """The signature date that follows the amendment (the notice's own date)."""
    match = next_date_line(text, pos)
    if match is None:
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


Value = Deadline | str | list[Measure] | list[str] | None


def _value_of(task: Task, field: str) -> Value:
    value = getattr(task, field)
    return list(value) if isinstance(value, list) else value  # a copy: the task's list changes


def apply_amendments(text: str, root: Node, tasks: list[Task], reference: dt.date | None) -> list[Amendment]:
    """Apply every amendment to its task in place; return the records. The old value is the
    task's; for a task not in this document, the old value the amending text writes."""
    by_seq = {t.seq: t for t in tasks}
    records: list[Amendment] = []
    problems = tuple((t.seq, t.problem) for t in tasks if t.problem)
    for raw in find_raw_amendments(text, root, problems):
        if raw.field == "task":  # withdrawn: the task is kept as written, the record tells it
            records.append(Amendment(task_seq=raw.task_seq, field="task", new=raw.merged_into, change="cancel",
                                     source=source_of(text, raw.span[0]), date=date_after(text, raw.span[1]),
                                     span=raw.span))
            continue
        task = by_seq.get(raw.task_seq)
        if task is not None:
            old = _value_of(task, raw.field)
        else:
            written = raw.old if raw.old is not None and raw.field != "measures" else None  # no measures split
            old = _written_value(raw.field, one_clause(written), [], reference) if written is not None else None
        value = one_clause(raw.value) if raw.field == "deadline" else raw.value
        new = _written_value(raw.field, value, raw.measures, reference)
        if task is not None and raw.field in LIST_FIELDS:
            whole = _set_list(task, raw, _list_pieces(raw.field, value), value.span)
            new = new if raw.adds or raw.removes else whole  # an addition records what was added
        elif task is not None:
            _set(task, raw.field, new, value.span)
        records.append(Amendment(task_seq=raw.task_seq, field=raw.field, old=old, new=new,
                                 change="add" if raw.adds else "remove" if raw.removes else "replace",
                                 source=source_of(text, raw.span[0]), date=date_after(text, raw.span[1]),
                                 span=raw.span))
    return records + table_amendments(text, tasks, reference)


def names_items(field: str, piece: Piece) -> bool:
    """Whether a list field's value added or taken out names its items: units for a unit
    field (市水务局), people for leaders and persons (王五, 副市长王五, 分管副市长)."""
    if field in PEOPLE_FIELDS:
        return names_people(piece)
    units = split_units(piece)
    return bool(units) and all(ends_like_unit(u.text) for u in units)


def _list_pieces(field: str, value: Piece) -> list[Piece]:
    """A list field's value split into its units or names, as the task's own is."""
    return split_people(value) if field in PEOPLE_FIELDS else split_units(value)


def _set_list(task: Task, raw: RawAmendment, pieces: list[Piece], span: Span) -> list[str]:
    """Set a list field to its amended value, each item with its span: the new items; with
    `adds` the old ones and then the new; for a lead (牵头单位由A调整为B) the new leads, then
    the old units but the replaced lead (the units written after 由, else the old first).
    Returns the field's new value."""
    field = raw.field
    old: list[tuple[str, Span | None]] = [(item, task.spans.get(f"{field}.{k}"))
                                          for k, item in enumerate(getattr(task, field))]
    new: list[tuple[str, Span | None]] = [(p.text, p.span) for p in pieces]
    if raw.adds:
        items = old + [item for item in new if item[0] not in {text for text, _ in old}]
    elif raw.removes:
        items = [item for item in old if item[0] not in {text for text, _ in new}]
    elif raw.lead:
        replaced = {p.text for p in _list_pieces(field, raw.old)} if raw.old is not None else {t for t, _ in old[:1]}
        items = new + [item for item in old if item[0] not in replaced | {text for text, _ in new}]
    elif (some := _replaced_items(field, raw.old, [text for text, _ in old])) is not None:
        gone = some | {text for text, _ in new}
        first = next(k for k, (text, _) in enumerate(old) if text in some)  # the new ones stand there
        items = ([item for item in old[:first] if item[0] not in gone] + new
                 + [item for item in old[first:] if item[0] not in gone])
    else:
        items = new
    setattr(task, field, [text for text, _ in items])
    for key in [key for key in task.spans if key.startswith(f"{field}.")]:
        del task.spans[key]  # the old value's items
    for k, (_, item_span) in enumerate(items):
        if item_span is not None:
            task.spans[f"{field}.{k}"] = item_span
    if raw.removes:
        task.spans.pop(field, None)  # the field's span holds the units taken out; the others keep theirs
    else:
        task.spans[field] = (pieces[0].span[0], pieces[-1].span[1]) if pieces else span  # no 。 after the last
    if field == "responsible_units":
        task.lead_unit = items[0][0] if items else None
        task.spans.pop("lead_unit", None)
        first_span = items[0][1] if items else None
        if first_span is not None:
            task.spans["lead_unit"] = first_span
    return [text for text, _ in items]


def _replaced_items(field: str, written: Piece | None, old: list[str]) -> set[str] | None:
    """The items a replacement writes after 由 (责任领导由张三调整为李四) when they are some of
    the list's, not all: those alone are replaced, the others kept (added in 0.1). None
    when it writes none, all of them, or one the list lacks (the whole list is replaced)."""
    if written is None:
        return None
    replaced = {p.text for p in _list_pieces(field, written)}
    return replaced if replaced and replaced < set(old) else None


def _written_value(field: str, value: Piece, measures: list[RawMeasure], reference: dt.date | None) -> Value:
    """A value as the amending text writes it, in the field's own shape: a list field
    split into its units or names as the task's own value is."""
    if field == "deadline":
        return parse_deadline(value.text, reference=reference)[0]
    if field == "measures":
        return measures_of(measures, reference)
    if field in PEOPLE_FIELDS:
        return [p.text for p in split_people(value)]
    if field in UNIT_FIELDS:
        return [p.text for p in split_units(value)]
    return value.text


def _set(task: Task, field: str, new: Value, span: Span) -> None:
    setattr(task, field, new)
    if field == "responsible_units":
        task.lead_unit = task.responsible_units[0] if task.responsible_units else None
    task.spans[field] = span


def table_amendments(text: str, tasks: list[Task], reference: dt.date | None) -> list[Amendment]:
    """One amendment per row of an adjustment table whose old cell (原整改时限) differs from
    the new one the task holds: the table mapper gives the task the new value and keeps
    the old cell's span as `<field>_before`."""
    records: list[Amendment] = []
    for task in tasks:
        # most tasks hold no `<field>_before` span: the `in` operator screens the keys
        # (a third of the cost of an endswith call on each)
        for key in [key for key in task.spans if BEFORE_SUFFIX in key and key.endswith(BEFORE_SUFFIX)]:
            field = key.removesuffix(BEFORE_SUFFIX)
            if field not in AMENDABLE or field == "measures":
                continue
            start, end = task.spans[key]
            piece = piece_at(text, start, end)
            if piece is None:
                continue
            old = _written_value(field, one_clause(piece) if field == "deadline" else piece, [], reference)
            new = _value_of(task, field)
            if new in (None, [], "") or _same(old, new):
                continue
            span = task.spans.get("task", (start, end))
            records.append(Amendment(task_seq=task.seq, field=field, old=old, new=new,
                                     source=source_of(text, span[0]), date=date_after(text, span[1]), span=span))
    return records


def _same(old: Value, new: Value) -> bool:
    if isinstance(old, Deadline) and isinstance(new, Deadline):
        return old.text == new.text
    return old == new
