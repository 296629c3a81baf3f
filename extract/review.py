"""`notice-extract review OUT`: static pages to check an extraction by eye.

OUT/review/index.html lists the documents with their counts and warnings (and the inputs
that failed, from errors.jsonl); one page per document shows its normalised text with
every extracted span (Task.spans, Measure.span, Indicator.span, Amendment.span,
Document.spans, Warning.span) highlighted in the colour of its field, the warnings at
the top and the task table beside the text: clicking a task (or a warning) scrolls to
its spans and marks them. Plain HTML with inline CSS and JavaScript: no server, no
network, and the same bytes for the same OUT.

With OUT/amended_tasks.jsonl (tasks of a plan that later notices of the batch amended),
a plan's page marks those tasks and lists each change under its row (date, a link to the
amending notice's page, field, old → new), and the notice's page links to the tasks it
amends; the table keeps the values as extracted, which are the ones highlighted. A task a
later notice withdrew or merged away is `tr.cancelled`, struck through, its badge 撤销 or
并入第N项.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.export import write_atomic
from extract.ledger import change_what, changes_of, source_path_of
from schemas.document import AppliedAmendment

FIELD_COLOURS = {
    "problem": "#fde2e2", "target": "#e2f0fd", "deadline": "#fff3c4", "lead_unit": "#bfe9bf",
    "responsible_units": "#d3f2d3", "cooperating_units": "#e8f6e8", "leaders": "#f3defa", "persons": "#e6d2f6",
    "supervisors": "#dfe7fb", "measures": "#edf5e4", "status": "#ffe0c2", "progress_text": "#fbeedd",
    "category": "#e0f2f1", "indicator": "#d4f4f1", "amendment": "#fcd5ec", "metadata": "#e6e6e6",
    "warning": "#ffb3b3",
}
SKIPPED_TASK_SPANS = {"task"}  # the whole item: marking it would hide the fields inside
PREVIEW = 60  # characters of a problem shown in the task table
UNSAFE_NAME_RE = re.compile(r"[^0-9A-Za-z_.-]")
CSS = """
body{font:14px/1.6 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#222}
header{padding:10px 16px;border-bottom:1px solid #ddd;background:#fafafa}
header h1{font-size:18px;margin:0 0 4px}
.warnings{color:#a00;margin:4px 0 0;padding-left:18px}
.warnings li[data-key]{cursor:pointer;text-decoration:underline dotted}
main{display:flex;height:calc(100vh - 140px)}
#text{flex:3;overflow:auto;padding:12px 16px;white-space:pre-wrap;border-right:1px solid #ddd}
#tasks{flex:2;overflow:auto;padding:8px}
table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#f3f3f3;position:sticky;top:0}
tr.task{cursor:pointer}tr.task:hover{background:#f0f6ff}tr.task.selected{background:#dbe9ff}
.hl{border-radius:2px}
.hl.active{outline:2px solid #1a5fd0;background:#ffe98a !important}
.legend span{display:inline-block;padding:0 6px;margin:2px;border-radius:3px;font-size:12px}
.muted{color:#777}
tr.amended td:first-child{border-left:4px solid #c2185b}
.badge{display:inline-block;padding:0 4px;margin-left:4px;border-radius:3px;font-size:11px;
background:#c2185b;color:#fff}
tr.history td{font-size:12px;background:#fdf2f8}
tr.cancelled td:not(:first-child){text-decoration:line-through;color:#777}
.history ul{margin:0;padding-left:18px}
"""
SCRIPT = """
function selectKey(key){
  document.querySelectorAll('.hl.active').forEach(function(e){e.classList.remove('active');});
  document.querySelectorAll('.selected').forEach(function(e){e.classList.remove('selected');});
  document.querySelectorAll('[data-key="'+key+'"]').forEach(function(e){e.classList.add('selected');});
  var marks=document.querySelectorAll('.hl[data-keys~="'+key+'"]');
  marks.forEach(function(e){e.classList.add('active');});
  if(marks.length){marks[0].scrollIntoView({block:'center'});}
}
document.querySelectorAll('[data-key]').forEach(function(row){
  row.addEventListener('click',function(){selectKey(row.dataset.key);});
});
"""


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    field: str  # a key of FIELD_COLOURS
    label: str  # shown as the tooltip
    key: str | None  # what selects it: "t<task index>" or "w<warning index>"


def colour_key(name: str) -> str:
    """A span name's colour: its field (`leaders.0` → leaders); metadata share one."""
    base = name.split(".")[0]
    return base if base in FIELD_COLOURS and base not in ("metadata", "warning") else "metadata"


def span_of(value: Any) -> tuple[int, int] | None:
    if isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return int(value[0]), int(value[1])
    return None


def task_marks(k: int, task: dict[str, Any]) -> list[Mark]:
    marks: list[Mark] = []
    seq = str(task.get("seq", k + 1))
    for name, value in sorted((task.get("spans") or {}).items()):
        span = span_of(value)
        if span and name not in SKIPPED_TASK_SPANS:
            marks.append(Mark(*span, colour_key(name), f"task {seq}: {name}", f"t{k}"))
    for m, measure in enumerate(task.get("measures") or []):
        span = span_of(measure.get("span")) if isinstance(measure, dict) else None
        if span:
            marks.append(Mark(*span, "measures", f"task {seq}: measure {measure.get('label') or m + 1}", f"t{k}"))
    return marks


def marks_of(document: dict[str, Any]) -> list[Mark]:
    """Every span of a document that lies inside its text."""
    marks: list[Mark] = []
    for k, task in enumerate(document.get("tasks") or []):
        marks += task_marks(k, task)
    for indicator in document.get("indicators") or []:
        span = span_of(indicator.get("span"))
        if span:
            marks.append(Mark(*span, "indicator", f"indicator {indicator.get('name', '')}", None))
    for name, value in sorted((document.get("spans") or {}).items()):
        span = span_of(value)
        if span:
            marks.append(Mark(*span, "metadata", name, None))
    for amendment in document.get("amendments") or []:
        span = span_of(amendment.get("span"))
        if span:
            label = f"amendment of task {amendment.get('task_seq')}: {amendment.get('field')}"
            marks.append(Mark(*span, "amendment", label, None))
    for w, warning in enumerate(document.get("warnings") or []):
        span = span_of(warning.get("span"))
        if span:
            marks.append(Mark(*span, "warning", f"warning {warning.get('code')}", f"w{w}"))
    size = len(document.get("text") or "")
    return [m for m in marks if 0 <= m.start < m.end <= size]


def highlighted(text: str, marks: list[Mark]) -> str:
    """The text cut at every mark boundary; each piece carries the marks covering it and
    the colour of the innermost one (a sweep: only the marks open at a cut are looked at)."""
    starts: dict[int, list[Mark]] = {}
    for mark in marks:
        starts.setdefault(mark.start, []).append(mark)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    open_marks: list[Mark] = []
    out: list[str] = []
    for start, end in itertools.pairwise(cuts):
        open_marks = [m for m in open_marks if m.end > start] + starts.get(start, [])
        piece = html.escape(text[start:end])
        if not open_marks:
            out.append(piece)
            continue
        innermost = min(open_marks, key=lambda m: (m.end - m.start, m.field, m.label))
        keys = " ".join(sorted({m.key for m in open_marks if m.key is not None}))
        title = html.escape("; ".join(sorted({m.label for m in open_marks})))
        out.append(f'<span class="hl f-{innermost.field}" data-keys="{keys}" title="{title}">{piece}</span>')
    return "".join(out)


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def joined(values: Any) -> str:
    return "、".join(str(v) for v in values) if isinstance(values, list) else ""


def deadline_text(task: dict[str, Any]) -> str:
    deadline = task.get("deadline")
    if not isinstance(deadline, dict):
        return ""
    return f"{deadline.get('text') or ''} → {deadline.get('date') or '—'}"


def change_item(change: AppliedAmendment) -> str:
    """One change of a task's history, the amending notice linked to its page."""
    date = f"{change.date.isoformat()} " if change.date else ""
    notice = f'<a class="amending" href="{esc(page_name(change.doc_id))}">{esc(change.title or change.source_path)}</a>'
    return f"<li>{esc(date)}{notice}: {esc(change_what(change))}</li>"


def task_rows(document: dict[str, Any], amended: dict[str, dict[str, Any]] | None = None) -> str:
    """The task table's rows; a task in `amended` (by task_id) is marked, its history in a row under it."""
    rows = []
    for k, task in enumerate(document.get("tasks") or []):
        problem = str(task.get("problem") or "")
        preview = problem[:PREVIEW] + ("…" if len(problem) > PREVIEW else "")
        amended_task = (amended or {}).get(str(task.get("task_id")), {})
        changes = changes_of(amended_task)
        kind, badge = ("task amended", '<span class="badge">调整</span>') if changes else ("task", "")
        if changes and amended_task.get("cancelled"):  # withdrawn or merged by a later notice
            merged = amended_task.get("merged_into")
            kind = "task amended cancelled"
            badge = f'<span class="badge">{esc("撤销" if not merged else f"并入第{merged}项")}</span>'
        rows.append(
            f'<tr class="{kind}" id="task-{k}" data-key="t{k}"><td>{esc(task.get("seq"))}{badge}</td>'
            f"<td>{esc(preview)}</td>"
            f"<td>{esc(deadline_text(task))}</td><td>{esc(joined(task.get('responsible_units')))}</td>"
            f"<td>{esc(joined(task.get('leaders')))}</td><td>{len(task.get('measures') or [])}</td>"
            f"<td>{esc(task.get('status'))}</td></tr>")
        if changes:
            items = "".join(change_item(change) for change in changes)
            rows.append(f'<tr class="history" data-key="t{k}"><td></td><td colspan="6">amended by later notices:'
                        f"<ul>{items}</ul></td></tr>")
    return "".join(rows)


def amends_block(amends: list[tuple[str, str, str]]) -> str:
    """On an amending notice's page: the plan tasks it amends, (plan doc_id, plan source, seq), linked."""
    if not amends:
        return ""
    items = "".join(f'<li><a class="amended-plan" href="{esc(page_name(doc_id))}">{esc(source or doc_id)}</a> '
                    f"task {esc(seq)}</li>" for doc_id, source, seq in amends)
    return f'<div>amends tasks of other documents:<ul class="amends">{items}</ul></div>'


def warning_items(document: dict[str, Any]) -> str:
    items = []
    for w, warning in enumerate(document.get("warnings") or []):
        key = f' data-key="w{w}"' if span_of(warning.get("span")) else ""
        items.append(f"<li{key}><b>{esc(warning.get('code'))}</b>: {esc(warning.get('message'))}</li>")
    return "".join(items)


def legend() -> str:
    return "".join(f'<span class="f-{name}">{name}</span>' for name in FIELD_COLOURS)


def css() -> str:
    return CSS + "".join(f".f-{name}{{background:{colour}}}" for name, colour in FIELD_COLOURS.items())


def page_name(doc_id: str) -> str:
    return UNSAFE_NAME_RE.sub("_", doc_id) + ".html"


def document_page(document: dict[str, Any], amended: dict[str, dict[str, Any]] | None = None,
                  amends: list[tuple[str, str, str]] | None = None) -> str:
    """A document's page; `amended`: its tasks as later notices amended them, by task_id;
    `amends`: the tasks of other documents it amends (see `amends_block`)."""
    source = str((document.get("source") or {}).get("path") or document.get("doc_id") or "")
    title = document.get("title") or source
    text = str(document.get("text") or "")
    tasks = document.get("tasks") or []
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(title)}</title><style>{css()}</style></head>
<body><header><a href="index.html">← all documents</a>
<h1>{esc(title)}</h1>
<div>{esc(source)} · {esc(document.get("doc_type"))} · {len(tasks)} tasks · \
{len(document.get("indicators") or [])} indicators · {len(text)} characters\
{amended_count(document, amended)}</div>{amends_block(amends or [])}
<ul class="warnings" id="warnings">{warning_items(document)}</ul><div class="legend">{legend()}</div></header>
<main><div id="text">{highlighted(text, marks_of(document))}</div>
<div id="tasks"><table><thead><tr><th>seq</th><th>problem</th><th>deadline</th><th>responsible units</th>
<th>leaders</th><th>measures</th><th>status</th></tr></thead>
<tbody>{task_rows(document, amended)}</tbody></table></div></main>
<script>{SCRIPT}</script></body></html>
"""


def amended_count(document: dict[str, Any], amended: dict[str, dict[str, Any]] | None) -> str:
    """` · N amended` when later notices amended N of the document's tasks."""
    count = len(set(amended or {}) & {str(task.get("task_id")) for task in document.get("tasks") or []})
    return f" · {count} amended" if count else ""


@dataclass
class Amended:
    """OUT/amended_tasks.jsonl for the pages: by plan, its amended tasks by task_id; by
    amending notice, the plan tasks it amends."""

    by_plan: dict[str, dict[str, dict[str, Any]]]
    by_notice: dict[str, list[tuple[str, str, str]]]


def read_amended(out_dir: Path) -> Amended:
    """The amended tasks of OUT (none without amended_tasks.jsonl; broken lines left out)."""
    found = Amended({}, {})
    sources: dict[str, str] = {}  # plan doc_id → its source path, read from its file's head once
    path = out_dir / "amended_tasks.jsonl"
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines() if path.is_file() else []
    for line in lines:
        try:
            task = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(task, dict):
            continue
        plan = str(task.get("doc_id") or "")
        found.by_plan.setdefault(plan, {}).setdefault(str(task.get("task_id")), task)
        if plan not in sources:
            plan_file = out_dir / "documents" / f"{plan}.json"
            sources[plan] = source_path_of(plan_file) if plan_file.is_file() else ""
        plan_source = sources[plan]
        for change in changes_of(task):
            amends = found.by_notice.setdefault(change.doc_id, [])
            entry = (plan, plan_source, str(task.get("seq")))
            if entry not in amends:
                amends.append(entry)
    return found


@dataclass(frozen=True)
class Summary:
    """One line of the index."""

    page: str
    source: str
    title: str
    doc_type: str
    tasks: int
    declared: int | None
    indicators: int
    spans: int
    warnings: tuple[str, ...]
    amended: int = 0  # tasks later notices of the batch amended


def summary_of(document: dict[str, Any], page: str, amended: dict[str, dict[str, Any]] | None = None) -> Summary:
    return Summary(page, str((document.get("source") or {}).get("path") or ""), str(document.get("title") or ""),
                   str(document.get("doc_type") or ""), len(document.get("tasks") or []),
                   document.get("declared_task_count"), len(document.get("indicators") or []),
                   len(marks_of(document)),
                   tuple(sorted(str(w.get("code")) for w in document.get("warnings") or [])),
                   len(set(amended or {}) & {str(t.get("task_id")) for t in document.get("tasks") or []}))


def index_page(summaries: list[Summary], unreadable: list[str], errors: list[dict[str, Any]]) -> str:
    rows = []
    for s in summaries:
        declared = "" if s.declared is None else f" / {s.declared}"
        declared += f" ({s.amended} amended)" if s.amended else ""
        rows.append(f'<tr><td><a class="doc" href="{esc(s.page)}">{esc(s.source)}</a></td><td>{esc(s.title)}</td>'
                    f"<td>{esc(s.doc_type)}</td><td>{s.tasks}{declared}</td><td>{s.indicators}</td><td>{s.spans}</td>"
                    f"<td>{esc(', '.join(s.warnings))}</td></tr>")
    failed = "".join(f"<li>{esc(e.get('path'))}: <b>{esc(e.get('code'))}</b> {esc(e.get('message'))}</li>"
                     for e in errors)
    failed += "".join(f"<li>{esc(name)}: unreadable document file</li>" for name in unreadable)
    failed_block = f'<h2>Not reviewed</h2><ul class="warnings" id="failed">{failed}</ul>' if failed else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>notice-extract review</title><style>{css()}</style></head>
<body><header><h1>Extraction review: {len(summaries)} documents</h1>
<div class="muted">tasks / declared count (amended by later notices) · spans = highlighted values</div></header>
<div style="padding:12px"><table><thead><tr><th>file</th><th>title</th><th>type</th><th>tasks</th>
<th>indicators</th><th>spans</th><th>warnings</th></tr></thead><tbody>{"".join(rows)}</tbody></table>
{failed_block}</div></body></html>
"""


def read_errors(out_dir: Path) -> list[dict[str, Any]]:
    path = out_dir / "errors.jsonl"
    if not path.is_file():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict):
            records.append(record)
    return sorted(records, key=lambda r: str(r.get("path")))


def write_review(out_dir: Path) -> Path:
    """Write OUT/review/ from OUT/documents/*.json (one document in memory at a time);
    pages of documents no longer in OUT are removed. Returns the index page's path."""
    review_dir = out_dir / "review"
    review_dir.mkdir(parents=True, exist_ok=True)
    summaries: list[Summary] = []
    unreadable: list[str] = []
    written = {"index.html"}
    amended = read_amended(out_dir)
    for path in sorted((out_dir / "documents").glob("*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            unreadable.append(path.name)
            continue
        if not isinstance(document, dict):
            unreadable.append(path.name)
            continue
        doc_id = str(document.get("doc_id") or path.stem)
        page = page_name(doc_id)
        html_page = document_page(document, amended.by_plan.get(doc_id), amended.by_notice.get(doc_id))
        write_atomic(review_dir / page, html_page.encode("utf-8"))
        written.add(page)
        summaries.append(summary_of(document, page, amended.by_plan.get(doc_id)))
    for stale in review_dir.glob("*.html"):
        if stale.name not in written:
            stale.unlink()
    summaries.sort(key=lambda s: (s.source, s.page))
    index = review_dir / "index.html"
    write_atomic(index, index_page(summaries, unreadable, read_errors(out_dir)).encode("utf-8"))
    return index
