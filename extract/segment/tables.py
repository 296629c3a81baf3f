"""Task tables: a table whose header names task fields becomes tasks, one per row.

    block → find_header (header band, column → field) → rows_to_raw_tasks (group rows,
    sequence cells, sub-rows) → RawTask per row

Header cells map to fields by the synonyms of rules/labels.yaml, then rules/tables.yaml
(whitespace and fill-in notes ignored: `整改时\\n限`, `责任单位(第一个为牵头单位)`; a short
cell that contains a label: `市级责任领导`), in any column order. The header may stand
below title rows and may take two rows (`责任主体` over `责任领导 | 责任单位`).

A group row (`一、例行督察反馈问题(9项)`: one text across the row, alone in a cell, or a
Chinese numeral in the 序号 cell beside one short text) sets the category of the rows
below it, as does a category column (`问题类别`). Sequence cells read `1`, `1.`,
`17(一)` → `17.1`, `序号8(市序号9)` → `8`. A row with an empty 序号 cell continues the
task above (a vertically merged row): its measures are added, and when it holds a
problem of its own it becomes a part `N.k` that shares the merged cells. Repeated
header rows are skipped. Tables split over pages are joined by `merge_continued_tables`
before the text is composed. Each status column (`整改进展 | 销号意见`) is a status row of
the task labelled by its header, a yes/no column (`是否销号`) its answer, for
fields/status.py to weigh. A complaint table's region column (`受理编号 | 交办问题基本情况 |
行政区域 | … | 处理和整改情况`) gives each row its place (RawTask.regions): its units where
it names none.

A summary of counts is no task table: a header naming a count (`整改任务数`, which holds the
label `整改任务`; `问题数量(个)`, `完成率`: tables.yaml `count_header_ends`, `count_units`) names no
field, and a table whose problem column holds figures in most rows (`甲县 | 12 | 10 | 83%` under
`反馈问题`) is a summary however its header reads. Its 合计 row is the notice's progress
(fields/metadata.py `table_progress`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex
from pydantic import BaseModel, ConfigDict

from extract.fields.patterns import REGION, TASK_FIELDS, header_key, label_lookup, load_yaml
from extract.fields.raw import STATUS_FLAG, Piece, RawTask, piece_at
from extract.normalize import is_page_number_line
from extract.segment.measures import split_measures
from extract.segment.numbering import GROUP_COUNT_RE, category_name, find_markers, number_value, task_naming_styles
from schemas.blocks import Block, BlockKind, Cell

MIN_HEADER_FIELDS = 2
# A table is a task table only with one of these columns (a contacts table is not).
CORE_FIELDS = frozenset({"problem", "target", "deadline", "lead_units", "responsible_units", "measures"})
CATEGORY = "category"  # a column naming the list a row stands in: no Task field of its own
OTHER = ""  # a header label that carries nothing a task keeps (备注, 联系电话, 问题来源)
UNIT_COLUMNS = ("lead_units", "responsible_units")
PEOPLE_COLUMNS = ("leaders", "persons")  # a merged task's sub-rows name more of them too
# The columns of an adjustment table naming the field in each row (调整事项 | 调整前 | 调整后)
ADJUSTED_FIELD, ADJUSTED_BEFORE, ADJUSTED_AFTER = "@adjusted_field", "@adjusted_old", "@adjusted_new"
ADJUSTED_COLUMNS = frozenset({ADJUSTED_FIELD, ADJUSTED_BEFORE, ADJUSTED_AFTER})


class TableRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    header_search_rows: int
    max_header_chars: int
    header_note_pattern: str
    header_synonyms: dict[str, list[str]]
    status_flag_headers: list[str]
    category_headers: list[str]
    other_headers: list[str]
    region_headers: list[str]
    count_headers: list[str]
    count_header_ends: list[str]
    count_units: list[str]
    adjusted_before_marks: list[str]
    adjusted_after_marks: list[str]
    adjusted_field_headers: list[str]
    adjusted_before_headers: list[str]
    adjusted_after_headers: list[str]
    seq_prefixes: list[str]
    seq_outer_label_pattern: str
    seq_code_pattern: str
    summary_rows: list[str]
    footer_labels: list[str]
    note_labels: list[str]
    max_group_chars: int
    default_sheet_names: str


@cache
def table_rules() -> TableRules:
    rules = TableRules.model_validate(load_yaml("tables.yaml"))
    unknown = set(rules.header_synonyms) - set(TASK_FIELDS)
    if unknown:
        raise ValueError(f"tables.yaml names unknown fields: {sorted(unknown)}")
    return rules


@cache
def header_lookup() -> dict[str, str]:
    """Every header label → canonical field, CATEGORY, STATUS_FLAG, REGION, OTHER or one of
    ADJUSTED_COLUMNS."""
    rules = table_rules()
    lookup = dict(label_lookup())
    for field_name, labels in rules.header_synonyms.items():
        lookup.update({label: field_name for label in labels})
    lookup.update({label: CATEGORY for label in rules.category_headers})
    lookup.update({label: STATUS_FLAG for label in rules.status_flag_headers})
    lookup.update({label: OTHER for label in rules.other_headers})
    lookup.update({label: REGION for label in rules.region_headers})
    adjusted = {ADJUSTED_FIELD: rules.adjusted_field_headers, ADJUSTED_BEFORE: rules.adjusted_before_headers,
                ADJUSTED_AFTER: rules.adjusted_after_headers}
    for name, labels in adjusted.items():
        lookup.update({label: name for label in labels})
    return lookup


@cache
def header_note_re() -> regex.Pattern[str]:
    return regex.compile(table_rules().header_note_pattern)


def alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def count_res() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """(a header ending as a count does: 整改任务数, 完成率, 问题数量(个), 整改任务(项); a
    count cell: 12, 12项, 83.3%; a digit, which no count header holds)."""
    rules = table_rules()
    units = alternation(rules.count_units)
    note = rf"[(（](?:{units})[)）]"
    return (regex.compile(rf"^\p{{Han}}.*?(?:(?:{alternation(rules.count_header_ends)})(?:{note})?|{note})$"),
            regex.compile(rf"^\d+(?:\.\d+)?(?:{units})?$"),
            regex.compile(r"\d"))


def count_label(key: str) -> bool:
    """Whether a header key (header_key) names a count by its ending: 整改任务数 (which
    holds 整改任务), 问题数量(个), 完成率(%), 整改任务(项)."""
    ending, _, digit = count_res()
    return len(key) <= table_rules().max_header_chars and digit.search(key) is None \
        and ending.match(key) is not None


def is_count_header(text: str) -> bool:
    """A summary table's column header: a count by its ending (count_label) or one of the
    progress words (已完成, 正在推进), which in a task table's cells are status values."""
    key = header_key(text)
    return bool(key) and (count_label(key) or header_note_re().sub("", key) in table_rules().count_headers)


