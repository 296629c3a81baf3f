"""The output contract (../shared/CONTRACT.md, v1) as Pydantic models.

These models are the source of truth for what a batch run writes; `make schemas`
writes their JSON Schema into `schemas/json/` for importers.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

Span = tuple[int, int]
"""`[start, end)` character offsets into `Document.text`."""


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class DocType(str, Enum):
    plan = "plan"
    task_list = "task_list"
    progress_report = "progress_report"
    completion_notice = "completion_notice"
    amendment = "amendment"
    news = "news"
    feedback = "feedback"  # an inspection group's feedback itself (added in 0.1)
    other = "other"


class Script(str, Enum):
    simplified = "simplified"
    traditional = "traditional"


class DeadlineKind(str, Enum):
    by_date = "by_date"
    immediate = "immediate"
    ongoing = "ongoing"
    conditional = "conditional"
    relative = "relative"


class Status(str, Enum):
    completed = "completed"
    basically_completed = "basically_completed"
    on_schedule = "on_schedule"
    in_progress = "in_progress"
    not_started = "not_started"


class Source(Model):
    path: str = Field(description="relative to the input root, POSIX separators")
    format: str
    sha256: str
    encoding: str | None = None
    pages: int | None = None
    size: int | None = Field(default=None, description="bytes")


class Region(Model):
    province: str | None = None
    city: str | None = None
    county: str | None = None


class Inspection(Model):
    level: Literal["central", "provincial"] | None = None
    round: int | None = None
    batch: int | None = None
    group: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    feedback_date: dt.date | None = None
    look_back: bool = Field(default=False, description="a look-back (回头看), central or provincial (added in 0.1)")


class Warning(Model):
    code: str
    message: str
    span: Span | None = None


class Deadline(Model):
    text: str
    date: dt.date | None = None
    dates: list[dt.date] = Field(default_factory=list, description="every date named, when several")
    kinds: list[DeadlineKind] = Field(default_factory=list)
    note: str | None = Field(default=None, description="why no date, e.g. a named season")


class Measure(Model):
    label: str | None = None
    text: str
    span: Span | None = None
    deadline: Deadline | None = Field(default=None, description="the measure's own date: …(2021年6月底前)")


class Task(Model):
    task_id: str
    doc_id: str
    seq: str
    category: str | None = None
    problem: str
    target: str | None = None
    deadline: Deadline | None = None
    responsible_units: list[str] = Field(default_factory=list)
    lead_unit: str | None = None
    cooperating_units: list[str] = Field(default_factory=list, description="配合单位: never responsible")
    leaders: list[str] = Field(default_factory=list)
    persons: list[str] = Field(default_factory=list)
    supervisors: list[str] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    status: Status | None = None
    progress_text: str | None = Field(default=None, description="完成情况/整改进展 as written")
    spans: dict[str, Span] = Field(default_factory=dict)


class Indicator(Model):
    name: str
    comparator: Literal[">=", "<=", "=", "decrease_by", "increase_by"]
    value: float
    unit: str | None = None
    baseline_year: int | None = None
    target_year: int | None = None
    text: str
    span: Span | None = None


class Amendment(Model):
    task_seq: str
    field: str
    old: Deadline | str | list[Measure] | list[str] | None = None
    new: Deadline | str | list[Measure] | list[str] | None = None
    # replace: `new` is the field's value; add: `new` holds what was added (责任单位增加X), the
    # task's value is `old` with it (old is null when the task is not in the notice); remove
    # (added in 0.1): `new` holds the items taken out of a list field (责任单位中删除X); cancel
    # (added in 0.1): field `task`, the task withdrawn (撤销第5项), `new` the seq it was merged
    # into (将第5项并入第6项) or null
    change: Literal["replace", "add", "remove", "cancel"] = "replace"
    source: str | None = None
    date: dt.date | None = None
    span: Span | None = None


class AppliedAmendment(Model):
    """One change another document of the batch made to a plan's task (added in 0.1)."""

    doc_id: str = Field(description="the amending document")
    source_path: str
    title: str | None = None
    date: dt.date | None = None
    field: str
    old: Deadline | str | list[Measure] | list[str] | None = Field(
        default=None, description="the task's value before this change")
    new: Deadline | str | list[Measure] | list[str] | None = Field(
        default=None, description="the new value (replace), what was added (add) or taken out (remove), "
                                  "the seq merged into (cancel)")
    change: Literal["replace", "add", "remove", "cancel"] = "replace"
    span: Span | None = Field(default=None, description="the amending item in the amending document's text")


class AmendedTask(Task):
    """One line of `amended_tasks.jsonl` (added in 0.1): a plan's task as later notices of
    the same batch amended it, with the changes applied in order."""

    amended_by: list[AppliedAmendment]
    cancelled: bool = Field(default=False, description="a later notice withdrew the task (撤销第5项) or merged it "
                                                       "into another (将第5项并入第6项) (added in 0.1)")
    merged_into: str | None = Field(default=None, description="the seq of the task it was merged into (added in 0.1)")


class Progress(Model):
    as_of: dt.date | None = None
    total: int | None = None
    completed: int | None = None
    basically_completed: int | None = None
    completed_or_basically: int | None = Field(
        default=None, description="one figure for both, as written: 已完成或基本完成274项 (added in 0.1)")
    on_schedule: int | None = None
    in_progress: int | None = None
    behind_schedule: int | None = Field(
        default=None, description="tasks behind schedule, as written: 滞后序时进度2项, 3项进度滞后; also counted in "
                                  "in_progress where the text counts them there too (added in 0.1)")
    ongoing: int | None = Field(
        default=None, description="tasks kept up with no closing, as written: 需长期坚持5项, 长期坚持类任务6项, "
                                  "持续推进4项 (added in 0.1)")
    completion_rate: float | None = Field(
        default=None, description="the share done, in percent, as written: 整改完成率96.5% (added in 0.1)")


class Acceptance(Model):
    self_acceptance_date: dt.date | None = None
    notice_start: dt.date | None = None
    notice_end: dt.date | None = None
    contact: str | None = None


class Document(Model):
    schema_version: str = SCHEMA_VERSION
    doc_id: str
    source: Source
    title: str | None = None
    doc_type: DocType = DocType.other
    script: Script = Script.simplified
    region: Region = Field(default_factory=Region)
    issuers: list[str] = Field(default_factory=list)
    issue_date: dt.date | None = None
    publish_date: dt.date | None = None
    doc_number: str | None = None
    inspection: Inspection = Field(default_factory=Inspection)
    declared_task_count: int | None = None
    indicators: list[Indicator] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    amendments: list[Amendment] = Field(default_factory=list)
    progress: Progress | None = None
    acceptance: Acceptance | None = None
    attachments: list[str] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)
    spans: dict[str, Span] = Field(default_factory=dict, description="metadata field → span")
    text: str


class ErrorRecord(Model):
    """One line of `errors.jsonl`."""

    path: str
    code: str
    message: str


class Manifest(Model):
    tool: str = "notice-extract"
    version: str
    schema_version: str = SCHEMA_VERSION
    started: str
    finished: str
    counts: dict[str, int]
    files: dict[str, str] = Field(description="source path → sha256")
