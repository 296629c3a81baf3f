"""OCR of image-only PDF pages with the Tesseract engine and its Simplified Chinese data.

Tesseract is a system program (Debian `tesseract-ocr tesseract-ocr-chi-sim`), called as
a subprocess on the page rendered by pdfium. Without it, or with `--no-ocr`, the file
fails with `needs_ocr`, naming the packages. Tesseract spaces out CJK characters; the
spaces between them go here (the normaliser would keep a single one as a boundary).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import regex

from extract.config import Options
from extract.errors import NeedsOcr

OCR_DPI = 250  # scans are mostly 200–300 dpi; rendering finer adds time, not text
OCR_LANGUAGE = "chi_sim"
OCR_TIMEOUT_S = 120
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


def check_ocr(options: Options) -> str:
    """The tesseract binary, or NeedsOcr naming what to install."""
    if not options.ocr:
        raise NeedsOcr(f"a page has no text layer and OCR is switched off (--no-ocr); to read it, {INSTALL_HINT}")
    binary = tesseract()
    if binary is None:
        raise NeedsOcr(f"a page has no text layer; to read it, {INSTALL_HINT}")
    return binary


def render_page(page: pdfium.PdfPage, folder: Path, number: int) -> Path:
    """The page as a greyscale PNG (pdfium is not thread-safe: render on one thread)."""
    path = folder / f"page-{number:04d}.png"
    page.render(scale=OCR_DPI / 72, grayscale=True).to_pil().save(path)
    return path


def recognise(binary: str, image: Path) -> str:
    result = subprocess.run([binary, str(image), "stdout", "-l", OCR_LANGUAGE, "--psm", "6"],
                            capture_output=True, text=True, timeout=OCR_TIMEOUT_S, check=False,
                            env={**os.environ, "OMP_THREAD_LIMIT": "1"})  # one core per page: pages run in parallel
    if result.returncode != 0:
        raise NeedsOcr(f"Tesseract failed on a page: {result.stderr.strip()[:200]}")
    return "\n".join(SPACE_IN_CJK_RE.sub("", line) for line in result.stdout.splitlines())


def recognise_all(binary: str, images: list[Path]) -> list[str]:
    """OCR of several page images at once, one Tesseract process per core, in page order."""
    with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
        return list(pool.map(lambda image: recognise(binary, image), images))
