"""Stage 4, fields/tasks.py: a raw task's texts → a Task (measures with their own dates)."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from extract.config import Options
from extract.fields.deadlines import inline_deadline, parse_deadline
from extract.fields.raw import Piece, RawMeasure, RawTask, one_clause
from extract.fields.status import status_row, text_to_status
from extract.fields.tasks import MEASURE_DEADLINE_RE, TaskResult, measure_deadline, raw_to_task
from extract.normalize import compose
from extract.parse.text import lines_to_blocks
from extract.segment.outline import build_outline
from extract.segment.tasks import find_raw_tasks
from schemas.document import Measure, Script, Task


def raw_results(text: str) -> list[TaskResult]:
    composed = compose(lines_to_blocks(text), Script.simplified)
    root = build_outline(composed.text, composed.blocks)
    return [raw_to_task(raw, "d", dt.date(2021, 3, 1)) for raw in find_raw_tasks(composed.text, root)]


def tasks_of(text: str) -> tuple[str, list[Task]]:
    composed = compose(lines_to_blocks(text), Script.simplified)
    root = build_outline(composed.text, composed.blocks)
    return composed.text, [raw_to_task(raw, "d", dt.date(2021, 3, 1)).task
                           for raw in find_raw_tasks(composed.text, root)]


@pytest.mark.parametrize(("text", "date", "kinds"), [
    ("实施雨污分流改造工程(2021年6月底前)。", dt.date(2021, 6, 30), ["by_date"]),
    ("建立长效机制(长期坚持)", None, ["ongoing"]),
    ("关停违法企业(立行立改);", None, ["immediate"]),
])
def test_a_measure_keeps_its_own_date(text: str, date: dt.date | None, kinds: list[str]) -> None:
    found = measure_deadline(text, None)
    assert found is not None
    deadline, (start, end) = found
    assert deadline.date == date and [str(k) for k in deadline.kinds] == kinds
    assert text[start - 1] in "(（" and text[end] in ")）"


@pytest.mark.parametrize("text", [
    "建设污水处理厂(含配套管网)。",  # a bracket that is no date
    "完成整改(责任单位:市住建局;2021年底前)",  # labels and parts: not the measure's own date
    "开展专项整治。",
])
def test_no_measure_date_where_none_is_written(text: str) -> None:
    assert measure_deadline(text, None) is None


def test_a_measure_date_is_searched_in_the_tail_only_where_it_can_stand() -> None:
    """Searching the last MEASURE_DEADLINE_REACH characters finds what searching all does."""
    import random

    from extract.fields.tasks import MEASURE_DEADLINE_RE, MEASURE_DEADLINE_REACH

    rng = random.Random(6)
    alphabet = "开展排查年月底前2021(（)）:;。.\n 长期坚持"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        for bracket in ("", "(" + "年" * rng.randint(1, 42) + ")" + rng.choice(["", "。", ".", "\n", "。\n"])):
            whole = text + bracket
            tail = MEASURE_DEADLINE_RE.search(whole, max(0, len(whole) - MEASURE_DEADLINE_REACH))
            full = MEASURE_DEADLINE_RE.search(whole)
            assert (tail and tail.span()) == (full and full.span()), whole


def test_measures_of_a_task_carry_their_dates() -> None:
    text, tasks = tasks_of("第一项,某问题。\n整改时限:2021年底前\n责任单位:市住建局\n整改措施:\n"
                           "1.开展排查(2021年3月底前)。\n2.实施改造。\n")
    measures = tasks[0].measures
    assert [m.text for m in measures] == ["开展排查(2021年3月底前)。", "实施改造。"]
    assert [m.deadline.date if m.deadline else None for m in measures] == [dt.date(2021, 3, 31), None]
    assert all(text[m.span[0]:m.span[1]] == m.text for m in measures if m.span)


def test_a_task_without_a_deadline_label_takes_the_dates_its_measures_state() -> None:
    text, tasks = tasks_of("第一项,某河段水质超标。\n责任单位:市水务局\n整改措施:\n"
                           "1.2022年6月底前完成排污口排查。\n2.实施截污工程，2022年底前完工。\n"
                           "3.持续开展巡河。\n")
    task = tasks[0]
    assert task.deadline is not None
    assert task.deadline.dates == [dt.date(2022, 6, 30), dt.date(2022, 12, 31)]
    assert task.deadline.date == dt.date(2022, 12, 31)
    assert [m.deadline.date if m.deadline else None for m in task.measures] == [
        dt.date(2022, 6, 30), dt.date(2022, 12, 31), None]
    assert [text[slice(*task.spans[f"deadline.{k}"])] for k in (0, 1)] == ["2022年6月底前", "2022年底前"]
    start, end = task.spans["deadline"]
    assert text[start:end].startswith("2022年6月底前") and text[start:end].endswith("2022年底前")


def test_a_labelled_deadline_is_not_widened_by_the_measures() -> None:
    _, tasks = tasks_of("第一项,某问题。\n整改时限:2021年底前\n责任单位:市住建局\n整改措施:\n"
                        "1.2021年6月底前完成排查。\n")
    deadline = tasks[0].deadline
    assert deadline is not None and (deadline.text, deadline.date, deadline.dates) == ("2021年底前", dt.date(2021, 12, 31), [])
    assert tasks[0].measures[0].deadline is not None
    assert tasks[0].measures[0].deadline.date == dt.date(2021, 6, 30)


def test_trie_alternation_matches_as_the_longest_first_alternation() -> None:
    """The prefix-factored label pattern finds the same labels as `A|B|…` longest first,
    also where a shorter label would match too (问题内容改为: is 问题内容, not 问题 + 内容)."""
    import random

    import regex

    from extract.fields.patterns import label_lookup, trie_alternation

    words = [*label_lookup(), "a", "ab", "abc", "b"]
    plain = "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
    suffix = r"(?:中|的|内容)?(?:改为)?\s*[:：]?"
    old, new = regex.compile(f"(?P<w>{plain}){suffix}"), regex.compile(f"(?P<w>{trie_alternation(words)}){suffix}")
    alphabet = "".join(sorted(set("".join(words)))) + ":： 中的内容改为\n"
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice([rng.choice(alphabet), rng.choice(words)]) for _ in range(rng.randint(0, 30)))
        assert [(m.span(), m["w"]) for m in old.finditer(text)] == [(m.span(), m["w"]) for m in new.finditer(text)]
    assert trie_alternation([]) == ""


def test_label_scans_near_separators_and_line_starts_find_what_full_scans_find() -> None:
    import random
    import sys

    import regex

    from extract.fields.patterns import (
        colonless_label_re,
        label_lookup,
        label_re,
        line_start_labels,
        separated_labels,
    )

    # the separator windows reach back over isspace(): it must cover the regex's \s
    space = regex.compile(r"\s")
    assert all(chr(c).isspace() for c in range(sys.maxunicode + 1) if space.match(chr(c)))
    words = list(label_lookup())
    pieces = [*words, ":", "：", " ", "\u3000", "\n", "\n", "\x85", "\x1c", "要", "的", "、", "甲", "问", "整改"]
    rng = random.Random(3)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    texts += [seed_text(prefix) for prefix in ("000", "001", "002", "003", "004")]
    for text in texts:
        assert [(m.span(), m["label"]) for m in separated_labels(text)] == [
            (m.span(), m["label"]) for m in label_re().finditer(text)], text
        assert [(m.span(), m["label"]) for m in line_start_labels(text)] == [
            (m.span(), m["label"]) for m in colonless_label_re().finditer(text)], text


def seed_text(prefix: str) -> str:
    from tests.conftest import seed_path

    return seed_path(prefix).read_text(encoding="utf-8")


def test_units_marked_cooperating_leave_the_responsible_units() -> None:
    text, tasks = tasks_of("第一项,某问题。\n整改时限:2021年底前\n"
                           "责任单位:市住建局、市生态环境局(牵头)、市水务局(配合)\n配合单位:市财政局\n")
    task = tasks[0]
    assert task.responsible_units == ["市生态环境局", "市住建局"] and task.lead_unit == "市生态环境局"
    assert task.cooperating_units == ["市财政局", "市水务局"]
    span = task.spans["cooperating_units.1"]
    assert text[span[0]:span[1]] == "市水务局"


def test_a_complaint_record_with_no_unit_is_handled_by_its_place() -> None:
    """受理编号 records: the 行政区域 value is the record's lead unit, with its span, when the
    record names no unit and the value names a place (全市 and 其他 do not); a unit the record
    labels stays its unit."""
    text, tasks = tasks_of(
        "受理编号:D1AB202009190012\n交办问题基本情况:某工地渣土车带泥上路。\n行政区域:莲湖区\n"
        "处理和整改情况:已修复冲洗平台,已办结。\n"
        "受理编号:D1AB202009190013\n交办问题基本情况:某小区夜间施工噪声。\n行政区域:全市\n处理和整改情况:正在办理。\n"
        "受理编号:D1AB202009190014\n交办问题基本情况:某店铺油烟扰民。\n行政区域:其他\n处理和整改情况:正在办理。\n"
        "受理编号:D1AB202009190015\n交办问题基本情况:某河段倾倒垃圾。\n行政区域:新城区\n责任单位:区城管局\n"
        "处理和整改情况:已清运。\n")
    assert [(t.seq, t.lead_unit, t.responsible_units) for t in tasks] == [
        ("D1AB202009190012", "莲湖区", ["莲湖区"]), ("D1AB202009190013", None, []),
        ("D1AB202009190014", None, []), ("D1AB202009190015", "区城管局", ["区城管局"])]
    start, end = tasks[0].spans["lead_unit"]
    assert text[start:end] == "莲湖区" and tasks[0].spans["responsible_units.0"] == (start, end)


@pytest.mark.parametrize(("written", "problem"), [
    ("关于“某市钢铁去产能滞后,违规新增产能”的问题。", "某市钢铁去产能滞后,违规新增产能"),
    ("关于“白洋淀入淀河流水质不稳定”问题", "白洋淀入淀河流水质不稳定"),
    ("关于某河排污口的问题。", "关于某河排污口的问题。"),  # nothing quoted: kept as written
])
def test_a_problem_quoting_the_feedback_is_the_quote(written: str, problem: str) -> None:
    text, tasks = tasks_of(f"第一项\n问题:{written}\n整改时限:2021年底前\n责任单位:市住建局\n")
    start, end = tasks[0].spans["problem"]
    assert tasks[0].problem == problem == text[start:end]


def test_a_deadline_answered_with_the_state_gives_the_status() -> None:
    result = raw_results("一、问题:某河段水质超标。\n责任单位:市水务局。\n整改时限:已完成整改。\n"
                         "二、问题:某园区污水直排。\n责任单位:市住建局。\n整改时限:另行研究。\n")
    assert [r.task.status for r in result] == ["completed", None]
    assert [len(r.warnings) for r in result] == [0, 1]  # no time and no state: not understood


@pytest.mark.parametrize("label", ["督察意见", "督察反馈意见"])
def test_the_feedback_labelled_as_such_is_the_problem(label: str) -> None:
    text, tasks = tasks_of(f"一、{label}:某河段水质超标。\n责任单位:市水务局。\n整改时限:2021年底前。\n"
                           f"二、{label}:某园区污水直排。\n责任单位:市住建局。\n整改时限:立行立改。\n")
    assert [t.problem for t in tasks] == ["某河段水质超标。", "某园区污水直排。"]
    start, end = tasks[0].spans["problem"]
    assert text[start:end] == "某河段水质超标。"


REPORT = ("某市关于督察反馈问题整改情况的报告\n根据要求,报告如下:\n"
          "一、关于水源地违规建筑问题:已拆除全部违规建筑,整改完成。\n二、关于填埋场渗滤液问题:处理站正在推进建设。\n")


@pytest.mark.parametrize(("title", "statuses"), [
    ("某市关于督察反馈问题整改情况的报告", ["completed", "in_progress"]),
    ("某市督察反馈问题整改方案", []),  # a plan's 关于…问题 headings are no progress entries
    ("某市督察反馈问题整改完成情况的公示", ["completed", "in_progress"]),  # a completion notice lists them alike
])
def test_progress_report_items_become_tasks_only_in_reports(title: str, statuses: list[str]) -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(REPORT.replace("某市关于督察反馈问题整改情况的报告", title).encode(), "r.txt")
    assert [str(t.status) for t in document.tasks] == statuses


@pytest.mark.parametrize(("text", "tasks"), [
    # a public notice of completion written item by item: problem, then its status label alone
    ("某市督察反馈问题整改情况公示\n1.主城区油烟扰民问题。\n整改情况:已完成整改。\n"
     "2.某镇污水站未运行问题。\n整改情况:设备正在调试。\n",
     [("1", "主城区油烟扰民问题。", "completed"), ("2", "某镇污水站未运行问题。", "in_progress")]),
    # 问题一: numbers the task; its ordinal is no part of the problem
    ("某区督察反馈问题整改完成情况的公示\n问题一:部分工地扬尘管控不到位。\n整改完成情况:整改完成。\n"
     "问题二:小区污水直排河道。\n整改完成情况:已通过验收。\n",
     [("1", "部分工地扬尘管控不到位。", "completed"), ("2", "小区污水直排河道。", "completed")]),
    # a single item is no list (as in progress reports)
    ("某市督察反馈问题整改情况公示\n1.主城区油烟扰民问题。\n整改情况:已完成整改。\n", []),
])
def test_completion_notice_items_with_a_status_label_alone_become_tasks(
        text: str, tasks: list[tuple[str, str, str]]) -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(text.encode(), "c.txt")
    assert document.doc_type == "completion_notice"
    assert [(t.seq, t.problem, t.status) for t in document.tasks] == tasks


ONE_FIELD_ITEMS = ("某市督察反馈问题整改情况公示\n1.某镇污水直排问题。\n整改措施:建设污水管网,完成截污。\n"
                   "2.某河道垃圾堆放问题。\n整改措施:清理河道垃圾;建立巡河制度。\n")


def test_completion_notice_items_with_one_field_label_become_completed_tasks() -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(ONE_FIELD_ITEMS.encode(), "c.txt")
    assert [(t.seq, t.problem, [m.text for m in t.measures], t.status) for t in document.tasks] == [
        ("1", "某镇污水直排问题。", ["建设污水管网,完成截污。"], "completed"),
        ("2", "某河道垃圾堆放问题。", ["清理河道垃圾;建立巡河制度。"], "completed")]
    assert document.tasks[0].progress_text == "整改措施:建设污水管网,完成截污。"


@pytest.mark.parametrize("text", [
    ONE_FIELD_ITEMS.replace("整改情况公示", "整改方案"),  # a plan's items are no report of work done
    ONE_FIELD_ITEMS.replace("整改措施:", ""),  # items with no label at all
])
def test_items_with_one_field_label_are_tasks_only_in_completion_notices(text: str) -> None:
    from extract.assemble import extract_bytes

    assert extract_bytes(text.encode(), "c.txt").tasks == []


@pytest.mark.parametrize(("title", "progress", "status"), [
    ("某县突出生态环境问题整改验收销号公示", "经现场核查,堆场已全部苫盖。", "completed"),  # the notice publishes work done
    ("某县突出生态环境问题整改验收销号公示", "喷淋设施正在建设。", "in_progress"),  # the text tells its own
    ("某县突出生态环境问题整改方案", "经现场核查,堆场已全部苫盖。", None),  # a plan says nothing of it
])
def test_a_completion_notice_task_whose_text_tells_no_status_is_completed(
        title: str, progress: str, status: str | None) -> None:
    from extract.assemble import extract_bytes

    text = (f"{title}\n一、整改问题\n某砖厂原料堆场未苫盖。\n二、整改实施主体\n某镇政府\n"
            f"三、完成时限\n2023年10月31日前\n四、整改完成情况\n{progress}\n")
    document = extract_bytes(text.encode(), "n.txt")
    assert [t.status for t in document.tasks] == [status]


@pytest.mark.parametrize(("closing", "status"), [
    ("经验收,该问题已达到销号条件,现予以公示。", "completed"),
    ("公示期间如有异议请来电。\n经验收,同意销号。", "completed"),
    ("经验收,该问题未通过验收。", None),  # no completion
    ("经验收,该问题未达到销号条件。", None),
    ("依据《整改任务验收销号工作规定》,整改完成情况公示如下。", None),  # a rule's title names it
    ("公示期间如有异议请来电。", None),
])
def test_a_one_task_completion_notice_stating_its_acceptance_is_completed(closing: str, status: str | None) -> None:
    from extract.assemble import extract_bytes

    text = f"关于第5项整改落实情况的公示\n第5项:某工地扬尘污染问题。\n整改措施:建设围挡。\n责任单位:某区政府\n\n{closing}\n"
    document = extract_bytes(text.encode(), "n.txt")
    [task] = document.tasks
    assert task.status == status
    if status is not None:
        start, end = task.spans["status"]
        assert document.text[start:end] == task.progress_text
        assert "验收" in document.text[start:end]


def test_a_table_task_of_a_one_task_notice_takes_its_acceptance_sentence() -> None:
    from extract.assemble import extract_bytes

    text = ("督察整改情况公示\n\n| 序号 | 问题 | 整改措施 | 责任单位 |\n|---|---|---|---|\n"
            "| 5 | 某企业扬尘污染问题 | 建设围挡 | 某区政府 |\n\n经验收,该问题已达到销号条件,现予以公示。\n")
    document = extract_bytes(text.encode(), "t.txt")
    assert [(t.seq, t.status, t.progress_text) for t in document.tasks] == [
        ("5", "completed", "经验收,该问题已达到销号条件,现予以公示。")]


def test_one_acceptance_sentence_does_not_complete_every_task_of_a_notice() -> None:
    from extract.assemble import extract_bytes

    text = ("督察整改情况公示\n\n| 序号 | 问题 | 整改措施 | 责任单位 |\n|---|---|---|---|\n"
            "| 1 | 某企业扬尘污染问题 | 建设围挡 | 某区政府 |\n| 2 | 某河道污染问题 | 清淤 | 某镇政府 |\n\n"
            "经验收,该问题已达到销号条件,现予以公示。\n")
    document = extract_bytes(text.encode(), "t.txt")
    assert [(t.seq, t.status) for t in document.tasks] == [("1", None), ("2", None)]


COMPLETION_NOTICE = """某县督察反馈问题整改情况的公示
一、问题名称:某镇填埋场渗滤液处理设施运行不正常。
整改时限:2022年6月底前。
牵头县领导:李某某(副县长)
责任单位:县城管局、县生态环境分局
整改情况:新建处理站一座,出水达标,已申请销号。
二、问题名称:部分砂石企业无证开采。
完成时限:立行立改,长期坚持
责任单位:县自然资源局(牵头),县水利局
整改情况:已关停12家,达到销号条件。
"""


def test_completion_notice_items_named_by_problem_name() -> None:
    text, tasks = tasks_of(COMPLETION_NOTICE)
    assert [t.seq for t in tasks] == ["1", "2"]
    first, second = tasks
    assert first.problem == "某镇填埋场渗滤液处理设施运行不正常。"  # 问题名称 is a problem label
    assert first.leaders == ["李某某"] and first.lead_unit == "县城管局"
    assert second.problem == "部分砂石企业无证开采。"
    assert second.status == "completed"  # 达到销号条件
    for task in tasks:
        start, end = task.spans["problem"]
        assert text[start:end] == task.problem


def test_completion_notice_items_with_a_status_label_alone_are_tasks_by_their_number() -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(("关于中央生态环境保护督察反馈问题整改完成情况的公示\n现将已完成整改的问题公示如下:\n"
                              "一、第3项:河道沿岸生活垃圾堆放。\n整改完成情况:已清理点位41处,已通过区级验收。\n"
                              "二、第9项:园区雨污管网混接。\n整改完成情况:改造管网3公里,达到销号条件。\n"
                              "公示时间为2021年11月1日至11月5日。\n").encode(), "n.txt")
    assert [(t.seq, t.problem, str(t.status)) for t in document.tasks] == [
        ("3", "河道沿岸生活垃圾堆放。", "completed"), ("9", "园区雨污管网混接。", "completed")]


def reference_raw_to_task(raw: RawTask, doc_id: str, reference: dt.date | None) -> Task:
    """raw_to_task as first written, on the moved Pieces of people.py's split functions and a
    Measure(...) per measure: the oracle for the faster one."""
    from extract.fields.people import split_people, split_unit_list, split_units

    fields = dict(raw.fields)
    if "deadline" in fields:
        fields["deadline"] = one_clause(fields["deadline"])
    lead = split_units(fields["lead_units"]) if "lead_units" in fields else []
    listed = split_unit_list(fields["responsible_units"]) if "responsible_units" in fields else None
    units_listed = listed.units if listed else []
    marks = listed.cooperating if listed else frozenset()
    rest = [u for k, u in enumerate(units_listed) if k not in marks]
    if listed is not None and listed.lead is not None and not lead:
        marked = units_listed[listed.lead]
        rest = [marked] + [u for u in rest if u is not marked]
    units = lead + [u for u in rest if u.text not in {x.text for x in lead}]
    cooperating = split_units(fields["cooperating_units"]) if "cooperating_units" in fields else []
    named = {c.text for c in cooperating}
    cooperating += [units_listed[k] for k in sorted(marks) if units_listed[k].text not in named]
    leaders = split_people(fields["leaders"]) if "leaders" in fields else []
    persons = split_people(fields["persons"]) if "persons" in fields else []
    supervisors = split_units(fields["supervisors"]) if "supervisors" in fields else []
    deadline = parse_deadline(fields["deadline"].text, reference=reference)[0] if "deadline" in fields else None
    measures = []
    stated: list[tuple[str, tuple[int, int]]] = []  # each measure's deadline text and span
    for m in raw.measures:
        match = MEASURE_DEADLINE_RE.search(m.piece.text)
        own, warnings = parse_deadline(match["when"], reference=reference) if match else (None, [])
        own = own if own is not None and not warnings else None
        at = match.span("when") if own is not None and match is not None else None
        if own is None and (inline := inline_deadline(m.piece.text, reference)) is not None:
            own, at = inline
        if own is not None and at is not None:
            stated.append((own.text, (m.piece.span[0] + at[0], m.piece.span[0] + at[1])))
        measures.append(Measure(label=m.label, text=m.piece.text, span=m.piece.span, deadline=own))
    texts = [text for text, _ in stated]
    stated = [source for k, source in enumerate(stated) if source[0] not in texts[:k]]  # each text once
    if len(raw.status_rows) > 1:
        fields["status"] = status_row(raw.status_rows)[1]
    status = fields.get("status")
    spans: dict[str, tuple[int, int]] = {"task": raw.span}
    if raw.problem is not None:
        spans["problem"] = raw.problem.span
    for name, piece in fields.items():
        spans[{"lead_units": "lead_unit"}.get(name, name)] = piece.span
    if "deadline" not in fields and stated:
        deadline = parse_deadline("、".join(text for text, _ in stated), reference=reference)[0]
        spans["deadline"] = (stated[0][1][0], stated[-1][1][1])
        if len(stated) > 1:
            spans.update({f"deadline.{k}": span for k, (_, span) in enumerate(stated)})
    if units:
        spans["lead_unit"] = units[0].span
        spans["responsible_units"] = (units[0].span[0], units[-1].span[1])
    for name, pieces in (("responsible_units", units), ("cooperating_units", cooperating), ("leaders", leaders),
                         ("persons", persons), ("supervisors", supervisors)):
        spans.update({f"{name}.{k}": p.span for k, p in enumerate(pieces)})
    return Task(
        task_id=f"{doc_id}:{raw.seq}", doc_id=doc_id, seq=raw.seq, category=raw.category,
        problem=raw.problem.text if raw.problem else "",
        target=fields["target"].text if "target" in fields else None, deadline=deadline,
        responsible_units=[u.text for u in units], lead_unit=units[0].text if units else None,
        cooperating_units=[u.text for u in cooperating], leaders=[p.text for p in leaders],
        persons=[p.text for p in persons], supervisors=[s.text for s in supervisors], measures=measures,
        status=text_to_status(status.text) if status else None, progress_text=status.text if status else None,
        spans=spans,
    )


def corpus_raw_tasks() -> list[tuple[RawTask, dt.date | None]]:
    """Every raw task of the seed, HTML and table corpus, with its document's date."""
    from extract.assemble import raw_tasks
    from extract.fields.metadata import extract_metadata
    from extract.load import sniff_type
    from extract.normalize import detect_script, raw_text_of
    from extract.parse import parse_bytes
    from extract.segment.tables import merge_continued_tables
    from tests.conftest import CORPUS

    raws = []
    for path in sorted(p for folder in ("seeds", "html", "docx", "xlsx") for p in (CORPUS / folder).iterdir()):
        data = path.read_bytes()
        parsed = parse_bytes(data, sniff_type(data, path.name), Options())
        composed = compose(merge_continued_tables(parsed.blocks), detect_script(raw_text_of(parsed.blocks), 0.5))
        meta = extract_metadata(composed.text, parsed.meta)
        reference = meta.issue_date.value if meta.issue_date else None
        root = build_outline(composed.text, composed.blocks)
        raws += [(raw, reference) for raw in raw_tasks(composed, root)]
    return raws