def is_count_cell(text: str) -> bool:
    """A figure counting things: 12, 12项, 83.3%."""
    return count_res()[1].match("".join(text.split())) is not None


SENTENCE_RE = regex.compile(r"[。，,；;！？!?]")  # a header label is no sentence
JOINER_RE = regex.compile(r"[及和与、/]")


@cache
def contained_labels() -> tuple[tuple[str, str], ...]:
    """(label, field) pairs, longest label first."""
    return tuple(sorted(header_lookup().items(), key=lambda item: (-len(item[0]), item[0])))


def cell_label(text: str) -> str | None:
    """What a header cell names: a canonical field, CATEGORY, STATUS_FLAG, REGION, OTHER, or
    None (no label)."""
    key = header_key(text)
    if not key:
        return None
    adjusted = adjusted_label(key)
    if adjusted is not None:
        return adjusted
    lookup = header_lookup()
    if key in lookup:
        return lookup[key]
    if count_label(key):  # 整改任务数, 问题数量(个): a count, though it holds a label
        return OTHER
    key = header_note_re().sub("", key).rstrip(":：")
    if key in lookup:
        return lookup[key]
    if not key or len(key) > table_rules().max_header_chars or SENTENCE_RE.search(key):
        return None
    parts = [p for p in JOINER_RE.split(key) if p]  # 责任单位及配合单位: the first part that names one
    named = [lookup[p] for p in parts if p in lookup]
    if len(parts) > 1 and named:
        return named[0]
    # 市级责任领导, 督察反馈问题内容: a label covering at least half the cell, earliest first
    hits = [(key.find(label), -len(label), name) for label, name in contained_labels()
            if label in key and len(label) * 2 >= len(key)]
    return min(hits)[2] if hits else None


BEFORE_SUFFIX = "_before"  # an adjustment table's old-value column: deadline_before
ADJUSTABLE = frozenset(TASK_FIELDS) - {"seq", "problem", "status"}


@lru_cache(maxsize=4096)  # asked of every header-like cell, mostly the same few texts
def adjusted_label(key: str) -> str | None:
    """The field of an adjustment table's old-value (`<field>_before`) or new-value column:
    原整改时限, 整改时限(调整前), 调整后责任单位; None for any other cell."""
    rules = table_rules()
    for marks, suffix in ((rules.adjusted_before_marks, BEFORE_SUFFIX), (rules.adjusted_after_marks, "")):
        for mark in sorted(marks, key=len, reverse=True):
            rest = next((r for r in (key.removeprefix(mark), key.removesuffix(mark), key.removesuffix(f"({mark})"),
                                     key.removesuffix(f"（{mark}）")) if r != key and r), None)
            name = cell_label(rest) if rest is not None else None
            if name in ADJUSTABLE:
                return f"{name}{suffix}"
    return None


