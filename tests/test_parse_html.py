"""HTML pages: charset, body, chrome removal, tables, page metadata; the corpus pages.

Small pages are written here, one layout per case (CMS names, bare layouts, chrome
widgets); the corpus pages and the GBK fixture check the same on whole pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import regex
from lxml import etree

from extract.config import Options
from extract.errors import CorruptFile
from extract.fields.patterns import ISSPACE_CHARS, load_yaml
from extract.fields.regex_syntax import one_of
from extract.parse import html as html_module
from extract.parse.html import (
    BINARY_RE,
    BLOCK_TAGS,
    GAP,
    HEADING_TAGS,
    NAMED_ELEMENTS,
    STYLE_VALUES,
    TITLE_CANDIDATES,
    XML_DECLARATION_RE,
    HtmlRules,
    LineBuilder,
    body_to_blocks,
    bytes_to_text,
    chrome_candidates,
    chrome_elements,
    chrome_line_re,
    chrome_lines,
    chrome_name_re,
    chrome_tags,
    drop,
    has_chrome_name,
    html_parser,
    html_rules,
    info_line_patterns,
    is_hidden,
    is_title_element,
    label_screen,
    label_words_in,
    list_label,
    looks_binary,
    names_of,
    parse_html,
    stripped_length,
    text_length,
    text_of,
    text_to_tree,
    utf8_text,
)
from schemas.blocks import BlockKind, Parsed
from tests.conftest import CORPUS

FIXTURES = Path(__file__).parent / "fixtures"
NAV = '<div class="nav"><a href="/">首页</a><a href="/a">政务公开</a><a href="/b">互动交流</a></div>'
FOOT = '<div class="footer"><p>版权所有:某县人民政府</p><p>某ICP备12345678号</p></div>'
ARTICLE = "<p>为抓好督察反馈问题整改,制定本方案。</p><p>一、总体要求</p><p>坚持问题导向,逐项销号。</p>"
ARTICLE_LINES = ["为抓好督察反馈问题整改,制定本方案。", "一、总体要求", "坚持问题导向,逐项销号。"]


def page(body: str, head: str = "", charset: str = "utf-8") -> bytes:
    return (f'<html><head><meta charset="{charset}">{head}</head><body>{body}</body></html>').encode(charset)


def parse(data: bytes) -> Parsed:
    return parse_html(data, Options())


def lines(data: bytes) -> list[str]:
    return [b.text for b in parse(data).blocks if b.kind is not BlockKind.table]


def test_rule_file_validates() -> None:
    HtmlRules.model_validate(load_yaml("html.yaml"))


@pytest.mark.parametrize("body", [
    pytest.param(f'{NAV}<div id="zoom">{ARTICLE}</div>{FOOT}', id="hanweb-zoom"),
    pytest.param(f'{NAV}<div class="TRS_Editor"><div class="TRS_Editor">{ARTICLE}</div></div>{FOOT}', id="trs"),
    pytest.param(f'{NAV}<div id="UCAP-CONTENT">{ARTICLE}</div>{FOOT}', id="kaipu-ucap"),
    pytest.param(f'{NAV}<form name="_newscontent_fromname"><div id="vsb_content">{ARTICLE}</div></form>{FOOT}',
                 id="vsb-inside-form"),
    pytest.param(f'{NAV}<div class="main"><div class="box">{ARTICLE}</div>'
                 f'<ul class="list"><li><a>相关文章一则</a></li><li><a>相关文章二则</a></li></ul></div>{FOOT}',
                 id="unnamed-densest"),
    pytest.param(f'{NAV}<table><tr><td class="left"><a>栏目一</a><br><a>栏目二</a></td>'
                 f'<td>{ARTICLE}</td></tr></table>{FOOT}', id="layout-table"),
    pytest.param(f'{NAV}<div class="content position-relative">{ARTICLE}'
                 f'<div class="bdsharebuttonbox">分享到:微信</div><p>【打印本页】【关闭窗口】</p></div>{FOOT}',
                 id="chrome-word-in-body-class"),
    pytest.param(f'<div class="article">{NAV}{ARTICLE}<div class="share">分享</div></div>', id="nav-inside-body"),
    pytest.param(f'<div class="wrap position-relative">{NAV}<div id="zoom">{ARTICLE}</div></div>{FOOT}',
                 id="chrome-word-on-page-wrapper"),
    pytest.param(f'{NAV}<div class="position-relative"><div>{ARTICLE}</div></div>{FOOT}',
                 id="chrome-word-on-unnamed-wrapper"),
    pytest.param(f'<div id="zoom">{ARTICLE}<p>扫一扫在手机打开当前页</p>'
                 '<p style="display:none">隐藏的文字</p></div>', id="qr-caption-hidden"),
    pytest.param(f'<div id="zoom">{ARTICLE}<footer>页脚</footer><aside><p>侧栏</p></aside></div>',
                 id="chrome-tags-without-attributes"),
])
def test_body_found_and_chrome_dropped(body: str) -> None:
    assert lines(page(body)) == ARTICLE_LINES


@pytest.mark.parametrize(("body", "expected"), [
    pytest.param('<div id="zoom"><p>为抓好整改,\n    制定本方案。</p></div>', ["为抓好整改,制定本方案。"], id="hard-wrap-joins"),
    pytest.param('<div id="zoom"><p>一、总体要求<br>坚持问题导向。</p></div>', ["一、总体要求", "坚持问题导向。"],
                 id="br-ends-line"),
    pytest.param('<div id="zoom"><p>&nbsp;</p><p>\u3000\u3000第一项,<strong>问题</strong>内容。</p></div>',
                 ["第一项,问题内容。"], id="indent-and-inline"),
    pytest.param('<div id="zoom"><p>see the\nPM2.5 data</p></div>', ["see the PM2.5 data"], id="latin-wrap-space"),
])
def test_lines(body: str, expected: list[str]) -> None:
    assert lines(page(body)) == expected


def test_ordered_list_numbers_become_labels() -> None:
    blocks = parse(page('<div id="zoom"><p>措施如下:</p><ol><li>建台账。</li><li>抓销号。</li></ol></div>')).blocks
    assert [(b.label, b.text) for b in blocks] == [(None, "措施如下:"), ("1.", "建台账。"), ("2.", "抓销号。")]


def test_headings_keep_their_kind() -> None:
    blocks = parse(page('<div id="zoom"><h2>一、总体要求</h2><p>坚持问题导向。</p></div>')).blocks
    assert [b.kind for b in blocks] == [BlockKind.heading, BlockKind.paragraph]


HEADER = "<tr><th>序号</th><th>反馈问题</th><th>责任单位</th></tr>"


@pytest.mark.parametrize(("table", "expected"), [
    pytest.param(f'<table>{HEADER}<tr><td colspan="3">一、例行督察</td></tr><tr><td>1</td><td>甲</td><td>县住建局</td></tr>'
                 "</table>", [["序号", "反馈问题", "责任单位"], ["一、例行督察"] * 3, ["1", "甲", "县住建局"]],
                 id="group-row-colspan"),
    pytest.param(f'<table>{HEADER}<tr><td>1</td><td>甲</td><td rowspan="2">县住建局</td></tr>'
                 "<tr><td>2</td><td>乙</td></tr></table>",
                 [["序号", "反馈问题", "责任单位"], ["1", "甲", "县住建局"], ["2", "乙", "县住建局"]],
                 id="shared-unit-rowspan"),
    pytest.param(f'<table>{HEADER}<tr><td rowspan="2">1</td><td>甲</td><td>县住建局</td></tr>'
                 "<tr><td>甲续</td><td>县水务局</td></tr></table>",
                 [["序号", "反馈问题", "责任单位"], ["1", "甲", "县住建局"], ["", "甲续", "县水务局"]],
                 id="item-over-two-rows"),
    pytest.param(f"<table><tbody>{HEADER}<tr><td>1</td><td><p>(一)建台账。</p><p>(二)抓销号。</p></td><td>县局</td></tr>"
                 "</tbody></table>",
                 [["序号", "反馈问题", "责任单位"], ["1", "(一)建台账。\n(二)抓销号。", "县局"]], id="cell-paragraphs"),
    pytest.param(f"<table>{HEADER}<tr><td>1</td><td>甲</td></tr></table>",
                 [["序号", "反馈问题", "责任单位"], ["1", "甲", ""]], id="short-row-padded"),
])
def test_tables(table: str, expected: list[list[str]]) -> None:
    blocks = parse(page(f'<div id="zoom"><p>附件</p>{table}</div>')).blocks
    tables = [b for b in blocks if b.kind is BlockKind.table]
    assert [[c.text for c in row] for row in tables[0].rows] == expected


@pytest.mark.parametrize(("head", "body", "expected"), [
    pytest.param('<meta name="ArticleTitle" content="某县整改方案"><meta name="PubDate" content="2021-03-05 10:00">'
                 '<meta name="ContentSource" content="县生态环境局">', "", {
                     "title": "某县整改方案", "publish_date": "2021-03-05", "source": "县生态环境局"}, id="meta-tags"),
    pytest.param("<title>某县整改情况的公示_某县人民政府</title>",
                 '<div class="info">发布时间:2021年3月5日 来源:县生态环境局发布者:管理员</div>', {
                     "title": "某县整改情况的公示", "publish_date": "2021-03-05", "source": "县生态环境局"},
                 id="info-line-and-title-part"),
    pytest.param("<title>某县人民政府</title>", "<h1>政务公开</h1><p>公示时间:2021年3月6日至12日</p>", {},
                 id="site-name-and-notice-period-are-no-metadata"),
    pytest.param("<title>专题-某县人民政府</title>", '<div class="title">关于某县扬尘整改的情况</div>',
                 {"title": "关于某县扬尘整改的情况"}, id="title-element"),
    pytest.param('<meta name="ArticleTitle" content="通知公告"><title>通知公告-某县人民政府</title>',
                 '<div class="title">关于调整某县督察整改任务完成时限的通知</div>',
                 {"title": "关于调整某县督察整改任务完成时限的通知"}, id="column-name-in-title-meta"),
    pytest.param("<title>某县整改情况的公示_某县人民政府</title>",
                 '<table class="xxgk"><tr><th>发布机构:</th><td>某县人民政府办公室</td><th>生成日期:</th><td>2023-03-16</td></tr>'
                 '<tr><th>文　　号:</th><td>某政办〔2023〕8号</td><th>发布日期:</th><td>2023-03-20</td></tr></table>', {
                     "title": "某县整改情况的公示", "publish_date": "2023-03-20", "issuer": "某县人民政府办公室",
                     "doc_number": "某政办〔2023〕8号", "issue_date": "2023-03-16"}, id="info-table-of-a-disclosure-page"),
    # 发文日期 is the written date, 发布日期 the publication, whichever comes first
    pytest.param("<title>某县整改情况的公示_某县人民政府</title>",
                 '<div class="info">发文日期:2023-03-16 发布日期:2023-03-20</div>', {
                     "title": "某县整改情况的公示", "publish_date": "2023-03-20", "issue_date": "2023-03-16"},
                 id="sent-date-is-the-issue-date"),
    pytest.param("<title>某县整改情况的公示_某县人民政府</title>",
                 '<table class="xxgk"><tr><th>文　　号:</th><td>某政办发〔二〇二一〕12号</td></tr></table>', {
                     "title": "某县整改情况的公示", "doc_number": "某政办发〔二〇二一〕12号"},
                 id="info-table-number-with-a-chinese-numeral-year"),
    # an info table spacing its labels' characters, no colons: 上载日期 is the publication
    pytest.param("<title>某县整改情况的公示_某县人民政府</title>",
                 '<table class="xxgk"><tr><td>发 布 机 构</td><td>县人民政府办公室</td><td>发 文 日 期</td>'
                 '<td>2021-03-10</td></tr><tr><td>文 号</td><td>某政办发〔2021〕9号</td><td>上 载 日 期</td>'
                 '<td>2021-03-12</td></tr></table>', {
                     "title": "某县整改情况的公示", "publish_date": "2021-03-12", "issuer": "县人民政府办公室",
                     "doc_number": "某政办发〔2021〕9号", "issue_date": "2021-03-10"}, id="info-table-spaced-labels"),
    pytest.param("<title>某县整改情况的公示_某县人民政府</title>",
                 '<div class="info">发布机构: 某街道 公开日期: 2021-03-28 00:00:00</div>', {
                     "title": "某县整改情况的公示", "publish_date": "2021-03-28", "issuer": "某街道"},
                 id="disclosure-date-is-the-publication"),
    pytest.param("<title>某县整改情况的公示_某县人民政府</title>",
                 '<table class="xxgk"><tr><th>发文机构:</th><td>某县生态环境分局</td><th>成文日期:</th><td>2022-05-06</td></tr></table>', {
                     "title": "某县整改情况的公示", "issuer": "某县生态环境分局", "issue_date": "2022-05-06"},
                 id="issuing-body-label"),
    pytest.param("<title>某县整改情况的公示_某县人民政府</title>", '<div class="info">刊发日期:2017-09-13 阅读次数: 作者:</div>', {
        "title": "某县整改情况的公示", "publish_date": "2017-09-13"}, id="newspaper-issue-date-is-the-publication"),
    # a mirror's pinyin inside the labels (發(fā)布時間)
    pytest.param("<title>某县整改情况的公示_某县人民政府</title>",
                 '<div class="info">發(fā)布時間:2022-04-08 來源:縣政府辦(bàn) 瀏覽次數(shù):120</div>', {
                     "title": "某县整改情况的公示", "publish_date": "2022-04-08", "source": "縣政府辦"},
                 id="mirror-pinyin-in-the-labels"),
    # a bare 日期 or 时间 needs its colon (a table's column 时间 over a task's date is no publication)
    pytest.param("<title>某县整改情况的公示_某县人民政府</title>",
                 "<table><tr><td>时间</td><td>2021-06-30</td></tr></table>", {"title": "某县整改情况的公示"},
                 id="bare-time-without-colon"),
])
def test_page_metadata(head: str, body: str, expected: dict[str, str]) -> None:
    data = page(f'{body}<div id="zoom">{ARTICLE}</div>', head=head)
    assert parse(data).meta == expected


# A page's stamp line above the article, no label before its date: the publish date.
@pytest.mark.parametrize(("body", "expected"), [
    pytest.param('<div class="date">2022-03-10 21:21 来源: 某日报<br><span>字号:默认 超大 | 打印 |</span></div>',
                 "2022-03-10", id="date-and-hour-before-source"),
    pytest.param('<div class="time">某州生态环境局 / 2022-11-10 / :9</div>', "2022-11-10", id="date-between-slashes"),
    pytest.param('<div>2021年05月06日 16:40 某某日报</div>', "2021-05-06", id="date-hour-and-paper"),
    pytest.param('<ul><li>发文日期:<br><br>2021年05月06日 16:40</li></ul>', None, id="written-date-is-no-stamp"),
    pytest.param('<div>会议时间:2021-05-06 16:40</div>', None, id="a-labelled-time-is-no-stamp"),
    pytest.param('<div>2021年5月6日 16:40,市委召开督察整改推进会。</div>', None, id="a-sentence-goes-on"),
    pytest.param('<div>今天是2021年5月6日 星期四</div>', None, id="a-header-clock-without-hour"),
])
def test_page_stamp_line_is_the_publish_date(body: str, expected: str | None) -> None:
    data = page(f'<h1>某县整改情况的公示</h1>{body}<div id="zoom">{ARTICLE}</div>')
    assert parse(data).meta.get("publish_date") == expected


# Labels split over nodes, spaced inside a node, or next to text the lines strip away.
LABEL_PAGES = [
    '<table><tr><td>发 文</td><td>字\n号:</td><td>某环发〔2021〕3号</td></tr><tr><td>发布机构</td>'
    '<td>\n某市生态环境局\n</td></tr></table><p>成文日期：<b>2021年3月1日</b></p>',
    '<p>文<span>\x1c号</span>:<span>某政办〔2023〕8号</span></p><p>来源<b>:</b>某县<i>发布时间</i>:2023-3-1</p>',
    '<div>发\u3000文\u3000字\u3000号\u00a0某环发〔2020〕12号</div><div>印发日期 2020.5.6</div>',
    '<div>信息来源:某局</div><div>时间:2021年2月3日</div><div>发文机关:<br>某县人民政府</div>',
]
INFO_PATTERNS = ["date_line", "source_line", "issuer_line", "written_date_line", "doc_number_line"]


def page_lines(body: etree._Element) -> str:
    return "\n".join([line for text in body.itertext() if (line := text.strip())])


@pytest.mark.parametrize("markup", LABEL_PAGES)
def test_label_screens_admit_every_page_a_pattern_matches(markup: str) -> None:
    body = etree.fromstring(f"<html><body>{markup}</body></html>", html_parser()).find("body")
    page_text = utf8_text(body).decode("utf-8")
    assert page_text == "".join(body.itertext())
    for name in INFO_PATTERNS:
        pattern = getattr(html_rules(), name)
        screen = label_screen(pattern)
        assert screen is not None
        if html_module.compiled(pattern).search(page_lines(body)):
            assert screen.admits(page_text), name


@pytest.mark.parametrize("path", [*sorted((CORPUS / "html").glob("*.html")), FIXTURES / "gbk_page.html",
                                  *(page(m) for m in LABEL_PAGES if "\x1c" not in m)], ids=str)
def test_page_metadata_as_without_label_screens(path: Path | bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    data = path.read_bytes() if isinstance(path, Path) else path
    page_body = next((root := text_to_tree(bytes_to_text(data)[0])).iter("body"), root)
    assert utf8_text(page_body).decode("utf-8") == "".join(page_body.itertext())
    screened = parse(data).meta
    monkeypatch.setattr(html_module, "label_screen", lambda pattern: None)
    assert parse(data).meta == screened


@pytest.mark.parametrize("text", [*LABEL_PAGES, *(bytes_to_text(path.read_bytes())[0] for path in
                                                 sorted((CORPUS / "html").glob("*.html")))])
def test_label_words_found_in_one_scan_admit_as_each_word_searched(text: str) -> None:
    body = etree.fromstring(text if "<body" in text else f"<html><body>{text}</body></html>", html_parser()).find("body")
    page_text = utf8_text(body).decode("utf-8")
    found = label_words_in(page_text, info_line_patterns())
    for pattern in info_line_patterns():
        screen = label_screen(pattern)
        assert screen is not None
        assert screen.admits(page_text, found) == screen.admits(page_text), pattern
        assert found.issuperset(w for w in screen.words if w in page_text)


def test_label_words_overlapping_or_one_inside_another_are_all_found() -> None:
    patterns = (r"(?:甲乙)x", r"(?:乙丙)x", r"(?:甲乙丙丁)x", r"(?:丙)x")
    assert label_words_in("某甲乙丙丁", patterns) == {"甲乙", "乙丙", "甲乙丙丁", "丙"}
    assert label_words_in("甲乙丙", patterns) == {"甲乙", "乙丙", "丙"}
    assert label_words_in("乙甲", patterns) == frozenset()
    assert label_words_in("甲乙", (r"(?:甲乙)?x",)) == frozenset()  # no screen, no words


@pytest.mark.parametrize(("pattern", "words", "spaced"), [
    (r"(?<!\p{Han})(?:发布机构|机构|发\s*文)\s*[:：](?P<x>\S+)", ("机构",), [f"发{GAP}文"]),
    (r"(?:来源|出处)[:：]", ("来源", "出处"), []),
    (r"(?i)(?:abc)", None, None), (r"(?:abc)x(?i)", None, None), (r"(?:a\.b)", None, None), (r"(?:a||b)", None, None),
    (r"(?:a b)", None, None), (r"x(?:abc)", None, None),
    # labels that need not be there: no screen (出处：… matches without 来源)
    (r"(?:来源)?[:：]", None, None), (r"(?:来源){0,1}[:：]", None, None), (r"(?:来源)*x", None, None),
    (r"(?:来源)[:：]|出处[:：]", None, None), (r"(?:来源)+[:：]", ("来源",), []),
])
def test_label_screen_of_a_pattern(pattern: str, words: tuple[str, ...] | None, spaced: list[str] | None) -> None:
    screen = label_screen(pattern)
    if words is None:
        assert screen is None
    else:
        assert screen is not None and screen.words == words and [p.pattern for p in screen.spaced] == spaced


def test_gap_is_what_regex_and_strip_take_for_spaces() -> None:
    every = "".join(map(chr, range(0x110000)))
    spaces = {c for c in every if c.isspace()} | set(regex.findall(r"\s", every))
    assert spaces == set(regex.findall(GAP.removesuffix("*"), every))
    # built from ISSPACE_CHARS, GAP takes what the class it replaced took
    assert set(regex.findall(r"[\s\x1c-\x1f]", every)) == set(ISSPACE_CHARS) == spaces


def test_looks_binary_is_the_binary_pattern() -> None:
    every = "".join(map(chr, range(0x110000)))
    for start in range(0, len(every), 4096):
        assert looks_binary(every[start:start + 4096]) == bool(BINARY_RE.search(every[start:start + 4096]))
    for char in map(chr, range(0x3000)):
        assert looks_binary(f"中{char}a") == bool(BINARY_RE.search(char))


TREE_PAGES = [
    "<html><body><p>a" + "x" * 5000 + "\x00b</p><p>c</p></body></html>",
    "<html><body><p>a\r\nb\rc</p>\x0c<p>\x7f\x80\x9f\ufffe\uffff d</p></body></html>",
    '<html><head><meta charset="gbk"></head><body><p>中文 &amp; &#x1F600; \U0001F600</p></body></html>',
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>é中</body></html>',
    "<p>bare</p>", "text only <b>b</b>",
]


@pytest.mark.parametrize("markup", [*TREE_PAGES, *(bytes_to_text(path.read_bytes())[0] for path in
                                                   sorted((CORPUS / "html").glob("*.html")))])
def test_tree_from_utf8_bytes_is_the_tree_from_the_str(markup: str) -> None:
    expected = etree.tostring(etree.fromstring(XML_DECLARATION_RE.sub("", markup, count=1), html_parser()),
                              encoding="unicode")
    assert etree.tostring(text_to_tree(markup), encoding="unicode") == expected
    # the page's own UTF-8 bytes, when it was read so, give the same tree
    assert etree.tostring(text_to_tree(markup, markup.encode("utf-8")), encoding="unicode") == expected


def test_tree_of_a_page_with_an_xml_declaration_from_its_utf8_bytes() -> None:
    markup = '\ufeff<?xml version="1.0" encoding="gbk"?><html><body><p>中文</p></body></html>'
    assert etree.tostring(text_to_tree(markup, markup.encode("utf-8")), encoding="unicode") == \
        etree.tostring(text_to_tree(markup), encoding="unicode")


def test_title_outside_body_comes_first() -> None:
    data = page(f'<h1>某县整改方案</h1><div id="zoom">{ARTICLE}</div>', head="<title>某县整改方案_网站</title>")
    assert lines(data) == ["某县整改方案", *ARTICLE_LINES]


@pytest.mark.parametrize(("data", "encoding"), [
    pytest.param(page(f'<div id="zoom">{ARTICLE}</div>', charset="gbk"), "gb18030", id="gbk-declared"),
    pytest.param(page(f'<div id="zoom">{ARTICLE}</div>', charset="gb2312"), "gb18030", id="gb2312-as-gb18030"),
    pytest.param(page(f'<div id="zoom">{ARTICLE}</div>').replace(b"utf-8", b"gb2312"), "utf-8",
                 id="utf8-bytes-misdeclared"),
    pytest.param(f'<?xml version="1.0" encoding="gbk"?><html><body><div id="zoom">{ARTICLE}</div></body></html>'
                 .encode("gbk"), "gb18030", id="xhtml-declaration"),
    pytest.param(page(f'<div id="zoom">{ARTICLE}</div>', charset="gbk").replace(b"gbk", b"iso-8859-1"),
                 "gb18030", id="latin1-declared-gbk-bytes"),
])
def test_charset(data: bytes, encoding: str) -> None:
    parsed = parse(data)
    assert parsed.encoding == encoding
    assert [b.text for b in parsed.blocks] == ARTICLE_LINES


def test_gbk_fixture_page() -> None:
    parsed = parse((FIXTURES / "gbk_page.html").read_bytes())
    assert parsed.encoding == "gb18030"
    assert parsed.meta == {"title": "某县督察反馈问题整改任务清单", "publish_date": "2021-05-06"}
    assert [b.text for b in parsed.blocks if b.kind is not BlockKind.table] == [
        "某县督察反馈问题整改任务清单", "为抓好督察反馈问题整改,制定本清单。", "一、总体要求", "坚持问题导向。"]
    tables = [b for b in parsed.blocks if b.kind is BlockKind.table]
    assert [[c.text for c in row] for row in tables[0].rows] == [
        ["序号", "反馈问题", "整改时限", "责任单位"], ["1", "污水直排。", "2021年底前", "县住建局"]]


def test_corpus_page_002_gb2312_declared() -> None:
    parsed = parse((CORPUS / "html" / "002_b5fa22a766b1ca11.html").read_bytes())
    body = "\n".join(b.text for b in parsed.blocks)
    assert parsed.encoding == "gb18030"
    assert parsed.meta == {"title": "关于印发《武威市贯彻落实中央生态环境保护督察反馈问题整改实施方案》的通知",
                           "publish_date": "2020-12-02", "source": "市生态环境局"}
    assert "(2017—2021年)" in body  # the em dash survives (GBK A1AA, not U+2015)
    for chrome in ("扫一扫", "Produced By", "无障碍浏览", "ICP", "浏览次数", "首页"):
        assert chrome not in body


CHROME_LINES = ["[ 打印本页 ] [ 关闭窗口 ]", "【我要纠错】 责任编辑:李某", "责任编辑:李某", "扫一扫在手机打开当前页",
                "Produced By 大汉网络", "版权所有:某县", "Copyright © 2020", "某ICP备123号", "字号:大 中 小", "分享到:",
                "上一篇", "相关链接:", "信息来源:某局 发布时间:2021-01-01", "来源:某局 作者:某", "正文 返回", "字号 大中小",
                "主办:某县 网站标识码:123", "打印 关闭", "【打印】【关闭】", "本页 Copyright", "时间:2020年 来源:某"]


def test_chrome_lines_split_ask_what_the_joined_pattern_asks() -> None:
    lines = [line for path in sorted((CORPUS / "html").glob("*.html"))
             for text in text_to_tree(bytes_to_text(path.read_bytes())[0]).itertext() if (line := text.strip())]
    lines += CHROME_LINES + [line[1:] for line in CHROME_LINES] + [f"x{line}" for line in CHROME_LINES]
    assert sum(chrome_lines().search(line) for line in lines) >= len(CHROME_LINES)
    for line in lines:
        assert chrome_lines().search(line) == bool(chrome_line_re().search(line)), line


def test_chrome_line_starts_are_tried_only_after_a_character_one_may_open_with() -> None:
    starts = chrome_lines().starts
    assert starts is not None
    openers = {char for char in map(chr, range(0x10000)) if starts[char] is not None}
    for line in CHROME_LINES:
        assert not any(pattern.match(line) for _, pattern in starts.alternatives) or line[0] in openers, line
    assert {"打", "【", "[", "责", "P", "(", "（", "1"} <= openers and not {"某", "一", " "} & openers
    # a line opening with `(` or a digit tries only what may open so: (编辑:…), 300225.jpg
    assert starts["1"] is not None and "编辑" not in starts["1"].pattern
    assert starts["("] is not None and "打印" not in starts["("].pattern


def test_chrome_line_rules_spelled_out_or_anchored_keep_what_they_match(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = html_rules().model_copy(update={"chrome_lines": ["版[权權]所有|a.c", "(?<=^[(（])x[yz]$", "(?<=^a|b)c"]})
    monkeypatch.setattr(html_module, "html_rules", lambda: rules)
    lines = chrome_lines.__wrapped__()
    assert lines.words is not None and lines.others is not None and lines.starts is not None
    assert lines.others.pattern == "(?:a.c)|(?:(?<=^a|b)c)"
    for line in ["版权所有:某县", "某版權所有", "版所有", "(xy", "（xz", "a(xy", "(xyz", "abc", "ac", "bc", "xbc"]:
        assert lines.search(line) == bool(regex.search(one_of(rules.chrome_lines), line)), line


def test_chrome_lines_with_a_backreference_are_asked_joined(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = html_rules().model_copy(update={"chrome_lines": ["^(a)b|c", r"(x)\1"]})
    monkeypatch.setattr(html_module, "html_rules", lambda: rules)
    lines = chrome_lines.__wrapped__()
    assert lines.starts is None and lines.words is None and lines.others is not None
    assert lines.others.pattern == "(?:^(a)b|c)|(?:(x)\\1)"


def test_chrome_lines_with_a_posix_class_are_kept_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    # the tokens misread a POSIX class's brackets: split, `^` would anchor the wrong part
    rules = html_rules().model_copy(update={"chrome_lines": ["^首页|[[:digit:]|]x", "打印"]})
    monkeypatch.setattr(html_module, "html_rules", lambda: rules)
    lines = chrome_lines.__wrapped__()
    assert lines.starts is None and lines.others is not None and lines.words is not None
    assert lines.others.pattern == "(?:^首页|[[:digit:]|]x)"
    assert lines.search("首页") and lines.search("a|x") and not lines.search("a首页")


@pytest.mark.parametrize("chrome", ["[ 打印本页 ] [ 关闭窗口 ]", "【我要纠错】 责任编辑:李某", "责任编辑:李某"])
def test_chrome_lines_at_the_foot_of_a_body(chrome: str) -> None:
    page = f"<html><body><div class=\"TRS_Editor\"><p>某县整改方案</p><p>一、某问题。</p><p>{chrome}</p></div></body></html>"
    assert lines(page.encode()) == ["某县整改方案", "一、某问题。"]


def test_corpus_page_004_nested_layout() -> None:
    found = lines((CORPUS / "html" / "004_af3a83945fc0fbc2.html").read_bytes())
    assert found[0] == "关于第一轮中央生态环境保护督察第一项整改任务的整改情况公示"
    assert "一、反馈问题内容" in found
    assert not any("打印本页" in line or "关闭窗口" in line for line in found)


def test_corpus_page_000_site_section_heading_is_no_title() -> None:
    parsed = parse((CORPUS / "html" / "000_88b00f3a1e084d60.html").read_bytes())
    assert "title" not in parsed.meta
    assert parsed.encoding == "utf-8"


@pytest.mark.parametrize("data", [
    pytest.param((CORPUS / "bad" / "binary.html").read_bytes(), id="random-bytes"),
    pytest.param(b"just some words, no markup at all", id="no-markup"),
])
def test_not_html_is_corrupt(data: bytes) -> None:
    with pytest.raises(CorruptFile):
        parse(data)


SPACES = " \t\n\u3000\u00a0\u2028\x1c\u205f"


@pytest.mark.parametrize("text", [
    "", "某", SPACES, f"{SPACES}整改{SPACES}", f"{SPACES * 30}整改", f"整改{SPACES * 30}",
    "\U0001f600" * 100, "中" * 21 + SPACES + "\u3000" * 30, "\u3000" * 22 + "a" + "é" * 40,
])
def test_text_lengths_match_the_text(text: str) -> None:
    """The lengths measured on lxml's UTF-8 text are those of the decoded text."""
    root = etree.fromstring(f"<html><body><div>{text[:7]}<span>{text[7:]}</span></div></body></html>",
                            html_parser())
    for element in root.iter():
        assert text_length(element) == len(text_of(element))
        assert stripped_length(element) == len(text_of(element).strip())