def test_raw_to_task_matches_the_reference_on_the_corpus_and_edge_cases() -> None:
    raws = corpus_raw_tasks()
    assert len(raws) > 30
    piece = Piece  # values placed anywhere: spans must follow
    raws += [(RawTask("9", (0, 90), piece("问题", (0, 2)), fields={
        "lead_units": piece("市住建局", (10, 14)),
        "responsible_units": piece("市住建局、市水务局(牵头)、市财政局(配合)", (20, 42)),
        "cooperating_units": piece("市财政局、市林草局", (50, 59)),
        "leaders": piece("副市长张三、李四", (60, 68)), "persons": piece("各县区主要负责人", (70, 78)),
        "supervisors": piece("市委督查室", (80, 85)), "deadline": piece("长期坚持。", (85, 90)),
        "status": piece("已完成", (90, 93))},
        measures=[RawMeasure("1.", piece("排查(2021年6月底前)。\n", (100, 114))),
                  RawMeasure(None, piece("整改(责任单位:市住建局;2021年底前)", (120, 140)))]), None),
             # deadlines stated by the measures only: the task's lists them all
             (RawTask("11", (0, 80), piece("问题", (0, 2)), fields={"responsible_units": piece("市住建局", (3, 7))},
                      measures=[RawMeasure("1.", piece("2022年6月底前完成排查。", (10, 24))),
                                RawMeasure("2.", piece("持续巡河,长期坚持。", (30, 40))),
                                RawMeasure("3.", piece("改造管网(2022年底前)。", (40, 54))),
                                RawMeasure("4.", piece("已于2020年底前完成摸底。", (60, 74)))]), dt.date(2021, 3, 1)),
             (RawTask("10", (0, 5), None, fields={"responsible_units": piece("市住建局、市水务局(牵头)", (3, 16)),
                                                  "deadline": piece("看情况", (20, 23))}), dt.date(2021, 3, 1))]
    for raw, reference in raws:
        expected = reference_raw_to_task(copy.deepcopy(raw), "d", reference)
        task = raw_to_task(copy.deepcopy(raw), "d", reference).task
        assert task.model_dump_json() == expected.model_dump_json(), raw.seq
        assert task == expected
        assert repr(task) == repr(expected)  # the same types too (a status value, not its enum member)


