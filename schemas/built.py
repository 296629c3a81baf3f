"""Output models set up unvalidated, as `schemas.blocks.built_block` sets up a Block.

Field parsing makes a Task, a Deadline per task and per dated measure, a Measure per
measure and an Indicator per target: validating them costs a few µs each, more than
finding their values. Their values are the code's own, already in the shapes validation
gives them (enum members as their values, spans as tuples, lists of their own): these
set an instance up from them directly. Each `built_*` equals the validated model
(tests/test_built.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from schemas.blocks import new_instance, set_dict, set_extra, set_fields_set, set_private
from schemas.document import Deadline, Indicator, Measure, Span, Task

Model = TypeVar("Model", bound=BaseModel)


def _built(model: type[Model], fields_set: set[str], values: dict[str, Any]) -> Model:
    """An instance of `model` holding `values` (every field, in the model's order), set up
    as `built_block` sets up a Block. Every field is set, so its fields-set is all the
    model's fields: one set shared by every built instance."""
    instance: Model = new_instance(model)
    set_dict(instance, values)
    set_fields_set(instance, fields_set)
    set_extra(instance, None)
    set_private(instance, None)
    return instance


_DEADLINE_FIELDS: set[str] = set(Deadline.model_fields)
_MEASURE_FIELDS: set[str] = set(Measure.model_fields)
_TASK_FIELDS: set[str] = set(Task.model_fields)
_INDICATOR_FIELDS: set[str] = set(Indicator.model_fields)


def built_deadline(text: str, date: dt.date | None, dates: list[dt.date], kinds: list[str],
                   note: str | None) -> Deadline:
    """`Deadline(text=…, date=…, …)`; `kinds` as the DeadlineKind values (strings)."""
    return _built(Deadline, _DEADLINE_FIELDS,
                  {"text": text, "date": date, "dates": dates, "kinds": kinds, "note": note})


def built_measure(label: str | None, text: str, span: Span | None, deadline: Deadline | None) -> Measure:
    return _built(Measure, _MEASURE_FIELDS, {"label": label, "text": text, "span": span, "deadline": deadline})


def built_task(values: dict[str, Any]) -> Task:
    """`Task(**values)` for values holding every field in Task's order: lists of strings
    and built Measures, a Deadline or None, `status` as a Status value (a string)."""
    return _built(Task, _TASK_FIELDS, values)


# Indicator.comparator's values (a test holds them equal): rules give them, typed so on load.
Comparator = Literal[">=", "<=", "=", "decrease_by", "increase_by"]


def built_indicator(name: str, comparator: Comparator, value: float, unit: str | None, baseline_year: int | None,
                    target_year: int | None, text: str, span: Span | None) -> Indicator:
    """`Indicator(name=…, …)`; `value` a float."""
    return _built(Indicator, _INDICATOR_FIELDS,
                  {"name": name, "comparator": comparator, "value": value, "unit": unit,
                   "baseline_year": baseline_year, "target_year": target_year, "text": text, "span": span})
