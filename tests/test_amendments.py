"""Amendments: a later notice's 修改为 items applied to the tasks they name, with history."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.fields.amendments import apply_amendments
from extract.fields.tasks import raw_to_task
from extract.normalize import compose
from extract.parse.text import lines_to_blocks
from extract.segment.outline import build_outline
from extract.segment.tasks import find_raw_tasks
from schemas.document import Amendment, Deadline, Script, Task

PLAN = """某市整改方案
第一项,某问题。
整改目标:旧目标。
整改时限:2020年年底前
责任单位:市生态环境局
整改措施:
(一)旧措施一。
(二)旧措施二。
第二项,另一问题。
整改目标:目标二。
整改时限:2021年6月底前
责任单位:市住建局
关于补充完善某市整改方案部分内容的通知
一、第一项,某问题。
审核意见:时限不明确。
整改时限修改为:2021年3月31日前
二、第二项,另一问题。
整改措施修改为:
(一)新措施一。
(二)新措施二。
中共某市委办公室
某市人民政府办公室
2020年11月25日
"""


def run(text: str) -> tuple[str, list[Task], list[Amendment]]:
    composed = compose(lines_to_blocks(text), Script.simplified)
    root = build_outline(composed.text, composed.blocks)
    raws = find_raw_tasks(composed.text, root)
    tasks = [raw_to_task(raw, "d", None).task for raw in raws]
    return composed.text, tasks, apply_amendments(composed.text, root, tasks, None)


def test_amendments_apply_and_keep_history() -> None:
    text, tasks, amendments = run(PLAN)
    assert [t.seq for t in tasks] == ["1", "2"]
    assert [(a.task_seq, a.field) for a in amendments] == [("1", "deadline"), ("2", "measures")]
    first = amendments[0]
    assert first.old is not None and first.old.date == dt.date(2020, 12, 31)  # type: ignore[union-attr]
    assert tasks[0].deadline is not None and tasks[0].deadline.date == dt.date(2021, 3, 31)
    assert first.source == "关于补充完善某市整改方案部分内容的通知"
    assert first.date == dt.date(2020, 11, 25)
    assert [m.text for m in tasks[1].measures] == ["新措施一。", "新措施二。"]  # signature lines not swallowed
    assert all(text[m.span[0]:m.span[1]] == m.text for m in tasks[1].measures if m.span)


def test_no_amendment_without_verb() -> None:
    _, _, amendments = run(PLAN.split("关于补充完善")[0])
    assert amendments == []


def test_a_deadline_clause_loses_its_full_stop_in_value_and_span() -> None:
    text, tasks, amendments = run(PLAN.replace("整改时限:2020年年底前", "整改时限:2020年年底前。")
                                  .replace("整改时限修改为:2021年3月31日前", "整改时限修改为2021年3月31日前。"))
    first = tasks[0]
    assert first.deadline is not None and first.deadline.text == "2021年3月31日前"
    assert amendments[0].old is not None and amendments[0].old.text == "2020年年底前"  # type: ignore[union-attr]
    span = first.spans["deadline"]
    assert text[span[0]:span[1]] == "2021年3月31日前"


def test_items_without_a_match_are_skipped_whole() -> None:
    """Pruning the walk at items whose text holds no amendment_re match leaves exactly the
    items that hold one, each with its matches: an item's children lie inside its own text."""
    from extract.fields.amendments import amendment_matches, nodes_with_match, verb_offsets
    from extract.fields.patterns import CharIndex
    from tests.conftest import seed_path

    amending = [PLAN.replace("第一项,某问题。\n审核意见", f"第一项,某问题。\n{line}\n审核意见") for line in (
        "(一)整改措施修改为:新措施。", "1.经研究,将第二项整改时限延期至2022年底前。", "产业结构调整为主。")]
    texts = [PLAN, *amending] + [seed_path(prefix).read_text(encoding="utf-8")
                                 for prefix in ("000", "001", "002", "003", "004")]
    pruned = 0
    for source in texts:
        composed = compose(lines_to_blocks(source), Script.simplified)
        text, root = composed.text, build_outline(composed.text, composed.blocks)
        verbs = verb_offsets(CharIndex(text))
        for node in root.walk():
            assert all(node.body_start <= c.start and c.end <= node.end for c in node.children)
        every = [(node, amendment_matches(text, verbs, node.body_start, node.end)) for node in root.walk()]
        expected = [(node, [m.span() for m in matches]) for node, matches in every if matches]
        assert [(node, [m.span() for m in matches]) for node, matches in nodes_with_match(text, verbs, root)] \
            == expected
        pruned += sum(1 for _, matches in every if not matches)
    assert pruned  # some items hold none


@pytest.mark.parametrize(("item", "seq"), [
    ("一、第5项,时限调整为2022年", 5), ("二、将第十二项的时限调整为2022年", 12), ("三、对第3项问题调整", 3),
    ("一、问题二:整改时限调整为2022年", 2), ("一、将问题2的整改时限调整为2022年", 2),
    ("一、第2个问题的整改时限调整为2022年", 2), ("一、序号7,整改时限调整为2022年", 7),
    ("一、将【问题4】的整改时限调整为2022年", 4), ("一、将【第6项】的整改时限调整为2022年", 6),
    ("一、对序号7的整改时限调整为2022年", 7), ("一、(序号7)整改时限调整为2022年", 7), ("一、编号:7,整改时限调整为2022年", 7),
    ("一、问题一是整改时限调整为2022年", None),  # 问题一是…: prose, no task named
    ("一、序号7.5的数据调整为2022年", None), ("一、推进产业结构调整为主", None)])
def test_task_number_reads_every_way_a_task_is_named(item: str, seq: int | None) -> None:
    """第N项, 第N个问题, 问题N (numbering.yaml's names_task styles, their `reference`) and
    序号N (a seq label), at the item's start, after a lead word (将, 对) or in a bracket."""
    from extract.fields.amendments import task_number

    composed = compose(lines_to_blocks(item + "\n"), Script.simplified)
    text, root = composed.text, build_outline(composed.text, composed.blocks)
    assert [task_number(text, node) for node in root.children] == [seq]


def test_every_task_naming_style_says_how_prose_names_it() -> None:
    from extract.segment.numbering import numbering_rules

    assert all(s.reference for s in numbering_rules().styles if s.names_task)


def verb_in(text: str, start: int, end: int) -> bool:
    """The plain reading has_amendment_verb must equal."""
    from extract.fields.patterns import label_rules

    rules = label_rules()
    return any(text.find(verb, start, end) != -1 for verb in rules.amendment_verbs + rules.amendment_add_verbs)


def test_verb_offsets_answer_as_find_does() -> None:
    from extract.fields.amendments import has_amendment_verb, verb_offsets
    from extract.fields.patterns import CharIndex
    from tests.conftest import seed_path

    texts = [PLAN, "", "改为", "修改为改为调整为", "x修改为y", "延长至延期至x增加", "时限延长至2022年"]
    texts += [seed_path(prefix).read_text(encoding="utf-8") for prefix in ("000", "002")]
    for text in texts:
        verbs = verb_offsets(CharIndex(text))
        cuts = sorted({0, len(text)} | {at + d for at in range(len(text)) if text[at] in "为至加"
                                        for d in (-2, 0, 1, 2)})
        cuts = [c for c in cuts if 0 <= c <= len(text)]
        for start in cuts:
            for end in cuts:
                assert has_amendment_verb(verbs, start, end) == verb_in(text, start, end), (start, end)


STANDALONE = """某市关于调整部分督察整改任务完成时限的公告
经研究,对2项整改任务的完成时限进行调整,现公告如下:
一、第5项“城市黑臭水体治理”,完成时限由2021年12月底前调整为2022年6月底前。调整原因:受汛期影响。
二、将第12项整改任务的整改时限由“2020年年底前”调整为“2021年年底前”。
特此公告。
某市督察整改工作领导小组办公室
2021年11月20日
"""