NAMED_PAGES = [*sorted((CORPUS / "html").glob("*.html")), Path(__file__).parent / "fixtures" / "gbk_page.html"]


@pytest.mark.parametrize("path", NAMED_PAGES, ids=lambda p: p.name)
def test_named_elements_are_those_with_an_id_or_a_class(path: Path) -> None:
    root = text_to_tree(bytes_to_text(path.read_bytes())[0])
    assert NAMED_ELEMENTS(root) == root.xpath("//*[@id or @class]")


@pytest.mark.parametrize("path", NAMED_PAGES, ids=lambda p: p.name)
def test_attribute_paths_from_elements_are_the_paths_from_every_node(path: Path) -> None:
    root = text_to_tree(bytes_to_text(path.read_bytes())[0])
    for element in [root, *root.iter("body", "div", "td")]:
        assert STYLE_VALUES(element) == element.xpath(".//@style")
        for with_tags in (False, True):
            tags = [f".//{tag}" for tag in sorted(chrome_tags())] if with_tags else []
            assert chrome_candidates(with_tags, True)(element) == \
                element.xpath(" | ".join([*tags, ".//@id/..", ".//@class/..", ".//@style/.."]))
            assert chrome_candidates(with_tags, False)(element) == \
                element.xpath(" | ".join([*tags, ".//@id/..", ".//@class/.."]))


