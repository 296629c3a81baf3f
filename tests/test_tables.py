"""Task tables: header synonyms in any column order, group rows, sub-row seqs, repeated
headers and rows continued over a page."""

from __future__ import annotations

import pytest

from extract.normalize import compose
from extract.segment.tables import is_task_table, merge_continued_tables, seq_of, table_to_raw_tasks
from schemas.blocks import Block, BlockKind, Cell
from schemas.document import Script


def table(rows: list[list[str]]) -> Block:
    return Block(kind=BlockKind.table, rows=[[Cell(text=t) for t in row] for row in rows])


def raw_tasks(blocks: list[Block]):  # type: ignore[no-untyped-def]
    composed = compose(merge_continued_tables(blocks), Script.simplified)
    tables = [b for b in composed.blocks if b.kind is BlockKind.table]
    return [t for b in tables for t in table_to_raw_tasks(b, composed.text)], composed.text


@pytest.mark.parametrize("header", [
    ["序号", "反馈问题", "整改目标", "整改时限", "责任单位"],
    ["编号", "存在问题", "目标任务", "完成时限", "牵头单位"],
    ["序号", "问题", "工作目标", "整改 期限", "责任\n部门"],
    ["序号", "主要问题", "整改要求", "时限要求", "主责单位"],
])
def test_header_synonyms(header: list[str]) -> None:
    block = table([header, ["1", "甲问题。", "甲目标。", "2021年底前", "市住建局"]])
    assert is_task_table(block)
    tasks, _ = raw_tasks([block])
    assert [t.seq for t in tasks] == ["1"]
    assert tasks[0].problem is not None and tasks[0].problem.text == "甲问题。"
    assert tasks[0].fields["deadline"].text == "2021年底前"


def test_any_column_order_and_measures_per_line() -> None:
    block = table([["责任单位", "整改措施", "问题", "序号"],
                   ["市林草局", "(一)补植。\n(二)巡护。", "林地被占。", "3"]])
    tasks, text = raw_tasks([block])
    task = tasks[0]
    assert task.seq == "3" and task.fields["responsible_units"].text == "市林草局"
    assert [(m.label, m.piece.text) for m in task.measures] == [("(一)", "补植。"), ("(二)", "巡护。")]
    assert text[slice(*task.measures[1].piece.span)] == "巡护。"


def test_group_rows_set_category_and_title_rows_are_skipped() -> None:
    block = table([["某市整改任务清单", "", "", ""],
                   ["序号", "反馈问题", "整改时限", "责任单位"],
                   ["一、例行督察反馈问题(2项)", "", "", ""],
                   ["1", "甲。", "2020年底前", "市住建局"],
                   ["二、专项督察反馈问题", "二、专项督察反馈问题", "二、专项督察反馈问题", "二、专项督察反馈问题"],
                   ["2", "乙。", "2021年底前", "市生态环境局"]])
    tasks, _ = raw_tasks([block])
    assert [(t.seq, t.category) for t in tasks] == [("1", "例行督察"), ("2", "专项督察")]


@pytest.mark.parametrize(("cell", "seq"), [
    ("1", "1"), ("1.", "1"), ("17(一)", "17.1"), ("17\n(二)", "17.2"), ("8(市序号9)", "8"), ("第7项", "7"),
    ("十二", "12"), ("", None), ("合计", None),
])
def test_seq_cells(cell: str, seq: str | None) -> None:
    assert seq_of(cell) == seq


def test_not_a_task_table() -> None:
    assert not is_task_table(table([["联系人", "联系电话"], ["张三", "12345678"]]))


def test_table_continued_over_a_page_with_repeated_header_and_split_row() -> None:
    header = ["序号", "反馈问题", "整改时限", "责任单位"]
    first = table([header, ["1", "甲问题前半", "2020年", "市住建局"]])
    second = table([header, ["", "后半。", "底前", ""], ["2", "乙。", "2021年底前", "市水务局"]])
    tasks, _ = raw_tasks([first, Block(kind=BlockKind.page_break), second])
    assert [t.seq for t in tasks] == ["1", "2"]
    assert tasks[0].problem is not None and tasks[0].problem.text == "甲问题前半后半。"
    assert tasks[0].fields["deadline"].text == "2020年底前"


def test_split_item_rows_keep_their_own_problem() -> None:
    block = table([["序号", "反馈问题", "责任单位"],
                   ["17(一)", "共同问题。\n以上问题分2个方面进行整改。\n(一)第一方面问题。", "县政府"],
                   ["17(二)", "(二)第二方面问题。", "县政府"]])
    tasks, _ = raw_tasks([block])
    assert [(t.seq, t.problem.text if t.problem else None) for t in tasks] == [
        ("17.1", "第一方面问题。"), ("17.2", "第二方面问题。")]