def with_adjusted_columns(columns: dict[int, str], labels: dict[int, list[str]]) -> dict[int, str]:
    """An adjustment table's columns: an old-value column with no new one beside it is the
    field itself; the rows refer to tasks of the list they amend, so of several number
    columns the last (问题编号 after the row's own 序号) gives the task's number."""
    if not any(name.endswith(BEFORE_SUFFIX) or name == ADJUSTED_FIELD for name in columns.values()):
        return columns
    named = set(columns.values())
    columns = {k: (f.removesuffix(BEFORE_SUFFIX) if f.removesuffix(BEFORE_SUFFIX) not in named else f)
               for k, f in columns.items()}
    seq_columns = [k for k, names in labels.items() if "seq" in names]
    if len(seq_columns) > 1:
        columns = {k: f for k, f in columns.items() if f != "seq"} | {seq_columns[-1]: "seq"}
    return dict(sorted(columns.items()))


# Fields that may stand in several columns: OTHER, status (整改进展 | 销号意见: each
# column a status row of the task, the one telling the status picked by its label), and
# people (责任领导 over 牵头领导 | 责任领导: each column's names are the task's).
MANY_COLUMNS = frozenset({OTHER, "status", *PEOPLE_COLUMNS})


def row_labels(row: list[Cell]) -> dict[int, str]:
    """Column → label for the cells of a row that name one; a field keeps its first column
    (but MANY_COLUMNS)."""
    mapped: dict[int, str] = {}
    for index, cell in enumerate(row):
        name = cell_label(cell.text)
        if name in MANY_COLUMNS or (name and name not in mapped.values()):
            mapped[index] = name
    return mapped


def filled_texts(row: list[Cell]) -> list[str]:
    return [cell.text.strip() for cell in row if cell.text.strip()]


def is_label_row(row: list[Cell]) -> bool:
    """A row of short header labels (the second row of a two-row header, or a repeated
    header): at least two distinct texts, all short, most of them labels."""
    texts = set(filled_texts(row))
    if len(texts) < 2:
        return False
    limit = table_rules().max_header_chars
    if any(len("".join(t.split())) > limit * 2 for t in texts):
        return False
    if any(is_seq_cell(t) and cell_label(t) is None for t in texts):  # 一 | 例行督察…
        return False
    labelled = [t for t in texts if cell_label(t) is not None]
    return any(cell_label(t) for t in labelled) and len(labelled) * 2 >= len(texts)


@dataclass(frozen=True)
class Header:
    """Rows `first`..`end - 1` hold the header; `columns` maps column → field."""

    first: int
    end: int
    columns: dict[int, str] = field(default_factory=dict)
    keys: frozenset[tuple[str, ...]] = frozenset()  # the header rows as row_key gives them
    texts: dict[int, str] = field(default_factory=dict)  # column → the header cell naming it (整改进展)

    def column_of(self, name: str) -> int | None:
        return next((k for k, f in self.columns.items() if f == name), None)


def task_fields(mapped: dict[int, str]) -> set[str]:
    return {f for f in mapped.values() if f in TASK_FIELDS}


def find_header(block: Block) -> Header | None:
    """The header band of a task table: the row naming the most task fields among the
    first rows, with the label rows right above and below it (a two-row header)."""
    rows = block.rows
    best: tuple[int, set[str]] | None = None
    for index, row in enumerate(rows[: table_rules().header_search_rows]):
        fields = task_fields(row_labels(row))
        if len(fields) >= MIN_HEADER_FIELDS and CORE_FIELDS & fields:
            # with the label rows under it (责任主体 over 牵头单位 | 配合单位): a header printed
            # again lower down in one row names no more than the first band, which wins
            below = index + 1
            while below < len(rows) and is_label_row(rows[below]):
                fields |= task_fields(row_labels(rows[below]))
                below += 1
            if best is None or len(fields) > len(best[1]):
                best = (index, fields)
    if best is None:
        return None
    first, end = best[0], best[0] + 1
    while first > 0 and is_label_row(rows[first - 1]):
        first -= 1
    while end < len(rows) and is_label_row(rows[end]):
        end += 1
    columns: dict[int, str] = {}
    texts: dict[int, str] = {}
    labels: dict[int, list[str]] = {}  # every label of a column, the repeated ones too
    for row in rows[first:end]:  # a lower row names the sub-columns of a spanning label
        named = row_labels(row)  # (a field this row names leaves the columns an upper row gave it)
        columns = {k: f for k, f in columns.items() if k in named or f == OTHER or f not in named.values()}
        for index, name in named.items():
            columns[index] = name
            texts[index] = "".join(row[index].text.split())
        for index, cell in enumerate(row):
            labels.setdefault(index, []).append(cell_label(cell.text) or "")
    columns = with_adjusted_columns(columns, labels)
    if counts_in_problem_column(rows[end:], columns):
        return None
    return Header(first, end, columns, frozenset(row_key(row) for row in rows[first:end]), texts)


def counts_in_problem_column(rows: list[list[Cell]], columns: dict[int, str]) -> bool:
    """Most filled cells of the problem column are figures (12, 83%): a summary of counts
    per county or department under a header naming the problems counted (反馈问题)."""
    column = next((k for k, name in columns.items() if name == "problem"), None)
    if column is None:
        return False
    cells = [row[column].text for row in rows
             if column < len(row) and row[column].text.strip() and not (row and is_summary(row[0].text))]
    return sum(is_count_cell(text) for text in cells) * 2 > len(cells)