def test_an_amendment_notice_alone_keeps_the_old_value_it_writes() -> None:
    text, tasks, amendments = run(STANDALONE)
    assert tasks == []
    assert [(a.task_seq, a.field) for a in amendments] == [("5", "deadline"), ("12", "deadline")]
    first, second = amendments
    assert isinstance(first.old, Deadline) and first.old.date == dt.date(2021, 12, 31)
    assert isinstance(first.new, Deadline) and first.new.text == "2022年6月底前"  # 调整原因 ends the value
    assert isinstance(second.old, Deadline) and second.old.text == "2020年年底前"  # quotes dropped
    assert isinstance(second.new, Deadline) and second.new.text == "2021年年底前"
    assert second.new.date == dt.date(2021, 12, 31)
    assert all(a.date == dt.date(2021, 11, 20) for a in amendments)
    start, end = amendments[1].span
    assert "特此公告" not in text[start:end]  # the closing formula closes the item


def test_a_from_to_amendment_applies_to_the_task() -> None:
    plan = PLAN.replace("整改时限修改为:2021年3月31日前", "整改时限由2020年年底前调整为2021年3月31日前。")
    _, tasks, amendments = run(plan)
    assert tasks[0].deadline is not None and tasks[0].deadline.date == dt.date(2021, 3, 31)
    assert isinstance(amendments[0].old, Deadline) and amendments[0].old.date == dt.date(2020, 12, 31)


def match_key(match: object) -> tuple[object, ...]:
    import regex

    assert isinstance(match, regex.Match)
    return match.span(), match.span("label"), match.span("old"), match.groups()


