"""Document metadata: title, type, issuers, dates, 文号, inspection, region, declared
counts, attachments, progress figures and completion-notice details — each value with the
span it was read from. Patterns and cue words: rules/metadata.yaml.
"""

from __future__ import annotations

import datetime as dt
import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import accumulate, islice
from operator import itemgetter
from typing import Any, Generic, TypeVar

import cn2an
import regex

from extract.fields.metadata_rules import (
    compiled,
    found_in,
    line_start_matches,
    metadata_rules,
    rule_finditer,
    rule_search,
)
from extract.fields.patterns import label_lookup
from extract.fields.regex_syntax import one_of, top_level_bars
from extract.fields.region import (
    Mention,
    choose_region,
    find_mentions,
    listed_province_spans,
    stands_apart,
    upper_name_ending_at,
)
from schemas.document import DocType, Span

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    value: T
    span: Span | None  # into Document.text; None when it came from the container (page_meta)


@dataclass
class Metadata:
    title: Found[str] | None = None
    doc_type: str = DocType.other.value
    issuers: list[Found[str]] = field(default_factory=list)
    issue_date: Found[dt.date] | None = None
    publish_date: Found[dt.date] | None = None
    doc_number: Found[str] | None = None
    inspection: dict[str, Found[Any]] = field(default_factory=dict)
    region: dict[str, Found[str]] = field(default_factory=dict)
    declared_task_count: Found[int] | None = None
    attachments: list[Found[str]] = field(default_factory=list)
    progress: dict[str, Found[Any]] | None = None
    acceptance: dict[str, Found[Any]] | None = None
    warnings: list[tuple[str, str, Span | None]] = field(default_factory=list)


# ---------------------------------------------------------------- small helpers


@lru_cache(maxsize=4)
def lines_of(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, line) for every line of the text. Title, signature and attachments all
    read the lines of the same text: it is split once."""
    lines = text.split("\n")
    # each line starts one past the end of the one before (offsets summed in C, not a loop)
    starts = accumulate((len(line) + 1 for line in lines[:-1]), initial=0)
    return tuple(zip(starts, lines, strict=True))


def lines_before(text: str, end: int) -> Iterator[tuple[int, str]]:
    """The lines of text[:end] (what lines_of(text[:end]) holds, the last one cut at `end`),
    read from the lines of the whole text, split once already, not split anew."""
    for start, line in lines_of(text):
        if start > end:
            return
        yield start, line[: end - start]


def lines_holding(text: str, lines: Sequence[tuple[int, str]], word: str) -> Iterator[int]:
    """The indexes of the lines (those of lines_of(text)) holding `word` (no line break),
    found by str.find: a long plan has hundreds of lines and few hold it."""
    at = text.find(word)
    while at != -1:
        k = bisect_right(lines, at, key=itemgetter(0)) - 1
        yield k
        start, line = lines[k]
        at = text.find(word, start + len(line) + 1)


def make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=1024)  # cn2an takes some 50 µs a call; the same few numerals recur
def cn_number(raw: str) -> int | None:
    """Chinese or Arabic numerals → int (二〇二〇 reads digit by digit)."""
    if raw.isdigit() and raw.isascii():
        return int(raw)
    digits = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
    if len(raw) == 4 and all(c in "〇零○一二三四五六七八九" for c in raw):
        return int(raw.translate(digits))
    try:
        return int(cn2an.cn2an(raw, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def date_of(match: regex.Match[str]) -> dt.date | None:
    year, month, day = (cn_number(match.group(k)) for k in ("y", "m", "d"))
    if year is None or month is None or day is None:
        return None
    return make_date(year, month, day)


def parse_date_text(text: str, default_year: int | None = None) -> dt.date | None:
    """`2025年4月30日`, or `5月16日` with the year given."""
    match = compiled(r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日").search(text)
    if match is None:
        return None
    year = int(match["y"]) if match["y"] else default_year
    return make_date(year, int(match["m"]), int(match["d"])) if year else None


def sentence_around(text: str, start: int, end: int, limit: int) -> tuple[int, int]:
    """The sentence holding text[start:end] and the one after it, at most `limit` long."""
    left = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    right = end
    for _ in range(2):
        stop = text.find("。", right)
        right = len(text) if stop < 0 else stop + 1
    return left, min(right, left + limit)


# ---------------------------------------------------------------- title and type


def is_anchored(pattern: str) -> bool:
    """A pattern that can match only at the start of the text: `^` then no alternation
    outside groups (`^(?:首页|主页)` is anchored, `^首页|主页` is not)."""
    return pattern.startswith("^") and not top_level_bars(pattern)


@cache
def chrome_patterns() -> tuple[regex.Pattern[str], tuple[regex.Pattern[str], ...]]:
    """The chrome line patterns as (those opening with ^ joined under one anchor, with the
    文号 line; the others one by one). Each search costs some 0.6 µs however soon it
    fails, and a title candidate may be a long line of prose: one anchored pattern is
    tried once, at the start, where some fifteen were tried one after another. (Joined
    with the others too, the `regex` engine would try the anchor at every position.)"""
    rules = metadata_rules()
    heads = [rules.doc_number_re] + [p[1:] for p in rules.chrome_line_patterns if is_anchored(p)]
    others = tuple(compiled(p) for p in rules.chrome_line_patterns if not is_anchored(p))
    return compiled("^(?:" + one_of(heads) + ")"), others


def is_chrome(line: str) -> bool:
    """Site furniture or the 文号 line: never part of a title."""
    anchored, others = chrome_patterns()
    return anchored.match(line) is not None or any(p.search(line) for p in others)


BRACKET_TAIL_ENDS = (")", "）", ")\n", "）\n")  # where the bracket tail's `$` can match


def without_bracket_tail(line: str) -> str:
    """…清单(第一批) → …清单. Only a line ending with a closing bracket has such a tail:
    the others are spared the regex (a line of prose is scanned bracket by bracket)."""
    if not line.endswith(BRACKET_TAIL_ENDS):
        return line
    return compiled(r"[(（][^()（）]{1,20}[)）]$").sub("", line)


def without_site_suffix(line: str) -> str:
    """…开展下沉督察- 某省生态环境厅公众网 → …开展下沉督察: a page title's site name cut off
    (only from a line ending with 网 or 网站: the others are spared the regex)."""
    if not line.endswith(("网", "网站")):
        return line
    return compiled(metadata_rules().title_site_suffix_re).sub("", line)


def without_file_extension(line: str) -> str:
    """某县整改方案.docx → 某县整改方案: a doc-share page's file name as the title (only from a
    line with a dot: the others are spared the regex)."""
    if "." not in line:
        return line
    return compiled(metadata_rules().title_file_extension_re).sub("", line)


def title_like(line: str) -> bool:
    rules = metadata_rules()
    bare = without_bracket_tail(line.rstrip(" |"))
    return 2 < len(bare) <= rules.title_max_len and "。" not in bare and bare.endswith(tuple(rules.title_endings))


def find_title(text: str) -> Found[str] | None:
    """The first short line (or two joined lines) ending like a title, before any prose;
    failing that, a headline (the first short line naming the subject)."""
    rules = metadata_rules()
    # the lines looked at, and the one after the last (a title broken over two lines)
    candidates = list(islice(((start, line.strip()) for start, line in lines_of(text) if line.strip()),
                             rules.title_search_lines + 1))
    headline: Found[str] | None = None
    for k, (start, line) in enumerate(candidates[: rules.title_search_lines]):
        if is_chrome(line):
            continue
        line = without_file_extension(without_site_suffix(line))
        if "。" in line or len(line) > rules.title_max_len:
            # prose before any title; under a cover letter opening with its addressees, the
            # title of the document it issues
            if headline is None and k > 0 and compiled(rules.addressee_line_re).match(candidates[0][1]):
                return title_after_cover(text)
            return headline
        offset = text.index(line, start)
        bare = line.rstrip(" |")
        if k + 1 < len(candidates):
            next_start, next_line = candidates[k + 1]
            tail = next_line.rstrip(" |")
            joined = bare + tail
            # A title broken over two lines: the second part is short and ends it
            # (…督察报告 / 整改方案), or the first part does not end like a title at all;
            # never site chrome (您现在的位置:首页 / > 政务公开 > … is a breadcrumb).
            continues = not is_chrome(tail) and (
                not title_like(bare) or (len(tail) <= rules.title_tail_max_len and tail != bare
                                         and not compiled(r"[,:;。]").search(tail)))
            if (title_like(joined) and len(bare) >= 6 and continues
                    and not compiled(rules.title_tail_not_re).match(tail)):
                end = text.index(next_line, next_start) + len(tail)
                # joint issuers over two lines (中共某县委办公室 / 某县人民政府办公室 / 关于…):
                # the title names both, as on one line, never the second alone
                if k > 0 and issuer_regex().match(bare) and issuer_regex().match(candidates[k - 1][1]):
                    above_start, above = candidates[k - 1]
                    return Found(f"{above} {joined}", (text.index(above, above_start), end))
                return Found(joined, (offset, end))
        if title_like(line):
            return Found(bare, (offset, offset + len(bare)))
        if headline is None and is_headline(bare):
            headline = Found(bare, (offset, offset + len(bare)))
    return headline


def title_after_cover(text: str) -> Found[str] | None:
    """The first title line a few lines under the cover letter's dated signature."""
    _, date = find_signature(text)
    if date is None or date.span is None:
        return None
    lines = lines_of(text)
    at = bisect_right(lines, date.span[0], key=itemgetter(0))
    shown = [(start, line.strip()) for start, line in lines[at:] if line.strip()]
    for start, line in shown[: metadata_rules().title_after_cover_lines]:
        if line.startswith("附件"):
            return None  # the attachments follow: their titles are not the notice's
        if title_like(line):
            offset = text.index(line, start)
            bare = line.rstrip(" |")
            return Found(bare, (offset, offset + len(bare)))
    return None