def row_key(row: list[Cell]) -> tuple[str, ...]:
    """A row's texts with whitespace removed: a header wrapped anew on each page still matches."""
    return tuple("".join(cell.text.split()) for cell in row)


def is_adjustment_table(block: Block) -> bool:
    """A task table with old-value columns (原整改时限 beside 调整后整改时限): its rows amend
    tasks listed elsewhere."""
    header = find_header(block) if block.kind is BlockKind.table else None
    return header is not None and any(name.endswith(BEFORE_SUFFIX) or name == ADJUSTED_FIELD
                                      for name in header.columns.values())


def is_task_table(block: Block) -> bool:
    return block.kind is BlockKind.table and find_header(block) is not None and not is_record_table(block)


def is_repeated_header(row: list[Cell], header: Header) -> bool:
    """A header row again (a table continued over pages): one of the header's rows, or a
    label row whose labels stand in the header's columns."""
    if row_key(row) in header.keys:
        return True
    if not is_label_row(row):
        return False
    return all(header.columns.get(k, OTHER) == f for k, f in row_labels(row).items())


# ---------------------------------------------------------------- sequence cells


@cache
def seq_re() -> regex.Pattern[str]:
    rules = table_rules()
    prefixes = "|".join(regex.escape(p) for p in sorted(rules.seq_prefixes, key=len, reverse=True))
    return regex.compile(
        rf"^\s*(?:{rules.seq_outer_label_pattern}(?=(?:{prefixes})\s*[\d一二三四五六七八九十百]))?"
        rf"(?:{prefixes})?\s*(?P<n>\d{{1,4}}|[一二三四五六七八九十百]{{1,4}})(?:项|号)?\s*"
        r"(?:[.、．]?\s*[(（](?P<sub>[一二三四五六七八九十]{1,3}|\d{1,2})[)）]"  # 17(一), 17(2)
        r"|[.．\-－—_](?P<dsub>\d{1,2})(?![\d.．]))?")  # 17.1, 17-1


def seq_of(raw: str) -> str | None:
    """`17(一)` → `17.1`; `17-2` → `17.2`; `8(市序号9)` → `8`; `一、第12项` → `12`; anything else → None."""
    match = seq_re().match(raw.strip())
    if match is None:
        return None
    n = number_value(match["n"])
    if n is None:
        return None
    sub_raw = match["sub"] or match["dsub"]
    sub = number_value(sub_raw) if sub_raw else None
    return f"{n}.{sub}" if sub else str(n)


def seq_or_code(raw: str) -> str | None:
    """`seq_of`, else a case number written as a code (D3GS202306150012) as it stands."""
    found = seq_of(raw)
    if found is None and seq_code_re().match(raw.strip()):
        return raw.strip()
    return found


@cache
def seq_code_re() -> re.Pattern[str]:
    return re.compile(table_rules().seq_code_pattern)


def is_seq_cell(raw: str) -> bool:
    """The whole cell is a sequence number (`8(市序号9)` too), not a heading opened by one."""
    match = seq_re().match(raw.strip())
    if match is None or seq_of(raw) is None:
        return False
    rest = raw.strip()[match.end():].strip()
    return not rest or (rest[0] in "(（" and rest[-1] in ")）")


def is_summary(raw: str) -> bool:
    key = "".join(raw.split())
    return any(key.startswith(word) for word in table_rules().summary_rows)


@cache
def footer_res() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """(a signing label opening a text: 填报人:, a note label opening a text: 注1:)."""
    rules = table_rules()
    return (regex.compile(rf"^(?:{alternation(rules.footer_labels)})\s*[:：]"),
            regex.compile(rf"^(?:{alternation(rules.note_labels)})\s*\d{{0,2}}\s*[:：]"))


def is_footer_row(row: list[Cell]) -> bool:
    """A row signing or annotating the list (填报人:… | 审核人:…, a lone 注:…): no task."""
    texts = list(dict.fromkeys("".join(t.split()) for t in filled_texts(row)))
    signing, note = footer_res()
    if len(texts) == 1 and note.match(texts[0]):
        return True
    return bool(texts) and all(signing.match(t) for t in texts)


# ---------------------------------------------------------------- group rows

CHINESE_LABEL_RE = regex.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}|[(（][一二三四五六七八九十]{1,3}[)）])\s*[、.．]?\s*$")


def heading_like(text: str) -> bool:
    """A group heading: short, and opened by a 一、/(一) label or closed by a count (9项)."""
    if len(text) > table_rules().max_group_chars:
        return False
    markers = find_markers(text)
    labelled = bool(markers) and markers[0].start == 0 and markers[0].style in ("chinese_dun", "chinese_paren")
    return labelled or GROUP_COUNT_RE.search(text) is not None


