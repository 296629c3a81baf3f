"""HTML pages: the article body as blocks, the page's own metadata kept.

Stages, each a small function composed in `parse_html`:
bytes_to_text (charset from BOM/UTF-8 validity, then the declared `<meta charset>` /
http-equiv via beautifulsoup4's EncodingDetector with gb2312/gbk read as GB18030, then
our text decoder) → text_to_tree (lxml, one parse) → revive_script_articles (an article a
script writes, `var content = "<p>…"` or `document.write('<p>…')`, put in the script's place)
→ find_body (the container a CMS
names, else the one with most paragraph text, links not counted) → page_meta (meta tags,
the title element or the heading line above the body, `<title>` without its site or column
names, 发布日期/来源 lines) → strip_chrome (navigation, share widgets,
footers inside the body) → attachments_after (a short `附件:` block or file links right
after the body, outside it) → body_to_blocks (`<p>`, `<br>` and block elements end lines;
hard wraps inside one paragraph join; data tables become table blocks on a full grid,
rowspan/colspan resolved by `grid_to_rows`).

Word lists live in extract/fields/rules/html.yaml.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

import regex
from bs4.dammit import EncodingDetector
from lxml import etree
from pydantic import BaseModel, ConfigDict, field_validator

from extract.config import Options
from extract.errors import CorruptFile, DecodeError
from extract.fields.metadata import title_like
from extract.fields.patterns import ISSPACE_CHARS, LINE_BLANKS, load_yaml, trie_alternation
from extract.fields.regex_syntax import (
    TIED_ALTERNATIVES_RE,
    one_of,
    spelled_words,
    start_anchored,
    top_level_alternatives,
    top_level_bars,
)
from extract.load import decode_text
from extract.normalize import REGEX_SPACES, is_page_number_line, pinyin_re
from schemas.blocks import Block, BlockKind, Cell, Parsed, built_block, built_cell


class HtmlRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body_names: list[str]
    generic_body_names: list[str]
    drop_tags: list[str]
    script_article: str
    script_article_cues: list[str]
    chrome_tags: list[str]
    chrome_names: list[str]
    chrome_lines: list[str]
    attachment_levels: int
    attachment_max_siblings: int
    attachment_max_chars: int
    attachment_other_chars: int
    attachment_label: str
    attachment_file: str
    title_meta: list[str]
    column_titles: list[str]
    generic_titles: list[str]
    site_name_endings: list[str]
    heading_lines_before_body: int
    title_label: str
    date_meta: list[str]
    source_meta: list[str]
    title_names: list[str]
    title_tokens: list[str]
    date_line: str
    stamp_line: str
    stamp_lines_before_body: int
    source_line: str
    issuer_line: str
    written_date_line: str
    doc_number_line: str
    source_stops: list[str]
    title_separators: str

    @field_validator("chrome_names")
    @classmethod
    def names_without_spaces(cls, names: list[str]) -> list[str]:
        """A name is found inside one id or class token, which holds no space."""
        if spaced := [name for name in names if any(char.isspace() for char in name)]:
            raise ValueError(f"chrome names never match a token with a space in them: {spaced}")
        return names


@cache
def html_rules() -> HtmlRules:
    return HtmlRules.model_validate(load_yaml("html.yaml"))


@cache
def compiled(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern)


@cache
def chrome_line_re() -> regex.Pattern[str]:
    """All chrome line patterns as one (ChromeLines asks the same, faster)."""
    return regex.compile(one_of(html_rules().chrome_lines))


class LineStarts(dict[str, "regex.Pattern[str] | None"]):
    """The chrome line alternatives tried at a line's start, by the line's first character:
    the pattern joining those a match may open with (None when none may). regex's partial
    match on the character alone says whether an alternative could match a line opening
    with it, were the line longer. Filled as characters come: most lines open with one no
    chrome line opens with, and no match is then tried; the others try only the few
    alternatives that may open with it."""

    def __init__(self, alternatives: list[str]) -> None:
        super().__init__()
        self.alternatives = [(alternative, regex.compile(f"^(?:{alternative})")) for alternative in alternatives]
        self.joined: dict[tuple[str, ...], regex.Pattern[str]] = {}  # one pattern per set of alternatives

    def __missing__(self, char: str) -> regex.Pattern[str] | None:
        admitted = tuple(alternative for alternative, pattern in self.alternatives
                         if pattern.match(char, partial=True) is not None)
        if admitted and admitted not in self.joined:
            self.joined[admitted] = regex.compile(f"^(?:{one_of(admitted)})")
        found = self[char] = self.joined[admitted] if admitted else None
        return found


@dataclass(frozen=True, eq=False)
class ChromeLines:
    """The chrome line patterns, split by kind of alternative: those anchored at the line's
    start are tried there only (LineStarts), words (a class of letters spelled out:
    版[权權]所有) are found by `re`'s literal search, and only the rest is searched by `regex`
    (where every alternative, anchored or not, was tried at every position of the line)."""

    starts: LineStarts | None
    words: re.Pattern[str] | None
    others: regex.Pattern[str] | None

    def search(self, line: str) -> bool:
        return bool((self.starts is not None and (start := self.starts[line[:1]]) is not None and start.match(line))
                    or (self.words is not None and self.words.search(line))
                    or (self.others is not None and self.others.search(line)))


# A backreference counts groups across the joined patterns: such rules are asked as joined.
BACKREFERENCE_RE = regex.compile(r"\\[1-9]|\\g<|\(\?P=")


@cache
def chrome_lines() -> ChromeLines:
    if any(BACKREFERENCE_RE.search(pattern) for pattern in html_rules().chrome_lines):
        return ChromeLines(None, None, regex.compile(one_of(html_rules().chrome_lines)))
    starts: list[str] = []
    words: list[str] = []
    others: list[str] = []
    for pattern in html_rules().chrome_lines:
        if not TIED_ALTERNATIVES_RE.search(pattern) and (anchored := start_anchored(pattern)) is not None:
            starts.append(anchored)  # `(?<=^[(（])编辑:…`: `[(（]编辑:…` at the line's start
            continue
        # flags or lookarounds, or alternatives tied together (a POSIX class): kept whole
        if "(?" in pattern.replace("(?:", "") or TIED_ALTERNATIVES_RE.search(pattern):
            others.append(pattern)
            continue
        for alternative in top_level_alternatives(pattern):
            if alternative.startswith("^"):
                starts.append(alternative[1:])
            elif alternative and (spelled := spelled_words(alternative)) is not None:
                words.extend(spelled)
            else:
                others.append(alternative)
    return ChromeLines(LineStarts(starts) if starts else None,
                       re.compile(trie_alternation(words)) if words else None,
                       regex.compile(one_of(others)) if others else None)


@cache
def body_rank() -> dict[str, int]:
    """Lower-cased body name → its priority (0 is best)."""
    rank: dict[str, int] = {}
    for index, name in enumerate(html_rules().body_names):
        rank.setdefault(name.lower(), index)
    return rank


@cache
def chrome_name_re() -> re.Pattern[str]:
    """The chrome names as one alternation of words, lower-cased."""
    return re.compile("|".join(re.escape(name.lower()) for name in html_rules().chrome_names))


BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
                        "blockquote", "pre", "tr", "dl", "dt", "dd", "center", "table", "tbody", "thead", "tfoot",
                        "td", "th", "form", "main", "caption", "figure", "figcaption", "address", "hr"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements whose paragraphs make them a candidate body (they hold text blocks).
CONTAINER_TAGS = frozenset({"div", "td", "th", "article", "section", "body", "form", "center", "blockquote", "main",
                            "font", "span"})
CONTAINER_SCORE_TAGS = CONTAINER_TAGS - {"font", "span"}
GB_FAMILY = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
             "cp936": "gb18030", "windows-936": "gb18030", "x-euc-cn": "gb18030", "euc-cn": "gb18030",
             "big5": "big5hkscs", "x-x-big5": "big5hkscs"}
# Declared single-byte charsets are a CMS default left in place far more often than true
# for a Chinese page: the bytes decide instead.
UNTRUSTED_DECLARED = frozenset({"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii"})
# `^\s*<\?xml[^>]*\?>` in `regex` (its \s) as a stdlib pattern: `regex` first looks for the
# pattern's literals through the whole page, even to match at its start.
XML_DECLARATION_RE = re.compile(rf"^[{re.escape(REGEX_SPACES)}]*<\?xml[^>]*\?>")
BINARY_RE = regex.compile(r"[\x00-\x08\x0e-\x1f]")
WRAP_RE = regex.compile(rf"[{LINE_BLANKS}]*[\r\n]\s*")
TIGHT_RE = regex.compile(r"[\p{Han}\p{P}]")
ISO_DATE_RE = regex.compile(r"((?:19|20)\d{2})\s*\D{1,2}\s*(\d{1,2})\s*\D{1,2}\s*(\d{1,2})")
MIN_TEXT_CHARS = 20  # a named body with less text is an empty shell (an attachment link, a video)
NAMED_BODY_MIN_SHARE = 0.3  # of the densest container's text: a smaller named element is a side box
CHROME_KEEP_SHARE = 0.5  # a chrome-named element holding this share of the body's text is no chrome
GENERIC_BONUS = 1.5  # a container named `content`/`main` wins a near tie with an unnamed one
PARENT_CREDIT = 0.5  # paragraph text credits its container fully, the container's container half
MAX_TITLE_CHARS = 120
MAX_CHROME_LINE = 100  # chrome lines are short; a longer line is article text whatever it names


# ---------------------------------------------------------------- bytes → text → tree


def bytes_to_text(data: bytes) -> tuple[str, str]:
    """(text, encoding). Valid UTF-8 is UTF-8 whatever the page declares (a GBK page is
    almost never valid UTF-8); otherwise the declared charset when it decodes, else the
    text decoder's guess."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = EncodingDetector.find_declared_encoding(data[:4096], is_html=True)
    if declared and declared.lower() not in UNTRUSTED_DECLARED:
        encoding = GB_FAMILY.get(declared.lower(), declared.lower())
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_text(data)


