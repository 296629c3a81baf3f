"""A 整改措施 value → one measure per numbered item.

The first numbering style met sets the measure level; deeper labels stay inside their
measure. Text before the first label is a measure of its own with label None, and an
unlabelled paragraph after a numbered measure continues it.
"""

from __future__ import annotations

import re
from functools import cache

from extract.fields.raw import RawMeasure, piece_at
from extract.segment.numbering import (
    Marker,
    markers_between,
    number_value,
    numbering_rules,
    within_skip_max,
    written_label,
)


def measure_markers(text: str, start: int, end: int) -> list[Marker]:
    """The labels that open measures: the first style found, numbered in sequence (with the
    items of a list run together after its 1., `run_together`)."""
    markers = markers_between(text, start, end)
    if not markers:
        return []
    style = markers[0].style
    chosen: list[Marker] = []
    for marker in markers:
        if marker.style != style:
            continue
        if chosen[-1].n + 1 == marker.n if chosen else within_skip_max(marker):
            chosen.append(marker)
    if chosen and chosen[0].n == 1 and style in run_together_res():
        return run_together(text, chosen, end)
    return chosen


@cache
def run_together_res() -> dict[str, re.Pattern[str]]:
    """Style → its label between what may stand before and after it in a list run together
    (numbering.yaml run_together_styles)."""
    rules = numbering_rules()
    patterns = {s.name: s.pattern for s in rules.styles if s.name in rules.run_together_styles}
    return {name: re.compile(f"(?<=[{rules.run_together_before}])(?:{pattern})(?=[{rules.run_together_after}])")
            for name, pattern in patterns.items()}


def run_together(text: str, chosen: list[Marker], end: int) -> list[Marker]:
    """The labels of a measure list opening with 1., with the next numbers of its style that
    stand run together with the item before them (1.完成改造2.开展治理) put in their turn."""
    pattern = run_together_res()[chosen[0].style]
    found = [chosen[0]]
    later = chosen[1:]
    while True:
        last = found[-1]
        if later and later[0].n == last.n + 1:  # a label found so, after a sentence end: it wins
            found.append(later.pop(0))
            continue
        match = next((match for match in pattern.finditer(text, last.end, later[0].start if later else end)
                      if number_value(match.group("n")) == last.n + 1), None)
        if match is None:
            return found
        found.append(Marker(last.style, last.n + 1, match.start(), match.end(), False))


def split_measures(text: str, start: int, end: int) -> list[RawMeasure]:
    measures: list[RawMeasure] = []
    markers = measure_markers(text, start, end)
    first = markers[0].start if markers else end
    lead = piece_at(text, start, first)
    if lead is not None:
        measures.append(RawMeasure(None, lead))
    for k, marker in enumerate(markers):
        stop = markers[k + 1].start if k + 1 < len(markers) else end
        piece = piece_at(text, marker.end, stop)
        if piece is not None:
            measures.append(RawMeasure(written_label(text, marker), piece))
    return measures