def test_amendment_matches_are_those_of_the_whole_scan() -> None:
    """The scan limited to the stretches before the verbs finds what finditer over the
    whole range finds: the corpus, amendment texts, and runs of labels, 由 and verbs
    packed close together (matches that overlap or abut, old values of 40 and 41 chars)."""
    import random

    from extract.fields.amendments import amendment_matches, verb_offsets
    from extract.fields.patterns import CharIndex, amendment_re, amendment_reach
    from tests.conftest import seed_path

    assert "(?:中|的|内容)?" in amendment_re().pattern and "{1,40}?" in amendment_re().pattern  # amendment_reach's parts
    assert "(?:(?:均|已|拟|现|申请|相应|统一))?" in amendment_re().pattern  # and the adverbs
    texts = [PLAN, STANDALONE, "", "改为", "整改时限修改为改为", "整改时限由" + "年" * 40 + "调整为x",
             "整改时限由" + "年" * 41 + "调整为x", "整改时限中的" + "x" * amendment_reach() + "修改为"]
    texts += [seed_path(prefix).read_text(encoding="utf-8") for prefix in ("000", "001", "002", "003", "004")]
    words = ["整改时限", "时限", "整改目标", "责任单位", "牵头单位", "措施", "中", "的", "内容", "由", "从", "2021年",
             "修改为", "调整为", "改为", "延期至", "相应", "已", ":", ",", "。", "\n", " ", "x"]
    rng = random.Random(7)
    texts += ["".join(rng.choice(words) for _ in range(rng.randrange(1, 60))) for _ in range(400)]
    for text in texts:
        verbs = verb_offsets(CharIndex(text))
        cuts = sorted({0, len(text), len(text) // 3, len(text) // 2, max(0, len(text) - 5)})
        for start in cuts:
            for end in cuts:
                if start <= end:
                    expected = [match_key(m) for m in amendment_re().finditer(text, start, end)]
                    assert [match_key(m) for m in amendment_matches(text, verbs, start, end)] == expected


def test_verb_offsets_are_those_of_a_find_loop_per_verb() -> None:
    from extract.fields.amendments import verb_offsets
    from extract.fields.patterns import CharIndex, label_rules
    from tests.conftest import seed_path

    texts = [PLAN, STANDALONE, "", "为", "改为", "修改为改为调整为", "x修改为y", "为修改为为", "延期至增加至", "新增加", "增加", "追加强", "推迟到顺延至", "延", "加强推进", "修订为更改为变更为"]
    texts += [seed_path(prefix).read_text(encoding="utf-8") for prefix in ("000", "002")]
    rules = label_rules()
    for text in texts:
        spans = set()
        for verb in rules.amendment_verbs + rules.amendment_add_verbs:
            at = text.find(verb)
            while at != -1:
                spans.add((at, at + len(verb)))
                at = text.find(verb, at + 1)
        verbs = verb_offsets(CharIndex(text))
        assert list(zip(verbs.starts, verbs.ends, strict=True)) == sorted(spans)
        assert verbs.least_end_from == [min(verbs.ends[k:]) for k in range(len(verbs.ends))]


def test_next_date_line_has_the_groups_of_the_search() -> None:
    from extract.fields.amendments import next_date_line
    from extract.fields.patterns import DATE_LINE_RE
    from tests.conftest import seed_path

    assert DATE_LINE_RE.pattern.endswith("日\\s*$")
    texts = [PLAN, STANDALONE, "", "日", "2021年1月2日", "x2021年1月2日\n 2021年1月3日 \n", "\n\n  2020年12月31日\n",
             "2021年1月2日x\n日日\n2021年13月2日\n2022年1月2日", "某日\n\n2021年1月2日"]
    texts += [seed_path(prefix).read_text(encoding="utf-8") for prefix in ("000", "002", "004")]
    for text in texts:
        step = max(1, len(text) // 300)
        for pos in [*range(0, len(text) + 1, step), *range(max(0, len(text) - 40), len(text) + 1)]:
            expected = DATE_LINE_RE.search(text, pos)
            found = next_date_line(text, pos)
            assert (found is None) == (expected is None), pos
            if found is not None and expected is not None:
                assert found.groups() == expected.groups() and found.end() == expected.end(), pos


def test_a_written_old_value_of_measures_is_not_kept_when_the_task_is_elsewhere() -> None:
    text = STANDALONE.replace("二、将第12项整改任务的整改时限由“2020年年底前”调整为“2021年年底前”。",
                              "二、将第12项整改任务的整改措施由加强巡查调整为:(一)建设监控。(二)定期巡查。")
    _, _, amendments = run(text)
    measures = next(a for a in amendments if a.field == "measures")
    assert measures.old is None  # never an empty list standing for the written old measures
    assert isinstance(measures.new, list) and [m.text for m in measures.new] == ["建设监控。", "定期巡查。"]


PROSE = """某县关于调整部分督察整改任务的通知
经研究,对以下整改任务作如下调整:
一、第二项,某河道整治滞后问题。责任单位由县水利局调整为县水利局、县农业农村局。
二、第四项,整改时限修改为:根据项目审批进度确定。
三、第六项(某园区污水问题),整改时限延长至2023年3月31日。
四、第八项,整改时限由2022年底前延期至2023年6月底前。
五、第九项,责任单位增加县交通运输局。
六、第十项,各责任单位增加巡查频次。
其他任务不变,请抓好落实。
某县督察整改办
2022年11月1日
"""


def test_prose_values_end_at_their_sentence_and_units_are_split() -> None:
    _, _, amendments = run(PROSE)
    by_seq = {a.task_seq: a for a in amendments}
    assert by_seq["2"].old == ["县水利局"]  # the old value the notice writes, split too
    assert by_seq["2"].new == ["县水利局", "县农业农村局"]
    assert isinstance(by_seq["4"].new, Deadline) and by_seq["4"].new.text == "根据项目审批进度确定"


@pytest.mark.parametrize(("seq", "text", "date"), [("6", "2023年3月31日", dt.date(2023, 3, 31)),
                                                  ("8", "2023年6月底前", dt.date(2023, 6, 30))])
def test_a_deadline_extended_is_amended(seq: str, text: str, date: dt.date) -> None:
    _, _, amendments = run(PROSE)
    new = next(a.new for a in amendments if a.task_seq == seq)
    assert isinstance(new, Deadline) and (new.text, new.date) == (text, date)


def test_an_added_unit_joins_the_task_units() -> None:
    plan = PLAN.replace("二、第二项,另一问题。\n", "二、第二项,另一问题。责任单位增加市水务局。\n")
    _, tasks, amendments = run(plan)
    assert tasks[1].responsible_units == ["市住建局", "市水务局"]
    added = next(a for a in amendments if a.field == "responsible_units")
    assert (added.old, added.new, added.change) == (["市住建局"], ["市水务局"], "add")  # what was added
    _, _, alone = run(PROSE)
    assert [(a.new, a.change) for a in alone if a.task_seq == "9"] == [(["县交通运输局"], "add")]
    assert {a.change for a in alone if a.task_seq != "9"} == {"replace"}
    assert not [a for a in alone if a.task_seq == "10"]  # 增加巡查频次 adds no unit


ADJUSTMENT_TABLE = """<html><body><h1>某县关于调整部分整改任务的公告</h1>
<table>
<tr><td>序号</td><td>任务编号</td><td>问题简述</td><td>原完成时限</td><td>调整后完成时限</td><td>整改时限(调整前)</td>
<td>原责任单位</td><td>现责任单位</td></tr>
<tr><td>1</td><td>第3项</td><td>甲问题</td><td>2021年底前</td><td>2022年6月底前</td><td></td><td>县林业局</td><td>县林业局</td></tr>
<tr><td>2</td><td>第7项</td><td>乙问题</td><td>2021年6月底前</td><td>2021年6月底前</td><td></td><td>县住建局</td>
<td>县住建局、县城管局</td></tr>
</table><p>某县督察整改办</p><p>2022年1月5日</p></body></html>"""


def test_an_adjustment_table_gives_the_new_values_and_one_amendment_per_change() -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(ADJUSTMENT_TABLE.encode(), "adjust.html")
    assert [t.seq for t in document.tasks] == ["3", "7"]  # the task numbers, not the rows
    first, second = document.tasks
    assert first.deadline is not None and first.deadline.date == dt.date(2022, 6, 30)
    assert second.responsible_units == ["县住建局", "县城管局"]
    changes = [(a.task_seq, a.field) for a in document.amendments]
    assert changes == [("3", "deadline"), ("7", "responsible_units")]  # unchanged cells make none
    assert isinstance(document.amendments[0].old, Deadline) and document.amendments[0].old.text == "2021年底前"
    assert document.amendments[1].old == ["县住建局"]
    assert document.amendments[0].date == dt.date(2022, 1, 5)


def test_an_adjustment_table_beside_its_task_list_amends_the_listed_task() -> None:
    """The list numbers 1 and 2; the adjustment table's row for 问题编号 2 changes task 2 (no
    third task, no renumbering) and records the change."""
    from pathlib import Path

    from extract.assemble import extract_bytes

    path = Path(__file__).parent / "fixtures" / "task_list_with_adjustment_table.html"
    document = extract_bytes(path.read_bytes(), path.name)
    assert [(t.seq, t.deadline.text if t.deadline else None) for t in document.tasks] == [
        ("1", "2021年底前"), ("2", "2022年6月底前")]
    assert [(a.task_seq, a.field, a.old.text, a.new.text) for a in document.amendments  # type: ignore[union-attr]
            ] == [("2", "deadline", "2021年6月底前", "2022年6月底前")]


NAMED_PLAN = """某县督察整改方案
第一项,甲问题。
整改时限:2020年年底前
责任单位:县环保局
第二项,乙问题。
整改时限:2021年6月底前
责任单位:县住建局
第三项,丙问题。
整改时限:2021年12月底前
责任单位:县水利局
关于调整部分整改任务的通知
{body}
某县督察整改办
2022年3月1日
"""


@pytest.mark.parametrize("body", [
    "一、问题二:整改时限调整为2022年6月底前。",
    "一、将第2个问题的整改时限调整为2022年6月底前。",
    "一、序号2,整改时限调整为2022年6月底前。",
    "将第二项整改时限由2021年6月底前调整为2022年6月底前。",  # a paragraph, no item of its own
    "经研究,对序号2的整改时限调整为2022年6月底前。",  # the task named at a clause's start
    "一、第一项不变。第二项整改时限调整为2022年6月底前。",  # the sentence's task, not the item's
])
def test_an_amendment_applies_to_the_task_its_sentence_names(body: str) -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(NAMED_PLAN.format(body=body).encode(), "named.txt")
    assert [(a.task_seq, a.field) for a in document.amendments] == [("2", "deadline")]
    amendment = document.amendments[0]
    assert isinstance(amendment.old, Deadline) and amendment.old.text == "2021年6月底前"
    assert isinstance(amendment.new, Deadline) and amendment.new.date == dt.date(2022, 6, 30)
    assert (amendment.source, amendment.date) == ("关于调整部分整改任务的通知", dt.date(2022, 3, 1))
    task = document.tasks[1]
    assert task.deadline is not None and task.deadline.date == dt.date(2022, 6, 30)
    start, end = task.spans["deadline"]
    assert document.text[start:end] == "2022年6月底前"
    assert "调整为" in document.text[amendment.span[0]:amendment.span[1]]


@pytest.mark.parametrize("body", [
    "推进产业结构调整,整改时限调整为年度考核内容。",  # no task named: the notice's own text
    "一、加快能源结构调整,优化产业布局。",  # 调整 alone amends nothing
    "全市整改时限调整为2022年底前。",
])
def test_a_sentence_naming_no_task_amends_nothing(body: str) -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(NAMED_PLAN.format(body=body).encode(), "none.txt")
    assert document.amendments == []
    assert [t.deadline.text for t in document.tasks if t.deadline] == ["2020年年底前", "2021年6月底前", "2021年12月底前"]


def test_a_paragraph_amending_measures_takes_the_items_after_it_and_no_more() -> None:
    """A paragraph of the notice naming its task (将第二项整改措施修改为:) takes the numbered
    items right after it as the new measures; the next sentence naming a task is its own."""
    from extract.assemble import extract_bytes

    body = "将第二项整改措施修改为:\n(一)新措施一。\n(二)新措施二。\n将第三项责任单位调整为县林业局。"
    document = extract_bytes(NAMED_PLAN.format(body=body).encode(), "measures.txt")
    measures, units = document.amendments
    assert (measures.task_seq, measures.field, units.task_seq, units.field) == ("2", "measures", "3", "responsible_units")
    assert isinstance(measures.new, list) and [m.text for m in measures.new] == ["新措施一。", "新措施二。"]  # type: ignore[union-attr]
    assert document.text[measures.span[0]:measures.span[1]].endswith("(二)新措施二。")
    assert (units.old, units.new) == (["县水利局"], ["县林业局"])
    assert [m.text for m in document.tasks[1].measures] == ["新措施一。", "新措施二。"]
    assert document.tasks[2].responsible_units == ["县林业局"]


LEAD_PLAN = """某县督察整改方案
第一项,甲问题。
整改时限:2020年年底前
牵头单位:县住建局
责任单位:县城管局、各乡镇政府
第二项,乙问题。
整改时限:2020年年底前
牵头单位:县水利局
关于调整部分整改任务的通知
一、第一项,牵头单位由县住建局调整为县发改局。
二、第二项,责任单位增加县林业局。
某县督察整改办
2022年3月1日
"""


def test_a_new_lead_replaces_the_lead_alone_and_every_unit_keeps_its_span() -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(LEAD_PLAN.encode(), "lead.txt")
    first, second = document.tasks
    assert first.responsible_units == ["县发改局", "县城管局", "各乡镇政府"]  # not the new lead alone
    assert first.lead_unit == "县发改局"
    assert second.responsible_units == ["县水利局", "县林业局"]
    text = document.text
    for task in (first, second):
        assert [text[slice(*task.spans[f"responsible_units.{k}"])] for k in range(len(task.responsible_units))
                ] == task.responsible_units
        assert text[slice(*task.spans["lead_unit"])] == task.lead_unit
    assert text[slice(*first.spans["responsible_units"])] == "县发改局"  # the amending value, no 。
    lead, added = document.amendments
    assert (lead.old, lead.new, lead.change) == (["县住建局", "县城管局", "各乡镇政府"], ["县发改局", "县城管局", "各乡镇政府"],
                                                 "replace")
    assert (added.old, added.new, added.change) == (["县水利局"], ["县林业局"], "add")


def test_a_lead_replaced_without_its_old_name_is_the_first_unit() -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(LEAD_PLAN.replace("牵头单位由县住建局调整为", "牵头单位调整为").encode(), "lead.txt")
    assert document.tasks[0].responsible_units == ["县发改局", "县城管局", "各乡镇政府"]


@pytest.mark.parametrize(("body", "new"), [
    ("一、第二项,时限调整为2022年6月底前。", "2022年6月底前"),  # a separator_only label: the verb is its separator
    ("一、第二项,完成期限变更为2022年6月底前。", "2022年6月底前"),
    ("一、第二项,整改时限调整至2022年6月底前。", "2022年6月底前"),
    ("一、第二项,整改时限延至2022年6月底。", "2022年6月底"),
    ("一、第二项整改任务延期至2022年6月底前完成。", "2022年6月底前完成"),  # no label: the task's deadline
    ("一、第二项申请延期至2022年6月底。", "2022年6月底"),
    ("一、第二项“乙问题”延期至2022年6月底。", "2022年6月底"),
    ("经研究,同意问题二延期至2022年6月底。", "2022年6月底"),
    ("同意将第2项的整改时限调整为2022年6月底。", "2022年6月底"),
    ("一、第二项,整改时限已调整为2022年6月底前。", "2022年6月底前"),  # a word before the verb
    ("一、第二项,整改时限由2021年6月底前相应调整为2022年6月底前。", "2022年6月底前"),
])
def test_a_deadline_moved_in_any_wording_is_amended(body: str, new: str) -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(NAMED_PLAN.format(body=body).encode(), "moved.txt")
    assert [(a.task_seq, a.field) for a in document.amendments] == [("2", "deadline")]
    amended = document.amendments[0].new
    assert isinstance(amended, Deadline) and amended.text == new and amended.date == dt.date(2022, 6, 30)
    assert document.tasks[1].deadline == amended


@pytest.mark.parametrize("body", [
    "一、第二项,因施工影响,工程延期至2022年6月底。",  # a project's delay in the item's own text
    "项目建设延期至2022年6月底。",  # no task named
    "一、第二项,整改进展:主体工程延期至2022年6月底完成。",
])
def test_a_delay_not_following_on_a_named_task_amends_nothing(body: str) -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(NAMED_PLAN.format(body=body).encode(), "delay.txt")
    assert document.amendments == []


def test_a_plans_own_task_text_saying_a_delay_is_no_amendment() -> None:
    from extract.assemble import extract_bytes

    plan = NAMED_PLAN.split("关于调整")[0].replace("第三项,丙问题。", "第三项,丙问题,工程曾延期至2020年底。")
    document = extract_bytes(plan.encode(), "plan.txt")
    assert document.amendments == []
    assert document.tasks[2].deadline is not None and document.tasks[2].deadline.text == "2021年12月底前"


def test_the_deadline_verbs_are_amendment_verbs() -> None:
    from extract.fields.patterns import label_rules

    rules = label_rules()
    assert set(rules.amendment_deadline_verbs) <= set(rules.amendment_verbs)  # found by verb_offsets


@pytest.mark.parametrize("after", ["申请延期时限", "拟延期完成时限", "延期后完成时限"])
def test_an_adjustment_table_of_a_delay_applied_for_gives_the_new_deadline(after: str) -> None:
    from extract.assemble import extract_bytes

    html = ADJUSTMENT_TABLE.split("<table>")[0] + (
        f"<table><tr><td>序号</td><td>问题简述</td><td>原完成时限</td><td>{after}</td><td>延期原因</td></tr>"
        "<tr><td>3</td><td>甲问题</td><td>2021年底前</td><td>2022年6月底前</td><td>受汛期影响</td></tr>"
        "</table><p>某县督察整改办</p><p>2022年1月5日</p></body></html>")
    document = extract_bytes(html.encode(), "delay.html")
    assert [(t.seq, t.deadline.text if t.deadline else None) for t in document.tasks] == [("3", "2022年6月底前")]
    assert [(a.task_seq, a.field, a.old.text, a.new.text) for a in document.amendments  # type: ignore[union-attr]
            ] == [("3", "deadline", "2021年底前", "2022年6月底前")]


@pytest.mark.parametrize("body", [
    "一、将第2、3项的整改时限调整为2022年6月底前。",
    "第2项、第3项整改时限调整为2022年6月底前。",  # two items of the outline, one list of tasks
    "一、问题二和问题三的整改时限调整为2022年6月底前。",
    "一、序号2、3,整改时限调整为2022年6月底前。",
    "第2项、第3项整改任务延期至2022年6月底前。",
])
def test_an_amendment_naming_several_tasks_applies_to_each(body: str) -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(NAMED_PLAN.format(body=body).encode(), "several.txt")
    assert [(a.task_seq, a.field) for a in document.amendments] == [("2", "deadline"), ("3", "deadline")]
    assert [a.old.text for a in document.amendments] == ["2021年6月底前", "2021年12月底前"]  # type: ignore[union-attr]
    assert [t.deadline.text for t in document.tasks if t.deadline] == ["2020年年底前", "2022年6月底前", "2022年6月底前"]


@pytest.mark.parametrize(("body", "seqs"), [
    ("一、将“乙问题”的整改时限调整为2022年6月底前。", ["2"]),
    ("关于“乙问题”,整改时限调整为2022年6月底前。", ["2"]),
    ("一、“乙问题”延期至2022年6月底前。", ["2"]),
    ("一、将“丁问题”的整改时限调整为2022年6月底前。", []),  # no task of the document has that problem
    ("一、将“问题”的整改时限调整为2022年6月底前。", []),  # every task's problem holds it: none is named
])
def test_a_task_named_by_its_problem_in_quotes_is_amended(body: str, seqs: list[str]) -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(NAMED_PLAN.format(body=body).encode(), "quoted.txt")
    assert [a.task_seq for a in document.amendments] == seqs
    deadlines = [t.deadline.text for t in document.tasks if t.deadline]
    assert deadlines[1] == ("2022年6月底前" if seqs else "2021年6月底前")


GENERIC_ADJUSTMENT_TABLE = """<html><body><h1>某县关于调整部分整改任务的公告</h1>
<table>
<tr><td>序号</td><td>问题简述</td><td>调整事项</td><td>调整前</td><td>调整后</td><td>调整原因</td></tr>
<tr><td>3</td><td>甲问题</td><td>整改时限</td><td>2021年底前</td><td>2022年6月底前</td><td>受汛期影响</td></tr>
<tr><td>7</td><td>乙问题</td><td>责任单位</td><td>县住建局</td><td>县住建局、县城管局</td><td>职能调整</td></tr>
<tr><td>9</td><td>丙问题</td><td>备注</td><td>无</td><td>有</td><td></td></tr>
</table><p>某县督察整改办</p><p>2022年1月5日</p></body></html>"""


def test_an_adjustment_table_naming_the_field_in_each_row_amends_that_field() -> None:
    """调整事项 | 调整前 | 调整后: each row's field is the one its 调整事项 cell names; a row
    naming no field a task has (备注) amends nothing."""
    from extract.assemble import extract_bytes

    document = extract_bytes(GENERIC_ADJUSTMENT_TABLE.encode(), "generic.html")
    by_seq = {t.seq: t for t in document.tasks}
    assert by_seq["3"].deadline is not None and by_seq["3"].deadline.date == dt.date(2022, 6, 30)
    assert by_seq["7"].responsible_units == ["县住建局", "县城管局"]
    assert [(a.task_seq, a.field) for a in document.amendments] == [("3", "deadline"), ("7", "responsible_units")]
    first, second = document.amendments
    assert isinstance(first.old, Deadline) and first.old.text == "2021年底前"
    assert second.old == ["县住建局"]
    text = document.text
    assert text[slice(*by_seq["3"].spans["deadline_before"])] == "2021年底前"
    assert text[slice(*by_seq["3"].spans["deadline"])] == "2022年6月底前"


@pytest.mark.parametrize(("body", "field", "old", "new"), [
    ("一、第二项\n原整改时限:2021年6月底前\n调整后整改时限:2022年6月底前\n调整原因:受汛期影响。", "deadline",
     "2021年6月底前", "2022年6月底前"),
    ("一、第二项\n整改时限(调整前):2021年6月底前\n整改时限(调整后):2022年6月底前", "deadline", "2021年6月底前", "2022年6月底前"),
    ("一、问题二\n原完成时限:2021年6月底前\n申请延期时限:2022年6月底前", "deadline", "2021年6月底前", "2022年6月底前"),
    ("一、第二项\n原责任单位:县住建局\n调整后责任单位:县城管局", "responsible_units", ["县住建局"], ["县城管局"]),
])
def test_label_lines_marked_old_and_new_amend_the_items_task(body: str, field: str, old: object, new: object) -> None:
    """An adjustment written as label lines (原整改时限: / 调整后整改时限:, the marks of an
    adjustment table's header) amends the field of the task its item names."""
    from extract.assemble import extract_bytes

    document = extract_bytes(NAMED_PLAN.format(body=body).encode(), "marked.txt")
    assert [(a.task_seq, a.field) for a in document.amendments] == [("2", field)]
    amendment = document.amendments[0]
    value = getattr(amendment.new, "text", amendment.new)
    assert value == new and getattr(amendment.old, "text", amendment.old) == old
    task_value = getattr(document.tasks[1], field)
    assert getattr(task_value, "text", task_value) == new
    start, end = amendment.span
    assert document.text[start:end].endswith(new if isinstance(new, str) else new[-1])


def test_marked_label_lines_without_a_named_task_amend_nothing() -> None:
    from extract.assemble import extract_bytes

    body = "现将有关情况说明如下:\n原计划:3个\n新建项目:3个\n调整后整改时限:2022年6月底前"
    assert extract_bytes(NAMED_PLAN.format(body=body).encode(), "unmarked.txt").amendments == []


def test_marked_label_pattern_matches_as_the_regex_module_does() -> None:
    """marked_label_re runs on stdlib re: it finds every match the regex module finds with
    the same pattern, with the same key; marked_label_matches, trying it at separators, all
    that finditer finds."""
    import random

    import regex

    from extract.fields.amendments import marked_label_matches, marked_label_re
    from tests.conftest import seed_path

    oracle = regex.compile(marked_label_re().pattern)
    rng = random.Random(7)
    pieces = ["\n", " ", "\u3000", "\t", "原", "原定", "调整后", "调整前", "现", "新", "延期至", "申请延期", "整改时限",
              "责任单位", "(", ")", "（调整后）", ":", "：", "】", "2022年6月底前", "x", "的"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30))) for _ in range(2000)]
    texts.append(seed_path("002").read_text(encoding="utf-8"))
    for text in texts:
        ours = [(m.span(), m.span("key")) for m in marked_label_re().finditer(text)]
        assert ours == [(m.span(), m.span("key")) for m in oracle.finditer(text)], text
        assert ours == [(m.span(), m.span("key")) for m in marked_label_matches(text)], text  # tried at separators


