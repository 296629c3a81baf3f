"""Numbering labels, the outline tree, measures and raw tasks, on texts of our own that
reproduce real layouts, and on the corpus seeds."""

from __future__ import annotations

import pytest

from extract.fields.patterns import header_field, label_rules
from extract.normalize import compose
from extract.parse.text import lines_to_blocks
from extract.segment.measures import split_measures
from extract.segment.numbering import (
    Marker,
    category_name,
    find_markers,
    group_count,
    may_open_or_skip,
    starts_with_marker,
)
from extract.segment.outline import build_outline
from extract.segment.tasks import find_raw_tasks, report_tasks
from schemas.document import Script
from tests.conftest import seed_path


def outline_of(text: str):  # type: ignore[no-untyped-def]
    composed = compose(lines_to_blocks(text), Script.simplified)
    return composed.text, build_outline(composed.text, composed.blocks)


@pytest.mark.parametrize(
    ("text", "style", "n", "label"),
    [
        ("一、总体要求", "chinese_dun", 1, "一、"),
        ("(三)加强领导", "chinese_paren", 3, "(三)"),
        ("12.完善制度", "arabic_dot", 12, "12."),
        ("3、强化监管", "arabic_dot", 3, "3."),
        ("(2)开展排查", "arabic_paren", 2, "(2)"),
        ("④建立台账", "circled", 4, "④"),
        ("第十七项,碳化硅", "item", 17, "第十七项"),
        ("第7项 问题", "item", 7, "第七项"),
        ("二是优化结构", "shi", 2, "二是"),
        ("一、一些地方重视不够", "chinese_dun", 1, "一、"),  # a heading opening with a numeral word
        ("二、十堰市污水直排", "chinese_dun", 2, "二、"),
        ("一、2021年以来", "chinese_dun", 1, "一、"),
        ("1.2022年6月底前完成排查", "arabic_dot", 1, "1."),  # a year after the dot: still a marker
        ("3)开展排查", "arabic_half_paren", 3, "3)"),
        ("12）实施改造", "arabic_half_paren", 12, "12)"),
        ("问题一:饮用水源地违建", "problem_ordinal", 1, "问题一"),  # an ordinal naming the task
        ("问题12:饮用水源地违建", "problem_ordinal", 12, "问题十二"),
        ("问题3.饮用水源地违建", "problem_ordinal", 3, "问题三"),
        ("第1个问题:饮用水源地违建", "item", 1, "第一项"),
        ("1024.某河段垃圾堆积", "arabic_dot", 1024, "1024."),  # long lists run past 999
    ],
)
def test_numbering_styles(text: str, style: str, n: int, label: str) -> None:
    marker = find_markers(text)[0]
    assert (marker.style, marker.n, marker.label, marker.start) == (style, n, label, 0)


@pytest.mark.parametrize(
    "text",
    ["举一反三、长效监管", "比2015年下降2.5%", "削减1.5万吨", "达到3.2020mg/L", "第一、二批任务", "各县(市、区)政府", "于是决定", "甲(见附件1)乙",
     "一、二级保护区", "一、二、三季度",
     # a digit closing a bracketed phrase is no half-bracket label 1)
     "甲(详见附件 1)乙", "(2021)", "浓度(PM2.5)下降", "(第1)", "要求(如:1)执行", "甲（见表 2）乙", "(共 3)", "年份 2021)",
     # a problem's ordinal only with its separator: else a sentence's subject or a decimal
     "甲。问题一是乙", "甲。问题1.5万户未接入", "甲。第2个问题是乙", "甲:第二个问题,乙", "甲。问题一 乙",
     # four digits take a dot: years listed with 、 are prose, and 2021.12 is a date
     "甲。2023、2024年每年清理", "甲。2021.12完成"],
)
def test_no_label_inside_running_prose(text: str) -> None:
    assert [m for m in find_markers(text) if m.start > 0] == []


def test_a_list_numbered_past_999_keeps_every_item() -> None:
    items = "\n".join(f"{n}.第{n}处排污口未整治。\n整改时限:2022年底前。\n责任单位:县生态环境局。" for n in range(1, 1003))
    text, root = outline_of(f"某县排污口整治任务清单\n{items}\n")
    tasks = find_raw_tasks(text, root)
    assert [t.seq for t in tasks] == [str(n) for n in range(1, 1003)]
    assert tasks[-1].problem is not None and tasks[-1].problem.text == "第1002处排污口未整治。"


def test_a_year_with_a_dot_at_a_line_start_opens_no_item() -> None:
    """A number above arabic_dot's skip_max (999) at a line start only continues its list:
    2022. after item 2 is the item's text, not item 2022 (a number up to 999 may skip)."""
    text, root = outline_of("1.河道垃圾堆积。\n整改时限:2021年底前。\n责任单位:县水利局。\n2.秸秆露天焚烧。\n"
                            "2022.完成全面整治\n整改时限:2022年底前。\n责任单位:县农业农村局。\n"
                            "5.矿山修复滞后。\n整改时限:2023年底前。\n责任单位:县自然资源局。\n")
    tasks = find_raw_tasks(text, root)
    assert [t.seq for t in tasks] == ["1", "2", "5"]
    assert tasks[1].problem is not None and tasks[1].problem.text == "秸秆露天焚烧。\n2022.完成全面整治"


def test_inline_labels_after_sentence_end() -> None:
    text = "总体要求如下。一是压实责任。二是完善制度;三是强化督查。"
    assert [m.label for m in find_markers(text)] == ["一是", "二是", "三是"]


def test_half_bracket_labels_inline_after_a_colon_and_a_semicolon() -> None:
    text = "整改措施如下:1)开展排查;2)实施改造。3)验收销号。"
    assert [(m.label, m.start) for m in find_markers(text)] == [("1)", 7), ("2)", 14), ("3)", 21)]


def test_half_bracket_level_between_paren_and_circled() -> None:
    _, root = outline_of("(1)排查整治\n1)城区\n①老城\n②新城\n2)乡镇\n(2)验收")
    tree = [(n.marker.label, n.depth) for n in root.walk() if n.marker]
    assert tree == [("(1)", 1), ("1)", 2), ("①", 3), ("②", 3), ("2)", 2), ("(2)", 1)]


def test_half_bracket_measures_split() -> None:
    value = "如下:1)开展排查;2)实施改造。"
    measures = split_measures(value, 0, len(value))
    assert [(m.label, m.piece.text) for m in measures] == [(None, "如下:"), ("1)", "开展排查"), ("2)", "实施改造。")]


TASK_FIELDS_TEXT = "\n整改目标:水质达标\n整改时限:2022年底前\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an ordinal after the outer label names the task: 一、第12项: is task 12, no category
        ("一、第12项:甲河污染{f}二、第13项:乙湖污染{f}", [("12", None, "甲河污染"), ("13", None, "乙湖污染")]),
        ("问题一:甲河污染{f}问题二:乙湖污染{f}", [("1", None, "甲河污染"), ("2", None, "乙湖污染")]),
        # the feedback item it quotes named with its source (反馈问题第3项:), after the outer label or opening its line
        ("一、反馈问题第3项:甲河污染{f}二、督察反馈意见第7项、乙湖污染{f}", [("3", None, "甲河污染"), ("7", None, "乙湖污染")]),
        ("反馈问题第3项:甲河污染{f}反馈问题第十二项:乙湖污染{f}", [("3", None, "甲河污染"), ("12", None, "乙湖污染")]),
        # in prose, or with no separator, it names no item
        ("一、现将反馈问题第3项:甲河污染{f}二、反馈问题第7项乙湖污染{f}",
         [("1", None, "现将反馈问题第3项:甲河污染"), ("2", None, "反馈问题第7项乙湖污染")]),
        ("一、工业污染\n第1个问题:甲河污染{f}第2个问题:乙湖污染{f}",
         [("1", "工业污染", "甲河污染"), ("2", "工业污染", "乙湖污染")]),
        # a problem with no ordinal of its own: its position
        ("一、第12项:甲河污染{f}二、乙湖污染{f}三、第14项:丙库污染{f}",
         [("12", None, "甲河污染"), ("2", None, "乙湖污染"), ("14", None, "丙库污染")]),
        ("一、第2项:甲河污染{f}二、乙湖污染{f}", [("1", None, "甲河污染"), ("2", None, "乙湖污染")]),
        # the parts of a named task are N.1, N.2
        ("问题一:甲河污染\n(一)上游{f}(二)下游{f}", [("1.1", None, "上游"), ("1.2", None, "下游")]),
    ],
)
def test_task_seq_from_the_ordinal_naming_it(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    text, root = outline_of(text.format(f=TASK_FIELDS_TEXT))
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.category, t.problem.text if t.problem else None) for t in tasks] == expected


def test_problem_ordinals_inline() -> None:
    text, root = outline_of("问题1.甲河污染。整改目标:达标。整改时限:2022年底。问题2.乙湖污染。整改目标:达标。整改时限:2023年底。")
    assert [(t.seq, t.fields["deadline"].text) for t in find_raw_tasks(text, root)] == [
        ("1", "2022年底。"), ("2", "2023年底。")]


def test_outline_nests_by_first_appearance_and_restarts() -> None:
    _, root = outline_of("一、目标\n(一)甲\n1.子项\n2.子项\n(二)乙\n1.子项\n二、措施\n(一)丙")
    tree = [(n.marker.label, n.depth) for n in root.walk() if n.marker]
    assert tree == [("一、", 1), ("(一)", 2), ("1.", 3), ("2.", 3), ("(二)", 2), ("1.", 3), ("二、", 1), ("(一)", 2)]


def test_outline_inline_headings_in_one_paragraph() -> None:
    _, root = outline_of("一、问题内容 某地存在问题。 二、整改措施 (一)加强领导。(二)完善制度。 三、完成情况 已完成。")
    assert [n.marker.label for n in root.children if n.marker] == ["一、", "二、", "三、"]
    assert [n.marker.label for n in root.children[1].children if n.marker] == ["(一)", "(二)"]


def test_inline_list_restarting_an_open_style_stays_inside_its_item() -> None:
    # 2. and 3. continue the 1. after 整改措施:, not the items' own 1.
    text, root = outline_of("1.某河断面超标。\n责任单位:市水务局\n整改措施:1.排查排污口。2.建设管网。3.生态补水。\n"
                             "2.城区散煤燃烧。\n责任单位:市发改委\n整改措施:1.排查。2.替代。")
    assert [text[n.start:n.start + 4] for n in root.children] == ["1.某河", "2.城区"]
    # (the list after 整改措施: nests in its item as that field's value)
    assert [[c.marker.label for c in n.children if c.marker] for n in root.children] == [["1.", "2.", "3."], ["1.", "2."]]
    tasks = find_raw_tasks(text, root)
    assert [[m.label for m in t.measures] for t in tasks] == [["1.", "2.", "3."], ["1.", "2."]]


def test_a_field_list_begun_on_its_labels_line_goes_on_on_the_lines_after() -> None:
    text, root = outline_of("1.甲河断面超标。\n整改目标:达标。\n整改措施:1.排查排污口。\n2.建设管网。\n责任单位:市水务局\n"
                            "2.乙园区污水直排。\n整改目标:达标。\n整改措施:1.完善管网。\n责任单位:市生态环境局\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, [m.piece.text for m in t.measures], t.fields["responsible_units"].text) for t in tasks] == [
        ("1", ["排查排污口。", "建设管网。"], "市水务局"), ("2", ["完善管网。"], "市生态环境局")]


NESTED_MEASURES_FIRST = ("1.甲河断面超标。\n整改目标:水质达标。\n整改措施:\n1.排查排污口。\n2.建设管网。\n责任单位:市水务局\n"
                         "整改时限:2022年底前\n2.乙园区污水直排。\n整改目标:稳定达标。\n整改措施:\n1.完善管网。\n2.提标改造。\n"
                         "责任单位:市生态环境局\n整改时限:2023年底前\n")
NESTED_MEASURES_LAST = ("1.甲河断面超标。\n整改目标:水质达标。\n责任单位:市水务局\n整改时限:2022年底前\n整改措施:\n1.排查排污口。\n"
                        "2.建设管网。\n2.乙园区污水直排。\n整改目标:稳定达标。\n责任单位:市生态环境局\n整改时限:2023年底前\n"
                        "整改措施:\n1.完善管网。\n")