def test_the_bracket_screen_lets_through_every_text_the_measure_date_pattern_matches() -> None:
    import random

    from extract.fields.tasks import MEASURE_DEADLINE_RE, may_close_with_bracket

    rng = random.Random(11)
    alphabet = "排查2021年底(（)）:;；。.\n "
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        if MEASURE_DEADLINE_RE.search(text):
            assert may_close_with_bracket(text), text
    assert not may_close_with_bracket("") and not may_close_with_bracket("\n")
    assert may_close_with_bracket("a(2021年)。\n") and not may_close_with_bracket("a(2021年)\n\n")


def test_stdlib_label_patterns_match_what_the_regex_module_matched() -> None:
    """label_re, colonless_label_re and heading_label_re run on stdlib re with `regex`'s \\s
    spelled out (WHITE_SPACE): the same characters at every code point, the same matches
    as the regex-module patterns they replace."""
    import random
    import re
    import sys

    import regex

    from extract.fields.patterns import (
        WHITE_SPACE,
        colonless_label_re,
        colonless_labels,
        label_lookup,
        label_re,
        label_rules,
        trie_alternation,
    )
    from extract.segment.tasks import heading_label_re

    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert re.findall(f"[{WHITE_SPACE}]", every) == regex.findall(r"\s", every)
    rules = label_rules()
    seps = "".join(regex.escape(s) for s in rules.separators)
    stop = "".join(regex.escape(c) for c in rules.colonless_not_before)
    labels = sorted(label_lookup(), key=lambda label: (-len(label), label))
    first = {
        label_re(): regex.compile(rf"(?P<label>{trie_alternation(list(label_lookup()))})\s*[{seps}]"),
        colonless_label_re(): regex.compile(rf"(?m)^(?P<label>{trie_alternation(colonless_labels())})(?=[^{stop}{seps}\s])"
                                            rf"(?!{trie_alternation(rules.amendment_verbs + rules.amendment_add_verbs)})"
                                            rf"(?!{rules.colonless_not_ordinal})"),
        heading_label_re(): regex.compile("(?:" + "|".join(regex.escape(label) for label in labels) + r")(?=[\s:：]|$)"),
    }
    words = list(label_lookup())
    pieces = [*words, ":", "：", " ", "\u3000", "\n", "\n", "\x85", "\x1c", "\x1f", "要", "的", "、", "甲", "问", "整改"]
    rng = random.Random(21)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    texts += [seed_text(prefix) for prefix in ("000", "001", "002", "003", "004")]
    for text in texts:
        for new, old in first.items():
            assert [(m.span(), m.groupdict()) for m in new.finditer(text)] == [
                (m.span(), m.groupdict()) for m in old.finditer(text)], (new.pattern[-40:], text)
            for pos in range(0, len(text), 7):
                found, expected = new.match(text, pos), old.match(text, pos)
                assert (found and found.span()) == (expected and expected.span()), text


