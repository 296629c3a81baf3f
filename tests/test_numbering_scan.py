"""The label scans of the segmenter against simple references: markers_between against
find_markers, the label-start screen class against its class at every code point, the
reworded barrier line against its first wording."""

from __future__ import annotations

from extract.segment.numbering import find_markers
from tests.conftest import seed_path
from tests.test_segment import _marker_texts


def test_markers_between_agrees_with_find_markers() -> None:
    """markers_between reads whole lines from the stretches already scanned: over any range,
    whatever was scanned before, it finds what find_markers finds."""
    import random

    from extract.segment.numbering import markers_between, scanned_lines

    rng = random.Random(13)
    texts = [*_marker_texts(), *(path.read_text(encoding="utf-8") for path in seed_path("00").parent.glob("*.txt"))]
    for text in texts:
        scanned_lines.cache_clear()
        for _ in range(30):
            start = rng.randint(0, len(text))
            end = rng.randint(start, min(len(text), start + rng.choice([3, 12, 40, 400, 4000])))
            if rng.random() < 0.3:  # a range of whole lines, as the outline asks for
                start = text.rfind("\n", 0, start) + 1
                end = len(text) if text.find("\n", end) < 0 else text.find("\n", end)
            assert markers_between(text, start, end) == find_markers(text, start, end), (text, start, end)


def test_no_label_begins_where_may_open_label_says_none_may() -> None:
    """may_open_label screens the start of a value (segment/tasks.without_lone_label): at
    every position it refuses, find_markers finds no label starting there."""
    from extract.segment.numbering import may_open_label

    texts = [*_marker_texts(), *(path.read_text(encoding="utf-8") for path in seed_path("00").parent.glob("*.txt"))]
    refused = opened = 0
    for text in texts:
        for pos in range(len(text)):
            markers = find_markers(text, pos, min(len(text), pos + 20))
            if not may_open_label(text, pos):
                refused += 1
                assert not markers or markers[0].start != pos, (text[pos:pos + 20], pos)
            elif markers and markers[0].start == pos:
                opened += 1
    assert refused and opened


def test_screen_class_holds_the_class_and_all_of_the_bmp_it_holds() -> None:
    """label_start_re's screen: the same characters as the class in the BMP (checked at every
    code point), and every character beyond it."""
    import re

    from extract.segment.numbering import every_bmp_character, numbering_rules, screen_class

    bmp = every_bmp_character()
    assert bmp == "".join(map(chr, range(0x10000)))
    beyond = "".join(map(chr, range(0x10000, 0x110000)))
    starts = "".join(s.starts for s in numbering_rules().styles)
    for body in (starts, r"\d", r"\s", "a-c", "\x00", "\uffff", "\x00-\uffff", "^a"):
        screen = re.compile(f"[{screen_class(body)}]")
        assert screen.findall(bmp) == re.findall(f"[{body}]", bmp), body
        assert len(screen.findall(beyond)) == len(beyond), body