@pytest.mark.parametrize("text", [NESTED_MEASURES_FIRST, NESTED_MEASURES_LAST, NESTED_MEASURES_LAST + "2.提标改造。\n"])
def test_measures_numbered_like_their_tasks_nest_in_their_task(text: str) -> None:
    """整改措施: then 1. 2. on lines of their own under items numbered 1. 2. too: the list
    restarting at 1 after the label is the item's measures, not its next items."""
    text, root = outline_of(text)
    assert [(n.marker.label, n.depth) for n in root.children if n.marker] == [("1.", 1), ("2.", 1)]
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None, t.fields["responsible_units"].text,
             t.fields["deadline"].text) for t in tasks] == [
        ("1", "甲河断面超标。", "市水务局", "2022年底前"), ("2", "乙园区污水直排。", "市生态环境局", "2023年底前")]
    assert [m.piece.text for m in tasks[0].measures] == ["排查排污口。", "建设管网。"]


MEASURES_WITH_OWN_LABELS = ("1.甲河断面超标。\n整改时限:2022年底前\n责任单位:市水务局\n整改措施:\n1.排查排污口。\n"
                            "整改时限:2022年6月底前\n2.建设管网。\n完成时限:2022年底前\n2.乙园区污水直排。\n整改时限:2023年底前\n"
                            "责任单位:市生态环境局\n整改措施:\n1.完善管网。\n整改时限:2023年6月底前\n")


@pytest.mark.parametrize("text", [MEASURES_WITH_OWN_LABELS, MEASURES_WITH_OWN_LABELS + "2.提标改造。\n整改时限:2023年底前\n"])
def test_measures_carrying_labels_the_task_gave_before_its_list_stay_measures(text: str) -> None:
    """Each measure carries a label of its own (整改时限:, 完成时限:) that the task gave
    before its 整改措施: list: the measure's 2. after it continues the list, no next task."""
    text, root = outline_of(text)
    assert [(n.marker.label, n.depth) for n in root.children if n.marker] == [("1.", 1), ("2.", 1)]
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None, t.fields["deadline"].text) for t in tasks] == [
        ("1", "甲河断面超标。", "2022年底前"), ("2", "乙园区污水直排。", "2023年底前")]
    assert [m.label for m in tasks[0].measures] == ["1.", "2."]


RESTARTED_MEASURES = ("1.甲河断面超标。\n整改时限:2022年底前\n责任单位:市水务局\n1.排查排污口。\n整改时限:2022年6月底前\n"
                      "2.建设管网。\n整改时限:2022年底前\n2.乙园区污水直排。\n整改时限:2023年底前\n责任单位:市生态环境局\n"
                      "1.完善管网。\n整改时限:2023年6月底前\n")


def test_measures_restarting_their_tasks_numbering_after_its_labels_are_its_measures() -> None:
    """No 整改措施: label, each measure with its labels: read flat, 1. 1. 2. 2. would number
    two tasks alike, so the restart is the task's list (and, once so, the later ones too)."""
    text, root = outline_of(RESTARTED_MEASURES)
    assert [(n.marker.label, n.depth) for n in root.walk() if n.marker] == [
        ("1.", 1), ("1.", 2), ("2.", 2), ("2.", 1), ("1.", 2)]
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None, t.fields["deadline"].text,
             t.fields["responsible_units"].text) for t in tasks] == [
        ("1", "甲河断面超标。", "2022年底前", "市水务局"), ("2", "乙园区污水直排。", "2023年底前", "市生态环境局")]
    assert [[m.label for m in t.measures] for t in tasks] == [["1.", "2."], ["1."]]
    assert tasks[0].measures[0].piece.text == "排查排污口。\n整改时限:2022年6月底前"


def test_a_restart_numbering_no_two_items_alike_stays_flat() -> None:
    # 1. 1. 2.: a list restarting (a second list of tasks), no measures
    text, root = outline_of("1.甲河断面超标。\n整改时限:2022年底前\n责任单位:市水务局\n1.乙园区污水直排。\n"
                            "整改时限:2023年底前\n责任单位:市生态环境局\n2.丙地扬尘。\n整改时限:2023年底前\n责任单位:市住建局\n")
    assert [(n.marker.label, n.depth) for n in root.walk() if n.marker] == [("1.", 1), ("1.", 1), ("2.", 1)]
    assert len(find_raw_tasks(text, root)) == 3


def test_a_label_the_task_has_not_given_ends_its_one_measure_list() -> None:
    """整改时限 before the list, 责任单位 after its one measure: the task's own, so 2. is the next task."""
    text, root = outline_of("1.甲河断面超标。\n整改时限:2022年底前\n整改措施:\n1.排查排污口。\n责任单位:市水务局\n"
                            "2.乙园区污水直排。\n整改时限:2023年底前\n整改措施:\n1.完善管网。\n责任单位:市生态环境局\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, [m.piece.text for m in t.measures], t.fields["responsible_units"].text) for t in tasks] == [
        ("1", ["排查排污口。"], "市水务局"), ("2", ["完善管网。"], "市生态环境局")]


def test_a_field_list_of_one_item_then_the_next_item() -> None:
    """One measure, then the labels ending the list, then 2.: the next item (its number
    follows the item's, and the list ended at 责任单位)."""
    text, root = outline_of("1.甲河断面超标。\n整改目标:达标。\n整改措施:\n1.排查排污口。\n责任单位:市水务局\n整改时限:2022年底前\n"
                            "2.乙园区污水直排。\n整改目标:达标。\n整改措施:\n1.完善管网。\n责任单位:市生态环境局\n整改时限:2023年底前\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, [m.piece.text for m in t.measures]) for t in tasks] == [("1", ["排查排污口。"]), ("2", ["完善管网。"])]


def test_a_target_list_and_a_measure_list_numbered_like_their_item() -> None:
    """整改目标: 1. 2. then 整改措施: 1. 2.: the target's 2. is no next item (the label after
    it opens a list of its own), and both lists are the item's."""
    text, root = outline_of("1.甲河断面超标。\n整改目标:\n1.2022年底前达到Ⅲ类。\n2.2023年底前稳定达标。\n整改措施:\n1.排查排污口。\n"
                            "2.建设管网。\n责任单位:市水务局\n2.乙园区污水直排。\n整改目标:达标。\n责任单位:市生态环境局\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None) for t in tasks] == [
        ("1", "甲河断面超标。"), ("2", "乙园区污水直排。")]
    assert tasks[0].fields["target"].text == "1.2022年底前达到Ⅲ类。\n2.2023年底前稳定达标。"
    assert [m.piece.text for m in tasks[0].measures] == ["排查排污口。", "建设管网。"]


@pytest.mark.parametrize("text", [
    # measures numbered (1): a style of their own, nested as before
    NESTED_MEASURES_FIRST.replace("\n1.排查", "\n(1)排查").replace("\n2.建设", "\n(2)建设")
    .replace("\n1.完善", "\n(1)完善").replace("\n2.提标", "\n(2)提标"),
    # no measures label: 1. and 2. are the items
    "1.甲河断面超标。\n整改目标:水质达标。\n责任单位:市水务局\n整改时限:2022年底前\n"
    "2.乙园区污水直排。\n整改目标:稳定达标。\n责任单位:市生态环境局\n整改时限:2023年底前\n",
])
def test_items_without_a_field_list_of_their_style_keep_their_outline(text: str) -> None:
    text, root = outline_of(text)
    assert [(n.marker.label, n.depth) for n in root.children if n.marker] == [("1.", 1), ("2.", 1)]
    assert [n.marker.style for n in root.walk() if n.marker and n.depth > 1] in ([], ["arabic_paren"] * 4)
    assert [t.seq for t in find_raw_tasks(text, root)] == ["1", "2"]


def test_a_restart_after_no_list_label_is_no_nested_list() -> None:
    # 1. after a line that is no list field's label (a units label, prose): an item again
    _, root = outline_of("1.甲事项。\n责任单位:\n1.乙事项。\n")
    assert [(n.marker.label, n.depth) for n in root.walk() if n.marker] == [("1.", 1), ("1.", 1)]
    _, root = outline_of("1.甲事项。\n整改措施如下\n1.乙事项。\n")
    assert [(n.marker.label, n.depth) for n in root.walk() if n.marker] == [("1.", 1), ("1.", 1)]


def test_inline_label_continuing_the_items_without_a_restart_is_still_an_item() -> None:
    # no inline 1. on the line: 2. continues the items (one paragraph holding two items)
    _, root = outline_of("1.甲事项已完成。2.乙事项正在推进。")
    assert [n.marker.label for n in root.children if n.marker] == ["1.", "2."]
    # an inline list ends with its line: the 2. of the next line is an item again
    _, root = outline_of("1.甲事项:1.排查。\n说明。2.乙事项。")
    assert [n.marker.label for n in root.children if n.marker] == ["1.", "2."]


def test_barrier_line_closes_items() -> None:
    text, root = outline_of("1.甲措施\n2.乙措施\n关于补充完善整改方案的通知\n一、第六项,问题")
    two = root.children[1]
    assert "通知" not in text[two.start:two.end]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("(一)加强领导。(二)完善制度。", [("(一)", "加强领导。"), ("(二)", "完善制度。")]),
        ("总体安排。一是调整结构。二是优化能源。", [(None, "总体安排。"), ("一是", "调整结构。"), ("二是", "优化能源。")]),
        ("1.排查\n(1)城区\n(2)乡镇\n2.整治", [("1.", "排查\n(1)城区\n(2)乡镇"), ("2.", "整治")]),
        ("组织排查,建立台账。", [(None, "组织排查,建立台账。")]),
        ("①核查②整治③验收", [("①", "核查"), ("②", "整治"), ("③", "验收")]),
        ("第一,排查;第二,拆除;第三,复绿。", [("第一", "排查"), ("第二", "拆除"), ("第三", "复绿。")]),
        # a list run together without marks (a cell that lost its breaks): the next number in turn
        ("1.扩建处理站2.封场治理3.规范运行", [("1.", "扩建处理站"), ("2.", "封场治理"), ("3.", "规范运行")]),
        ("(1)修复设施(2)保障经费", [("(1)", "修复设施"), ("(2)", "保障经费")]),
        # …never a quantity or an enumeration, nor ahead of the label after a sentence end
        ("1.新增2.5万吨处理能力2.开展治理", [("1.", "新增2.5万吨处理能力"), ("2.", "开展治理")]),
        ("1.建设2、3号泵站;2.完成验收", [("1.", "建设2、3号泵站"), ("2.", "完成验收")]),
        ("1.完成2.开展;2.验收", [("1.", "完成2.开展"), ("2.", "验收")]),
        # a year with a dot opens no measure list (it could only continue one at 2021.)
        ("2022.完成清理。\n2023.巩固成效。", [(None, "2022.完成清理。\n2023.巩固成效。")]),
    ],
)
def test_split_measures(value: str, expected: list[tuple[str | None, str]]) -> None:
    measures = split_measures(value, 0, len(value))
    assert [(m.label, m.piece.text) for m in measures] == expected
    assert all(value[m.piece.span[0]:m.piece.span[1]] == m.piece.text for m in measures)


@pytest.mark.parametrize(
    ("heading", "name", "count"),
    [
        ("一、例行督察反馈问题整改措施清单(9项)", "例行督察", 9),
        ("二、专项督察整改任务清单（共8项）", "专项督察", 8),
        ("(三)水污染防治", "水污染防治", None),
        ("二、主要任务", "", None),  # a section heading naming no list
        ("一、整改任务(3项)", "", 3),
        ("(一)关于湘江干流部分排污口整治不到位的问题", "", None),  # one problem, no list
        ("二、反馈问题整改情况", "", None),  # a progress report's section over its problems
        ("三、督察反馈意见整改落实情况", "", None),
        ("一、反馈问题整改任务", "", None),  # the section's own words alone (generic_heading_words)
        ("二、重点工作任务", "", None),
        ("一、中央生态环境保护督察反馈问题", "中央生态环境保护督察", None),  # whose inspection: a group
        ("二、已完成整改的问题", "已完成整改的问题", None),
    ],
)
def test_category_heading(heading: str, name: str, count: int | None) -> None:
    assert category_name(heading) == name
    assert group_count(heading) == count