def is_headline(line: str) -> bool:
    rules = metadata_rules()
    line = without_topic_kicker(without_place_kicker(line))
    return (6 <= len(line) <= rules.headline_max_len and not compiled(r"[,:;。!?]").search(line)
            and not compiled(rules.title_tail_not_re).match(line)
            and compiled(rules.headline_re).search(line) is not None)


def without_place_kicker(line: str) -> str:
    """A headline opening with its place and a colon (四川:…) without them; else the line."""
    match = compiled(metadata_rules().headline_place_re).match(line)
    if match is None:
        return line
    place = match["place"]
    whole = any(mention.span == (0, len(place)) for mention in find_mentions(place))
    return line[match.end():] if whole else line


def without_topic_kicker(line: str) -> str:
    """A headline opening with its topic and a colon (环保督察:…) without them; else the
    line. The topic names the subject itself and is no field label (整改措施:…)."""
    rules = metadata_rules()
    match = compiled(rules.headline_topic_re).match(line)
    if match is None or match["topic"] in label_lookup() or not compiled(rules.headline_re).search(match["topic"]):
        return line
    return line[match.end():]


def unwrap_cover(title: Found[str]) -> Found[str]:
    """关于印发《X》的通知 names document X: the title is X."""
    match = compiled(metadata_rules().cover_title_re).match(title.value)
    if match is None:
        return title
    group = "inner" if match["inner"] else "plain"
    if title.span is None:
        return Found(match[group], None)
    start = title.span[0] + match.start(group)
    return Found(match[group], (start, start + len(match[group])))


def is_notice(title: str | None, text: str) -> bool:
    """Rectification wording anywhere, and the environment named in the title or opening (or
    the title that of a public notice of one numbered task's rectification)."""
    rules = metadata_rules()
    if not any(word in text for word in rules.notice_words):
        return False
    head = (title or "") + text[: rules.notice_context_chars]
    if any(word in head for word in rules.notice_context_words):
        return True
    # a notice of one numbered task's rectification, no other inspection's
    return (title is not None and compiled(rules.notice_task_title_re).search(title) is not None
            and not any(word in head for word in rules.notice_other_inspection_words))


def classify(title: str | None, text: str) -> str:
    rules = metadata_rules()
    if not is_notice(title, text):
        return DocType.other.value
    if title is not None and (" " in title or "\u3000" in title):  # (most titles have none: no regex)
        title = compiled(rules.title_inner_space_re).sub("", title)
    # a headline (…召开整改推进会) names no kind of document: the text decides, as untitled
    formal = title is not None and title_like(title)
    head, opening = text[: rules.head_chars], text[:4000]  # sliced once, not once per rule
    for rule in rules.doc_types:
        if rule.head and found_in(rule.head, head):
            return rule.type
        # (a title is short: its pattern searched whole costs less than by its parts)
        if title is not None and rule.title and compiled(rule.title).search(title):
            return rule.type
        if not formal and rule.text and found_in(rule.text, opening):
            return rule.type
    return DocType.plan.value if formal else DocType.news.value


# ---------------------------------------------------------------- signature and dates


def in_tables(offset: int, tables: Sequence[Span]) -> bool:
    """Whether the offset falls inside a table: its cells name units and deadlines, no signature."""
    return any(start <= offset < end for start, end in tables)


@cache
def issuer_regex() -> regex.Pattern[str]:
    return compiled(rf"^\s*(?:{metadata_rules().issuer_line})\s*$")


@cache
def date_line_regex() -> regex.Pattern[str]:
    """A line ending with a date (western or Chinese numerals), what comes before it the group `before`."""
    rules = metadata_rules()
    cn_date = rules.cn_date_re.replace("?P<", "?P<cn_")  # group names must differ from date_re's
    return compiled(rf"^(?P<before>.*?)(?:{rules.date_re}|{cn_date})\s*[|]?\s*$")