def test_barrier_lines_match_what_they_matched_as_first_written() -> None:
    """The title line of numbering.yaml was reworded (a possessive run and a look back, no
    backtracking): it must take the lines the first wording took."""
    import random

    import regex

    from extract.segment.numbering import numbering_rules
    from extract.segment.outline import barrier_re

    words = "通知|方案|清单|报告|公示|公告|意见|决定|办法|说明"
    first = regex.compile("^(?:" + "|".join(
        [numbering_rules().barrier_lines[0], f".{{2,80}}(?:{words})", *numbering_rules().barrier_lines[2:]]) + ")$")
    rng = random.Random(17)
    pieces = [*words.split("|"), "通", "知", "\n", "附件", "2021年", "5月", "6日", "a", " ", "x" * 39]
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(20000)]
    lines += [line for path in seed_path("00").parent.glob("*.txt") for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        assert bool(barrier_re().match(line)) == bool(first.match(line)), line


def test_barrier_line_check_agrees_with_the_regex_module_patterns() -> None:
    """is_barrier_line matches the numbering.yaml lines with the stdlib re module (\\s spelled
    out as the regex module's): it must take the lines the regex module took."""
    import random

    import regex

    from extract.segment.numbering import numbering_rules
    from extract.segment.outline import is_barrier_line

    rules = numbering_rules()
    closing = regex.compile("^(?:" + "|".join(rules.closing_lines) + ")$")
    barrier = regex.compile("^(?:" + "|".join(rules.barrier_lines) + ")$")
    rng = random.Random(19)
    pieces = ["附件", "特此", "公告", "公示期为", "如有异议", "通知", "方案", "2021年", "5月", "6日", "二〇二一年", "五月",
              "十日", "。", ":", "1", "١", "５", " ", "\u3000", "\xa0", "\x1c", "\x1f", "\n", "a", "x" * 30]
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    for line in lines:
        expected = len(line) <= 90 and (bool(closing.match(line)) or ("。" not in line and bool(barrier.match(line))))
        assert is_barrier_line(line) == expected, line


def test_bracket_screen_passes_every_bracket_tail() -> None:
    """closes_bracket is looked at before BRACKET_TAIL_RE is searched: wherever the pattern
    matches, the screen must pass."""
    import random

    from extract.segment.tasks import BRACKET_TAIL_RE, closes_bracket

    rng = random.Random(23)
    pieces = ["(", ")", "（", "）", "市林草局", "牵头", ",", "。", ";", "；", " ", "\n", "\u3000", "\x1c", "2021年底前"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        if BRACKET_TAIL_RE.search(text, start, end):
            assert closes_bracket(text, start, end), (text, start, end)


def test_separated_hits_agree_with_the_label_pattern_from_the_front() -> None:
    """separated_hits finds `label:` from the separators back, in the reversed text: it must
    find what label_re finds scanning from the front."""
    import random

    from extract.fields.patterns import label_lookup, label_re
    from extract.segment.tasks import reversed_separated_res, separated_hits

    assert reversed_separated_res() is not None  # else the scan from the front is used
    lookup = label_lookup()
    labels = list(lookup)
    rng = random.Random(29)
    pieces = [":", "：", "】", "【", " ", "\u3000", "\xa0", "\n", "。", "(", "要", "任", "甲", "情况"]
    for _ in range(5000):
        text = "".join(rng.choice(labels) if rng.random() < 0.4 else rng.choice(pieces)
                       for _ in range(rng.randint(0, 16)))
        expected = [(lookup[m["label"]], m.start(), m.end()) for m in label_re().finditer(text)]
        assert [tuple(hit) for hit in separated_hits(text)] == expected, text


def _piece_as_first_written(text: str, start: int, end: int, offset: int = 0) -> tuple[str, tuple[int, int]] | None:
    while start < end and (text[start].isspace() or text[start] in ":：,，;；|"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",，;；|(（【["):
        end -= 1
    while end > start and text[end - 1] in ")）" and (
            text[start:end].count("(") + text[start:end].count("（")
            < text[start:end].count(")") + text[start:end].count("）")):
        end -= 1
    return (text[start:end], (start + offset, end + offset)) if start < end else None


def test_piece_at_agrees_with_its_character_loops() -> None:
    """piece_at strips with str.lstrip/rstrip: it must cut what the loops over the characters
    cut, and its white space must be every character str.isspace() takes."""
    import random

    from extract.fields.patterns import ISSPACE_CHARS
    from extract.fields.raw import piece_at

    assert set(ISSPACE_CHARS) == {char for char in map(chr, range(0x110000)) if char.isspace()}
    rng = random.Random(31)
    pieces = [":", "：", ",", "，", ";", "；", "|", "(", "（", "【", "[", ")", "）", " ", "\n", "\u3000", "\x1c", "\xa0",
              "市林草局", "牵头", "。", "a"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        offset = rng.choice([0, 7])
        found = piece_at(text, start, end, offset)
        assert (None if found is None else (found.text, found.span)) == _piece_as_first_written(text, start, end, offset)


def test_no_label_holds_a_place_where_another_could_count() -> None:
    """label_start_re tries only places after a gate character (or at a sign that counts
    anywhere), so the labels it passes over hide nothing: a label holds no gate character
    before its last and no such sign after its first."""
    import random
    import re

    import regex

    from extract.segment.numbering import every_bmp_character, label_gate, numbering_rules

    styles = numbering_rules().styles
    gate = set(regex.findall(f"[{label_gate()}]", every_bmp_character()))
    anywhere = set(re.findall(f"[{''.join(s.starts for s in styles if s.anywhere)}]", every_bmp_character()))
    parts = ["第", "(", ")", "（", "）", "项", "问题", "是", "、", ".", "．", ",", "，", ":", "：", "。", ";", " ", "\n",
             "\u3000", "一", "二", "十", "百", "两", "〇", "1", "2", "0", "١", "５", "①", "⑳", "批", "和", "(1", "12)", "(一",
             "三)", "第十", "二项", "【", "】", "【问题", "【第", "项】", "1.2", "1.2.3", "其", "其一", "【问题1】",
             "【第1项】", "反馈问题第", "督察反馈意见第", "反馈问题第3项:"]
    rng = random.Random(37)
    seen = {style.name: 0 for style in styles}
    for style in styles:
        pattern = re.compile(style.pattern)
        for _ in range(4000):
            text = "".join(rng.choice(parts) for _ in range(rng.randint(1, 8)))
            for match in pattern.finditer(text):
                label = match.group()
                seen[style.name] += 1
                assert not gate & set(label[:-1]) and not anywhere & set(label[1:]), (style.name, label)
    assert all(seen.values()), seen
