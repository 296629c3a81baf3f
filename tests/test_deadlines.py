"""The deadline parser, one case per written form, on phrases of our own that reproduce the
forms of real 整改时限/完成时限 values; and its rule file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from extract.fields.deadlines import (
    add_workdays,
    compile_rules,
    inline_deadline,
    load_deadline_rules,
    parse_deadline,
    parse_deadline_with,
)
from extract.fields.patterns import RULES_DIR

D = dt.date
REF = D(2020, 7, 30)  # a document's issue date


def kinds(text: str, reference: D | None = REF) -> list[str]:
    deadline, _ = parse_deadline(text, reference=reference)
    assert deadline is not None
    return [str(k) for k in deadline.kinds]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2020年年底前", D(2020, 12, 31)),
        ("2020年底前", D(2020, 12, 31)),
        ("2020年底", D(2020, 12, 31)),
        ("到2020年底", D(2020, 12, 31)),
        ("2021年末前完成", D(2021, 12, 31)),
        ("2020年11月底前", D(2020, 11, 30)),
        ("2021年2月底前", D(2021, 2, 28)),
        ("2021年6月30日前", D(2021, 6, 30)),
        ("2020年12月31日", D(2020, 12, 31)),
        ("2021年6月30日前印发", D(2021, 6, 30)),  # 前: a deadline to the day, not a document's date
        ("编制《某规划》(2021年底前)", D(2021, 12, 31)),  # a deadline in brackets after a title stays
        ("2020年上半年", D(2020, 6, 30)),
        ("2020年下半年", D(2020, 12, 31)),
        ("2022年年中前", D(2022, 6, 30)),
        ("2022年元旦前", D(2021, 12, 31)),  # a holiday on a fixed day: the day before it
        ("2021年国庆前完成", D(2021, 9, 30)),
        ("2021年春节前", D(2021, 2, 11)),  # a lunar holiday: its day in that year, from its table
        ("2023年春节之前完成", D(2023, 1, 21)),
        ("2021年第一季度", D(2021, 3, 31)),
        ("2021年一季度", D(2021, 3, 31)),
        ("2021年第三季度前", D(2021, 9, 30)),
        ("到2027年", D(2027, 12, 31)),
        ("2027年前", D(2027, 12, 31)),
        ("2027年", D(2027, 12, 31)),
        ("2020年9月", D(2020, 9, 30)),
        ("2021年3月中旬前", D(2021, 3, 20)),
        ("2021年3月上旬", D(2021, 3, 10)),
        ("2020年10月份", D(2020, 10, 31)),
        ("2020.12.31", D(2020, 12, 31)),
        ("2020-12-31", D(2020, 12, 31)),
        ("2020/6/30前", D(2020, 6, 30)),
        ("2020年年内完成", D(2020, 12, 31)),
        ("2021年度", D(2021, 12, 31)),
        ("确保2022年完成整改", D(2022, 12, 31)),
    ],
)
def test_calendar_dates(text: str, date: D) -> None:
    deadline, warnings = parse_deadline(text, reference=REF)
    assert deadline is not None
    assert (deadline.text, deadline.date, deadline.dates, warnings) == (text, date, [], [])
    assert kinds(text) == ["by_date"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("“十四五”末", D(2025, 12, 31)),
        ('"十四五"期间', D(2025, 12, 31)),
        ("十四五末", D(2025, 12, 31)),
        ("“十三五”期间", D(2020, 12, 31)),
        ("十五五末", D(2030, 12, 31)),
        ("“十四五”时期", D(2025, 12, 31)),
    ],
)
def test_plan_periods(text: str, date: D) -> None:
    deadline, _ = parse_deadline(text)
    assert deadline is not None
    assert (deadline.date, kinds(text, None)) == (date, ["by_date"])


def test_plan_name_in_a_title_is_no_deadline() -> None:
    assert parse_deadline("按十四五规划推进")[1] == ["deadline_unparsed"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("立行立改", ["immediate"]),
        ("即知即改", ["immediate"]),
        ("长期坚持", ["ongoing"]),
        ("持续推进", ["ongoing"]),
        ("持续整改", ["ongoing"]),
        ("持续加强", ["ongoing"]),
        ("常态化", ["ongoing"]),
        ("长期", ["ongoing"]),
        ("每年开展一次", ["ongoing"]),
        ("每年12月底前报送", ["ongoing"]),  # a recurring date is no deadline
        ("已于2020年6月完成整改,长期保持", ["ongoing"]),
        ("已完成整改,长期坚持", ["ongoing"]),
        ("立行立改,持续加强,长期坚持", ["immediate", "ongoing"]),
        ("2021年起,加快推进某项工作", ["ongoing"]),
        ("自2022年开始逐步实施", ["ongoing"]),
        # open forms of real 整改时限 cells
        ("边督边改", ["immediate"]),
        ("立即", ["immediate"]),
        ("持续保持", ["ongoing"]),
        ("坚持不懈", ["ongoing"]),
        ("持之以恒", ["ongoing"]),
        ("动态管理", ["ongoing"]),
        ("逐步推进", ["ongoing"]),
        ("每半年开展一次", ["ongoing"]),
        ("每周调度", ["ongoing"]),
        ("按国家批复时限完成", ["conditional"]),
        ("按项目批复工期完成", ["conditional"]),
        ("依据批复时间确定", ["conditional"]),
        ("按照上级要求", ["conditional"]),
        ("按要求完成整改", ["conditional"]),
        ("根据项目进度推进", ["conditional"]),
        ("按照国家部署要求完成。", ["conditional"]),
    ],
)
def test_cue_words_without_date(text: str, expected: list[str]) -> None:
    deadline, warnings = parse_deadline(text, reference=REF)
    assert deadline is not None
    assert (deadline.date, kinds(text), warnings) == (None, expected, [])


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("涉及某保护区范围调整问题,根据国家审核批复时间确定,其余问题2020年年底前完成。",
         D(2020, 12, 31), ["by_date", "conditional"]),
        ("视上级批复情况确定", None, ["conditional"]),
        ("待规划调整获批后实施", None, ["conditional"]),
        ("按国家规定时限完成", None, ["conditional"]),
        ("根据省里统一部署推进", None, ["conditional"]),
        ("随旧城改造项目同步完成", None, ["conditional"]),
        ("与污水厂主体工程同步实施", None, ["conditional"]),
        ("2022年底前结合道路改造一并完成", D(2022, 12, 31), ["by_date", "conditional"]),
        ("立行立改，2020年年底前完成", D(2020, 12, 31), ["immediate", "by_date"]),
        ("立行立改,2020年年底前完成", D(2020, 12, 31), ["immediate", "by_date"]),
        ("2020年底前完成并长期坚持", D(2020, 12, 31), ["by_date", "ongoing"]),
        ("“十四五”期间持续推进", D(2025, 12, 31), ["by_date", "ongoing"]),
        ("2020年9月底前完成,2021年开始持续推进", D(2020, 9, 30), ["by_date", "ongoing"]),
        (
            "2020年年底前,按照某部门《关于做好某某工作的函》(某资函〔2020〕71号)要求,编制上报《某县整合"
            "优化预案(2017—2021年)》,完成某保护区问题整改及验收工作。2021年起,按照某项工作部署,"
            "结合某规划编制,加快推进某保护区整合优化工作。",
            D(2020, 12, 31), ["by_date", "ongoing"],
        ),
        ("2021年起至2025年底前全面完成", D(2025, 12, 31), ["by_date"]),
        ("长期以来存在的问题,2020年底前完成", D(2020, 12, 31), ["by_date"]),
        ("2021年底前完成整改,持续保持", D(2021, 12, 31), ["by_date", "ongoing"]),
        ("立即开展排查,2021年底前完成", D(2021, 12, 31), ["immediate", "by_date"]),
        # a "per X" beside a date only says why: no condition (the anchored cue needs the whole text)
        ("按照国家要求,2021年底前完成", D(2021, 12, 31), ["by_date"]),
        ("按照国家要求2021年底前完成", D(2021, 12, 31), ["by_date"]),
        ("根据督察要求,立行立改", None, ["immediate"]),
    ],
)
def test_combinations(text: str, date: D | None, expected: list[str]) -> None:
    deadline, warnings = parse_deadline(text, reference=REF)
    assert deadline is not None
    assert (deadline.date, kinds(text), warnings) == (date, expected, [])


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("2022年年底、2023年年底和2025年年底", [D(2022, 12, 31), D(2023, 12, 31), D(2025, 12, 31)]),
        ("2020年底前取得阶段性成效,2025年底前全面完成", [D(2020, 12, 31), D(2025, 12, 31)]),
        ("2022年6月底前完成一期,9月底前完成二期", [D(2022, 6, 30), D(2022, 9, 30)]),
        ("2022年11月底前完成一期,3月底前完成二期", [D(2022, 11, 30), D(2023, 3, 31)]),
    ],
)
def test_several_dates(text: str, dates: list[D]) -> None:
    deadline, _ = parse_deadline(text, reference=REF)
    assert deadline is not None
    assert (deadline.date, deadline.dates, kinds(text)) == (dates[-1], dates, ["by_date"])


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2021年至2025年底", D(2025, 12, 31)),
        ("2021-2025年", D(2025, 12, 31)),
        ("2020年10月至12月", D(2020, 12, 31)),
        ("2020年10月-2021年6月", D(2021, 6, 30)),
    ],
)
def test_ranges_end_on_their_last_date(text: str, date: D) -> None:
    deadline, _ = parse_deadline(text, reference=REF)
    assert deadline is not None
    assert (deadline.date, deadline.dates) == (date, [])


@pytest.mark.parametrize(
    ("text", "reference", "date"),
    [
        # 45 working days after 2020-07-30: the 2020 National Day holiday (1–8 October) and
        # its make-up Sunday (27 September) are in the calendar's hands.
        ("自印发之日起45个工作日内", REF, add_workdays(REF, 45)),
        ("45个工作日内", REF, D(2020, 9, 30)),
        ("10个工作日内", D(2020, 9, 25), D(2020, 10, 15)),  # 27 Sep and 10 Oct are make-up working days
        ("方案印发后30日内", REF, D(2020, 8, 29)),
        ("30日内", REF, D(2020, 8, 29)),
        ("7天内", REF, D(2020, 8, 6)),
        ("3个月内", REF, D(2020, 10, 30)),
        ("3个月内", D(2020, 11, 30), D(2021, 2, 28)),
        ("一年内", REF, D(2021, 7, 30)),
        ("半年内", REF, D(2021, 1, 30)),
        ("十五个工作日内", REF, add_workdays(REF, 15)),
        # a span alone after the label (整改时限:7天) allows that long, as 7天内 does
        ("7天", REF, D(2020, 8, 6)),
        ("3个月", REF, D(2020, 10, 30)),
        ("45个工作日", REF, D(2020, 9, 30)),
    ],
)
def test_relative_spans(text: str, reference: D, date: D | None) -> None:
    deadline, warnings = parse_deadline(text, reference=reference)
    assert deadline is not None
    assert (deadline.date, kinds(text, reference), warnings) == (date, ["relative"], [])


@pytest.mark.parametrize("text", ["施工7天", "7天后复查", "每7天"])
def test_a_span_in_a_sentence_is_no_deadline_without_its_ending(text: str) -> None:
    assert "relative" not in kinds(text, REF)


def test_working_days_skip_the_national_day_holiday() -> None:
    # 2020-09-30 is a Wednesday; 1–8 October are holidays, 10 October a make-up working day.
    assert add_workdays(D(2020, 9, 30), 1) == D(2020, 10, 9)
    assert add_workdays(D(2020, 9, 30), 2) == D(2020, 10, 10)


@pytest.mark.parametrize("reference", [None, D(2099, 1, 1), D(1990, 1, 1)])
def test_relative_span_without_a_usable_reference(reference: D | None) -> None:
    deadline, warnings = parse_deadline("自印发之日起45个工作日内", reference=reference)
    assert deadline is not None
    assert (deadline.date, kinds("45个工作日内", reference), warnings) == (None, ["relative"], [])
    assert deadline.note


def test_relative_span_from_an_event_has_no_date() -> None:
    deadline, _ = parse_deadline("收到督办通知后15日内", reference=REF)
    assert deadline is not None
    assert (deadline.date, kinds("收到督办通知后15日内")) == (None, ["relative", "conditional"])


@pytest.mark.parametrize(
    ("text", "season"),
    [("汛期前", "汛期"), ("采暖季前", "采暖季"), ("供暖季前", "供暖季"), ("2021年主汛期前", "主汛期"), ("2022年秋季前", "秋季")],
)
def test_named_seasons_have_no_date(text: str, season: str) -> None:
    deadline, warnings = parse_deadline(text, reference=REF)
    assert deadline is not None
    assert (deadline.date, kinds(text), warnings) == (None, ["by_date"], [])
    assert deadline.note is not None and season in deadline.note


@pytest.mark.parametrize(
    ("text", "reference", "date"),
    [
        ("11月底前", REF, D(2020, 11, 30)),
        ("9月30日前", REF, D(2020, 9, 30)),
        ("6月底前", REF, D(2021, 6, 30)),  # already past in 2020: the next one
        ("7月30日前", REF, D(2020, 7, 30)),  # on the reference day itself
        ("今年底前", REF, D(2020, 12, 31)),
        ("年底前完成", REF, D(2020, 12, 31)),
        ("明年6月底前", REF, D(2021, 6, 30)),
    ],
)
def test_dates_that_need_the_reference(text: str, reference: D, date: D) -> None:
    deadline, _ = parse_deadline(text, reference=reference)
    assert deadline is not None
    assert (deadline.date, kinds(text, reference)) == (date, ["by_date"])


@pytest.mark.parametrize("text", ["11月底前", "9月30日前", "今年底前"])
def test_month_day_without_reference_is_unparsed(text: str) -> None:
    deadline, warnings = parse_deadline(text)
    assert deadline is not None
    assert (deadline.date, deadline.kinds, warnings) == (None, [], ["deadline_unparsed"])


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("20259月底前", D(2025, 9, 30)),  # a mirror dropped 年
        ("202012月底前", D(2020, 12, 31)),
        ("2016 年 11 月", D(2016, 11, 30)),  # letter-spaced digits
        ("2021 年 6 月 30 日前", D(2021, 6, 30)),
        ("二〇二〇年十二月底前", D(2020, 12, 31)),
        ("二〇二一年六月三十日前", D(2021, 6, 30)),
        ("二○二二年年底前", D(2022, 12, 31)),
    ],
)
def test_damaged_and_chinese_numeral_dates(text: str, date: D) -> None:
    deadline, _ = parse_deadline(text, reference=REF)
    assert deadline is not None
    assert (deadline.date, kinds(text)) == (date, ["by_date"])


@pytest.mark.parametrize(
    "text",
    [
        "截至2020年7月底",  # a progress date
        "公示时间:2025年4月30日至5月16日",  # a public-notice period
        "公示期为2025年4月30日—5月16日",
        "某函〔2020〕71号",  # a document number
        "《某某三年行动计划(2018-2020年)》",  # a book title
        "已于2020年5月完成",  # done already
        "截至2021年6月底",
        "2021年3月10日印发",  # a document's date
        "《某方案》(2021年3月10日)",
        "已完成",
        "无",
    ],
)
def test_never_deadlines(text: str) -> None:
    deadline, warnings = parse_deadline(text, reference=REF)
    assert deadline is not None
    assert (deadline.date, deadline.dates, deadline.kinds, warnings) == (None, [], [], ["deadline_unparsed"])


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("截至2020年7月底已完成方案编制,2020年底前全面完成", D(2020, 12, 31)),
        ("按照某某行动计划(2018-2020年)要求,2021年6月底前完成", D(2021, 6, 30)),
        ("某函〔2019〕12号要求,2020年底前完成", D(2020, 12, 31)),
        ("较2015年下降10%,2020年底前完成", D(2020, 12, 31)),
        ("2019年排查发现的问题,2020年底前完成", D(2020, 12, 31)),
        ("2017年以来的问题,2020年底前完成", D(2020, 12, 31)),
        ("2020年底前完成,公示时间:2021年1月5日至1月11日", D(2020, 12, 31)),
        # a document's or a meeting's day is no deadline
        ("根据《某方案》(2020年3月10日)要求,2020年底前完成", D(2020, 12, 31)),
        ("根据《某方案》（2020年3月10日）要求，2020年底前完成", D(2020, 12, 31)),
        ("按照2020年3月10日印发的方案,2020年底前完成", D(2020, 12, 31)),
        ("2020年7月10日召开会议部署,2020年底前完成", D(2020, 12, 31)),
        ("截至2020年6月底完成60%,2020年底前全面完成", D(2020, 12, 31)),
    ],
)
def test_non_deadline_dates_beside_a_deadline(text: str, date: D) -> None:
    deadline, _ = parse_deadline(text, reference=REF)
    assert deadline is not None
    assert (deadline.date, deadline.dates, kinds(text)) == (date, [], ["by_date"])


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_text(text: str) -> None:
    assert parse_deadline(text, reference=REF) == (None, [])


def test_text_is_kept_as_written() -> None:
    deadline, _ = parse_deadline("  2020年 11 月底前 \n")
    assert deadline is not None
    assert (deadline.text, deadline.date) == ("2020年 11 月底前", D(2020, 11, 30))


# --- the rule file ----------------------------------------------------------------------


def _rules_copy(tmp_path: Path, change: dict[str, object]) -> Path:
    data = yaml.safe_load((RULES_DIR / "deadlines.yaml").read_text(encoding="utf-8"))
    for dotted, value in change.items():
        *parents, key = dotted.split(".")
        node = data
        for parent in parents:
            node = node[parent]
        node[key] = value(node[key]) if callable(value) else value
    path = tmp_path / "deadlines.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_rule_file_loads() -> None:
    rules = load_deadline_rules()
    assert rules.plan_periods["十四五"] == 2025
    assert "立行立改" in rules.cues.immediate


def test_an_added_cue_word_changes_the_result(tmp_path: Path) -> None:
    text = "滚动实施"
    assert parse_deadline(text)[1] == ["deadline_unparsed"]
    path = _rules_copy(tmp_path, {"cues.ongoing": lambda words: [*words, "滚动实施"]})
    deadline, warnings = parse_deadline_with(text, compile_rules(load_deadline_rules(path)))
    assert deadline is not None
    assert ([str(k) for k in deadline.kinds], warnings) == (["ongoing"], [])


def test_an_added_plan_period_changes_the_result(tmp_path: Path) -> None:
    path = _rules_copy(tmp_path, {"plan_periods": lambda table: {**table, "十六五": 2035}})
    deadline, _ = parse_deadline_with("“十六五”末", compile_rules(load_deadline_rules(path)))
    assert deadline is not None and deadline.date == D(2035, 12, 31)


@pytest.mark.parametrize(
    "change",
    [
        {"unknown_key": ["x"]},
        {"cues.unknown_cue": ["x"]},
        {"cues.conditional": ["根据(未闭合"]},
        {"cues.conditional": [r"(根据)\1"]},  # a backreference: the cues are one alternation
        {"cues.conditional": ["(?i)视.{0,30}?情况"]},  # an inline flag
        {"cues.conditional": ["(?P<a>待)后(?P=a)"]},
        {"year_suffixes": {"年底": [13, 31]}},
        {"relative_units": {"日": {"unit": "fortnight", "per": 1}}},
    ],
)
def test_loader_rejects_bad_rules(tmp_path: Path, change: dict[str, object]) -> None:
    with pytest.raises((ValidationError, ValueError)):
        load_deadline_rules(_rules_copy(tmp_path, change))


@pytest.mark.parametrize("text", ["2021年2月30日前", "2020年13月", "0月底前", "99999年底"])
def test_impossible_dates_are_never_guessed(text: str) -> None:
    deadline, warnings = parse_deadline(text, reference=REF)
    assert deadline is not None
    assert (deadline.date, warnings) == (None, ["deadline_unparsed"])


ALPHABET = "0123456789年月日底末前内起至-.,。、十四五汛期立行改长期持续根据确定个工作半季度上下〔〕《》()“”截公示 "


@given(text=st.text(alphabet=ALPHABET, max_size=40), days=st.integers(min_value=-20000, max_value=20000))
def test_any_text_gives_a_consistent_answer(text: str, days: int) -> None:
    reference = D(2020, 1, 1) + dt.timedelta(days=days)
    deadline, warnings = parse_deadline(text, reference=reference)
    if deadline is None:
        assert (text.strip(), warnings) == ("", [])
        return
    assert (warnings == ["deadline_unparsed"]) == (not deadline.kinds)
    assert deadline.dates == [] or (len(deadline.dates) > 1 and deadline.date == max(deadline.dates))
    assert deadline.date is None or deadline.kinds


def test_a_season_beside_a_date_keeps_the_date_and_the_note() -> None:
    deadline, _ = parse_deadline("2021年6月底前(汛期前)", reference=REF)
    assert deadline is not None
    assert (deadline.date, deadline.note) == (D(2021, 6, 30), "named season: 汛期前")


def test_the_first_character_lookahead_keeps_every_phrase() -> None:
    """Each branch of the phrase pattern begins only with a character of `hit_starts`, so
    the lookahead before them changes no match."""
    import random

    import regex

    from extract.fields.deadlines import default_rules, hit_branches, hit_starts

    rules = default_rules().rules
    starts = regex.compile(f"[{hit_starts(rules)}]")
    plain = regex.compile("|".join(f"(?:{b})" for b in hit_branches(rules)))
    words = [*rules.plan_periods, *rules.seasons, *rules.terms, *rules.term_suffixes, *rules.relative_years,
             *rules.bare_year_suffixes,
             *rules.year_suffixes, *rules.month_suffixes, *rules.relative_units, *rules.relative_endings,
             *rules.plan_suffixes, *rules.season_suffixes, "2021", "1999", "12", "6", "30", "٣", "年", "月", "日",
             "号", ".", "-", "“", "”", "前", "底", "三", "半", "个", "至"]
    rng = random.Random(4)
    for _ in range(3000):
        text = "".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
        for branch in hit_branches(rules):
            for match in regex.finditer(branch, text, overlapped=True):
                assert starts.match(text, match.start()), (branch, text)
        assert [m.groupdict() | {"_": m.span()} for m in default_rules().hit_re.finditer(text)] == [
            m.groupdict() | {"_": m.span()} for m in plain.finditer(text)], text


def test_each_cue_list_is_searched_as_one_pattern() -> None:
    """One search per cue list finds a cue exactly where one of its words or patterns is."""
    import random

    import regex

    from extract.fields.deadlines import SELF_REFERENCE_RE, default_rules

    compiled = default_rules()
    cues = compiled.rules.cues
    assert not any(SELF_REFERENCE_RE.search(p) for p in cues.conditional)
    words = [*cues.immediate, *cues.ongoing, *cues.exceptions, "长", "期", "持续", "立即", "2021年底", ",", "□"]
    conditional = ["根据", "确定", "视", "待", "后", "以", "为准", "批复", "审批", "按", "按照", "规定", "的", "时限",
                   "条件", "成熟", "另行", "通知", "时间", "情况", "进度", "进展", "要求", "明确", "节点", "时机", "进度确定", "2021年底", ","]
    rng = random.Random(8)
    for _ in range(3000):
        text = "".join(rng.choice(words) for _ in range(rng.randint(0, 6)))
        assert bool(compiled.immediate_re.search(text)) == any(w in text for w in cues.immediate), text
        assert bool(compiled.ongoing_re.search(text)) == any(w in text for w in cues.ongoing), text
        assert bool(compiled.exception_re.search(text)) == any(w in text for w in cues.exceptions), text
        text = "".join(rng.choice(conditional) for _ in range(rng.randint(0, 6)))
        assert bool(compiled.conditional_re.search(text)) == any(
            regex.search(p, text) for p in cues.conditional), text


def test_a_repeated_deadline_comes_back_as_a_copy_of_its_own() -> None:
    """parse_deadline caches by text and date: a caller changing its Deadline changes no other."""
    first, warnings = parse_deadline("2021年6月底前、2021年底前;长期坚持", reference=REF)
    assert first is not None
    first.kinds.clear()
    first.dates.append(D(1999, 1, 1))
    warnings.append("x")
    again, warnings_again = parse_deadline("2021年6月底前、2021年底前;长期坚持", reference=REF)
    assert again is not None and again is not first
    assert (again.dates, [str(k) for k in again.kinds], warnings_again) == (
        [D(2021, 6, 30), D(2021, 12, 31)], ["by_date", "ongoing"], [])
    assert parse_deadline("看情况", reference=REF)[1] == parse_deadline("看情况", reference=REF)[1] == ["deadline_unparsed"]


def test_each_caller_gets_its_own_copy_of_a_cached_deadline() -> None:
    from extract.fields.deadlines import parse_default

    first, _ = parse_deadline("2021年6月底前、2021年底前完成", reference=None)
    second, _ = parse_deadline("2021年6月底前、2021年底前完成", reference=None)
    cached, _ = parse_default("2021年6月底前、2021年底前完成", None)
    assert first is not None and second is not None and cached is not None
    assert first == second == cached and first.model_fields_set == cached.model_fields_set
    assert first.dates is not cached.dates and first.kinds is not cached.kinds and first.dates is not second.dates
    first.dates.append(dt.date(2030, 1, 1))
    assert cached.dates == second.dates == [dt.date(2021, 6, 30), dt.date(2021, 12, 31)]


@pytest.mark.parametrize(("text", "phrase", "date", "kinds"), [
    ("淘汰燃煤锅炉。2022年10月底前完成城区锅炉拆除,逐台销号。", "2022年10月底前", D(2022, 10, 31), ["by_date"]),
    ("整治黑臭水体(2023年底前完成)。", "2023年底前", D(2023, 12, 31), ["by_date"]),
    ("加强扬尘管控。建立清单,落实要求,长期坚持。", "长期坚持", None, ["ongoing"]),
    ("推进改造。“十四五”末全面完成。", "“十四五”末", D(2025, 12, 31), ["by_date"]),
    ("要求2021年底前完成整改。", "2021年底前", D(2021, 12, 31), ["by_date"]),  # 要求 states the deadline
    # a past phrase is left out, a later one kept
    ("2019年底前完成排查;2021年底前完成整治。", "2021年底前", D(2021, 12, 31), ["by_date"]),
    # several phrases: one deadline of several dates, spanning the first to the last
    ("到2023年6月底前,收集率达到70%;2025年底前达到80%。", "2023年6月底前,收集率达到70%;2025年底前",
     D(2025, 12, 31), ["by_date"]),
    # a quarter or mid-year with 前; a span's end right before 完成 with no 前
    ("整治扬尘。2021年第三季度前完成渣土车改造。", "2021年第三季度前", D(2021, 9, 30), ["by_date"]),
    ("整治扬尘。2021年三季度末前完成改造。", "2021年三季度末前", D(2021, 9, 30), ["by_date"]),
    ("淘汰锅炉,2021年上半年完成拆除。", "2021年上半年", D(2021, 6, 30), ["by_date"]),
    ("整治河道。2021年6月底全面完成。", "2021年6月底", D(2021, 6, 30), ["by_date"]),
    ("推进改造,2021年年中基本完成。", "2021年年中", D(2021, 6, 30), ["by_date"]),
    # a season with its year: the deadline reads with its note
    ("加快管网建设,2021年汛期前完成雨污分流改造。", "2021年汛期前", None, ["by_date"]),
    # a holiday whose day moves with the lunar calendar: the day before it, from its table
    ("推进改造,2022年春节前完成。", "2022年春节前", D(2022, 1, 31), ["by_date"]),
    # a facility to be built or put into service by then (no 的 making the date a qualifier)
    ("一是扩建城东污水厂,2022年6月底前投入运行。", "2022年6月底前", D(2022, 6, 30), ["by_date"]),
    ("建设园区应急池,2022年底前建成投运。", "2022年底前", D(2022, 12, 31), ["by_date"]),
])
def test_a_deadline_stated_in_running_text(text: str, phrase: str, date: D | None, kinds: list[str]) -> None:
    found = inline_deadline(text, REF)
    assert found is not None
    deadline, (start, end) = found
    assert text[start:end] == phrase
    assert (deadline.date, deadline.kinds) == (date, kinds)


@pytest.mark.parametrize("text", [
    "加强排污口监管。已于2021年底前完成排查,持续开展整治。",  # done: no deadline
    "督察发现,要求2019年底前完成的整治任务至今未完成。",  # the problem's history
    "截至2021年6月底前,已完成80%。",
    "坚持立行立改、边督边改,推进整改。",  # 立行立改 not standing alone
    "建立长效机制,加强日常监管。",
    "推进老旧小区改造。对2000年以前建成的小区实施改造。",  # the date qualifies the houses
    "移交2022年底前建成的管网。",  # the date qualifies the pipes (a later date than the document's)
    "推进整治。2019年底前完成排查。",  # before the document's date (2020-07-30): the past
    "2021年前三季度,全市PM2.5浓度同比上升。",  # 前 opens another word
    "2022年前后建成的污水处理厂。",
    "整改目标:2022年前5个月完成。",
    "截至2021年6月底完成80%。",  # a progress date
    "2025年底完成率达到90%。",  # a rate, not a deadline
    "2021年底完成情况良好。",
    "2021年完成投资5亿元。",  # a bare year before 完成 is an account
    "每年汛期前开展巡查。",  # recurring, no year of its own
    "已于2021年6月底完成。",
    "督察发现,原定2021年6月底完成的项目至今未完成。",
    "2019年上半年完成的项目。",  # before the document's date
])
def test_no_deadline_from_running_text_that_states_none(text: str) -> None:
    assert inline_deadline(text, REF) is None


@pytest.mark.parametrize(("text", "reference", "date"), [
    ("元旦前", D(2020, 7, 30), D(2020, 12, 31)),
    ("国庆前完成", D(2020, 7, 30), D(2020, 9, 30)),
    ("国庆前", D(2020, 10, 1), D(2021, 9, 30)),  # the document's own day is past: next year's
    ("元旦前", None, None),  # no date to count from: a named season
    ("春节前", D(2020, 7, 30), D(2021, 2, 11)),  # a lunar holiday: the next listed one
    ("春节前完成", D(2021, 1, 10), D(2021, 2, 11)),
    ("春节前", D(2021, 2, 12), D(2022, 1, 31)),  # its own day is past: next year's
    ("春节前", D(2040, 3, 1), None),  # beyond the table: a named season
])
def test_a_fixed_day_holiday_without_a_year_is_the_next_after_the_document(
        text: str, reference: D | None, date: D | None) -> None:
    deadline, warnings = parse_deadline(text, reference=reference)
    assert deadline is not None and not warnings
    assert deadline.date == date
    assert deadline.note == (None if date else f"named season: {text}")


def test_a_lunar_holiday_in_a_year_not_listed_is_a_named_season() -> None:
    deadline, _ = parse_deadline("2040年春节前", reference=D(2039, 6, 1))
    assert deadline is not None
    assert (deadline.date, deadline.note) == (None, "named season: 2040年春节前")


def test_a_listed_lunar_holiday_must_be_a_real_day() -> None:
    import pydantic
    import yaml

    from extract.fields.deadlines import RULES_DIR, DeadlineRules, holiday_in, load_deadline_rules

    rules = load_deadline_rules()
    assert holiday_in(rules, "春节", 2024) == D(2024, 2, 10)
    raw = yaml.safe_load((RULES_DIR / "deadlines.yaml").read_text(encoding="utf-8"))
    raw["dated_seasons"]["春节"][2024] = [2, 30]
    with pytest.raises(pydantic.ValidationError, match="dated_seasons"):
        DeadlineRules.model_validate(raw)


def test_the_cue_precheck_finds_every_text_with_inline_phrases() -> None:
    """`inline_phrases` returns early when `inline_cue_re` finds nothing in a text, and
    reads no sentence's clauses where it finds nothing in the sentence; reading every
    clause must then find nothing too."""
    import random

    from extract.fields.deadlines import clause_phrases, default_rules, inline_phrases

    compiled = default_rules()
    rng = random.Random(9)
    pieces = ["2022年", "6月", "底前", "前", "长期坚持", "立行立改", "，", "。", "、", "已", "完成", "十四五", "“", "”", "末",
              "建成", "后", "1", " "]
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        every_clause = clause_phrases(text.replace("。", "，"), compiled)  # one sentence, no cue skipped
        if compiled.inline_cue_re.search(text) is None:
            assert every_clause == [] and inline_phrases(text, compiled) == [], text
            assert clause_phrases(text, compiled) == [], text  # the text as one sentence


@pytest.mark.parametrize(("text", "date"), [
    # a date cut at the end of a narrow cell's line (PDF, fixed-width text): one date, not 2024's end
    ("2024年\n3月底前", D(2024, 3, 31)),
    ("2024年 \n 11月30日前", D(2024, 11, 30)),
])
def test_a_date_cut_at_a_line_end_reads_whole(text: str, date: D) -> None:
    found = parse_deadline(text)[0]
    assert found is not None and found.date == date and found.dates == []


# --- audit of real 整改时限 wordings (forms seen across regions' plans, our own phrases) ----


@pytest.mark.parametrize("text", ["本届政府任期内", "本届任期内完成", "政府任期届满前"])
def test_a_term_of_office_is_a_deadline_with_a_note_and_no_date(text: str) -> None:
    """The notice does not state when the term ends: read as a named season is."""
    deadline, warnings = parse_deadline(text, reference=REF)
    assert deadline is not None
    assert (deadline.date, kinds(text), warnings) == (None, ["by_date"], [])
    assert deadline.note is not None and deadline.note.startswith("term of office")


@pytest.mark.parametrize(("text", "season"), [("汛前", "汛前"), ("入汛前完成清淤", "入汛前"), ("2023年汛前", "汛前")])
def test_flood_season_written_short_is_a_named_season(text: str, season: str) -> None:
    deadline, warnings = parse_deadline(text, reference=REF)
    assert deadline is not None
    assert (deadline.date, kinds(text), warnings) == (None, ["by_date"], [])
    assert deadline.note is not None and season in deadline.note


@pytest.mark.parametrize(
    ("text", "date"),
    [("年中前完成", D(2020, 6, 30)), ("下半年完成", D(2020, 12, 31)), ("上半年", D(2020, 6, 30))],
)
def test_a_half_year_alone_is_the_documents_own_year(text: str, date: D) -> None:
    deadline, _ = parse_deadline(text, reference=REF)
    assert deadline is not None
    assert (deadline.date, kinds(text)) == (date, ["by_date"])
    assert parse_deadline(text)[1] == ["deadline_unparsed"]  # no document date: no year


def test_stages_alone_are_ongoing_and_with_dates_keep_each_stage() -> None:
    assert kinds("分步实施") == ["ongoing"]
    assert kinds("分阶段推进") == ["ongoing"]
    deadline, _ = parse_deadline("分阶段完成:2022年底前完成六成,2023年6月底前全部完成", reference=REF)
    assert deadline is not None
    assert (deadline.date, deadline.dates, kinds("2022年底前完成六成,2023年6月底前全部完成")) == (
        D(2023, 6, 30), [D(2022, 12, 31), D(2023, 6, 30)], ["by_date"])


@pytest.mark.parametrize("text", ["每年11月至次年3月", "每年10月至次年4月开展巡查"])
def test_a_recurring_range_is_ongoing_with_no_date(text: str) -> None:
    deadline, _ = parse_deadline(text, reference=REF)
    assert deadline is not None
    assert (deadline.date, deadline.dates, kinds(text)) == (None, [], ["ongoing"])


def test_a_recurring_range_beside_a_deadline_keeps_the_deadline() -> None:
    deadline, _ = parse_deadline("每年11月至次年3月禁烧,2022年底前完成改造", reference=REF)
    assert deadline is not None
    assert (deadline.date, deadline.dates) == (D(2022, 12, 31), [])


@pytest.mark.parametrize(
    ("text", "date"),
    [("限期2个月", D(2020, 9, 30)), ("限时10天", D(2020, 8, 9)), ("1-2年", D(2022, 7, 30)), ("2至3个月", D(2020, 10, 30))],
)
def test_a_span_alone_after_a_leader_or_as_a_range(text: str, date: D) -> None:
    """限期2个月 reads as 2个月内; a range (1-2年) allows its longer end."""
    deadline, warnings = parse_deadline(text, reference=REF)
    assert deadline is not None
    assert (deadline.date, kinds(text), warnings) == (date, ["relative"], [])


@pytest.mark.parametrize(
    ("text", "date"),
    [("2022年9月前", D(2022, 9, 30)), ("2023年3月前完成", D(2023, 3, 31)), ("2022年9月底前", D(2022, 9, 30)),
     ("2022年9月15日前", D(2022, 9, 15)), ("2024年前", D(2024, 12, 31))],
)
def test_before_a_month_allows_that_month(text: str, date: D) -> None:
    """前 after a month includes it, as after a day (6月30日前) or a year (2030年前) it does:
    `2022年9月前` is `2022-09-30`, the same day as `2022年9月底前` (CONTRACT.md, Deadline)."""
    deadline, _ = parse_deadline(text, reference=REF)
    assert deadline is not None
    assert deadline.date == date


@pytest.mark.parametrize(("text", "phrase", "date"), [
    ("疏浚河道,2022年汛前完成清淤。", "2022年汛前", None),
    ("推进搬迁,本届政府任期内完成。", "本届政府任期内", None),
])
def test_a_short_season_or_a_term_in_running_text(text: str, phrase: str, date: D | None) -> None:
    found = inline_deadline(text, REF)
    assert found is not None
    deadline, (start, end) = found
    assert (text[start:end], deadline.date, deadline.kinds) == (phrase, date, ["by_date"])
    assert deadline.note