def test_an_item_labelling_only_its_units_takes_the_deadline_its_text_states() -> None:
    text, tasks = tasks_of(
        "一、大气污染治理\n"
        "1.淘汰燃煤锅炉。2022年10月底前完成城区锅炉拆除,逐台销号。(市生态环境局牵头,各县区政府负责)\n"
        "2.加强扬尘管控。建立工地清单,落实六个百分百,长期坚持。(市住建局负责)\n"
        "3.整治排污口。已于2021年底前完成排查,持续开展整治。(市生态环境局负责)\n")
    deadlines = [(t.deadline.text, t.deadline.date) if t.deadline else None for t in tasks]
    assert deadlines == [("2022年10月底前", dt.date(2022, 10, 31)), ("长期坚持", None), None]
    start, end = tasks[0].spans["deadline"]
    assert text[start:end] == "2022年10月底前"
    assert tasks[0].responsible_units == ["市生态环境局", "各县区政府"]


def test_a_labelled_item_takes_no_deadline_from_its_running_text() -> None:
    _, tasks = tasks_of(
        "1.问题:要求2019年底前完成的锅炉淘汰任务推进缓慢。\n整改目标:全部淘汰。\n责任单位:市生态环境局\n")
    assert tasks and tasks[0].deadline is None


def test_a_task_without_a_deadline_label_is_due_by_the_dates_its_target_states() -> None:
    text, tasks = tasks_of(
        "1.某矿区废渣未治理。\n责任单位:某县人民政府\n整改要求:2022年底前完成废渣处置,长期做好监测。\n"
        "2.加油站油气回收不到位。\n责任单位:市商务局\n整改目标:已于2020年完成排查,2021年10月底前全部治理。\n"
        "3.企业超标排放。\n责任单位:市生态环境局\n整改目标:企业稳定达标排放。\n")
    deadlines = [(t.deadline.text, t.deadline.date) if t.deadline else None for t in tasks]
    # the past date (before the notice's 2021-03-01) is history, not the deadline
    assert deadlines == [("2022年底前", dt.date(2022, 12, 31)), ("2021年10月底前", dt.date(2021, 10, 31)), None]
    assert text[slice(*tasks[1].spans["deadline"])] == "2021年10月底前"