LABELLED = """一、大气污染问题(2项)
1.某市颗粒物浓度上升。
整改目标:浓度下降。
完成时限:2021年6月30日前
牵头单位:市生态环境局
配合单位:市住建局
责任人:张三
工作措施:(1)加强监测。(2)严格执法。
2.某县散煤污染
整改要求:完成替代。
整改期限:2020年底
责任部门:县政府
督办单位:市督查室
重点措施:组织排查。
"""


def test_tasks_from_labelled_items_with_synonyms() -> None:
    text, root = outline_of(LABELLED)
    tasks = find_raw_tasks(text, root)
    assert [t.seq for t in tasks] == ["1", "2"]
    first, second = tasks
    assert first.category == "大气污染"
    assert first.problem is not None and first.problem.text == "某市颗粒物浓度上升。"
    assert {k: v.text for k, v in first.fields.items()} == {
        "target": "浓度下降。", "deadline": "2021年6月30日前", "lead_units": "市生态环境局",
        "cooperating_units": "市住建局", "persons": "张三", "measures": "(1)加强监测。(2)严格执法。",
    }
    assert [(m.label, m.piece.text) for m in first.measures] == [("(1)", "加强监测。"), ("(2)", "严格执法。")]
    assert second.fields["target"].text == "完成替代。"
    assert second.fields["supervisors"].text == "市督查室"
    for task in tasks:
        for piece in task.fields.values():
            assert text[piece.span[0]:piece.span[1]] == piece.text


def test_labels_after_a_numbered_target_list_are_the_items_again() -> None:
    text, root = outline_of("一、某园区地下水污染问题\n责任单位:园区管委会\n整改时限:2025年底前\n整改目标:\n"
                            "1.2022年底前完成调查。\n2.2025年底前完成风险管控。\n整改措施:\n(一)开展调查评估。\n(二)实施管控工程。\n"
                            "二、某河断面超标问题\n责任单位:市水务局\n整改时限:2022年底前\n")
    first, second = find_raw_tasks(text, root)
    assert first.fields["target"].text == "1.2022年底前完成调查。\n2.2025年底前完成风险管控。"
    assert [(m.label, m.piece.text) for m in first.measures] == [("(一)", "开展调查评估。"), ("(二)", "实施管控工程。")]
    assert second.fields["responsible_units"].text == "市水务局"


def test_items_with_labels_of_their_own_under_a_list_field_stay_tasks() -> None:
    # the numbered items under 整改目标: each hold a task's labels: tasks, not the target's list
    text, root = outline_of("一、大气污染问题\n整改目标:\n1.某区扬尘污染。\n责任单位:市住建局\n整改时限:2022年底前\n"
                            "2.某县散煤燃烧。\n责任单位:市发改委\n整改时限:2022年底前\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.fields["responsible_units"].text) for t in tasks] == [("1", "市住建局"), ("2", "市发改委")]


@pytest.mark.parametrize(("line", "field", "value"), [
    ("整改完成时限:2021年底前", "deadline", "2021年底前"),
    ("完成时限要求:2022年6月底前", "deadline", "2022年6月底前"),
    ("整改时间节点:2022年底前", "deadline", "2022年底前"),  # not 整改时间 with the value 节点:…
    ("整改牵头单位:县市场监管局", "lead_units", "县市场监管局"),
    ("整改配合单位:县城管局", "cooperating_units", "县城管局"),
    ("县级责任领导:副县长杨柳", "leaders", "副县长杨柳"),
])
def test_label_synonyms_of_county_lists(line: str, field: str, value: str) -> None:
    text, root = outline_of(f"1.某河采砂破坏河道。\n责任单位:县水利局\n{line}\n2.另一问题。\n责任单位:县林业局\n整改时限:2022年底前\n")
    first = find_raw_tasks(text, root)[0]
    assert first.fields[field].text == value


def test_a_separated_deadline_synonym_is_no_label_in_a_sentence() -> None:
    # 整改完成时间 is read only with its separator: bare at a line start it opens prose
    text, root = outline_of("1.某河采砂破坏河道。\n责任单位:县水利局\n整改时限:2022年底前\n整改完成时间较原计划有所提前。\n")
    first = find_raw_tasks(text, root)[0]
    # no label cut it: the deadline is its one line, and nothing reads the prose as a value
    assert first.fields["deadline"].text == "2022年底前"
    assert all("较原计划" not in piece.text for piece in first.fields.values())
    assert "较原计划" in text[first.span[0]:first.span[1]]


def test_one_task_page_with_label_headings() -> None:
    text, root = outline_of("关于第三项整改任务的公示\n一、整改问题\n某河段黑臭。\n二、整改措施\n(一)截污。\n(二)清淤。\n三、整改完成情况\n已完成整改。")
    tasks = find_raw_tasks(text, root)
    assert len(tasks) == 1
    task = tasks[0]
    assert task.problem is not None and task.problem.text == "某河段黑臭。"
    assert [m.label for m in task.measures] == ["(一)", "(二)"]
    assert task.fields["status"].text == "已完成整改。"


def test_task_groups_become_dotted_seqs() -> None:
    text = ("第五项,总的问题。\n以上问题分2个方面进行整改。\n(一)第一个方面。\n整改目标:甲。\n整改时限:2021年年底前\n"
            "责任单位:某县政府\n(二)第二个方面。\n整改目标:乙。\n整改时限:2020年年底前\n责任单位:某县政府\n")
    text, root = outline_of(text)
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None) for t in tasks] == [("5.1", "第一个方面。"), ("5.2", "第二个方面。")]


def test_added_synonym_needs_no_code_change(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = label_rules().model_copy(deep=True)
    rules.fields["deadline"].append("办理时限")
    for cached in (label_rules,):
        monkeypatch.setattr("extract.fields.patterns.label_rules", lambda: rules)
        cached.cache_clear()
    from extract.fields import patterns

    patterns.label_lookup.cache_clear()
    patterns.label_re.cache_clear()
    try:
        assert header_field("办理时限") == "deadline"
        assert patterns.label_re().search("办理时限:2021年底").group("label") == "办理时限"
    finally:
        patterns.label_lookup.cache_clear()
        patterns.label_re.cache_clear()


def test_seed_002_all_tasks() -> None:
    composed = compose(lines_to_blocks(seed_path("002_").read_text(encoding="utf-8")), Script.simplified)
    tasks = find_raw_tasks(composed.text, build_outline(composed.text, composed.blocks))
    assert [t.seq for t in tasks] == [str(n) for n in range(1, 17)] + ["17.1", "17.2"]
    assert {t.category for t in tasks[:9]} == {"例行督察"} and {t.category for t in tasks[9:]} == {"专项督察"}


@pytest.mark.parametrize(("title", "seq"), [
    ("关于第一轮督察第三项整改任务的整改情况公示", "3"),
    ("关于第12项问题整改情况的公示", "12"),
    ("关于243号问题整改完成情况的公示", "243"),
    ("关于某问题整改完成情况的公示", "1"),
])
def test_single_task_notice_takes_its_seq_from_the_title(title: str, seq: str) -> None:
    text, root = outline_of(f"{title}\n一、反馈问题\n某地存在问题。\n二、整改措施\n已关停。\n三、整改完成情况\n已完成。\n")
    assert [t.seq for t in find_raw_tasks(text, root)] == [seq]


@pytest.mark.parametrize(("text", "seqs"), [
    ("某表\n序号:8\n问题:甲问题。\n整改时限:2021年底前\n完成情况:已完成。\n"
     "序号9(市序号10)\n问题:乙问题。\n整改时限:立行立改\n完成情况:正在推进。\n", ["8", "9"]),
    ("某表\n问题:甲问题。\n责任单位:市住建局\n整改时限:2021年底前\n"
     "问题:乙问题。\n责任单位:市水务局\n整改时限:立行立改\n", ["1", "2"]),
])
def test_unnumbered_label_records_are_one_task_each(text: str, seqs: list[str]) -> None:
    text, root = outline_of(text)
    tasks = find_raw_tasks(text, root)
    assert [t.problem.text if t.problem else None for t in tasks] == ["甲问题。", "乙问题。"]
    assert [t.fields["deadline"].text for t in tasks] == ["2021年底前", "立行立改"]
    assert [t.seq for t in tasks] == seqs


def test_records_need_the_opening_label_again() -> None:
    text, root = outline_of("某公示\n问题:甲问题。\n责任单位:市住建局\n整改时限:2021年底前\n完成情况:已完成。\n")
    assert [t.seq for t in find_raw_tasks(text, root)] == ["1"]


def test_problem_stops_before_the_bracket_that_holds_the_labels() -> None:
    text, root = outline_of("1.锅炉淘汰不到位。仍有锅炉12台。(责任单位:市生态环境局;完成时限:2021年10月底前)\n"
                            "2.乙问题。\n责任单位:市住建局\n整改时限:2021年底前\n")
    first = find_raw_tasks(text, root)[0]
    assert first.problem is not None and first.problem.text == "锅炉淘汰不到位。仍有锅炉12台。"
    assert first.fields["responsible_units"].text == "市生态环境局"


@pytest.mark.parametrize(("text", "problems", "progress", "measures"), [
    # 一、关于…问题: then the progress
    ("某市督察整改情况的报告\n一、关于水源地违规建筑问题:已拆除,整改完成。\n"
     "二、关于垃圾填埋场渗滤液问题的整改进展:处理站正在调试。\n三、下一步工作\n持续推进。\n",
     [("1", "水源地违规建筑问题"), ("2", "垃圾填埋场渗滤液问题")], ["已拆除,整改完成。", "处理站正在调试。"], [0, 0]),
    # 1.某问题。整改情况: the progress under a status label alone
    ("某市督察整改落实情况的报告\n二、具体问题整改情况\n1.某园区污水处理厂超负荷问题。整改情况:已新建二期工程,已完成整改。\n"
     "2.某河生态流量不足问题。整改情况:正在推进中。\n",
     [("1", "某园区污水处理厂超负荷问题。"), ("2", "某河生态流量不足问题。")], ["已新建二期工程,已完成整改。", "正在推进中。"], [0, 0]),
    # 一、关于“<the feedback quoted>” then 整改进展情况: and numbered measures
    ("某省整改进展情况报告\n一、关于“某市污水管网建设滞后,进水浓度偏低。”\n整改进展情况:已经完成,长期坚持。\n"
     "1.新建改造管网80公里。\n2.实施一厂一策。\n二、关于“某县码头整治不彻底。”\n整改进展情况:基本完成。\n1.逐一复核码头。\n",
     [("1", "某市污水管网建设滞后,进水浓度偏低。"), ("2", "某县码头整治不彻底。")], ["已经完成,长期坚持。", "基本完成。"], [2, 1]),
    # the problem's sentence, then a line on 该问题 and 一是…二是…
    ("某市整改情况的报告\n二、具体整改情况\n(一)某河黑臭水体返黑返臭。\n该问题已完成整改。一是截污管网改造。二是每日巡河。\n"
     "(二)乡镇污水设施未正常运行。\n该问题正在整改,达到序时进度。一是设施提标改造。\n",
     [("1", "某河黑臭水体返黑返臭。"), ("2", "乡镇污水设施未正常运行。")], ["该问题已完成整改。", "该问题正在整改,达到序时进度。"], [2, 1]),
])
def test_report_items_name_their_problem_and_progress(text: str, problems: list[tuple[str, str]],
                                                      progress: list[str], measures: list[int]) -> None:
    text, root = outline_of(text)
    tasks = report_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None) for t in tasks] == problems
    assert [t.fields["status"].text for t in tasks] == progress
    assert [len(t.measures) for t in tasks] == measures  # numbered sub-items are the item's measures


