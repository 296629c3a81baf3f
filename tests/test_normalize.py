from __future__ import annotations

import random
import re
import sys

import pytest
import regex

from extract.normalize import (
    BLOCK_SEP,
    HAN_CLASS,
    NUMBER_FORMS,
    ODD_SPACES,
    REGEX_SPACES,
    SCRIPT_SAMPLE,
    TONED,
    WIDTH_MAP,
    WIDTH_TABLE,
    _kept_lines,
    cased_spam_anchors,
    cased_spam_screen,
    collapse_whitespace,
    compose,
    detect_script,
    differing_positions,
    fix_punctuation,
    holds_cased_spam,
    kept_lines_of_texts,
    kept_texts,
    map_widths,
    marker_indexes,
    may_hold_spam,
    normalize_rules,
    normalize_text,
    normalize_texts,
    page_marker_re,
    pinyin_re,
    raw_text_of,
    spam_re,
    strip_mirror_artifacts,
    to_simplified,
    traditional_share,
    widths_mapped,
)
from schemas.blocks import Block, BlockKind, Cell
from schemas.document import Script
from tests.conftest import seed_path


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("生態環(huán)境", "生態環境"),
        ("第(dì)一項", "第一項"),
        ("工(huì )作", "工作"),
        ("參(jiā", "參"),
        ("整改目標(biāo)?", "整改目標"),
        ("保護??工作", "保護工作"),
        ("細顆粒物(PM2.5)濃度", "細顆粒物(PM2.5)濃度"),
        ("等級(A)類", "等級(A)類"),
        ("有何问题？", "有何问题？"),
        # a full stop read one byte late from GBK: `。現` as `?,F`, `。縣` as `?h`
        ("已完工?,F(xiàn)正在", "已完工。現正在"),
        ("已完工?，F(xiàn)正在", "已完工。現正在"),
        ("三座(zuò)?h城", "三座。縣城"),
        ("三座??h城", "三座。縣城"),
        ("是否?A类", "是否A类"),
        ("水體?pH值", "水體pH值"),
        ("是否属实？x县已整改", "是否属实？x县已整改"),  # a real full-width question mark stays
        # a comma a mirror puts before a list or sentence mark
        ("16個省(區(qū),、市)", "16個省(區、市)"),
        ("開展了督察,。整改", "開展了督察。整改"),
        ("政策,措施", "政策,措施"),
        # a Chinese-numeral year typed with a letter O or a digit for its zero
        ("市长 张某\n二OO六年六月九日", "市长 张某\n二〇〇六年六月九日"),
        ("二0二一年九月一日", "二〇二一年九月一日"),
        ("二O一O年", "二〇一〇年"),
        ("一九九O年", "一九九O年"),  # only a year opening 二 and a zero is read so
        ("二OO六", "二OO六"),  # no 年: not read as a year
        ("第二0页", "第二0页"),
        ("编号A二O二一年度", "编号A二〇二一年度"),
    ],
)
def test_strip_mirror_artifacts(raw: str, clean: str) -> None:
    assert strip_mirror_artifacts(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("整改时限：２０２０年", "整改时限:2020年"),
        ("（一）加强", "(一)加强"),
        ("①　一是", "① 一是"),
        ("Ⅱ类", "Ⅱ类"),
    ],
)
def test_map_widths_keeps_numbering_signs(raw: str, clean: str) -> None:
    assert map_widths(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("2016 年 11 月", "2016年11月"),
        ("  完成 整改  ", "完成 整改"),
        ("关 于 印 发 整 改 方 案", "关于印发整改方案"),
        ("PM2.5 年均浓度", "PM2.5年均浓度"),
        ("已完成整改。 全市推进", "已完成整改。全市推进"),
        ("问题内容 某地存在问题。 二、整改措施", "问题内容 某地存在问题。二、整改措施"),
        ("the  plan", "the plan"),
        # a spaced-out label is joined; the spaces between the units after it stay
        ("责 任 单 位：市生态环境局 市公安局", "责任单位：市生态环境局 市公安局"),
        ("整 改 时 限:2021年底前", "整改时限:2021年底前"),
        ("市 生态环境局 市公安局", "市 生态环境局 市公安局"),
        # the space before a label run on in its line parts the items; a quantity's goes
        ("1.开展执法 2.修复河床 3.建立巡查", "1.开展执法 2.修复河床 3.建立巡查"),
        ("面积 3.5公顷", "面积3.5公顷"),
    ],
)
def test_collapse_whitespace(raw: str, clean: str) -> None:
    assert collapse_whitespace(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("— 3 —\n正文", "正文"), ("第1页 共61页\n正文", "正文"), ("正文,,继续。。", "正文,继续。")],
)
def test_normalize_text_drops_page_furniture(raw: str, clean: str) -> None:
    assert normalize_text(raw, Script.simplified) == clean


