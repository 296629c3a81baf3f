"""Stage 2, normalise: raw block text → clean simplified text, then blocks → one Document.text.

Each function is `str -> str` and pure; `normalize_text` composes them in one place:
mirror artefacts → traditional→simplified → full-width forms → whitespace. `compose`
lays the normalised blocks out as one text and records every block's and cell's span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import opencc
import regex
from pydantic import BaseModel, ConfigDict

from extract.fields.patterns import ISSPACE_CHARS, label_rules, load_yaml
from schemas.blocks import PAGE_BREAK, TABLE, Block, Cell, built_blocks, built_cell
from schemas.document import Script


class NormalizeRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    neutral_syllables: list[str]
    page_marker_lines: list[str]
    spam_phrases: list[str]
    spam_line_share: float
    gbk_shifted_stop: str
    gbk_shifted_lead: str
    latin_zero_year: str
    latin_zeros: str
    stray_comma: str


@cache
def normalize_rules() -> NormalizeRules:
    return NormalizeRules.model_validate(load_yaml("normalize.yaml"))


TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"

# `regex`'s \p{Han} (the Han script, regex 2026.11) as code point ranges, for a stdlib `re`
# class: `re` scans a text several times faster, and builds its matches faster. A test holds
# the class to \p{Han} (exactly in the BMP; a later Unicode version's blocks past it may be
# missing, and pinyin after such a rare character is then kept).
HAN_RANGES = ((0x2E80, 0x2E99), (0x2E9B, 0x2EF3), (0x2F00, 0x2FD5), (0x3005, 0x3005), (0x3007, 0x3007),
              (0x3021, 0x3029), (0x3038, 0x303B), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFA6D),
              (0xFA70, 0xFAD9), (0x16FE2, 0x16FE3), (0x16FF0, 0x16FF6), (0x20000, 0x2A6DF), (0x2A700, 0x2B81E),
              (0x2B820, 0x2CEAD), (0x2CEB0, 0x2EBE0), (0x2EBF0, 0x2EE5D), (0x2F800, 0x2FA1D), (0x30000, 0x3134A),
              (0x31350, 0x33479))
HAN_CLASS = "".join(f"{chr(low)}-{chr(high)}" if high > low else chr(low) for low, high in HAN_RANGES)
# What `regex`'s \s matches (White_Space: str.isspace less U+001C-U+001F), for a `re` class.
REGEX_SPACES = "".join(char for char in ISSPACE_CHARS if regex.match(r"\s", char))


@cache
def pinyin_re() -> re.Pattern[str]:
    neutral = "|".join(normalize_rules().neutral_syllables)
    syllable = rf"(?:[a-zü]*[{TONED}][a-zü{TONED}]*|(?:{neutral}))"
    space = f"[{re.escape(REGEX_SPACES)}]"
    # closed `(huán)`, spaced `(huì )`, or cut off `(jiā` where a non-letter follows; after a
    # Han character, looked behind from the `(` (a literal opening the pattern, which `re`
    # skips ahead to, where a look-behind first is tried at every position)
    return re.compile(rf"\((?<=[{HAN_CLASS}]\(){space}?{syllable}{space}?(?:\)|(?![a-zü{TONED}]))")


STRAY_QUESTION_RE = regex.compile(r"(?<=[\p{Han}\p{P}])\?+|\?+(?=\p{Han})|(?<=\p{Han})\?+$", regex.M)


@cache
def gbk_shifted_re() -> regex.Pattern[str]:
    return regex.compile(normalize_rules().gbk_shifted_stop)


FULL_WIDTH_OFFSET = 0xFEE0  # `，` (U+FF0C) − `,` (U+002C)
GBK_HIGH_BIT = 0x80


def unshifted(match: regex.Match[str]) -> str:
    """`。` and the Han character whose GBK bytes were read one byte late, or the match
    unchanged when the bytes make no Han character."""
    hi, lo = match["hi"], match["lo"]
    if ord(hi) > FULL_WIDTH_OFFSET:
        hi = chr(ord(hi) - FULL_WIDTH_OFFSET)
    try:
        char = bytes([ord(hi) + GBK_HIGH_BIT, ord(lo)]).decode("gbk")
    except UnicodeDecodeError:
        return match[0]
    return normalize_rules().gbk_shifted_lead + char if regex.fullmatch(r"\p{Han}", char) else match[0]


@cache
def latin_zero_year_re() -> re.Pattern[str]:
    return re.compile(normalize_rules().latin_zero_year)


@cache
def latin_zero_table() -> dict[int, str]:
    return {ord(char): "〇" for char in normalize_rules().latin_zeros}


def zero_as_numeral(match: re.Match[str]) -> str:
    """`二OO六` → `二〇〇六`: the letters or digits standing for zero in a Chinese-numeral year."""
    return match[0].translate(latin_zero_table())


def fix_latin_zero_years(text: str) -> str:
    """A Chinese-numeral year typed with a letter O or a digit for its zero (`二OO六年`)
    written with 〇, so that dates read; a year without such a zero is left as it is."""
    first = latin_zero_year_re().search(text)  # one pass over the text: such years are rare
    if first is None:
        return text
    return text[:first.start()] + latin_zero_year_re().sub(zero_as_numeral, text[first.start():])


@cache
def stray_comma_re() -> re.Pattern[str]:
    return re.compile(normalize_rules().stray_comma)


def strip_mirror_artifacts(text: str) -> str:
    """Restore full stops read one byte late (`?,F` → `。現`), then remove pinyin-in-
    parentheses after characters, stray ASCII `?` (a real question mark in Chinese text
    is the full-width `？`, which this leaves alone) and commas before `、` or `。`; a
    Chinese-numeral year typed with a letter O for its zero (`二OO六年`) gets its 〇."""
    text = fix_latin_zero_years(text)
    if "?" in text or "？" in text:
        text = gbk_shifted_re().sub(unshifted, text)
    if "(" in text:
        text = pinyin_re().sub("", text)
    if "?" in text:
        text = STRAY_QUESTION_RE.sub("", text)
    if ",、" in text or ",。" in text:
        text = stray_comma_re().sub("", text)
    return text


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


SCRIPT_SAMPLE = 3000  # characters: a traditional text shows itself within a page
HAN_RUN_RE = regex.compile(r"\p{Han}+")  # runs, not single characters: fewer matches to build


def traditional_share(text: str) -> float:
    """Share of Han characters that OpenCC t2s changes (a sample is enough)."""
    sample, changed = changed_in_sample(text)
    return _share_of_han(sample, changed)


def changed_in_sample(text: str) -> tuple[str, int]:
    """The text's sample and how many of its characters OpenCC t2s changes."""
    sample = text[:SCRIPT_SAMPLE]
    converted = _t2s().convert(sample)
    return sample, 0 if converted == sample else differing_positions(sample, converted)


