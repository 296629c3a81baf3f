"""Cross-document linking: a later notice of the batch amends a plan it does not hold
(amended_tasks.jsonl)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from extract.batch import run_batch
from extract.config import Options
from extract.link import (
    LinkCounts,
    NoticeEntry,
    PlanEntry,
    amend_tasks,
    amended_value,
    cited_titles,
    link_rules,
    plans_for,
    title_key,
)
from schemas.document import AmendedTask, Amendment, Deadline, Manifest, Task
from schemas.export import schema_files

PLAN_TITLE = "凉州区贯彻落实中央生态环境保护督察反馈意见整改方案"
PLAN = f"""{PLAN_TITLE}

凉州区人民政府
2021年3月10日

一、整改任务

1.城区污水处理厂出水超标问题。
整改目标:出水稳定达标。
整改时限:2021年12月底前。
责任单位:区住建局。

2.某河道黑臭水体问题。
整改目标:消除黑臭水体。
整改时限:2021年12月底前。
责任单位:区水利局。

3.工业园区废气无组织排放问题。
整改目标:废气达标排放。
整改时限:2022年6月底前。
责任单位:区工信局。
"""

OTHER_PLAN = PLAN.replace("反馈意见整改方案", "“回头看”反馈问题整改方案").replace("2021年3月10日", "2021年4月2日")


def notice(cited: str | None, items: str, date: str = "2021年9月1日") -> str:
    """An amendment notice citing the plan's title in 《》 (or naming none)."""
    title = f"调整《{cited}》部分整改任务" if cited else "调整部分督察整改任务"
    lead = f"对《{cited}》部分整改任务调整如下" if cited else "现将部分整改任务调整如下"
    return f"""凉州区人民政府关于{title}的通知

各乡镇人民政府,区直有关部门:
经区政府研究,{lead}:
{items}

凉州区人民政府
{date}
"""


ITEMS = "一、第2项整改时限调整为2022年6月底前。\n二、第3项责任单位增加区生态环境局。"


def run(tmp_path: Path, files: dict[str, str], workers: int = 1,
        formats: tuple[str, ...] = ("json", "jsonl", "csv")) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir(parents=True)
    for name, text in files.items():
        (inputs / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    run_batch([inputs], out, Options(formats=formats), workers=workers, progress=False)
    return out


def amended(out: Path) -> list[AmendedTask]:
    lines = (out / "amended_tasks.jsonl").read_text(encoding="utf-8").splitlines()
    return [AmendedTask.model_validate_json(line) for line in lines]


def counts(out: Path) -> dict[str, int]:
    return Manifest.model_validate_json((out / "manifest.json").read_bytes()).counts


def doc_ids_by_name(out: Path) -> dict[str, str]:
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "documents").glob("*.json")]
    return {Path(d["source"]["path"]).name: d["doc_id"] for d in docs}


def test_a_notice_citing_the_plan_amends_its_tasks_and_keeps_the_history(tmp_path: Path) -> None:
    out = run(tmp_path, {"a_plan.txt": PLAN, "b_notice.txt": notice(PLAN_TITLE, ITEMS)})
    ids = doc_ids_by_name(out)
    second, third = amended(out)
    assert (second.seq, second.doc_id, second.task_id) == ("2", ids["a_plan.txt"], f"{ids['a_plan.txt']}:2")
    assert second.deadline is not None and second.deadline.date == dt.date(2022, 6, 30)
    assert second.responsible_units == ["区水利局"]  # untouched fields as the plan has them
    [change] = second.amended_by
    assert (change.doc_id, change.source_path, change.field, change.change) == (
        ids["b_notice.txt"], "in/b_notice.txt", "deadline", "replace")
    assert change.title is not None and PLAN_TITLE in change.title
    assert change.date == dt.date(2021, 9, 1)
    assert isinstance(change.old, Deadline) and change.old.date == dt.date(2021, 12, 31)
    assert isinstance(change.new, Deadline) and change.new.text == "2022年6月底前"
    assert "deadline" not in second.spans  # the plan's span held the old deadline
    assert third.seq == "3" and third.responsible_units == ["区工信局", "区生态环境局"]
    assert third.lead_unit == "区工信局" and "responsible_units.0" in third.spans
    [added] = third.amended_by
    assert (added.field, added.change, added.old, added.new) == (
        "responsible_units", "add", ["区工信局"], ["区生态环境局"])
    assert counts(out).items() >= {"linked_notices": 1, "amended_tasks": 2, "unapplied_amendments": 0}.items()
    # tasks.jsonl and the documents stay as extracted: the plan's own task 2 is unchanged
    plan = json.loads((out / "documents" / f"{ids['a_plan.txt']}.json").read_text(encoding="utf-8"))
    assert plan["tasks"][1]["deadline"]["date"] == "2021-12-31"