def test_traditional_seed_detected_and_converted() -> None:
    raw = seed_path("000_").read_text(encoding="utf-8")
    assert detect_script(raw, 0.05) is Script.traditional
    text = normalize_text(raw, Script.traditional)
    assert "生态环境保护督察" in text
    assert "(huán)" not in text and "環" not in text


def test_simplified_seed_detected() -> None:
    raw = seed_path("002_").read_text(encoding="utf-8")
    assert detect_script(raw, 0.05) is Script.simplified


@pytest.mark.parametrize(("lines", "kept"), [
    # a short title heading every page (after a page number or a break) goes, not only the title
    (["某县整改方案全称", "1.甲,", "— 2 —", "某县方案", "乙。", "2.丙。", None, "某县方案", "丁。"],
     ["某县整改方案全称", "1.甲,", "乙。", "2.丙。", "丁。"]),
    # heading one page only: it may be the text's own line
    (["某县整改方案全称", "1.甲。", "— 2 —", "某县方案", "乙。"], ["某县整改方案全称", "1.甲。", "某县方案", "乙。"]),
    # a label's value at two page tops is text
    (["某方案", "-2-", "整改时限:2021年底前", "-3-", "整改时限:2021年底前"],
     ["某方案", "整改时限:2021年底前", "整改时限:2021年底前"]),
])
def test_short_running_heads_on_several_pages_are_dropped(lines: list[str | None], kept: list[str]) -> None:
    blocks = [Block(kind=BlockKind.page_break) if line is None else Block(kind=BlockKind.paragraph, text=line)
              for line in lines]
    assert compose(blocks, Script.simplified).text.splitlines() == kept


@pytest.mark.parametrize("line", ["已阅读5页,还剩12页未读 继续免费阅读", "还剩8页未读,继续阅读", "下载本文档", "文档简介",
                                  "版权说明:本文档由用户提供并上传,收益归属内容提供方", "某县整改方案_第3页",
                                  "共12页 第3页", "共 12 页/第 3 页", "展开阅读全文", "点击查看更多>>", "猜你喜欢", "相关文档",
                                  "本文(某区整改方案)为本站会员主动上传,如有侵权请联系删除。"])
def test_doc_share_furniture_lines_are_page_markers(line: str) -> None:
    assert page_marker_re().match(line)


@pytest.mark.parametrize("line", ["下载本文档后整改", "已阅读文件", "第3页第二段", "相关文档已印发", "本文(方案)由区政府印发。"])
def test_doc_share_words_inside_text_are_kept(line: str) -> None:
    assert not page_marker_re().match(line)


@pytest.mark.parametrize(("lines", "kept"), [
    # the title again after a page number or a page break: a running head
    (["某方案", "1.甲。", "-5-", "某方案", "整改时限:2021年底前"], ["某方案", "1.甲。", "整改时限:2021年底前"]),
    (["某方案", "1.甲。", None, "某方案", "乙。"], ["某方案", "1.甲。", "乙。"]),
    # the title's words elsewhere are text
    (["某方案", "某方案", "1.甲。"], ["某方案", "某方案", "1.甲。"]),
])
def test_running_heads_repeating_the_title_are_dropped(lines: list[str | None], kept: list[str]) -> None:
    blocks = [Block(kind=BlockKind.page_break) if line is None else Block(kind=BlockKind.paragraph, text=line)
              for line in lines]
    assert compose(blocks, Script.simplified).text.splitlines() == kept


