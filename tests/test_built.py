"""schemas/built.py: each unvalidated model equals the model validated from the same values."""

from __future__ import annotations

import datetime as dt
from typing import get_args

from pydantic import BaseModel

from extract.assemble import extract_bytes
from extract.fields.deadlines import parse_deadline
from extract.fields.indicators import find_indicators
from schemas.built import Comparator, built_deadline, built_indicator, built_measure, built_task
from schemas.document import Deadline, Indicator, Measure, Status, Task
from tests.conftest import CORPUS


def same_as_validated(built: BaseModel) -> None:
    """Equal to validation from its own dump, in every value's type too (repr tells an enum
    member from its value, a tuple from a list), with every field set."""
    validated = type(built).model_validate(built.model_dump())
    assert built == validated
    assert repr(built) == repr(validated)
    assert built.model_dump_json() == validated.model_dump_json()
    assert built.model_fields_set == validated.model_fields_set == set(type(built).model_fields)


def test_built_models_are_the_validated_models() -> None:
    deadline = built_deadline("2021年底前", dt.date(2021, 12, 31), [], ["by_date"], None)
    assert deadline == Deadline(text="2021年底前", date=dt.date(2021, 12, 31), dates=[], kinds=["by_date"], note=None)
    same_as_validated(deadline)
    measure = built_measure("1.", "排查", (3, 5), deadline)
    assert measure == Measure(label="1.", text="排查", span=(3, 5), deadline=deadline)
    same_as_validated(measure)
    indicator = built_indicator("森林覆盖率", ">=", 30.0, "%", None, 2020, "森林覆盖率达到30%", (0, 11))
    same_as_validated(indicator)
    values = {"task_id": "d:1", "doc_id": "d", "seq": "1", "category": None, "problem": "问题", "target": None,
              "deadline": deadline, "responsible_units": ["市住建局"], "lead_unit": "市住建局", "cooperating_units": [],
              "leaders": [], "persons": [], "supervisors": [], "measures": [measure],
              "status": Status.completed.value, "progress_text": "已完成", "spans": {"task": (0, 9)}}
    task = built_task(dict(values))
    assert task == Task(**values)
    same_as_validated(task)
    copied = task.model_copy(update={"seq": "2"})
    assert copied.model_fields_set == set(Task.model_fields) and task.seq == "1"


def test_comparator_is_indicator_comparator() -> None:
    assert set(get_args(Comparator)) == set(get_args(Indicator.model_fields["comparator"].annotation))


def test_parsed_deadlines_are_the_validated_deadlines() -> None:
    for text in ("2021年6月底前、2021年底前;长期坚持", "立行立改", "汛期前", "看情况", "自验收之日起30日内"):
        deadline, _ = parse_deadline(text, reference=dt.date(2021, 3, 1))
        assert deadline is not None
        same_as_validated(deadline)


def test_corpus_tasks_and_indicators_are_the_validated_models() -> None:
    seen = 0
    for path in sorted(p for folder in ("seeds", "html") for p in (CORPUS / folder).iterdir()):
        doc = extract_bytes(path.read_bytes(), path.name)
        for model in [*doc.tasks, *doc.indicators]:
            same_as_validated(model)
            seen += 1
    assert seen > 30
    text = "到2020年,森林覆盖率、草原覆盖率分别达到30%和50%以上,90%以上村庄生活垃圾得到治理,完成造林面积12万亩。"
    found = find_indicators(text, 0, len(text), default_year=None)
    assert len(found) >= 3
    for indicator in found:
        same_as_validated(indicator)