def title_elements_walked(root: etree._Element) -> list[etree._Element]:
    """The first version: every element tested in document order."""
    return [e for e in root.iter() if isinstance(e.tag, str) and is_title_element(e)]


@pytest.mark.parametrize("path", NAMED_PAGES, ids=lambda p: p.name)
def test_title_candidates_hold_every_title_element_in_order(path: Path) -> None:
    root = text_to_tree(bytes_to_text(path.read_bytes())[0])
    assert [e for e in TITLE_CANDIDATES(root) if is_title_element(e)] == title_elements_walked(root)


def test_title_candidates_in_document_order_once_each() -> None:
    root = etree.fromstring('<html><body><h2 class="title">一</h2><div id="bt"><h1 id="x">二</h1></div>'
                            '<h3>三</h3><p class="article-title">四</p><h4 class="tt">五</h4></body></html>',
                            html_parser())
    found = [e for e in TITLE_CANDIDATES(root) if is_title_element(e)]
    assert found == title_elements_walked(root)
    assert [e.text for e in found] == ["一", None, "二", "三", "四", "五"]


def test_named_elements_in_document_order_once_each() -> None:
    root = etree.fromstring('<html><body id="b" class="c"><div class="x"><p id="p">一</p></div><p>二</p>'
                            '<span id="s" class="t">三</span></body></html>', html_parser())
    assert NAMED_ELEMENTS(root) == root.xpath("//*[@id or @class]")
    assert [e.tag for e in NAMED_ELEMENTS(root)] == ["body", "div", "p", "span"]