def _share_of_han(sample: str, changed: int) -> float:
    if not changed:
        return 0.0
    han = sum(map(len, HAN_RUN_RE.findall(sample)))
    return changed / han if han else 0.0


@lru_cache(maxsize=4)  # one length, SCRIPT_SAMPLE, for all but short texts
def _low_byte_mask(chars: int) -> int:
    return int.from_bytes(b"\xff\0\0\0" * chars, "little")


def differing_positions(a: str, b: str) -> int:
    """How many positions of the shorter string hold another character in the longer,
    counted in C: the two as UTF-32 integers XORed are zero in exactly the 4-byte words
    where they agree; OR-ing each word's bytes into its lowest byte and masking the rest
    leaves one byte per word, nonzero where the characters differ."""
    n = min(len(a), len(b))
    words = (int.from_bytes(a[:n].encode("utf-32-le", "surrogatepass"), "little")
             ^ int.from_bytes(b[:n].encode("utf-32-le", "surrogatepass"), "little"))
    low = (words | words >> 8 | words >> 16 | words >> 24) & _low_byte_mask(n)
    return 4 * n - low.to_bytes(4 * n, "little").count(0)


# Above float rounding of `threshold * len(sample)` (≪ 1e-9 for a sample's length).
ROUNDING_MARGIN = 1e-9


def detect_script(text: str, threshold: float) -> Script:
    sample, changed = changed_in_sample(text)
    # The Han characters are at most all of the sample's: when the changed ones make the
    # threshold's share of the whole sample, they make it of the Han ones, uncounted.
    if changed and changed >= threshold * len(sample) + ROUNDING_MARGIN:
        return Script.traditional
    return Script.traditional if _share_of_han(sample, changed) >= threshold else Script.simplified