def find_signature(text: str, tables: Sequence[Span] = ()) -> tuple[list[Found[str]], Found[dt.date] | None]:
    """The first signature block: issuer lines directly above a date line, or issuer and
    date on one line (`淄博市生态环境局 2025年4月30日`); never in a table."""
    rules = metadata_rules()
    issuer_re = issuer_regex()
    date_line_re = date_line_regex()
    lines = lines_of(text)
    cue = rules.date_cue
    for k, (start, line) in enumerate(lines):
        # no date ends this line: spare the regex (`in` first, a quick look at most lines)
        if cue not in line or not ends_with_cue(line, cue) or in_tables(start, tables):
            continue
        match = date_line_re.match(line)
        if match is None:
            continue
        issuers: list[Found[str]] = []
        before = match["before"].strip(" |")
        if before:
            issuers = issuer_parts(start + line.index(before, match.start("before")), before, issuer_re)
            if not issuers:
                continue
        issuers = issuers_above(lines, k, issuer_re, tables) + issuers
        if not issuers:
            continue
        return issuers, line_date(start, line, match)
    return [], None


def line_date(start: int, line: str, match: regex.Match[str]) -> Found[dt.date] | None:
    """The date of a date line (`date_line_regex` matched it), spanning it to the line's end
    (its table bar aside); None when the date is none (2021年2月30日)."""
    date = signature_date(line[match.end("before"):])
    return Found(date, (start + match.end("before"), start + len(line.rstrip(" |")))) if date else None


def ends_with_cue(line: str, cue: str) -> bool:
    """Whether the line ends with `cue`, trailing spaces and table bars aside: what a date
    line (date, spaces, an optional bar, spaces) must do. str.strip drops every character
    a regex \\s matches, and more, so no date line is ever passed over."""
    return line.rstrip().rstrip("|").rstrip().endswith(cue)


def issuer_parts(start: int, line: str, issuer_re: regex.Pattern[str]) -> list[Found[str]]:
    """The issuers side by side on a line (`中共某市委办公室  某市人民政府办公室`); [] unless
    every part of the line is one."""
    first = line.split(maxsplit=1)  # a line of prose fails at its first part: not split whole
    if not first or not issuer_re.match(first[0]):
        return []
    parts = line.split()
    if not all(issuer_re.match(part) for part in parts):
        return []
    found = []
    cursor = 0
    for part in parts:
        at = line.index(part, cursor)
        cursor = at + len(part)
        found.append(Found(part, (start + at, start + cursor)))
    return found


def issuers_above(lines: Sequence[tuple[int, str]], k: int, issuer_re: regex.Pattern[str],
                  tables: Sequence[Span] = ()) -> list[Found[str]]:
    """Issuer lines right above line k (blank lines between them skipped); one line may
    hold several issuers side by side, and one issuer may run over two lines."""
    above: list[Found[str]] = []
    on_top_line = 0  # issuers on the topmost line found so far
    gap = False  # a blank line between this line and the topmost issuer line
    j = k - 1
    while j >= 0:
        start, line = lines[j]
        if not line or line.isspace():  # blank (what not line.split() says, without splitting)
            if k - j > 6:  # a gap this long is no signature block
                break
            gap = bool(above)
            j -= 1
            continue
        if in_tables(start, tables):
            break
        found = issuer_parts(start, line, issuer_re)
        if not found:
            # an issuer's first half stands right on its second (a title above the signature,
            # a blank line between, is none: 某县…整改方案 / / 某县人民政府)
            joined = issuer_head(start, line, above[0], issuer_re) if on_top_line == 1 and not gap else None
            if joined is not None:
                above[0] = joined
            break
        above[:0] = found
        on_top_line = len(found)
        gap = False
        j -= 1
    return above


def closing_issuers(text: str, tables: Sequence[Span] = ()) -> list[Found[str]]:
    """The issuer lines closing the text with no date under them (a feedback signed
    省第二生态环境保护督察组, dated under its title)."""
    lines = lines_of(text)
    return issuers_above(lines, len(lines), issuer_regex(), tables)


def standing_issuers(text: str, title_end: int, tables: Sequence[Span] = ()) -> list[Found[str]]:
    """The issuer lines standing alone, with no date under them, right before the first
    attachment line (`…指挥部办公室` / `附件` / `1.某清单`) or closing the text: a notice
    signed so but dated nowhere. A unit under a label or contact line (`责任单位:` /
    `市生态环境局`) names a task's or a contact's unit, no issuer; one in the title's
    lines is the title's."""
    rules = metadata_rules()
    lines = lines_of(text)
    before_re = compiled(rules.standing_issuer_before_re)
    # the lines holding the list's first character (附) are the only ones to try
    ends = (k for k in lines_holding(text, lines, rules.attachment_cue)
            if before_re.match(lines[k][1]) and not in_tables(lines[k][0], tables))
    first = next(ends, None)
    for k in (len(lines),) if first is None else (first, len(lines)):
        issuers = issuers_above(lines, k, issuer_regex(), tables)
        top = issuers[0].span[0] if issuers and issuers[0].span is not None else -1
        if top < title_end:
            continue
        above = next((line for start, line in reversed(lines) if start + len(line) < top and line.strip()), "")
        if not compiled(rules.standing_issuer_not_after_re).search(above):
            return issuers
    return []


def issuer_head(start: int, line: str, tail: Found[str], issuer_re: regex.Pattern[str]) -> Found[str] | None:
    """The issuer whose name starts on this line and ends with `tail`, alone on the line
    below (`某县中央环境保护督察反馈意见` / `整改工作领导小组办公室`): the line holds one
    place-led run of characters."""
    head = line.strip()
    if tail.span is None or not compiled(metadata_rules().issuer_head_re).match(head):
        return None
    joined = head + tail.value
    if not issuer_re.match(joined):
        return None
    offset = start + line.index(head)
    return Found(joined, (offset, tail.span[1]))


def header_signature(text: str, title: Found[str] | None,
                     tables: Sequence[Span] = ()) -> tuple[list[Found[str]], Found[dt.date] | None]:
    """Issuers and date heading the notice (no signature block at its end): issuers before
    关于 in the title or on a line right above or under it, then a date line right under
    them or the title (in brackets when no issuer is named), or a cover letter's date line."""
    if title is None or title.span is None:
        return [], None
    rules = metadata_rules()
    issuer_re = issuer_regex()
    lines = lines_to_title_and_past(text, title.span[1], tables, max(3, rules.cover_letter_lines))
    at_title = [n for n, (start, line) in enumerate(lines) if start <= title.span[0] < start + len(line) + 1]
    if not at_title:
        return [], None
    first = last = at_title[0]
    while last + 1 < len(lines) and lines[last + 1][0] < title.span[1]:
        last += 1
    raw = text[title.span[0]:title.span[1]]
    issuers = title_issuers(raw, title.span[0], issuer_re)
    if not issuers and first > 0 and not is_chrome(lines[first - 1][1].strip()):
        issuers = issuer_parts(*lines[first - 1], issuer_re)
    under = last + 1
    if not issuers and under < len(lines):
        issuers = issuer_parts(*lines[under], issuer_re)
        under += 1 if issuers else 0
    if under < len(lines) and compiled(rules.doc_number_re).match(lines[under][1].strip()):
        under += 1  # the 文号 line between title and date
    date_re = compiled(rules.header_date_line_re)
    date: Found[dt.date] | None = None
    if under < len(lines):
        match = date_re.match(lines[under][1])
        if match is not None and (issuers or match["open"]):
            date = header_date(match, lines[under][0])
    if date is None and compiled(rules.cover_title_re).match(raw.replace("\n", "")):
        for start, line in lines[last + 1:last + 1 + rules.cover_letter_lines]:
            match = date_re.match(line)
            if match is not None:
                date = header_date(match, start)
                break
    return issuers, date


