"""fields/status.py: a task's progress text → its status, by cue words in status.yaml."""

from __future__ import annotations

import pytest

from extract.fields.raw import Piece
from extract.fields.status import flag_to_status, task_status, text_to_status


@pytest.mark.parametrize(("text", "status"), [
    ("已完成整改,达到销号标准。", "completed"),
    ("整改完成。", "completed"),
    ("已销号。", "completed"),
    ("已关停取缔,达到销号条件。", "completed"),
    ("具备销号条件,已申请销号。", "completed"),
    ("经验收,符合销号条件。", "completed"),
    ("经复核,不符合销号条件,继续整改。", None),  # the negation is none
    ("经复核,不具备销号条件。", None),  # nor is any other negation of a closing cue
    ("验收组不同意销号。", None),
    ("净化器正在安装。", "in_progress"),
    ("已整改到位。", "completed"),
    ("基本完成,等待验收。", "basically_completed"),
    ("达到序时进度。", "on_schedule"),
    ("该问题正在整改,达到序时进度。", "on_schedule"),
    ("正在整改,未达到序时进度。", "in_progress"),
    ("未按序时推进。", "in_progress"),
    ("滞后序时进度。受资金影响,修复工程尚未完工。", "in_progress"),  # behind, still going on
    ("该项目进度滞后于时序进度。", "in_progress"),
    ("按序时推进。", "on_schedule"),
    ("正在推进。", "in_progress"),
    ("处理站已建成,正在调试。", "in_progress"),
    ("已完成治理12条,剩余3条正在施工。", "in_progress"),  # a part still being built
    ("主体工程施工中。", "in_progress"),
    ("未完成,已建成主体工程。", "in_progress"),  # 未完成 is seen before 完成
    ("尚未启动。", "not_started"),
    ("已完成80%。", "in_progress"),  # a share below 100% is not done
    ("完成率65.5%,正在推进。", "in_progress"),
    ("完成率100%。", "completed"),
    ("完成了30%工程量。", "in_progress"),
    ("整改完成率达到80%。", "in_progress"),  # not 整改完成: the share says otherwise
    ("整改完成率为65%。", "in_progress"),
    ("已经完成,长期坚持。", "completed"),
    # a verdict opening the text, a clause alone, answers over the account after it
    ("基本完成。主体工程已完工,正在进行效果评估。", "basically_completed"),
    ("已完成整改,下一步将加快推进长效机制建设。", "completed"),
    ("序时推进。项目已完成主体结构施工。", "on_schedule"),
    ("该问题基本完成;剩余2处正在整改。", "basically_completed"),
    # a first clause saying more is no verdict: the whole text is read
    ("已完成主体工程,正在进行设备调试。", "in_progress"),
    ("完成。正在推进验收。", "completed"),  # a verdict is read as a yes/no column's answer
    ("持续推进。", "in_progress"),
    ("阶段性完成,持续推进。", "in_progress"),  # a stage done, not the task
    ("已阶段性完成整改,剩余工程正在推进。", "in_progress"),
    ("正在推进,达到序时进度。", "on_schedule"),  # work going on, refined by what follows
    ("持续推进,已完成年度目标的60%。", "in_progress"),
    ("整改任务已完成,后续持续推进长效机制建设。", "completed"),  # not a verdict: no cue
    ("2020年11月20日通过县级验收。", "completed"),
    ("已通过验收。", "completed"),
    ("未通过验收,正在整改。", "in_progress"),
    ("11月20日通过市级验收。", "completed"),
    ("力争2023年6月底前通过验收。", None),  # a plan, not a fact
    ("计划2024年6月30日通过验收。", None),
    ("力争12月通过省级验收。", None),
    ("没有达到序时进度。", "in_progress"),
    ("整改进度滞后,未能按序时推进。", "in_progress"),
    ("阶段性办结,正在推进。", "in_progress"),
    ("情况说明见附件。", None),
    # part done, the deadline moved or the rest still planned: not done
    ("已完成截污管网建设8公里,剩余2公里受征地影响,整改时限延长至2022年12月底前。", "in_progress"),
    ("已建成主体工程,整改时限调整为2023年6月底。", "in_progress"),
    ("已完成清淤5公里,已申请延期。", "in_progress"),
    ("已完成管网8公里,剩余2公里计划年底前完成。", "in_progress"),
    ("主体已完工,预计2023年6月底前完成整改。", "in_progress"),
    # ...unless the text goes on to tell the work done
    ("经批准整改时限延期至2022年底,现已完成整改,达到销号条件。", "completed"),
    ("该项目计划2021年底完成,现已全部完成整改并通过验收。", "completed"),
    ("力争2021年完成,目前已完成整改。", "completed"),
    ("已按计划完成。", "completed"),  # 按计划 done is no plan
    ("已完成部分整改。", "in_progress"),
    ("该问题已完成阶段性整改目标,长期坚持。", "in_progress"),
    # a completion negated however it is worded
    ("未全部完成。", "in_progress"),
    ("没有完成整改。", "in_progress"),
    ("未按期完成。", "in_progress"),
    ("未如期完成整改。", "in_progress"),
    ("尚未整改到位。", "in_progress"),
    ("尚未开工。", "not_started"),
    # done in other words
    ("已全部整改完毕。", "completed"),
    ("已按期完成。", "completed"),
    ("违建已拆除到位。", "completed"),
    # late, going on, on schedule
    ("整改进度滞后。", "in_progress"),
    ("项目进展缓慢。", "in_progress"),
    ("管网建设滞后问题已完成整改。", "completed"),  # the problem's name, not the progress
    ("正在有序推进。", "in_progress"),
    ("正在按计划推进。", "in_progress"),  # no schedule named: as progress counts read it
    ("未按计划推进。", "in_progress"),
    ("按序时进度推进。", "on_schedule"),
    ("进度符合序时要求。", "on_schedule"),
    ("落后于序时进度。", "in_progress"),
    # an ongoing task's verdict, and a verdict with no stop after it
    ("长期坚持。", "in_progress"),
    ("长期坚持,持续推进。", "in_progress"),
    ("长期坚持、持续推进", "in_progress"),
    ("持续推进", "in_progress"),
])
def test_status_from_text(text: str, status: str | None) -> None:
    found = text_to_status(text)
    assert (found.value if found else None) == status


