"""Stage 5, assemble: the orchestrator, and the only place the stages meet.

    load (sniff type) → parse (blocks) → normalise (compose one text) → segment (outline,
    task tables) → fields (tasks, metadata, indicators, amendments) → assemble (Document)

`extract_bytes` is pure: the same bytes and path give the same Document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import PurePosixPath
from typing import Any

from extract.config import Options
from extract.errors import EmptyFile
from extract.fields.amendments import apply_amendments
from extract.fields.indicators import find_indicators
from extract.fields.metadata import COUNT_KEYS, Found, Metadata, extract_metadata, table_progress
from extract.fields.raw import RawTask, first_of_each
from extract.fields.status import acceptance_verdict
from extract.fields.tasks import raw_to_task
from extract.load import FileType, sniff_type
from extract.normalize import SCRIPT_SAMPLE, Composed, compose, detect_script, raw_text_of, to_simplified
from extract.parse import parse_bytes
from extract.segment.numbering import title_seq
from extract.segment.outline import Node, build_outline, line_at
from extract.segment.tables import (
    BEFORE_SUFFIX,
    is_adjustment_table,
    is_record_table,
    is_task_table,
    merge_continued_tables,
    record_table_to_raw_task,
    table_to_raw_tasks,
)
from extract.segment.tasks import find_raw_tasks, notice_sentence_task, report_tasks, with_measure_fields
from schemas.blocks import TABLE, Block, BlockKind
from schemas.document import (
    Acceptance,
    DocType,
    Document,
    Inspection,
    Progress,
    Region,
    Script,
    Source,
    Span,
    Status,
    Task,
    Warning,
)

GOAL_HEADING_WORDS = ("目标",)  # a top-level section on goals holds the indicators


def doc_id_of(sha256: str) -> str:
    """A document's id: the start of its bytes' SHA-256 (hashed once per file: 0.1 ms for a
    70 kB notice)."""
    return sha256[:16]


# Notices that report on tasks item by item (1.某问题。整改情况:已完成。): a progress report,
# and a public notice of the tasks' completion (整改情况公示) written the same way.
REPORTING_DOC_TYPES = frozenset({DocType.progress_report.value, DocType.completion_notice.value})
# The documents whose progress figures are read (news and completion notices only where they state some).
PROGRESS_DOC_TYPES = frozenset({DocType.progress_report.value, DocType.news.value, DocType.completion_notice.value})


# Why a readable file of a format may hold no text, for the empty_file message.
NO_TEXT_HINTS = {
    FileType.html: "a frameset, an iframe or a script that loads the notice from elsewhere",
    FileType.pdf: "pages with no text layer and none OCR could read, or blank pages",
    FileType.docx: "an empty body, or drawings and images only",
    FileType.xlsx: "no sheet, or only hidden sheets, holds values",
    FileType.ofd: "scanned pages (images only: OCR of OFD images is not supported) or blank pages",
}


def no_text_message(file_type: FileType, warnings: list[str]) -> str:
    """A file that parses but holds no text (white space, zero-width spaces, a frameset)."""
    hint = NO_TEXT_HINTS.get(file_type, "only white space or invisible characters")
    ocr = "; OCR ran" if "ocr_used" in warnings else ""
    return f"the {file_type.value} file holds no text ({hint}{ocr})"


def extract_bytes(data: bytes, path: str, options: Options | dict[str, Any] | None = None) -> Document:
    options = Options.resolve(options)
    file_type = sniff_type(data, path)
    parsed = parse_bytes(data, file_type, options)
    script = detect_script(raw_text_of(parsed.blocks, SCRIPT_SAMPLE), options.traditional_threshold)
    # Only tables merge: without one the blocks stay as they are (the common plain-text case).
    has_tables = any(block.kind is BlockKind.table for block in parsed.blocks)
    composed = compose(merge_continued_tables(parsed.blocks) if has_tables else parsed.blocks, script)
    text = composed.text
    if not text.strip():
        raise EmptyFile(no_text_message(file_type, parsed.warnings))
    sha256 = hashlib.sha256(data).hexdigest()
    doc_id = doc_id_of(sha256)
    table_spans = [block.span for block in composed.blocks if block.kind is BlockKind.table and block.span is not None]
    # the page's own metadata (its title, info table) is written in the page's script, as the text was
    page_meta = parsed.meta if script is not Script.traditional else {
        key: to_simplified(value) for key, value in parsed.meta.items()}
    meta = extract_metadata(text, page_meta, table_spans)
    if has_tables and meta.doc_type in PROGRESS_DOC_TYPES \
            and not any(key in (meta.progress or {}) for key in COUNT_KEYS):
        # a summary table's total row (合计) gives the figures the text states none of (added in 0.1)
        found = table_progress([[[(cell.text, cell.span) for cell in row] for row in block.rows]
                                for block in composed.blocks if block.kind is BlockKind.table])
        if found:
            meta.progress = {**(meta.progress or {}), **found}
    reference = meta.issue_date.value if meta.issue_date else None

    root = build_outline(text, composed.blocks)
    task_warnings: list[Warning] = []
    tasks: list[Task] = []
    for raw in raw_tasks(composed, root):
        result = raw_to_task(raw, doc_id, reference)
        tasks.append(result.task)
        task_warnings += [Warning(code=c, message=m, span=s) for c, m, s in result.warnings]
    if not tasks and meta.doc_type in REPORTING_DOC_TYPES:
        completion = meta.doc_type == DocType.completion_notice.value
        tasks = [raw_to_task(raw, doc_id, reference).task for raw in report_tasks(text, root, completion)]
    if not tasks and meta.doc_type == DocType.completion_notice.value:  # one task named in a sentence
        tasks = [raw_to_task(raw, doc_id, reference).task for raw in notice_sentence_task(text, root)]
    tasks = dedupe_seqs(with_adjustment_rows_applied(tasks))
    amendments = apply_amendments(text, root, tasks, reference)
    doc_type = meta.doc_type
    # a notice that only amends tasks is an amendment notice, whatever else its title reads
    # like (an approval, 批复, has no type of its own and falls to news)
    if doc_type in (DocType.plan.value, DocType.news.value) and not tasks and amendments and not meta.attachments:
        doc_type = DocType.amendment.value
    if doc_type == DocType.completion_notice.value:
        tasks = completed_where_untold(tasks, text)

    warnings = [Warning(code=code, message=message, span=span) for code, message, span in meta.warnings]
    warnings += [Warning(code=code, message=f"parser: {code}") for code in parsed.warnings]
    warnings += task_warnings
    warnings += check_counts(meta, tasks) + check_attachments(meta, tasks)

    region_text = indicator_ranges(text, root, doc_type)
    # what the progress figures were read from is no target (…已完成37项)
    progress_spans = [f.span for f in (meta.progress or {}).values() if f.span is not None]
    indicators = [ind for start, end in region_text
                  for ind in find_indicators(text, start, end, default_year=default_year(meta), skip=progress_spans)]
    return Document(
        doc_id=doc_id,
        source=Source(path=path, format=file_type.value, sha256=sha256,
                      encoding=parsed.encoding, pages=parsed.pages, size=len(data)),
        title=value(meta.title),
        doc_type=DocType(doc_type),
        script=script,
        region=Region(**{k: f.value for k, f in meta.region.items()}),
        issuers=[f.value for f in meta.issuers],
        issue_date=value(meta.issue_date),
        publish_date=value(meta.publish_date),
        doc_number=value(meta.doc_number),
        inspection=Inspection(**{k: f.value for k, f in meta.inspection.items()}),
        declared_task_count=value(meta.declared_task_count),
        indicators=indicators,
        tasks=tasks if doc_type != DocType.other.value else [],
        amendments=amendments,
        progress=Progress(**{k: f.value for k, f in meta.progress.items()}) if meta.progress is not None else None,
        acceptance=(Acceptance(**{k: f.value for k, f in meta.acceptance.items()})
                    if meta.acceptance is not None else None),
        attachments=[f.value for f in meta.attachments],
        warnings=warnings,
        spans=metadata_spans(meta),
        text=text,
    )


def value(found: Found[Any] | None) -> Any:
    return found.value if found is not None else None


def raw_tasks(composed: Composed, root: Node) -> list[RawTask]:
    """The tasks of the text's labelled items, then those of its task tables' rows, then
    one per record table (a task laid out label | value), numbered as it writes, or as the
    notice names its one task, or by position."""
    every_table = [block for block in composed.blocks if block.kind is TABLE]
    tables = [block for block in every_table if is_task_table(block)]
    records = [block for block in every_table if is_record_table(block)]
    from_text = find_raw_tasks(without_tables(composed.text, tables + records), root)
    # a notice's one record table is the task its title or opening names (…第47项整改完成情况的公示)
    named = title_seq(composed.text) if len(records) == 1 else None
    from_records = [record_table_to_raw_task(block, composed.text, named or str(ordinal))
                    for ordinal, block in enumerate(records, start=1)]
    # an adjustment table's rows keep the numbers of the tasks they amend
    adjusting = [is_adjustment_table(block) for block in tables]
    # a measures cell's measures may close with their own deadline and units, as in text
    lists = [[with_measure_fields(composed.text, raw) for raw in table_to_raw_tasks(block, composed.text)]
             for block, adjusts in zip(tables, adjusting, strict=True) if not adjusts]
    adjustments = [raw for block, adjusts in zip(tables, adjusting, strict=True) if adjusts
                   for raw in table_to_raw_tasks(block, composed.text)]
    return from_text + numbered_per_table(lists) + adjustments + [raw for raw in from_records if raw is not None]


def with_adjustment_rows_applied(tasks: list[Task]) -> list[Task]:
    """An adjustment table's row (a task holding `<field>_before` spans) for a task listed
    earlier in the same document: its new values and both cells' spans go to that task
    (the amendment is then read from them); the row is no task of its own."""
    first: dict[str, Task] = {}
    kept: list[Task] = []
    for task in tasks:
        adjusted = [key.removesuffix(BEFORE_SUFFIX) for key in task.spans if key.endswith(BEFORE_SUFFIX)]
        earlier = first.get(task.seq)
        if adjusted and earlier is not None:
            for field in adjusted:
                setattr(earlier, field, getattr(task, field))
                if field == "responsible_units":
                    earlier.lead_unit = task.lead_unit
                earlier.spans.update({key: span for key, span in task.spans.items()
                                      if key.removesuffix(BEFORE_SUFFIX).split(".")[0] == field})
            continue
        first.setdefault(task.seq, task)
        kept.append(task)
    return kept


def completed_where_untold(tasks: list[Task], text: str) -> list[Task]:
    """A completion notice (整改情况公示, 验收销号公示) publishes the work done: a task whose
    completion text tells no status of its own (整改完成情况:经现场核查,堆场已全部苫盖) is
    completed. A text that tells one (正在推进) keeps it; a task with no such text stays unknown,
    unless it is the notice's only task and a sentence anywhere says it passed acceptance
    (经验收,该问题已达到销号条件,现予以公示): completed, that sentence its status text. One such
    sentence in a notice of several tasks does not say which of them it closes."""
    told = [task.model_copy(update={"status": Status.completed.value})  # a Task holds the value (use_enum_values)
            if task.status is None and task.progress_text else task for task in tasks]
    if len(told) != 1 or told[0].status is not None:
        return told
    verdict = acceptance_verdict(text)
    if verdict is None or verdict[0] is not Status.completed:
        return told
    start, end = verdict[1]
    task = told[0]
    return [task.model_copy(update={"status": Status.completed.value, "progress_text": text[start:end],
                                    "spans": {**task.spans, "status": (start, end)}})]


def numbered_per_table(per_table: list[list[RawTask]]) -> list[RawTask]:
    """The tasks of all task tables in order. Where tables number their rows anew (one
    table or sheet per batch: 第一批 1–4, 第二批 1–4), each table's seqs take its ordinal
    among the task tables as a prefix (2.3), so that no task is taken for a repeat."""
    seqs = [task.seq for tasks in per_table for task in tasks]
    if len(set(seqs)) == len(seqs):
        return [task for tasks in per_table for task in tasks]
    for ordinal, tasks in enumerate(per_table, start=1):
        for task in tasks:
            task.seq = f"{ordinal}.{task.seq}"
    return [task for tasks in per_table for task in tasks]


def without_tables(text: str, tables: list[Block]) -> str:
    """The text with each task table's cells blanked out (line breaks, so offsets hold): the
    table mapper reads those cells; the text segmenter would take the header row for one
    task's labels (问题清单, 责任单位, 完成时限) and the rows for its values."""
    spans = [block.span for block in tables if block.span is not None]
    if not spans:
        return text
    parts: list[str] = []
    at = 0
    for start, end in sorted(spans):
        parts.append(text[at:start])
        parts.append("\n" * (end - start))
        at = end
    parts.append(text[at:])
    return "".join(parts)


