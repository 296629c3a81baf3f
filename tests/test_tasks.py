"""Stage 4, fields/tasks.py: a raw task's texts → a Task (measures with their own dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.fields.tasks import measure_deadline, raw_to_task
from extract.normalize import compose
from extract.parse.text import lines_to_blocks
from extract.segment.outline import build_outline
from extract.segment.tasks import find_raw_tasks
from schemas.document import Script, Task


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
    deadline = measure_deadline(text, None)
    assert deadline is not None and deadline.date == date and [str(k) for k in deadline.kinds] == kinds


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


REPORT = ("某市关于督察反馈问题整改情况的报告\n根据要求,报告如下:\n"
          "一、关于水源地违规建筑问题:已拆除全部违规建筑,整改完成。\n二、关于填埋场渗滤液问题:处理站正在推进建设。\n")


@pytest.mark.parametrize(("title", "statuses"), [
    ("某市关于督察反馈问题整改情况的报告", ["completed", "in_progress"]),
    ("某市督察反馈问题整改方案", []),  # a plan's 关于…问题 headings are no progress entries
])
def test_progress_report_items_become_tasks_only_in_reports(title: str, statuses: list[str]) -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(REPORT.replace("某市关于督察反馈问题整改情况的报告", title).encode(), "r.txt")
    assert [str(t.status) for t in document.tasks] == statuses


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