def to_simplified(text: str) -> str:
    return str(_t2s().convert(text))


# Joins a document's block texts so that each step runs once per document, not once per
# block: no step alters it (no space, letter, Han, punctuation or width form, in no OpenCC
# dictionary entry) and no pattern matches it, so nothing matches across it either.
BLOCK_SEP = "\x1e"


# NFKC restricted to where it is safe: full-width ASCII forms and ideographic/no-break
# spaces. Full NFKC would also turn ① into 1 and Ⅱ into II, which carry meaning here.
WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {
    0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x200B: None,
    0xFEFF: None, 0x2028: 0x0A, 0x2029: 0x0A, 0xFF61: ord("。"), 0xFF64: ord("、"),
}


# str.translate looks every character up in the table (raising and clearing a KeyError for
# each one it does not map: nearly all of a Chinese text). Instead a character class finds
# the width forms present (stdlib `re` scans a plain class fastest) and str.replace maps
# each of them; one at a time is the same as all at once, as no replacement is a width form.
# Numbering written as one character (⑴ ⒈ ㈠, from Word and PDF) is the same level as
# its spelled-out form, (1) 1. (一): mapped to it. (① stays: it is a level of its own.)
NUMBER_FORMS = ({chr(0x2474 + k): f"({k + 1})" for k in range(20)}
                | {chr(0x2488 + k): f"{k + 1}." for k in range(20)}
                | {chr(0x3220 + k): f"({numeral})" for k, numeral in enumerate("一二三四五六七八九十")})
WIDTH_MAP = {chr(code): "" if to is None else chr(to) for code, to in WIDTH_TABLE.items()} | NUMBER_FORMS
WIDTH_RE = re.compile("[" + "".join(re.escape(char) for char in sorted(WIDTH_MAP)) + "]")


def map_widths(text: str) -> str:
    for char in set(WIDTH_RE.findall(text)):
        text = text.replace(char, WIDTH_MAP[char])
    return text


# Whitespace (str.isspace, what `str.split` splits on) that is left after map_widths, other
# than the space, the line break and BLOCK_SEP. Where a text holds none of these, the space
# and the line break, found with `in` in C, tell which texts need collapsing.
ODD_SPACES = "".join(char for char in ISSPACE_CHARS if char not in " \n" + BLOCK_SEP and char not in WIDTH_MAP)
WIDTH_OR_ODD_SPACE_RE = re.compile("[" + "".join(map(re.escape, sorted(set(WIDTH_MAP) | set(ODD_SPACES)))) + "]")


def widths_mapped(text: str) -> tuple[str, bool]:
    """`map_widths(text)`, and whether the text holds an odd space, in one scan: each width
    form found is replaced everywhere at once (no replacement is one), so the next search
    goes on from where it was."""
    found = WIDTH_OR_ODD_SPACE_RE.search(text)
    while found is not None:
        char = found.group()
        if char not in WIDTH_MAP:
            return map_widths(text), True
        text = text.replace(char, WIDTH_MAP[char])
        found = WIDTH_OR_ODD_SPACE_RE.search(text, found.start())
    return text, False


CJK = r"\p{Han}\u3000-\u303f\u2014\u2018-\u201d\u2026"
# No space between digits and CJK (`2016 年`), but the one before a numbering label run on
# in its line (`开展执法 2.修复河床`) parts the items, as a sentence end would: it stays.
SPACE_CJK_DIGIT_RE = regex.compile(
    rf"(?<=\d)[ \t]+(?=[{CJK}])|(?<=[{CJK}])[ \t]+(?=\d)(?!\d{{1,3}}[.．]\p{{Han}})")
