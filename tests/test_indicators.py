"""Quantified targets: one case per comparator form."""

from __future__ import annotations

import pytest

from extract.fields.indicators import find_indicators


def indicators(text: str, year: int | None = None) -> list[tuple[str, str, float, str | None, int | None, int | None]]:
    return [(i.name, i.comparator, i.value, i.unit, i.baseline_year, i.target_year)
            for i in find_indicators(text, 0, len(text), default_year=year)]


@pytest.mark.parametrize(("text", "expected"), [
    ("到2020年,全市细颗粒物(PM2.5)年均浓度比2015年下降22.1%以上。",
     [("细颗粒物(PM2.5)年均浓度", "decrease_by", 22.1, "%", 2015, 2020)]),
    ("到2020年,城市空气质量优良天数比例达到78.9%。", [("城市空气质量优良天数比例", ">=", 78.9, "%", None, 2020)]),
    ("到2020年,水质优良比例达到100%。", [("水质优良比例", "=", 100.0, "%", None, 2020)]),
    ("能源消费总量控制在417万吨标准煤左右。", [("能源消费总量", "<=", 417.0, "万吨标准煤", None, None)]),
    ("全市总用水量控制在15.15亿立方米以内。", [("总用水量", "<=", 15.15, "亿立方米", None, None)]),
    ("可再生能源装机比例接近60%。", [("可再生能源装机比例", "=", 60.0, "%", None, None)]),
    ("受污染耕地和污染地块安全利用率分别达到98%左右和90%以上。",
     [("受污染耕地和污染地块安全利用率", "=", 98.0, "%", None, None),
      ("受污染耕地和污染地块安全利用率", ">=", 90.0, "%", None, None)]),
    ("到“十四五”末,集中式饮用水水源地达标率保持100%。", [("集中式饮用水水源地达标率", "=", 100.0, "%", None, 2025)]),
    ("完成55个建制村环境整治任务。", [("建制村环境整治任务", ">=", 55.0, "个", None, None)]),
    ("到2020年达到国家二级标准。", []),
    ("乡镇垃圾收集转运处理设施100%全覆盖。", [("乡镇垃圾收集转运处理设施", "=", 100.0, "%", None, None)]),
    ("到2020年,90%以上村庄生活垃圾得到有效治理。", [("村庄生活垃圾得到有效治理", ">=", 90.0, "%", None, 2020)]),
    ("完成水土流失治理面积926千公顷。", [("水土流失治理面积", ">=", 926.0, "千公顷", None, None)]),
    ("森林覆盖率、森林蓄积量实现“双增长”,分别达到18.43%和998.3万立方米(含保护区)以上。",
     [("森林覆盖率", ">=", 18.43, "%", None, None), ("森林蓄积量", ">=", 998.3, "万立方米", None, None)]),
    ("化学需氧量、氨氮排放总量分别比2020年下降8%、8%。",
     [("化学需氧量", "decrease_by", 8.0, "%", 2020, None), ("氨氮排放总量", "decrease_by", 8.0, "%", 2020, None)]),
    ("单位GDP二氧化碳排放降低18%以上。", [("单位GDP二氧化碳排放", "decrease_by", 18.0, "%", None, None)]),
    ("PM2.5浓度为70微克/立方米,同比下降13.6%。", []),
    ("城市集中式饮用水水源地水质达标率保持在100%。", [("城市集中式饮用水水源地水质达标率", "=", 100.0, "%", None, None)]),
    ("到2022年,重度及以上污染天数比例控制在1%以内。", [("重度及以上污染天数比例", "<=", 1.0, "%", None, 2022)]),
    ("全市森林覆盖率达到\n45.5%以上。", [("森林覆盖率", ">=", 45.5, "%", None, None)]),
    ("反馈的42项问题中,已完成整改36项。", []),  # progress, not a target
    ("督察反馈的50项整改任务已完成30项,其余正在推进。", []),
    ("移交的200个信访问题,已整改完成190个。", []),
    ("确定的80项整改任务中,已完成或基本完成60项。", []),
    ("完成120个行政村环境整治。", [("行政村环境整治", ">=", 120.0, "个", None, None)]),  # a target count stays
])
def test_indicator_forms(text: str, expected: list[tuple[str, str, float, str | None, int | None, int | None]]) -> None:
    assert indicators(text) == expected


def test_spans_read_as_progress_are_skipped() -> None:
    text = "累计完成整改任务40项,森林覆盖率达到45%。"
    skip = [(text.index("完成"), text.index("项") + 1)]
    assert [i.name for i in find_indicators(text, 0, len(text), default_year=None, skip=skip)] == ["森林覆盖率"]


def test_indicator_spans_hold_their_text() -> None:
    text = "一、目标\n到2020年,森林覆盖率达到18.43%。"
    for indicator in find_indicators(text, 0, len(text), default_year=None):
        assert indicator.span is not None and text[slice(*indicator.span)] == indicator.text


def test_rule_file_validates_and_rejects_unknown_keys() -> None:
    import pydantic

    from extract.fields.indicators import IndicatorRules
    from extract.fields.patterns import load_yaml

    raw = load_yaml("indicators.yaml")
    rules = IndicatorRules.model_validate(raw)
    assert set(rules.verbs.values()) <= {">=", "<=", "=", "decrease_by", "increase_by"}
    with pytest.raises(pydantic.ValidationError):
        IndicatorRules.model_validate({**raw, "unknown_key": 1})  # type: ignore[dict-item]
    # triggers are looked for only at change_starts: a change_re part opening otherwise is refused
    with pytest.raises(pydantic.ValidationError, match="opens with none of change_starts"):
        IndicatorRules.model_validate({**raw, "change_re": "同" + raw["change_re"]})