def test_a_labelled_deadline_wins_over_the_dates_of_the_target() -> None:
    _, tasks = tasks_of("1.某河水质超标。\n整改目标:2022年底前稳定达到Ⅲ类。\n整改时限:长期坚持\n责任单位:市水务局\n")
    deadline = tasks[0].deadline
    assert deadline is not None and (deadline.text, deadline.date) == ("长期坚持", None)


def test_rectification_person_label_names_the_persons() -> None:
    _, tasks = tasks_of("(一)砂石开采破坏植被。\n整改责任人:县自然资源局局长 赵明\n时间节点:2022年10月底前\n"
                        "责任单位:县自然资源局\n")
    assert tasks[0].problem == "砂石开采破坏植被。"  # the label line no longer runs into the problem
    assert tasks[0].persons == ["赵明"]


def test_a_task_over_measure_rows_is_due_by_its_last_row() -> None:
    text = "扬尘管控不到位。开展检查。2021年12月底前。查处抛洒。2022年6月底前。"

    def piece(part: str) -> Piece:
        start = text.index(part)
        return Piece(part, (start, start + len(part)))

    raw = RawTask("1", (0, len(text)), problem=piece("扬尘管控不到位。"),
                  fields={"deadline": piece("2021年12月底前")},
                  measures=[RawMeasure(None, piece("开展检查。"), piece("2021年12月底前")),
                            RawMeasure(None, piece("查处抛洒。"), piece("2022年6月底前"))])
    task = raw_to_task(raw, "d", None).task
    assert task.deadline is not None
    assert (task.deadline.date, task.deadline.dates) == (dt.date(2022, 6, 30), [dt.date(2021, 12, 31),
                                                                                 dt.date(2022, 6, 30)])
    assert [m.deadline.date for m in task.measures if m.deadline] == [dt.date(2021, 12, 31), dt.date(2022, 6, 30)]


def test_an_item_labelling_nothing_takes_no_deadline_from_its_text() -> None:
    """A row or record holding only a problem: the problem's dates are its history."""
    text = "督察指出,某县2022年底前完成搬迁。"
    raw = RawTask("1", (0, len(text)), problem=Piece(text, (0, len(text))))
    assert raw_to_task(raw, "d", dt.date(2021, 3, 1)).task.deadline is None


STATUS_ROWS = """1.某河道黑臭问题
整改时限:2021年底前
责任单位:市水务局
{first}
{second}
"""


@pytest.mark.parametrize(("first", "second", "status", "progress"), [
    # the completion row tells the status whichever order the rows stand in
    ("整改完成情况:基本完成", "自验收情况:已通过自验收", "basically_completed", "基本完成"),
    ("自验收情况:已通过自验收", "整改完成情况:基本完成", "basically_completed", "基本完成"),
    ("整改完成情况:正在推进", "验收情况:已通过验收", "in_progress", "正在推进"),
    ("整改完成情况:已完成", "销号情况:未销号", "completed", "已完成"),
    ("销号情况:未销号", "整改完成情况:已完成", "completed", "已完成"),
    # an acceptance row answers where the completion row says nothing a status is read from
    ("整改完成情况:见附件", "自验收情况:已通过自验收", "completed", "已通过自验收"),
    # an account of the work yields to the self-acceptance verdict beside it
    ("工作开展情况:正在推进管网改造", "自我验收意见:已完成整改", "completed", "已完成整改"),
    # a closing row saying the task is closed is the last word, either order
    ("整改完成情况:基本完成", "销号情况:已销号", "completed", "已销号"),
    ("销号情况:同意销号", "整改完成情况:基本完成", "completed", "同意销号"),
])
def test_status_from_the_row_that_tells_it(first: str, second: str, status: str, progress: str) -> None:
    text, (task,) = tasks_of(STATUS_ROWS.format(first=first, second=second))
    assert (task.status, task.progress_text) == (status, progress)
    start, end = task.spans["status"]
    assert text[start:end] == progress


def test_a_single_acceptance_row_still_gives_the_status() -> None:
    _, (task,) = tasks_of(STATUS_ROWS.format(first="自验收情况:已通过自验收", second=""))
    assert (task.status, task.progress_text) == ("completed", "已通过自验收")


@pytest.mark.parametrize(("rows", "status", "flag", "progress"), [
    ("是否办结:已办结", "completed", "已办结", None),
    ("是否完成:是", "completed", "是", None),
    ("是否销号:否", "in_progress", "否", None),
    ("是否完成整改:否。", "in_progress", "否", None),
    # beside a status row: a yes answers, a no of the closing question yields to the row
    ("整改完成情况:基本完成\n是否销号:是", "completed", "是", "基本完成"),
    ("整改完成情况:已完成整改\n是否销号:否", "completed", "否", "已完成整改"),
    ("整改完成情况:已完成整改\n是否完成:否", "in_progress", "否", "已完成整改"),
])
def test_a_yes_no_label_in_text_is_an_answer(rows: str, status: str, flag: str, progress: str | None) -> None:
    """是否办结:已办结 in a text record reads as a task table's yes/no column does, with its
    span, and no longer runs on in the field before it."""
    text, (task,) = tasks_of(STATUS_ROWS.format(first=rows, second=""))
    assert (task.status, task.progress_text, task.responsible_units) == (status, progress, ["市水务局"])
    start, end = task.spans["status_flag"]
    assert text[start:end] == flag


def test_a_yes_no_question_opening_a_sentence_is_no_label() -> None:
    """Without a separator a question may open a sentence: no answer is read from it."""
    _, (task,) = tasks_of(STATUS_ROWS.format(first="整改完成情况:正在推进", second="是否完成整改要以验收为准。"))
    assert task.status == "in_progress" and "status_flag" not in task.spans
    assert task.progress_text == "正在推进\n是否完成整改要以验收为准。"


