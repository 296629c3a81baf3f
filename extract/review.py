"""`notice-extract review OUT`: static pages to check an extraction by eye.

OUT/review/index.html lists the documents with their counts and warnings; one page per
document shows its normalised text with every extracted span highlighted in the colour
of its field, the warnings at the top, and the task table beside the text: clicking a
task scrolls to its spans and marks them. Plain HTML, CSS and a little inline
JavaScript: no server, no network, same output for the same input.
"""

from __future__ import annotations

import html
import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.export import write_atomic

FIELD_COLOURS = {
    "problem": "#fde2e2", "target": "#e2f0fd", "deadline": "#fff3c4", "lead_unit": "#d9f7d9",
    "responsible_units": "#c8efc8", "cooperating_units": "#e4f5e4", "leaders": "#f3defa", "persons": "#ead7f7",
    "supervisors": "#dfe7fb", "measures": "#e9f3e1", "status": "#ffe0c2", "indicator": "#d4f4f1",
    "metadata": "#ececec", "warning": "#ffb3b3", "amendment": "#fcd5ec",
}
CSS = """
body{font:14px/1.6 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#222}
header{padding:10px 16px;border-bottom:1px solid #ddd;background:#fafafa}
header h1{font-size:18px;margin:0 0 4px}
.warnings{color:#a00;margin:4px 0 0;padding-left:18px}
main{display:flex;height:calc(100vh - 110px)}
#text{flex:3;overflow:auto;padding:12px 16px;white-space:pre-wrap;border-right:1px solid #ddd}
#tasks{flex:2;overflow:auto;padding:8px}
table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}
tr.task{cursor:pointer}tr.task:hover{background:#f0f6ff}tr.task.selected{background:#dbe9ff}
.hl{border-radius:2px}
.hl.active{outline:2px solid #1a5fd0;background:#ffe98a !important}
.legend span{display:inline-block;padding:0 6px;margin:2px;border-radius:3px;font-size:12px}
"""
SCRIPT = """
function selectTask(k){
  document.querySelectorAll('.hl.active').forEach(function(e){e.classList.remove('active');});
  document.querySelectorAll('tr.task.selected').forEach(function(e){e.classList.remove('selected');});
  var row=document.getElementById('task-'+k); if(row){row.classList.add('selected');}
  var marks=document.querySelectorAll('.hl[data-tasks~="'+k+'"]');
  marks.forEach(function(e){e.classList.add('active');});
  if(marks.length){marks[0].scrollIntoView({block:'center'});}
}
document.querySelectorAll('tr.task').forEach(function(row){
  row.addEventListener('click',function(){selectTask(row.dataset.task);});
});
"""


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    field: str  # a key of FIELD_COLOURS
    label: str  # shown as the tooltip
    task: int | None  # index of the task it belongs to


def colour_key(name: str) -> str:
    base = name.split(".")[0]
    if base in FIELD_COLOURS:
        return base
    return "metadata"


def marks_of(document: dict[str, Any]) -> list[Mark]:
    marks: list[Mark] = []
    for k, task in enumerate(document.get("tasks", [])):
        for name, span in sorted(task.get("spans", {}).items()):
            if name == "task" or "." in name:  # the whole item; per-item spans lie inside their field's
                continue
            marks.append(Mark(span[0], span[1], colour_key(name), f"task {task['seq']}: {name}", k))
        for m, measure in enumerate(task.get("measures", [])):
            if measure.get("span"):
                start, end = measure["span"]
                marks.append(Mark(start, end, "measures", f"task {task['seq']}: measure {m + 1}", k))
    for indicator in document.get("indicators", []):
        if indicator.get("span"):
            start, end = indicator["span"]
            marks.append(Mark(start, end, "indicator", f"indicator {indicator['name']}", None))
    for name, span in sorted(document.get("spans", {}).items()):
        marks.append(Mark(span[0], span[1], "metadata", name, None))
    for amendment in document.get("amendments", []):
        if amendment.get("span"):
            marks.append(Mark(amendment["span"][0], amendment["span"][1], "amendment",
                              f"amendment of task {amendment['task_seq']}: {amendment['field']}", None))
    for warning in document.get("warnings", []):
        if warning.get("span"):
            marks.append(Mark(warning["span"][0], warning["span"][1], "warning", f"warning {warning['code']}", None))
    return [m for m in marks if 0 <= m.start < m.end <= len(document.get("text", ""))]