def walk_keeping_all_text(element: etree._Element, builder: LineBuilder, *, in_cell: bool = False) -> None:
    """The first `walk` (tables aside): every text and tail joins the line, whitespace too."""
    tag = element.tag
    is_block = tag in BLOCK_TAGS
    if is_block:
        builder.flush()
        builder.heading = tag in HEADING_TAGS
        builder.label = list_label(element) if tag == "li" else None
    if element.text:
        builder.add(element.text)
    for child in element:
        if child.tag == "br":
            builder.flush()
        elif isinstance(child.tag, str) and (child.tag != "caption" or in_cell):
            walk_keeping_all_text(child, builder, in_cell=in_cell)
        builder.add(child.tail)
    if is_block:
        builder.flush()


WHITESPACE_PAGES = [
    "<div>\n  <p>\n  第一段\n 接着</p>\n\u00a0<p>\u3000\u3000第二段</p> \n<h2>\n标题</h2>\n<span> </span>\n</div>",
    "<div><ol><li>\n 甲</li>\n<li> \u00a0</li><li>乙<br>\n 丙</li></ol>\n\x1c 丁<br/> \n</div>",
    "<div> <span>\n</span><a>\n 链接</a>\n<b> word</b>\nnext line\n</div>",
]


@pytest.mark.parametrize("path", NAMED_PAGES, ids=lambda p: p.name)
def test_walk_drops_only_whitespace_that_opens_a_line(path: Path) -> None:
    root = text_to_tree(bytes_to_text(path.read_bytes())[0])
    body = next(root.iter("body"))
    for table in list(body.iter("table")):  # tables are walked alike: left out here
        drop(table)
    builder = LineBuilder()
    walk_keeping_all_text(body, builder)
    builder.flush()
    assert [(b.kind, b.text, b.label) for b in body_to_blocks(body)] == [
        (b.kind, b.text, b.label) for b in builder.blocks]


