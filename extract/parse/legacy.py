"""Legacy binary office files (.doc, .wps, .et, .xls): converted by LibreOffice headless
into their OOXML form, then read by the DOCX or XLSX parser.

LibreOffice is a system program (Debian `libreoffice-writer-nogui`); each conversion runs
with its own throw-away profile so parallel workers do not lock each other out. Without
it the file fails with `unsupported_format`, naming the package.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from extract.config import Options
from extract.errors import CorruptFile, UnsupportedFormat
from schemas.blocks import Parsed

CONVERT_TIMEOUT_S = 120
INSTALL_HINT = "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui)"
SPREADSHEET_MAGIC = (b"Workbook", b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k")  # OLE2 stream names of .xls/.et


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def is_spreadsheet(data: bytes) -> bool:
    return any(marker in data[:65536] for marker in SPREADSHEET_MAGIC)


def convert(data: bytes, target: str, binary: str, timeout_s: float = CONVERT_TIMEOUT_S) -> bytes:
    """The file converted to `target` (docx or xlsx) by LibreOffice headless."""
    with tempfile.TemporaryDirectory(prefix="notice-soffice-") as folder:
        work = Path(folder)
        source = work / "input.bin"
        source.write_bytes(data)
        command = [binary, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--norestore",
                   "--convert-to", target, "--outdir", str(work / "out"), str(source)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s, check=False)
        except subprocess.TimeoutExpired as exc:
            raise CorruptFile(f"LibreOffice did not convert the file within {timeout_s:.0f} s") from exc
        converted = work / "out" / f"input.{target}"
        if result.returncode != 0 or not converted.is_file():
            said = (result.stderr or result.stdout).strip()[:200]
            raise CorruptFile(f"LibreOffice could not convert the file: {said}")
        return converted.read_bytes()


def parse_legacy(data: bytes, options: Options) -> Parsed:
    binary = soffice()
    if binary is None:
        raise UnsupportedFormat(f"legacy Word/WPS/Excel file: to read it, {INSTALL_HINT}")
    if is_spreadsheet(data):
        from extract.parse.xlsx import parse_xlsx

        return parse_xlsx(convert(data, "xlsx", binary), options)
    from extract.parse.docx import parse_docx

    return parse_docx(convert(data, "docx", binary), options)