def test_a_label_line_with_its_verb_is_one_amendment() -> None:
    """整改时限调整为: is read by amendment_re; its mark (调整为) does not read it twice."""
    from extract.assemble import extract_bytes

    body = "一、第二项\n整改时限调整为:2022年6月底前"
    document = extract_bytes(NAMED_PLAN.format(body=body).encode(), "once.txt")
    assert [(a.task_seq, a.field) for a in document.amendments] == [("2", "deadline")]


RANGE_PLAN = "\n".join([
    "某县督察整改方案",
    *(f"第{n}项,问题{n}。\n整改时限:2021年6月底前\n责任单位:县住建局" for n in "一二三四五六"),
    "关于调整部分整改任务的通知",
    "{body}",
    "某县督察整改办",
    "2022年3月1日",
    "",
])


@pytest.mark.parametrize("body", [
    "一、第3至5项整改时限调整为2022年6月底前。",
    "一、将第3-5项的整改时限调整为2022年6月底前。",
    "一、第3—5项整改任务延期至2022年6月底前。",
    "经研究,同意将第三至第五项的整改时限调整为2022年6月底前。",
    "一、第3项至第5项整改时限调整为2022年6月底前。",
    "一、问题3至问题5的整改时限调整为2022年6月底前。",
])
def test_a_range_of_tasks_names_each_task_in_it(body: str) -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(RANGE_PLAN.replace("{body}", body).encode(), "range.txt")
    assert [(a.task_seq, a.field) for a in document.amendments] == [("3", "deadline"), ("4", "deadline"),
                                                                     ("5", "deadline")]
    assert [t.deadline.text for t in document.tasks if t.deadline] == [
        "2021年6月底前", "2021年6月底前", "2022年6月底前", "2022年6月底前", "2022年6月底前", "2021年6月底前"]