@pytest.mark.parametrize("head", ["问题一:", "问题1:", "问题1.", "问题二、"])
def test_a_problem_ordinal_at_a_line_start_names_the_task_not_a_bare_problem_label(head: str) -> None:
    from extract.assemble import extract_bytes

    second = head.replace("一", "三").replace("1", "3").replace("二", "四")
    document = extract_bytes((f"关于省生态环境保护督察反馈问题整改进展情况的报告\n{head}城区黑臭水体治理不彻底。\n"
                              f"整改情况:已完成整改并销号。\n{second}园区污水管网未建成。\n整改情况:正在推进。\n").encode(),
                             "r.txt")
    text, tasks = document.text, document.tasks
    assert [t.problem for t in tasks] == ["城区黑臭水体治理不彻底。", "园区污水管网未建成。"]
    assert [str(t.status) for t in tasks] == ["completed", "in_progress"]
    start, end = tasks[0].spans["problem"]
    assert text[start:end] == tasks[0].problem


@pytest.mark.parametrize(("line", "value"), [
    ("整改时限2017年9月30日前", "2017年9月30日前"),  # a year after a label: still its value
    ("完成时限3.5个月", "3.5个月"),
])
def test_a_colonless_label_followed_by_a_number_without_its_mark_stays_a_label(line: str, value: str) -> None:
    from extract.fields.patterns import colonless_label_re

    match = colonless_label_re().match(line)
    assert match is not None and line[match.end():] == value


SINGLE_NOTICE = ("某县中央生态环境保护督察反馈问题整改销号公示\n根据验收销号工作规定,现予以公示。\n{seq}"
                 "反馈问题:建成区燃煤小锅炉未淘汰。\n责任单位:县市场监管局\n整改完成情况:已拆除锅炉26台。\n"
                 "验收情况:经现场核查,已整改到位,同意验收。\n销号意见:同意销号。\n公示期:2022年8月1日—8月7日。\n")


@pytest.mark.parametrize(("seq_line", "seq"), [
    ("问题序号:第12项\n", "12"),  # the number the notice writes
    ("", "1"),  # none written: the first
])
def test_a_single_task_notice_takes_the_number_it_writes(seq_line: str, seq: str) -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(SINGLE_NOTICE.format(seq=seq_line).encode(), "n.txt")
    assert [t.seq for t in document.tasks] == [seq]


def test_a_closing_verdict_label_is_its_own_status_row() -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(SINGLE_NOTICE.format(seq="").encode(), "n.txt")
    task = document.tasks[0]
    # 销号意见 ends the acceptance row and, closing the task, answers first
    assert task.status == "completed" and task.progress_text == "同意销号。"
    assert "销号意见" not in document.text[slice(*task.spans["status"])]


CLOSURE_ITEMS = ("某县关于环保督察反馈问题整改销号情况的公示\n一、某河道沿岸垃圾堆放。\n整改措施:清理垃圾。\n"
                 "责任单位:某镇人民政府\n{first}\n{label}:经现场核查,垃圾已清理完毕,同意销号。\n"
                 "二、某砖厂无组织排放。\n整改措施:安装收尘设施。\n责任单位:县生态环境局\n"
                 "{label}:收尘设施正在调试。\n公示期:2022年6月1日至6月7日。\n")


@pytest.mark.parametrize("label", ["整改验收意见", "县级验收意见", "验收结论", "核查意见", "销号结论"])
def test_a_closure_notice_acceptance_verdict_is_a_status_row(label: str) -> None:
    _, tasks = tasks_of(CLOSURE_ITEMS.format(first="验收单位:县生态环境局", label=label))
    assert [(t.status, t.progress_text) for t in tasks] == [
        ("completed", "经现场核查,垃圾已清理完毕,同意销号。"), ("in_progress", "收尘设施正在调试。")]
    assert [m.text for m in tasks[0].measures] == ["清理垃圾。"]


def test_the_accepting_unit_is_no_part_of_the_field_before_it() -> None:
    _, tasks = tasks_of("一、某河道沿岸垃圾堆放。\n整改措施:清理垃圾。\n责任单位:某镇人民政府\n"
                        "整改完成情况:垃圾已清理完毕。\n验收单位:县生态环境局\n验收时间:2022年5月10日\n"
                        "二、某砖厂无组织排放。\n整改措施:安装收尘设施。\n验收部门:县住建局\n"
                        "责任单位:县生态环境局\n整改完成情况:收尘设施已安装。\n")
    assert [t.progress_text for t in tasks] == ["垃圾已清理完毕。", "收尘设施已安装。"]
    assert [m.text for m in tasks[1].measures] == ["安装收尘设施。"]
    assert [t.responsible_units for t in tasks] == [["某镇人民政府"], ["县生态环境局"]]


# One-paragraph completion notices naming their one task in a sentence (segment/tasks.py
# notice_sentence_task): the number named, the feedback quoted after 关于, the sentence telling the completion.
@pytest.mark.parametrize(("notice", "seq", "problem", "progress"), [
    ("关于中央生态环境保护督察反馈问题第5项整改任务落实情况的公示\n现将中央第三生态环境保护督察组反馈问题第5项关于"
     "“城区某河部分河段黑臭”整改任务落实情况予以公示(详见附表)。该项整改任务已完成整改,经验收,符合销号条件。"
     "公示期为2023年5月8日至5月14日。\n某县整改办\n2023年5月8日\n",
     "5", "城区某河部分河段黑臭", "该项整改任务已完成整改,经验收,符合销号条件。"),
    ("某县中央生态环境保护督察整改销号公告\n中央第二生态环境保护督察组反馈意见第15项整改任务已完成整改,经验收,"
     "符合销号条件,现予公告。公告期为2022年9月1日至9月7日。\n",
     "15", "", "中央第二生态环境保护督察组反馈意见第15项整改任务已完成整改,经验收,符合销号条件,现予公告。"),
    # the title names the task; the paragraph under it tells the completion
    ("关于中央生态环境保护督察反馈问题第5项整改落实情况的公示\n该问题已整改到位,符合销号条件,现予公示。"
     "公示期:2021年3月1日至3月7日。\n",
     "5", "", "该问题已整改到位,符合销号条件,现予公示。"),
    ("某市关于中央生态环境保护督察“回头看”反馈意见第二十三项问题整改情况公示\n中央生态环境保护督察“回头看”"
     "反馈意见第二十三项问题已按要求完成整改,经市整改办组织验收,达到销号标准。现予公示,公示期7天。\n",
     "23", "", "中央生态环境保护督察“回头看”反馈意见第二十三项问题已按要求完成整改,经市整改办组织验收,达到销号标准。"),
    # a title naming the task and its completion (…第3项整改完成情况的公示) tells no status: the paragraph does
    ("关于国家海洋督察反馈问题第3项整改完成情况的公示\n国家海洋督察反馈问题第3项关于“某港区围填海未批先建”整改任务,"
     "经市级验收,已达到销号条件,现予以公示。\n公示期:2019年8月1日至8月7日。\n",
     "3", "某港区围填海未批先建",
     "国家海洋督察反馈问题第3项关于“某港区围填海未批先建”整改任务,经市级验收,已达到销号条件,现予以公示。"),
])
def test_a_completion_notice_naming_its_task_in_a_sentence_is_that_task(
        notice: str, seq: str, problem: str, progress: str) -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(notice.encode(), "n.txt")
    assert document.doc_type == "completion_notice"
    [task] = document.tasks
    assert (task.seq, task.problem, task.status, task.progress_text) == (seq, problem, "completed", progress)
    assert document.text[slice(*task.spans["status"])] == progress
    if problem:
        assert document.text[slice(*task.spans["problem"])] == problem
    start, end = task.spans["task"]
    assert progress in document.text[start:end] and "\n" not in document.text[start:end]  # its paragraph


@pytest.mark.parametrize("tail", ["进行公示(详见附表)。", "予以公示。"])
def test_an_untitled_paragraph_publishing_a_tasks_rectification_is_a_completion_notice(tail: str) -> None:
    from extract.assemble import extract_bytes

    notice = ("按照验收销号工作的有关要求,现将某市生态环境保护督察反馈问题第7项关于“某堆场未采取防尘措施”"
              f"整改任务落实情况{tail}公示期为2025年1月21日至2月8日。\n")
    document = extract_bytes(notice.encode(), "n.txt")
    assert document.title is None and document.doc_type == "completion_notice"
    [task] = document.tasks
    assert (task.seq, task.problem) == ("7", "某堆场未采取防尘措施")