def dedupe_seqs(tasks: list[Task]) -> list[Task]:
    """The same task met twice (a table repeated as text): keep the first, in text order."""
    return first_of_each(tasks, key=lambda task: task.seq)


def default_year(meta: Metadata) -> int | None:
    for found in (meta.issue_date, meta.publish_date):
        if found is not None and isinstance(found.value, dt.date):
            return found.value.year
    return None


def indicator_ranges(text: str, root: Node, doc_type: str) -> list[Span]:
    """Where quantified targets are read: top-level goal sections; a news report whole."""
    ranges: list[Span] = []
    for node in root.children:
        _, end = line_at(text, node.start)
        heading = text[node.body_start:end]
        if len(heading) <= 20 and any(word in heading for word in GOAL_HEADING_WORDS):
            ranges.append((node.start, node.end))
            continue
        # 一、总体要求 / (二)整改目标。到2025年,…: a goal item under a top-level section
        ranges += [(child.start, child.end) for child in node.children if is_goal_item(text, child)]
    if not ranges and doc_type == DocType.news.value:
        ranges.append((0, len(text)))
    return ranges


GOAL_ITEM_HEADING_RE = re.compile(r"[^。.:：;；\n]{0,4}目标(?:任务)?(?:[。.:：;；\n]|$)")