def test_report_items_under_report_like_groups_are_the_tasks() -> None:
    """一、关于“…”方面 over (一)关于“…”的问题 items: the items are the tasks, not the groups."""
    text, root = outline_of("某省整改进展情况报告\n一、关于“水环境问题”方面\n(一)关于“甲河黑臭”的问题\n整改进展情况:已完成整改。\n"
                            "(二)关于“乙区污水直排”的问题\n整改进展情况:正在推进。\n二、关于“大气问题”方面\n"
                            "(一)关于“丙地扬尘”的问题\n整改进展情况:已完成整改。\n")
    tasks = report_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None, t.fields["status"].text) for t in tasks] == [
        ("1.1", "甲河黑臭", "已完成整改。"), ("1.2", "乙区污水直排", "正在推进。"), ("2.1", "丙地扬尘", "已完成整改。")]


def test_one_report_item_alone_is_no_task_list() -> None:
    text, root = outline_of("某市督察整改情况的报告\n一、关于水源地违规建筑问题:已拆除。\n二、下一步工作\n")
    assert report_tasks(text, root) == []


def test_labels_without_separator_at_line_start() -> None:
    text, root = outline_of("第一项,某问题。\n整改目标全面完成治理。\n整改时限2017年9月30日前\n责任单位市住建局\n"
                            "第二项,另一问题。\n整改时限2018年底前\n责任单位延安市住房和城乡建设局\n")
    first, second = find_raw_tasks(text, root)
    assert first.fields["target"].text == "全面完成治理。"
    assert first.fields["deadline"].text == "2017年9月30日前"
    assert first.fields["responsible_units"].text == "市住建局"
    assert second.fields["responsible_units"].text == "延安市住房和城乡建设局"  # 延 opens a place, no verb


@pytest.mark.parametrize(("line", "problem"), [
    ("问题一:某河黑臭。", "某河黑臭。"),  # 问题一: numbers the task: no bare 问题 label
    ("问题1.某河黑臭。", "某河黑臭。"),
    ("问题名称某河黑臭。", "某河黑臭。"),  # a bare label still reads
])
def test_a_bare_label_before_an_ordinal_is_a_numbering_label(line: str, problem: str) -> None:
    text, root = outline_of(f"{line}\n整改时限:2021年底前\n责任单位:市水务局\n")
    raw = find_raw_tasks(text, root)[0]
    assert raw.problem is not None and raw.problem.text == problem


def test_a_bare_deadline_label_before_a_number_still_reads() -> None:
    text, root = outline_of("第一项,某问题。\n整改时限1.5年内\n责任单位:市住建局\n")
    assert find_raw_tasks(text, root)[0].fields["deadline"].text == "1.5年内"


@pytest.mark.parametrize("line", ["责任单位要加强领导。", "责任单位增加市住建局。", "责任单位调整为市水务局。"])
def test_label_word_in_prose_is_not_a_label(line: str) -> None:
    text, root = outline_of(f"第一项,某问题。\n整改目标:甲。\n整改时限:2020年底前\n{line}\n")
    raw = find_raw_tasks(text, root)[0]
    assert "responsible_units" not in raw.fields


def test_separator_only_labels_are_read_with_a_separator_alone() -> None:
    text, root = outline_of("第一项,某问题。\n整改时限:2021年底前\n整改进展:已完成拆除。\n"
                            "第二项,另一问题。\n整改时限:2022年底前\n责任单位:市水务局\n整改进展顺利,正在推进。\n")
    first, second = find_raw_tasks(text, root)
    assert first.fields["status"].text == "已完成拆除。"  # 整改进展: a label
    assert "status" not in second.fields  # 整改进展顺利: a sentence, not the bare label


@pytest.mark.parametrize(("line", "field", "value"), [
    ("责任省领导:副省长某某某", "leaders", "副省长某某某"),
    ("牵头区领导:副区长某某", "leaders", "副区长某某"),
    ("包保领导:某某", "leaders", "某某"),
    ("督办领导:某某", "leaders", "某某"),
    ("参与单位:市水务局", "cooperating_units", "市水务局"),
    ("销号情况:已销号。", "status", "已销号。"),
    ("整改任务:城区黑臭水体未消除。", "problem", "城区黑臭水体未消除。"),
])
def test_more_label_synonyms(line: str, field: str, value: str) -> None:
    text, root = outline_of(f"第一项\n{line}\n整改时限:2021年底前\n责任单位:市水务局\n"
                            "第二项,另一问题。\n整改时限:2022年底前\n责任单位:市水务局\n")
    raw = find_raw_tasks(text, root)[0]
    got = raw.problem if field == "problem" else raw.fields.get(field)
    assert got is not None and got.text == value


@pytest.mark.parametrize("lead", ["督察指出", "督察发现", "反馈指出", "督察报告指出"])
def test_the_feedbacks_lead_with_a_colon_labels_the_problem(lead: str) -> None:
    """1.督察指出:某问题。 — the lead and its colon are a label, not part of the problem."""
    text, root = outline_of(f"1.{lead}:某园区污水处理设施不完善。\n牵头单位:市工信局\n完成时限:2023年6月底前\n"
                            f"2.{lead}:某河段存在非法采砂。\n牵头单位:市水利局\n完成时限:2022年底前\n")
    first, second = find_raw_tasks(text, root)
    assert first.problem is not None and first.problem.text == "某园区污水处理设施不完善。"
    assert second.problem is not None and second.problem.text == "某河段存在非法采砂。"


def test_the_feedbacks_lead_in_a_sentence_is_no_label() -> None:
    text, root = outline_of("1.某园区,督察指出其污水处理设施不完善。\n牵头单位:市工信局\n完成时限:2023年6月底前\n"
                            "2.某河段非法采砂。\n牵头单位:市水利局\n完成时限:2022年底前\n")
    raw = find_raw_tasks(text, root)[0]
    assert raw.problem is not None and raw.problem.text == "某园区,督察指出其污水处理设施不完善。"


def test_separator_only_problem_label_is_no_label_in_a_sentence() -> None:
    text, root = outline_of("第一项,某问题。\n整改时限:2021年底前\n责任单位:市林草局\n整改任务已全部完成。\n"
                            "第二项,另一问题。\n整改时限:2022年底前\n责任单位:市水务局\n")
    raw = find_raw_tasks(text, root)[0]
    assert raw.problem is not None and raw.problem.text == "某问题。"


@pytest.mark.parametrize("text", [
    # items whose 整改措施 is a numbered list, with more labels after it
    "(一)甲厂超负荷运行。\n整改措施:\n1.新建二期工程。\n2.完善配套管网。\n整改时限:2021年底前\n责任单位:市住建局\n"
    "整改进展:已完成整改。\n(二)乙站渗滤液直排。\n整改措施:\n1.建设收集池。\n2.定期清运处理。\n"
    "整改时限:2021年6月底前\n责任单位:市城管局\n整改进展:正在推进。\n",
    # unnumbered records, each with a numbered 整改措施 list
    "问题序号:1\n反馈问题:甲厂超负荷运行。\n整改措施:\n1.新建二期工程。\n2.完善配套管网。\n整改时限:2021年底前\n"
    "责任单位:市住建局\n整改进展:已完成整改。\n问题序号:2\n反馈问题:乙站渗滤液直排。\n整改措施:\n1.建设收集池。\n"
    "2.定期清运处理。\n整改时限:2021年6月底前\n责任单位:市城管局\n整改进展:正在推进。\n",
])
def test_a_numbered_measure_list_is_no_task_and_labels_after_it_are_the_items(text: str) -> None:
    text, root = outline_of(text)
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None) for t in tasks] == [
        ("1", "甲厂超负荷运行。"), ("2", "乙站渗滤液直排。")]
    assert [[m.piece.text for m in t.measures] for t in tasks] == [
        ["新建二期工程。", "完善配套管网。"], ["建设收集池。", "定期清运处理。"]]
    assert [(t.fields["deadline"].text, t.fields["status"].text) for t in tasks] == [
        ("2021年底前", "已完成整改。"), ("2021年6月底前", "正在推进。")]


def test_measures_each_with_a_deadline_and_units_are_parts_of_their_item() -> None:
    """第1项 with its problem and 整改目标, then 整改措施: and numbered measures each with
    整改期限 and 责任单位: one part per measure (1.1, 1.2) sharing the item's problem and target."""
    text, root = outline_of(
        "第1项:甲县重开发轻保护。\n整改目标:履行主体责任。\n整改措施:\n1.定期召开专题会议。\n整改期限:2018年3月底前\n"
        "责任单位:省委办公厅\n2.纳入综合考核。\n整改期限:2018年6月底前\n责任单位:省委组织部\n"
        "第2项:乙地岸线违建。\n整改目标:生态岸线修复。\n整改措施:\n1.全面排查。\n整改期限:2018年4月底前\n责任单位:省国土厅\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None, t.fields["target"].text, t.fields["deadline"].text,
             [m.piece.text for m in t.measures]) for t in tasks] == [
        ("1.1", "甲县重开发轻保护。", "履行主体责任。", "2018年3月底前", ["定期召开专题会议。"]),
        ("1.2", "甲县重开发轻保护。", "履行主体责任。", "2018年6月底前", ["纳入综合考核。"]),
        # one measure alone: its labels close the list, and the item is the task
        ("2", "乙地岸线违建。", "生态岸线修复。", "2018年4月底前", ["全面排查。"])]


def test_labels_per_measure_stay_with_their_measures() -> None:
    """Labels under every numbered measure are the measures' own: the item keeps its list."""
    text, root = outline_of(
        "(一)甲厂超负荷运行。\n整改时限:2021年底前\n责任单位:市住建局\n整改措施:\n1.新建二期工程。\n责任单位:市住建局\n"
        "2.完善配套管网。\n责任单位:市水务局\n(二)乙站渗滤液直排。\n整改时限:2022年底前\n责任单位:市城管局\n")
    first = find_raw_tasks(text, root)[0]
    assert first.seq == "1" and first.fields["responsible_units"].text == "市住建局"
    assert len(first.measures) == 2


def test_a_problem_heading_over_measures_with_their_own_labels() -> None:
    """(一)关于…的问题 over numbered sentences that each close with their labels: one task
    per sentence, the heading its problem and the sentence its measure."""
    text, root = outline_of(
        "三、整改任务\n(一)关于某河排污口整治不到位的问题\n1.开展排污口排查。(牵头单位:市生态环境局;完成时限:2022年底前)\n"
        "2.建立长效监管机制。(责任单位:市水利局;完成时限:长期坚持)\n(二)关于某园区污染治理滞后的问题\n"
        "1.实施土壤修复。(牵头单位:某区政府;完成时限:2023年底前)\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None) for t in tasks] == [
        ("1.1", "某河排污口整治不到位的问题"), ("1.2", "某河排污口整治不到位的问题"), ("2.1", "某园区污染治理滞后的问题")]
    assert [[(m.label, m.piece.text) for m in t.measures] for t in tasks] == [
        [("1.", "开展排污口排查。")], [("2.", "建立长效监管机制。")], [("1.", "实施土壤修复。")]]
    assert all(t.category is None for t in tasks)


