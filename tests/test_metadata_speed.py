"""The faster readings of metadata against the plain ones they replace (oracles), on the
corpus texts and on edge cases."""

from __future__ import annotations

import pytest
import regex

from extract.fields.metadata import is_chrome, lines_before, lines_of, without_bracket_tail
from extract.fields.metadata_rules import (
    compiled,
    distributed,
    found_in,
    metadata_rules,
    rule_search,
)
from extract.normalize import normalize_text
from schemas.document import Script
from tests.conftest import seed_path

SEEDS = ("000", "001", "002", "003", "004")


def corpus_texts() -> list[str]:
    raw = [seed_path(prefix).read_text(encoding="utf-8") for prefix in SEEDS]
    return raw + [normalize_text(text, Script.simplified) for text in raw]


def rule_patterns() -> list[str]:
    rules = metadata_rules()
    patterns = [p for rule in rules.doc_types for p in (rule.head, rule.title, rule.text) if p]
    return [*patterns, rules.placeholder_re, rules.self_acceptance_re, rules.publish_date_re, rules.contact_re, rules.group_re,
            rules.deadline_year_re,
            *rules.count_patterns, *rules.chrome_line_patterns, *rules.notice_period_patterns,
            *(p for patterns in rules.progress_patterns.values() for p in patterns),
            rf"(?:{rules.doc_number_label_re})(?P<n>{rules.doc_number_re})"]


@pytest.mark.parametrize(("pattern", "parts"), [
    ("(?:a|bc)d", ["ad", "bcd"]),
    ("(?:a|(?:b|c)x)d", ["ad", "bxd", "cxd"]),
    ("(?m)(?:^|x)y", ["(?m)^y", "(?m)xy"]),
    ("(?:a|b)?d", ["(?:a|b)?d"]),  # repeated
    ("(?:a|b){2}d", ["(?:a|b){2}d"]),
    ("(?:(?P<n>a)|b)d", ["(?:(?P<n>a)|b)d"]),  # a group in one choice only
    ("(?:a|b)(?P<n>d)", ["a(?P<n>d)", "b(?P<n>d)"]),
    ("(?:a)d", ["(?:a)d"]),
    ("(?:(?:a|b)\\s*)(?P<n>d)", ["a\\s*(?P<n>d)", "b\\s*(?P<n>d)"]),
    ("(?:(?:a|b)x|c)d", ["axd", "bxd", "cd"]),
    ("x(?:a|b)", ["x(?:a|b)"]),
    ("(?:a|b)\\1", ["(?:a|b)\\1"]),
    ("(?P<n>(?:a|b)x)d", ["(?P<n>ax)d", "(?P<n>bx)d"]),  # a named group opening with a choice
    ("(?P<n>(?:a|(?:b|c)y)x)d", ["(?P<n>ax)d", "(?P<n>byx)d", "(?P<n>cyx)d"]),
    ("(?m)(?P<n>(?:a|b))d", ["(?m)(?P<n>a)d", "(?m)(?P<n>b)d"]),
    ("(?P<n>(?:a|b)x)?d", ["(?P<n>(?:a|b)x)?d"]),  # repeated
    ("(?P<n>a(?:b|c))d", ["(?P<n>a(?:b|c))d"]),  # led by a literal already
    ("(?P<n>(?:a|(?P<m>b))x)d", ["(?P<n>(?:a|(?P<m>b))x)d"]),  # a group in one choice only
    ("(?P<n>(?:a|b))(?P=n)", ["(?P<n>(?:a|b))(?P=n)"]),  # a back reference
])
def test_distributed(pattern: str, parts: list[str]) -> None:
    assert distributed(pattern) == parts


def samples() -> list[str]:
    texts = corpus_texts()
    return [text[:300] for text in texts] + [text[:4000] for text in texts] + texts + [
        line for text in texts for _, line in lines_of(text)[:40]] + [
        "", "本报讯", "xx年", "公示", "记者从市里获悉", "共32项问题", "反馈问题共12个", "涉及我市17项,共32项整改任务"]