SPACE_CJK_CJK_RE = regex.compile(rf"(?<=[{CJK}])[ \t]+(?=[{CJK}])")
CJK_PAIR_RE = regex.compile(rf"[{CJK}](?=[{CJK}])")
DOUBLED_PUNCTUATION = ",，、;；。"
DOUBLED_PUNCT_RE = re.compile(f"([{DOUBLED_PUNCTUATION}])\\1+")  # stdlib: scans a whole document ≈3x faster
# Whether there is any to fix (most documents have none): in a short text one alternation
# of the doubled marks; in a long one a search for each doubled mark, one literal each, that
# the engine jumps through from one place its pair could start to the next, where the
# alternation tries every choice at every comma (twice as slow over a whole document).
DOUBLED_PAIR_RE = re.compile("|".join(mark * 2 for mark in DOUBLED_PUNCTUATION))
DOUBLED_PAIRS = tuple((mark, re.compile(re.escape(mark * 2))) for mark in DOUBLED_PUNCTUATION)
DOUBLED_PAIRS_FROM = 200  # characters: where the literal searches overtake the alternation
SPACES_RE = regex.compile(r"[ \t\f\v]+")
# Chinese punctuation already marks the boundary: a space beside it is layout residue.
SPACE_AT_PUNCT_RE = regex.compile(rf"(?<=[。，、；：！？])[ \t]+(?=[{CJK}\d])|(?<=[{CJK}])[ \t]+(?=[。，、；：！？])")
# A line where at least this share of CJK neighbours stand apart is letter-spaced (OCR,
# spaced titles): all those spaces go. Elsewhere a space between CJK text is a boundary
# (a flattened page's section break) and stays. Calibrated: OCR output ≈ 0.9, prose < 0.05.
SPACED_OUT_SHARE = 0.3


@cache
def spaced_label_re() -> regex.Pattern[str]:
    """A label spaced out at a line start (责 任 单 位:…, 整 改 时 限:…), before one of the
    labels' separators: joined whatever the rest of the line holds."""
    separators = "".join(regex.escape(s) for s in label_rules().separators)
    return regex.compile(rf"^(?:\p{{Han}} ){{1,7}}\p{{Han}}(?= ?[{separators}])")


def collapse_whitespace(text: str) -> str:
    """No spaces between digits and CJK (`2016 年 11 月`), none between CJK characters of a
    letter-spaced line or label; other runs to one space; no leading or trailing space."""
    if " " not in text and "\t" not in text and "\f" not in text and "\v" not in text:
        return text.strip()  # most lines: nothing for the regexes to do
    text = SPACES_RE.sub(" ", text).strip()
    if " " not in text:
        return text
    text = SPACE_CJK_DIGIT_RE.sub("", SPACE_AT_PUNCT_RE.sub("", text))
    text = spaced_label_re().sub(lambda m: m.group().replace(" ", ""), text)
    spaced = len(SPACE_CJK_CJK_RE.findall(text))
    if spaced >= 3 and spaced >= SPACED_OUT_SHARE * (spaced + len(CJK_PAIR_RE.findall(text))):
        text = SPACE_CJK_CJK_RE.sub("", text)
    return text


def fix_punctuation(text: str) -> str:
    if len(text) < DOUBLED_PAIRS_FROM:
        if DOUBLED_PAIR_RE.search(text) is None:
            return text
    # a mark the text lacks (，and ； once widths are mapped), told by `in` in C (several
    # times faster than the search for its pair), cannot be doubled
    elif not any(mark in text and pair.search(text) for mark, pair in DOUBLED_PAIRS):
        return text
    return DOUBLED_PUNCT_RE.sub(r"\1", text)


@cache
def page_marker_re() -> regex.Pattern[str]:
    return regex.compile("^(?:" + "|".join(normalize_rules().page_marker_lines) + ")$")


@cache
def spam_re() -> regex.Pattern[str]:
    phrases = sorted(normalize_rules().spam_phrases, key=len, reverse=True)
    return regex.compile("(?i)" + "|".join(regex.escape(p) for p in phrases))


def is_uncased(phrase: str) -> bool:
    return phrase.lower() == phrase == phrase.upper()


@cache
def uncased_spam_screen() -> re.Pattern[str] | None:
    """Finds the spam phrases without letter case, fast enough to scan a whole document: they
    need no (?i), and without it the stdlib `re` skips ahead on their first characters
    (several times faster than one (?i) alternation)."""
    uncased = [p for p in normalize_rules().spam_phrases if is_uncased(p)]
    return re.compile("|".join(re.escape(p) for p in uncased)) if uncased else None