def group_text(row: list[Cell], header: Header) -> str | None:
    """The text of a group row, or None for a task row."""
    filled = [(k, c.text.strip()) for k, c in enumerate(row) if c.text.strip()]
    if not filled or len(row) < 3:
        return None
    texts = {t for _, t in filled}
    seq_column = header.column_of("seq")
    if len(texts) == 1 and len(filled) == len(row):  # merged across: the text in every column
        return filled[0][1]
    if len(filled) == 1:
        index, text = filled[0]
        # a merged row read as one cell (PDF, XLSX): any non-number in 序号, or a heading
        # left of the problem column (a lone `(二)…` further right is a cell's next line)
        key_column = seq_column if seq_column is not None else 0
        if index == key_column:
            return None if is_seq_cell(text) else text
        problem_column = header.column_of("problem")
        left = index <= (problem_column if problem_column is not None else key_column + 1)
        return text if left and heading_like(text) else None
    if len(filled) == 2 and seq_column is not None and filled[0][0] == seq_column:
        # 一 | 例行督察反馈问题: the rest of the row merged after a Chinese numeral
        label, text = filled[0][1], filled[1][1]
        if CHINESE_LABEL_RE.match(label) and len(text) <= table_rules().max_group_chars:
            return f"{label.rstrip('、.．')}、{text}" if not label.startswith(("(", "（")) else label + text
    return None


def named_task(group: str) -> int | None:
    """The number of the task a group row names, its label alone after a heading's
    (`一、第12项:`, `(二)问题三`, `第12项`): the rows under it are that task's; None for a
    category heading (`一、例行督察反馈问题`) or a label with more after it."""
    markers = find_markers(group)
    at = markers[0].end if markers and markers[0].start == 0 and markers[0].style in HEADING_STYLES else 0
    naming = next((m for m in markers if m.start >= at), None)
    if naming is None or naming.style not in task_naming_styles() or group[at:naming.start].strip():
        return None
    return naming.n if not group[naming.end:].strip(GROUP_LABEL_TAIL) else None


HEADING_STYLES = ("chinese_dun", "chinese_paren")  # a group heading's own label (一、, (一))
GROUP_LABEL_TAIL = " :：,，、.．"  # what may close a task's label standing alone


def named_seq(number: int, under: list[RawTask]) -> str:
    """The seq of the next task row under a group row naming task `number`: the number for
    the first; with more, each is a part (12.1, 12.2 …, the first renamed)."""
    if not under:
        return str(number)
    if len(under) == 1:
        under[0].seq = f"{number}.1"
    return f"{number}.{len(under) + 1}"


# ---------------------------------------------------------------- rows → tasks


def cell_piece(row: list[Cell], index: int | None, text: str) -> Piece | None:
    if index is None or index >= len(row) or row[index].span is None:
        return None
    start, end = row[index].span  # type: ignore[misc]
    return piece_at(text, start, end)


def is_part_of(seq: str, previous: str) -> bool:
    """`5.1` after `5` or `5.1`: a part of the same numbered item."""
    base, dot, _ = seq.partition(".")
    return bool(dot) and previous.partition(".")[0] == base