@pytest.mark.parametrize("notice", [
    # several items named: no single task
    "某县督察反馈问题整改情况的公示\n中央第二生态环境保护督察组反馈问题第3、5项整改任务已完成整改,经验收,符合销号条件,现予公示。\n",
    "某县督察反馈问题整改情况的公示\n反馈问题第3项,第7项整改任务已完成整改,经验收,符合销号条件,现予公示。\n",
    # no task named at all
    "某县督察反馈问题整改情况的公示\n经验收,反馈问题已完成整改,现予公示。\n",
])
def test_a_completion_notice_naming_no_single_task_gives_none(notice: str) -> None:
    from extract.assemble import extract_bytes

    assert extract_bytes(notice.encode(), "n.txt").tasks == []


def test_a_plan_naming_a_task_in_a_sentence_gives_no_task() -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(("某市贯彻落实中央生态环境保护督察反馈意见整改实施方案\n反馈问题第5项关于“城区某河道黑臭”"
                              "整改任务由市水务局牵头,已完成整改方案编制,2023年底前完成整改。\n").encode(), "p.txt")
    assert document.doc_type == "plan" and document.tasks == []


def test_a_completion_notice_listing_items_keeps_its_items() -> None:
    """Items read by their labels stay the tasks; the sentence naming one of them adds nothing."""
    from extract.assemble import extract_bytes

    document = extract_bytes(("关于中央生态环境保护督察反馈问题整改完成情况的公示\n现将第3项、第9项整改任务完成情况公示如下:\n"
                              "一、第3项:城区餐饮油烟扰民。\n整改完成情况:已安装油烟净化设施,已完成整改。\n"
                              "二、第9项:园区雨污管网混接。\n整改完成情况:改造管网3公里,达到销号条件。\n"
                              "公示时间为2021年11月1日至11月5日。\n").encode(), "n.txt")
    assert [(t.seq, t.status) for t in document.tasks] == [("3", "completed"), ("9", "completed")]


def test_an_untitled_notice_paragraph_is_a_completion_notice_with_its_task() -> None:
    """A page's text that opens with its paragraph (no title line) putting one numbered task
    up for notice: the task, the notice period and the contact are read as under a title."""
    from extract.assemble import extract_bytes

    text = ("根据销号工作要求,现将督察反馈问题第4项关于“某湖周边堆放垃圾”整改任务落实情况进行公示。"
            "公示日期为2024年3月4日至3月10日,如有异议请发送至邮箱abc@example.cn。\n")
    document = extract_bytes(text.encode(), "n.txt")
    assert document.doc_type == "completion_notice"
    assert [(task.seq, task.problem) for task in document.tasks] == [("4", "某湖周边堆放垃圾")]
    assert document.acceptance is not None
    assert (document.acceptance.notice_start, document.acceptance.notice_end) == (dt.date(2024, 3, 4), dt.date(2024, 3, 10))
    assert document.acceptance.contact == "abc@example.cn"


def test_a_one_task_notice_reads_its_status_heading_and_the_problem_quoted_after_the_number() -> None:
    from extract.assemble import extract_bytes
    text = ("关于第二轮中央生态环境保护督察反馈问题第12项整改完成情况的公示\n"
            "我县对中央第二生态环境保护督察组反馈问题第12项“城区雨污混接,生活污水直排某河”整改完成情况"
            "进行了自查验收,现予以公示。\n"
            "一、整改任务\n推进雨污分流改造。\n"
            "二、整改完成情况\n封堵直排口6处,新建管网18公里。\n"
            "三、公示时间\n2022年6月10日至2022年6月16日。\n"
            "某县督察整改办\n2022年6月10日\n")
    document = extract_bytes(text.encode(), "c.txt")
    assert document.doc_type == "completion_notice"
    [task] = document.tasks
    assert (task.seq, task.problem, task.status) == ("12", "城区雨污混接,生活污水直排某河", "completed")
    assert task.progress_text == "封堵直排口6处,新建管网18公里。"


def test_report_items_with_several_status_rows_read_each_row_apart() -> None:
    from extract.assemble import extract_bytes
    text = ("某区关于督察反馈问题整改情况的公示\n现将已完成整改的问题公示如下:\n"
            "问题一:某污水处理厂出水超标。\n整改完成情况:已完成提标改造。\n销号情况:已销号。\n"
            "问题二:某村养殖废水直排沟渠。\n整改完成情况:养殖场已关停。\n自验收情况:未通过验收。\n")
    document = extract_bytes(text.encode(), "c.txt")
    first, second = document.tasks
    assert (first.status, first.progress_text) == ("completed", "已销号。")  # the closing answers first
    # the progress row tells no status: the acceptance row answers, alone
    assert (second.status, second.progress_text) == ("in_progress", "未通过验收。")


def test_a_checking_record_ends_the_problem_and_fills_no_field() -> None:
    """反馈问题 / 核查情况:… / 整改目标:…: what checking found is no part of the problem (labels.yaml
    ignored), in text as in a record table."""
    from extract.assemble import extract_bytes

    text = ("某县督察反馈问题整改完成情况公示\n1.草原退化治理推进不力。\n核查情况:已配合完成退化评估。\n"
            "整改目标:修复退化草原10万亩。\n责任单位:县林草局\n整改完成情况:已完成整改。\n\n"
            "2.城镇污水收集率偏低。\n核查情况:已完成管网排查。\n整改目标:收集率达到70%。\n责任单位:县住建局\n"
            "整改完成情况:已完成整改。\n")
    tasks = extract_bytes(text.encode(), "n.txt").tasks
    assert [(t.problem, t.target, t.status) for t in tasks] == [
        ("草原退化治理推进不力。", "修复退化草原10万亩。", "completed"),
        ("城镇污水收集率偏低。", "收集率达到70%。", "completed")]


def deadline_view(deadline: object) -> tuple[str, str | None, list[str]] | None:
    if deadline is None:
        return None
    return (deadline.text, str(deadline.date) if deadline.date else None,  # type: ignore[attr-defined]
            [str(kind) for kind in deadline.kinds])  # type: ignore[attr-defined]


def test_measures_closing_with_their_deadline_and_units_in_brackets() -> None:
    """整改措施: / 1.…(2022年底前完成,市住建局负责) / 2.…(长期坚持,各县区政府负责): each measure's
    deadline is its bracket's date part alone, the task's the measures' joined, its units
    theirs, in order, a unit marked 配合 cooperating."""
    text, [task] = tasks_of(
        "(一)城区雨污混流问题突出。\n整改目标:污水集中收集率达到70%以上。\n整改措施:\n"
        "1.完成雨污分流改造30公里。(2022年底前完成,市住建局负责)\n"
        "2.加强管网巡查维护。(长期坚持,各县区政府负责)\n"
        "3.新建污水处理厂一座。(2023年6月底前完成,市水务局负责,市发改委配合)\n")
    assert [deadline_view(m.deadline) for m in task.measures] == [
        ("2022年底前完成", "2022-12-31", ["by_date"]), ("长期坚持", None, ["ongoing"]),
        ("2023年6月底前完成", "2023-06-30", ["by_date"])]
    assert deadline_view(task.deadline) == ("2022年底前完成、长期坚持、2023年6月底前完成", "2023-06-30",
                                            ["by_date", "ongoing"])
    assert (task.responsible_units, task.lead_unit) == (["市住建局", "各县区政府", "市水务局"], "市住建局")
    assert task.cooperating_units == ["市发改委"]
    start, end = task.spans["responsible_units.2"]
    assert text[start:end] == "市水务局"


