"""Reading a rule pattern's structure (extract/fields/regex_syntax.py): table cases, and
agreement with the two readings it replaced (parse/html.py's token splitter and
metadata_rules.py's character scanner, kept here as oracles) on every rule file string."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import hypothesis.strategies as st
import pytest
import regex
import yaml
from hypothesis import given

from extract.fields.patterns import RULES_DIR
from extract.fields.regex_syntax import (
    LEADING_FLAGS_RE,
    PATTERN_TOKEN_RE,
    TIED_ALTERNATIVES_RE,
    captures,
    is_plain_word,
    one_of,
    pattern_tokens,
    spelled_words,
    start_anchored,
    structure,
    top_level_alternatives,
    top_level_bars,
)

# ---------------------------------------------------------------- oracles: the replaced readings


def old_html_top_alternatives(pattern: str) -> list[str]:
    """parse/html.py `top_alternatives` as it was: split at each `|` outside groups and classes."""
    alternatives = [""]
    depth = 0
    for token in PATTERN_TOKEN_RE.findall(pattern):
        depth += (token == "(") - (token == ")")
        if token == "|" and depth == 0:
            alternatives.append("")
        else:
            alternatives[-1] += token
    return alternatives


def old_structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """metadata_rules.py `structure` as it was: a character scanner."""
    depth, at, in_class = 0, start, False
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            at += 1 + pattern.startswith("^", at + 1)
            at += pattern.startswith("]", at)
            continue
        elif char in "()|":
            yield at, char, depth
            depth += {"(": 1, ")": -1, "|": 0}[char]
        at += 1


def old_top_level_alternatives(pattern: str) -> list[str]:
    """metadata_rules.py `top_level_alternatives` as it was, on the scanner."""
    if TIED_ALTERNATIVES_RE.search(pattern):
        return [pattern]
    flags = LEADING_FLAGS_RE.match(pattern)
    prefix = flags.group() if flags else ""
    bars = [at for at, char, depth in old_structure(pattern, len(prefix)) if char == "|" and depth == 0]
    if not bars:
        return [pattern]
    cuts = [len(prefix) - 1, *bars, len(pattern)]
    return [prefix + pattern[left + 1:right] for left, right in pairwise(cuts)]


def strings_of(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings_of(key)
            yield from strings_of(value)
    elif isinstance(node, list):
        for item in node:
            yield from strings_of(item)


def rule_file_patterns() -> list[str]:
    """Every string of every rule file that compiles as a `regex` pattern (word lists too)."""
    found: list[str] = []
    for path in sorted(RULES_DIR.glob("*.yaml")):
        for text in strings_of(yaml.safe_load(path.read_text(encoding="utf-8"))):
            try:
                regex.compile(text)
            except regex.error:
                continue
            found.append(text)
    return sorted(set(found))


PATTERNS = rule_file_patterns()


def test_rule_files_give_many_patterns() -> None:
    # (no rule pattern ties its alternatives today: the table cases and the fuzz test hold those)
    assert len(PATTERNS) > 500
    assert sum(len(top_level_bars(p)) > 0 for p in PATTERNS) > 20
    assert any(LEADING_FLAGS_RE.match(p) for p in PATTERNS) and sum(captures(p) for p in PATTERNS) > 50


def test_structure_reads_the_rule_patterns_as_the_scanner_did() -> None:
    for pattern in PATTERNS:
        assert list(structure(pattern)) == list(old_structure(pattern)), pattern


def test_top_level_alternatives_split_the_rule_patterns_as_before() -> None:
    for pattern in PATTERNS:
        assert top_level_alternatives(pattern) == old_top_level_alternatives(pattern), pattern


def test_top_level_bars_split_the_rule_patterns_as_the_html_splitter_did() -> None:
    for pattern in PATTERNS:
        old = old_html_top_alternatives(pattern)
        assert len(top_level_bars(pattern)) == len(old) - 1, pattern
        if not TIED_ALTERNATIVES_RE.search(pattern) and not LEADING_FLAGS_RE.match(pattern):
            assert top_level_alternatives(pattern) == old, pattern


# The alphabet of the syntax the readings tell apart, and some letters.
SYNTAX_TEXT = st.text(alphabet="ab|()[]^\\?:P<>=!", max_size=14)


@given(SYNTAX_TEXT)
def test_structure_reads_valid_patterns_as_the_scanner_did(pattern: str) -> None:
    try:
        regex.compile(pattern)
    except regex.error:
        return
    assert list(structure(pattern)) == list(old_structure(pattern))
    assert top_level_alternatives(pattern) == old_top_level_alternatives(pattern)
    assert len(top_level_bars(pattern)) == len(old_html_top_alternatives(pattern)) - 1


# ---------------------------------------------------------------- table cases


@pytest.mark.parametrize(("pattern", "parts"), [
    ("a|b(c|d)|[|]|e", ["a", "b(c|d)", "[|]", "e"]),
    ("(?m)^a|b", ["(?m)^a", "(?m)b"]),
    (r"a\|b|c", [r"a\|b", "c"]),
    ("[]|]|x", ["[]|]", "x"]),
    ("[^]|]|x", ["[^]|]", "x"]),
    (r"[\]|]|x", [r"[\]|]", "x"]),
    ("abc", ["abc"]),
    ("(?P<x>a)|(?P=x)", ["(?P<x>a)|(?P=x)"]),  # a back reference ties the alternatives
    (r"(a)|\1", [r"(a)|\1"]),
    ("a(?i)b|c", ["a(?i)b|c"]),  # a global flag in the middle applies to every alternative
    ("(?x)a # x|y\n|b", ["(?x)a # x|y\n|b"]),
    ("(?|(a)|(b))|c", ["(?|(a)|(b))|c"]),
    ("[[:alpha:]]|b", ["[[:alpha:]]|b"]),
    ("[:：]|b", ["[:：]", "b"]),
    # (once parse/html.py's own splitter's cases)
    ("a|b", ["a", "b"]),
    ("^(?:a|b)c|d", ["^(?:a|b)c", "d"]),
    (r"[|(]x|\|y|\(z", [r"[|(]x", r"\|y", r"\(z"]),
    (r"[]|]|[^]|]", [r"[]|]", r"[^]|]"]),
    ("a", ["a"]),
])
def test_top_level_alternatives(pattern: str, parts: list[str]) -> None:
    assert top_level_alternatives(pattern) == parts


@pytest.mark.parametrize(("pattern", "bars"), [
    ("a|b", [1]), ("(a|b)", []), ("[|]", []), (r"\|", []), ("a|(b)|c", [1, 5]), ("(?P<x>a)|(?P=x)", [8]),
])
def test_top_level_bars(pattern: str, bars: list[int]) -> None:
    assert top_level_bars(pattern) == bars


@pytest.mark.parametrize(("pattern", "expected"), [
    ("(a)", True), ("(?P<n>a)", True), ("(?<n>a)", True),
    ("(?:a)", False), ("(?<=a)b", False), ("(?<!a)b", False), ("(?=a)", False), (r"\(a\)", False), ("[(]a", False),
])
def test_captures(pattern: str, expected: bool) -> None:
    assert captures(pattern) is expected


@pytest.mark.parametrize(("pattern", "tokens"), [
    (r"a\sb", ["a", r"\s", "b"]), ("[^]a]b", ["[^]a]", "b"]), (r"[\]x]", [r"[\]x]"]), ("", []),
])
def test_pattern_tokens(pattern: str, tokens: list[str]) -> None:
    assert pattern_tokens(pattern) == tokens


@pytest.mark.parametrize(("pattern", "plain"), [("首页", True), ("打印本页", True), ("a.b", False), ("a|b", False), ("", True)])
def test_is_plain_word(pattern: str, plain: bool) -> None:
    assert is_plain_word(pattern) is plain


@pytest.mark.parametrize(("pattern", "words"), [
    ("版[权權]所有", ["版权所有", "版權所有"]), ("ICP[备備]", ["ICP备", "ICP備"]), ("©", ["©"]),
    ("a.b", None), ("[a-c]x", None), ("[^a]x", None), ("[\\d]x", None), ("a?", None), ("(?:ab)", None), ("", None),
    ("[ab][cd][ef][gh][ij][kl][mn][op][qr]", None),  # 512 words: more than asked for
])
def test_spelled_words(pattern: str, words: list[str] | None) -> None:
    assert spelled_words(pattern) == words
    if words is not None:
        assert all(regex.fullmatch(pattern, word) for word in words) and len(set(words)) == len(words)


@pytest.mark.parametrize(("pattern", "anchored"), [
    ("(?<=^[(（])\\s*编辑[)）]$", "[(（]\\s*编辑[)）]$"), ("(?<=^[a-z]{1,9})\\.png$", "[a-z]{1,9}\\.png$"),
    ("(?<=^(?:ab|c))x", "(?:ab|c)x"), ("(?<=^a|b)c", None), ("(?<=^a)c|d", None), ("(?<=a)c", None),
    ("(?<=^(?=a)a)c", None), ("x(?<=^x)c", None),
])
def test_start_anchored(pattern: str, anchored: str | None) -> None:
    assert start_anchored(pattern) == anchored
    if anchored is not None:
        for text in ["(编辑)", "（ 编辑）", "x(编辑)", "ab.png", "a.png", "1.png", "abx", "cx", "bcx"]:
            assert bool(regex.search(pattern, text)) == bool(regex.match(anchored, text)), (pattern, text)


@pytest.mark.parametrize(("patterns", "joined"), [
    (["a|b", "c"], "(?:a|b)|(?:c)"), (["^x"], "(?:^x)"), ([], ""),
])
def test_one_of(patterns: list[str], joined: str) -> None:
    assert one_of(patterns) == joined


def test_one_of_matches_where_one_pattern_does_first_first() -> None:
    pattern = regex.compile(one_of(["ab|a", "abc"]))
    assert pattern.match("abc").group() == "ab"  # the first pattern's match, as its own `|` tries it
    assert pattern.search("xxabc").start() == 2 and pattern.search("zzz") is None


@pytest.mark.parametrize(("pattern", "anchored"), [
    ("^首页", True), ("^(?:首页|主页)", True), ("^[|｜]\\s*打印", True),  # a bar in a group or class
    ("^首页|主页", False), ("首页", False), ("主页|^首页", False),
])
def test_metadata_is_anchored_reads_only_top_level_bars(pattern: str, anchored: bool) -> None:
    from extract.fields.metadata import is_anchored

    assert is_anchored(pattern) is anchored


def test_the_chrome_patterns_hold_anchored_and_unanchored_ones() -> None:
    """Both kinds stand in metadata.yaml, so chrome_patterns' split is exercised."""
    from extract.fields.metadata import is_anchored, metadata_rules

    patterns = metadata_rules().chrome_line_patterns
    assert any(is_anchored(p) for p in patterns) and not all(is_anchored(p) for p in patterns)