def test_no_link_when_the_cited_title_names_no_plan_of_the_batch(tmp_path: Path) -> None:
    out = run(tmp_path, {"a_plan.txt": PLAN, "b_notice.txt": notice("凉州区大气污染防治整改方案", ITEMS)})
    assert amended(out) == []
    assert counts(out)["linked_notices"] == 0


def test_a_notice_citing_no_title_links_to_the_one_plan_of_its_region(tmp_path: Path) -> None:
    out = run(tmp_path, {"a_plan.txt": PLAN, "b_notice.txt": notice(None, ITEMS)})
    assert [task.seq for task in amended(out)] == ["2", "3"]


def test_no_link_when_two_plans_of_the_region_could_match_and_no_title_is_cited(tmp_path: Path) -> None:
    out = run(tmp_path, {"a_plan.txt": PLAN, "a_plan2.txt": OTHER_PLAN, "b_notice.txt": notice(None, ITEMS)})
    assert amended(out) == []
    # the cited title still picks one of them
    cited = run(tmp_path / "cited", {"a_plan.txt": PLAN, "a_plan2.txt": OTHER_PLAN,
                                     "b_notice.txt": notice(PLAN_TITLE, ITEMS)})
    assert {task.doc_id for task in amended(cited)} == {doc_ids_by_name(cited)["a_plan.txt"]}


def test_a_task_the_plan_does_not_have_is_not_applied_and_counted(tmp_path: Path) -> None:
    items = "一、第2项整改时限调整为2022年6月底前。\n二、第5项整改时限调整为2022年12月底前。"
    out = run(tmp_path, {"a_plan.txt": PLAN, "b_notice.txt": notice(PLAN_TITLE, items)})
    assert [task.seq for task in amended(out)] == ["2"]
    assert counts(out)["unapplied_amendments"] == 1


def test_a_batch_of_a_plan_alone_writes_an_empty_file(tmp_path: Path) -> None:
    out = run(tmp_path, {"a_plan.txt": PLAN})
    assert (out / "amended_tasks.jsonl").read_bytes() == b""
    assert not list(out.glob("*.partial"))
    assert counts(out)["amended_tasks"] == 0


def test_the_file_is_written_with_the_jsonl_format_only(tmp_path: Path) -> None:
    files = {"a_plan.txt": PLAN, "b_notice.txt": notice(PLAN_TITLE, ITEMS)}
    assert len(amended(run(tmp_path / "jsonl", files, formats=("json", "jsonl")))) == 2
    out = run(tmp_path / "json", files, formats=("json", "csv"))
    assert not (out / "amended_tasks.jsonl").exists()
    assert "amended_tasks" not in counts(out)


def test_without_documents_the_plan_tasks_are_read_from_tasks_jsonl(tmp_path: Path) -> None:
    files = {"a_plan.txt": PLAN, "b_notice.txt": notice(PLAN_TITLE, ITEMS)}
    with_json = run(tmp_path / "json", files)
    jsonl_only = run(tmp_path / "jsonl", files, formats=("jsonl",))
    assert not (jsonl_only / "documents").exists()
    assert (jsonl_only / "amended_tasks.jsonl").read_bytes() == (with_json / "amended_tasks.jsonl").read_bytes()


def test_notices_apply_by_date_whatever_their_file_order(tmp_path: Path) -> None:
    later = notice(PLAN_TITLE, "一、第2项整改时限调整为2023年6月底前。", date="2022年5月1日")
    earlier = notice(PLAN_TITLE, "一、第2项整改时限调整为2022年6月底前。", date="2021年9月1日")
    out = run(tmp_path, {"a_plan.txt": PLAN, "b_later.txt": later, "c_earlier.txt": earlier})
    [task] = amended(out)
    assert [c.source_path for c in task.amended_by] == ["in/c_earlier.txt", "in/b_later.txt"]
    first, second = task.amended_by
    assert isinstance(second.old, Deadline) and second.old == first.new  # each step's old is the value before it
    assert task.deadline is not None and task.deadline.date == dt.date(2023, 6, 30)
    assert counts(out)["linked_notices"] == 2


