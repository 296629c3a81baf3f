"""`make bench`: throughput and memory of the batch, as ratios against baselines run in
the same process.

- Text and HTML notices: the seed corpus replicated to at least 1,000 files (each copy
  made unique by trailing white space, so no two share a doc_id), run single-process
  through `run_batch`; baseline: reading and decoding the same files alone.
- PDF: pages per second of our parser against pdfplumber's own `extract_text` over the
  same pages (`extract.bench_pdf`, also runnable alone on any folder).
- Memory: peak RSS growth from 250 to 1,000 files (flat means results stream to disk).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from extract.batch import run_batch, walk_inputs
from extract.config import Options
from extract.load import FileType, decode_text, sniff_type

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def replicate(sources: list[Path], target: Path, count: int) -> list[Path]:
    """`count` files cycling over `sources`, each made unique by trailing spaces."""
    target.mkdir(parents=True, exist_ok=True)
    made = []
    for k in range(count):
        source = sources[k % len(sources)]
        path = target / f"{k:05d}_{source.name}"
        suffix = b"\n<!-- %d -->\n" % k if source.suffix in (".html", ".htm") else b"\n" + b" " * (k + 1)
        path.write_bytes(source.read_bytes() + suffix)
        made.append(path)
    return made


def baseline_read_decode(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        data = path.read_bytes()
        if sniff_type(data, path.name) is FileType.txt:
            decode_text(data)
        else:
            data.decode("utf-8", errors="replace")
    return time.perf_counter() - started


def text_bench(work: Path, count: int) -> None:
    sources = sorted((CORPUS / "seeds").glob("*.txt")) + sorted((CORPUS / "html").glob("*.html"))
    paths = replicate(sources, work / "in", count)
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    base = baseline_read_decode(paths)
    options = Options(formats=("json", "jsonl", "csv"))
    summary = run_batch([work / "in"], work / "out", options, workers=1, progress=False)
    seconds = summary.seconds
    print(f"text+html notices: {summary.documents} documents, {summary.tasks} tasks, {summary.errors} errors")
    print(f"  pipeline (1 process):     {summary.documents / seconds:8.1f} docs/s  {megabytes / seconds:6.2f} MB/s")
    print(f"  baseline read+decode:     {len(paths) / base:8.1f} docs/s  {megabytes / base:6.2f} MB/s")
    print(f"  ratio pipeline/baseline:  {base / seconds:8.4f}  (target: 500 docs/s per core)")


def memory_bench(work: Path) -> None:
    sources = sorted((CORPUS / "seeds").glob("*.txt"))
    for count in (250, 1000):
        folder = work / f"mem{count}"
        replicate(sources, folder / "in", count)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        run_batch([folder / "in"], folder / "out", Options(), workers=1, progress=False)
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"  peak RSS after {count:5d} files: {after / 1024:7.1f} MB (grew {(after - before) / 1024:6.1f} MB)")


def pdf_bench() -> None:
    """Pages per second of our PDF parser against pdfplumber's `extract_text` (see bench_pdf)."""
    from extract import bench_pdf

    bench_pdf.main([str(CORPUS / "pdf")])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000, help="replicated text/HTML files (>= 1000)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="notice-bench-"))
    try:
        text_bench(work, max(args.files, len(walk_inputs([CORPUS / "seeds"]))))
        pdf_bench()
        print("memory (streamed output, single process):")
        memory_bench(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
