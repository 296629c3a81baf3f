"""A task's status from its 完成情况/验收意见 text, by the cue words of rules/status.yaml."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict

from extract.fields.patterns import load_yaml
from schemas.document import Status


class StatusRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    order: list[Status]
    cues: dict[Status, list[str]]


@cache
def status_rules() -> StatusRules:
    return StatusRules.model_validate(load_yaml("status.yaml"))


def text_to_status(text: str) -> Status | None:
    rules = status_rules()
    for status in rules.order:
        if any(cue in text for cue in rules.cues.get(status, [])):
            return Status(status)
    return None