def test_measures_on_one_line_each_closing_with_their_bracket() -> None:
    """整改措施:1.…。(2022年底前完成,市生态环境局负责)2.…。(长期坚持,各县区政府负责) on one line:
    two measures, each with its bracket's date part, their units the task's."""
    _, [task] = tasks_of(
        "(一)某河排污口整治不到位。\n整改目标:排污口全部规范整治。\n"
        "整改措施:1.开展排查整治。(2022年底前完成,市生态环境局负责)2.建立长效机制。(长期坚持,各县区政府负责)\n"
        "责任单位:市生态环境局\n整改时限:2023年底前\n")
    assert [(m.label, m.text) for m in task.measures] == [
        ("1.", "开展排查整治。(2022年底前完成,市生态环境局负责)"), ("2.", "建立长效机制。(长期坚持,各县区政府负责)")]
    assert [deadline_view(m.deadline) for m in task.measures] == [
        ("2022年底前完成", "2022-12-31", ["by_date"]), ("长期坚持", None, ["ongoing"])]
    assert task.responsible_units == ["市生态环境局", "各县区政府"]


def test_a_task_unit_label_leads_the_units_its_measures_add() -> None:
    _, [task] = tasks_of(
        "(一)某矿山生态修复不到位。\n牵头单位:市自然资源局\n整改时限:2022年底前\n整改措施:\n"
        "1.开展排查建立台账。(2021年12月底前完成,市林草局负责)\n2.实施复绿工程。(2022年底前完成,各县区政府负责)\n")
    assert task.responsible_units == ["市自然资源局", "市林草局", "各县区政府"]
    assert deadline_view(task.deadline) == ("2022年底前", "2022-12-31", ["by_date"])  # the label's
    assert [deadline_view(m.deadline) for m in task.measures] == [
        ("2021年12月底前完成", "2021-12-31", ["by_date"]), ("2022年底前完成", "2022-12-31", ["by_date"])]


def test_inline_measures_each_labelling_its_units_and_deadline() -> None:
    """整改措施:一是…。责任单位:A,完成时限:B。二是…: each measure's labels are its own, the
    last one's too (never the task's: its unit ran into the deadline label after the comma);
    the task's units are theirs in order and its deadline theirs joined."""
    _, (task, second) = tasks_of(
        "(一)畜禽养殖污染治理不到位。整改措施:一是排查禁养区内养殖场,依法关闭搬迁。责任单位:县农业农村局,"
        "完成时限:2022年6月底前。二是推进粪污资源化利用。责任单位:县农业农村局、各乡镇人民政府,"
        "完成时限:2022年12月底前。三是加强执法监管。责任单位:市生态环境局某县分局,完成时限:长期坚持。\n"
        "(二)黑臭水体整治不彻底。整改措施:一是实施河道清淤。责任单位:县水利局。完成时限:2021年底前。"
        "二是截污纳管。责任单位:县住建局。完成时限:2022年底前。\n")
    assert task.responsible_units == ["县农业农村局", "各乡镇人民政府", "市生态环境局某县分局"]
    assert [m.label for m in task.measures] == ["一是", "二是", "三是"]
    assert task.measures[2].text == "加强执法监管。责任单位:市生态环境局某县分局,完成时限:长期坚持。"
    assert [deadline_view(m.deadline) for m in task.measures] == [
        ("2022年6月底前", "2022-06-30", ["by_date"]), ("2022年12月底前", "2022-12-31", ["by_date"]),
        ("长期坚持", None, ["ongoing"])]
    assert deadline_view(task.deadline) == ("2022年6月底前、2022年12月底前、长期坚持", "2022-12-31",
                                            ["by_date", "ongoing"])
    assert (second.responsible_units, second.deadline and second.deadline.text) == (
        ["县水利局", "县住建局"], "2021年底前、2022年底前")


def test_labels_on_lines_after_an_inline_measure_list_stay_the_tasks() -> None:
    """整改措施:(1)…(某镇政府负责);(2)…。 then 责任单位: and 整改时限: on lines of their own:
    the task's labels, never pulled into the last measure; the measure's unit joins after them."""
    _, [task] = tasks_of("(一)某河段水质超标。\n整改措施:(1)实施截污纳管工程(某镇政府负责);(2)开展水质监测。\n"
                         "责任单位:县水务局、县生态环境局\n整改时限:2023年底前\n")
    assert [m.text for m in task.measures] == ["实施截污纳管工程(某镇政府负责)", "开展水质监测。"]
    assert (task.lead_unit, task.responsible_units) == ("县水务局", ["县水务局", "县生态环境局", "某镇政府"])
    assert deadline_view(task.deadline) == ("2023年底前", "2023-12-31", ["by_date"])


def test_measures_with_a_deadline_line_each_read_an_immediate_one() -> None:
    _, [task] = tasks_of("(一)扬尘污染管控不严。\n牵头单位:市住建局\n整改目标:降尘量明显下降。\n具体措施:\n"
                         "1.建立工地扬尘管控清单。\n完成时限:立行立改\n2.推行渣土车密闭运输。\n完成时限:2022年6月底前\n")
    assert [deadline_view(m.deadline) for m in task.measures] == [
        ("立行立改", None, ["immediate"]), ("2022年6月底前", "2022-06-30", ["by_date"])]
    assert deadline_view(task.deadline) == ("立行立改、2022年6月底前", "2022-06-30", ["immediate", "by_date"])


def test_measures_and_deadlines_under_one_label() -> None:
    """整改措施及时限:1.…,2022年底前完成。2.…: the measures, each with its date; the label no
    part of the target or units before it."""
    _, tasks = tasks_of(
        "(一)某湖水质未达到考核要求。\n责任单位:市生态环境局(牵头),市水务局\n整改目标:总磷浓度明显下降。\n"
        "整改措施及时限:1.完成入湖河道整治,2022年底前完成。2.实施底泥清淤,2023年6月底前完成。3.建立监测机制,长期坚持。\n"
        "(二)水源地保护区违法建筑未清理。\n责任单位:某县政府\n整改措施及时限:开展排查,2021年9月底前完成全部拆除。\n")
    first, second = tasks
    assert first.target == "总磷浓度明显下降。"
    assert [m.label for m in first.measures] == ["1.", "2.", "3."]
    assert deadline_view(first.deadline) == ("2022年底前、2023年6月底前、长期坚持", "2023-06-30",
                                             ["by_date", "ongoing"])
    assert second.responsible_units == ["某县政府"]
    assert deadline_view(second.deadline) == ("2021年9月底前", "2021-09-30", ["by_date"])


def test_milestones_are_no_measures_nor_their_deadlines() -> None:
    """阶段目标: its yearly milestones (numbered or not) end the value before them: the
    measures after them are kept, and no measure takes their dates."""
    _, tasks = tasks_of(
        "(一)建制镇污水处理设施建设滞后。\n责任单位:市住建局\n整改目标:建制镇污水处理设施全覆盖。\n"
        "整改时限:2023年底前\n阶段目标:\n1.2021年底前,建成10个;\n2.2022年底前,建成20个;\n3.2023年底前,全部建成。\n"
        "具体措施:\n1.加快设施及管网建设。\n2.加强运营管理。\n"
        "(二)秸秆露天焚烧时有发生。\n责任单位:市农业农村局\n整改时限:长期坚持\n具体措施:落实网格化监管。\n"
        "阶段目标:2021年底前,综合利用率达到88%;2022年底前,达到90%。\n")
    first, second = tasks
    assert [m.text for m in first.measures] == ["加快设施及管网建设。", "加强运营管理。"]
    assert deadline_view(first.deadline) == ("2023年底前", "2023-12-31", ["by_date"])
    assert [(m.text, m.deadline) for m in second.measures] == [("落实网格化监管。", None)]
    assert second.target is not None and second.target.startswith("2021年底前")  # no 整改目标: they are it