def test_the_same_output_with_one_or_two_workers_and_on_every_run(tmp_path: Path) -> None:
    files = {"a_plan.txt": PLAN, "a_plan2.txt": OTHER_PLAN, "b_notice.txt": notice(PLAN_TITLE, ITEMS),
             "c_notice.txt": notice(PLAN_TITLE, "一、第1项整改时限调整为2022年3月底前。", date="2021年8月1日")}
    one = run(tmp_path / "one", files, workers=1)
    two = run(tmp_path / "two", files, workers=2)
    again = run(tmp_path / "again", files, workers=2)
    data = (one / "amended_tasks.jsonl").read_bytes()
    assert len(data.splitlines()) == 3
    assert data == (two / "amended_tasks.jsonl").read_bytes() == (again / "amended_tasks.jsonl").read_bytes()


def test_amended_tasks_validate_against_the_exported_json_schema(tmp_path: Path) -> None:
    out = run(tmp_path, {"a_plan.txt": PLAN, "b_notice.txt": notice(PLAN_TITLE, ITEMS)})
    schema = json.loads(schema_files()["amended_task.schema.json"])
    validator = jsonschema.Draft202012Validator(schema)
    lines = (out / "amended_tasks.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines
    for line in lines:
        record: dict[str, Any] = json.loads(line)
        assert not list(validator.iter_errors(record))
        assert record["amended_by"][0].keys() >= {"doc_id", "source_path", "title", "date", "field", "old", "new",
                                                  "change"}


# Pure functions


def test_titles_compare_without_white_space_or_title_marks() -> None:
    assert title_key("《凉州区 整改方案》\n") == title_key("凉州区整改方案") == "凉州区整改方案"


def test_cited_titles_are_read_from_the_title_and_the_opening_only() -> None:
    far = "正文。" * link_rules().opening_chars
    text = f"关于调整《甲方案》的通知\n{far}根据《乙方案》"
    assert cited_titles("关于《丙 方案》的通知", text) == frozenset({"甲方案", "丙方案"})


def plan(doc_id: str, title: str = "", region: tuple[str | None, str | None, str | None] = ("甘肃省", "武威市", None),
         date: dt.date | None = dt.date(2021, 3, 1)) -> PlanEntry:
    return PlanEntry(doc_id, title_key(title), region, date)


def entry(cited: frozenset[str] = frozenset(), region: tuple[str | None, str | None, str | None] = (
        "甘肃省", "武威市", None), date: dt.date | None = dt.date(2021, 9, 1),
          amendments: tuple[Amendment, ...] = ()) -> NoticeEntry:
    return NoticeEntry("n", "n.txt", "通知", date, region, cited, amendments)


@pytest.mark.parametrize(
    ("notice_entry", "plans", "linked"),
    [
        (entry(frozenset({"甲方案"})), [plan("a", "甲方案"), plan("b", "乙方案")], ["a"]),
        # one plan in two files (a page and its PDF): each is amended
        (entry(frozenset({"甲方案"})), [plan("a", "甲方案"), plan("b", "甲方案")], ["a", "b"]),
        (entry(frozenset({"丙方案"})), [plan("a", "甲方案")], []),
        (entry(), [plan("a", "甲方案")], ["a"]),
        (entry(), [plan("a", "甲方案"), plan("b", "乙方案")], []),  # two plans of the region: no guess
        (entry(), [plan("a", "甲方案", date=dt.date(2022, 1, 1))], []),  # dated after the notice
        (entry(), [plan("a", "甲方案", date=None)], []),
        (entry(), [plan("a", "甲方案", region=("甘肃省", "武威市", "凉州区"))], []),  # another level
        (entry(region=(None, None, None)), [plan("a", region=(None, None, None))], []),  # region unknown
        (entry(), [plan("n", "甲方案")], []),  # never itself
    ],
)
def test_a_notice_links_to_the_plan_it_names(notice_entry: NoticeEntry, plans: list[PlanEntry],
                                             linked: list[str]) -> None:
    assert [found.doc_id for found in plans_for(notice_entry, plans)] == linked


def test_an_addition_adds_only_the_items_not_yet_there() -> None:
    add = Amendment(task_seq="1", field="responsible_units", new=["乙局", "甲局"], change="add")
    assert amended_value(["甲局"], add) == ["甲局", "乙局"]
    assert amended_value(["甲局"], add.model_copy(update={"change": "replace"})) == ["乙局", "甲局"]


def test_a_replaced_unit_list_gives_the_new_lead() -> None:
    task = Task(task_id="p:1", doc_id="p", seq="1", problem="某问题", responsible_units=["甲局"], lead_unit="甲局",
                spans={"responsible_units": (0, 2), "responsible_units.0": (0, 2), "lead_unit": (0, 2)})
    change = Amendment(task_seq="1", field="responsible_units", new=["乙局", "甲局"])
    counts = LinkCounts()
    [done] = amend_tasks([task], [entry(amendments=(change,))], counts)
    assert done.responsible_units == ["乙局", "甲局"] and done.lead_unit == "乙局"
    assert done.spans == {}
    assert counts.amended_tasks == 1


def test_a_notice_read_before_its_plan_is_linked_when_the_batch_closes(tmp_path: Path) -> None:
    out = run(tmp_path, {"a_notice.txt": notice(PLAN_TITLE, ITEMS), "z_plan.txt": PLAN})
    assert [task.seq for task in amended(out)] == ["2", "3"]
    assert {task.doc_id for task in amended(out)} == {doc_ids_by_name(out)["z_plan.txt"]}


LIST_ITEMS = """一、第1项,增加区水务局为责任单位。
二、第1项,区住建局不再作为责任单位。
三、撤销第2项整改任务。
四、将第3项并入第2项。"""


def test_units_added_before_their_label_removed_and_tasks_withdrawn_or_merged(tmp_path: Path) -> None:
    out = run(tmp_path, {"a_plan.txt": PLAN, "b_notice.txt": notice(PLAN_TITLE, LIST_ITEMS)})
    first, second, third = amended(out)
    # the lead added after it, then taken out: the unit added is the lead now, with no span in the plan
    assert first.seq == "1" and first.responsible_units == ["区水务局"] and first.lead_unit == "区水务局"
    assert [(c.field, c.change, c.old, c.new) for c in first.amended_by] == [
        ("responsible_units", "add", ["区住建局"], ["区水务局"]),
        ("responsible_units", "remove", ["区住建局", "区水务局"], ["区住建局"])]
    assert not [key for key in first.spans if key.startswith(("responsible_units", "lead_unit"))]
    assert not first.cancelled and first.merged_into is None
    assert (second.seq, second.cancelled, second.merged_into) == ("2", True, None)
    assert second.responsible_units == ["区水利局"]  # the withdrawn task's fields stay as the plan has them
    [withdrawn] = second.amended_by
    assert (withdrawn.field, withdrawn.change, withdrawn.old, withdrawn.new) == ("task", "cancel", None, None)
    assert (third.seq, third.cancelled, third.merged_into) == ("3", True, "2")
    assert [(c.field, c.change, c.new) for c in third.amended_by] == [("task", "cancel", "2")]
    assert counts(out)["unapplied_amendments"] == 0
    ids = doc_ids_by_name(out)
    plain = [json.loads(line) for line in (out / "tasks.jsonl").read_text(encoding="utf-8").splitlines()
             if json.loads(line)["doc_id"] == ids["a_plan.txt"]]
    assert all("cancelled" not in task for task in plain)  # tasks.jsonl keeps the tasks as extracted


def test_a_removal_keeps_the_spans_of_the_units_left_under_their_new_index() -> None:
    task = Task(task_id="p:1", doc_id="p", seq="1", problem="某问题", responsible_units=["甲局", "乙局", "丙局"],
                lead_unit="甲局", spans={"responsible_units": (0, 8), "responsible_units.0": (0, 2),
                                         "responsible_units.1": (3, 5), "responsible_units.2": (6, 8),
                                         "lead_unit": (0, 2)})
    entry = NoticeEntry("n", "in/n.txt", "通知", None, (None, None, None), frozenset(), (
        Amendment(task_seq="1", field="responsible_units", new=["甲局"], change="remove"),))
    [amended_task] = amend_tasks([task], [entry], LinkCounts())
    assert amended_task.responsible_units == ["乙局", "丙局"] and amended_task.lead_unit == "乙局"
    assert amended_task.spans == {"responsible_units.0": (3, 5), "responsible_units.1": (6, 8), "lead_unit": (3, 5)}
    assert amended_value(["甲局", "乙局"], Amendment(task_seq="1", field="x", new=["乙局", "丁局"],
                                                  change="remove")) == ["甲局"]


def test_a_replacement_naming_some_items_after_from_keeps_the_others() -> None:
    """责任领导由张明调整为李伟 in a notice alone: `old` the written 张明, some of the plan's list."""
    change = Amendment(task_seq="1", field="leaders", old=["张明"], new=["李伟"])
    assert amended_value(["张明", "赵刚"], change) == ["李伟", "赵刚"]
    assert amended_value(["赵刚", "张明"], change) == ["赵刚", "李伟"]
    assert amended_value(["张明"], change) == ["李伟"]  # all of them: the whole list
    assert amended_value(["王军", "赵刚"], change) == ["李伟"]  # one the list lacks: the whole list
    whole = Amendment(task_seq="1", field="leaders", old=["张明", "赵刚"], new=["李伟", "赵刚"])
    assert amended_value(["张明", "赵刚"], whole) == ["李伟", "赵刚"]  # the task's own list before: `new` whole