def chrome_elements_tested_one_by_one(body: etree._Element) -> list[etree._Element]:
    """The first version: every element below the body tested in Python."""
    return [e for e in body.iter(etree.Element) if e is not body
            and (e.tag in chrome_tags() or (e.attrib and (has_chrome_name(e) or is_hidden(e))))]


CHROME_PAGE = ('<html><body><div id="main"><nav>导航</nav><p style="text-align: center">正文</p>'
               '<p style="DISPLAY: NO NE">隐藏</p><p style="display : none">隐藏</p><span class="Share-Box">分享</span>'
               '<footer>页脚</footer><p id="x" style="color:red">正文</p></div></body></html>')


@pytest.mark.parametrize("path", NAMED_PAGES, ids=lambda p: p.name)
def test_chrome_elements_are_those_tested_one_by_one(path: Path) -> None:
    root = text_to_tree(bytes_to_text(path.read_bytes())[0])
    assert chrome_elements(root) == chrome_elements_tested_one_by_one(root)


def test_chrome_elements_on_styles_names_and_tags() -> None:
    root = etree.fromstring(CHROME_PAGE, html_parser())
    found = chrome_elements(root)
    assert found == chrome_elements_tested_one_by_one(root)
    assert [e.text for e in found] == ["导航", "隐藏", "隐藏", "分享", "页脚"]


