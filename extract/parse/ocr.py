"""OCR of image-only PDF pages with the Tesseract engine and its Simplified Chinese data.

Tesseract is a system program (Debian `tesseract-ocr tesseract-ocr-chi-sim`), called as
a subprocess on the page rendered by pdfium. Without it, or with `--no-ocr`, the file
fails with `needs_ocr`, naming the packages. Tesseract spaces out CJK characters; the
spaces between them go here (the normaliser would keep a single one as a boundary). Lines
come with their boxes (Tesseract's TSV output), so the PDF parser joins lines broken by
the page width the same way as on a text layer.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import regex

from extract.config import Options
from extract.errors import NeedsOcr

# Pages are rendered at the resolution of their scan, so Tesseract sees its own pixels:
# on the corpus's 200 dpi scan, rendering at 250 or 300 dpi (interpolated) turned `(六)`
# into `(和六)` and added other misreadings that 200 dpi did not have. Scans coarser than
# OCR_MIN_DPI are upsampled to OCR_LOW_RES_DPI (Tesseract wants a 20 px x-height); finer
# than OCR_MAX_DPI cost time for no text.
OCR_MIN_DPI = 200
OCR_LOW_RES_DPI = 300
OCR_MAX_DPI = 400
OCR_LANGUAGE = "chi_sim"
OCR_TIMEOUT_S = 120
TSV_COLUMNS = 12
INSTALL_HINT = ("install Tesseract with its Simplified Chinese data "
                "(Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim)")
SPACE_IN_CJK_RE = regex.compile(
    r"(?<=[\p{Han}\p{P}])[ \t]+(?=[\p{Han}\p{P}])|(?<=\d)[ \t]+(?=\p{Han})|(?<=\p{Han})[ \t]+(?=\d)")


@cache
def tesseract() -> str | None:
    """The tesseract binary when it has the chi_sim language, else None."""
    binary = shutil.which("tesseract")
    if binary is None:
        return None
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return binary if OCR_LANGUAGE in (listed.stdout + listed.stderr).split() else None


def ocr_available() -> bool:
    return tesseract() is not None


def check_ocr(options: Options, why: str = "a page has no text layer") -> str:
    """The tesseract binary, or NeedsOcr naming what to install."""
    if not options.ocr:
        raise NeedsOcr(f"{why} and OCR is switched off (--no-ocr); to read it, {INSTALL_HINT}")
    binary = tesseract()
    if binary is None:
        raise NeedsOcr(f"{why}; to read it, {INSTALL_HINT}")
    return binary


def scan_dpi(page: pdfium.PdfPage) -> float | None:
    """The resolution of the largest image on the page, in pixels per inch of the page."""
    best: tuple[float, float] | None = None  # (area in points, dpi)
    for image in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, _, right, _ = image.get_bounds()
        pixels, _ = image.get_px_size()
        if right - left > 1 and pixels:
            area = right - left
            if best is None or area > best[0]:
                best = (area, pixels / ((right - left) / 72))
    return best[1] if best else None


def render_dpi(native: float | None) -> float:
    if native is None or native < OCR_MIN_DPI:
        return OCR_LOW_RES_DPI
    return min(native, OCR_MAX_DPI)


def render_page(page: pdfium.PdfPage, folder: Path, number: int) -> Path:
    """The page as a greyscale PNG (pdfium is not thread-safe: render on one thread)."""
    path = folder / f"page-{number:04d}.png"
    page.render(scale=render_dpi(scan_dpi(page)) / 72, grayscale=True).to_pil().save(path)
    return path


@dataclass(frozen=True)
class OcrLine:
    text: str
    box: tuple[float, float, float, float]  # left, bottom, right, top in pixels, y upwards like PDF space
    lead: float | None  # width in pixels of a Latin/digit first word, None when it starts with CJK


@dataclass(frozen=True)
class OcrPage:
    width: float  # pixels
    lines: list[OcrLine]


def recognise(binary: str, image: Path) -> OcrPage:
    """One page image read by Tesseract, as lines with their boxes (TSV output)."""
    result = subprocess.run([binary, str(image), "stdout", "-l", OCR_LANGUAGE, "--psm", "6", "tsv"],
                            capture_output=True, text=True, timeout=OCR_TIMEOUT_S, check=False,
                            env={**os.environ, "OMP_THREAD_LIMIT": "1"})  # one core per page: pages run in parallel
    if result.returncode != 0:
        raise NeedsOcr(f"Tesseract failed on a page: {result.stderr.strip()[:200]}")
    return tsv_to_page(result.stdout)


def tsv_to_page(tsv: str) -> OcrPage:
    """Tesseract's TSV (a row per page, block, paragraph, line and word) → lines of words."""
    width = 0.0
    boxes: dict[tuple[str, str, str], tuple[float, float, float, float]] = {}
    words: dict[tuple[str, str, str], list[tuple[str, float]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < TSV_COLUMNS:
            continue
        level, key = cells[0], (cells[2], cells[3], cells[4])
        left, top, w, h = (float(cells[k]) for k in range(6, 10))
        if level == "1":
            width = w
        elif level == "4":
            boxes[key] = (left, -(top + h), left + w, -top)
        elif level == "5" and cells[11].strip():
            words.setdefault(key, []).append((cells[11].strip(), w))
    lines = []
    for key, box in sorted(boxes.items(), key=lambda item: -item[1][3]):
        found = words.get(key, [])
        if not found:
            continue
        text = SPACE_IN_CJK_RE.sub("", " ".join(word for word, _ in found))
        first, first_width = found[0]
        lines.append(OcrLine(text, box, first_width if first.isascii() else None))
    return OcrPage(width, lines)


def recognise_all(binary: str, images: list[Path]) -> list[OcrPage]:
    """OCR of several page images at once, one Tesseract process per core, in page order."""
    with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
        return list(pool.map(lambda image: recognise(binary, image), images))