@cache
def cased_spam_screen() -> tuple[regex.Pattern[str], tuple[str, ...] | None] | None:
    """Finds the spam phrases with letter case: their (?i) pattern, and of each phrase its
    longest run of Han characters, or None where one has none. Han has no case, so (?i)
    matches a run only as itself: a phrase is found only where its run is, and an `in` test
    per phrase, in C, is faster than the (?i) search where none is."""
    cased = [p for p in normalize_rules().spam_phrases if not is_uncased(p)]
    if not cased:
        return None
    runs = [HAN_RUN_RE.findall(p) for p in cased]
    cores = tuple(max(r, key=len) for r in runs) if all(runs) else None
    return regex.compile("(?i)" + "|".join(regex.escape(p) for p in cased)), cores


@cache
def cased_spam_anchors() -> tuple[tuple[re.Pattern[str], int, regex.Pattern[str]], ...] | None:
    """Each spam phrase with letter case as its core (a literal pattern), the core's offset in
    the phrase and the phrase's (?i) pattern (None where a phrase has no core). (?i) folds case
    one character to one (simple case folding) and Han only to itself: the phrase can start
    only `offset` characters before where its core is."""
    screen = cased_spam_screen()
    if screen is None or screen[1] is None:
        return None
    cased = [p for p in normalize_rules().spam_phrases if not is_uncased(p)]
    return tuple((re.compile(re.escape(core)), phrase.index(core), regex.compile("(?i)" + regex.escape(phrase)))
                 for phrase, core in zip(cased, screen[1], strict=True))


def holds_cased_spam(text: str, anchors: tuple[tuple[re.Pattern[str], int, regex.Pattern[str]], ...]) -> bool:
    """Whether a spam phrase with letter case is in the text: tried only where its core is,
    not by a (?i) search through the whole text. (The core is found by the stdlib's literal
    search, which skips through a Chinese text some three times faster than str.find.)"""
    for core, offset, phrase in anchors:
        found = core.search(text, offset)
        while found is not None:
            if phrase.match(text, found.start() - offset):
                return True
            found = core.search(text, found.start() + 1)
    return False


def may_hold_spam(text: str) -> bool:
    """Whether `spam_re` finds anything in the text, told faster."""
    uncased = uncased_spam_screen()
    if uncased is not None and uncased.search(text):
        return True
    cased = cased_spam_screen()
    if cased is None:
        return False
    anchors = cased_spam_anchors()
    return cased[0].search(text) is not None if anchors is None else holds_cased_spam(text, anchors)


def strip_spam(text: str) -> str:
    """Injected spam removed: whole lines made of it, else the phrases alone."""
    if not spam_re().search(text):
        return text
    share = normalize_rules().spam_line_share
    kept = []
    for line in text.split("\n"):
        spam = sum(len(m.group()) for m in spam_re().finditer(line))
        if spam and spam >= share * len(line.strip()):
            continue
        kept.append(spam_re().sub("", line) if spam else line)
    return "\n".join(kept)


def normalize_text(text: str, script: Script) -> str:
    """The whole chain for one block's text (lines inside it are kept)."""
    text = strip_spam(strip_mirror_artifacts(text))
    return fix_punctuation(_kept_lines(_map_chars(text, script)))


def normalize_texts(texts: list[str], script: Script) -> list[str]:
    """`normalize_text` of each text, in order, at a fraction of the cost: every step but
    the rare spam removal works on the whole document at once."""
    joined = BLOCK_SEP.join(texts)
    if joined.count(BLOCK_SEP) != len(texts) - 1:  # a text holds the separator itself
        return [normalize_text(text, script) for text in texts]
    joined = strip_mirror_artifacts(joined)
    if may_hold_spam(joined):  # spam is judged line by line within a text
        joined = BLOCK_SEP.join([strip_spam(text) for text in joined.split(BLOCK_SEP)])
    joined, odd_spaces = chars_mapped(joined, script)
    if odd_spaces:
        return fix_punctuation(kept_lines_of_texts(joined)).split(BLOCK_SEP)
    return kept_texts(joined)


def _map_chars(text: str, script: Script) -> str:
    """The character-level steps: traditional→simplified, then full-width forms."""
    return chars_mapped(text, script)[0]


