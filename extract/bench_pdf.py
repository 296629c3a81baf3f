"""PDF throughput: pages per second of `parse_pdf` (text layer, tables, furniture, line
joining) over the text PDFs of the corpus, against pdfplumber's own `extract_text` over
the same pages, on one core. Scanned PDFs are left out: OCR time is Tesseract's.

    python -m extract.bench_pdf [FOLDER ...] [--rounds N]

The target is 100 pages/s per core with tables; the ratio shows how far our reading is
from the plain text dump a naive pipeline would start from.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from extract.config import Options
from extract.parse.pdf import parse_pdf

DEFAULT_FOLDERS = (Path("corpus/pdf"),)
TARGET_PAGES_PER_S = 100.0


@dataclass(frozen=True)
class Rate:
    pages: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.pages / max(self.seconds, 1e-9)


def text_pdfs(folders: list[Path]) -> list[Path]:
    """The readable PDFs under the folders whose every page has a text layer."""
    return [p for p in sorted(p for folder in folders for p in folder.rglob("*.pdf")) if all_text(p)]


def all_text(path: Path) -> bool:
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:  # encrypted or broken: not for timing
        return False
    try:
        return all(document[i].get_textpage().count_chars() > 0 for i in range(len(document)))
    finally:
        document.close()


def ours(data: bytes) -> int:
    return parse_pdf(data, Options(ocr=False)).pages or 0


def plumber_text(data: bytes) -> int:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def measure(files: list[bytes], read: Callable[[bytes], int], rounds: int) -> Rate:
    """The best of `rounds` passes over the files (the least disturbed by other load)."""
    rates = []
    for _ in range(max(1, rounds)):
        started = time.perf_counter()
        pages = sum(read(data) for data in files)
        rates.append(Rate(pages, time.perf_counter() - started))
    return min(rates, key=lambda rate: rate.seconds)


def report(label: str, files: list[bytes], rounds: int) -> float:
    mine = measure(files, ours, rounds)
    theirs = measure(files, plumber_text, rounds)
    ratio = mine.per_second / theirs.per_second
    print(f"pdf ({label}): {mine.pages} pages in {len(files)} files")
    print(f"  parse_pdf:                 {mine.per_second:8.1f} pages/s  (target {TARGET_PAGES_PER_S:.0f})")
    print(f"  pdfplumber extract_text:   {theirs.per_second:8.1f} pages/s")
    print(f"  ratio parse_pdf/pdfplumber: {ratio:7.2f}")
    return mine.per_second


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extract.bench_pdf", description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=list(DEFAULT_FOLDERS))
    parser.add_argument("--rounds", type=int, default=3, help="passes per reader; the best counts")
    args = parser.parse_args(argv)
    paths = text_pdfs(args.folders)
    if not paths:
        print("pdf: no text PDFs under " + ", ".join(str(f) for f in args.folders))
        return 0
    files = [p.read_bytes() for p in paths]
    ours(files[0])  # imports and pdfium's first load out of the timing
    report("all text PDFs, tables included", files, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