def test_compose_sets_spans_of_blocks_and_cells() -> None:
    blocks = [
        Block(kind=BlockKind.heading, text="整改方案"),
        Block(kind=BlockKind.paragraph, text="坚持统一领导", label="(一)"),
        Block(kind=BlockKind.table, rows=[[Cell(text="序号"), Cell(text="责任单位")], [Cell(text="1"), Cell(text="市生态环境局")]]),
    ]
    composed = compose(blocks, Script.simplified)
    heading, labelled, table = composed.blocks
    assert heading.span is not None and composed.text[heading.span[0]:heading.span[1]] == "整改方案"
    assert labelled.span is not None and composed.text[labelled.span[0]:labelled.span[1]] == "(一)坚持统一领导"
    cell = table.rows[1][1]
    assert cell.span is not None and composed.text[cell.span[0]:cell.span[1]] == "市生态环境局"


@pytest.mark.parametrize(("raw", "clean"), [
    ("欧美成人精品视频在线不卡,久久久这里只有免费精品\n督察反馈问题整改方案", "督察反馈问题整改方案"),
    ("市委、市政府高度重视中央环保督察整改工作,在线观看成立了领导小组,统筹推进各项任务。",
     "市委、市政府高度重视中央环保督察整改工作,成立了领导小组,统筹推进各项任务。"),
    ("关于整改方案的通知", "关于整改方案的通知"),
])
def test_mirror_spam_removed(raw: str, clean: str) -> None:
    assert normalize_text(raw, Script.simplified) == clean


BLOCK_TEXTS = [
    "生態環(huán)境保護?", "第1页 共61页", "", "整改时限：２０２０年 12 月", "关 于 印 发 整 改 方 案",
    "正文,,继续。 。", "AV在线观看\n督察反馈问题", "行一\r\n\n行二\u2028行三", "   ", "— 3 —",
]


@pytest.mark.parametrize("script", [Script.simplified, Script.traditional])
def test_normalize_texts_matches_one_at_a_time(script: Script) -> None:
    """The document-wide pass gives each text exactly what normalising it alone gives."""
    assert normalize_texts(BLOCK_TEXTS, script) == [normalize_text(t, script) for t in BLOCK_TEXTS]


def test_normalize_texts_with_the_separator_in_a_text() -> None:
    texts = ["甲\x1e乙", "丙，丁"]
    assert normalize_texts(texts, Script.simplified) == [normalize_text(t, Script.simplified) for t in texts]
    assert normalize_texts([], Script.simplified) == []


@pytest.mark.parametrize("text", ["av在线", "Av在线", "AV 在线", "aV在线观", "在线", "某地国产精品", "督察整改方案",
                                  "av在\n线", "ａｖ在线", "av\x1e在线", ""])
def test_spam_screens_find_what_spam_re_finds(text: str) -> None:
    assert may_hold_spam(text) == bool(spam_re().search(text))


def test_cased_spam_cores_are_han_runs_of_the_cased_phrases() -> None:
    screen = cased_spam_screen()
    cased = [p for p in normalize_rules().spam_phrases if p.lower() != p or p.upper() != p]
    assert screen is not None and screen[1] is not None and len(screen[1]) == len(cased)
    assert all(core in phrase and core.lower() == core == core.upper() for core, phrase in zip(screen[1], cased, strict=True))
    for prefix in ["000_", "001_", "002_", "003_", "004_"]:
        text = seed_path(prefix).read_text(encoding="utf-8")
        for cut in (text, f"{text[:500]}AV在线{text[500:]}"):
            assert may_hold_spam(cut) == bool(spam_re().search(cut))


@pytest.mark.parametrize("seed", range(200))
def test_cased_spam_anchors_find_what_the_cased_pattern_finds(seed: int) -> None:
    screen, anchors = cased_spam_screen(), cased_spam_anchors()
    assert screen is not None and anchors is not None
    rng = random.Random(seed)
    text = "".join(rng.choices(["a", "A", "v", "V", "ａ", "在", "线", "在线", "av", "Av在", " ", "监测", "\n"], k=rng.randint(0, 12)))
    assert holds_cased_spam(text, anchors) == (screen[0].search(text) is not None)