def is_goal_item(text: str, node: Node) -> bool:
    """An item whose heading, to its line end or first stop, is a goal's name alone
    (整改目标, 主要目标, 工作目标, 目标任务)."""
    return node.marker is not None and GOAL_ITEM_HEADING_RE.match(text, node.body_start) is not None


def check_counts(meta: Metadata, tasks: list[Task]) -> list[Warning]:
    declared = meta.declared_task_count
    if declared is None or not tasks:
        return []
    found = len({t.seq.split(".")[0] for t in tasks})
    if found == declared.value:
        return []
    return [Warning(code="count_mismatch", span=declared.span,
                    message=f"the text declares {declared.value} tasks, {found} were found")]


def check_attachments(meta: Metadata, tasks: list[Task]) -> list[Warning]:
    """A named task list that the file does not hold (no tasks were found)."""
    if tasks or not meta.attachments:
        return []
    return [Warning(code="attachment_missing", span=a.span,
                    message=f"attachment {a.value!r} is named but not in the file") for a in meta.attachments]


def metadata_spans(meta: Metadata) -> dict[str, Span]:
    spans: dict[str, Span] = {}
    for name in ("title", "issue_date", "publish_date", "doc_number", "declared_task_count"):
        found = getattr(meta, name)
        if found is not None and found.span is not None:
            spans[name] = found.span
    for prefix, group in (("inspection", meta.inspection), ("region", meta.region),
                          ("progress", meta.progress or {}), ("acceptance", meta.acceptance or {})):
        for key, found in group.items():
            if found.span is not None:
                spans[f"{prefix}.{key}"] = found.span
    for prefix, items in (("issuers", meta.issuers), ("attachments", meta.attachments)):
        for k, found in enumerate(items):
            if found.span is not None:
                spans[f"{prefix}.{k}"] = found.span
    return spans


def relative_path(path: PurePosixPath, root: PurePosixPath) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