def chars_mapped(text: str, script: Script) -> tuple[str, bool]:
    """`_map_chars(text, script)`, and whether an odd space is left (`widths_mapped`)."""
    if script is Script.traditional:
        text = to_simplified(text)
    return widths_mapped(text)


def _kept_lines(text: str) -> str:
    """Whitespace collapsed per line; empty lines and page furniture dropped."""
    is_marker = page_marker_re().match
    kept = []
    for line in text.splitlines():
        line = collapse_whitespace(line)
        if line and not is_marker(line):
            kept.append(line)
    return "\n".join(kept)


def kept_lines_of_texts(joined: str) -> str:
    """`_kept_lines` of each of the BLOCK_SEP-joined texts. Most texts are one line without
    whitespace (`str.split` leaves them whole: one call in C tells), which is kept unless it
    is page furniture, without the line-by-line work."""
    is_marker = page_marker_re().match
    texts = joined.split(BLOCK_SEP)
    return BLOCK_SEP.join([text if words == [text] and not is_marker(text) else _kept_lines(text)
                           for text, words in zip(texts, map(str.split, texts), strict=True)])


BARE_PAGE_NUMBER_RE = re.compile(r"\d{1,3}")


def is_page_number_line(text: str) -> bool:
    """A page's number alone on its line (`— 2 —`, `- 3 -`, `第2页`, a bare `2`): between two
    tables, a page break a web page made from a Word file or a PDF keeps."""
    text = text.strip()
    return bool(BARE_PAGE_NUMBER_RE.fullmatch(text) or page_marker_re().fullmatch(text))


@cache
def page_marker_text_re() -> regex.Pattern[str]:
    """A page-marker line as a whole text after BLOCK_SEP: the separator, a literal, lets the
    search skip ahead to each text's start instead of trying the markers everywhere."""
    markers = "|".join(normalize_rules().page_marker_lines)
    return regex.compile(f"{BLOCK_SEP}(?:{markers})(?={BLOCK_SEP}|\\Z)")


def marker_indexes(joined: str) -> list[int]:
    """Indexes of the BLOCK_SEP-joined texts that are page-marker lines as a whole. Each text
    found is checked alone, so a marker that could run on past a separator finds no other."""
    is_marker = page_marker_re().match
    first_end = joined.find(BLOCK_SEP)
    indexes = [0] if is_marker(joined if first_end < 0 else joined[:first_end]) else []
    index = counted = 0  # the index of the text that starts after `counted`
    found = page_marker_text_re().search(joined)
    while found is not None:
        start = found.start() + 1
        end = joined.find(BLOCK_SEP, start)
        end = len(joined) if end < 0 else end
        index += joined.count(BLOCK_SEP, counted, start)
        counted = start
        if is_marker(joined[start:end]):
            indexes.append(index)
        found = page_marker_text_re().search(joined, end)
    return indexes


def kept_texts(joined: str) -> list[str]:
    """`fix_punctuation(kept_lines_of_texts(joined)).split(BLOCK_SEP)` for texts whose only
    whitespace is the space and the line break: the texts without either are kept whole unless
    they are page markers, so only those with one go line by line."""
    fixed = fix_punctuation(joined)  # a doubled mark never spans BLOCK_SEP: as text by text
    texts = fixed.split(BLOCK_SEP)
    originals = texts if fixed is joined else joined.split(BLOCK_SEP)
    for index in marker_indexes(joined):
        texts[index] = ""
    for index, text in enumerate(originals):
        if " " in text or "\n" in text:  # markers among these too: collapsing decides
            texts[index] = fix_punctuation(_kept_lines(text))
    return texts


@dataclass(frozen=True)
class Composed:
    text: str
    blocks: list[Block]  # normalised, spans set; blocks left empty by normalising are dropped


def raw_text_of(blocks: list[Block], limit: int | None = None) -> str:
    """The blocks' texts and cells' texts, a line each. With a limit, only a start of it
    holding at least `limit` characters (all when shorter): `detect_script` reads a sample
    from the start, and a long notice need not be joined for that."""
    parts: list[str] = []
    joined = -1  # the length of "\n".join(parts)
    for block in blocks:
        start = len(parts)
        parts.append(block.text)
        if block.rows:  # tables only: no generator to build for every paragraph
            parts.extend(cell.text for row in block.rows for cell in row)
        if limit is not None:
            joined += sum(map(len, parts[start:])) + len(parts) - start
            if joined >= limit:
                break
    return "\n".join(parts)