def lines_to_title_and_past(text: str, title_end: int, tables: Sequence[Span], past: int) -> list[tuple[int, str]]:
    """The non-blank lines outside tables (lines_of), from the start of the text to the
    `past`-th of those starting at or after the title's end: all that header_signature reads
    (the title's lines, the one above, and at most `past` under them: 3 for issuers, a 文号
    and a date, or a cover letter's lines). A long task list is not read to its end."""
    kept: list[tuple[int, str]] = []
    after = 0
    for start, line in lines_outside(text, tables):
        if line.strip():
            kept.append((start, line))
            after += start >= title_end
            if after == past:
                break
    return kept


def lines_outside(text: str, tables: Sequence[Span]) -> Iterator[tuple[int, str]]:
    """The lines of the text (lines_of) that start in no table (in_tables), in order; a
    table's lines are passed over at once, not each tried against every table."""
    lines = lines_of(text)
    k = 0
    for start, end in merged_spans(tables):
        while k < len(lines) and lines[k][0] < start:
            yield lines[k]
            k += 1
        k = max(k, bisect_left(lines, end, key=itemgetter(0)))  # the first line starting at or after its end
    yield from lines[k:]


def merged_spans(spans: Iterable[Span]) -> list[Span]:
    """The spans sorted, those that overlap or touch joined: the same offsets in fewer spans."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def title_issuers(raw: str, offset: int, issuer_re: regex.Pattern[str]) -> list[Found[str]]:
    """The issuers written before 关于 in the title, each of them an issuer."""
    match = compiled(metadata_rules().title_issuers_re).match(raw)
    if match is None:
        return []
    return issuer_parts(offset + match.start("issuers"), match["issuers"], issuer_re)


def header_date(match: regex.Match[str], offset: int) -> Found[dt.date] | None:
    date = signature_date(match.group().strip(" ()"))
    return Found(date, (offset + match.start("y") if match["y"] else offset + match.start("cn_y"),
                        offset + (match.end("d") if match["d"] else match.end("cn_d")))) if date else None


def signature_date(raw: str) -> dt.date | None:
    rules = metadata_rules()
    for pattern in (rules.date_re, rules.cn_date_re):
        match = compiled(pattern).search(raw)
        if match:
            return date_of(match)
    return None


def closing_date(text: str, tables: Sequence[Span] = ()) -> Found[dt.date] | None:
    """A date alone on the last line of the text (`…监督电话:0000-1234567` / `2024年9月29日`):
    the notice's own date where no issuer signs above it. A public notice often closes so,
    its issuer named only in the site's header; the last line, never one in a table."""
    lines = lines_of(text)
    last = next(((start, line) for start, line in reversed(lines) if line.strip()), None)
    if last is None or in_tables(last[0], tables) or not ends_with_cue(last[1], metadata_rules().date_cue):
        return None
    start, line = last
    match = date_line_regex().match(line)
    if match is None or match["before"].strip(" |"):
        return None
    return line_date(start, line, match)


def labelled_issue_date(text: str) -> Found[dt.date] | None:
    """The date a `成文日期:` label (or 成文时间, 发文日期, 印发日期) gives in the opening of the text."""
    match = rule_search(metadata_rules().issue_date_label_re, text, 0, 3000)
    date = date_of(match) if match is not None else None
    return Found(date, (match.start("y"), match.end("d"))) if match is not None and date is not None else None


def imprint_date(text: str) -> Found[dt.date] | None:
    """The date of the imprint closing the notice (…2021年5月20日印发), its last one."""
    rules = metadata_rules()
    tail = max(0, len(text) - rules.imprint_tail_chars)
    if text.find("印", tail) < 0:  # the imprint's own word: most notices have none
        return None
    match = next(reversed(list(compiled(rules.imprint_date_re).finditer(text, tail))), None)
    date = date_of(match) if match is not None else None
    return Found(date, (match.start("y"), match.end("d"))) if match is not None and date is not None else None


def find_publish_date(text: str, page_meta: dict[str, str]) -> Found[dt.date] | None:
    match = rule_search(metadata_rules().publish_date_re, text, 0, 3000)
    if match is not None:
        date = date_of(match)
        if date is not None:
            return Found(date, (match.start("y"), match.end("d")))
    raw = page_meta.get("publish_date")
    if raw:
        try:
            return Found(dt.date.fromisoformat(raw[:10]), None)
        except ValueError:
            return None
    return None


def find_doc_number(text: str, title: Found[str] | None) -> Found[str] | None:
    """A 文号 line at the top, or the one written right after the document's own title."""
    rules = metadata_rules()
    number_re = compiled(rules.doc_number_re)
    labelled = rule_search(labelled_doc_number_pattern(), text, 0, rules.doc_number_search_chars * 5)
    if labelled is not None:
        return Found(unspaced(labelled["n"]), (labelled.start("n"), labelled.end("n")))
    for start, line in lines_before(text, rules.doc_number_search_chars):
        match = number_re.match(line.strip())  # a 文号 opening its line (签发人 may follow)
        if match:
            offset = start + line.index(match.group())
            return Found(unspaced(match.group()), (offset, offset + len(match.group())))
    if title is None:
        return None
    return title_line_doc_number(text, title) or cited_doc_number(text, title.value)


# The 文号 patterns built from the rules are built once: a pattern written anew each call
# is hashed anew (some 600 characters) to find its compiled form.


@cache
def labelled_doc_number_pattern() -> str:
    rules = metadata_rules()
    return rf"(?:{rules.doc_number_label_re})(?P<n>{rules.doc_number_re})"


@cache
def bracketed_doc_number_regex() -> regex.Pattern[str]:
    """A 文号 in brackets closing a line."""
    return compiled(rf"[(（](?P<n>{metadata_rules().doc_number_re})[)）]\s*$")


@cache
def cited_doc_number_regex() -> regex.Pattern[str]:
    """A 文号 before a closing bracket (after a title cited in 《》)."""
    return compiled(rf"(?P<n>{metadata_rules().doc_number_re})\)")


def unspaced(number: str) -> str:
    """A 文号 as written without the spaces a PDF's text may put between its parts (某办发 〔2021〕12号)."""
    return "".join(number.split())


def title_line_doc_number(text: str, title: Found[str]) -> Found[str] | None:
    """The 文号 in brackets closing the title's own line (`…印发《某方案》的通知(某办发〔2022〕4号)`):
    a number cited in the body stands in a line of prose, no title."""
    if title.span is None:
        return None
    start = text.rfind("\n", 0, title.span[0]) + 1
    end = text.find("\n", title.span[1])
    line = text[start:len(text) if end < 0 else end]
    if not title_like(line.strip()):
        return None
    tail = bracketed_doc_number_regex().search(line)
    if tail is None:
        return None
    return Found(unspaced(tail["n"]), (start + tail.start("n"), start + tail.end("n")))


