"""The batch run: walk inputs, extract each file in worker processes, stream to OUT/.

Files go in sorted order and results come back in that order (Pool.imap), so two runs
give the same output. A failing file becomes one errors.jsonl line and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import multiprocessing
import os
import signal
import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from tqdm import tqdm

from extract import __version__
from extract.assemble import extract_bytes
from extract.config import Options
from extract.errors import ExtractError, InternalError, Timeout
from extract.export import OutputWriter
from schemas.document import Document, ErrorRecord, Manifest

SKIP_NAMES = frozenset({"MAP.tsv", "README.md", ".DS_Store", "Thumbs.db"})
SKIP_SUFFIXES = frozenset({".json", ".jsonl", ".tsv", ".py", ".md", ".csv"})


@dataclass(frozen=True)
class WorkItem:
    path: Path
    rel: str  # relative to its input root, POSIX separators


@dataclass
class Outcome:
    rel: str
    sha256: str
    seconds: float
    document: Document | None = None
    error: ErrorRecord | None = None


@dataclass
class Summary:
    files: int = 0
    documents: int = 0
    tasks: int = 0
    errors: int = 0
    seconds: float = 0.0
    formats: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)
    error_codes: Counter[str] = field(default_factory=Counter)
    slowest: list[tuple[float, str]] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.files} files, {self.documents} documents, {self.tasks} tasks, "
                f"{self.errors} errors in {self.seconds:.2f} s")


def walk_inputs(inputs: list[Path]) -> list[WorkItem]:
    """Every file under the inputs, sorted; a path is relative to the folder it was found in
    (a file given directly keeps its name). Gold and tool files are skipped."""
    items: dict[str, WorkItem] = {}
    for given in inputs:
        if given.is_file():
            candidates = [(given, given.name)]
        else:
            candidates = [(p, p.relative_to(given).as_posix()) for p in sorted(given.rglob("*")) if p.is_file()]
            # keep the folder's own name so that files of two inputs cannot collide
            candidates = [(p, f"{given.resolve().name}/{rel}") for p, rel in candidates]
        for path, rel in candidates:
            if path.name in SKIP_NAMES or path.suffix.lower() in SKIP_SUFFIXES or path.name.startswith("."):
                continue
            rel = printable_path(rel)
            items.setdefault(rel, WorkItem(path, rel))
    return [items[key] for key in sorted(items)]


def printable_path(rel: str) -> str:
    """`rel` as UTF-8 can carry it. A name whose bytes are no UTF-8 reaches Python with
    surrogate escapes, which no JSON or CSV writer encodes (the whole batch stopped at the
    first such file); its bad bytes are written as `\\xff` instead, one name per file kept."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(rel).decode("utf-8", "backslashreplace")
    return rel


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Timeout("the file took longer than the per-file time limit")


def settle_heap() -> None:
    """Once per process, after its first file: the rule tables, gazetteer and caches that
    file loaded live as long as the process, so move them out of the garbage collector's
    sight (gc.freeze). Otherwise every full collection walks them again: about a third of
    the time of a batch of small notices."""
    global _settled
    if not _settled:
        _settled = True
        gc.collect()
        gc.freeze()


_settled = False


def process(item: WorkItem, options: Options) -> Outcome:
    """Extract one file; never raises."""
    try:
        return _process(item, options)
    finally:
        settle_heap()


def _process(item: WorkItem, options: Options) -> Outcome:
    started = time.perf_counter()
    data: bytes | None = None
    use_alarm = hasattr(signal, "SIGALRM") and options.timeout_s > 0
    try:
        data = item.path.read_bytes()
        if use_alarm:
            signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, options.timeout_s)
        try:
            document = extract_bytes(data, item.rel, options)
        finally:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
        # the document carries its bytes' hash: no second pass over them
        return Outcome(item.rel, document.source.sha256, time.perf_counter() - started, document=document)
    except ExtractError as exc:
        error = ErrorRecord(path=item.rel, code=exc.code, message=exc.message)
    except OSError as exc:
        error = ErrorRecord(path=item.rel, code="unreadable_file", message=str(exc))
    except Exception as exc:  # our own bug: recorded with its type, the batch goes on
        where = traceback.extract_tb(exc.__traceback__)[-1]
        error = ErrorRecord(path=item.rel, code=InternalError.code,
                            message=f"{type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})")
    sha = hashlib.sha256(data).hexdigest() if data is not None else ""
    return Outcome(item.rel, sha, time.perf_counter() - started, error=error)


def _process_star(args: tuple[WorkItem, Options]) -> Outcome:
    return process(*args)


def outcomes(items: list[WorkItem], options: Options, workers: int) -> Iterator[Outcome]:
    if workers <= 1 or len(items) <= 1:
        for item in items:
            yield process(item, options)
        return
    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    with context.Pool(workers) as pool:
        yield from pool.imap(_process_star, ((item, options) for item in items), chunksize=4)


def run_batch(inputs: list[Path], out_dir: Path, options: Options | None = None, *, workers: int | None = None,
              progress: bool | None = None) -> Summary:
    options = Options.resolve(options)
    workers = workers or os.cpu_count() or 1
    items = walk_inputs(inputs)
    show_bar = sys.stderr.isatty() if progress is None else progress
    summary = Summary(files=len(items))
    started_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    clock = time.perf_counter()
    files: dict[str, str] = {}
    written: set[str] = set()
    with OutputWriter(out_dir, options.formats) as writer:
        results = outcomes(items, options, workers)
        bar = tqdm(results, total=len(items), unit="file", disable=not show_bar, file=sys.stderr)
        for outcome in bar:
            files[outcome.rel] = outcome.sha256
            summary.slowest.append((outcome.seconds, outcome.rel))
            if outcome.error is not None:
                writer.add_error(outcome.error)
                summary.errors += 1
                summary.error_codes[outcome.error.code] += 1
            elif outcome.document is not None and outcome.document.doc_id not in written:
                doc = outcome.document
                written.add(doc.doc_id)  # the same bytes under two names are one document
                try:
                    writer.add_document(doc)
                except Exception as exc:  # a document no writer can serialise: our bug, not the batch's end
                    record = ErrorRecord(path=outcome.rel, code=InternalError.code,
                                         message=f"writing its output failed: {type(exc).__name__}: {exc}")
                    writer.add_error(record)
                    summary.errors += 1
                    summary.error_codes[record.code] += 1
                    continue
                summary.documents += 1
                summary.tasks += len(doc.tasks)
                summary.formats[doc.source.format] += 1
                summary.warnings.update(w.code for w in doc.warnings)
        summary.seconds = time.perf_counter() - clock
        summary.slowest = sorted(summary.slowest, reverse=True)[:5]
        writer.close(Manifest(
            version=__version__, started=started_at,
            finished=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            counts={"files": summary.files, "documents": summary.documents, "tasks": summary.tasks,
                    "errors": summary.errors},
            files=dict(sorted(files.items())),
        ))
    return summary