@pytest.mark.parametrize("body", [
    "一、第3至50项整改时限调整为2022年6月底前。",  # more tasks than amendment_range_max: a misreading
    "一、第5至3项整改时限调整为2022年6月底前。",  # a range running backwards
    "一、2021年3至5月整改时限调整为2022年6月底前。",  # months, no task
])
def test_a_range_too_long_backwards_or_of_months_names_no_task(body: str) -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(RANGE_PLAN.replace("{body}", body).encode(), "range.txt")
    assert document.amendments == []


@pytest.mark.parametrize(("text", "seqs"), [
    ("第3项至2022年底前", ["3"]),  # 至 a date: no range
    ("第3至5个问题", ["3", "4", "5"]),
    ("问题二至三季度", ["2"]),  # 三季度 is no task
    ("第2至3项和第6项", ["2", "3", "6"]),
])
def test_a_range_ends_only_at_a_task_number(text: str, seqs: list[str]) -> None:
    from extract.fields.amendments import tasks_named_at

    assert tasks_named_at(text, 0, len(text))[0] == seqs


def test_the_range_cap_is_a_setting() -> None:
    from extract.fields.amendments import tasks_named_at
    from extract.fields.patterns import label_rules

    cap = label_rules().amendment_range_max
    assert tasks_named_at(text := f"第1至{cap}项", 0, len(text))[0] == [str(n) for n in range(1, cap + 1)]
    assert tasks_named_at(text := f"第1至{cap + 1}项", 0, len(text))[0] == []


DELAY_ALONE = """某县关于调整部分整改任务完成时限的通知
经研究,现将有关事项通知如下:
{body}
某县督察整改办
2022年3月1日
"""


@pytest.mark.parametrize(("body", "old", "new"), [
    ("一、第二项由2021年底前延期至2022年6月底前。", "2021年底前", "2022年6月底前"),
    ("同意问题二由2021年底延期至2022年6月。", "2021年底", "2022年6月"),
    ("一、第二项整改任务由2021年12月31日前延期至2022年6月30日前。", "2021年12月31日前", "2022年6月30日前"),
])
def test_a_delay_with_no_label_keeps_the_old_value_it_writes(body: str, old: str, new: str) -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(DELAY_ALONE.format(body=body).encode(), "delay.txt")
    assert [(a.task_seq, a.field) for a in document.amendments] == [("2", "deadline")]
    amendment = document.amendments[0]
    assert isinstance(amendment.old, Deadline) and amendment.old.text == old and amendment.old.date is not None
    assert isinstance(amendment.new, Deadline) and amendment.new.text == new


def test_a_delay_for_a_reason_writes_no_old_value() -> None:
    from extract.assemble import extract_bytes

    body = "一、第二项由于疫情影响延期至2022年6月底前。"  # 由于…: a reason, no old deadline
    document = extract_bytes(DELAY_ALONE.format(body=body).encode(), "delay.txt")
    assert [(a.task_seq, a.old) for a in document.amendments] == [("2", None)]


def test_a_delay_of_a_task_in_the_document_keeps_the_tasks_old_value() -> None:
    from extract.assemble import extract_bytes

    body = "一、第二项由2021年底前延期至2022年6月底前。"
    document = extract_bytes(NAMED_PLAN.format(body=body).encode(), "delay.txt")
    assert [(a.task_seq, a.old.text, a.new.text) for a in document.amendments  # type: ignore[union-attr]
            ] == [("2", "2021年6月底前", "2022年6月底前")]
    assert document.tasks[1].deadline is not None and document.tasks[1].deadline.text == "2022年6月底前"


