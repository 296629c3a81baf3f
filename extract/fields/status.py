"""A task's status from its 完成情况/验收意见 text, by the cue words of rules/status.yaml."""

from __future__ import annotations

from functools import cache

import regex
from pydantic import BaseModel, ConfigDict

from extract.fields.patterns import load_yaml
from schemas.document import Status


class StatusRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    flag_answers: dict[str, Status]
    order: list[Status]
    cues: dict[Status, list[str]]


@cache
def status_rules() -> StatusRules:
    return StatusRules.model_validate(load_yaml("status.yaml"))


@cache
def status_cue_res() -> tuple[tuple[Status, regex.Pattern[str]], ...]:
    """One pattern per status, in the order they are checked."""
    rules = status_rules()
    return tuple((status, regex.compile("|".join(f"(?:{cue})" for cue in rules.cues[status])))
                 for status in rules.order if rules.cues.get(status))


def text_to_status(text: str) -> Status | None:
    for status, cue_re in status_cue_res():
        if cue_re.search(text):
            return Status(status)
    return None


def flag_to_status(text: str) -> Status | None:
    """A status column's answer (是 → completed, 否 → in_progress, 序时推进 → on_schedule),
    else the status its text's cues give (已完成整改,同意销号)."""
    answer = status_rules().flag_answers.get("".join(text.split()).rstrip("。."))
    return Status(answer) if answer else text_to_status(text)
