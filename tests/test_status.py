"""fields/status.py: a task's progress text → its status, by cue words in status.yaml."""

from __future__ import annotations

import pytest

from extract.fields.status import text_to_status


@pytest.mark.parametrize(("text", "status"), [
    ("已完成整改,达到销号标准。", "completed"),
    ("整改完成。", "completed"),
    ("已销号。", "completed"),
    ("已关停取缔,达到销号条件。", "completed"),
    ("具备销号条件,已申请销号。", "completed"),
    ("已整改到位。", "completed"),
    ("基本完成,等待验收。", "basically_completed"),
    ("达到序时进度。", "on_schedule"),
    ("按序时推进。", "on_schedule"),
    ("正在推进。", "in_progress"),
    ("处理站已建成,正在调试。", "in_progress"),
    ("未完成,已建成主体工程。", "in_progress"),  # 未完成 is seen before 完成
    ("尚未启动。", "not_started"),
    ("已完成80%。", "in_progress"),  # a share below 100% is not done
    ("完成率65.5%,正在推进。", "in_progress"),
    ("完成率100%。", "completed"),
    ("完成了30%工程量。", "in_progress"),
    ("整改完成率达到80%。", "in_progress"),  # not 整改完成: the share says otherwise
    ("整改完成率为65%。", "in_progress"),
    ("情况说明见附件。", None),
])
def test_status_from_text(text: str, status: str | None) -> None:
    found = text_to_status(text)
    assert (found.value if found else None) == status