@pytest.mark.parametrize(("text", "seqs"), [
    ("序号3与5", ["3", "5"]),  # 与 joins task names as in 第3项与第5项 (amendment_task_joiners)
    ("序号3、5和7", ["3", "5", "7"]),
    ("序号3与整改", ["3"]),  # no number after the joiner
    ("序号3或5", ["3"]),  # 或 is no joiner
])
def test_seq_numbers_are_joined_by_the_task_joiners(text: str, seqs: list[str]) -> None:
    from extract.fields.amendments import tasks_named_at

    assert tasks_named_at(text, 0, len(text))[0] == seqs


def test_seq_number_pattern_joins_with_each_task_joiner() -> None:
    import regex
    from pydantic import ValidationError

    from extract.fields.amendments import seq_number_pattern
    from extract.fields.patterns import SEQ_JOINER, LabelRules, label_rules, load_yaml

    assert SEQ_JOINER not in seq_number_pattern()
    for joiner in label_rules().amendment_task_joiners:
        match = regex.fullmatch(seq_number_pattern(), f"3{joiner}5")
        assert match is not None and match.captures("n") == ["3", "5"], joiner
    rules = load_yaml("labels.yaml")
    assert isinstance(rules, dict)
    with pytest.raises(ValidationError):  # joiners written into the pattern again: not loaded
        LabelRules.model_validate({**rules, "amendment_seq_number": r"(?P<n>\d)(?:[、和及](?P<n>\d))*"})


def test_find_words_finds_what_the_words_trie_finds() -> None:
    """find_words (a find loop over a few characters) gives the matches of
    re.finditer over the words' trie_alternation: the longest word at the leftmost start."""
    import random
    import re

    from extract.fields.amendments import task_change_words, unit_verbs
    from extract.fields.patterns import CharIndex, find_words, trie_alternation
    from tests.conftest import seed_path

    rng = random.Random(5)
    for words in (task_change_words(), unit_verbs(), ("ab", "abc", "bc", "c", "cab", "aa")):
        pattern = re.compile(trie_alternation(words))
        alphabet = "".join(sorted(set("".join(words)))) + "x第"
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30))) for _ in range(3000)]
        texts.append(seed_path("002").read_text(encoding="utf-8"))
        for text in texts:
            assert find_words(CharIndex(text), words) == [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)], text


def test_after_last_mark_is_the_last_mark_searched_back_to_floor() -> None:
    """after_last_mark looks for the marks on pos's line alone when a line break is one of
    them: what searching each mark back to floor gives."""
    import random

    from extract.fields.amendments import CLAUSE_MARKS, SENTENCE_ENDS, after_last_mark

    rng = random.Random(11)
    alphabet = SENTENCE_ENDS + CLAUSE_MARKS + "第一项调整为x "
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        pos = rng.randrange(0, len(text) + 1)
        floor = rng.randrange(0, pos + 1)
        for marks in (SENTENCE_ENDS, SENTENCE_ENDS + CLAUSE_MARKS, CLAUSE_MARKS):
            assert after_last_mark(text, marks, floor, pos) == max(
                floor, *(text.rfind(c, floor, pos) + 1 for c in marks)), (text, floor, pos, marks)


@pytest.mark.parametrize(("body", "deadline"), [
    # a deadline on its label's line ends there: the plain line after it is the notice's own
    ("整改时限调整为2022年6月底前\n其他任务不变。\n", "2022年6月底前"),
    ("整改时限调整为:\n2022年6月底前\n其他任务不变。\n", "2022年6月底前"),
    # a line after it stating a deadline of its own goes on with it
    ("整改时限修改为:2022年6月底前完成主体工程。\n2023年起,长期坚持。\n其他任务不变。\n",
     "2022年6月底前完成主体工程。\n2023年起,长期坚持。"),
])
def test_an_amended_deadline_ends_before_a_plain_line(body: str, deadline: str) -> None:
    text, tasks, amendments = run(PLAN.split("二、第二项,另一问题。\n")[0] + "二、第二项,另一问题。\n" + body
                                  + "中共某市委办公室\n2020年11月25日\n")
    assert [(a.task_seq, a.field) for a in amendments] == [("1", "deadline"), ("2", "deadline")]
    assert tasks[1].deadline is not None and tasks[1].deadline.text == deadline
    span = tasks[1].spans["deadline"]
    assert text[span[0]:span[1]] == deadline


@pytest.mark.parametrize(("body", "field", "value"), [
    # a value running over lines stops at a line of the notice's own: what is left unchanged
    ("整改目标调整为:全面完成整治。\n其他任务不变。\n", "target", "全面完成整治。"),
    ("整改目标调整为:全面完成整治。\n水质稳定达标。\n其余整改内容保持不变。\n", "target", "全面完成整治。\n水质稳定达标。"),
    ("整改措施修改为:\n(一)新措施一。\n(二)新措施二。\n原方案其他内容不变。\n", "measures", "(一)新措施一。\n(二)新措施二。"),
    ("整改目标调整为:全面完成整治。\n特此通知。\n", "target", "全面完成整治。"),
])
def test_an_amended_value_ends_before_a_line_of_the_notices_own(body: str, field: str, value: str) -> None:
    text, _, amendments = run(PLAN.split("二、第二项,另一问题。\n")[0] + "二、第二项,另一问题。\n" + body
                              + "中共某市委办公室\n2020年11月25日\n")
    amendment = amendments[-1]
    assert (amendment.task_seq, amendment.field) == ("2", field)
    assert amendment.span is not None and text[amendment.span[0]:amendment.span[1]].endswith(value)


def test_a_deadline_ends_before_the_next_clause_amending_another_field() -> None:
    text = ("关于调整部分督察整改任务的通知\n"
            "(一)问题三:整改时限调整为2023年底前,牵头单位调整为市农业农村局。\n"
            "(二)将第五项整改时限调整为2023年6月底前,责任单位增加市水务局。\n特此通知。\n")
    _, _, amendments = run(text)
    assert [(a.task_seq, a.field, a.change) for a in amendments] == [
        ("3", "deadline", "replace"), ("3", "responsible_units", "replace"),
        ("5", "deadline", "replace"), ("5", "responsible_units", "add")]
    assert isinstance(amendments[0].new, Deadline) and amendments[0].new.text == "2023年底前"
    assert isinstance(amendments[2].new, Deadline) and amendments[2].new.text == "2023年6月底前"
    assert amendments[1].new == ["市农业农村局"] and amendments[3].new == ["市水务局"]


def test_a_request_clause_after_a_reason_moves_the_task_its_sentence_opens_with() -> None:
    text = ("关于调整部分督察整改任务完成时限的通知\n"
            "一、第15项“某尾矿库闭库治理”,因工程量大,申请延期至2023年12月底前。\n"
            "二、第17项,受汛期影响,同意延期至2023年9月底前。\n"
            "三、第18项整改措施中,因施工影响,工程延期至2023年5月底前。\n特此通知。\n")
    _, _, amendments = run(text)
    assert [(a.task_seq, a.field) for a in amendments] == [("15", "deadline"), ("17", "deadline")]
    assert isinstance(amendments[1].new, Deadline) and amendments[1].new.date == dt.date(2023, 9, 30)


@pytest.mark.parametrize(("body", "field", "old", "new"), [
    ("序号6:原整改时限为2020年12月底,调整为2021年6月底。", "deadline", "2020年12月底", "2021年6月底"),
    ("一、第6项原完成时限为2020年12月底前,现调整为2021年6月底前。", "deadline", "2020年12月底前", "2021年6月底前"),
    ("一、第6项原整改时限是2020年底,延期至2021年底。", "deadline", "2020年底", "2021年底"),
    ("一、第6项原责任单位为县环保局,现调整为县生态环境分局。", "responsible_units", ["县环保局"], ["县生态环境分局"]),
])
def test_an_old_value_stated_before_the_verbs_clause_is_the_written_old_value(
        body: str, field: str, old: object, new: object) -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(DELAY_ALONE.format(body=body).encode(), "stated.txt")
    assert [(a.task_seq, a.field) for a in document.amendments] == [("6", field)]
    amendment = document.amendments[0]
    if field == "deadline":
        assert isinstance(amendment.old, Deadline) and amendment.old.text == old and amendment.old.date is not None
        assert isinstance(amendment.new, Deadline) and amendment.new.text == new
    else:
        assert (amendment.old, amendment.new) == (old, new)