@pytest.mark.parametrize("markup", WHITESPACE_PAGES)
def test_walk_drops_only_whitespace_that_opens_a_line_on_spaced_markup(markup: str) -> None:
    body = etree.fromstring(f"<html><body>{markup}</body></html>", html_parser()).find("body")
    builder = LineBuilder()
    walk_keeping_all_text(body, builder)
    builder.flush()
    blocks = body_to_blocks(body)
    assert blocks and [(b.kind, b.text, b.label) for b in blocks] == [(b.kind, b.text, b.label) for b in builder.blocks]


# A government page as published: navigation, breadcrumb, heading, info line, body, footer.
CRUMB = '<div class="crumb">当前位置:<a href="/">首页</a> &gt; <a href="/tz">通知公告</a></div>'
INFO = '<div class="info">发布时间:2021-06-02 来源:市政府办公室</div>'
NOTICE = "关于印发某市督察反馈意见整改方案的通知"
LETTER = ("<p>各县(区)人民政府,市直有关部门:</p><p>现将整改方案印发给你们,请认真贯彻落实。</p>"
          "<p>某市人民政府办公室</p><p>2021年6月1日</p>")


def gov_page(title: str, heading: str, article: str = LETTER, after: str = "") -> bytes:
    return page(f'{NAV}{CRUMB}<div class="main">{heading}{INFO}<div class="article-content">{article}</div>'
                f'{after}</div>{FOOT}', head=f"<title>{title}</title>")


@pytest.mark.parametrize(("title", "heading", "article", "expected"), [
    pytest.param(f"某市人民政府网站-{NOTICE}", f'<div class="hd"><p><strong>{NOTICE}</strong></p></div>', LETTER,
                 NOTICE, id="site-first-dash-heading-before-body"),
    pytest.param("某市人民政府网站-关于印发整改方案的通知", f'<div class="hd"><p>{NOTICE}</p></div>', LETTER,
                 NOTICE, id="site-first-own-heading-wins-over-title-part"),
    pytest.param(f"某市人民政府门户网站 - {NOTICE}", '<div class="logo"><h1>某市人民政府门户网站</h1></div>', LETTER,
                 NOTICE, id="site-first-logo-heading-is-no-title"),
    pytest.param(f"首页 > 通知公告 > {NOTICE}", "", LETTER, NOTICE, id="breadcrumb-title"),
    pytest.param(f"某市生态环境局:{NOTICE}", "", LETTER, NOTICE, id="department-site-first-colon"),
    pytest.param("详细信息", '<div class="hd"><p>关于印发<span>某市</span>督察反馈意见整改方案的通知</p></div>', LETTER,
                 NOTICE, id="heading-line-over-inline-elements"),
    pytest.param("详细信息", f'<div class="hd"><i class="icon"></i>{NOTICE}<br><span>通知公告</span></div>', LETTER,
                 NOTICE, id="heading-line-after-an-icon"),
    pytest.param("通知公告", f"<h2>{NOTICE}</h2>", LETTER, NOTICE, id="generic-title-h2"),
    pytest.param("文章详情", f'<div class="hd"><p>{NOTICE}</p></div>', LETTER, NOTICE, id="generic-title-heading-line"),
    pytest.param(f"{NOTICE}_某市人民政府", '<div class="hd"><p>某市整改情况</p></div>', LETTER, NOTICE,
                 id="article-first-title-wins-over-a-line-before-the-body"),
    pytest.param(f"{NOTICE}_某市人民政府", "<h1>某市人民政府网站</h1>", LETTER, NOTICE, id="article-first-title-logo-h1"),
    pytest.param("某市人民政府", f'<div class="xxgk"><p>索引号: 1150/2021-00021</p><p>标题: {NOTICE}</p>'
                 '<p>主题分类: 生态环境</p></div>', LETTER, NOTICE, id="info-block-title-label-left-out"),
])
def test_title_from_the_page_heading(title: str, heading: str, article: str, expected: str) -> None:
    assert parse(gov_page(title, heading, article)).meta["title"] == expected


@pytest.mark.parametrize(("title", "heading"), [
    pytest.param("通知公告", "", id="generic-title-no-heading"),
    pytest.param("详细信息", '<div class="hd"><p>通知公告</p></div>', id="column-name-heading"),
    pytest.param("某市人民政府网站", '<div class="hd"><a href="/x">关于某县整改方案的通知</a></div>',
                 id="link-before-the-body-is-no-heading"),
    pytest.param("正文", '<div class="share"><p>某市整改情况</p></div>', id="chrome-before-the-body-is-no-heading"),
])
def test_generic_or_site_title_alone_is_no_title(title: str, heading: str) -> None:
    assert "title" not in parse(gov_page(title, heading)).meta


def test_title_from_the_first_body_line_carries_a_span() -> None:
    from extract.assemble import extract_bytes

    data = gov_page("通知公告", "", article=f"<p>{NOTICE}</p>{LETTER}")
    document = extract_bytes(data, "page.html")
    assert document.title == "某市督察反馈意见整改方案"  # the cover letter's document
    start, end = document.spans["title"]
    assert document.text[start:end] == document.title
    assert "通知公告" not in document.text


def test_site_first_title_carries_a_span() -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes(gov_page(f"某市人民政府网站-{NOTICE}", ""), "page.html")
    start, end = document.spans["title"]
    assert document.text[start:end] == document.title == "某市督察反馈意见整改方案"
    assert "网站" not in document.text


# Attachment lists after the body container, outside it.
ATTACH = ('<div class="fj"><p>附件:</p><p><a href="/u/a.xlsx">1.某市整改任务清单.xlsx</a></p>'
          '<p><a href="/u/b.docx">2.某市整改措施表.docx</a></p></div>')
ATTACH_LINES = ["附件:", "1.某市整改任务清单.xlsx", "2.某市整改措施表.docx"]
LINKS = '<ul class="down"><li><a href="/u/a.pdf">某验收办法.pdf</a></li><li><a href="/u/b.xls?id=3">某台账</a></li></ul>'
SHARE = '<div class="share"><a href="#">分享到微信</a></div>'
RELATED = ('<div class="related"><p>相关文章:</p><p><a href="/u/c.docx">某县整改方案.docx</a></p>'
           '<p><a href="/u/d.doc">某区整改方案.doc</a></p></div>')