def cited_doc_number(text: str, title: str) -> Found[str] | None:
    """The 文号 in brackets right after the title cited in 《》: the citation is found as
    plain text, the 文号 matched after it (a pattern holding the title would compile
    anew, some milliseconds, for every document)."""
    number_re = cited_doc_number_regex()
    opening = f"《{title}》("
    at = text.find(opening)
    while at >= 0:
        cited = number_re.match(text, at + len(opening))
        if cited is not None:
            return Found(unspaced(cited["n"]), (cited.start("n"), cited.end("n")))
        at = text.find(opening, at + 1)
    return None


# ---------------------------------------------------------------- inspection


def find_inspection(text: str, title: Found[str] | None, doc_year: int | None, year_hint: int | None,
                    signature: Sequence[Span] = ()) -> dict[str, Found[Any]]:
    """The inspection the notice answers; `doc_year` is the year of its date, `year_hint`
    that or the earliest deadline's (for a feedback date written without its year),
    `signature` the spans of its issuers."""
    rules = metadata_rules()
    found: dict[str, Found[Any]] = {}
    central = compiled(rules.central_re)
    provincial = compiled(rules.provincial_re)
    scope: tuple[int, int] | None = title.span if title is not None else None
    match = None
    if scope is not None:
        match = central.search(text, *scope) or provincial.search(text, *scope)
    if match is None:
        match = first_named(text, central, provincial)
    if match is None:
        return found
    level = "central" if match.re is central else "provincial"
    found["level"] = Found(level, (match.start(), match.end()))
    sentence = sentence_around(text, match.start(), match.end(), rules.period_window)
    left, right = sentence
    if scope is not None and scope[0] <= match.start() < scope[1]:
        left, right = scope[0], scope[1]
    group = rule_search(rules.group_re, text, left, right) or rule_search(rules.group_re, text)
    if group is not None and (level == "central") == group.group().startswith("中央"):
        group_start = group.start() if not group["body"] else upper_name_ending_at(text, group.end("body"))
        group_start = group.start() if group_start is None else group_start
        found["group"] = Found(text[group_start:group.end()], (group_start, group.end()))
    for key, pattern in (("round", rules.round_re), ("batch", rules.batch_re)):
        # the latest the sentence names (巩固第一轮…成果,落实第二轮…: the second)
        for hit in compiled(pattern).finditer(text, left, right):
            number = 1 if hit["n"] in rules.first_ordinals else cn_number(hit["n"])
            if number is not None and number > (found[key].value if key in found else 0):
                found[key] = Found(number, (hit.start(), hit.end()))
    period_left, period_right = sentence  # (the scope aside, the same sentence)
    period_left = max(0, min(period_left, match.start() - 60))
    period = inspection_period(text, period_left, period_right)
    year = year_hint
    if period is not None and (period["d1"] or period["m2"]):  # not 8月至9日: the end needs its month
        start = make_date(int(period["y1"]), int(period["m1"]), int(period["d1"] or 1))
        end_year, end_month = int(period["y2"] or period["y1"]), int(period["m2"] or period["m1"])
        end_day = int(period["d2"]) if period["d2"] else last_day(end_year, end_month)  # make_date checks the month
        end = make_date(end_year, end_month, end_day)
        if start and end:
            found["period_start"] = Found(start, (period.start(), period.end()))
            found["period_end"] = Found(end, (period.start(), period.end()))
            year = start.year
    feedback_left = period.end() if period else max(left, period_left)
    feedback = compiled(rules.feedback_re).search(text, feedback_left, period_right)
    basis_year = doc_year if period is None else year
    by_notice_date = period is None  # the year is the notice's own, not the inspection's
    if feedback is not None and (feedback["y"] or year):
        date = make_date(int(feedback["y"] or year or 0), int(feedback["m"]), int(feedback["d"]))
        if date is not None:
            found["feedback_date"] = Found(date, (feedback.start(), feedback.end()))
            if feedback["y"] or period is not None or doc_year is not None:
                basis_year, by_notice_date = date.year, False
    look_back = look_back_after(text, match)
    if look_back is not None:
        found["look_back"] = look_back
    windows = [(0, min(len(text), rules.round_head_chars)), *signature]
    if "round" not in found:
        found.update(written_round(text, level, windows))
    if "batch" not in found:
        found.update(written_round(text, level, windows, "batch"))
    if "round" not in found and level == "central":
        found.update(central_round(text, basis_year, windows, by_notice_date))
    return found


def feedback_in_opening(text: str, year: int | None) -> Found[dt.date] | None:
    """The date of the first feedback act in the opening of the text (round_head_chars), its
    year written or the notice's."""
    rules = metadata_rules()
    feedback = compiled(rules.feedback_re).search(text, 0, min(len(text), rules.round_head_chars))
    if feedback is None or not (feedback["y"] or year):
        return None
    date = make_date(int(feedback["y"] or year or 0), int(feedback["m"]), int(feedback["d"]))
    return Found(date, (feedback.start(), feedback.end())) if date is not None else None


def look_back_after(text: str, match: regex.Match[str]) -> Found[bool] | None:
    """True, spanning `回头看`, when the inspection named by `match` is a look-back: 回头看
    follows the name in its clause, and the clause does not recall it as done (巩固…成果)."""
    rules = metadata_rules()
    hit = compiled(rules.look_back_re).match(text, match.end())
    if hit is None:
        return None
    clause_start = max(text.rfind(mark, 0, match.start()) for mark in ",，。;；\n") + 1
    if compiled(rules.look_back_recall_re).search(text, clause_start, min(len(text), hit.end() + 8)):
        return None
    return Found(True, (hit.end() - 3, hit.end()))


def first_named(text: str, central: regex.Pattern[str], provincial: regex.Pattern[str]) -> regex.Match[str] | None:
    """The first inspection named outside a 《》 title, else the first cited (the central
    one on a tie). The hits are read in order only as far as that one: the provincial
    pattern, led by no literal, is slow to run over all of a long plan."""
    cited: regex.Match[str] | None = None
    for hit in heapq.merge(central.finditer(text), provincial.finditer(text), key=regex.Match.start):
        if not in_citation(text, hit.start()):
            return hit
        cited = cited or hit
    return cited


def in_citation(text: str, offset: int) -> bool:
    """Whether the offset is inside a 《》 title."""
    return text.rfind("《", 0, offset) > text.rfind("》", 0, offset)


def inspection_period(text: str, left: int, right: int) -> regex.Match[str] | None:
    """The first period in text[left:right] that is not a public-notice period."""
    rules = metadata_rules()
    before, after = compiled(rules.period_not_before_re), compiled(rules.period_not_after_re)
    for period in compiled(rules.period_re).finditer(text, left, right):
        if not before.search(text, max(0, period.start() - 20), period.start()) and not after.match(text, period.end()):
            return period
    return None