def test_no_width_replacement_is_itself_mapped() -> None:
    """map_widths replaces one character at a time, which needs this to equal str.translate."""
    assert not set("".join(WIDTH_MAP.values())) & set(WIDTH_MAP)
    text = "".join(WIDTH_MAP) + "整改，（一）\u3000①"
    assert map_widths(text) == text.translate(WIDTH_TABLE | {ord(char): to for char, to in NUMBER_FORMS.items()})


@pytest.mark.parametrize(("written", "mapped"), [
    ("⑴甲。⑵乙。", "(1)甲。(2)乙。"), ("⒈甲。⒛乙。", "1.甲。20.乙。"), ("㈠甲。㈩乙。", "(一)甲。(十)乙。"),
    ("①甲。", "①甲。"),  # a level of its own: kept
])
def test_one_character_numbering_is_spelled_out(written: str, mapped: str) -> None:
    assert map_widths(written) == mapped


def kept_lines_one_text_at_a_time(joined: str) -> str:
    """The oracle for kept_lines_of_texts: each text's lines collapsed and filtered alone."""
    return BLOCK_SEP.join([_kept_lines(part) for part in joined.split(BLOCK_SEP)])


LINE_PIECES = ["整改", "目标", "2020", "年", " ", "  ", "\t", "\u2003", "\x1f", "\n", "\n\n", BLOCK_SEP, "第3页",
               "— 3 —", "1/2", "A", "b", "。", "，"]


@pytest.mark.parametrize("seed", range(300))
def test_kept_lines_of_texts_matches_one_text_at_a_time(seed: int) -> None:
    rng = random.Random(seed)
    joined = "".join(rng.choices(LINE_PIECES, k=rng.randint(0, 40)))
    if seed % 10 == 0:  # other line breaks take the slow road
        joined += rng.choice(["\r\n", "\r", "\u2028", "\x0c"]) + "行"
    assert kept_lines_of_texts(joined) == kept_lines_one_text_at_a_time(joined)


@pytest.mark.parametrize("prefix", ["000_", "001_", "002_", "003_", "004_"])
def test_kept_lines_of_texts_on_seed_lines(prefix: str) -> None:
    joined = BLOCK_SEP.join(seed_path(prefix).read_text(encoding="utf-8").split("\n"))
    assert kept_lines_of_texts(joined) == kept_lines_one_text_at_a_time(joined)


@pytest.mark.parametrize("seed", range(300))
def test_kept_texts_matches_kept_lines_of_texts(seed: int) -> None:
    rng = random.Random(seed)
    joined = "".join(rng.choices([*LINE_PIECES, ",,", "、", "、、", "第3页,,共4页", "- 2 -"], k=rng.randint(0, 40)))
    joined = joined.replace("\t", " ").replace("\u2003", " ").replace("\x1f", "")  # no odd space: the fast road
    assert kept_texts(joined) == fix_punctuation(kept_lines_of_texts(joined)).split(BLOCK_SEP)


@pytest.mark.parametrize("joined", ["", "第3页", f"第3页{BLOCK_SEP}", f"{BLOCK_SEP}第3页", f"甲{BLOCK_SEP}1/2{BLOCK_SEP}— 3 —",
                                    f"第3页{BLOCK_SEP}共4页{BLOCK_SEP}乙第3页{BLOCK_SEP}第3页乙"])
def test_marker_indexes_are_the_whole_text_markers(joined: str) -> None:
    is_marker = page_marker_re().match
    assert marker_indexes(joined) == [i for i, text in enumerate(joined.split(BLOCK_SEP)) if is_marker(text)]


def test_odd_spaces_are_all_whitespace_but_space_line_break_and_separator() -> None:
    spaces = {char for char in map(chr, range(sys.maxunicode + 1)) if char.isspace()}
    assert set(ODD_SPACES) == spaces - {" ", "\n", BLOCK_SEP} - set(WIDTH_MAP)
    assert all(map_widths(space) in ("", " ", "\n") for space in spaces & set(WIDTH_MAP))


@pytest.mark.parametrize("text", ["", "甲乙", "整改，（一）\u3000①⑴", "".join(WIDTH_MAP) + "甲", "甲\t乙，", "，\x85，\u3000"])
def test_widths_mapped_is_map_widths_and_odd_spaces(text: str) -> None:
    assert widths_mapped(text) == (map_widths(text), any(char in ODD_SPACES for char in text))


