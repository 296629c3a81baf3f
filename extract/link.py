"""Stage 7, link: a later notice of the batch amending a plan it does not hold.

A rectification plan is often amended by a separate notice (关于调整《某县…整改方案》部分
整改任务的通知: 第2项整改时限调整为…). Extraction keeps such a notice's amendments as
records only (`Document.amendments`, the task being elsewhere). Here, within one batch run:

1. `LinkIndex.add` keeps a light entry per document as the batch streams (never the
   document): plans (`plan_entry`) and notices amending tasks they do not hold
   (`notice_entry`), with the titles they cite in 《》.
2. `plans_for` links each notice to the plan whose title it cites (each file of it); with
   no title cited, to the one plan of its region dated on or before it; else to none.
3. `amend_tasks` applies each plan's linked amendments to copies of its tasks, in the
   notices' order (date, then doc_id), and keeps every step (`AmendedTask.amended_by`).

Rules (which doc_types are plans, how far into a notice titles are read) are in
rules/link.yaml.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

import regex
from pydantic import BaseModel, ConfigDict

from extract.fields.amendments import AMENDABLE
from extract.fields.patterns import load_yaml
from schemas.document import AmendedTask, Amendment, AppliedAmendment, DocType, Document, Region, Task

RegionKey = tuple[str | None, str | None, str | None]
TASK_FIELD = "task"  # an amendment's field when it withdraws the task (change `cancel`)
Value = object  # a task field's value: Deadline, str, list[str], list[Measure] or None


class LinkRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    plan_doc_types: list[DocType]
    opening_chars: int
    cited_title_re: str
    title_strip_re: str


@cache
def link_rules() -> LinkRules:
    return LinkRules.model_validate(load_yaml("link.yaml"))


@cache
def cited_title_pattern() -> regex.Pattern[str]:
    return regex.compile(link_rules().cited_title_re)


@cache
def title_strip_pattern() -> regex.Pattern[str]:
    return regex.compile(link_rules().title_strip_re)


@dataclass(frozen=True)
class PlanEntry:
    """What linking needs of a plan: its tasks are read back from OUT/ when linked."""

    doc_id: str
    title_key: str  # `title_key` of its title; "" without one
    region: RegionKey
    date: dt.date | None


@dataclass(frozen=True)
class NoticeEntry:
    """A document amending tasks it does not hold: those amendments and how to find the plan."""

    doc_id: str
    source_path: str
    title: str | None
    date: dt.date | None
    region: RegionKey
    cited: frozenset[str]  # `title_key` of each title cited in 《》
    amendments: tuple[Amendment, ...]


def title_key(title: str) -> str:
    """A title as compared across documents: no white space, no 《》 (text is NFKC already)."""
    return title_strip_pattern().sub("", title)


def region_key(region: Region) -> RegionKey:
    return (region.province, region.city, region.county)


def document_date(doc: Document) -> dt.date | None:
    return doc.issue_date or doc.publish_date


def plan_entry(doc: Document) -> PlanEntry | None:
    """The entry of a plan-like document with tasks; None for any other."""
    if doc.doc_type not in link_rules().plan_doc_types or not doc.tasks:
        return None
    return PlanEntry(doc.doc_id, title_key(doc.title or ""), region_key(doc.region), document_date(doc))


def cited_titles(title: str | None, text: str) -> frozenset[str]:
    """The keys of the titles cited in 《》 in the title and the opening of the text."""
    opening = text[:link_rules().opening_chars]
    found = (match["title"] for source in (title or "", opening)
             for match in cited_title_pattern().finditer(source))
    return frozenset(key for key in map(title_key, found) if key)


def notice_entry(doc: Document) -> NoticeEntry | None:
    """The entry of a document amending tasks not its own; None when it amends none."""
    own = {task.seq for task in doc.tasks}
    foreign = tuple(a for a in doc.amendments if a.task_seq not in own)
    if not foreign:
        return None
    # a notice stating no date of its own is dated by its amending items' date line
    date = document_date(doc) or next((a.date for a in foreign if a.date is not None), None)
    return NoticeEntry(doc.doc_id, doc.source.path, doc.title, date, region_key(doc.region),
                       cited_titles(doc.title, doc.text), foreign)


def plans_for(notice: NoticeEntry, plans: Iterable[PlanEntry]) -> list[PlanEntry]:
    """The plans a notice amends: those whose title it cites (one plan, maybe in several
    files: a page and its PDF are two documents of one title, each amended); when it cites
    none, the plan of its region (all three levels alike, not all unknown) dated on or
    before it, only when exactly one qualifies: a wrong guess would rewrite another plan's
    tasks."""
    others = [plan for plan in plans if plan.doc_id != notice.doc_id]
    if notice.cited:
        return [plan for plan in others if plan.title_key in notice.cited]
    if not any(notice.region) or notice.date is None:
        return []
    matches = [plan for plan in others if plan.region == notice.region
               and plan.date is not None and plan.date <= notice.date]
    return matches if len(matches) == 1 else []


def notice_order(notice: NoticeEntry) -> tuple[bool, dt.date, str]:
    """Notices apply by date (undated last), then doc_id: the same order on every run."""
    return (notice.date is None, notice.date or dt.date.min, notice.doc_id)


def link_notices(notices: Iterable[NoticeEntry], plans: list[PlanEntry]) -> dict[str, list[NoticeEntry]]:
    """Plan doc_id → the notices linked to it, in the order they apply."""
    linked: dict[str, list[NoticeEntry]] = {}
    for notice in notices:
        for plan in plans_for(notice, plans):
            linked.setdefault(plan.doc_id, []).append(notice)
    return {doc_id: sorted(found, key=notice_order) for doc_id, found in linked.items()}


def adds_to_list(old: Value, amendment: Amendment) -> bool:
    """An addition to a list field (责任单位增加X); an `add` to any other field replaces it."""
    return amendment.change == "add" and isinstance(old, list) and isinstance(amendment.new, list)


def removes_from_list(old: Value, amendment: Amendment) -> bool:
    """Items taken out of a list field (责任单位中删除X; added in 0.1)."""
    return amendment.change == "remove" and isinstance(old, list) and isinstance(amendment.new, list)


def amended_value(old: Value, amendment: Amendment) -> Value:
    """The field's value after the amendment: `new` for a replace; for an add to a list,
    the old items and then the new ones not yet there; for a removal, the old items but
    those taken out."""
    new = copy.deepcopy(amendment.new)
    if adds_to_list(old, amendment) and isinstance(old, list) and isinstance(new, list):
        return [*old, *(item for item in new if item not in old)]
    if removes_from_list(old, amendment) and isinstance(old, list) and isinstance(new, list):
        return [item for item in old if item not in new]
    if replaces_some(old, amendment) and isinstance(old, list) and isinstance(new, list):
        replaced = set(amendment.old or [])
        first = next(k for k, item in enumerate(old) if item in replaced)  # the new items stand there
        return [*(item for item in old[:first] if item not in new), *new,
                *(item for item in old[first:] if item not in replaced and item not in new)]
    return new


def replaces_some(old: Value, amendment: Amendment) -> bool:
    """A replacement of some items of a list field, those its notice writes after 由
    (责任领导由张三调整为李四, the notice's `old`), the others kept; added in 0.1."""
    written = amendment.old
    return (amendment.change == "replace" and isinstance(old, list) and isinstance(amendment.new, list)
            and isinstance(written, list) and bool(written)
            and all(isinstance(item, str) for item in [*written, *old]) and set(written) < set(old))


def kept_item_spans(task: Task, name: str, old: list[object], value: list[object]) -> None:
    """After a removal: each item left keeps its span under its new index (units.0 …), the
    field's whole span goes (it held the items taken out too), and the lead's span is the
    first item's."""
    spans = {item: task.spans.get(f"{name}.{k}") for k, item in reversed(list(enumerate(old)))}
    for key in [key for key in task.spans if key.split(".")[0] == name]:
        del task.spans[key]
    for k, item in enumerate(value):
        if (span := spans.get(item)) is not None:
            task.spans[f"{name}.{k}"] = span
    if name == "responsible_units":
        task.spans.pop("lead_unit", None)
        if (first := task.spans.get(f"{name}.0")) is not None:
            task.spans["lead_unit"] = first


def apply_amendment(task: Task, amendment: Amendment) -> Value:
    """Set the task's field to its amended value; return the value before. Spans point into
    the plan's text and the new value comes from the notice (its span is in the history):
    a replaced field loses its spans (deadline, deadline.0 …, a replaced unit list its
    lead_unit too); an addition keeps its old items' spans (units.0 …), which stay first."""
    name = amendment.field
    old = copy.deepcopy(getattr(task, name))
    value = amended_value(old, amendment)
    setattr(task, name, value)
    if adds_to_list(old, amendment):
        task.spans.pop(name, None)
    elif removes_from_list(old, amendment) and isinstance(old, list) and isinstance(value, list):
        kept_item_spans(task, name, old, value)
    else:
        dropped = {name, "lead_unit"} if name == "responsible_units" else {name}
        for key in [key for key in task.spans if key.split(".")[0] in dropped]:
            del task.spans[key]
    if name == "responsible_units":
        task.lead_unit = value[0] if isinstance(value, list) and value else None
    return old


def applied(notice: NoticeEntry, amendment: Amendment, old: Value) -> AppliedAmendment:
    return AppliedAmendment.model_validate({
        "doc_id": notice.doc_id, "source_path": notice.source_path, "title": notice.title,
        "date": notice.date, "field": amendment.field, "old": old, "new": amendment.new,
        "change": amendment.change, "span": amendment.span})


@dataclass
class LinkCounts:
    linked_notices: int = 0
    amended_tasks: int = 0
    unapplied_amendments: int = 0  # naming a task the linked plan does not have

    def as_dict(self) -> dict[str, int]:
        return {"linked_notices": self.linked_notices, "amended_tasks": self.amended_tasks,
                "unapplied_amendments": self.unapplied_amendments}


def amend_tasks(tasks: list[Task], notices: list[NoticeEntry], counts: LinkCounts) -> list[AmendedTask]:
    """The plan's tasks that the notices amend, as amended, in the plan's order; the
    notices apply in the order given. An amendment naming a task the plan lacks, or a
    field no task has, is left out and counted."""
    by_seq = {task.seq: task for task in tasks}
    history: dict[str, list[AppliedAmendment]] = {}
    withdrawn: dict[str, str | None] = {}  # a cancelled task's seq → the seq it was merged into
    for notice in notices:
        for amendment in notice.amendments:
            task = by_seq.get(amendment.task_seq)
            cancels = amendment.field == TASK_FIELD and amendment.change == "cancel"
            if task is None or (amendment.field not in AMENDABLE and not cancels):
                counts.unapplied_amendments += 1
                continue
            if cancels:  # the task's fields stay; the line says it is withdrawn
                old: Value = None
                withdrawn[task.seq] = amendment.new if isinstance(amendment.new, str) else None
            else:
                old = apply_amendment(task, amendment)
            history.setdefault(task.seq, []).append(applied(notice, amendment, old))
    amended = [AmendedTask.model_validate({**dict(task), "amended_by": history[task.seq],
                                           "cancelled": task.seq in withdrawn, "merged_into": withdrawn.get(task.seq)})
               for task in tasks if task.seq in history]
    counts.amended_tasks += len(amended)
    return amended


@dataclass
class LinkIndex:
    """The batch's light index (entries, never documents): memory stays flat."""

    plans: list[PlanEntry] = field(default_factory=list)
    notices: list[NoticeEntry] = field(default_factory=list)

    def add(self, doc: Document) -> None:
        plan = plan_entry(doc)
        if plan is not None:
            self.plans.append(plan)
        notice = notice_entry(doc)
        if notice is not None:
            self.notices.append(notice)

    def amended_tasks(self, load_tasks: Callable[[str], list[Task]]) -> tuple[list[AmendedTask], LinkCounts]:
        """Every amended task of the batch, plan by plan in batch order; `load_tasks` reads
        a plan's tasks back (fresh copies) by its doc_id."""
        counts = LinkCounts()
        linked = link_notices(self.notices, self.plans)
        amended: list[AmendedTask] = []
        for plan in self.plans:
            notices = linked.get(plan.doc_id)
            if notices:
                counts.linked_notices += len(notices)
                amended += amend_tasks(load_tasks(plan.doc_id), notices, counts)
        return amended, counts
