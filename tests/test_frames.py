"""The DataFrame loader: one row per record, list fields kept whole, empty and broken
outputs handled, and the changes later notices made to a plan's tasks."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.frames import AMENDMENT_COLUMNS, FILLED_FIELDS, TASK_COLUMNS, is_filled, load_frames
from schemas.document import Deadline, Document, Indicator, Measure, Source, Task, Warning
from tests.conftest import AMENDED_PLAN, AMENDED_PLAN_TITLE, AMENDING_NOTICE, run_amended_batch


def task(doc_id: str, seq: str, **fields: object) -> Task:
    return Task(task_id=f"{doc_id}:{seq}", doc_id=doc_id, seq=seq, problem=f"问题{seq}", **fields)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("frames")
    a, b = "000000000000000a", "000000000000000b"
    documents = [
        Document(doc_id=a, source=Source(path="seeds/a.txt", format="txt", sha256="0" * 64), doc_type="plan",
                 text="正文", declared_task_count=3, issue_date="2020-07-30",
                 tasks=[task(a, "1", responsible_units=["市、县区国家机关", "甲县政府"], leaders=["张某"],
                             deadline=Deadline(text="2020年底前", date="2020-12-31", kinds=["by_date"]),
                             measures=[Measure(text="一"), Measure(text="二")]),
                        task(a, "2", responsible_units=["甲县政府"], deadline=Deadline(text="长期坚持",
                                                                                    kinds=["ongoing"]))],
                 indicators=[Indicator(name="优良天数比例", comparator=">=", value=80, unit="%", text="80%")],
                 warnings=[Warning(code="count_mismatch", message="2 of 3")]),
        Document(doc_id=b, source=Source(path="seeds/b.txt", format="txt", sha256="1" * 64), doc_type="news",
                 text="新闻"),
    ]
    (folder / "documents").mkdir()
    for document in documents:
        (folder / "documents" / f"{document.doc_id}.json").write_text(document.model_dump_json(), encoding="utf-8")
    (folder / "documents" / "broken.json").write_text("[1, 2", encoding="utf-8")
    return folder


def test_one_row_per_record(out: Path) -> None:
    frames = load_frames(out)
    assert (len(frames.documents), len(frames.tasks), len(frames.measures), len(frames.warnings),
            len(frames.indicators)) == (2, 2, 2, 1, 1)
    assert frames.unreadable == ["broken.json"]
    assert list(frames.documents["tasks"]) == [2, 0]
    assert frames.documents.loc[0, "issue_date"] == pd.Timestamp("2020-07-30")


def test_list_fields_stay_whole(out: Path) -> None:
    frames = load_frames(out)
    assert frames.tasks.loc[0, "responsible_units"] == ["市、县区国家机关", "甲县政府"]
    assert frames.top_values("responsible_units").to_dict() == {"甲县政府": 2, "市、县区国家机关": 1}


def test_deadlines(out: Path) -> None:
    frames = load_frames(out)
    assert str(frames.tasks["deadline_date"].dtype).startswith("datetime64")
    assert frames.deadlines_by("Y").to_dict() == {pd.Period("2020", "Y"): 1}


def test_fill_rates(out: Path) -> None:
    rates = load_frames(out).fill_rates()
    assert list(rates.columns) == FILLED_FIELDS and list(rates.index) == ["seeds/a.txt"]
    row = rates.loc["seeds/a.txt"]
    assert (row["problem"], row["deadline_date"], row["leaders"], row["measures"], row["status"]) == \
        (1.0, 0.5, 0.5, 0.5, 0.0)


@pytest.mark.parametrize(("value", "filled"), [
    ("甲", True), ("", False), (None, False), ([], False), (["甲"], True), (0, False), (3, True),
    (float("nan"), False), (pd.NaT, False), (pd.Timestamp("2020-01-01"), True),
])
def test_is_filled(value: object, filled: bool) -> None:
    assert is_filled(value) is filled


def test_empty_output_has_every_column(tmp_path: Path) -> None:
    frames = load_frames(tmp_path)
    assert frames.documents.empty and "source_path" in frames.documents.columns
    assert frames.fill_rates().empty and frames.top_values("leaders").empty and frames.deadlines_by().empty
    assert frames.amendments.empty and list(frames.amendments.columns) == AMENDMENT_COLUMNS
    assert frames.current_tasks().empty and list(frames.current_tasks().columns) == [
        *TASK_COLUMNS, "amendments", "cancelled", "merged_into"]


def test_amendments_and_current_tasks(tmp_path: Path) -> None:
    out = run_amended_batch(tmp_path)
    frames = load_frames(out)
    [change] = frames.amendments.to_dict("records")
    plan_id = frames.documents.set_index("source_path").loc["in/a_plan.txt", "doc_id"]
    notice_id = frames.documents.set_index("source_path").loc["in/b_notice.txt", "doc_id"]
    assert change == {
        "doc_id": plan_id, "source_path": "in/a_plan.txt", "task_id": f"{plan_id}:2", "seq": "2", "step": 0,
        "field": "deadline", "change": "replace", "old": "2021年12月底前 (2021-12-31)",
        "new": "2022年9月底前 (2022-09-30)", "old_date": pd.Timestamp("2021-12-31"),
        "new_date": pd.Timestamp("2022-09-30"), "by_doc_id": notice_id, "by_source_path": "in/b_notice.txt",
        "by_title": f"永昌县人民政府关于调整《{AMENDED_PLAN_TITLE}》部分整改任务的通知",
        "by_date": pd.Timestamp("2021-11-15")}
    current = frames.current_tasks()
    assert list(current["deadline_date"]) == [pd.Timestamp("2021-10-31"), pd.Timestamp("2022-09-30")]
    assert list(current["deadline_text"]) == ["2021年10月底前", "2022年9月底前"]
    assert list(current["amendments"]) == [0, 1]
    assert list(current["responsible_units"]) == [["县住建局"], ["县自然资源局"]]  # lists stay whole
    assert list(frames.tasks["deadline_text"]) == ["2021年10月底前", "2021年12月底前"]  # as extracted


def test_current_tasks_tell_a_withdrawn_task(tmp_path: Path) -> None:
    """A later notice withdrawing task 1 into task 2: current_tasks marks it, the other not."""
    from extract.batch import run_batch
    from extract.config import Options

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a_plan.txt").write_text(AMENDED_PLAN, encoding="utf-8")
    notice = AMENDING_NOTICE.replace("一、第2项整改时限调整为2022年9月底前。", "一、将第1项并入第2项。")
    (inputs / "b_notice.txt").write_text(notice, encoding="utf-8")
    run_batch([inputs], tmp_path / "out", Options(formats=("json", "jsonl")), workers=1, progress=False)
    current = load_frames(tmp_path / "out").current_tasks()
    assert list(current["seq"]) == ["1", "2"]
    assert list(current["cancelled"]) == [True, False] and list(current["merged_into"]) == ["2", None]
    assert list(current["amendments"]) == [1, 0]
