from __future__ import annotations

import pytest

from extract.parse.wrap import ends_sentence, joined, starts_block, wrap_rules


@pytest.mark.parametrize(("line", "starts"), [
    ("一、总体要求", True), ("(一)加强组织领导", True), ("（一）加强组织领导", True),  # full-width as written
    ("１．开展排查", True), ("第三项 扬尘管控不到位", True), ("整改时限：2021年底前", True),
    ("月底前完成", False), ("局、各区人民政府配合。", False), ("限：2021年底前", False),
])
def test_starts_block(line: str, starts: bool) -> None:
    assert starts_block(line) is starts


@pytest.mark.parametrize(("line", "ends"), [("完成。", True), ("要求：", True), ("情况;", True), ("", True),
                                            ("截污纳", False), ("2021年6", False), ("，", False)])
def test_ends_sentence(line: str, ends: bool) -> None:
    assert ends_sentence(line) is ends


def test_joined() -> None:
    assert joined("2021年6", "月底前") == "2021年6月底前"
    assert joined("Ecological", "Environment") == "Ecological Environment"


def test_rules_load() -> None:
    assert "。" in wrap_rules().sentence_end and "、" in wrap_rules().no_line_start
