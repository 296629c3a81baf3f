"""Ruled tables straight from pdfium: the grid of a page's ruling lines, each cell's text
read from the text layer inside its box. About ten times faster than pdfplumber's table
finder, which stays the fallback for pages whose lines do not form one clean grid.

A cell spans several grid columns where the vertical rule between them is missing in
its row (a merged group row), and several grid rows where the horizontal rule between
them is missing in its column (a unit or leader shared by several rows): its text goes
to the top left slot, the others stay empty, as pdfplumber gives it. A cell whose wrapped
lines pdfium joins with a space (a generated one) is read character by character, that
space read as the line break it stands for. Rules drawn as
short segments per cell are fine; a page with rules outside one closed frame (two
tables, a letterhead line) is left to pdfplumber.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

RULE_MAX_THICKNESS = 2.0  # points: a path thinner than this is a ruling line
RULE_MIN_LENGTH = 5.0
SNAP = 1.5  # points: rules this close are one grid line
INSET = 0.6  # points: a cell's text is read slightly inside its rules
MIN_GRID = 2  # rows and columns a grid needs to be a table


@dataclass(frozen=True)
class Rule:
    start: float  # along the rule
    end: float
    at: float  # its x (vertical) or y (horizontal)


@dataclass(frozen=True)
class Grid:
    xs: list[float]  # left to right
    ys: list[float]  # top to bottom (PDF y decreasing)
    horizontal: list[Rule]
    vertical: list[Rule]

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]


def page_objects(page: pdfium.PdfPage, max_depth: int = 2) -> Iterator[tuple[Any, int]]:
    """(handle, type) of every object on the page, into form objects up to `max_depth`
    levels, in the order `page.get_objects(max_depth=…)` gives, read through pdfium's C
    API: the helper builds a Python object per page object (a text page holds thousands of
    glyph runs), which cost a fifth of reading a PDF."""
    raw = page.raw
    stack = [(pdfium_raw.FPDFPage_GetObject(raw, k), 1) for k in reversed(range(pdfium_raw.FPDFPage_CountObjects(raw)))]
    while stack:
        handle, depth = stack.pop()
        kind = pdfium_raw.FPDFPageObj_GetType(handle)
        yield handle, kind
        if kind == pdfium_raw.FPDF_PAGEOBJ_FORM and depth < max_depth:
            count = pdfium_raw.FPDFFormObj_CountObjects(handle)
            stack.extend((pdfium_raw.FPDFFormObj_GetObject(handle, k), depth + 1) for k in reversed(range(count)))


def bounds_of(handle: Any) -> tuple[float, float, float, float] | None:
    """(left, bottom, right, top) of a page object, as PdfObject.get_bounds gives."""
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not pdfium_raw.FPDFPageObj_GetBounds(handle, left, bottom, right, top):
        return None
    return left.value, bottom.value, right.value, top.value


def rules_of(page: pdfium.PdfPage) -> tuple[list[Rule], list[Rule]]:
    """(horizontal, vertical) ruling lines drawn on the page."""
    horizontal, vertical = [], []
    for handle, kind in page_objects(page):
        found = bounds_of(handle) if kind == pdfium_raw.FPDF_PAGEOBJ_PATH else None
        if found is None:
            continue
        left, bottom, right, top = found
        width, height = right - left, top - bottom
        if height <= RULE_MAX_THICKNESS and width >= RULE_MIN_LENGTH:
            horizontal.append(Rule(left, right, (top + bottom) / 2))
        elif width <= RULE_MAX_THICKNESS and height >= RULE_MIN_LENGTH:
            vertical.append(Rule(bottom, top, (left + right) / 2))
    return horizontal, vertical


def snap(values: list[float]) -> list[float]:
    """Positions closer than SNAP merged into one (their mean)."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= SNAP:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


def covered(rules: list[Rule], at: float, low: float, high: float) -> bool:
    """Whether rules at `at` run without a gap from low to high."""
    reach = low
    for rule in sorted((r for r in rules if abs(r.at - at) <= SNAP), key=lambda r: r.start):
        if rule.start > reach + SNAP * 2:
            return False
        reach = max(reach, rule.end)
    return reach >= high - SNAP * 2


def find_grid(page: pdfium.PdfPage) -> Grid | None:
    """The page's ruling lines as one framed grid, or None (no rules, several tables,
    rules outside the frame): pdfplumber's table finder handles those pages."""
    horizontal, vertical = rules_of(page)
    if not horizontal or not vertical:
        return None
    xs = snap([rule.at for rule in vertical])
    ys = sorted(snap([rule.at for rule in horizontal]), reverse=True)
    if len(xs) < MIN_GRID + 1 or len(ys) < MIN_GRID:
        return None
    left, right, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
    framed = (covered(vertical, left, bottom, top) and covered(vertical, right, bottom, top)
              and covered(horizontal, top, left, right) and covered(horizontal, bottom, left, right))
    inside = all(rule.start >= left - SNAP * 2 and rule.end <= right + SNAP * 2 for rule in horizontal) and all(
        rule.start >= bottom - SNAP * 2 and rule.end <= top + SNAP * 2 for rule in vertical)
    return Grid(xs, ys, horizontal, vertical) if framed and inside else None


