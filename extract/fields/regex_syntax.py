"""Reading a rule pattern's structure: its tokens, the `|` that split it at the top level,
its capturing groups; and `one_of`, which writes several patterns as one. Pure functions
over the pattern's text, shared by the stages that take a rule pattern apart to search it
faster (parse/html.py chrome lines and label screens, fields/metadata_rules.py literal-led
parts, segment/outline.py stdlib spelling).

The reading is the `regex` module's for the patterns the rule files hold; what it cannot
read alone (POSIX classes, back references, verbose flags…) is named by TIED_ALTERNATIVES_RE,
and `top_level_alternatives` leaves such a pattern whole."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator
from itertools import pairwise

import regex

# A pattern's tokens: an escape, a character class (a `]` right after `[` or `[^` is a
# member), or one character.
PATTERN_TOKEN_RE = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|.", re.DOTALL)

# The characters with a meaning in a pattern: a pattern holding none is a plain word.
REGEX_SYNTAX = frozenset("\\.^$*+?{}[]()|")

# Constructs that tie the alternatives of a pattern together, so it is not split: back
# references and group calls, branch resets, conditionals, comments, POSIX classes (their
# brackets, which the tokens misread), verbose or version flags, and global flags set
# anywhere but at the start.
TIED_ALTERNATIVES_RE = regex.compile(
    r"\\[1-9]|\\g<|\(\?P[=>]|\(\?[|(R&#0-9+-]|\[:\^?[a-zA-Z]+:\]|\(\?[a-zA-Z]*[xV]|(?<!^)\(\?[a-zA-Z]+\)")
LEADING_FLAGS_RE = regex.compile(r"^\(\?[a-zA-Z]+\)")


def pattern_tokens(pattern: str) -> list[str]:
    """The pattern's tokens in order (joined, they are the pattern)."""
    return PATTERN_TOKEN_RE.findall(pattern)


def is_plain_word(pattern: str) -> bool:
    """Whether the pattern matches only itself: it holds no regex syntax."""
    return not REGEX_SYNTAX & set(pattern)


def structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(offset, character, groups open before it) of every `(`, `)` and `|` of the
    pattern from start on, escapes and character classes passed over."""
    depth = 0
    for token in PATTERN_TOKEN_RE.finditer(pattern, start):
        char = token.group()
        if char in ("(", ")", "|"):
            yield token.start(), char, depth
            depth += (char == "(") - (char == ")")


def top_level_bars(pattern: str, start: int = 0) -> list[int]:
    """The offsets of the `|` outside groups and classes, from start on."""
    return [at for at, char, depth in structure(pattern, start) if char == "|" and depth == 0]


def top_level_alternatives(pattern: str) -> list[str]:
    """`A|B|C` → [A, B, C] (global flags at the start go with each), splitting only at
    `|` outside groups; [pattern] when it has no top-level `|` or is not to be split
    (TIED_ALTERNATIVES_RE). Each alternative searched alone finds what the whole finds
    with it."""
    if TIED_ALTERNATIVES_RE.search(pattern):
        return [pattern]
    flags = LEADING_FLAGS_RE.match(pattern)
    prefix = flags.group() if flags else ""
    bars = top_level_bars(pattern, len(prefix))
    if not bars:
        return [pattern]
    cuts = [len(prefix) - 1, *bars, len(pattern)]
    return [prefix + pattern[left + 1:right] for left, right in pairwise(cuts)]


def captures(pattern: str) -> bool:
    """Whether the pattern holds a capturing group."""
    def named(at: int) -> bool:
        return pattern.startswith(("(?P<", "(?<"), at) and not pattern.startswith(("(?<=", "(?<!"), at)

    return any(char == "(" and (not pattern.startswith("(?", at) or named(at)) for at, char, _ in structure(pattern))


def one_of(patterns: Iterable[str]) -> str:
    """`(?:A)|(?:B)|…`: one pattern that matches where one of the patterns does, tried in
    their order, each in a group of its own so that its `|` stay its own. (Of no pattern it
    is the empty pattern, which matches everywhere: callers guard that.)"""
    return "|".join(f"(?:{pattern})" for pattern in patterns)


# A class of literal characters only (no range, escape, negation or nested class): `[权權]`.
LITERAL_CLASS_RE = re.compile(r"\[[^\]\\^\-\[]+\]")


def spelled_words(pattern: str, most: int = 256) -> list[str] | None:
    """The words a pattern of plain characters and classes of literal characters matches
    (`版[权權]所有` → [版权所有, 版權所有]), or None for any other pattern or more than `most`
    words."""
    choices: list[str] = []
    for token in pattern_tokens(pattern):
        if LITERAL_CLASS_RE.fullmatch(token):
            choices.append(token[1:-1])
        elif len(token) == 1 and token not in REGEX_SYNTAX:
            choices.append(token)
        else:
            return None
    if not choices or math.prod(map(len, choices)) > most:
        return None
    return ["".join(letters) for letters in itertools.product(*choices)]


def start_anchored(pattern: str) -> str | None:
    """`(?<=^X)Y` → `XY`, which matched at the string's start says what the pattern searched
    anywhere says (a match of it can only start where `X` ends, `X` opening the string);
    None for any other pattern (alternatives outside the lookbehind, a `|` or a group with
    flags or lookarounds inside it)."""
    if not pattern.startswith("(?<=^") or top_level_bars(pattern):
        return None
    for at, char, depth in structure(pattern):
        if depth == 1 and char in ")|":
            inside = pattern[len("(?<=^"):at]
            return inside + pattern[at + 1:] if char == ")" and "(?" not in inside.replace("(?:", "") else None
    return None