def test_rule_search_is_a_search_of_the_whole_pattern() -> None:
    texts = samples()
    for pattern in rule_patterns():
        whole = compiled(pattern)
        for text in texts:
            for pos, endpos in ((0, len(text)), (0, min(3000, len(text))), (len(text) // 2, len(text))):
                expected, hit = whole.search(text, pos, endpos), rule_search(pattern, text, pos, endpos)
                assert (hit and (hit.span(), hit.groupdict())) == (expected and (expected.span(), expected.groupdict()))


def test_found_in_is_a_search_of_the_whole_pattern() -> None:
    for pattern in rule_patterns():
        whole = compiled(pattern)
        for sample in samples():
            assert found_in(pattern, sample) == (whole.search(sample) is not None), (pattern, sample)


def test_is_chrome_is_any_chrome_pattern() -> None:
    rules = metadata_rules()
    number = compiled(rf"^(?:{rules.doc_number_re})")

    def reference(line: str) -> bool:
        return number.match(line) is not None or any(compiled(p).search(line) for p in rules.chrome_line_patterns)

    lines = [line.strip() for text in corpus_texts() for _, line in lines_of(text)]
    lines += ["首页", "x首页", "来源:某局", "某某文件", "某某文件 ", "甘政办发〔2019〕12号", "当前位置:首页>"]
    for line in lines:
        assert is_chrome(line) == reference(line), line


def test_bracket_tail_dropped_as_the_plain_substitution_does() -> None:
    tail = regex.compile(r"[(（][^()（）]{1,20}[)）]$")
    lines = [line for text in corpus_texts() for _, line in lines_of(text)]
    lines += ["清单(第一批)", "清单（第一批）", "清单(第一批)\n", "清单(第一批)\n\n", "清单()", "(a)(b)", "清单(第一批) "]
    for line in lines:
        assert without_bracket_tail(line) == tail.sub("", line), line


# The publish-date pattern before its bare 时间/日期 was reworded to lead with the word (成文日期
# and 发文日期 have since left it: they are the issue date, issue_date_label_re).
OLD_PUBLISH_DATE_RE = (r"(?:发布日期|发布时间|(?:^|(?<=[\s|]))(?:时间|日期))\s*[:：]\s*"
                       r"(?P<y>(?:19|20)\d{2})[-./年](?P<m>\d{1,2})[-./月](?P<d>\d{1,2})")


def test_publish_date_pattern_reads_as_before() -> None:
    old, new = compiled(OLD_PUBLISH_DATE_RE), metadata_rules().publish_date_re
    texts = [*samples(), "时间:2021-01-02", "x时间:2021-01-02", " 时间:2021-01-02", "|日期:2021.1.2", "\n日期:2021年1月2日",
             "发布时间 时间:2021-01-02", "时间时间:2021-01-02", "a\n时间:2021-1-2 日期:2020-1-1", "日期：2019/3/4"]
    for text in texts:
        for pos, endpos in ((0, len(text)), (0, min(3000, len(text))), (1, len(text))):
            expected, hit = old.search(text, pos, endpos), rule_search(new, text, pos, endpos)
            assert (hit and (hit.span(), hit.groupdict())) == (expected and (expected.span(), expected.groupdict()))


def test_line_start_matches_are_those_of_finditer() -> None:
    import random

    from extract.fields.metadata_rules import line_start_matches

    pattern = metadata_rules().group_count_line
    assert pattern.startswith("(?m)^")
    texts = [*corpus_texts(), "", "一、甲乙(3项)", "x\n一、甲乙(3项)\n二、丙丁(4个)", "一、甲乙(3项)\n\n十一、丙丁丁（12条）\n",
             "一、甲乙(3项)x\n二、(3项)\n三、甲乙丙(3项)(4项)"]
    words = ["一、", "十二、", "甲乙", "(3项)", "（4个）", "\n", "x", "、", "二"]
    rng = random.Random(3)
    texts += ["".join(rng.choice(words) for _ in range(rng.randrange(1, 30))) for _ in range(300)]
    for text in texts:
        expected = [(m.span(), m.groupdict()) for m in compiled(pattern).finditer(text)]
        assert [(m.span(), m.groupdict()) for m in line_start_matches(pattern, text)] == expected


# target_year_re (indicators.yaml) before its optional lead word became a choice with an empty option.
OLD_TARGET_YEAR_RE = r"(?:到|至|截至)?(?P<y>(?:19|20)\d{2})年|“?十(?P<plan>[一二三四五六七八九])五”?(?:末|期间|时期)"


# placeholder_re before each alternative was led by a literal.
OLD_PLACEHOLDER_RE = (r"(?<![A-Za-z])20[xX]{2}(?=年)|(?<![A-Za-z])[xX]{1,3}(?=[年月日项件个条市县区省州镇乡])"
                      r"|第[xX](?=[轮批生])")


def test_rule_finditer_is_a_finditer_of_the_whole_pattern() -> None:
    import random

    from extract.fields.indicators import indicator_rules
    from extract.fields.metadata_rules import rule_finditer

    cases = [(OLD_TARGET_YEAR_RE, indicator_rules().target_year_re), (OLD_PLACEHOLDER_RE, metadata_rules().placeholder_re)]
    cases += [(pattern, pattern) for pattern in (*rule_patterns(), "a|", "(?:a|b|)c?", "x*")]
    words = ["到", "至", "截至", "2020", "1999", "年", "“", "十三五", "”", "末", "期间", "x", "共", "3", "项", "\n", "a", "b", "c",
             "20", "X", "xx", "第", "轮", "市", "A"]
    rng = random.Random(5)
    texts = [*samples()[:40], *("".join(rng.choice(words) for _ in range(rng.randrange(0, 30))) for _ in range(300))]
    for old, new in cases:
        whole = compiled(old)
        for text in texts:
            for pos, endpos in ((0, len(text)), (1, len(text)), (0, len(text) // 2)):
                expected = [(m.span(), m.groupdict()) for m in whole.finditer(text, pos, endpos)]
                found = [(m.span(), m.groupdict()) for m in rule_finditer(new, text, pos, endpos)]
                assert [(span, {k: v for k, v in groups.items() if v is not None}) for span, groups in found] == \
                    [(span, {k: v for k, v in groups.items() if v is not None}) for span, groups in expected], (old, text)


def test_number_led_parts_searched_as_the_engine_does() -> None:
    import random

    from extract.fields.metadata_rules import literal_led_parts, number_led_rest, part_search

    rules = metadata_rules()
    patterns = [part.pattern for pattern in (*rules.count_patterns, *(p for ps in rules.progress_patterns.values() for p in ps),
                                             *(p for ps in rules.complaint_progress_patterns.values() for p in ps))
                for part in literal_led_parts(pattern)]
    patterns += [r"(?<!完成)(?P<n>\d+)项", r"\d+(?:项|个)x", r"(?<=a)\d+b", r"(?<![第\d.]|完成)(?P<n>\d+)项(?:中|已)", r"\d+项?x"]
    assert number_led_rest(r"\d+项?x") is None and number_led_rest(r"\d+\dx") is None and number_led_rest(r"(?m)\d+x") is None
    assert number_led_rest(r"(?<!完成)(?P<n>\d+)项") == "项"
    words = ["1", "23", "完成", "项", "个", "x", "第", ".", "a", "b", "整改任务", "中", "已", "٣", "１", "基本", "件", "正在", "推进"]
    rng = random.Random(7)
    texts = [*samples()[:40], *("".join(rng.choice(words) for _ in range(rng.randrange(0, 30))) for _ in range(400)),
             "完成23项", "第12项", "x完成123项中", "a12b", "12项3项x", "1.5项整改任务"]
    for pattern in patterns:
        whole = compiled(pattern)
        for text in texts:
            for pos, endpos in ((0, len(text)), (1, len(text)), (2, max(2, len(text) - 1)), (0, len(text) // 2)):
                expected, hit = whole.search(text, pos, endpos), part_search(whole, text, pos, endpos)
                assert (hit and (hit.span(), hit.groupdict())) == (expected and (expected.span(), expected.groupdict())), \
                    (pattern, text, pos, endpos)


def test_region_of_title_and_signature_alone_is_that_of_the_whole() -> None:
    """find_region reads only the title and signature when they decide: the same region as
    reading the opening and close too."""
    import random

    from extract.fields.metadata import Found, choose_region, extract_metadata, find_region, region_mentions, weighed

    rules = metadata_rules()

    def reference(text: str, title: Found[str] | None, issuers: list[Found[str]]) -> dict[str, Found[str]]:
        strong = [f.span for f in ([title] if title else []) + issuers if f.span]
        mentions = region_mentions(text, strong, rules.region_head_chars, rules.region_tail_chars)
        chosen = choose_region(weighed(text, mentions, strong), rules.title_weight)
        return {level: Found(m.division.name, m.span) for level, m in chosen.items()}

    cases: list[tuple[str, Found[str] | None, list[Found[str]]]] = []
    for text in corpus_texts():
        meta = extract_metadata(text, {})
        cases.append((text, meta.title, meta.issuers))
    words = ["吉林", "浙江省", "、", "和", "石嘴山市", "大武口区", "武威市", "凉州区", "甘肃省", "\n", "关于", "整改", "方案", "的",
             "新华社北京9月28日电", "宁夏回族自治区", "朝阳区", "北京市", "人民政府", " ", "恩施州", "市", "县"]
    rng = random.Random(11)
    for _ in range(1500):
        chosen = [rng.choice(words) for _ in range(rng.randrange(1, 40))]
        text = "".join(chosen)
        joins = sorted({sum(map(len, chosen[:k])) for k in range(len(chosen) + 1)})  # spans mostly end between words
        ends = joins if rng.random() < 0.8 else list(range(len(text) + 1))
        spans = [tuple(sorted(rng.sample(ends, 2))) for _ in range(rng.randrange(0, 3)) if len(ends) > 1]
        found = [Found(text[s:e], (s, e)) for s, e in spans]
        cases.append((text, found[0] if found else None, found[1:]))
    text = "吉林、浙江省人民政府关于整改的方案\n石嘴山市"
    cases += [(text, Found("浙江省人民政府关于整改的方案", (3, 17)), []), (text, Found("吉林", (0, 2)), [])]
    for text, title, issuers in cases:
        assert find_region(text, title, issuers) == reference(text, title, issuers), (text, title, issuers)


def test_no_count_pattern_matches_where_no_digit_stands_before_a_unit() -> None:
    """find_declared_count and find_progress search no count pattern in a text without a
    digit right before a count unit: none of them finds anything there."""
    import random

    from extract.fields.metadata import find_declared_count, find_progress, states_counts

    rules = metadata_rules()
    words = ["共", "12", "xx", "项", "个", "条", "件", "整改任务", "已完成", "中", "\n", "一、", "问题", "(", "3", ")", "信访件",
             "办结", "类", "反馈", "，", "正在推进"]
    rng = random.Random(13)
    texts = [*samples(), *("".join(rng.choice(words) for _ in range(rng.randrange(0, 30))) for _ in range(600))]
    texts += ["共12项整改任务", "共xx项整改任务", "在xx项具体整改任务中,xx项已经完成整改", "一、甲乙问题(3项)\n二、丙丁问题(4项)"]
    quiet = 0
    for text in texts:
        if not states_counts(text):
            quiet += 1
            assert not any(compiled(p).search(text) for p in rules.count_patterns_all()), text
            assert find_declared_count(text) is None and not set(find_progress(text)) - {"as_of"}, text
    assert 0 < quiet < len(texts)


@pytest.mark.parametrize(("part", "units", "written"), [
    (r"(?P<n>\d+)项", "项", True),
    (r"共(?P<n>\d+)(?:项|个)(?:问题)?", "项个条", True),
    (r"(?<!第)(?P<n>\d+)件已办结", "项件", True),
    (r"(?m)^一、.{2,9}?[(](?P<n>\d+)(?:项|个)[)]$", "项个", True),
    (r"(?P<n>\d+)(?:项|个)", "项", False),  # 个 is no unit of the cue
    (r"(?P<n>\d+)项?", "项", False),  # the unit optional
    (r"(?P<n>\d+)(?:项|个)?", "项个", False),
    (r"(?:共(?P<n>\d+)项)?整改", "项", False),  # the number optional
    (r"(?P<n>\d+)\s*项", "项", False),  # a space may stand between
    (r"共\d+项", "项", False),  # not the count's number
    (r"(?P<n>\d+)项|共计", "项", False),  # one alternative without it
])
def test_number_before_unit(part: str, units: str, written: bool) -> None:
    from extract.fields.metadata_rules import number_before_unit

    assert number_before_unit(part, units) is written


def test_a_count_pattern_without_its_number_before_a_unit_is_refused() -> None:
    from pydantic import ValidationError

    from extract.fields.metadata_rules import MetadataRules
    from extract.fields.patterns import load_yaml

    raw = load_yaml("metadata.yaml")
    MetadataRules.model_validate(raw)
    with pytest.raises(ValidationError, match="right before"):
        MetadataRules.model_validate({**raw, "count_patterns": [*raw["count_patterns"], r"共计(?P<n>\d+)\s*项"]})
    with pytest.raises(ValidationError, match="right before"):
        MetadataRules.model_validate({**raw, "count_units": "项个条"})  # the complaints' 件


def test_lines_outside_are_those_in_no_table() -> None:
    import random

    from extract.fields.metadata import in_tables, lines_outside

    rng = random.Random(17)
    for _ in range(500):
        text = "".join(rng.choice(["甲", "乙", "\n", "\n\n", "丙丁"]) for _ in range(rng.randrange(0, 40)))
        ends = list(range(len(text) + 2))
        tables = [tuple(sorted(rng.sample(ends, 2))) for _ in range(rng.randrange(0, 4))]
        tables += [(at, at) for at in rng.sample(ends, 1)]  # an empty span holds nothing
        rng.shuffle(tables)
        expected = [(start, line) for start, line in lines_of(text) if not in_tables(start, tables)]
        assert list(lines_outside(text, tables)) == expected, (text, tables)


def test_header_signature_reads_as_far_as_all_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """header_signature reads the lines to a few past the title: what it finds with every line."""
    import random

    from extract.fields import metadata
    from extract.fields.metadata import Found, header_signature, in_tables

    def every_line(text: str, title_end: int, tables: list[tuple[int, int]], past: int) -> list[tuple[int, str]]:
        return [(start, line) for start, line in lines_of(text) if line.strip() and not in_tables(start, tables)]

    title = "某市人民政府关于印发某市生态环境保护督察整改方案的通知"
    under = ["某市人民政府", "某政发〔2021〕3号", "2021年5月6日", "(2021年5月6日)", "各县区:", "现印发给你们。", "", "表", "正文。"]
    rng = random.Random(19)
    cases = []
    for _ in range(400):
        lines = [rng.choice(under) for _ in range(rng.randrange(0, 8))] + [title] + [
            rng.choice(under) for _ in range(rng.randrange(0, 16))]
        text = "\n".join(lines) + "\n"
        at = text.index(title)
        spans = [tuple(sorted(rng.sample(range(len(text) + 1), 2))) for _ in range(rng.randrange(0, 3))]
        cases.append((text, Found(title, (at, at + len(title))), spans))
    texts = corpus_texts()
    cases += [(text, meta.title, []) for text in texts if (meta := metadata.extract_metadata(text, {})).title]
    found = [header_signature(text, found_title, tables) for text, found_title, tables in cases]
    monkeypatch.setattr(metadata, "lines_to_title_and_past", every_line)
    assert found == [header_signature(text, found_title, tables) for text, found_title, tables in cases]
    assert any(date for _, date in found) and any(issuers for issuers, _ in found)


def lines_by_loop(text: str) -> tuple[tuple[int, str], ...]:
    """The oracle for lines_of: each line with its offset, summed line by line."""
    lines = []
    start = 0
    for line in text.split("\n"):
        lines.append((start, line))
        start += len(line) + 1
    return tuple(lines)


@pytest.mark.parametrize("text", ["", "\n", "a", "a\n", "\na", "ab\n\ncd\n", "ab\ncd", *corpus_texts()])
def test_lines_of_and_lines_before(text: str) -> None:
    assert lines_of(text) == lines_by_loop(text)
    for end in {0, 1, 2, 3, 4, 5, 600, len(text) - 1, len(text), len(text) + 3} - {-1}:
        assert list(lines_before(text, end)) == list(lines_by_loop(text[:end]))