@pytest.mark.parametrize(("body", "expected"), [
    pytest.param(f'<div class="main"><div id="zoom">{ARTICLE}</div>{ATTACH}</div>', ATTACH_LINES, id="sibling"),
    pytest.param(f'<div class="main"><div id="zoom">{ARTICLE}</div>{SHARE}<div class="tips"></div>'
                 '<p>附件:<a href="/u/a.xlsx">某市整改任务清单.xlsx</a><a href="/u/b.wps">某市整改措施表.wps</a></p></div>',
                 ["附件:某市整改任务清单.xlsx", "某市整改措施表.wps"], id="after-share-links-side-by-side"),
    pytest.param(f'<div class="main"><div id="zoom">{ARTICLE}</div><p>附件:1.<a href="/u/a.xlsx">某市整改任务清单</a>'
                 ' 2. <a href="/u/b.pdf">某市验收办法</a>3.<a href="/u/c.doc">某表</a></p></div>',
                 ["附件:1.某市整改任务清单", "2. 某市验收办法", "3.某表"], id="numbers-before-links-side-by-side"),
    pytest.param(f'<div class="main"><div class="box"><div id="zoom">{ARTICLE}</div></div>{LINKS}</div>',
                 ["某验收办法.pdf", "某台账"], id="parent-level-file-links"),
    pytest.param(f'<div class="main"><div><div><div id="zoom">{ARTICLE}</div></div></div>{ATTACH}</div>',
                 ATTACH_LINES, id="grandparent-level"),
    pytest.param(f'<div class="main"><div id="zoom">{ARTICLE}</div>{RELATED}</div>', [], id="related-articles-no"),
    pytest.param(f'<div class="main"><div id="zoom">{ARTICLE}</div><div style="display: none">{ATTACH}</div></div>', [],
                 id="hidden-no"),
    pytest.param(f'<div class="main"><div id="zoom">{ARTICLE}</div><p>本页信息仅供参考。</p>{ATTACH}</div>', [],
                 id="after-other-text-no"),
    pytest.param(f'<div class="main"><div id="zoom">{ARTICLE}</div>'
                 '<p><a href="/a.html">某县整改方案</a><a href="/b.html">某区整改方案</a></p></div>', [],
                 id="page-links-no"),
    pytest.param(f'<div class="main"><div><div><div><div id="zoom">{ARTICLE}</div></div></div></div>{ATTACH}</div>', [],
                 id="three-levels-up-no"),
])
def test_attachment_lists_after_the_body(body: str, expected: list[str]) -> None:
    assert lines(page(f"{NAV}{body}{FOOT}")) == [*ARTICLE_LINES, *expected]


def test_attachments_after_the_body_of_a_whole_page() -> None:
    from extract.assemble import extract_bytes

    document = extract_bytes((FIXTURES / "attachments_after_body.html").read_bytes(), "page.html")
    assert document.title == "某市贯彻落实督察反馈意见整改方案"
    assert document.attachments == ["某市整改任务清单", "某市整改措施责任分工表"]
    for k, name in enumerate(document.attachments):
        start, end = document.spans[f"attachments.{k}"]
        assert document.text[start:end] == name
    missing = [w for w in document.warnings if w.code == "attachment_missing"]
    assert [document.text[w.span[0]:w.span[1]] for w in missing if w.span] == document.attachments
    assert "相关阅读" not in document.text and "某县整改方案" not in document.text


def test_a_long_block_after_the_body_is_no_attachment_list() -> None:
    long_body = f"<p>{'坚持问题导向,逐项整改销号。' * 120}</p>"
    data = page(f'<div class="main"><div id="zoom">{long_body}</div><div><p>附件:</p>'
                f'<p>{"附件说明文字。" * 120}</p></div></div>')
    assert not any(line.startswith("附件") for line in lines(data))


def test_a_bare_attachment_label_in_the_body_reads_the_file_links_after_it() -> None:
    from extract.assemble import extract_bytes

    body = (f'<div class="main"><div id="zoom"><p>{NOTICE}</p>{LETTER}<p>附件:</p></div>'
            '<p><a href="/u/a.xlsx">某市整改任务清单.xlsx</a><br><a href="/u/b.pdf">某市验收办法.pdf</a></p></div>')
    document = extract_bytes(page(f"{NAV}{body}{FOOT}"), "page.html")
    assert document.attachments == ["某市整改任务清单", "某市验收办法"]


@pytest.mark.parametrize("depth", [100, 300, 1500])
def test_deeply_nested_page_keeps_its_text(depth: int) -> None:
    page = "<html><body>" + "<div>" * depth + "<p>一、整改任务</p><p>二、整改措施</p>" + "</div>" * depth + "</body></html>"
    assert [b.text for b in parse_html(page.encode(), Options()).blocks] == ["一、整改任务", "二、整改措施"]


def test_tags_left_open_keep_every_paragraph() -> None:
    page = "<html><body>" + "".join(f"<p><font>第{i}段" for i in range(600)) + "</body></html>"
    texts = [b.text for b in parse_html(page.encode(), Options()).blocks]
    assert texts == [f"第{i}段" for i in range(600)]


def test_page_nested_past_what_libxml2_reads_is_corrupt() -> None:
    page = "<html><body>" + "<div>" * 3000 + "整改" + "</div>" * 3000 + "</body></html>"
    with pytest.raises(CorruptFile, match="deeper than 2048 levels"):
        parse_html(page.encode(), Options())


def test_text_node_past_ten_megabytes_is_read_whole() -> None:
    # libxml2 drops a text node over 10 MB unless told (huge_tree): the page came out empty
    text = "整改任务" * 900_000  # 3.6 M characters, 10.8 MB of UTF-8
    blocks = parse_html(f"<html><body><p>{text}</p></body></html>".encode(), Options()).blocks
    assert [len(b.text) for b in blocks] == [len(text)]


@pytest.mark.parametrize("head", ["", " \n\t", "\x1c", "\u3000\u2028", "\ufeff", "x", "<!-- c -->"])
@pytest.mark.parametrize("declaration", ['<?xml version="1.0"?>', "<?xml?>", "<?xml >", "<?XML?>", ""])
def test_xml_declaration_re_is_the_regex_pattern(head: str, declaration: str) -> None:
    page = f"{head}{declaration}<html><body><p>x?></p></body></html>"
    first = regex.compile(r"^\s*<\?xml[^>]*\?>").search(page)
    found = XML_DECLARATION_RE.match(page)
    assert (found and found.span()) == (first and first.span())


# A traditional page: its chrome lines and info labels are read in its own script, and the
# values its info table gives come out simplified, as the text does.
TRADITIONAL_PAGE = (
    '<table class="xxgk"><tr><td>發布機構:</td><td>盤錦市人民政府辦公室</td><td>發文日期:</td><td>2021-12-20</td></tr>'
    '<tr><td>文號:</td><td>盤政辦發〔2021〕9號</td></tr></table>'
    '<div id="zoom"><h3>盤錦市關於中央環境保護督察反饋問題第8項整改銷號情況的公示</h3>'
    '<p>發布時間:2021-12-22 瀏覽次數:85</p>'
    '<p>根據工作要求,現將中央環境保護督察反饋問題第8項整改銷號情況予以公示。</p>'
    '<p>整改完成情況:已完成整改,經驗收,同意銷號。</p><p>(編輯:侯佑琴)</p>'
    '<p>版權所有:盤錦市人民政府 主辦單位:盤錦市人民政府辦公室</p>'
    '<p>網站標識碼:2111000031 遼ICP備11007870號-1 遼公網安備21110002000056號</p>'
    '<p>技術支持單位:市信息中心 聯系電話:0427-2283372</p><p>[ 打印本頁 ] [ 關閉窗口 ]</p></div>')


def test_traditional_page_chrome_and_info_labels() -> None:
    parsed = parse(page(TRADITIONAL_PAGE))
    body = "\n".join(block.text for block in parsed.blocks)
    for chrome in ("瀏覽次數", "編輯", "版權所有", "ICP", "技術支持", "關閉窗口"):
        assert chrome not in body, chrome
    assert parsed.meta["publish_date"] == "2021-12-22" and parsed.meta["issue_date"] == "2021-12-20"
    from extract.assemble import extract_bytes
    document = extract_bytes(page(TRADITIONAL_PAGE), "page.html")
    assert document.issuers == ["盘锦市人民政府办公室"] and document.doc_number == "盘政办发〔2021〕9号"
    assert document.publish_date == dt.date(2021, 12, 22) and document.issue_date == dt.date(2021, 12, 20)