def test_a_problem_sentence_heading_over_measures_with_their_own_labels() -> None:
    """A heading naming a shortcoming without 关于 ((一)某河段非法采砂问题突出) over items that
    each open with a measure's verb and close with their labels: the heading, as written, is
    each item's problem and the item its one measure; the category is the heading above it."""
    text, root = outline_of(
        "一、水污染问题\n(一)某河段非法采砂问题突出\n1.开展专项整治行动。(牵头单位:市水利局;完成时限:2022年底前)\n"
        "2.建立长效监管机制。(牵头单位:市公安局;完成时限:长期坚持)\n(二)城区污水管网建设滞后\n"
        "1.实施管网改造工程。(牵头单位:市住建局;完成时限:2023年6月底前)\n"
        "二、大气污染问题\n(一)部分地区散煤污染问题较为突出\n1.推进清洁取暖改造。(牵头单位:市发展改革委;完成时限:2022年10月底前)\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.problem.text if t.problem else None, [m.piece.text for m in t.measures], t.category) for t in tasks] == [
        ("某河段非法采砂问题突出", ["开展专项整治行动。"], "水污染"),
        ("某河段非法采砂问题突出", ["建立长效监管机制。"], "水污染"),
        ("城区污水管网建设滞后", ["实施管网改造工程。"], "水污染"),
        ("部分地区散煤污染问题较为突出", ["推进清洁取暖改造。"], "大气污染")]
    assert [t.fields["lead_units"].text for t in tasks] == ["市水利局", "市公安局", "市住建局", "市发展改革委"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a domain's name, no shortcoming: the items are the problems, the heading their category
        ("三、整改任务\n(一)大气污染问题\n1.某市颗粒物浓度不降反升。(牵头单位:市生态环境局;完成时限:2022年底前)\n"
         "2.部分企业违规排放。(牵头单位:市工信局;完成时限:2022年6月底前)\n(二)生态保护类\n"
         "1.保护区内违规建设。(牵头单位:市林业局;完成时限:长期坚持)\n",
         [("某市颗粒物浓度不降反升。", "大气污染"), ("部分企业违规排放。", "大气污染"), ("保护区内违规建设。", "生态保护类")]),
        # a shortcoming over the problems it groups: its items open with no measure's verb
        ("一、生态环境保护责任落实不到位\n1.某县违规审批化工项目。(牵头单位:县政府;完成时限:2022年底前)\n"
         "2.部分部门监管职责履行不力。(牵头单位:市委编办;完成时限:长期坚持)\n",
         [("某县违规审批化工项目。", "生态环境保护责任落实不到位"), ("部分部门监管职责履行不力。", "生态环境保护责任落实不到位")]),
        # a domain over measures: no shortcoming named, each measure stays a task of its category
        ("三、整改任务\n(一)大气污染防治\n1.开展扬尘专项整治。(牵头单位:市住建局;完成时限:2022年底前)\n"
         "2.加快淘汰燃煤锅炉。(牵头单位:市生态环境局;完成时限:2022年底前)\n",
         [("开展扬尘专项整治。", "大气污染防治"), ("加快淘汰燃煤锅炉。", "大气污染防治")]),
        # a list's own name (例行督察反馈问题) is no problem though its items are measures
        ("一、例行督察反馈问题整改不到位\n1.开展整改回头看。(牵头单位:市整改办;完成时限:2022年底前)\n"
         "2.建立销号制度。(牵头单位:市整改办;完成时限:长期坚持)\n",
         [("开展整改回头看。", "例行督察反馈问题整改不到位"), ("建立销号制度。", "例行督察反馈问题整改不到位")]),
    ],
)
def test_headings_that_stay_categories(text: str, expected: list[tuple[str, str]]) -> None:
    text, root = outline_of(text)
    tasks = find_raw_tasks(text, root)
    assert [(t.problem.text if t.problem else None, t.category) for t in tasks] == expected
    assert all(not t.measures for t in tasks)


def test_measures_on_one_line_after_their_closing_brackets_under_a_problem_heading() -> None:
    """1.…。(2022年底前完成,市住建局负责)2.…。(长期坚持,…负责) on one line: the bracket of cue
    parts ends the first measure, so each is a task of the heading's problem with its own units."""
    text, root = outline_of(
        "三、整改任务\n(一)关于某河排污口整治不到位的问题\n"
        "1.开展整治。(2022年底前完成,市住建局负责)2.建立机制。(长期坚持,各县区政府负责)\n"
        "(二)某园区污染治理滞后\n"
        "1.实施土壤修复。(牵头单位:某区政府;完成时限:2023年底前)2.开展跟踪监测。(牵头单位:市生态环境局;完成时限:长期坚持)\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.problem.text if t.problem else None, [m.piece.text for m in t.measures]) for t in tasks] == [
        ("某河排污口整治不到位的问题", ["开展整治。"]), ("某河排污口整治不到位的问题", ["建立机制。"]),
        ("某园区污染治理滞后", ["实施土壤修复。"]), ("某园区污染治理滞后", ["开展跟踪监测。"])]
    assert [t.fields["deadline"].text for t in tasks] == ["2022年底前完成", "长期坚持", "2023年底前", "长期坚持"]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("1.开展整治。(2022年底前完成,市住建局负责)2.建立机制。", ["1.", "2."]),
        ("1.开展整治。(牵头单位:市水利局;完成时限:2022年底前)2.建立机制。", ["1.", "2."]),
        ("1.开展整治(市住建局(牵头)、市生态环境局)2.建立机制。", ["1.", "2."]),
        ("一是开展整治(市住建局负责)二是建立机制。", ["一是", "二是"]),
        # prose: a reference, an enumeration, a year, a decimal after a bracket
        ("1.对照第(2)项要求评估(1)(2)两类地块。", ["1."]),
        ("1.据统计(2021年)2、3月份浓度上升。", ["1."]),
        ("1.浓度(PM2.5)2.5倍于标准。", ["1."]),
        ("1.详见附件(2)3.开展整治。", ["1."]),
    ],
)
def test_an_inline_label_after_a_closing_bracket_of_labels(text: str, labels: list[str]) -> None:
    assert [m.label for m in find_markers(text)] == labels


def test_complaint_case_records_keyed_by_their_case_number() -> None:
    """Records of a complaint notice: 受理编号 opens each; a record with its problem and one
    field more is a task; the other labels (行政区域, 是否属实) end the values before them."""
    text, root = outline_of(
        "受理编号:D1AB202009190012\n转办问题基本情况:某工地渣土车带泥上路。\n行政区域:某区\n是否属实:属实\n"
        "处理和整改情况:已修复冲洗平台,已整改到位。\n备注:已办结。\n"
        "受理编号:X1AB202009190031\n转办问题基本情况:某收购站露天堆放废电池。\n是否属实:部分属实\n"
        "处理和整改情况:收运手续正在办理。\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None, t.fields["status"].text) for t in tasks] == [
        ("D1AB202009190012", "某工地渣土车带泥上路。", "已修复冲洗平台,已整改到位。"),
        ("X1AB202009190031", "某收购站露天堆放废电池。", "收运手续正在办理。")]


def test_a_complaint_record_keeps_its_place_apart_from_its_fields() -> None:
    """行政区域 (a region label) ends the value before it and is the record's place, not a field."""
    text, root = outline_of(
        "受理编号:D1AB202009190012\n交办问题基本情况:某工地渣土车带泥上路。\n所在地区:莲湖区\n"
        "处理和整改情况:已整改到位。\n受理编号:X1AB202009190031\n交办问题基本情况:某收购站露天堆放废电池。\n"
        "处理和整改情况:正在办理。\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.problem.text if t.problem else None, [p.text for p in t.regions], sorted(t.fields))
            for t in tasks] == [("某工地渣土车带泥上路。", ["莲湖区"], ["status"]),
                                ("某收购站露天堆放废电池。", [], ["status"])]


def test_numbered_complaint_records_are_read_as_records() -> None:
    """1.受理编号:… 2.受理编号:…: each item a record (its problem and its progress), numbered
    by its item; the case number no longer runs into the record before."""
    text, root = outline_of(
        "1.受理编号:D1AB202009190012\n交办问题基本情况:某工地渣土车带泥上路。\n行政区域:莲湖区\n"
        "处理和整改情况:已整改到位。\n2.受理编号:X1AB202009190031\n交办问题基本情况:某收购站露天堆放废电池。\n"
        "行政区域:新城区\n处理和整改情况:正在办理。\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None, t.fields["status"].text, t.fields["seq"].text,
             [p.text for p in t.regions]) for t in tasks] == [
        ("1", "某工地渣土车带泥上路。", "已整改到位。", "D1AB202009190012", ["莲湖区"]),
        ("2", "某收购站露天堆放废电池。", "正在办理。", "X1AB202009190031", ["新城区"])]


def test_numbered_items_opening_with_no_record_label_are_no_records() -> None:
    """Items whose labels follow a sentence of their own are no records (nor is one item alone)."""
    text, root = outline_of("1.某工地扬尘。受理编号:D1AB202009190012\n处理和整改情况:已整改。\n"
                            "2.某河黑臭。受理编号:D1AB202009190013\n处理和整改情况:正在办理。\n")
    assert find_raw_tasks(text, root) == []
    text, root = outline_of("1.受理编号:D1AB202009190012\n交办问题基本情况:某工地扬尘。\n处理和整改情况:已整改。\n")
    assert find_raw_tasks(text, root) == []


def test_a_problem_heading_leaves_labelled_problems_alone() -> None:
    text, root = outline_of("一、关于例行督察反馈问题的整改\n1.问题:甲河黑臭。\n整改目标:消除黑臭。\n责任单位:市住建局\n"
                            "2.问题:乙地扬尘。\n整改目标:落实防尘。\n责任单位:市城管局\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.problem.text if t.problem else None, t.measures) for t in tasks] == [("甲河黑臭。", []), ("乙地扬尘。", [])]


def test_labels_in_lenticular_brackets() -> None:
    text, root = outline_of("(一)甲厂超负荷运行。\n【责任单位】市住建局(牵头)、市城管局\n【整改时限】2022年6月底前\n"
                            "【整改措施】1.扩容提标。2.雨污分流。\n(二)乙镇水源地违建。\n【责任单位】市水利局\n【整改时限】2021年9月底前\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None) for t in tasks] == [
        ("1", "甲厂超负荷运行。"), ("2", "乙镇水源地违建。")]
    assert [t.fields["deadline"].text for t in tasks] == ["2022年6月底前", "2021年9月底前"]
    assert tasks[0].fields["responsible_units"].text == "市住建局(牵头)、市城管局"
    assert len(tasks[0].measures) == 2


BRACKET_RECORDS = "【问题1】甲河断面超标。【整改时限】2021年底前【责任单位】市住建局【问题2】乙园区污水直排。【整改时限】2022年底前【责任单位】市生态环境局"


@pytest.mark.parametrize("text", [
    BRACKET_RECORDS,  # inline, a record right after the units before it
    "整改情况如下\n" + BRACKET_RECORDS.replace("【", "\n【").lstrip(),  # each part on a line of its own
    BRACKET_RECORDS.replace("问题1", "问题一").replace("问题2", "问题二"),
    BRACKET_RECORDS.replace("【问题1】", "【第1项】").replace("【问题2】", "\n【第2项】"),
])
def test_bracketed_ordinals_open_records(text: str) -> None:
    """【问题1】 (【问题一】, 【第1项】) opens a record naming its task: the problem starts after
    it, not on the line before, and the units before the next one stop there."""
    text, root = outline_of(text)
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None, t.fields["deadline"].text,
             t.fields["responsible_units"].text) for t in tasks] == [
        ("1", "甲河断面超标。", "2021年底前", "市住建局"), ("2", "乙园区污水直排。", "2022年底前", "市生态环境局")]


EXPOSURE_RECORDS = ("某市突出生态环境问题曝光\n某局对突出问题公开曝光,督促整改。\n"
                    "【3月2日 问题一】\n【点位名称】甲路段\n【所属区域】甲区\n【主管单位】市城管局\n"
                    "【存在问题】\n路面积尘。\n【整改期限】立行立改\n"
                    "【3月2日 问题二】\n【点位名称】乙工地\n【所属区域】乙县\n【主管单位】市住建局\n"
                    "【存在问题】\n裸土未苫盖。\n【整改期限】2022年3月底前\n")


def test_an_exposure_records_bureau_in_charge_is_its_unit() -> None:
    """A bureau's exposure record (【3月2日 问题一】, its date in the bracket) names the unit
    in charge (【主管单位】), the record's responsible unit."""
    text, root = outline_of(EXPOSURE_RECORDS)
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None, t.fields["responsible_units"].text) for t in tasks] == [
        ("1", "路面积尘。", "市城管局"), ("2", "裸土未苫盖。", "市住建局")]


def test_a_bare_bureau_in_charge_line_is_no_unit() -> None:
    """主管单位: with a colon closes a web page's footer: no task's unit."""
    text, root = outline_of("1.甲河黑臭。\n责任单位:市水务局\n整改时限:2022年底前\n"
                            "2.乙地扬尘。\n整改目标:落实防尘。\n整改时限:2022年底前\n\n主管单位:某市人民政府\n")
    tasks = find_raw_tasks(text, root)
    assert [t.fields["responsible_units"].text if "responsible_units" in t.fields else None for t in tasks] == [
        "市水务局", None]


@pytest.mark.parametrize(("text", "found"), [
    ("【3月2日 问题一】甲", [("bracket_problem", 1)]),
    ("【问题3】甲", [("bracket_problem", 3)]),
    ("【第十二项问题】甲", [("bracket_item", 12)]),
    ("【问题】甲【整改措施】乙【第1】丙", []),  # a label, a label, no ordinal
])
def test_bracketed_ordinal_labels(text: str, found: list[tuple[str, int]]) -> None:
    assert [(m.style, m.n) for m in find_markers(text)] == found