def has_rule(rules: list[Rule], at: float, low: float, high: float) -> bool:
    """Whether a rule at `at` runs through the middle of the band low..high."""
    middle = (low + high) / 2
    return any(abs(rule.at - at) <= SNAP and rule.start - SNAP <= middle <= rule.end + SNAP for rule in rules)


def cell_origins(grid: Grid) -> list[list[tuple[int, int]]]:
    """For each grid slot (row, column), the slot at the top left of the cell it belongs to:
    a missing rule on a slot's left joins it to its left neighbour, a missing rule above it
    to the slot above (merged cells)."""
    origins: list[list[tuple[int, int]]] = []
    for r, (top, bottom) in enumerate(zip(grid.ys, grid.ys[1:], strict=False)):
        row: list[tuple[int, int]] = []
        for c, (left, right) in enumerate(zip(grid.xs, grid.xs[1:], strict=False)):
            if c > 0 and not has_rule(grid.vertical, left, bottom, top):
                row.append(row[-1])
            elif r > 0 and not has_rule(grid.horizontal, top, left, right):
                row.append(origins[-1][c])
            else:
                row.append((r, c))
        origins.append(row)
    return origins


# a space between two characters that are not ASCII: in a cell, pdfium sometimes writes the
# break between two wrapped lines as a space (a generated character) instead of a line break
WIDE_SPACE_RE = re.compile(r"[^\x00-\x7f] (?=[^\x00-\x7f])")


class PageChars:
    """A page's characters with their boxes, read once, for cells whose text needs them."""

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        count = textpage.count_chars()
        self.text = textpage.get_text_range(0, count) if count else ""
        self.boxes = [textpage.get_charbox(k) for k in range(min(count, len(self.text)))]
        self.generated = [bool(pdfium_raw.FPDFText_IsGenerated(textpage.raw, k)) for k in range(len(self.boxes))]

    def read(self, box: tuple[float, float, float, float]) -> str:
        """The characters whose middle lies in the box, in order; a generated space between a
        character and one that starts a lower line to its left is the line break it stands for."""
        left, bottom, right, top = box
        inside = [k for k, b in enumerate(self.boxes)
                  if left <= (b[0] + b[2]) / 2 <= right and bottom <= (b[1] + b[3]) / 2 <= top]
        out: list[str] = []
        for n, k in enumerate(inside):
            char = self.text[k]
            if char == " " and self.generated[k] and 0 < n < len(inside) - 1:
                before, after = self.boxes[inside[n - 1]], self.boxes[inside[n + 1]]
                if after[0] < before[0] and after[3] <= (before[1] + before[3]) / 2:
                    char = "\n"
            out.append(char)
        return "".join(out)


def read_grid(grid: Grid, textpage: pdfium.PdfTextPage) -> list[list[str]]:
    """Rows of cell texts, top to bottom; a merged cell's text stands in its top left slot,
    the other slots it covers stay empty (as pdfplumber gives them)."""
    origins = cell_origins(grid)
    boxes: dict[tuple[int, int], list[float]] = {}  # origin → [left, bottom, right, top]
    for r, row in enumerate(origins):
        for c, origin in enumerate(row):
            box = boxes.setdefault(origin, [grid.xs[c], grid.ys[r + 1], grid.xs[c + 1], grid.ys[r]])
            box[:] = [min(box[0], grid.xs[c]), min(box[1], grid.ys[r + 1]),
                      max(box[2], grid.xs[c + 1]), max(box[3], grid.ys[r])]
    rows: list[list[str]] = []
    chars: PageChars | None = None
    for r, row in enumerate(origins):
        cells = []
        for c, origin in enumerate(row):
            if origin != (r, c):
                cells.append("")
                continue
            left, bottom, right, top = boxes[origin]
            text = textpage.get_text_bounded(left + INSET, bottom + INSET, right - INSET, top - INSET)
            if WIDE_SPACE_RE.search(text):  # maybe a line break pdfium wrote as a space
                chars = chars or PageChars(textpage)
                text = chars.read((left + INSET, bottom + INSET, right - INSET, top - INSET))
            cells.append(text.replace("\r\n", "\n").replace("\r", "\n").strip())
        rows.append(cells)
    return rows
