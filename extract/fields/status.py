"""A task's status from its 完成情况/验收意见 text, by the cue words of rules/status.yaml."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import regex
from pydantic import BaseModel, ConfigDict

from extract.fields.patterns import load_yaml
from extract.fields.raw import Piece
from extract.fields.regex_syntax import one_of
from schemas.document import Status


class RowRank(BaseModel):
    model_config = ConfigDict(extra="forbid")
    row: str
    label: str | None  # searched in the row's label; None: every label no other rank finds
    final: list[str] = []  # a row of this rank holding one of these answers before all others


class StatusRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    flag_answers: dict[str, Status]
    order: list[Status]
    cues: dict[Status, list[str]]
    planned_cues: list[str]
    row_ranks: list[RowRank]
    opening_verdict_re: str
    acceptance_sentence_re: str


@cache
def status_rules() -> StatusRules:
    return StatusRules.model_validate(load_yaml("status.yaml"))


@cache
def status_cue_res() -> tuple[tuple[Status, regex.Pattern[str]], ...]:
    """One pattern per status, in the order they are checked."""
    rules = status_rules()
    return tuple((status, regex.compile(one_of(rules.cues[status])))
                 for status in rules.order if rules.cues.get(status))


@cache
def opening_verdict_re() -> regex.Pattern[str]:
    return regex.compile(status_rules().opening_verdict_re)


def text_to_status(text: str) -> Status | None:
    """The status of a text opening with its verdict alone (基本完成。…; work going on that the
    text says is on schedule is on schedule), else that of the first status in rule order
    whose cue the text holds."""
    verdict = opening_verdict_re().match(text)
    if verdict is None:
        return cues_to_status(text)
    answer = flag_answer(verdict["verdict"])
    status = Status(answer) if answer else cues_to_status(verdict["verdict"])
    if status is Status.in_progress and cues_to_status(text) is Status.on_schedule:
        return Status.on_schedule  # refined by what follows: 正在推进,达到序时进度
    return status or cues_to_status(text)


@cache
def acceptance_sentence_re() -> regex.Pattern[str]:
    return regex.compile(status_rules().acceptance_sentence_re)


def acceptance_verdict(text: str) -> tuple[Status, tuple[int, int]] | None:
    """The status told by the first sentence naming the acceptance or closing that tells one
    (经验收,该问题已达到销号条件 → completed; 经验收,该问题未通过验收 → in progress), with the
    sentence's span. A book title (《…验收销号工作规定》) is blanked first: it names a rule."""
    blanked = regex.sub(r"《[^《》\n]*》", lambda m: " " * len(m.group()), text)
    for sentence in acceptance_sentence_re().finditer(blanked):
        status = text_to_status(sentence.group())
        if status is not None:
            start, end = sentence.span()
            start += len(sentence.group()) - len(sentence.group().lstrip())
            return status, (start, end)
    return None


def flag_answer(text: str) -> str | None:
    """The status flag_answers gives an answer written alone (是, 已办结; 长期坚持,持续推进 as
    长期坚持、持续推进: white space and a closing stop dropped, commas read as 、)."""
    key = "".join(text.split()).rstrip("。.").replace(",", "、").replace("，", "、")
    return status_rules().flag_answers.get(key)


@cache
def planned_re() -> regex.Pattern[str]:
    return regex.compile(one_of(status_rules().planned_cues))


def cues_to_status(text: str) -> Status | None:
    """The first status in rule order whose cue the text holds; a deadline moved or work still
    planned (status.yaml planned_cues) is in progress unless a completion cue follows it."""
    planned = planned_re().search(text)
    for status, cue_re in status_cue_res():
        if cue_re.search(text):
            return Status(status)
        if status == Status.in_progress and planned is not None and not completed_after(text, planned.end()):
            return Status.in_progress
    return None


def completed_after(text: str, pos: int) -> bool:
    return any(status == Status.completed and cue_re.search(text, pos) is not None
               for status, cue_re in status_cue_res())


def flag_to_status(text: str) -> Status | None:
    """A status column's answer (是 → completed, 否 → in_progress, 序时推进 → on_schedule),
    else the status its text's cues give (已完成整改,同意销号)."""
    answer = flag_answer(text)
    return Status(answer) if answer else text_to_status(text)


@cache
def row_rank_res() -> tuple[tuple[int, regex.Pattern[str]], ...]:
    """(rank, label pattern) of the ranks a label pattern names; the rank of a label none
    finds is default_row_rank()."""
    return tuple((k, regex.compile(rank.label)) for k, rank in enumerate(status_rules().row_ranks)
                 if rank.label is not None)


@cache
def default_row_rank() -> int:
    return next(k for k, rank in enumerate(status_rules().row_ranks) if rank.label is None)


@cache
def final_res() -> dict[int, regex.Pattern[str]]:
    """Rank → the pattern of its `final` cues, for the ranks that have them."""
    return {k: regex.compile(one_of(rank.final))
            for k, rank in enumerate(status_rules().row_ranks) if rank.final}


def row_rank(label: str) -> int:
    return next((k for k, label_re in row_rank_res() if label_re.search(label)), default_row_rank())


def status_row(rows: Sequence[tuple[str, Piece]]) -> tuple[str, Piece]:
    """Of a task's (label, value) status rows, the one its status and progress_text come
    from (整改完成情况 before 自验收情况, whatever their order; 销号情况:已销号 before all):
    see row_ranks in status.yaml."""
    return told_status_row(rows)[0]


def told_status_row(rows: Sequence[tuple[str, Piece]]) -> tuple[tuple[str, Piece], Status | None]:
    """`status_row`, with the status its text tells where that was read on the way (None
    where not: task_status reads it then), so a long row is not read twice."""
    ranked = [(row_rank(label), -at, label, piece) for at, (label, piece) in enumerate(rows)]
    finals = final_res()
    final = [item for item in ranked if item[0] in finals and finals[item[0]].search(item[3].text)]
    if final:
        return min(final)[2:], None
    telling = [(item, told) for item in ranked if (told := text_to_status(item[3].text)) is not None]
    if not telling:
        return min(ranked)[2:], None
    item, told = min(telling, key=lambda pair: pair[0])
    return item[2:], told


def task_status(row: tuple[str, Piece] | None, flag: tuple[str, Piece] | None,
                told: Status | None = None) -> Status | None:
    """A task's status from its status row (`status_row`) and its yes/no answer (是否完成:是,
    是否销号:否), each (label, value). The answer comes first: a yes (是否销号:是, 是否办结:已办结)
    says the task is done whatever a row says; a no comes first too, except that of a
    question ranked after the row (是否销号:否 beside 整改完成情况:已完成: a task done and not
    yet closed is done), as row_ranks of status.yaml rank the rows themselves. `told`: the
    status the row's text tells when the caller read it already (told_status_row)."""
    answer = flag_to_status(flag[1].text) if flag is not None else None
    if told is None and row is not None:
        told = text_to_status(row[1].text)
    if answer is None or answer is Status.completed or told is None or row is None or flag is None:
        return answer or told
    return told if row_rank(flag[0]) > row_rank(row[0]) else answer