def test_a_bracketed_ordinal_in_prose_opens_no_record() -> None:
    # a reference to another record inside a sentence continues no sequence: no item
    _, root = outline_of("1.甲河断面超标,详见【问题2】所述。\n2.乙园区污水直排。\n")
    assert [n.marker.label for n in root.walk() if n.marker] == ["1.", "2."]


def test_labels_inside_a_closing_bracket() -> None:
    text, root = outline_of("1.某问题整改。(责任单位:市林草局;完成时限:2021年底前)\n2.另一问题。(责任单位:市水务局;完成时限:2022年底前)\n")
    tasks = find_raw_tasks(text, root)
    assert [t.fields["deadline"].text for t in tasks] == ["2021年底前", "2022年底前"]
    assert [t.fields["responsible_units"].text for t in tasks] == ["市林草局", "市水务局"]


def test_units_in_a_closing_bracket_without_labels() -> None:
    text, root = outline_of(
        "一、重点任务\n1.加快污水管网建设。(市住建局牵头,各县区政府按职责分工负责;2021年底前完成)\n"
        "2.整治散乱污企业。(市生态环境局牵头,市工信局配合)\n")
    tasks = find_raw_tasks(text, root)
    assert [t.seq for t in tasks] == ["1", "2"]
    assert tasks[0].fields["lead_units"].text == "市住建局"
    assert tasks[0].fields["responsible_units"].text == "各县区政府"
    assert tasks[0].fields["deadline"].text == "2021年底前完成"
    assert tasks[1].fields["cooperating_units"].text == "市工信局"
    assert tasks[0].problem is not None and tasks[0].problem.text == "加快污水管网建设。"


def test_items_telling_fewer_fields_beside_labelled_tasks() -> None:
    # a plan whose items close with units in brackets, some with labels, some without, and
    # one item naming its units alone (责任单位:…): all are tasks of one list
    text, root = outline_of(
        "三、整改任务\n(一)提高政治站位\n"
        "1.加强学习。2022年9月底前完成专题学习。(市委宣传部牵头,市委组织部配合)\n"
        "2.严格考核。(市委组织部、市生态环境局按职责分工负责)\n"
        "(二)推进污染治理\n"
        "3.整治黑臭水体。2023年6月底前消除。(责任单位:市住建局,市生态环境局)\n"
        "4.管控扬尘。立行立改。(牵头市领导:王强;责任单位:市住建局、市城管局)\n")
    tasks = find_raw_tasks(text, root)
    assert [t.seq for t in tasks] == ["1", "2", "3", "4"]
    assert tasks[0].fields["lead_units"].text == "市委宣传部"
    assert tasks[0].fields["cooperating_units"].text == "市委组织部"
    assert tasks[1].fields["responsible_units"].text == "市委组织部、市生态环境局"
    assert tasks[2].fields["responsible_units"].text == "市住建局,市生态环境局"
    assert tasks[3].fields["leaders"].text == "王强"
    assert [t.category for t in tasks] == ["提高政治站位"] * 2 + ["推进污染治理"] * 2


def test_items_of_another_top_level_section_are_no_weak_siblings() -> None:
    # 四、保障措施 beside 三、整改任务: its items with a unit each stay out of the task list
    text, root = outline_of(
        "三、整改任务\n1.整治黑臭水体。(牵头市领导:王强;责任单位:市住建局)\n2.管控扬尘。(牵头市领导:李明;责任单位:市城管局)\n"
        "四、保障措施\n1.加强组织领导。(市委办公室负责)\n2.强化督查问责。(责任单位:市纪委监委)\n")
    assert [t.seq for t in find_raw_tasks(text, root)] == ["1", "2"]


def test_an_item_of_another_style_beside_labelled_tasks_is_no_task() -> None:
    # a numbered note of another numbering style under the list reads as no task
    text, root = outline_of(
        "1.整治黑臭水体。(责任单位:市住建局;完成时限:2023年底前)\n"
        "2.管控扬尘。(责任单位:市城管局;完成时限:2022年底前)\n"
        "(1)各单位按季度报送进展。(市督察办负责)\n")
    assert [t.seq for t in find_raw_tasks(text, root)] == ["1", "2"]


@pytest.mark.parametrize(("bracket", "lead", "others"), [
    ("(市住建局(牵头)、市生态环境局,各县区政府负责)", "市住建局(牵头)、市生态环境局", "各县区政府"),
    ("(市住建局(牵头),市生态环境局;2022年底前)", "市住建局(牵头),市生态环境局", None),
])
def test_a_lead_marked_in_its_own_bracket_inside_the_closing_one(bracket: str, lead: str, others: str | None) -> None:
    text, root = outline_of(f"1.治理黑臭水体。{bracket}\n2.加强秸秆禁烧。(市农业农村局牵头,各县区政府落实)\n")
    first, second = find_raw_tasks(text, root)
    assert first.fields["lead_units"].text == lead
    assert (first.fields["responsible_units"].text if "responsible_units" in first.fields else None) == others
    assert first.problem is not None and first.problem.text == "治理黑臭水体。"
    assert second.fields["lead_units"].text == "市农业农村局"


def test_items_closing_with_one_labelled_bracket_each() -> None:
    # every item names its units alone in a labelled bracket: no item has two fields, yet
    # the list is the plan's tasks
    text, root = outline_of(
        "三、整改措施\n1.提标改造污水处理厂,2022年底前出水达标。(责任单位:市住建局)\n"
        "2.排查入河排污口。(责任单位:市生态环境局,市水务局)\n3.推进秸秆利用。(牵头单位:市农业农村局)\n")
    tasks = find_raw_tasks(text, root)
    assert [t.seq for t in tasks] == ["1", "2", "3"]
    assert tasks[0].fields["responsible_units"].text == "市住建局"
    assert tasks[1].fields["responsible_units"].text == "市生态环境局,市水务局"
    assert tasks[2].fields["lead_units"].text == "市农业农村局"
    assert [t.problem.text if t.problem else None for t in tasks][1:] == ["排查入河排污口。", "推进秸秆利用。"]


def test_one_task_per_page_notices() -> None:
    page = "关于第{n}项整改任务的整改情况公示\n一、整改问题\n问题{n}。\n二、整改时限\n2020年底前\n三、责任单位\n市住建局\n四、整改完成情况\n已完成。\n"
    text, root = outline_of(page.format(n="三") + page.format(n="五"))
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None) for t in tasks] == [("3", "问题三。"), ("5", "问题五。")]
    assert [t.fields["responsible_units"].text for t in tasks] == ["市住建局", "市住建局"]


def test_plan_sections_are_no_task() -> None:
    text, root = outline_of("一、总体要求\n坚持问题导向。\n二、整改目标\n(一)水质改善。\n三、整改措施\n(一)加强领导。\n(二)强化督办。\n")
    assert find_raw_tasks(text, root) == []


def _markers_as_scanned(text: str, start: int = 0, end: int | None = None) -> list[Marker]:
    """find_markers as first written (one pass of the regex module over exactly the range,
    the style read from groupdict): the reference the faster version must agree with."""
    import regex

    from extract.segment.numbering import marker_context, number_value, numbering_rules, unbracketed_styles

    end = len(text) if end is None else end
    inline, anywhere, inline_after, shi_after = marker_context()
    unbracketed = unbracketed_styles()
    pattern = regex.compile("|".join(f"(?P<{s.name}>{s.pattern.replace('(?P<n>', f'(?P<n_{s.name}>')})"
                                     for s in numbering_rules().styles))
    markers: list[Marker] = []
    for match in pattern.finditer(text, start, end, overlapped=False):
        style = next(name for name, value in match.groupdict().items()
                     if value is not None and not name.startswith("n_"))
        k = match.start() - 1
        while k >= start and text[k] in " \t\u3000":
            k -= 1
        at_start = k < start or text[k] == "\n" or (
            bool(markers) and markers[-1].end == match.start() and markers[-1].at_line_start)
        if not at_start and style not in anywhere:
            allowed = shi_after if style == "shi" else inline_after
            after_label = bool(markers) and markers[-1].end == match.start()
            if style not in inline or not (allowed.match(text[match.start() - 1]) or after_label):
                continue
        if style in unbracketed and regex.search(r"[(（][^()（）\n]*\Z", text[start:match.start()]):
            continue
        n = number_value(match.group(f"n_{style}"))
        if n is None or n == 0:
            continue
        markers.append(Marker(style, n, match.start(), match.end(), at_start))
    return markers


MARKER_ALPHABET = "第一二三四五六七八九十百零〇两0123456789０１２项个问题,，:：、.．()（）①②③⑳是。；;\n \t\u3000甲乙【】"


def _marker_texts() -> list[str]:
    import random

    rng = random.Random(11)
    fuzz = ["".join(rng.choice(MARKER_ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(2000)]
    # labels of several characters (【问题1】, 第2项) beside each other and after other labels
    pieces = ["【问题", "【第", "项】", "】", "【", "1", "2", "一", "二", "问题1:", "第2项", "1.", "(1)", "。", "\n", " ", "局", "甲"]
    fuzz += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(1500)]
    return fuzz + [seed_path(prefix).read_text(encoding="utf-8") for prefix in ("000", "001", "002", "003", "004")]


def test_find_markers_agrees_with_the_plain_scan() -> None:
    import random

    rng = random.Random(5)
    for text in _marker_texts():
        assert find_markers(text) == _markers_as_scanned(text)
        for _ in range(20):
            start = rng.randint(0, len(text))
            end = rng.randint(start, min(len(text), start + rng.choice([3, 12, 40, 400])))
            assert find_markers(text, start, end) == _markers_as_scanned(text, start, end), (text, start, end)


def test_starts_with_marker_is_a_marker_at_offset_zero() -> None:
    for text in _marker_texts():
        for prefix in (text[:12], text[:3], text):
            markers = _markers_as_scanned(prefix)
            assert starts_with_marker(prefix) == (bool(markers) and markers[0].start == 0), prefix


def test_styles_declare_every_character_a_label_starts_with() -> None:
    """`starts` in numbering.yaml is where labels are looked for: a label of the style must
    never begin with any other character."""
    import random
    import re

    from extract.segment.numbering import numbering_rules

    rng = random.Random(3)
    styles = numbering_rules().styles
    alphabet = sorted(set(MARKER_ALPHABET + "".join(s.pattern for s in styles) + "٣߁੧１９甲a"))
    tails = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(400)]
    for style in styles:
        pattern, starts = re.compile(style.pattern), re.compile(f"[{style.starts}]")
        for first in alphabet:
            begun = [first + tail for tail in tails if pattern.match(first + tail)]
            assert not begun or starts.match(first), (style.name, begun[:3])


def test_markers_of_joined_paragraphs_are_the_markers_of_each() -> None:
    """`build_outline` scans each run of paragraphs parted by line breaks at once: a label
    never spans a line break, so the run finds what its paragraphs find one by one."""
    from extract.segment.outline import paragraph_runs, text_regions

    texts = [*_marker_texts(), *(path.read_text(encoding="utf-8") for path in (seed_path("00").parent).glob("*.txt"))]
    for text in texts:
        composed = compose(lines_to_blocks(text), Script.simplified)
        regions = text_regions(composed.blocks)
        paragraphs = [m for start, end, barrier in regions if not barrier
                      for m in find_markers(composed.text, start, end)]
        runs = paragraph_runs(composed.text, regions)
        assert [m for start, end, barrier in runs if not barrier
                for m in find_markers(composed.text, start, end)] == paragraphs, text
        assert [start for start, _, barrier in runs if barrier] == [start for start, _, barrier in regions if barrier]