def written_round(text: str, level: str, windows: Sequence[Span], key: str = "round") -> dict[str, Found[Any]]:
    """The latest round (or, with key `batch`, batch) written next to an inspection of that
    level in the windows of text (a plan of the second round may recall the first: 为巩固第一轮
    督察整改成果)."""
    rules = metadata_rules()
    other = compiled(rules.round_other_level[level])
    pattern = rules.round_text_re if key == "round" else rules.batch_text_re
    found: dict[str, Found[Any]] = {}
    for left, right in windows:
        for hit in rule_finditer(pattern, text, left, right):
            number = 1 if hit["n"] in rules.first_ordinals else cn_number(hit["n"])
            if number is not None and not other.search(hit["between"]) and number > found.get(
                    key, Found(0, None)).value:
                found = {key: Found(number, (hit.start(), hit.end()))}
    return found


def central_round(text: str, basis_year: int | None, windows: Sequence[Span],
                  by_notice_date: bool = False) -> dict[str, Found[Any]]:
    """A central round the text does not write: the first for its look-back or its old
    name (in the windows of text), else the round of the year the inspection or the
    notice is dated (`by_notice_date`: a notice follows its inspection, by months)."""
    rules = metadata_rules()
    recent = basis_year is not None and basis_year > rules.first_round_cue_until
    cues = () if recent else (rule_search(rules.first_round_re, text, left, right) for left, right in windows)
    first = next((hit for hit in cues if hit is not None), None)
    if first is not None:
        return {"round": Found(1, (first.start(), first.end()))}
    for by_year in rules.central_rounds_by_notice_date if by_notice_date else rules.central_rounds:
        if basis_year is not None and by_year.first <= basis_year <= by_year.last:
            return {"round": Found(by_year.round, None)}
    return {}


# ---------------------------------------------------------------- region


def region_mentions(text: str, strong: list[tuple[int, int]], head: int, tail: int) -> list[Mention]:
    """Places named in the opening and closing parts of the text and in the title and
    signature: where a notice says whose it is (scanning all of a long plan costs more
    than it tells)."""
    return mentions_in(text, [(0, min(head, len(text))), (max(0, len(text) - tail), len(text)), *strong])


def mentions_in(text: str, windows: list[tuple[int, int]]) -> list[Mention]:
    """The places named in the windows of text, those that overlap or touch read as one."""
    return [mention for start, end in merged_spans(windows) for mention in find_mentions(text, start, end)]


def weighed(text: str, mentions: list[Mention], strong: list[tuple[int, int]]) -> list[tuple[Mention, int]]:
    """The mentions with their weights (those in the title or signature count more), those
    in a list of provinces or before a news dateline left out."""
    rules = metadata_rules()
    listed = listed_province_spans(text, mentions, compiled(rules.region_list_joiner_re),
                                   compiled(rules.region_list_tail_re))
    dateline = compiled(rules.region_dateline_re) if rules.region_dateline_cue in text else None
    weighted: list[tuple[Mention, int]] = []
    for mention in mentions:
        if mention.span in listed or (dateline is not None and dateline.match(text, mention.span[1])):
            continue
        at = mention.span[0]
        inside = any(s <= at < e for s, e in strong)
        weighted.append((mention, rules.title_weight if inside else 1))
    return weighted


def find_region(text: str, title: Found[str] | None, issuers: list[Found[str]]) -> dict[str, Found[str]]:
    rules = metadata_rules()
    strong: list[tuple[int, int]] = [f.span for f in ([title] if title else []) + issuers if f.span]
    chosen: dict[str, Mention] = {}
    # The places of the title and signature decide when they name one (choose_region). Where
    # no place name or list of them can run across their ends, they are found by reading only
    # them, and the opening and close of the text are read only when they do not decide.
    if strong and all(stands_apart(text, span, rules.region_list_separators) for span in strong):
        chosen = choose_region(weighed(text, mentions_in(text, strong), strong), rules.title_weight)
    if not chosen:
        mentions = region_mentions(text, strong, rules.region_head_chars, rules.region_tail_chars)
        chosen = choose_region(weighed(text, mentions, strong), rules.title_weight)
    return {level: Found(m.division.name, m.span) for level, m in chosen.items()}


# ---------------------------------------------------------------- counts, attachments


@cache
def count_unit_regex() -> regex.Pattern[str]:
    """A digit right before a count unit (count_units)."""
    return compiled(f"\\d[{regex.escape(metadata_rules().count_units)}]")


@lru_cache(maxsize=4)  # asked for the declared count and the progress of the same text
def states_counts(text: str) -> bool:
    """Whether a digit stands right before a count unit (count_units) somewhere in the text:
    every count pattern writes its number so, so in a text without one none can match, and
    none is searched (some fifty searches; one scan tells)."""
    return count_unit_regex().search(text) is not None


def find_declared_count(text: str) -> Found[int] | None:
    rules = metadata_rules()
    if not states_counts(text):
        return None
    for pattern in rules.count_patterns:
        match = rule_search(pattern, text)
        if match is not None:
            return Found(int(match["n"]), (match.start(), match.end()))
    groups: dict[str, regex.Match[str]] = {}
    for match in line_start_matches(rules.group_count_line, text):
        groups.setdefault(match.group(), match)
    if len(groups) >= 2:
        first, last = min(m.start() for m in groups.values()), max(m.end() for m in groups.values())
        return Found(sum(int(m["n"]) for m in groups.values()), (first, last))
    return None


def earliest_deadline_year(text: str) -> int | None:
    years = [int(m["y"]) for m in rule_finditer(metadata_rules().deadline_year_re, text)]
    return min(years) if years else None


def find_attachments(text: str) -> list[Found[str]]:
    """The attachments of the first list naming some: `附件:名称`, `附件1:名称`, then the
    lines after it numbered (`2.名称`) or file names alone (`名称.xlsx`), or under a bare
    `附件:` line; a file's extension is no part of the name."""
    rules = metadata_rules()
    found: list[Found[str]] = []
    if rules.attachment_cue not in text:  # the common case: no attachment list at all
        return found
    lines = lines_of(text)
    first_re, more_re = compiled(rules.attachment_re), compiled(rules.attachment_more_re)
    file_re = compiled(rules.attachment_file_re)
    extension_re = compiled(rules.attachment_extension_re, regex.IGNORECASE)
    for k in lines_holding(text, lines, rules.attachment_cue):
        start, line = lines[k]
        match = first_re.match(line)
        bare = match is None and compiled(rules.attachment_bare_re).match(line) is not None
        if match is None and not bare:
            continue
        names = [(start, match)] if match is not None else []
        for next_start, next_line in lines[k + 1:k + 12]:
            # 1.名称, 附件2:名称, or a file's name alone (名称.xlsx)
            more = more_re.match(next_line) or first_re.match(next_line) or file_re.match(next_line)
            if more is None:
                if not next_line.strip() and not names:
                    continue  # 附件: then a blank line, then the list
                break
            names.append((next_start, more))
        for offset, hit in names:
            name = extension_re.sub("", hit["name"].rstrip("。.;"))
            if name and name not in {f.value for f in found}:
                found.append(Found(name, (offset + hit.start("name"), offset + hit.start("name") + len(name))))
        if found:
            break
    return found