def test_a_stated_value_with_another_fields_clause_after_it_is_no_old_value() -> None:
    _, _, amendments = run("关于调整部分督察整改任务的通知\n"
                           "一、第6项整改时限为2021年底前,责任单位调整为县住建局。\n特此通知。\n")
    assert [(a.task_seq, a.field, a.old) for a in amendments] == [("6", "responsible_units", None)]


def test_marked_labels_opening_sentences_of_a_paragraph_amend_its_task() -> None:
    from extract.assemble import extract_bytes

    text = ("某县关于督察反馈问题整改任务延期整改的公示\n现将申请延期整改的任务公示如下:\n"
            "一、反馈问题第三十二项:某镇垃圾填埋场未封场。原整改时限:2021年12月底前。"
            "申请延期时限:2022年10月底前。延期原因:需经汛期后施工。责任单位:县城管局。\n"
            "二、反馈问题第四十一项:某矿山修复滞后。原整改时限:2021年12月底前;申请延期时限:2023年6月底前。\n"
            "某县督察整改办\n2022年1月5日\n")
    document = extract_bytes(text.encode(), "delay.txt")
    assert document.doc_type == "amendment"
    found = [(a.task_seq, a.field, a.old.text, a.new.text, a.new.date)  # type: ignore[union-attr]
             for a in document.amendments]
    assert found == [("32", "deadline", "2021年12月底前", "2022年10月底前", dt.date(2022, 10, 31)),
                     ("41", "deadline", "2021年12月底前", "2023年6月底前", dt.date(2023, 6, 30))]


def test_a_marked_label_line_keeps_its_whole_line_up_to_the_next_marked_label() -> None:
    _, _, amendments = run("关于调整部分督察整改任务的通知\n一、第二项\n"
                           "原整改时限:2021年底前。调整后整改时限:2022年6月底前完成主体工程;2022年底前全面完成\n")
    assert [(a.task_seq, a.old.text, a.new.text) for a in amendments  # type: ignore[union-attr]
            ] == [("2", "2021年底前", "2022年6月底前完成主体工程;2022年底前全面完成")]


LIST_PLAN = """某市整改方案
第一项,某问题。
整改时限:2020年年底前
责任单位:市生态环境局、区商务局、市发改委
配合单位:市发改委、市财政局
第二项,另一问题。
整改时限:2021年6月底前
责任单位:市住建局
关于调整某市整改方案部分任务的通知
{body}
某市整改办
2021年5月1日
"""


@pytest.mark.parametrize(("body", "field", "added"), [
    ("一、第一项,增加市水务局为责任单位。", "responsible_units", ["市水务局"]),
    ("一、将第一项增加市水务局为责任单位。", "responsible_units", ["市水务局"]),
    ("一、第一项,增补区水务局、区农业农村局为配合单位。", "cooperating_units", ["区水务局", "区农业农村局"]),
    ("一、第一项将市住建局增列为牵头单位。", "responsible_units", ["市住建局"]),
    ("一、序号1,新增市城管局作为责任单位。", "responsible_units", ["市城管局"]),
])
def test_units_named_before_their_label_are_added(body: str, field: str, added: list[str]) -> None:
    text, tasks, amendments = run(LIST_PLAN.format(body=body))
    [amendment] = amendments
    assert (amendment.task_seq, amendment.field, amendment.change, amendment.new) == ("1", field, "add", added)
    assert amendment.old == getattr(tasks[0], field)[:-len(added)]  # the value before
    assert getattr(tasks[0], field)[-len(added):] == added
    assert amendment.span is not None and added[0] in text[amendment.span[0]:amendment.span[1]]
    assert amendment.source == "关于调整某市整改方案部分任务的通知" and amendment.date == dt.date(2021, 5, 1)


@pytest.mark.parametrize(("body", "field", "removed", "left"), [
    ("一、第一项,取消区商务局的责任单位。", "responsible_units", ["区商务局"], ["市生态环境局", "市发改委"]),
    ("一、第一项责任单位中删除区商务局。", "responsible_units", ["区商务局"], ["市生态环境局", "市发改委"]),
    ("一、第一项,区商务局不再作为责任单位。", "responsible_units", ["区商务局"], ["市生态环境局", "市发改委"]),
    ("一、第一项,责任单位减少区商务局。", "responsible_units", ["区商务局"], ["市生态环境局", "市发改委"]),
    ("一、第一项,删去配合单位市发改委。", "cooperating_units", ["市发改委"], ["市财政局"]),
    ("一、取消第一项中区商务局的责任单位。", "responsible_units", ["区商务局"], ["市生态环境局", "市发改委"]),
])
def test_units_taken_out_of_a_list_field_are_removed(body: str, field: str, removed: list[str],
                                                     left: list[str]) -> None:
    text, tasks, amendments = run(LIST_PLAN.format(body=body))
    [amendment] = amendments
    assert (amendment.task_seq, amendment.field, amendment.change, amendment.new) == ("1", field, "remove", removed)
    assert getattr(tasks[0], field) == left
    assert field not in tasks[0].spans  # the field's span held the unit taken out
    assert [text[slice(*tasks[0].spans[f"{field}.{k}"])] for k in range(len(left))] == left  # spans re-indexed
    assert f"{field}.{len(left)}" not in tasks[0].spans


def test_the_lead_taken_out_gives_the_lead_to_the_next_unit() -> None:
    text, tasks, amendments = run(LIST_PLAN.format(body="一、第一项,删去责任单位市生态环境局。"))
    assert amendments[0].change == "remove" and tasks[0].responsible_units == ["区商务局", "市发改委"]
    assert tasks[0].lead_unit == "区商务局" and text[slice(*tasks[0].spans["lead_unit"])] == "区商务局"


@pytest.mark.parametrize(("body", "cancelled"), [
    ("一、撤销第二项整改任务。", [("2", None)]),
    ("一、第2项整改任务不再保留。", [("2", None)]),
    ("一、删除序号2。", [("2", None)]),
    ("一、第二项:予以撤销。", [("2", None)]),
    ("一、将第1项并入第2项。", [("1", "2")]),
    ("一、第1项与第2项合并整改。", [("2", "1")]),
    ("一、第1项和第2项合并为第2项。", [("1", "2")]),
])
def test_a_task_withdrawn_or_merged_is_cancelled(body: str, cancelled: list[tuple[str, str | None]]) -> None:
    _, tasks, amendments = run(LIST_PLAN.format(body=body))
    assert [(a.task_seq, a.field, a.change, a.new, a.old) for a in amendments] == [
        (seq, "task", "cancel", into, None) for seq, into in cancelled]
    assert [t.responsible_units for t in tasks] == [["市生态环境局", "区商务局", "市发改委"], ["市住建局"]]  # kept


@pytest.mark.parametrize("body", [
    "一、第一项,删除超标排放的问题表述。",  # no unit taken out
    "一、第一项,取消巡查频次要求。",
    "一、撤销违规审批的项目。",  # no task named
    "一、第1项工程撤销后重新选址。",  # words between the task and the verb
    "一、各责任单位增加巡查频次。",
])
def test_removal_and_withdrawal_words_in_other_sentences_amend_nothing(body: str) -> None:
    _, tasks, amendments = run(LIST_PLAN.format(body=body))
    assert amendments == []
    assert tasks[0].responsible_units == ["市生态环境局", "区商务局", "市发改委"]