def _outline_as_first_built(text: str, blocks: list) -> list[tuple[int, int, int]]:  # type: ignore[type-arg]
    """build_outline as first written (labels found per paragraph, the open level searched
    down the stack, ends trimmed recursively), as (depth, start, end) per item: the
    reference the faster version must agree with."""
    from extract.segment.outline import Node, text_regions

    root = Node(None, 0, len(text))
    stack: list[Node] = []
    inline_lists: dict[str, tuple[int, int]] = {}

    def close(until: int, pos: int) -> None:
        while len(stack) > until:
            stack.pop().end = pos

    for start, end, barrier in text_regions(blocks):
        if barrier:
            close(0, start)
            continue
        for marker in find_markers(text, start, end):
            level = next((k for k in range(len(stack) - 1, -1, -1)
                          if stack[k].marker is not None and stack[k].marker.style == marker.style), None)
            if level is not None:
                previous = stack[level].marker
                assert previous is not None
                if not marker.at_line_start:  # an inline list restarting the style (added later)
                    line_end = text.find("\n", marker.start) % (len(text) + 1)
                    run = inline_lists.get(marker.style)
                    if marker.n == 1 and text[marker.start - 1] in "。;；" and "\n" not in text[previous.end:marker.start] \
                            and sum(node.marker is not None and node.marker.style == marker.style for node in stack) == 1:
                        # 1.某问题。1.排查;2.改造。: the item's own list, nested in it (added later)
                        close(level + 1, marker.start)
                        node = Node(marker, marker.start, len(text), parent=stack[-1])
                        stack[-1].children.append(node)
                        stack.append(node)
                        continue
                    if marker.n == 1:
                        inline_lists[marker.style] = (line_end, 1)
                        continue
                    if run is not None and marker.start <= run[0] and marker.n == run[1] + 1:
                        inline_lists[marker.style] = (run[0], marker.n)
                        continue
                if marker.n != previous.n + 1 and not may_open_or_skip(marker):  # skip_max added later
                    continue
                close(level, marker.start)
            elif marker.n != 1 and not may_open_or_skip(marker):
                continue
            parent = stack[-1] if stack else root
            node = Node(marker, marker.start, len(text), parent=parent)
            parent.children.append(node)
            stack.append(node)
    close(0, len(text))

    def trim(node: Node) -> None:
        for child in node.children:
            child.end = min(child.end, node.end)
            while child.end > child.start and text[child.end - 1].isspace():
                child.end -= 1
            trim(child)

    trim(root)
    return [(node.depth, node.start, node.end) for node in root.walk()]


def test_outline_agrees_with_the_first_build() -> None:
    texts = [*_marker_texts(), *(path.read_text(encoding="utf-8") for path in seed_path("00").parent.glob("*.txt"))]
    for text in texts:
        composed = compose(lines_to_blocks(text), Script.simplified)
        root = build_outline(composed.text, composed.blocks)
        assert [(node.depth, node.start, node.end) for node in root.walk()] == _outline_as_first_built(
            composed.text, composed.blocks), text


def test_label_index_agrees_with_the_first_build() -> None:
    """label_index against its first version (a dict of every scan's hits by start, the
    separated label first, sorted)."""
    import random

    from extract.fields.patterns import label_lookup, line_start_labels, separated_labels
    from extract.segment.tasks import LABEL_BOUNDARY, LabelHit, label_index

    pieces = [*label_lookup(), ":", "：", " ", "\n", "\n", "。", "(", "要", "甲"]
    rng = random.Random(9)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(2000)]
    texts += [path.read_text(encoding="utf-8") for path in seed_path("00").parent.glob("*.txt")]
    lookup = label_lookup()
    for text in texts:
        found = {m.start(): (LabelHit(lookup[m["label"]], m.start(), m.end()),
                             m.start() == 0 or text[m.start() - 1] in LABEL_BOUNDARY) for m in separated_labels(text)}
        for m in line_start_labels(text):
            found.setdefault(m.start(), (LabelHit(lookup[m["label"]], m.start(), m.end()), True))
        ordered = [found[pos] for pos in sorted(found)]
        index = label_index(text)
        assert (index.hits, index.bounded, index.starts) == (
            [h for h, _ in ordered], [b for _, b in ordered], [h.start for h, _ in ordered]), text


@pytest.mark.parametrize("closing", ["特此公示。", "特此通报", "特此通知!", "公示期为2021年11月15日至11月21日。",
                                     "如有异议,请于公示期内反映。", "如对该问题整改完成情况有异议,请在公示期间反映。"])
def test_closing_formulas_are_barriers(closing: str) -> None:
    from extract.segment.outline import is_barrier_line
    assert is_barrier_line(closing)


@pytest.mark.parametrize("line", ["如对照标准仍有差距,继续整改。", "如对企业处罚后仍有异味,将从严查处,有异议的依法复核。"])
def test_sentences_opening_like_a_closing_formula_are_no_barriers(line: str) -> None:
    from extract.segment.outline import is_barrier_line
    assert not is_barrier_line(line)


def test_a_heading_labels_value_written_as_one_item_is_the_items_text() -> None:
    text, root = outline_of("突出生态环境问题整改验收销号公示\n一、整改问题\n(一)某园区河道有垃圾。\n二、整改实施主体\n某园区管委会\n"
                            "三、重点措施\n(一)打捞清理。\n(二)建立保洁制度。\n四、目标任务\n(一)完成河道清理\n"
                            "五、完成时限\n2024年12月底\n六、整改完成情况\n(一)经核查,河段水面无垃圾。\n"
                            "如对该问题整改完成情况有异议,请在公示期间反映。\n")
    (task,) = find_raw_tasks(text, root)
    assert task.problem is not None and task.problem.text == "某园区河道有垃圾。"
    assert task.fields["target"].text == "完成河道清理"
    assert task.fields["status"].text == "经核查,河段水面无垃圾。"  # the closing paragraph is no part of it
    assert [m.label for m in task.measures] == ["(一)", "(二)"]
    for piece in (task.problem, task.fields["target"], task.fields["status"]):
        assert text[piece.span[0]:piece.span[1]] == piece.text


def test_a_value_listing_several_items_keeps_their_labels() -> None:
    text, root = outline_of("关于某问题整改情况的公示\n一、整改问题\n某河道有垃圾。\n二、责任单位\n某镇政府\n"
                            "三、目标任务\n(一)完成清理\n(二)建立保洁制度\n")
    (task,) = find_raw_tasks(text, root)
    assert task.fields["target"].text == "(一)完成清理\n(二)建立保洁制度"


def test_a_task_page_ends_before_the_closing_formula_and_signature() -> None:
    text, root = outline_of("关于第三项整改任务的公示\n一、问题描述:某河段黑臭。\n二、整改措施:截污清淤。\n"
                            "三、整改完成情况:已完成整改。\n特此公示。\n某县督察整改办公室\n2023年5月6日\n")
    (task,) = find_raw_tasks(text, root)
    assert task.fields["status"].text == "已完成整改。"
    assert "特此公示" not in text[task.span[0]:task.span[1]]


def test_an_ignored_label_inside_a_labelled_heading_ends_its_value() -> None:
    text, root = outline_of("关于第五项整改任务的公示\n一、问题描述:某路段夜间施工噪声扰民。\n二、责任单位:县住建局\n"
                            "三、整改完成情况:已完成整改。\n公示期间如有异议,请与县督察整改办联系。\n联系电话:0123-4567890\n")
    (task,) = find_raw_tasks(text, root)
    assert task.fields["status"].text == "已完成整改。"


def test_line_patterns_whose_escapes_differ_in_re_stay_with_regex() -> None:
    import re

    import regex

    from extract.segment.outline import line_pattern

    assert isinstance(line_pattern(r"^\s*附件"), re.Pattern)  # \s is spelled out for re
    for pattern in (r"^\S+$", r"\w+", r"\b附件", r"^\s*\W"):
        assert isinstance(line_pattern(pattern), regex.Pattern), pattern
    assert isinstance(line_pattern(r"a\\S"), re.Pattern)  # an escaped backslash, then a letter


@pytest.mark.parametrize(("text", "seq", "problem", "status"), [
    ("某县整改情况的公示\n反馈问题第5项关于“某河道黑臭”整改任务已完成整改,现予公示。\n",
     "5", "某河道黑臭", "反馈问题第5项关于“某河道黑臭”整改任务已完成整改,现予公示。"),
    # the title alone names it (…(序号十)…): the paragraph telling the completion is the task
    ("关于反馈问题整改任务(序号十)整改情况的公示\n根据有关规定予以公示。\n该问题已完成整改。\n",
     "10", None, "该问题已完成整改。"),
    # no status told: the paragraph naming the task
    ("某县整改情况的公示\n第二项反馈问题整改情况现予公示。\n", "2", None, None),
])
def test_a_notice_sentence_names_its_one_task(text: str, seq: str, problem: str | None, status: str | None) -> None:
    from extract.segment.tasks import notice_sentence_task

    [task] = notice_sentence_task(text)
    assert task.seq == seq
    assert (task.problem.text if task.problem else None) == problem
    assert (task.fields["status"].text if "status" in task.fields else None) == status
    assert "\n" not in text[slice(*task.span)]


@pytest.mark.parametrize("text", [
    "某县整改情况的公示\n第3、5项整改任务已完成整改。\n",  # several named
    "某县整改情况的公示\n第3项整改任务已完成整改,第4项正在推进。\n",  # 第4项 is another item
    "某县整改情况的公示\n反馈问题已全部完成整改。\n",  # none named
])
def test_a_notice_naming_no_single_task_gives_no_sentence_task(text: str) -> None:
    from extract.segment.tasks import notice_sentence_task

    assert notice_sentence_task(text) == []


def test_a_heading_of_the_labelled_headings_style_ends_the_value_before_it_though_no_label_names_it() -> None:
    text, root = outline_of("关于第二项问题整改情况的公示\n一、整改问题:某镇污水直排河道。\n二、整改目标:污水收集处理后达标排放。\n"
                            "三、整改措施:\n1.2022年6月底前,建成污水处理站。\n2.加强运行监管。\n"
                            "四、整改其他说明:污水站已通水运行。\n五、公示时间:2023年5月6日至5月12日\n")
    (task,) = find_raw_tasks(text, root)
    assert [m.piece.text for m in task.measures] == ["2022年6月底前,建成污水处理站。", "加强运行监管。"]
    assert "四、" not in task.fields["measures"].text


@pytest.mark.parametrize(("heading", "field"), [
    ("四、整改主要工作及成效:污水站已通水运行。", "status"),  # an account of the work done: a status row
    ("四、受理部门:某县督察整改办公室", None),  # where objections go: no field a task keeps
    ("四、受理电话:0123-4567890", None),
])
def test_a_completion_notice_account_and_objection_labels(heading: str, field: str | None) -> None:
    text, root = outline_of("关于第二项问题整改情况的公示\n一、整改问题:某镇污水直排河道。\n二、整改目标:污水收集处理后达标排放。\n"
                            f"三、整改措施:\n1.建成污水处理站。\n2.加强运行监管。\n{heading}\n")
    (task,) = find_raw_tasks(text, root)
    assert [m.piece.text for m in task.measures] == ["建成污水处理站。", "加强运行监管。"]
    if field is not None:
        assert task.fields[field].text == heading.split(":", 1)[1]
    else:
        assert "status" not in task.fields and "四、" not in task.fields["measures"].text


def test_labels_on_the_lines_closing_an_item_are_the_items_and_its_numbered_lines_its_problem() -> None:
    text, root = outline_of("某区环境问题督查情况通报\n1.某农贸市场\n(1)垃圾桶未分类;\n(2)排水沟淤堵。\n"
                            "问题整改责任单位:区商务局 整改时限:5天\n2.某小区\n(1)楼道堆物;\n(2)油烟直排。\n"
                            "问题整改责任单位:某街道办事处 整改时限:3天\n")
    tasks = find_raw_tasks(text, root)
    assert [t.seq for t in tasks] == ["1", "2"]
    first = tasks[0]
    assert first.problem is not None and first.problem.text == "某农贸市场\n(1)垃圾桶未分类;\n(2)排水沟淤堵。"
    assert first.fields["responsible_units"].text == "区商务局"
    assert first.fields["deadline"].text == "5天"


def test_an_item_of_one_numbered_line_keeps_its_labelled_line_as_the_task() -> None:
    # a group heading over one labelled task: the task is the numbered line, as before
    text, root = outline_of("某区整改任务清单\n一、水污染问题\n1.某河道有垃圾。\n责任单位:某镇政府\n整改时限:2023年底前\n")
    (task,) = find_raw_tasks(text, root)
    assert task.problem is not None and task.problem.text == "某河道有垃圾。"