@pytest.mark.parametrize(("answer", "status"), [
    ("是", "completed"), ("否", "in_progress"), (" 是。", "completed"), ("√", "completed"),
    ("×", "in_progress"), ("部分", None), ("", None), ("已办结", "completed"), ("阶段性办结", "in_progress"),
    ("未办结", "in_progress"), ("序时推进", "on_schedule"), ("基本完成", "basically_completed"),
    ("已完成整改,同意销号。", "completed"),  # no answer word: the cues of its text
    ("长期坚持", "in_progress"), ("长期坚持,持续推进", "in_progress"), ("部分完成", "in_progress"),
])
def test_status_from_a_yes_no_answer(answer: str, status: str | None) -> None:
    found = flag_to_status(answer)
    assert (found.value if found else None) == status


def test_a_yes_no_column_answers_before_the_progress_text() -> None:
    """是否完成 beside 整改进展: the column's answer gives the status, also over the text's
    cue (task 3: 否 beside 达到销号条件); the answer's cell is the status_flag span."""
    from pathlib import Path

    from extract.assemble import extract_bytes

    path = Path(__file__).parent / "fixtures" / "task_table_status_flag.html"
    document = extract_bytes(path.read_bytes(), path.name)
    assert [(t.seq, t.status) for t in document.tasks] == [
        ("1", "completed"), ("2", "in_progress"), ("3", "in_progress"), ("4", "completed")]
    assert [t.progress_text for t in document.tasks] == [
        "改造混接点40处。", "正在推进,已完成70%。", "已完成提标改造,达到销号条件。", None]
    first = document.tasks[0]
    start, end = first.spans["status_flag"]
    assert document.text[start:end] == "是"


def labelled(label: str, text: str) -> tuple[str, Piece]:
    return label, Piece(text, (0, len(text)))


@pytest.mark.parametrize(("row", "flag", "status"), [
    # a yes always answers: an explicit 是否销号:是 is closed, so done
    (("整改完成情况", "基本完成"), ("是否销号", "是"), "completed"),
    (("整改进展", "正在推进"), ("是否办结", "已办结"), "completed"),
    # a no of a question ranked with the completion rows answers before the row
    (("整改完成情况", "已完成整改"), ("是否完成", "否"), "in_progress"),
    (("整改进展", "已完成"), ("是否办结", "阶段性办结"), "in_progress"),
    # a no of the closing question yields to a row ranked before it: done, not yet closed
    (("整改完成情况", "已完成整改"), ("是否销号", "否"), "completed"),
    (("整改完成情况", "见附件"), ("是否销号", "否"), "in_progress"),  # the row says nothing
    (None, ("是否销号", "否"), "in_progress"),
    (("整改完成情况", "基本完成"), None, "basically_completed"),
    (("销号意见", "已完成整改"), ("是否销号", "否"), "in_progress"),  # same rank: the answer
])
def test_status_from_a_row_and_a_yes_no_answer(row: tuple[str, str] | None, flag: tuple[str, str] | None,
                                               status: str) -> None:
    found = task_status(labelled(*row) if row else None, labelled(*flag) if flag else None)
    assert (found.value if found else None) == status


def test_a_progress_report_reads_each_item_s_state() -> None:
    """Items of a progress report, each with its progress text: part done and the deadline moved,
    built and being commissioned, not done in time, ongoing, late, each its status."""
    from extract.assemble import extract_bytes

    text = ("某县关于督察反馈意见整改落实情况的报告\n\n"
            "一、关于某河污水直排问题\n整改进展情况:已完成截污管网8公里,剩余2公里受征地影响,"
            "整改时限延长至2022年12月底前。\n\n"
            "二、关于污水处理厂超负荷问题\n整改进展情况:主体工程已完工,正在调试。\n\n"
            "三、关于园区规划环评问题\n整改进展情况:未按期完成。\n\n"
            "四、关于秸秆焚烧问题\n整改进展情况:长期坚持、持续推进。\n\n"
            "五、关于企业废气问题\n整改进展情况:进度滞后。\n\n"
            "六、关于养殖污染问题\n整改进展情况:已完成整改并通过省级验收。\n")
    document = extract_bytes(text.encode(), "report.txt")
    assert [(t.seq, t.status) for t in document.tasks] == [
        ("1", "in_progress"), ("2", "in_progress"), ("3", "in_progress"), ("4", "in_progress"),
        ("5", "in_progress"), ("6", "completed")]
    assert document.tasks[0].progress_text == (
        "已完成截污管网8公里,剩余2公里受征地影响,整改时限延长至2022年12月底前。")