@cache
def html_parser() -> etree.HTMLParser:
    return etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)


@cache
def utf8_html_parser() -> etree.HTMLParser:
    """html_parser for UTF-8 bytes: the encoding is given, a <meta charset> inside is not read."""
    return etree.HTMLParser(remove_comments=True, remove_pis=True, encoding="utf-8", huge_tree=True)


# The control characters BINARY_RE finds, as UTF-8 bytes (each is one byte, and no byte of a
# longer sequence is below 0x80).
BINARY_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])


def looks_binary(text: str) -> bool:
    """`BINARY_RE.search(text)`, in C: the regex scans a page's head several times slower."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data.translate(None, BINARY_BYTES)) != len(data)


def text_to_tree(text: str, utf8: bytes | None = None) -> etree._Element:
    """The page's tree. `utf8`: the bytes `text` was decoded from as UTF-8, when it was (they
    are its UTF-8 encoding, which libxml2 is given: no need to encode the str again)."""
    if "<" not in text or looks_binary(text[:4096]):
        raise CorruptFile("not an HTML page: binary content where markup was expected")
    # lxml refuses a str that still carries an XML encoding declaration (XHTML pages)
    declared = XML_DECLARATION_RE.match(text)
    if declared is not None:
        text, utf8 = text[:declared.start()] + text[declared.end():], None
    data: str | bytes
    try:
        # libxml2 reads UTF-8 natively: a str is handed over as UTF-16 or UCS-4 and converted
        data, parser = utf8 if utf8 is not None else text.encode("utf-8"), utf8_html_parser()
    except UnicodeEncodeError:  # a lone surrogate: the str as it is
        data, parser = text, html_parser()
    try:
        root = etree.fromstring(data, parser)
    except (etree.ParserError, ValueError) as exc:
        raise CorruptFile(f"HTML could not be parsed: {exc}") from exc
    if root is None:
        raise CorruptFile("HTML could not be parsed: no elements")
    if any("Excessive depth" in error.message for error in parser.error_log):
        raise CorruptFile("HTML nests its elements deeper than 2048 levels (tags left open?): "
                          "the page cannot be read whole")
    flatten_deep(root)
    return root


# Elements nested this deep have their markup dropped and keep their text, a line break
# before each block. Pages with tags left open (`<font>` per paragraph, never closed) nest
# hundreds deep: libxml2 stops reading at 256 levels unless told (huge_tree), silently losing
# the rest of the page, and our recursive walks exceed Python's recursion limit past a few
# hundred. Even told, libxml2 stops at 2048 levels: such a page is refused, not cut short.
MAX_HTML_DEPTH = 128
TOO_DEEP = etree.XPath("/*" * MAX_HTML_DEPTH)
FLATTENED_BLOCKS = frozenset({"p", "div", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section"})


def flatten_deep(root: etree._Element) -> None:
    """Every element at depth MAX_HTML_DEPTH becomes text, a line break before each block
    (its scripts and styles dropped first, as the page's are)."""
    for element in TOO_DEEP(root):
        etree.strip_elements(element, *html_rules().drop_tags, with_tail=False)
        inner = [e for e in element.iterdescendants() if isinstance(e.tag, str)]
        for block in inner:
            if block.tag in FLATTENED_BLOCKS:
                block.addprevious(etree.Element("br"))
        etree.strip_tags(element, *({e.tag for e in inner} - {"br"}))


# ---------------------------------------------------------------- articles a script writes


# A JavaScript string literal, then maybe `+` and the next: the parts of one string.
JS_STRING_RE = regex.compile(r"""(?:\s*\+\s*)?(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')""", regex.DOTALL)
JS_ESCAPE_RE = regex.compile(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(.))", regex.DOTALL)
JS_ESCAPES = {"n": "\n", "r": "\n", "t": "\t", "b": "", "f": "", "v": ""}
HAN_RE = regex.compile(r"\p{Han}")
SHOWN_TEXT = etree.XPath("//text()[not(ancestor::script or ancestor::style)]", smart_strings=False)


def js_unescape(literal: str) -> str:
    def one(match: regex.Match[str]) -> str:
        code = match[1] or match[2]
        if code:
            return chr(int(code, 16))
        return JS_ESCAPES.get(match[3], match[3])
    return JS_ESCAPE_RE.sub(one, literal) if "\\" in literal else literal


def script_strings(script: str) -> Iterator[str]:
    """The strings a script writes as markup: after each opening of `script_article`, its
    string literals joined by `+`."""
    for opening in compiled(html_rules().script_article).finditer(script):
        parts: list[str] = []
        position = opening.end()
        while (literal := JS_STRING_RE.match(script, position)) is not None \
                and (parts or literal.group().lstrip()[:1] != "+"):
            parts.append(js_unescape(literal[1] if literal[1] is not None else literal[2] or ""))
            position = literal.end()
        if parts:
            yield "".join(parts)


def revive_script_articles(root: etree._Element) -> None:
    """An article a script writes (`var content = "<p>…</p>"`, `document.write('<p>…')`) put in
    the script's place as markup, when it holds Chinese text the page does not show already
    (the scripts are dropped next, their written text with them)."""
    cues = html_rules().script_article_cues
    shown: str | None = None
    for script in list(root.iter("script")):
        code = script.text
        if not code or not any(cue in code for cue in cues):
            continue
        for markup in script_strings(code):
            fragment = etree.fromstring(f"<html><body><div>{markup}</div></body></html>", html_parser())
            written = None if fragment is None else fragment.find("body/div")
            if written is None:
                continue
            text = "".join(text_of(written).split())
            if len(text) < MIN_TEXT_CHARS or not HAN_RE.search(text):
                continue
            if shown is None:
                shown = "".join("".join(SHOWN_TEXT(root)).split())
            if text[:MIN_TEXT_CHARS] in shown:
                continue
            script.addprevious(written)
            shown += text  # a second script writing it again adds nothing


# ---------------------------------------------------------------- page metadata


STRING_OF = etree.XPath("string()")
# The elements with an id or a class, in document order. Stepping up from the attributes is
# several times faster in libxml2 than testing every element: `//*[@id or @class]`. Only
# elements hold attributes: `//*/@id` is `//@id`, without looking for attributes on each
# text node too (a third faster).
NAMED_PATH = "//*/@id/.. | //*/@class/.."
NAMED_ELEMENTS = etree.XPath(NAMED_PATH)
# The elements that may hold the title (is_title_element): h1-h3 and the named ones, in
# document order (an XPath union is), found in C instead of testing every element in Python.
TITLE_CANDIDATES = etree.XPath(f"//h1 | //h2 | //h3 | {NAMED_PATH}")


def text_of(element: etree._Element) -> str:
    """All text inside an element (lxml's string(), done in C)."""
    return str(STRING_OF(element))


UTF8_CONTINUATION = bytes(range(0x80, 0xC0))


def text_length(element: etree._Element) -> int:
    """`len(text_of(element))` without building the str (decoding a long CJK text is most of
    string()'s cost): lxml writes the same text as UTF-8 in C, where every character is
    one byte that does not continue a sequence (0x80-0xBF)."""
    return chars_in(utf8_text(element))


def utf8_text(element: etree._Element) -> bytes:
    """`text_of(element)` as UTF-8, as lxml holds it (no str built)."""
    data: bytes = etree.tostring(element, method="text", encoding="utf-8", with_tail=False)
    return data


def chars_in(data: bytes) -> int:
    return len(data.translate(None, UTF8_CONTINUATION))


EDGE_BYTES = 64


def stripped_length(element: etree._Element) -> int:
    """`len(text_of(element).strip())`, decoding only the text's two ends: a cut through a
    character drops just that character (errors="ignore"), on the far side of the cut, so
    the spaces before the first (after the last) other character are counted exactly."""
    data = utf8_text(element)
    head = data[:EDGE_BYTES].decode("utf-8", "ignore")
    tail = data[-EDGE_BYTES:].decode("utf-8", "ignore")
    if not head.strip() or not tail.strip():  # spaces may run past an end: decode it all
        return len(data.decode("utf-8").strip())
    return chars_in(data) - (len(head) - len(head.lstrip())) - (len(tail) - len(tail.rstrip()))


def squeeze(text: str) -> str:
    return " ".join(text.split())


def names_of(element: etree._Element) -> list[str]:
    """The id and class tokens of an element, lower-cased."""
    ident = element.get("id")
    classes = element.get("class")
    if not ident and not classes:
        return []
    return [token.lower() for token in f"{ident or ''} {classes or ''}".split()]


def meta_tags(root: etree._Element) -> dict[str, str]:
    tags: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        content = squeeze(meta.get("content") or "")
        if name and content:
            tags.setdefault(name, content)
    return tags


def first_meta(tags: dict[str, str], names: list[str]) -> str | None:
    return next((tags[n.lower()] for n in names if tags.get(n.lower())), None)


def title_parts(title: str) -> list[str]:
    """`<title>` split into its parts: `标题_某市人民政府` → [标题, 某市人民政府]; a site name
    joined to the title by a bare dash stands apart: `某市人民政府网站-标题` → [某市人民政府网站, 标题]."""
    parts = [part for part in compiled(html_rules().title_separators).split(title) if part.strip()]
    if parts and (site := site_prefix_re().match(parts[0])) and site.end() < len(parts[0]):
        parts[0:1] = [site["site"], parts[0][site.end():]]
    return parts


@cache
def site_prefix_re() -> regex.Pattern[str]:
    """A site name opening a `<title>` part, then a dash or colon (no spaces needed)."""
    endings = "|".join(regex.escape(e) for e in sorted(html_rules().site_name_endings, key=len, reverse=True))
    return regex.compile(rf"\s*(?P<site>\S{{0,30}}?(?:{endings}))\s*[-–—:：]+\s*")


@cache
def no_title_names() -> frozenset[str]:
    rules = html_rules()
    return frozenset(rules.column_titles + rules.generic_titles)


def is_site_or_generic(text: str) -> bool:
    """A site's name (某市人民政府网站) or a column's or a template's generic words (通知公告,
    详细信息): a page's label, never its article's title."""
    text = text.strip()
    return text in no_title_names() or text.endswith(tuple(html_rules().site_name_endings))


def is_title_element(element: etree._Element) -> bool:
    if element.tag in ("h1", "h2", "h3"):
        return True
    rules = html_rules()
    return any(any(name in token for name in rules.title_names) or token in rules.title_tokens
               for token in names_of(element))


def page_title(root: etree._Element, tags: dict[str, str],
               before_body: Callable[[], list[str]] | None = None) -> str | None:
    """The article's title: the CMS's ArticleTitle meta tag, else a title element that
    the `<title>` repeats or that reads like a notice title, else a part of `<title>` that
    reads like one (a title line standing right before the body, among the page's lines
    `before_body` gives, comes first when `<title>` opens with a site's or a column's name).
    A site or column name (政务公开, 某市人民政府网站) or a template's word (详细信息) is no
    title, wherever it stands in `<title>` (`某市人民政府网站-标题`, `首页 > 通知公告 > 标题`)."""
    declared = first_meta(tags, html_rules().title_meta)
    if declared and len(declared) <= MAX_TITLE_CHARS and not declared.isascii() \
            and not is_site_or_generic(declared):
        return declared
    head_title = next((squeeze(text_of(t)) for t in root.iter("title")), "")
    parts = title_parts(head_title) if head_title else []
    for element in TITLE_CANDIDATES(root):
        if not is_title_element(element):
            continue
        text = squeeze(text_of(element))
        if 2 < len(text) <= MAX_TITLE_CHARS and not is_site_or_generic(text) \
                and ((parts and text in head_title and text != parts[-1]) or title_like(text)):
            return text
    # the first part naming no site: taken first when it opens `<title>`; after a site's
    # name or a column's (site-first), the page's own heading line comes before it
    part = next((p for p in parts if not is_site_or_generic(p)), None)
    if part is not None and part is parts[0] and title_like(part):
        return part
    heading = heading_before(before_body()) if before_body is not None else None
    return heading or (part if part is not None and title_like(part) else None)


def heading_before(lines: list[str]) -> str | None:
    """The last title line among the page's last few lines before the body (`lines`, as
    lines_before reads them), neither a site's nor a column's name (an unnamed `<div><p>`
    heading above the info line), without the label an info block writes before it (`标题:`)."""
    for line in reversed(lines[-html_rules().heading_lines_before_body:]):
        line = compiled(html_rules().title_label).sub("", line, count=1)
        if len(line) <= MAX_TITLE_CHARS and title_like(line) and not is_site_or_generic(line):
            return line
    return None


def lines_before(page: etree._Element, body: etree._Element, page_chars: int) -> list[str]:
    """The page's lines before the body, as the browser breaks them at block elements;
    link text and chrome boxes left out (menus, breadcrumbs, lists of other articles).
    `page_chars` is the length of the page's text (measured once, by the caller)."""
    lines = [""]

    def visit(element: etree._Element) -> bool:
        """False once the body is reached (nothing after it is before it)."""
        if element is body:
            return False
        block = element.tag in BLOCK_TAGS or element.tag == "br"
        if block:
            lines.append("")
        if element.tag != "a" and not is_chrome_box(element, page_chars):
            lines[-1] += element.text or ""
            for child in element:
                if isinstance(child.tag, str) and not visit(child):
                    return False
                lines[-1] += child.tail or ""
        if block:
            lines.append("")
        return True

    visit(page)
    # most lines are empty (a block element opens one and closes one): passed over unsqueezed
    return [squeezed for line in lines if line and (squeezed := squeeze(line))]


def page_meta(root: etree._Element, page: etree._Element, page_text: str,
              body: etree._Element | None = None) -> dict[str, str]:
    """title, publish_date (ISO) and source, from meta tags first, then the info line.
    `page` is the page's <body>, `page_text` all its text as one str (node bounds lost) and
    `body` the article's container, when found."""
    rules = html_rules()
    tags = meta_tags(root)
    meta: dict[str, str] = {}
    page_chars = len(page_text)
    before: list[str] | None = None

    def before_body() -> list[str]:
        """The page's lines before the body, read once: the title and the stamp date may ask."""
        nonlocal before
        if before is None:
            before = lines_before(page, body, page_chars) if body is not None else []
        return before

    title = page_title(root, tags, before_body if body is not None else None)
    if title:
        meta["title"] = title
    lines: str | None = None
    found: frozenset[str] | None = None  # the screens' label words the page holds
    # a mirror's pinyin after characters (發(fā)布時間) parts the labels: read without it
    mirrored = "(" in page_text and pinyin_re().search(page_text) is not None
    if mirrored:
        page_text = pinyin_re().sub("", page_text)

    def search(pattern: str) -> regex.Match[str] | None:
        nonlocal lines, found
        screen = label_screen(pattern)
        if screen is not None:  # most pages name few of the labels
            if found is None:
                found = label_words_in(page_text, info_line_patterns())
            if not screen.admits(page_text, found):
                return None
        if lines is None:
            lines = "\n".join([line for text in page.itertext() if (line := text.strip())])
            if mirrored:
                lines = pinyin_re().sub("", lines)
        return compiled(pattern).search(lines)

    raw_date = first_meta(tags, rules.date_meta)
    date = iso_date(raw_date) if raw_date else None
    if date is None:
        match = search(rules.date_line)
        date = iso_date(match["date"]) if match else None
    if date is None and body is not None:
        date = stamp_date(before_body())
    if date:
        meta["publish_date"] = date
    source = first_meta(tags, rules.source_meta)
    if source is None:
        match = search(rules.source_line)
        source = cut_source(match["source"]) if match else None
    if source:
        meta["source"] = source
    info_lines = (("issuer", rules.issuer_line, "issuer"), ("doc_number", rules.doc_number_line, "number"),
                  ("issue_date", rules.written_date_line, "date"))
    for key, pattern, group in info_lines:
        match = search(pattern)
        value = (iso_date(match[group]) if key == "issue_date" else match[group]) if match else None
        if value:
            meta[key] = value
    return meta


def stamp_date(before_body: list[str]) -> str | None:
    """The date (ISO) of the page's stamp line among its last lines before the body
    (`before_body`, as lines_before reads them; `2022-03-10 21:21 来源: 某日报`,
    `某局 / 2022-11-10 / :9`): the one nearest the body."""
    lines = before_body[-html_rules().stamp_lines_before_body:]
    if not lines:
        return None
    matches = list(compiled(html_rules().stamp_line).finditer("\n".join(lines)))
    return iso_date(matches[-1]["date"]) if matches else None


# An info-line pattern opens with its labels: `(?<!\p{Han})(?:发布机构|发文机关|…)`, letters and
# `\s*` gaps only. What the lookbehind and the value after the labels ask is left out.
LABELS_RE = regex.compile(r"(?:\(\?<!\\p\{Han\}\))?\(\?:(?P<labels>(?:[^\\()\[\]{}.*+?^$|]|\\s\*|\|)+)\)")
INLINE_FLAGS_RE = regex.compile(r"\(\?[a-zA-OQ-Z-]")
# What `\s` matches in a pattern and what str.strip() removes (ISSPACE_CHARS): the page's text
# keeps, where the lines a pattern searches have a line break or nothing, the spaces that were stripped.
GAP = "[" + "".join(regex.escape(char) for char in ISSPACE_CHARS) + "]*"


@dataclass(frozen=True)
class LabelScreen:
    r"""Whether a page's text may hold one of a pattern's labels. The lines searched are the
    page's text nodes stripped and joined by line breaks: a label written without a gap
    stays whole in the page's text, and one with `\s*` gaps keeps its letters in order,
    with spaces only between them."""

    words: tuple[str, ...]
    spaced: tuple[regex.Pattern[str], ...]  # one each: a pattern opening with a letter is searched fast

    def admits(self, page_text: str, found: frozenset[str] | None = None) -> bool:
        """`found`: the label words the page holds, when known (label_words_in)."""
        if found is not None:
            holds_word = not found.isdisjoint(self.words)
        else:
            holds_word = any(word in page_text for word in self.words)
        return holds_word or any(p.search(page_text) for p in self.spaced)


def info_line_patterns() -> tuple[str, ...]:
    """The info-line patterns page_meta searches the page's lines with."""
    rules = html_rules()
    return rules.date_line, rules.source_line, rules.issuer_line, rules.doc_number_line, rules.written_date_line


@cache
def screen_words(patterns: tuple[str, ...]) -> frozenset[str]:
    """The words of the patterns' label screens."""
    return frozenset(word for pattern in patterns if (screen := label_screen(pattern)) is not None
                     for word in screen.words)


@cache
def label_words_re(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """The words of the patterns' label screens as one alternation, longest first."""
    words = screen_words(patterns)
    return re.compile(trie_alternation(words)) if words else None


def label_words_in(page_text: str, patterns: tuple[str, ...]) -> frozenset[str]:
    """The words of the patterns' label screens that the page's text holds, found in one scan
    (a search for each word scans the whole page again: a page's text is long, the words
    many). Each place where a word starts is visited, the next search starting one past the
    last match's start; the match there is the longest word, and the shorter ones starting
    there are its prefixes."""
    words_re = label_words_re(patterns)
    if words_re is None:
        return frozenset()
    matched: set[str] = set()
    position = 0
    while (match := words_re.search(page_text, position)) is not None:
        matched.add(match.group())
        position = match.start() + 1
    return frozenset(word for word in screen_words(patterns) if any(m.startswith(word) for m in matched))


@cache
def label_screen(pattern: str) -> LabelScreen | None:
    """The screen of a pattern that opens with its labels; None for any other pattern."""
    match = LABELS_RE.match(pattern)
    if match is None or INLINE_FLAGS_RE.search(pattern):  # flags (ignore case) may widen the labels
        return None
    # the labels must be needed: not made optional by a quantifier, nor one side of an `|`
    if pattern[match.end():match.end() + 1] in ("?", "*", "{") or top_level_bars(pattern):
        return None
    words: list[str] = []
    spaced: list[regex.Pattern[str]] = []
    for label in match["labels"].split("|"):
        pieces = [piece for piece in label.split(r"\s*") if piece]
        if not pieces or any(char.isspace() for piece in pieces for char in piece):
            return None  # a label that may match nothing, or spaces: no screen
        if len(pieces) == 1:
            words.append(pieces[0])
        else:
            spaced.append(regex.compile(GAP.join(regex.escape(piece) for piece in pieces)))
    # a word holding another (发布日期, 日期) is found only where that one is: one test does for both
    return LabelScreen(tuple(w for w in dict.fromkeys(words) if not any(o != w and o in w for o in words)),
                       tuple(spaced))


def cut_source(raw: str) -> str | None:
    """`市生态环境局发布时间:…` → `市生态环境局`: the next info field ends the source."""
    cut = min((raw.find(stop) for stop in html_rules().source_stops if raw.find(stop) > 0), default=len(raw))
    source = raw[:cut].strip(" :：,，;；|")
    return source if len(source) >= 2 else None


def iso_date(raw: str) -> str | None:
    match = ISO_DATE_RE.search(raw)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------- body and chrome


@cache
def chrome_tags() -> frozenset[str]:
    return frozenset(html_rules().chrome_tags)


def is_chrome(element: etree._Element) -> bool:
    return element.tag in chrome_tags() or has_chrome_name(element)


def has_chrome_name(element: etree._Element) -> bool:
    """A chrome name inside one of the element's id and class tokens (names_of's), searched
    once in them all, spaces between: no name holds a space to span two."""
    names = f"{element.get('id') or ''} {element.get('class') or ''}"
    return not names.isspace() and chrome_name_re().search(names.lower()) is not None


def is_hidden(element: etree._Element) -> bool:
    style = element.get("style")
    return bool(style) and hiding_style(style)


def hiding_style(style: str) -> bool:
    return "display:none" in style.replace(" ", "").lower()


def is_chrome_box(element: etree._Element, page_chars: int) -> bool:
    """Chrome by name, unless it wraps most of the page (a utility class such as
    `position-relative` on the page's main wrapper)."""
    return is_chrome(element) and text_length(element) < CHROME_KEEP_SHARE * page_chars


def drop(element: etree._Element) -> None:
    """Remove an element but keep its tail text."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


@dataclass
class Scores:
    """Paragraph text credited to containers (readability's idea): a text node counts fully
    for its nearest container and half for the one above; link text and chrome count nothing."""

    text: dict[etree._Element, float]

    def best(self) -> etree._Element | None:
        return max(self.text, key=lambda e: self.text[e]) if self.text else None


def score_containers(root: etree._Element, page_chars: int) -> Scores:
    scores: dict[etree._Element, float] = {}
    generic = {n.lower() for n in html_rules().generic_body_names}

    def credit(container: etree._Element | None, outer: etree._Element | None, amount: int) -> None:
        if container is not None and amount:
            scores[container] = scores.get(container, 0.0) + amount
            if outer is not None:
                scores[outer] = scores.get(outer, 0.0) + PARENT_CREDIT * amount

    def visit(element: etree._Element, container: etree._Element | None, outer: etree._Element | None) -> None:
        tag = element.tag  # lxml builds the tag's str (and a text's) anew on every read
        if tag in CONTAINER_SCORE_TAGS:
            if is_chrome_box(element, page_chars):
                return
            container, outer = element, container
        # link text counts nothing; blank text (most tails: the markup's line breaks) neither,
        # and is passed over before the call
        if tag != "a" and (text := element.text) and not text.isspace():
            credit(container, outer, len(text.strip()))
        for child in element:
            if isinstance(child.tag, str):
                visit(child, container, outer)
            if (tail := child.tail) and not tail.isspace():
                credit(container, outer, len(tail.strip()))

    visit(root, None, None)
    for element in scores:
        if generic & set(names_of(element)):
            scores[element] *= GENERIC_BONUS
    return Scores(scores)


def named_bodies(root: etree._Element, page_chars: int) -> Iterator[tuple[int, etree._Element]]:
    """(text length, element) of the elements a CMS names as the body, best first (best
    name, then longest text); none inside chrome, none nearly empty. Lazy: a page's first
    name found usually decides, and measuring a long text is the costly part."""
    rank = body_rank()
    by_rank: dict[int, list[etree._Element]] = {}
    for element in NAMED_ELEMENTS(root):
        ranks = [rank[t] for t in names_of(element) if t in rank]
        if ranks:
            by_rank.setdefault(min(ranks), []).append(element)
    for _, elements in sorted(by_rank.items()):
        found = []
        for element in elements:
            if any(is_chrome_box(a, page_chars) for a in element.iterancestors()):
                continue
            length = stripped_length(element)
            if length >= MIN_TEXT_CHARS:
                found.append((length, element))
        yield from sorted(found, key=lambda f: -f[0])


def find_body(root: etree._Element, body: etree._Element, page_chars: int) -> etree._Element:
    """The container a CMS names (most specific name first) when it holds a fair share of
    the page's paragraph text; else the container with most paragraph text. `body` is the
    page's <body> (or root), `page_chars` the length of its text."""
    named = named_bodies(root, page_chars)
    first = next(named, None)
    # fast path: the named body holds a fair share of all the page's text
    if first and first[0] >= NAMED_BODY_MIN_SHARE * page_chars:
        return first[1]
    scores = score_containers(body, page_chars)
    densest = scores.best()
    floor = NAMED_BODY_MIN_SHARE * scores.text[densest] if densest is not None else 0.0
    for length, element in itertools.chain([first] if first else [], named):
        if length >= floor:
            return element
    return densest if densest is not None else body


# Stepping up from the attributes is what libxml2 does fast (see NAMED_PATH); a predicate on
# each element (`.//*[@id or @class]`) costs several times more. `descendant-or-self::*/@a` is
# `.//@a` (the context and the elements below it) without looking for attributes on text nodes.
STYLE_VALUES = etree.XPath("descendant-or-self::*/@style", smart_strings=False)


@cache
def chrome_candidates(with_tags: bool, with_styled: bool) -> etree.XPath:
    """The elements below the context that may be chrome, in document order: those with an
    id or a class (the names are tested in Python), and when asked, those with a chrome tag
    and those with a style."""
    tags = [f".//{tag}" for tag in sorted(chrome_tags())] if with_tags else []
    attributes = ["id", "class", *(["style"] if with_styled else [])]
    return etree.XPath(" | ".join([*tags, *(f"descendant-or-self::*/@{name}/.." for name in attributes)]))


def chrome_elements(body: etree._Element) -> list[etree._Element]:
    """The chrome and hidden elements inside the body, in document order. Most of a body's
    styles only align its paragraphs: the styled elements are looked at only when one hides.
    Most bodies hold no chrome tag either: lxml's iter finds that in one pass, where XPath
    would walk the body once a tag."""
    tags = chrome_tags()
    styles = STYLE_VALUES(body)
    # all styles tested at once first: joined, they may show a hiding style none holds, never miss one
    with_styled = hiding_style("".join(styles)) and any(map(hiding_style, styles))
    with_tags = any(e is not body for e in body.iter(*tags))
    return [e for e in chrome_candidates(with_tags, with_styled)(body)
            if e.tag in tags or has_chrome_name(e) or is_hidden(e)]


def strip_chrome(body: etree._Element) -> None:
    """Chrome elements and hidden ones inside the body go, unless one holds most of it."""
    doomed = chrome_elements(body)
    if not doomed:
        return
    body_chars = text_length(body) or 1  # measuring is costly: only when something may go
    for element in doomed:
        if element.getparent() is not None and text_length(element) < CHROME_KEEP_SHARE * body_chars:
            drop(element)


# ---------------------------------------------------------------- attachments after the body


def attachments_after(body: etree._Element, page: etree._Element) -> list[etree._Element]:
    """The short blocks listing attachments right after the body, outside it: its own
    following siblings, else its parent's, else its grandparent's (never above `page`)."""
    element = body
    for _ in range(html_rules().attachment_levels + 1):
        if element is page:
            break
        found = attachment_siblings(element)
        if found:
            return found
        parent = element.getparent()
        if parent is None:
            break
        element = parent
    return []


def attachment_siblings(element: etree._Element) -> list[etree._Element]:
    """The first few elements after `element` that list attachments, chrome, hidden and
    empty ones passed over; the first that lists none ends the run."""
    rules = html_rules()
    found: list[etree._Element] = []
    for sibling in itertools.islice(element.itersiblings(), rules.attachment_max_siblings):
        if not isinstance(sibling.tag, str) or is_chrome(sibling) or is_hidden(sibling):
            continue
        length = stripped_length(sibling)
        if not length:
            continue
        if length > rules.attachment_max_chars or not lists_attachments(sibling, length):
            break
        found.append(sibling)
    return found


def lists_attachments(element: etree._Element, length: int) -> bool:
    """Opens with an attachment label (附件:), or is made of file links (a label or numbers
    aside)."""
    rules = html_rules()
    if compiled(rules.attachment_label).match(text_of(element)):
        return True
    links = list(element.iter("a"))
    return bool(links) and all(is_file_link(a) for a in links) and \
        length - sum(stripped_length(a) for a in links) <= rules.attachment_other_chars


def is_file_link(link: etree._Element) -> bool:
    file_re = compiled(html_rules().attachment_file)
    return bool(file_re.search(link.get("href") or "") or file_re.search(text_of(link).strip()))


# A file's number written before its link (附件:1.<a>清单.xlsx</a> 2.<a>表.docx</a>).
LINK_NUMBER_RE = regex.compile(r"\d{1,2}\s*[.、．]\s*$")


def one_file_a_line(element: etree._Element) -> None:
    """A line break before each file link after the first, and before its number: links
    written side by side (附件:<a>1.清单.xlsx</a><a>2.表.docx</a>) are one file a line."""
    for link in [a for a in element.iter("a") if is_file_link(a)][1:]:
        previous = link.getprevious()
        before = (previous.tail if previous is not None else link.getparent().text) or ""
        number = LINK_NUMBER_RE.search(before)
        line_break = etree.Element("br")
        link.addprevious(line_break)
        if number is not None:
            line_break.tail = number.group()
            if previous is not None:
                previous.tail = before[:number.start()]
            else:
                link.getparent().text = before[:number.start()]


# ---------------------------------------------------------------- body → blocks


def join_wraps(text: str) -> str:
    """Hard wraps inside one paragraph: nothing next to CJK text or punctuation, a space
    between Latin words."""
    if "\n" not in text and "\r" not in text:
        return text
    return WRAP_RE.sub(lambda m: "" if joins_tight(m.string, m.start(), m.end()) else " ", text)


def joins_tight(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return bool(TIGHT_RE.match(before) or TIGHT_RE.match(after))


# the kinds `LineBuilder` gives a line, as module globals (an Enum member looked up on its
# class costs ten times as much)
HEADING = BlockKind.heading
PARAGRAPH = BlockKind.paragraph


class LineBuilder:
    """Collects text into lines; block boundaries and <br> end a line."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.heading = False
        self.label: str | None = None
        self.is_chrome_line = chrome_lines().search

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)

    def flush(self) -> None:
        parts = self.parts
        if parts:  # empty in about half the calls (a block boundary right after another)
            raw = "".join(parts)
            parts.clear()  # the same list stays: `walk` holds it
            self.end_line(raw)
        self.heading = False
        self.label = None

    def end_line(self, raw: str) -> None:
        """The line of `raw`, a block unless it is blank or chrome (heading and label as set)."""
        if not raw.isspace():
            line = join_wraps(raw).replace("\u00a0", " ").strip()
            if line and (len(line) > MAX_CHROME_LINE or not self.is_chrome_line(line)):
                self.blocks.append(built_block(HEADING if self.heading else PARAGRAPH, line, self.label))


def cell_text(element: etree._Element) -> str:
    """A cell's lines joined by newlines (each measure stays on its own line)."""
    builder = LineBuilder()
    walk(element, builder, True)
    builder.flush()
    return "\n".join((b.label or "") + b.text for b in builder.blocks)


def table_rows(table: etree._Element) -> list[etree._Element]:
    return [row for row in table.iterchildren("tr", "tbody", "thead", "tfoot")
            for row in ([row] if row.tag == "tr" else row.iterchildren("tr"))]


def is_data_table(table: etree._Element) -> bool:
    """A data table has several rows, one of them with several cells. A table nested in it
    makes it page layout, unless the nested tables hold less than half its text and two of
    its rows have three cells or more: a task table with a small table in a cell (its
    measures numbered in a column of their own)."""
    rows = table_rows(table)
    cells = [len(row.xpath("./td|./th")) for row in rows]
    if len(rows) < 2 or max(cells, default=0) < 2:
        return False
    nested = table.xpath(".//td//table|.//th//table")
    if not nested:
        return True
    if sum(1 for count in cells if count >= 3) < 2:
        return False
    inner = sum(text_length(element) for element in nested if not any(
        ancestor in nested for ancestor in element.iterancestors("table")))
    return 2 * inner < text_length(table)


@dataclass(frozen=True)
class GridCell:
    """One grid position: `own` holds a cell's text, `across`/`down` are the positions a
    colspan/rowspan covers."""

    text: str
    kind: str = "own"  # own | across | down


def span_value(raw: str | None) -> int:
    try:
        return max(1, min(int(raw or 1), 200))
    except ValueError:
        return 1


def grid_to_rows(grid: list[list[GridCell]]) -> list[list[Cell]]:
    """Merged cells resolved without inventing tasks. A cell merged across the whole width
    (a group row) repeats in every column so the table mapper sees one text; a partial
    horizontal merge leaves the covered columns empty. A vertically merged cell repeats
    into rows that start with their own first cell (separate items sharing a unit or a
    deadline) and stays empty in rows whose first cell is itself merged down (one item
    whose measures run over several rows, joined again downstream), unless its first own
    cell is a row number with none merged down before it: a category column merged over the
    items of its kind (生态破坏 | 1 | … and | 2 | … under it) leaves each its own item, sharing
    the unit and leader merged beside them. Short rows are padded."""
    width = max((len(row) for row in grid), default=0)
    rows: list[list[Cell]] = []
    for row in grid:
        row = row + [GridCell("")] * (width - len(row))
        own = [c for c in row if c.kind == "own"]
        full_width = len(own) == 1 and all(c.kind in ("own", "across") for c in row) and width > 1
        continued = bool(row) and row[0].kind == "down" and not starts_item_under_merge(row)
        cells = []
        for c in row:
            if (c.kind == "across" and not full_width) or (c.kind == "down" and continued):
                cells.append(built_cell(""))
            else:
                cells.append(built_cell(c.text))
        if any(cell.text for cell in cells):
            rows.append(cells)
    return rows


# A cell numbering a table's row: 1, 12, 一, (三), 3.
ROW_NUMBER_RE = regex.compile(r"[(（]?(?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）]?[.、．]?")


def starts_item_under_merge(row: list[GridCell]) -> bool:
    """The row's first own cell holds its number, and the cells merged down before it hold
    none (a category column's text, not the number of an item running on)."""
    for cell in row:
        if cell.kind == "own":
            return bool(ROW_NUMBER_RE.fullmatch(cell.text.strip()))
        if cell.kind != "down" or ROW_NUMBER_RE.fullmatch(cell.text.strip()):
            return False
    return False


def take_covered(row: list[GridCell], below: dict[int, tuple[int, str]]) -> None:
    """Fill the row's next columns that a rowspan from above covers."""
    while len(row) in below:
        left, text = below.pop(len(row))
        if left > 1:
            below[len(row)] = (left - 1, text)
        row.append(GridCell(text, "down"))


def table_grid(table: etree._Element) -> list[list[GridCell]]:
    """The table's cells on a full grid, rowspan and colspan placed."""
    grid: list[list[GridCell]] = []
    below: dict[int, tuple[int, str]] = {}  # column → (rows still covered, text)
    for tr in table_rows(table):
        row: list[GridCell] = []
        for cell in tr.iterchildren("td", "th"):
            take_covered(row, below)
            text = cell_text(cell)
            colspan, rowspan = span_value(cell.get("colspan")), span_value(cell.get("rowspan"))
            start = len(row)
            row.append(GridCell(text))
            row.extend(GridCell(text, "across") for _ in range(colspan - 1))
            if rowspan > 1:
                for column in range(start, start + colspan):
                    below[column] = (rowspan - 1, text)
        while below and max(below) >= len(row):  # covered columns at the row's end, maybe after a gap
            if len(row) in below:
                take_covered(row, below)
            else:
                row.append(GridCell(""))
        grid.append(row)
    return grid


def table_block(table: etree._Element) -> Block:
    return built_block(BlockKind.table, rows=grid_to_rows(table_grid(table)))


# Block tags whose element, when it has no children, is only a line of its text.
LINE_TAGS = BLOCK_TAGS - {"table", "li"}


# A nested table's first cell that only numbers its row (1, (2), ③): the row's label.
NESTED_ROW_NUMBER_RE = regex.compile(r"\d{1,3}[.、．]?|[(（]\d{1,3}[)）]|[①-⑳]")


def nested_row(row: etree._Element, builder: LineBuilder) -> None:
    """A row of a table nested in a cell: one line, its cells side by side, as a browser
    shows it; a first cell holding the row's number alone labels the line (1 | 实施截污纳管
    → `1.实施截污纳管`), as an `<ol>` item's number does."""
    texts = [" ".join(cell_text(cell).split("\n")) for cell in row.iterchildren("td", "th")]
    texts = [text for text in texts if text.strip()]
    builder.flush()
    if not texts:
        return
    if len(texts) > 1 and NESTED_ROW_NUMBER_RE.fullmatch(texts[0].strip()):
        number = texts[0].strip()
        builder.label = f"{number}." if number.isdigit() else number
        texts = texts[1:]
    builder.end_line(" ".join(texts))
    builder.label = None


def continues_table(table: etree._Element, builder: LineBuilder) -> bool:
    """A table of one row, as wide as the data table right before it (page numbers between
    them allowed): the last page's row of a table a Word file's page split."""
    rows = table_rows(table)
    if len(rows) != 1 or builder.parts or table.xpath(".//td//table|.//th//table"):
        return False
    width = sum(span_value(cell.get("colspan")) for cell in rows[0].iterchildren("td", "th"))
    for block in reversed(builder.blocks):
        if block.kind is BlockKind.table:
            return width >= 3 and bool(block.rows) and width == len(block.rows[-1])
        if not is_page_number_line(block.text):
            return False
    return False


def walk(element: etree._Element, builder: LineBuilder, in_cell: bool = False) -> None:
    tag = element.tag
    if tag == "tr" and in_cell:
        nested_row(element, builder)
        return
    if tag == "table" and not in_cell and (is_data_table(element) or continues_table(element, builder)):
        builder.flush()
        for caption in element.iterchildren("caption"):
            walk(caption, builder)
        block = table_block(element)
        if block.rows:
            builder.blocks.append(block)
        return
    parts = builder.parts  # one list for the whole walk: flush empties it in place
    is_block = tag in BLOCK_TAGS
    if is_block:
        if parts:  # else no line to end, and heading and label are set anew here
            builder.flush()
        builder.heading = tag in HEADING_TAGS
        builder.label = list_label(element) if tag == "li" else None
    # lxml builds a new str each time .text or .tail is read (decoding the node's UTF-8):
    # each is read once. Whitespace that would open a line is not kept: a line is stripped
    # (join_wraps only turns whitespace into "" or " "), and a page's markup is full of such
    # text (the line break after each </p>), which would make a line to end at each block.
    if (text := element.text) and (parts or not text.isspace()):
        parts.append(text)
    for child in element:
        child_tag = child.tag
        if child_tag == "br":
            builder.flush()
        elif child_tag.__class__ is str and (child_tag != "caption" or in_cell):  # not a comment
            if len(child):
                walk(child, builder, in_cell)
            elif child_tag in LINE_TAGS:  # a leaf block (<p>text</p>): its text is a line by itself
                if parts:
                    builder.flush()
                builder.heading = child_tag in HEADING_TAGS
                builder.label = None
                if (text := child.text) and not text.isspace():  # blank (<p>&nbsp;</p>): no line
                    builder.end_line(text)
                builder.heading = False
            elif child_tag in BLOCK_TAGS:
                walk(child, builder, in_cell)
            elif (text := child.text) and (parts or not text.isspace()):  # an inline leaf: text joins the line
                parts.append(text)
        if (tail := child.tail) and (parts or not tail.isspace()):
            parts.append(tail)
    if is_block:
        builder.flush()


def list_label(item: etree._Element) -> str | None:
    """An `<ol>` item's number, which the browser draws and the page does not hold."""
    parent = item.getparent()
    if parent is None or parent.tag != "ol" or (parent.get("type") or "1") != "1":
        return None
    return f"{span_value(parent.get('start')) + sum(1 for _ in item.itersiblings('li', preceding=True))}."


def body_to_blocks(body: etree._Element) -> list[Block]:
    builder = LineBuilder()
    walk(body, builder)
    builder.flush()
    return builder.blocks


def with_title(blocks: list[Block], title: str | None) -> list[Block]:
    """The title element often stands outside the body: put it first unless the first
    lines already hold it (maybe broken over two lines)."""
    if not title:
        return blocks
    head = "".join("".join(b.text.split()) for b in blocks[:4] if b.kind is not BlockKind.table)
    if "".join(title.split()) in head:
        return blocks
    return [Block(kind=BlockKind.heading, text=title), *blocks]


def parse_html(data: bytes, options: Options) -> Parsed:
    try:
        text, encoding = bytes_to_text(data)
    except DecodeError as exc:
        raise CorruptFile("not an HTML page: bytes that no text encoding reads") from exc
    # named utf-8, the text is `data.decode("utf-8")` (each way bytes_to_text has), and `data` its encoding
    root = text_to_tree(text, data if encoding == "utf-8" else None)
    revive_script_articles(root)
    etree.strip_elements(root, *html_rules().drop_tags, with_tail=False)
    page = next(root.iter("body"), root)
    page_text = utf8_text(page).decode("utf-8")  # made once, in C, for the length and the label screens
    body = find_body(root, page, len(page_text))
    meta = page_meta(root, page, page_text, body)
    strip_chrome(body)
    blocks = body_to_blocks(body)
    for element in attachments_after(body, page):  # 附件: and its links, outside the body
        one_file_a_line(element)
        blocks += body_to_blocks(element)
    blocks = with_title(blocks, meta.get("title"))
    return Parsed(blocks=blocks, encoding=encoding, meta=meta)