# ---------------------------------------------------------------- progress, acceptance


def progress_counts(text: str, patterns_by_key: dict[str, list[str]]) -> dict[str, Found[Any]]:
    """Each count by the first of its patterns that has a hit; the total and the done
    counts from one sentence where one states both (paired_counts), and an in-progress
    count that does not fit them left out (fitting_in_progress)."""
    counts: dict[str, Found[Any]] = {}
    # every hit of the paired keys' patterns, read once: the first pattern's leftmost hit is
    # the key's count, as a search pattern by pattern finds it, and pairing reads them all
    paired_hits = {key: [(rank, match) for rank, pattern in enumerate(patterns_by_key.get(key, []))
                         for match in rule_finditer(pattern, text)] for key in PAIRED_KEYS}
    for key, patterns in patterns_by_key.items():
        if key in paired_hits:
            if paired_hits[key]:
                first = min(paired_hits[key], key=lambda hit: (hit[0], hit[1].start()))[1]
                counts[key] = Found(int(first["n"]), (first.start(), first.end()))
            continue
        for pattern in patterns:
            match = rule_search(pattern, text)
            if match is not None:
                counts[key] = Found(int(match["n"]), (match.start(), match.end()))
                break
    paired = paired_counts(text, paired_hits)
    if paired:
        for key in PAIRED_KEYS:
            counts.pop(key, None)
        counts.update(paired)
    return fitting_in_progress(counts)


# The figures that must be read together: a report or a news story often gives several
# sets (the first round's and the look-back's, this batch's and all batches'), and a total
# of one set beside the done count of another is no figure of either.
PAIRED_KEYS = ("total", "completed", "completed_or_basically")
DONE_KEYS = ("completed", "completed_or_basically")


def paired_counts(text: str, all_hits: dict[str, list[tuple[int, regex.Match[str]]]]) -> dict[str, Found[Any]]:
    """The total and the done counts of the first sentence that states a total and a done
    count both (反馈我市的问题64个,已整改完成59个); in it, each key's first pattern with a
    hit, as in the whole text. Nothing where no sentence states both. `all_hits`: each
    paired key's hits, (the rank of its pattern, the match), as progress_counts reads them."""
    hits = {key: [(rank, match) for rank, match in all_hits[key] if match["n"] is not None] for key in PAIRED_KEYS}
    if not hits["total"] or not any(hits[key] for key in DONE_KEYS):
        return {}
    ends = [match.end() for match in compiled(metadata_rules().progress_sentence_end_re).finditer(text)]

    def sentence(match: regex.Match[str]) -> int:
        return bisect_right(ends, match.start())

    with_total = {sentence(match) for _, match in hits["total"]}
    with_done = {sentence(match) for key in DONE_KEYS for _, match in hits[key]}
    both = with_total & with_done
    if not both:
        return {}
    chosen = min(both)
    paired: dict[str, Found[Any]] = {}
    for key in PAIRED_KEYS:
        inside = [(rank, match.start(), match) for rank, match in hits[key] if sentence(match) == chosen]
        if inside:
            match = min(inside, key=itemgetter(0, 1))[2]
            paired[key] = Found(int(match["n"]), (match.start(), match.end()))
    return paired


def fitting_in_progress(counts: dict[str, Found[Any]]) -> dict[str, Found[Any]]:
    """Without an in-progress or ongoing count larger than what the total leaves undone (累计1427件
    中…正在办理644件 beside this batch's 84件,已办结56件): it counts another set."""
    total = counts.get("total")
    done = counts.get("completed") or counts.get("completed_or_basically")
    for key in ("in_progress", "behind_schedule", "ongoing"):  # (tasks kept up or behind are undone too: added in 0.1)
        rest = counts.get(key)
        if total is not None and rest is not None and done is not None and rest.value > total.value - done.value:
            del counts[key]
    return counts


def find_progress(text: str, doc_date: dt.date | None = None) -> dict[str, Found[Any]]:
    """The progress figures; `doc_date` gives a year to an as-of date written without one."""
    rules = metadata_rules()
    # task or problem counts; complaint counts only where the text states none of those
    progress = (progress_counts(text, rules.progress_patterns)
                or progress_counts(text, rules.complaint_progress_patterns)) if states_counts(text) else {}
    rate = completion_rate(text)
    if rate is not None:
        progress["completion_rate"] = rate
    for as_of in compiled(rules.as_of_re).finditer(text):
        date = as_of_date(as_of, doc_date)
        if date is not None:
            progress["as_of"] = Found(date, (as_of.start(), as_of.end()))
            break
    return progress


# The keys of Progress that count tasks (as_of and completion_rate are no count).
COUNT_KEYS = ("total", "completed", "basically_completed", "completed_or_basically", "on_schedule",
              "in_progress", "behind_schedule", "ongoing")

TableRows = Sequence[Sequence[tuple[str, Span | None]]]


def table_progress(tables: Sequence[TableRows]) -> dict[str, Found[Any]]:
    """The figures of the first summary table of progress: its total row (合计) read by the
    headers above it (整改任务数 | 已完成 | 基本完成 | 正在推进); each row is (text, span) cells."""
    rules = metadata_rules()
    total_row_re = compiled(rules.progress_table_total_row_re)
    columns = {key: compiled(pattern) for key, pattern in rules.progress_table_columns.items()}

    def key_of(cell: str) -> str | None:
        cell = regex.sub(r"\s+", "", cell).replace("（", "(").replace("）", ")")
        return next((key for key, pattern in columns.items() if pattern.fullmatch(cell)), None)

    for rows in tables:
        for at, row in enumerate(rows):
            first = next((text for text, _ in row if text.strip()), "")
            if not total_row_re.fullmatch(regex.sub(r"\s+", "", first)):
                continue
            headers = [[key_of(text) for text, _ in above] for above in rows[:at]]
            header = max(headers, key=lambda keys: sum(key is not None for key in keys), default=[])
            if sum(key in COUNT_KEYS for key in header) < 2 or len(header) != len(row):
                continue
            found: dict[str, Found[Any]] = {}
            for key, (text, span) in zip(header, row, strict=True):
                figure = regex.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([%％]|项|个)?\s*", text)
                if key is None or key in found or figure is None:
                    continue
                if key == "completion_rate":
                    found[key] = Found(float(figure[1]), span)
                elif "." not in figure[1] and figure[2] not in ("%", "％"):
                    found[key] = Found(int(figure[1]), span)
            if any(key in found for key in COUNT_KEYS):
                return found
    return {}


def completion_rate(text: str) -> Found[float] | None:
    """The share of the tasks done, in percent, as written (整改完成率96.5%): the first of the
    first pattern with a hit, in a clause telling no complaints (信访件…已办结…,办结率…)."""
    if "%" not in text and "％" not in text:
        return None
    rules = metadata_rules()
    ends = [match.end() for match in compiled(rules.completion_rate_clause_end_re).finditer(text)]
    for pattern in rules.completion_rate_patterns:
        for match in rule_finditer(pattern, text):
            at = bisect_right(ends, match.start())
            clause = text[ends[at - 1] if at else 0:match.start()]
            if any(word in clause for word in rules.completion_rate_complaint_words):
                continue
            value = float(match["rate"])
            if value <= 100:
                return Found(value, (match.start(), match.end()))
    return None