def test_names_split_one_per_value_only_into_whole_names() -> None:
    from extract.fields.indicators import cut_name, split_names

    assert cut_name("森林蓄积量继续实现") == "森林蓄积量"
    assert split_names("森林覆盖率、森林蓄积量", 2) == ["森林覆盖率", "森林蓄积量"]
    assert split_names("受污染耕地和污染地块安全利用率", 2) == ["受污染耕地和污染地块安全利用率"] * 2


@pytest.mark.parametrize(("plan", "year"), [("三", 2020), ("四", 2025), ("五", 2030)])
def test_five_year_plan_end_year(plan: str, year: int) -> None:
    from extract.fields.indicators import plan_end_year

    assert plan_end_year(plan) == year


def reference_clause_start(text: str, floor: int, pos: int) -> int:
    """The plain reading clause_start must equal: walk back to a clause boundary."""
    from extract.fields.indicators import CLAUSE_BOUNDARY

    start = pos
    while start > floor and text[start - 1] not in CLAUSE_BOUNDARY:
        start -= 1
    return start


def reference_clause_end(text: str, pos: int, ceiling: int) -> int:
    from extract.fields.indicators import CLAUSE_BOUNDARY

    end = pos
    while end < ceiling and text[end] not in CLAUSE_BOUNDARY:
        end += 1
    return end


def test_clause_bounds_match_a_walk_over_the_characters() -> None:
    from extract.fields.indicators import clause_end, clause_start
    from tests.conftest import seed_path

    texts = ["", "。", "a,b;c", "到2020年,森林覆盖率达到\n45.5%以上。完成55个建制村环境整治任务",
             seed_path("000").read_text(encoding="utf-8")[:3000]]
    for text in texts:
        for floor in {0, 1, len(text) // 3, len(text)}:
            for pos in range(len(text) + 1):
                assert clause_start(text, floor, pos) == reference_clause_start(text, floor, pos)
                if pos >= floor:
                    assert clause_end(text, floor, pos) == reference_clause_end(text, floor, pos)



def test_value_pattern_matches_as_the_regex_module_does() -> None:
    """value_re runs on stdlib re: every match equals that of `regex` with the same pattern."""
    import random

    import regex

    from extract.fields.indicators import value_re
    from tests.conftest import seed_path

    oracle = regex.compile(value_re().pattern)
    rng = random.Random(5)
    pieces = ["1", "22", "3.5", ".", "%", "万吨", "标准煤", "个", "百分点", "(", ")", "含", "以上", "以", "内", "左右",
              "及以上", "微克/立方米", "\n", "x", "３", "亩"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 20))) for _ in range(2000)]
    texts.append(seed_path("002").read_text(encoding="utf-8")[:6000])
    for text in texts:
        for pos in range(len(text)):
            ours, theirs = value_re().match(text, pos), oracle.match(text, pos)
            assert (ours and (ours.span(), ours.groups())) == (theirs and (theirs.span(), theirs.groups())), text


def test_triggers_are_those_of_the_trigger_pattern() -> None:
    """triggers_in (stdlib re, from the characters a trigger begins with) finds what
    trigger_re finds: the same spans and groups, statistic markers before `start` too."""
    import random

    from extract.fields.indicators import trigger_re, triggers_in
    from tests.conftest import seed_path

    def key(match: object, whole: str) -> object:
        import re

        import regex

        if isinstance(match, re.Match):
            return match.span(whole), match.group("base", "dir", "verb")
        assert isinstance(match, regex.Match)
        return match.span(), match.group("base", "dir", "verb")

    rng = random.Random(3)
    words = ["达到", "下降", "下降到", "同比", "环比", "分别为", "累计", "比", "较", "2015", "年", "基础上", "提高", "了", "\n",
             "9", "5%", "控制在", "不低于", "x", ",", "降至", "稳定在", "提升至", "高于"]
    texts = ["".join(rng.choice(words) for _ in range(rng.randrange(1, 25))) for _ in range(3000)]
    texts += [seed_path(prefix).read_text(encoding="utf-8") for prefix in ("000", "001", "002")]
    for text in texts:
        for start, end in {(0, len(text)), (len(text) // 3, len(text)), (1, max(1, len(text) - 2)), (2, len(text) // 2)}:
            if start <= end:
                expected = [key(m, "") for m in trigger_re().finditer(text, start, end)]
                assert [key(m, "trigger") for m in triggers_in(text, start, end)] == expected, (text, start, end)


def test_goal_item_under_a_top_level_section() -> None:
    # 一、总体要求 / (二)整改目标。…: the goal is an item of the first section, not a section;
    # a task's heading naming a goal of its own is no goal item
    from extract.assemble import extract_bytes
    text = ("某市督察整改方案\n一、总体要求\n(一)指导思想。坚持问题导向。\n"
            "(二)整改目标。到2025年,全市PM2.5平均浓度下降到32微克/立方米,优良天数比例达到88%。\n"
            "二、整改任务\n(一)未完成水质目标。某断面水质达到Ⅲ类比例仅60%。\n整改时限:2023年底前\n责任单位:市水利局\n")
    doc = extract_bytes(text.encode(), "plan.txt")
    assert [(i.name, i.comparator, i.value, i.unit, i.target_year) for i in doc.indicators] == [
        ("PM2.5平均浓度", "<=", 32.0, "微克/立方米", 2025), ("优良天数比例", ">=", 88.0, "%", 2025)]


def test_a_baseline_year_is_not_the_year_of_the_clauses_after_it() -> None:
    text = "到2025年,化学需氧量排放量较2020年减少1200吨;森林覆盖率达到45.5%。"
    assert indicators(text) == [("化学需氧量排放量", "decrease_by", 1200.0, "吨", 2020, 2025),
                                ("森林覆盖率", ">=", 45.5, "%", None, 2025)]