def block_texts(blocks: list[Block]) -> list[str]:
    """The texts `compose` normalises, in layout order: a table's cells, else the block's text."""
    texts: list[str] = []
    for block in blocks:
        kind = block.kind
        if kind is TABLE:
            texts.extend([cell.text for row in block.rows for cell in row])
        elif kind is not PAGE_BREAK:
            texts.append(block.text)
    return texts


RUNNING_HEAD_MAX = 40  # characters: a running head is a short title or issuer's name
RUNNING_HEAD_PAGES = 2  # page tops it must head: once may be the text's own line
RUNNING_HEAD_NOT = "：:。；;"  # a label's value or a sentence is text, never a running head


def may_be_running_head(text: str) -> bool:
    """Whether a line at a page's top is shaped like a running head: short, and neither a
    label's value nor a sentence."""
    return len(text) <= RUNNING_HEAD_MAX and not any(c in text for c in RUNNING_HEAD_NOT)


def running_heads(blocks: list[Block], texts: list[str]) -> set[str]:
    """The short lines that open at least RUNNING_HEAD_PAGES pages (after a page break or a
    page number), other than the title: a running head (the document's short title or the
    issuer at each page's top) that differs from the title line."""
    tops: dict[str, int] = {}
    clean = iter(texts)
    at_page_top = False
    for block in blocks:
        kind = block.kind
        if kind is TABLE:
            for _ in range(sum(map(len, block.rows))):
                next(clean)
            at_page_top = False
        elif kind is PAGE_BREAK:
            at_page_top = True
        else:
            text = next(clean)
            if text:
                if at_page_top and may_be_running_head(text):
                    tops[text] = tops.get(text, 0) + 1
                at_page_top = False
            else:
                at_page_top = bool(block.text.strip())
    return {text for text, count in tops.items() if count >= RUNNING_HEAD_PAGES}


def compose(blocks: list[Block], script: Script) -> Composed:
    """Normalise every block and lay them out one per line; a table's cells each start a
    line, so a cell's span holds just that cell."""
    texts = normalize_texts(block_texts(blocks), script)
    heads = running_heads(blocks, texts) if len(texts) > 1 else set()
    clean = iter(texts)
    values: list[dict[str, Any]] = []  # the composed blocks' fields, built at the end
    parts: list[str] = []
    offset = 0  # where the next line starts: each line ends with a line break
    at_page_top = False  # after a page break or a page number: a running head may follow
    # Blocks are rebuilt unvalidated, all in one `built_blocks` (a model_copy per block costs
    # more than all the rest of the layout), from a copy of the block's fields with the
    # changed ones set: the copy costs less than reading the fields one by one.
    for block in blocks:
        kind = block.kind
        if kind is TABLE:
            start = offset
            rows = []
            for row in block.rows:
                cells: list[Cell] = []
                for _ in row:
                    text = next(clean)
                    end = offset + len(text)
                    cells.append(built_cell(text, (offset, end)))
                    if text:
                        parts.append(text)
                        offset = end + 1
                rows.append(cells)
            fields = vars(block).copy()
            fields["rows"] = rows
            fields["span"] = (start, max(start, offset - 1))
            values.append(fields)
            at_page_top = False
        elif kind is PAGE_BREAK:
            fields = vars(block).copy()
            fields["span"] = (offset, offset)
            values.append(fields)
            at_page_top = True
        else:
            text = next(clean)
            label = block.label
            if label:
                text = f"{label}{text}"
            if at_page_top and parts and (text == parts[0] or text in heads):
                continue  # the title again at a page's top, or a short title heading every page
            if text:
                parts.append(text)
                end = offset + len(text)
                fields = vars(block).copy()
                fields["text"] = text
                fields["span"] = (offset, end)
                values.append(fields)
                offset = end + 1
                at_page_top = False
            else:
                at_page_top = bool(block.text.strip())  # a page number normalised away
    out = built_blocks(values)
    return Composed("\n".join(parts) + "\n" if parts else "", out)