def as_of_date(as_of: regex.Match[str], doc_date: dt.date | None) -> dt.date | None:
    """The date a progress figure stands at; one written without its year (截至3月底) is
    in the year of the notice's date, or the year before when that would follow it."""
    if as_of["y"] is None and (doc_date is None or as_of["m"] is None):
        return None
    year = int(as_of["y"]) if as_of["y"] else doc_date.year if doc_date else 0
    month = 12 if as_of["year_end"] else int(as_of["m"])
    date = as_of_day(year, month, as_of)
    if date is not None and not as_of["y"] and doc_date is not None and date > doc_date:
        date = as_of_day(year - 1, month, as_of)
    return date


def as_of_day(year: int, month: int, as_of: regex.Match[str]) -> dt.date | None:
    """The day named, else the last of the part of the month (中旬) or of the month."""
    if not 1 <= month <= 12:
        return None
    if as_of["d"]:
        return make_date(year, month, int(as_of["d"]))
    last = last_day(year, month)
    part = metadata_rules().as_of_part_days.get(as_of["part"] or "", last)
    return make_date(year, month, min(part, last))


def last_day(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def find_acceptance(text: str) -> dict[str, Found[Any]]:
    rules = metadata_rules()
    found: dict[str, Found[Any]] = {}
    accepted = rule_search(rules.self_acceptance_re, text)
    if accepted is not None:
        date = parse_date_text(accepted["date"])
        if date is not None:
            found["self_acceptance_date"] = Found(date, (accepted.start("date"), accepted.end("date")))
    period = first_match(rules.notice_period_patterns, text)
    if period is not None:
        start = parse_date_text(period["start"])
        end = parse_date_text(period["end"], start.year if start else None)
        if start is not None:
            found["notice_start"] = Found(start, (period.start("start"), period.end("start")))
        if end is not None:
            found["notice_end"] = Found(end, (period.start("end"), period.end("end")))
    contact = rule_search(rules.contact_re, text)
    if contact is not None:
        found["contact"] = Found(contact["phone"], (contact.start("phone"), contact.end("phone")))
    return found


def first_match(patterns: list[str], text: str) -> regex.Match[str] | None:
    """The first hit of the strongest pattern that has one."""
    for pattern in patterns:
        match = rule_search(pattern, text)
        if match is not None:
            return match
    return None


def placeholder_warnings(text: str) -> list[tuple[str, str, Span | None]]:
    rules = metadata_rules()
    if not any(cue in text for cue in rules.placeholder_cues):  # a filled-in text: no scan
        return []
    hits = rule_finditer(rules.placeholder_re, text)
    if not hits:
        return []
    first = hits[0]
    return [("template_placeholder",
             f"{len(hits)} unfilled template placeholders such as {text[first.start():first.end() + 1]!r}",
             (first.start(), first.end()))]


# ---------------------------------------------------------------- all together


def with_page_info(meta: Metadata, page_meta: dict[str, str]) -> None:
    """The issuer, number and written date a web page's info table states (发布机构, 文号,
    成文日期), where the notice's own text names none (their spans are None: they stand
    outside the text)."""
    if not meta.issuers and page_meta.get("issuer"):
        meta.issuers = [Found(page_meta["issuer"], None)]
    if meta.doc_number is None and page_meta.get("doc_number"):
        meta.doc_number = Found(page_meta["doc_number"], None)
    if meta.issue_date is None and page_meta.get("issue_date"):
        meta.issue_date = Found(dt.date.fromisoformat(page_meta["issue_date"]), None)


def extract_metadata(text: str, page_meta: dict[str, str], tables: Sequence[Span] = ()) -> Metadata:
    """The metadata of a notice; `tables` are the spans of its tables in text (their cells
    are never a signature)."""
    meta = Metadata()
    title = find_title(text)
    if title is None and page_meta.get("title"):
        title = Found(page_meta["title"], None)
    meta.title = unwrap_cover(title) if title is not None else None
    meta.doc_type = classify(meta.title.value if meta.title else None, text)
    if meta.doc_type == DocType.other.value:
        meta.warnings.append(("not_a_notice", "no environmental rectification or inspection wording", None))
        return meta
    meta.issuers, meta.issue_date = find_signature(text, tables)
    from_header = False
    if not meta.issuers:
        meta.issuers, meta.issue_date = header_signature(text, title, tables)
        from_header = bool(meta.issuers)
    if meta.doc_type == DocType.feedback.value and not meta.issuers:
        meta.issuers = closing_issuers(text, tables)
    if not meta.issuers:
        meta.issuers = standing_issuers(text, title.span[1] if title is not None and title.span else 0, tables)
    if meta.issue_date is None:
        meta.issue_date = labelled_issue_date(text) or imprint_date(text)
    # (an issuer named in the head only, 某办关于…的通知, may close the notice with its date alone)
    if meta.issue_date is None and (not meta.issuers or from_header):
        meta.issue_date = closing_date(text, tables)
    meta.publish_date = find_publish_date(text, page_meta)
    meta.doc_number = find_doc_number(text, meta.title)
    with_page_info(meta, page_meta)
    dated = next((f for f in (meta.issue_date, meta.publish_date) if f is not None), None)
    doc_year = dated.value.year if dated is not None else None
    deadline_year = earliest_deadline_year(text) if doc_year is None else None
    round_year = deadline_year if meta.doc_type in metadata_rules().deadline_round_types else None
    meta.inspection = find_inspection(text, meta.title, doc_year or round_year, doc_year or deadline_year,
                                      [issuer.span for issuer in meta.issuers if issuer.span is not None])
    if meta.doc_type == DocType.feedback.value and "feedback_date" not in meta.inspection:
        # a feedback's own date is when it was given: the act its opening tells (督察组于2021年2月4日
        # 向某省…反馈), past the inspection's sentence, else its date
        given = feedback_in_opening(text, doc_year) or meta.issue_date
        if given is not None:
            meta.inspection["feedback_date"] = given
    meta.region = find_region(text, meta.title, meta.issuers)
    meta.declared_task_count = find_declared_count(text)
    meta.attachments = find_attachments(text)
    meta.warnings += placeholder_warnings(text)
    doc_date = dated.value if dated is not None else None
    if meta.doc_type == DocType.progress_report.value:
        meta.progress = find_progress(text, doc_date)
    elif meta.doc_type in (DocType.news.value, DocType.completion_notice.value):
        # a news report often states the progress too (…66项整改任务已完成37项), as a completion
        # made public may (…28项整改任务已完成25项; added in 0.1); one that states no count has
        # no progress (an as-of date alone is none)
        found = find_progress(text, doc_date)
        meta.progress = found if set(found) - {"as_of"} else None
    if meta.doc_type == DocType.completion_notice.value:
        meta.acceptance = find_acceptance(text)
    return meta