NORMALIZE_PIECES = [*BLOCK_TEXTS, "環境", "，，", "。", " ", "\n", "\t", "\u3000", "？", "?", "(dì)", "av在线", "⑴", "\xa0"]


@pytest.mark.parametrize("seed", range(200))
def test_normalize_texts_matches_one_at_a_time_on_random_texts(seed: int) -> None:
    rng = random.Random(seed)
    texts = ["".join(rng.choices(NORMALIZE_PIECES, k=rng.randint(0, 6))) for _ in range(rng.randint(0, 12))]
    for script in (Script.simplified, Script.traditional):
        assert normalize_texts(texts, script) == [normalize_text(t, script) for t in texts]


def differing_positions_by_zip(a: str, b: str) -> int:
    return sum(1 for x, y in zip(a, b, strict=False) if x != y)


@pytest.mark.parametrize(("a", "b"), [
    ("", ""), ("环境", "環境"), ("環境保護", "环境保护工作"), ("abc", "abd"), ("\U00020000甲", "\U00020001甲"),
    ("\ud800x", "\ud801x"), ("\u0100", "\u0001"), ("\x00\x00", "\x00\x01"),
])
def test_differing_positions_matches_zip(a: str, b: str) -> None:
    assert differing_positions(a, b) == differing_positions_by_zip(a, b)


@pytest.mark.parametrize("prefix", ["000_", "002_"])
def test_differing_positions_on_seed_conversions(prefix: str) -> None:
    sample = seed_path(prefix).read_text(encoding="utf-8")[:3000]
    converted = to_simplified(sample)
    assert differing_positions(sample, converted) == differing_positions_by_zip(sample, converted)


@pytest.mark.parametrize("threshold", [-1.0, 0.0, 0.01, 0.05, 0.2, 0.35, 0.5, 1.0, 2.0])
@pytest.mark.parametrize("text", [
    "", "abc", "環境保護", "环境保护", "環境 protection 2020", "環" + "a" * 19, "環" + "环" * 19, "環境" + "。" * 38,
])
def test_detect_script_is_the_share_against_the_threshold(text: str, threshold: float) -> None:
    expected = Script.traditional if traditional_share(text) >= threshold else Script.simplified
    assert detect_script(text, threshold) is expected


@pytest.mark.parametrize("prefix", ["000_", "002_"])
@pytest.mark.parametrize("threshold", [0.05, 0.3, 0.34996628455832773, 0.35, 0.9])
def test_detect_script_on_seeds(prefix: str, threshold: float) -> None:
    text = seed_path(prefix).read_text(encoding="utf-8")
    expected = Script.traditional if traditional_share(text) >= threshold else Script.simplified
    assert detect_script(text, threshold) is expected


def parsed_corpus_blocks() -> list[list[Block]]:
    from extract.config import Options
    from extract.load import sniff_type
    from extract.parse import parse_bytes
    from tests.conftest import CORPUS

    paths = [*sorted((CORPUS / "seeds").glob("*.txt")), *sorted((CORPUS / "html").glob("*.html"))]
    return [parse_bytes(data, sniff_type(data, path.name), Options.resolve(None)).blocks
            for path in paths for data in [path.read_bytes()]]


LIMIT_BLOCKS = [Block(kind=BlockKind.paragraph, text="一二三"), Block(kind=BlockKind.page_break),
                Block(kind=BlockKind.table, rows=[[Cell(text="序号"), Cell(text="")], [Cell(text="甲乙")]]),
                Block(kind=BlockKind.heading, text="四五")]


@pytest.mark.parametrize("limit", [0, 1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 16, 40])
def test_raw_text_of_with_a_limit_starts_as_the_whole(limit: int) -> None:
    whole = raw_text_of(LIMIT_BLOCKS)
    start = raw_text_of(LIMIT_BLOCKS, limit)
    assert whole.startswith(start) and len(start) >= min(limit, len(whole))
    assert start[:limit] == whole[:limit]
    for blocks in parsed_corpus_blocks():
        assert raw_text_of(blocks, limit)[:limit] == raw_text_of(blocks)[:limit]