@pytest.mark.parametrize("line", ["(编辑:张某某)", "编辑:张烨", "主办单位:某市人民政府办公室", "技术支持:某公司",
                                  "政府网站年度报表 政府网站检查通报", "瀏覽次數:85", "發布時間:2021-12-22 來源:某局",
                                  "刊发日期:2017-09-13 阅读次数: 作者:", "本篇文章417字,读完约1分钟",
                                  "地址:http://www.example.com/a/1.html", "详细信息", "公开具体内容",
                                  "300225.jpg", "29-top_img.png"])
def test_footer_and_editor_lines_are_chrome(line: str) -> None:
    assert chrome_lines().search(line) and chrome_line_re().search(line)


@pytest.mark.parametrize("line", ["附件:现场照片.jpg", "某河道整治前后对比图.png", "详细信息见附件。", "编辑部门要在2021年底前完成整改。", "主办单位负责组织现场核查,2021年底前完成", "(编辑)"])
def test_sentences_naming_an_editor_or_organiser_are_no_chrome(line: str) -> None:
    assert not chrome_lines().search(line)


# An article a page's script writes: read where the script stands, as the browser shows it.
SCRIPT_NOTICE = ("<p style=\\\"text-indent:2em\\\">现将督察反馈问题第3项整改完成情况公示如下。</p>"
                 "<p>问题内容:某村养殖场粪污直排。</p><p>整改完成情况:养殖场已关闭拆除,经验收达到销号条件。</p>")


@pytest.mark.parametrize("script", [
    pytest.param(f'var content = "{SCRIPT_NOTICE}";\ndocument.getElementById("c").innerHTML = content;',
                 id="var-content"),
    pytest.param("document.write('<p>现将督察反馈问题第3项整改完成情况公示如下。</p>' +\n"
                 "  '<p>问题内容:某村养殖场粪污直排。</p>' + '<p>整改完成情况:养殖场已关闭拆除,"
                 "\\u7ecf\\u9a8c\\u6536达到销号条件。</p>');", id="document-write-joined-escaped"),
])
def test_an_article_a_script_writes_is_read(script: str) -> None:
    from extract.assemble import extract_bytes

    data = page(f'{NAV}<div class="con_box"><h2 class="con_title">关于某镇督察整改任务完成情况的公示</h2>'
                f'<div class="con_info">发布时间:2022-08-01 来源:某镇人民政府</div><div id="c"></div>'
                f'<script>{script}</script></div>{FOOT}')
    assert lines(data) == ["关于某镇督察整改任务完成情况的公示", "现将督察反馈问题第3项整改完成情况公示如下。",
                           "问题内容:某村养殖场粪污直排。", "整改完成情况:养殖场已关闭拆除,经验收达到销号条件。"]
    document = extract_bytes(data, "page.html")
    assert [(t.seq, t.status) for t in document.tasks] == [("3", "completed")]


@pytest.mark.parametrize("script", [
    pytest.param('var content = "为抓好督察反馈问题整改,制定本方案。";', id="text-the-page-shows"),
    pytest.param('var shareTitle = "<p>某县整改方案</p>";', id="short"),
    pytest.param('document.write(\'<div class="x"><img src="/a.png">Loading, please wait</div>\');', id="no-chinese"),
    pytest.param('var x = content + "<p>";', id="no-literal"),
])
def test_a_script_writing_no_article_adds_nothing(script: str) -> None:
    assert lines(page(f'<div id="zoom">{ARTICLE}<script>{script}</script></div>')) == ARTICLE_LINES


def test_an_attachment_only_page_names_its_file() -> None:
    from extract.assemble import extract_bytes

    data = page(f'{NAV}<div class="article"><h1>某区关于督察整改任务调整的通知</h1>'
                '<div class="info">发布时间:2022-02-18 来源:区政府办</div><div class="TRS_Editor"><p>&nbsp;</p></div>'
                '<div class="fujian"><p>附件下载:</p><p><a href="/u/tz.pdf">某区督察整改任务调整表.pdf</a></p></div>'
                f'</div>{FOOT}')
    document = extract_bytes(data, "page.html")
    assert document.attachments == ["某区督察整改任务调整表"]
    assert document.publish_date == dt.date(2022, 2, 18)


@pytest.mark.parametrize("line", ["审核:李四", "(责编:李四、王五)", "编辑:王小二 审核:李四 监制:张三", "责任校对:赵六",
                                  "【责编:王某】"])
def test_news_and_wechat_credit_lines_are_chrome(line: str) -> None:
    assert chrome_lines().search(line) and chrome_line_re().search(line)


@pytest.mark.parametrize("line", ["审核:县生态环境局对验收材料进行审核,2022年6月底前完成。", "审核验收工作由县督察整改办负责"])
def test_sentences_naming_a_review_are_no_chrome(line: str) -> None:
    assert not chrome_lines().search(line)


def test_a_wechat_article_keeps_its_text_without_its_credits() -> None:
    body = ('<div class="rich_media_area_primary"><h1 class="rich_media_title" id="activity-name">\n  某县通报督察整改工作进展情况\n'
            '</h1><div id="meta_content"><span id="profileBt"><a id="js_name">某县生态环境</a></span>'
            '<em id="publish_time">2022-06-15 10:50</em></div>'
            '<div class="rich_media_content" id="js_content" style="visibility: hidden;"><section>'
            '<p><span style="font-size:15px">6月14日,某县召开督察整改工作推进会,通报整改进展。</span></p>'
            '<p><span>截至目前,18项整改任务已完成12项,其余6项正按序时推进。</span></p><p><br></p>'
            '<p><span>编辑:王小二</span></p><p><span>审核:李四</span></p></section></div>'
            '<div class="rich_media_tool" id="js_toolbar"><div class="media_tool_meta">阅读 <span>1024</span></div></div></div>')
    parsed = parse(page(body))
    assert [b.text for b in parsed.blocks] == ["某县通报督察整改工作进展情况", "6月14日,某县召开督察整改工作推进会,通报整改进展。",
                                               "截至目前,18项整改任务已完成12项,其余6项正按序时推进。"]
    assert parsed.meta == {"title": "某县通报督察整改工作进展情况", "publish_date": "2022-06-15"}


def test_a_page_updated_on_a_day_was_published_then() -> None:
    info = '<div class="info">作者:县督察整改办 来源:本站原创 点击数:321 更新时间:2021-11-03</div>'
    assert parse(page(f'<h1>关于调整某县督察整改任务完成时限的通知</h1>{info}<div id="zoom">{ARTICLE}</div>')) \
        .meta["publish_date"] == "2021-11-03"


@pytest.mark.parametrize(("attributes", "chrome"), [
    ({"id": "mainNav"}, True), ({"class": "a  Share-box"}, True), ({"id": "x", "class": "bd_share"}, True),
    ({"class": "nav-"}, True), ({"id": "content", "class": "article"}, False), ({"class": "  "}, False), ({}, False),
    ({"id": "na", "class": "v"}, False),  # a name is found inside one token, never across two
])
def test_has_chrome_name_finds_a_name_inside_a_token(attributes: dict[str, str], chrome: bool) -> None:
    element = etree.Element("div", attributes)
    assert has_chrome_name(element) is chrome
    assert has_chrome_name(element) is any(chrome_name_re().search(token) for token in names_of(element))


def test_chrome_names_hold_no_space() -> None:
    with pytest.raises(ValueError, match="space"):
        HtmlRules.model_validate({**load_yaml("html.yaml"), "chrome_names": ["nav", "side bar"]})
