"""The word list behind the name tie-breaker, written from jieba's dictionary.

`is_name` asks of a two-character piece that starts with a surname whether it is a common
word (常务, 方案) rather than a name (王芳). The answer comes from jieba's dictionary: a
word with at least `common_word_min_freq` (people.yaml) that jieba does not tag as a person
name (`nr`). Loading that dictionary costs each process about 2 s, so the few words the
question can ever be asked of (two characters, surname first) are written once into
rules/common_two_char_words.txt, which loads in milliseconds.

Rewrite the list after changing surnames.txt, the threshold or the jieba version:

    python -m extract.fields.common_words
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from extract.fields.patterns import RULES_DIR

WORDS_FILE = RULES_DIR / "common_two_char_words.txt"
HEADER = (
    "# Two-character words that start with a surname and are common words, not names (常务, 方案):\n"
    "# jieba's dictionary words with at least people.yaml's common_word_min_freq, not tagged `nr`.\n"
    "# Written by `python -m extract.fields.common_words`; do not edit by hand.\n"
)


def jieba_dictionary_path() -> Path:
    import jieba

    return Path(jieba.__file__).parent / "dict.txt"


def common_words(lines: Iterable[str], singles: frozenset[str], compounds: frozenset[str], min_freq: int) -> list[str]:
    """From the lines of a jieba dictionary (`word freq tag`): the two-character words a
    surname opens that are frequent and no person name, sorted."""
    found = set()
    for line in lines:
        parts = line.split()
        if len(parts) < 2 or len(parts[0]) != 2:
            continue
        word, freq, tag = parts[0], int(parts[1]), parts[2] if len(parts) > 2 else ""
        if (word[0] in singles or word in compounds) and freq >= min_freq and not tag.startswith("nr"):
            found.add(word)
    return sorted(found)


def written_list() -> str:
    """The file's text as the installed jieba's dictionary gives it."""
    from extract.fields.people import people_rules, surnames

    singles, compounds = surnames()
    with jieba_dictionary_path().open(encoding="utf-8") as handle:
        words = common_words(handle, singles, compounds, people_rules().common_word_min_freq)
    return HEADER + "".join(f"{word}\n" for word in words)


def main() -> int:
    WORDS_FILE.write_text(written_list(), encoding="utf-8")
    print(f"wrote {WORDS_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