def row_span(row: list[Cell]) -> tuple[int, int] | None:
    spans = [cell.span for cell in row if cell.span is not None and cell.span[0] < cell.span[1]]
    return (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else None


def row_to_raw_task(row: list[Cell], header: Header, seq: str, text: str,
                    category: str | None) -> RawTask | None:
    span = row_span(row)
    if span is None:
        return None
    raw = RawTask(seq=seq, span=span, category=category)
    for index, name in header.columns.items():
        if name in ("seq", CATEGORY, OTHER) or name in ADJUSTED_COLUMNS:
            continue
        piece = cell_piece(row, index, text)
        if piece is None:
            continue
        if name == "problem":
            raw.problem = sub_problem(text, piece, seq) or piece
        elif name == "measures":
            raw.measures = split_measures(text, *piece.span)
            raw.fields["measures"] = piece
        elif name == REGION:
            raw.regions.append(piece)
        elif name in ("status", STATUS_FLAG):
            add_status(raw, name, header.texts.get(index, ""), piece)
        elif name in PEOPLE_COLUMNS and name in raw.fields:  # a second column of leaders
            raw.more_people.setdefault(name, []).append(piece)
        else:
            raw.fields[name] = piece
    raw.fields.update(adjusted_fields(row, header, text))
    return raw


def add_status(raw: RawTask, name: str, label: str, piece: Piece) -> None:
    """A status cell (each status column's a status row of the task: fields/status.py
    status_row picks the one that tells) or the yes/no answer (是否销号), with its label;
    a column once (a merged row's sub-row adds what the task lacks)."""
    if name == STATUS_FLAG:
        if STATUS_FLAG not in raw.fields:
            raw.fields[STATUS_FLAG], raw.flag_label = piece, label
    elif all(own != label for own, _ in raw.status_rows):
        raw.fields["status"] = piece
        raw.status_rows.append((label, piece))


def adjusted_fields(row: list[Cell], header: Header, text: str) -> dict[str, Piece]:
    """A row of an adjustment table naming its field in a cell (整改时限 | 2021年底前 |
    2022年6月底前): that field's new value, and its old one as `<field>_before`."""
    field_column = header.column_of(ADJUSTED_FIELD)
    if field_column is None or field_column >= len(row):
        return {}
    name = cell_label(row[field_column].text)
    after = cell_piece(row, header.column_of(ADJUSTED_AFTER), text)
    if name not in ADJUSTABLE or after is None:
        return {}
    before = cell_piece(row, header.column_of(ADJUSTED_BEFORE), text)
    return {name: after} | ({f"{name}{BEFORE_SUFFIX}": before} if before is not None else {})


def sub_problem(text: str, piece: Piece, seq: str) -> Piece | None:
    """Part k of a split item (17.2) whose cell repeats the item's shared problem text
    above `(二)…`: the part's own problem is what follows its label."""
    if "." not in seq:
        return None
    part = int(seq.split(".")[1])
    start, end = piece.span
    labels = [m for m in find_markers(text, start, end) if m.at_line_start and m.n == part
              and m.style in ("chinese_paren", "arabic_paren", "chinese_dun")]
    return piece_at(text, labels[-1].end, end) if labels else None


def continue_task(raw: RawTask, row: list[Cell], header: Header, text: str) -> None:
    """A sub-row of a vertically merged task row: its measures are added (each measure
    with its row's deadline, when the row has one; with no measures column, the row's
    deadline joins the task's), its units and people join the task's, and the
    fields the task lacks are taken; the task's span grows over the row."""
    span = row_span(row)
    if span is None:
        return
    raw.span = (raw.span[0], max(raw.span[1], span[1]))
    deadline = cell_piece(row, header.column_of("deadline"), text)
    for index, name in header.columns.items():
        if name in ("seq", CATEGORY, OTHER, "problem"):
            continue
        piece = cell_piece(row, index, text)
        if piece is None:
            continue
        if name == "measures":
            own = split_measures(text, *piece.span)
            if deadline is not None:  # each measure row keeps its deadline
                for measure in raw.measures:
                    measure.deadline = measure.deadline or raw.fields.get("deadline")
                for measure in own:
                    measure.deadline = deadline
            raw.measures = raw.measures + own
            raw.fields.setdefault("measures", piece)
        elif name == REGION:
            raw.regions.append(piece)
        elif name in UNIT_COLUMNS:
            add_units(raw, name, piece)
        elif name in ("status", STATUS_FLAG):
            add_status(raw, name, header.texts.get(index, ""), piece)
        elif name in PEOPLE_COLUMNS and name in raw.fields:
            raw.more_people.setdefault(name, []).append(piece)
        elif name == "deadline" and name in raw.fields and header.column_of("measures") is None:
            raw.more_deadlines.append(piece)  # (with measures, each measure keeps its row's)
        else:
            raw.fields.setdefault(name, piece)


def add_units(raw: RawTask, name: str, piece: Piece) -> None:
    """A sub-row's units: the task's own when it has none of that column yet, else more."""
    if name in raw.fields:
        raw.more_units.append(piece)
    else:
        raw.fields[name] = piece


def split_off_part(previous: RawTask, row: list[Cell], header: Header, text: str) -> RawTask | None:
    """A sub-row with a problem of its own under a merged 序号 cell: the next part `N.k`
    (the task above becomes `N.1`), sharing the merged cells it leaves empty."""
    if "." not in previous.seq:
        previous.seq = f"{previous.seq}.1"
    base, sub = previous.seq.split(".", 1)
    part = row_to_raw_task(row, header, f"{base}.{int(sub) + 1}", text, previous.category)
    if part is None:
        return None
    for name, piece in previous.fields.items():
        part.fields.setdefault(name, piece)
    if not part.measures:
        part.measures = list(previous.measures)
    if not part.regions:
        part.regions = list(previous.regions)
    if not part.status_rows:
        part.status_rows = list(previous.status_rows)
    if STATUS_FLAG in previous.fields:
        part.flag_label = part.flag_label or previous.flag_label
    return part


def row_category(row: list[Cell], header: Header) -> str | None:
    index = header.column_of(CATEGORY)
    if index is None or index >= len(row) or not row[index].text.strip():
        return None
    value = row[index].text.strip()
    return category_name(value) or value


def table_to_raw_tasks(block: Block, text: str) -> list[RawTask]:
    header = find_header(block)
    if header is None:
        return []
    seq_column, problem_column = header.column_of("seq"), header.column_of("problem")
    tasks: list[RawTask] = []
    sections: list[int] = []  # each task's category run, by ordinal (numbered_per_section)
    section = 0
    category: str | None = None
    named: int | None = None  # the task the last group row names (一、第12项:), if it names one
    under: list[RawTask] = []  # the tasks under that group row
    for row in block.rows[header.end:]:
        if not filled_texts(row) or is_repeated_header(row, header) or is_footer_row(row):
            continue
        group = group_text(row, header)
        if group is not None:
            named, under = named_task(group), []
            if named is None:
                category = category_name(group) or group
                section += 1
            continue
        row_group = row_category(row, header)
        if row_group is not None and row_group != category:
            category, section = row_group, section + 1
        seq_cell = row[seq_column].text if seq_column is not None and seq_column < len(row) else ""
        if is_summary(seq_cell or (row[0].text if row else "")):
            continue
        keyed = seq_column is not None
        empty_key = not seq_cell.strip() if keyed else (
            problem_column is not None and problem_column < len(row) and not row[problem_column].text.strip())
        if empty_key and tasks and not (named is not None and not under):  # a named task's first row is its own
            previous = tasks[-1]
            own_problem = cell_piece(row, problem_column, text)
            if keyed and own_problem is not None and previous.problem is not None:
                part = split_off_part(previous, row, header, text)
                if part is not None:
                    tasks.append(part)
                    sections.append(section)
            else:
                continue_task(previous, row, header, text)
            continue
        seq = named_seq(named, under) if named is not None else seq_or_code(seq_cell) or str(len(tasks) + 1)
        raw = row_to_raw_task(row, header, seq, text, category)
        if raw is not None and raw.problem is None and tasks and is_part_of(seq, tasks[-1].seq):
            raw.problem = tasks[-1].problem  # 5-1 under 5 with its problem cell empty: the same problem
        if raw is not None and (raw.problem is not None or raw.fields):
            tasks.append(raw)
            sections.append(section)
            under += [raw] if named is not None else []
    return numbered_per_section(tasks, sections)


def numbered_per_section(tasks: list[RawTask], sections: list[int]) -> list[RawTask]:
    """A table numbering its rows anew under each category (一、水污染防治 / 1, 2 / 二、大气
    污染防治 / 1, 2), by group rows or a category column: each seq takes its category's
    ordinal in the table as a prefix (2.1), as the text's items under headings do, so that no
    task is taken for a repeat. Tables numbering straight through keep their seqs."""
    seqs = [task.seq for task in tasks]
    if len(set(seqs)) == len(seqs):
        return tasks
    ordinals = {section: k for k, section in enumerate(dict.fromkeys(sections), start=1)}  # rows under no group: 1
    for task, section in zip(tasks, sections, strict=True):
        task.seq = f"{ordinals[section]}.{task.seq}"
    return tasks


# ---------------------------------------------------------------- one task per table

# A record table (投诉受理编号 | D3… / 整改任务概述 | … / 整改时限 | …: one task laid out
# label | value, row by row) needs this many task fields, one of them a core field.
MIN_RECORD_FIELDS = 3


def row_pairs(row: list[Cell], keep_other: bool = False) -> list[tuple[str, Cell, str]]:
    """(field, value cell, label text) of each label cell followed by a value cell (a row
    may hold two pairs: 问题 | … | 整改时限 | …); with `keep_other`, the pairs of labels that
    name no field too (是否属实 | 属实)."""
    pairs: list[tuple[str, Cell, str]] = []
    index = 0
    while index + 1 < len(row):
        name = cell_label(row[index].text)
        if (name is not None and (keep_other or name not in (OTHER, CATEGORY))
                and cell_label(row[index + 1].text) is None):
            pairs.append((name, row[index + 1], row[index].text))
            index += 2
        else:
            index += 1
    return pairs


def labelled_cells(block: Block) -> list[tuple[str, Cell, str]]:
    return [pair for row in block.rows for pair in row_pairs(row)]


def is_record_table(block: Block) -> bool:
    """Every row holds a label | value pair, and the pairs name a task's fields. (A task
    table's rows below its header hold no labels.)"""
    if block.kind is not BlockKind.table:
        return False
    fields: set[str] = set()
    for row in block.rows:
        if not filled_texts(row):
            continue
        pairs = row_pairs(row, keep_other=True)  # a complaint record's 是否属实 | 属实 row too
        if not pairs:  # a header row, or a data row: stop at the first (most tables' first row)
            return False
        fields.update(name for name, _, _ in pairs)
    return len(fields & set(TASK_FIELDS)) >= MIN_RECORD_FIELDS and bool(fields & CORE_FIELDS)


def record_table_to_raw_task(block: Block, text: str, seq: str) -> RawTask | None:
    """The one task of a record table; its seq is the number or case code it gives, else
    `seq`."""
    if block.span is None:
        return None
    raw = RawTask(seq=seq, span=block.span)
    for name, cell, label in labelled_cells(block):
        if cell.span is None:
            continue
        piece = piece_at(text, *cell.span)
        if piece is None:
            continue
        if name == REGION:
            raw.regions.append(piece)
        elif name == "seq":
            raw.seq = seq_or_code(piece.text) or raw.seq
        elif name == "problem":
            raw.problem = raw.problem or piece
        elif name == "measures":
            raw.measures = raw.measures or split_measures(text, *piece.span)
            raw.fields.setdefault("measures", piece)
        elif name == "status":
            raw.fields[name] = piece  # each row kept; the one telling the status: status_row
            raw.status_rows.append((label, piece))
        elif name == STATUS_FLAG:
            if name not in raw.fields:
                raw.fields[name], raw.flag_label = piece, "".join(label.split())
        else:
            raw.fields.setdefault(name, piece)
    return raw


# ---------------------------------------------------------------- before composing


def merge_continued_tables(blocks: list[Block]) -> list[Block]:
    """Tables split over pages → one table. Call on parsed blocks before `compose`.

    A table right after a task table (page breaks between them allowed) with the same
    number of columns continues it, unless it has a header of its own that names other
    fields. Its repeated header rows are dropped, and its first row, when the 序号 cell
    is empty, is the rest of the row cut by the page: joined cell by cell to the last
    row (no separator between CJK text). Inside a table (pages a parser already put
    together) such a row is joined only where a text cell stops mid-sentence; otherwise
    it is a sub-row of a vertically merged row, for `table_to_raw_tasks`."""
    merged: list[Block] = []
    for block in blocks:
        previous = last_table(merged)
        header = find_header(previous) if previous is not None and block.kind is BlockKind.table else None
        if previous is None or header is None or not continues(block, previous, header):
            merged.append(join_cut_rows(block) if block.kind is BlockKind.table else block)
            continue
        rows = [row for row in block.rows if not is_repeated_header(row, header)]
        head = previous.rows
        if rows and len(head) > header.end and is_cut_row(rows[0], head[-1], header):
            head = [*head[:-1], joined_row(head[-1], rows[0])]
            rows = rows[1:]
        at = max(k for k, b in enumerate(merged) if b is previous)
        merged = [*merged[:at], join_cut_rows(previous.model_copy(update={"rows": head + rows}))]  # page breaks go
    return merged


def join_cut_rows(block: Block) -> Block:
    """Rows cut by a page inside one table block joined again; repeated headers dropped.
    Only a paged source (PDF) cuts rows: in HTML, DOCX and XLSX a row with an empty 序号
    cell is a sub-row of a merged one (its own measure, units and deadline)."""
    header = find_header(block)
    if header is None or header.column_of("seq") is None or block.page is None:
        return block
    rows = block.rows[: header.end]
    for row in block.rows[header.end:]:
        if is_repeated_header(row, header):
            continue
        if len(rows) > header.end and is_cut_row(row, rows[-1], header) and stops_mid_sentence(rows[-1], row, header):
            rows[-1] = joined_row(rows[-1], row)
        else:
            rows.append(row)
    return block.model_copy(update={"rows": rows})


def joined_row(first: list[Cell], rest: list[Cell]) -> list[Cell]:
    return [Cell(text=join_cell(a.text, b.text)) for a, b in zip(first, rest, strict=True)]


def continues(block: Block, previous: Block, header: Header) -> bool:
    if not block.rows or not previous.rows or len(block.rows[0]) != len(previous.rows[0]):
        return False
    own = find_header(block)
    if own is not None:
        return own.columns == header.columns
    first = block.rows[0]  # a header naming no task fields (联系人 | 联系电话): another table
    return not is_label_row(first) or is_repeated_header(first, header)


def is_cut_row(row: list[Cell], last: list[Cell], header: Header) -> bool:
    """A row with an empty 序号 cell under a task row: the rest of that row, or a sub-row."""
    seq_column = header.column_of("seq")
    if seq_column is None or seq_column >= len(row) or row[seq_column].text.strip():
        return False
    return (len(row) == len(last) and bool(filled_texts(row)) and group_text(row, header) is None
            and group_text(last, header) is None)


# Columns of sentences: one stopping mid-sentence shows a cut. (A status cell is often a bare
# word, 已完成 or 持续推进, that ends without a full stop.)
PROSE_FIELDS = ("problem", "target", "measures")
SENTENCE_ENDS = "。；;！!？?:：…"


def stops_mid_sentence(last: list[Cell], row: list[Cell], header: Header) -> bool:
    """Some text column of `last` stops mid-sentence where `row` goes on: a page cut."""
    for index, name in header.columns.items():
        if name in PROSE_FIELDS and index < len(row):
            before, after = last[index].text.strip(), row[index].text.strip()
            if before and after and before[-1] not in SENTENCE_ENDS:
                return True
    return False


def is_page_number(block: Block) -> bool:
    return block.kind is BlockKind.paragraph and is_page_number_line(block.text)


def last_table(blocks: list[Block]) -> Block | None:
    """The last block when it is a table, looking past page breaks and page numbers."""
    for block in reversed(blocks):
        if block.kind is BlockKind.page_break or is_page_number(block):
            continue
        return block if block.kind is BlockKind.table else None
    return None


CONTINUED_LABEL_RE = regex.compile(r"\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d+[.、]|[一二三四五六七八九十]+[、是])")


def join_cell(first: str, rest: str) -> str:
    """A cell's text broken by a page: no separator between CJK characters, a line break
    before a new numbered item."""
    if not rest.strip():
        return first
    if not first.strip():
        return rest
    return first.rstrip() + ("\n" if CONTINUED_LABEL_RE.match(rest) else "") + rest.lstrip()
