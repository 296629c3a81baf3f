"""A 整改措施 value → one measure per numbered item.

The first numbering style met sets the measure level; deeper labels stay inside their
measure. Text before the first label is a measure of its own with label None, and an
unlabelled paragraph after a numbered measure continues it.
"""

from __future__ import annotations

from extract.fields.raw import RawMeasure, piece_at
from extract.segment.numbering import Marker, markers_between, within_skip_max, written_label


def measure_markers(text: str, start: int, end: int) -> list[Marker]:
    """The labels that open measures: the first style found, numbered in sequence."""
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
    return chosen


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