@pytest.mark.parametrize(("deadline", "value"), [
    ("整改时限:立行立改\n请某局开展现场调查,并将处理情况报告。", "立行立改"),  # a closing note after it
    ("【整改期限】立行立改\n请某局开展现场调查。", "立行立改"),
    ("整改时限:\n2022年底前\n请某局按期完成。", "2022年底前"),  # the line under the label
    # a line stopping mid-sentence runs on
    ("整改时限:2021年底前完成主体工程,\n2022年6月底前全面完成。\n请某局按期完成。", "2021年底前完成主体工程,\n2022年6月底前全面完成。"),
    ("整改时限:立行立改;\n长期坚持\n请某局按期完成。", "立行立改;\n长期坚持"),
    # a date cut at the line end runs on; a year closing a whole value does not
    ("整改时限:2024年\n3月底前\n请某局按期完成。", "2024年\n3月底前"),
    ("整改时限:2024年\n请某局3月底前报告。", "2024年"),
])
def test_a_deadline_value_is_its_first_line(deadline: str, value: str) -> None:
    text, root = outline_of(f"1.某路段道路积尘。\n责任单位:某局\n{deadline}\n2.另一问题。\n责任单位:某镇\n整改时限:2022年底前\n")
    first = find_raw_tasks(text, root)[0]
    assert first.fields["deadline"].text == value


@pytest.mark.parametrize(("tail", "deadline"), [
    ("由市住建局牵头,各县区人民政府负责,2023年底前完成。", "2023年底前完成"),
    ("由市住建局牵头,各县区人民政府负责。2023年底前完成。", "2023年底前完成"),
    ("市住建局牵头,市水利局配合,各县区人民政府负责,长期坚持。", "长期坚持"),
])
def test_items_closing_with_a_sentence_of_their_units(tail: str, deadline: str) -> None:
    # a plan's items written as running text close with who does it and by when, unbracketed
    text, root = outline_of(
        "二、整改任务\n(一)污水处理厂超负荷运行。新建扩建污水处理厂。" + tail + "\n"
        "(二)入河排污口底数不清。开展排查整治。由市生态环境局牵头,各县区人民政府负责,2022年底前完成。\n"
        "三、保障措施\n(一)加强组织领导。由市委书记负责。\n(二)强化督查。市委督查室负责,每季度通报。\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None) for t in tasks] == [
        ("1", "污水处理厂超负荷运行。新建扩建污水处理厂。"), ("2", "入河排污口底数不清。开展排查整治。")]
    assert tasks[0].fields["lead_units"].text.removeprefix("由") == "市住建局"
    assert tasks[0].fields["responsible_units"].text == "各县区人民政府"
    assert tasks[0].fields["deadline"].text == deadline
    assert tasks[1].fields["deadline"].text == "2022年底前完成"


def test_a_closing_sentence_of_no_units_is_no_task() -> None:
    # 负责 after a person or a clause after the units: no unit sentence, no task
    text, root = outline_of("1.加强组织领导。由市委书记负责。\n2.强化督查。市委督查室负责,每季度通报。\n"
                            "3.落实责任。各部门要全面落实。\n")
    assert find_raw_tasks(text, root) == []


def test_labels_after_a_measure_list_run_inline() -> None:
    # 整改措施:(1)…;(2)…。责任单位:…: the units and deadline after the inline list are the item's
    text, root = outline_of(
        "1.岸线违规占用。整改目标:全部清理。整改措施:(1)全面排查;(2)分类处置。"
        "责任单位:市水利局牵头,沿江各县区政府负责。整改时限:2022年底前。\n"
        "2.码头污染。整改目标:设施全覆盖。整改措施:(1)建设接收设施;(2)落实联单。责任单位:市交通运输局。整改时限:2022年6月底前。\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.fields["responsible_units"].text, t.fields["deadline"].text) for t in tasks] == [
        ("1", "市水利局牵头,沿江各县区政府负责。", "2022年底前。"), ("2", "市交通运输局。", "2022年6月底前。")]
    assert [m.piece.text for m in tasks[0].measures] == ["全面排查", "分类处置。"]


def test_an_inline_measure_list_ends_at_its_labels_before_the_next_task() -> None:
    # 2.问题。整改措施:1.…;2.…。责任单位:…。 then 3.问题 on the next line: the list ended at
    # the labels on its line, so 3. is the next task, not the list's third measure
    text, root = outline_of(
        "1.老城区河道返黑。整改措施:1.截污纳管;2.清淤疏浚;3.生态补水。责任单位:区水务局。整改时限:2023年底前。\n"
        "2.园区污水厂超标。整改措施:1.提标改造;2.监控进水。责任单位:区工信局。整改时限:2023年6月底前。\n"
        "3.采石场复绿滞后。整改措施:1.编制方案。2.完成复绿。责任单位:区自然资源局。整改时限:2024年底前。\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None, len(t.measures)) for t in tasks] == [
        ("1", "老城区河道返黑。", 3), ("2", "园区污水厂超标。", 2), ("3", "采石场复绿滞后。", 2)]
    assert [m.piece.text for m in tasks[1].measures] == ["提标改造", "监控进水。"]
    assert tasks[2].fields["responsible_units"].text == "区自然资源局。"


def test_inline_measures_with_comma_labels_keep_their_task() -> None:
    # 整改措施:1.…,责任单位:A,完成时限:B;2.…,责任单位:C,…: each measure labels its own after
    # a comma; the item is still a task, and the next line's 2. the next one
    text, root = outline_of(
        "1.夜市油烟扰民。整改措施:1.加装净化器,责任单位:区城管局,完成时限:2022年6月底前;"
        "2.定期清洗管道,责任单位:区市场监管局,完成时限:长期坚持。\n"
        "2.工地扬尘。整改措施:1.围挡苫盖,责任单位:区住建局,完成时限:2022年底前;"
        "2.在线监测,责任单位:区生态环境分局,完成时限:2022年9月底前。\n"
        "3.河面漂浮物。整改措施:1.每日打捞。责任单位:区水务局。完成时限:长期坚持。\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None, len(t.measures)) for t in tasks] == [
        ("1", "夜市油烟扰民。", 2), ("2", "工地扬尘。", 2), ("3", "河面漂浮物。", 1)]
    assert tasks[0].measures[1].piece.text.startswith("定期清洗管道")


def test_an_inline_list_restarting_the_items_numbering_is_its_measures() -> None:
    # 1.问题。1.…;2.…。责任单位:… (no 整改措施: label): the restart after the problem's sentence
    # end is the item's own list, its measures; after a colon it stays the item's text
    text, root = outline_of(
        "1.加油站油气回收装置失效。1.开展专项检查;2.督促维修更换;3.依法查处。责任单位:区生态环境分局。完成时限:2022年8月底前。\n"
        "2.餐饮油烟投诉多。1.排查净化设施;2.建立清洗台账。责任单位:区城管局。完成时限:2022年10月底前。\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None) for t in tasks] == [
        ("1", "加油站油气回收装置失效。"), ("2", "餐饮油烟投诉多。")]
    assert [(m.label, m.piece.text) for m in tasks[0].measures] == [
        ("1.", "开展专项检查"), ("2.", "督促维修更换"), ("3.", "依法查处。")]
    assert tasks[1].fields["deadline"].text == "2022年10月底前。"
    text, root = outline_of("1.某镇存在两处问题:1.甲厂超标;2.乙场未苫盖。责任单位:某镇政府。完成时限:2022年底前。\n")
    (task,) = find_raw_tasks(text, root)
    assert task.problem is not None and task.problem.text == "某镇存在两处问题:1.甲厂超标;2.乙场未苫盖。"


def test_di_ordinals_number_measures_inline() -> None:
    # 整改措施:第一,…;第二,…;第三,…: ordinals with their comma are labels; 第一轮 is prose
    text, root = outline_of("(一)水源地内有违建。整改措施:第一,全面排查;第二,依法拆除;第三,设置隔离网。"
                            "责任单位:县水利局。整改时限:2022年9月底前。\n")
    (task,) = find_raw_tasks(text, root)
    assert [(m.label, m.piece.text) for m in task.measures] == [
        ("第一", "全面排查"), ("第二", "依法拆除"), ("第三", "设置隔离网。")]
    assert [m.label for m in find_markers("经过第一轮督察。第二批整改。第一、第二组")] == []


def test_labels_closing_an_item_after_its_inline_list() -> None:
    # 某问题。一是…;二是…。整改时限:…: the item is the task, the inline list its measures
    text, root = outline_of("(一)甲堆场扬尘污染。整改时限:2022年底前。责任单位:县住建局。\n"
                            "(二)砂石堆场扬尘污染。一是全面苫盖;二是硬化道路。整改时限:立行立改。责任单位:县自然资源局。\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None) for t in tasks] == [
        ("1", "甲堆场扬尘污染。"), ("2", "砂石堆场扬尘污染。")]
    assert [(m.label, m.piece.text) for m in tasks[1].measures] == [("一是", "全面苫盖"), ("二是", "硬化道路。")]
    assert tasks[1].fields["responsible_units"].text == "县自然资源局。"


def test_decimal_outline_numbering_gives_one_task_each_with_its_written_seq() -> None:
    """Word-made lists number 1.1, 1.2, 2.1 (under 1. / 2. headings or alone), their
    measures 1.1.1: each item is a task whose seq is its number as written."""
    text, root = outline_of("某市整改方案\n1. 水污染方面\n1.1 甲河断面超标。\n整改措施:\n1.1.1 排查排污口。\n1.1.2 建设管网。\n"
                            "责任单位:市生态环境局\n整改时限:2023年底前\n1.2 乙水库保护区有违建。\n责任单位:某区政府\n"
                            "整改时限:2022年底前\n2. 大气方面\n2.1 城区扬尘突出。\n责任单位:市住建局\n整改时限:2022年6月底前\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None) for t in tasks] == [
        ("1.1", "甲河断面超标。"), ("1.2", "乙水库保护区有违建。"), ("2.1", "城区扬尘突出。")]
    assert [(m.label, m.piece.text) for m in tasks[0].measures] == [("1.1.1", "排查排污口。"), ("1.1.2", "建设管网。")]
    assert [t.fields["responsible_units"].text for t in tasks] == ["市生态环境局", "某区政府", "市住建局"]


@pytest.mark.parametrize("line", ["1.5万吨化学需氧量已削减。", "2.5公里管网建成。", "3.15日前完成。", "1.2%的增幅。"])
def test_a_quantity_opening_a_line_is_no_outline_label(line: str) -> None:
    assert [m.style for m in find_markers(line) if m.style.startswith("arabic_outline")] == []


def test_qi_ordinals_opening_their_lines_are_items_but_not_inside_prose() -> None:
    """其一, 其二 opening their lines number the tasks; inside a paragraph they are prose."""
    text, root = outline_of("某县整改方案\n其一,甲河黑臭。\n责任单位:县住建局\n整改时限:2022年底前\n"
                            "其二,城区扬尘。原因有二:其一,管理弱;其二,投入少。\n责任单位:县城管局\n整改时限:2022年6月底前\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None) for t in tasks] == [
        ("1", "甲河黑臭。"), ("2", "城区扬尘。原因有二:其一,管理弱;其二,投入少。")]


def test_fields_numbered_as_decimal_sub_items_stay_their_items_fields() -> None:
    """1. 某问题 over 1.1 整改目标:… 1.2 责任单位:…: the numbered lines are the item's fields."""
    text, root = outline_of("某县整改方案\n1. 甲河黑臭。\n1.1 整改目标:消除黑臭。\n1.2 责任单位:县住建局\n1.3 整改时限:2022年底前\n"
                            "2. 城区扬尘。\n2.1 整改目标:扬尘受控。\n2.2 责任单位:县城管局\n2.3 整改时限:2022年6月底前\n")
    tasks = find_raw_tasks(text, root)
    assert [(t.seq, t.problem.text if t.problem else None, t.fields["target"].text,
             t.fields["responsible_units"].text) for t in tasks] == [
        ("1", "甲河黑臭。", "消除黑臭。", "县住建局"), ("2", "城区扬尘。", "扬尘受控。", "县城管局")]