def highlighted(text: str, marks: list[Mark]) -> str:
    """The text cut at every mark boundary; each piece carries the marks covering it."""
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    for start, end in itertools.pairwise(cuts):
        covering = [m for m in marks if m.start <= start and end <= m.end]
        piece = html.escape(text[start:end])
        if not covering:
            out.append(piece)
            continue
        innermost = min(covering, key=lambda m: (m.end - m.start, m.field))
        tasks = sorted({m.task for m in covering if m.task is not None})
        title = html.escape("; ".join(sorted({m.label for m in covering})), quote=True)
        out.append(f'<span class="hl f-{innermost.field}" data-tasks="{" ".join(map(str, tasks))}" '
                   f'title="{title}">{piece}</span>')
    return "".join(out)


def deadline_text(task: dict[str, Any]) -> str:
    deadline = task.get("deadline") or {}
    return f"{deadline.get('text', '')} → {deadline.get('date') or '—'}" if deadline else ""


def task_rows(document: dict[str, Any]) -> str:
    rows = []
    for k, task in enumerate(document.get("tasks", [])):
        problem = task.get("problem") or ""
        rows.append(
            f'<tr class="task" id="task-{k}" data-task="{k}"><td>{html.escape(task["seq"])}</td>'
            f"<td>{html.escape(problem[:60] + ('…' if len(problem) > 60 else ''))}</td>"
            f"<td>{html.escape(deadline_text(task))}</td><td>{html.escape(task.get('lead_unit') or '')}</td>"
            f"<td>{len(task.get('measures', []))}</td><td>{html.escape(task.get('status') or '')}</td></tr>")
    return "".join(rows)


def legend() -> str:
    return "".join(f'<span style="background:{colour}">{name}</span>' for name, colour in FIELD_COLOURS.items())


def css() -> str:
    return CSS + "".join(f".f-{name}{{background:{colour}}}" for name, colour in FIELD_COLOURS.items())


def document_page(document: dict[str, Any]) -> str:
    warnings = "".join(f"<li><b>{html.escape(w['code'])}</b>: {html.escape(w['message'])}</li>"
                       for w in document.get("warnings", []))
    title = document.get("title") or document["source"]["path"]
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title><style>{css()}</style></head>
<body><header><a href="index.html">← all documents</a>
<h1>{html.escape(title)}</h1>
<div>{html.escape(document["source"]["path"])} · {html.escape(document.get("doc_type", ""))} ·
{len(document.get("tasks", []))} tasks · {len(document.get("indicators", []))} indicators</div>
<ul class="warnings" id="warnings">{warnings}</ul><div class="legend">{legend()}</div></header>
<main><div id="text">{highlighted(document.get("text", ""), marks_of(document))}</div>
<div id="tasks"><table><thead><tr><th>seq</th><th>problem</th><th>deadline</th><th>lead unit</th>
<th>measures</th><th>status</th></tr></thead><tbody>{task_rows(document)}</tbody></table></div></main>
<script>{SCRIPT}</script></body></html>
"""


def index_page(documents: list[dict[str, Any]]) -> str:
    rows = []
    for document in documents:
        codes = ", ".join(sorted({w["code"] for w in document.get("warnings", [])}))
        rows.append(
            f'<tr><td><a class="doc" href="{document["doc_id"]}.html">'
            f'{html.escape(document["source"]["path"])}</a></td>'
            f"<td>{html.escape(document.get('title') or '')}</td><td>{html.escape(document.get('doc_type', ''))}</td>"
            f"<td>{document['tasks']}</td><td>{document['indicators']}</td><td>{html.escape(codes)}</td></tr>")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>notice-extract review</title><style>{css()}</style></head>
<body><header><h1>Extraction review: {len(documents)} documents</h1></header>
<div style="padding:12px"><table><thead><tr><th>file</th><th>title</th><th>type</th><th>tasks</th>
<th>indicators</th><th>warnings</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div></body></html>
"""


def write_review(out_dir: Path) -> Path:
    """Write OUT/review/ from OUT/documents/*.json; returns the index page's path."""
    review_dir = out_dir / "review"
    review_dir.mkdir(parents=True, exist_ok=True)
    summaries: list[dict[str, Any]] = []
    for path in sorted((out_dir / "documents").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        write_atomic(review_dir / f"{document['doc_id']}.html", document_page(document).encode("utf-8"))
        summaries.append({"doc_id": document["doc_id"], "source": document["source"], "title": document.get("title"),
                          "doc_type": document.get("doc_type"), "tasks": len(document.get("tasks", [])),
                          "indicators": len(document.get("indicators", [])), "warnings": document.get("warnings", [])})
    summaries.sort(key=lambda d: d["source"]["path"])
    index = review_dir / "index.html"
    write_atomic(index, index_page(summaries).encode("utf-8"))
    return index