def test_task_cancellations_screen_skips_only_words_that_find_no_task(monkeypatch: pytest.MonkeyPatch) -> None:
    """may_name_a_task passes over a task-change word only where the full reading finds
    no task for it: task_cancellations gives the same with the screen as without, on the
    seeds and on random texts of task names, change words and marks."""
    import random

    import extract.fields.amendments as amendments
    from extract.fields.amendments import task_cancellations, task_change_words
    from extract.fields.patterns import CharIndex
    from tests.conftest import seed_path

    rng = random.Random(7)
    pieces = [*task_change_words(), "第5项", "第二项", "问题三", "序号2", "第1至3项", "、第6项", "将", "同意", "予以",
              "整改任务", "工程", "“某问题”", "某", "，", ",", "。", ":", "\n", " ", "一、", "2021年"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 14))) for _ in range(1500)]
    texts += [seed_path(k).read_text(encoding="utf-8") for k in ("000", "001", "002", "003", "004")]
    for text in texts:
        composed = compose(lines_to_blocks(text), Script.simplified)
        root = build_outline(composed.text, composed.blocks)
        for problems in ((), (("1", "某问题"),)):
            screened = task_cancellations(CharIndex(composed.text), root, problems, [])
            with monkeypatch.context() as patch:
                patch.setattr(amendments, "may_name_a_task", lambda *_: True)
                assert task_cancellations(CharIndex(composed.text), root, problems, []) == screened, text


def test_char_index_offsets_are_every_place_of_the_character() -> None:
    """A CharIndex's offsets, asked for once or again, are those of enumerate: the scans
    sharing one (verb_offsets, find_words) read what a find loop of their own would."""
    from extract.fields.patterns import CharIndex
    from tests.conftest import seed_path

    for text in ("", "为", "作为改为为", seed_path("002").read_text(encoding="utf-8")):
        chars = CharIndex(text)
        for c in "为增追消x":
            expected = [at for at, char in enumerate(text) if char == c]
            assert chars.offsets(c) == expected and chars.offsets(c) == expected


@pytest.mark.parametrize(("body", "removed", "left"), [
    ("一、将第一项责任单位中的区商务局删除。", ["区商务局"], ["市生态环境局", "市发改委"]),
    ("一、第一项责任单位中区商务局予以删除。", ["区商务局"], ["市生态环境局", "市发改委"]),
    ("一、第一项的区商务局不再列为责任单位。", ["区商务局"], ["市生态环境局", "市发改委"]),
    ("一、把区商务局从第一项责任单位中删去。", ["区商务局"], ["市生态环境局", "市发改委"]),
    ("一、第一项,将市发改委从责任单位中移除。", ["市发改委"], ["市生态环境局", "区商务局"]),
])
def test_units_removed_by_a_verb_closing_the_clause(body: str, removed: list[str], left: list[str]) -> None:
    text, tasks, amendments = run(LIST_PLAN.format(body=body))
    [amendment] = amendments
    assert (amendment.task_seq, amendment.field, amendment.change, amendment.new) == (
        "1", "responsible_units", "remove", removed)
    assert tasks[0].responsible_units == left and tasks[0].lead_unit == left[0]
    assert [text[slice(*tasks[0].spans[f"responsible_units.{k}"])] for k in range(len(left))] == left
    assert amendment.span is not None and removed[0] in text[slice(*amendment.span)]
    assert tasks[1].responsible_units == ["市住建局"]


PEOPLE_PLAN = """某市整改方案
第一项,某问题。
整改时限:2020年年底前
责任单位:市生态环境局、区商务局
责任领导:张明、赵刚
责任人:刘强
第二项,另一问题。
整改时限:2021年6月底前
责任单位:市住建局
牵头市领导:王军
责任人:陈华、周平
关于调整某市整改方案部分任务的通知
{body}
某市整改办
2021年5月1日
"""


@pytest.mark.parametrize(("body", "seq", "field", "change", "new", "value"), [
    ("一、第一项责任领导由张明调整为李伟。", "1", "leaders", "replace", ["李伟", "赵刚"], ["李伟", "赵刚"]),
    ("一、第二项牵头市领导调整为李伟。", "2", "leaders", "replace", ["李伟"], ["李伟"]),
    ("一、第二项责任人增加王磊。", "2", "persons", "add", ["王磊"], ["陈华", "周平", "王磊"]),
    ("一、第二项,增加王磊为责任人。", "2", "persons", "add", ["王磊"], ["陈华", "周平", "王磊"]),
    ("一、第一项责任领导中删除赵刚。", "1", "leaders", "remove", ["赵刚"], ["张明"]),
    ("一、第二项,陈华不再担任责任人。", "2", "persons", "remove", ["陈华"], ["周平"]),
    ("一、把赵刚从第一项责任领导中删去。", "1", "leaders", "remove", ["赵刚"], ["张明"]),
])
def test_leaders_and_persons_are_replaced_added_and_removed(body: str, seq: str, field: str, change: str,
                                                          new: list[str], value: list[str]) -> None:
    text, tasks, amendments = run(PEOPLE_PLAN.format(body=body))
    [amendment] = amendments
    assert (amendment.task_seq, amendment.field, amendment.change, amendment.new) == (seq, field, change, new)
    task = tasks[int(seq) - 1]
    assert getattr(task, field) == value
    assert [text[slice(*task.spans[f"{field}.{k}"])] for k in range(len(value))] == value  # each name its span
    assert f"{field}.{len(value)}" not in task.spans
    assert task.responsible_units == (["市生态环境局", "区商务局"] if seq == "1" else ["市住建局"])  # no unit touched


@pytest.mark.parametrize("body", [
    "一、第二项责任人增加巡查频次。",  # no one added
    "一、第一项责任领导中删除督查内容。",
    "一、第一项,取消对企业的责任人约谈。",
])
def test_people_words_naming_no_one_amend_nothing(body: str) -> None:
    _, tasks, amendments = run(PEOPLE_PLAN.format(body=body))
    assert amendments == []
    assert tasks[0].leaders == ["张明", "赵刚"] and tasks[1].persons == ["陈华", "周平"]


def test_a_replacement_naming_some_units_after_from_replaces_those_alone() -> None:
    text, tasks, amendments = run(LIST_PLAN.format(body="一、第一项,责任单位由区商务局调整为区住建局。"))
    [amendment] = amendments
    assert amendment.change == "replace" and amendment.new == ["市生态环境局", "区住建局", "市发改委"]
    assert tasks[0].responsible_units == ["市生态环境局", "区住建局", "市发改委"]
    assert [text[slice(*tasks[0].spans[f"responsible_units.{k}"])] for k in range(3)] == [
        "市生态环境局", "区住建局", "市发改委"]
    # all of them written after 由 (or one the list lacks): the whole list is the new one
    _, tasks, _ = run(LIST_PLAN.format(body="一、第一项,责任单位由市环保局调整为区住建局。"))
    assert tasks[0].responsible_units == ["区住建局"]


@pytest.mark.parametrize(("body", "field", "old", "new"), [
    ("一、第二项,整改时限:由2021年6月底前调整为2022年6月底前。", "deadline", "2021年6月底前", "2022年6月底前"),
    ("一、第二项,责任单位:由市住建局调整为市城管局。", "responsible_units", ["市住建局"], ["市城管局"]),
])
def test_a_separator_may_stand_between_the_label_and_the_written_old_value(body: str, field: str, old: object,
                                                                           new: object) -> None:
    text, tasks, amendments = run(LIST_PLAN.format(body=body))
    [amendment] = amendments
    assert (amendment.task_seq, amendment.field, amendment.change) == ("2", field, "replace")
    value = getattr(tasks[1], field)
    assert (value.text if field == "deadline" else value) == new
    assert amendment.span is not None and text[slice(*amendment.span)].startswith(("整改时限:", "责任单位:"))


def test_a_target_opening_with_from_after_its_separator_is_the_plans_own() -> None:
    _, tasks, amendments = run(LIST_PLAN.replace("整改时限:2021年6月底前", "整改时限:2021年6月底前\n整改目标:由粗放管理调整为精细管理。")
                               .format(body="一、第一项整改时限调整为2021年底前。"))
    assert [(a.task_seq, a.field) for a in amendments] == [("1", "deadline")]
    assert tasks[1].target == "由粗放管理调整为精细管理。"