def test_raw_text_of_a_script_sample_on_the_corpus() -> None:
    for blocks in parsed_corpus_blocks():
        whole = raw_text_of(blocks)
        start = raw_text_of(blocks, SCRIPT_SAMPLE)
        assert start[:SCRIPT_SAMPLE] == whole[:SCRIPT_SAMPLE] and whole.startswith(start)


def test_blocks_without_tables_are_not_merged() -> None:
    """`extract_bytes` skips merge_continued_tables where no block is a table."""
    from extract.segment.tables import merge_continued_tables

    for blocks in parsed_corpus_blocks():
        without = [block for block in blocks if block.kind is not BlockKind.table]
        assert merge_continued_tables(without) == without


def test_fix_punctuation_is_the_doubled_marks_pattern() -> None:
    """The pair screen lets through every text the pattern would change (random texts of
    marks, CJK and letters; the seeds)."""
    from extract.normalize import DOUBLED_PAIRS_FROM, DOUBLED_PUNCT_RE, fix_punctuation

    rng = random.Random(7)
    alphabet = ",，、;；。.：甲乙 a\n"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    texts += [seed_path(prefix).read_text(encoding="utf-8") for prefix in ["000_", "001_", "002_", "003_", "004_"]]
    texts += ["甲,,乙", "。。。", "、;；", ""]
    # long texts, read by a literal search per doubled mark: mostly CJK, a mark now and then
    prose = ["甲乙丙", "丁", ",", "，", "、", ";", "；", "。", " ", "\n"]
    texts += ["".join(rng.choices(prose, weights=[30, 30, 1, 1, 1, 1, 1, 1, 1, 1], k=rng.randint(60, 300)))
              for _ in range(300)]
    for text in texts:
        assert fix_punctuation(text) == DOUBLED_PUNCT_RE.sub(r"\1", text), text
    assert any(len(text) >= DOUBLED_PAIRS_FROM and DOUBLED_PUNCT_RE.search(text) for text in texts)


# every code point, the surrogates too (a str may hold one)
ALL_CHARS = "".join(map(chr, range(sys.maxunicode + 1)))


def test_han_class_is_regex_han_script() -> None:
    """Every character of the class is Han to `regex`, and every Han character of the BMP is
    in the class. A later Unicode version's new ideograph blocks (past the BMP, where the free
    planes are) may be missing: pinyin after such a rare character is then kept, and a
    `regex` upgrade does not fail the suite for it."""
    ours = set(re.findall(f"[{HAN_CLASS}]", ALL_CHARS))
    theirs = set(regex.findall(r"\p{Han}", ALL_CHARS))
    assert ours <= theirs
    assert {c for c in theirs if c <= "\uffff"} <= ours


def test_regex_spaces_are_regex_whitespace() -> None:
    assert "".join(regex.findall(r"\s", ALL_CHARS)) == REGEX_SPACES


def pinyin_re_of_regex() -> regex.Pattern[str]:
    """The first pinyin pattern, in `regex`: `pinyin_re` in `re` must match as it does."""
    neutral = "|".join(normalize_rules().neutral_syllables)
    syllable = rf"(?:[a-zü]*[{TONED}][a-zü{TONED}]*|(?:{neutral}))"
    return regex.compile(rf"(?<=\p{{Han}})\(\s?{syllable}\s?(?:\)|(?![a-zü{TONED}]))")


@pytest.mark.parametrize("seed", range(300))
def test_pinyin_re_matches_as_the_regex_pattern(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["環", "𠀀", "a", "(", ")", "huán", "de", "men", "ü", "ǚ", "ā", " ", "\u3000", "\x1c", "\n", "?", "（",
              "Z", "。", "ǖ", "dì", "li", "x"]
    text = "".join(rng.choices(pieces, k=rng.randint(0, 16)))
    assert [m.span() for m in pinyin_re().finditer(text)] == [m.span() for m in pinyin_re_of_regex().finditer(text)]


@pytest.mark.parametrize("prefix", ["000_", "001_", "002_", "003_", "004_"])
def test_pinyin_re_matches_as_the_regex_pattern_on_seeds(prefix: str) -> None:
    text = seed_path(prefix).read_text(encoding="utf-8")
    assert pinyin_re().sub("", text) == pinyin_re_of_regex().sub("", text)
