"""Legacy binary office files (.doc, .wps, .et, .xls): converted by LibreOffice headless
into their OOXML form, then read by the DOCX or XLSX parser.

LibreOffice is a system program (Debian `libreoffice-writer-nogui`, and for spreadsheets
`libreoffice-calc-nogui`); each conversion runs
with its own throw-away profile so parallel workers do not lock each other out. Without
it the file fails with `unsupported_format`, naming the package; a conversion that hangs
fails with `timeout`, its LibreOffice processes killed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from extract.config import Options
from extract.errors import CorruptFile, Timeout, UnsupportedFormat
from schemas.blocks import Parsed

CONVERT_TIMEOUT_S = 120
INSTALL_HINT = "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui)"
CALC_HINT = "install LibreOffice Calc (Debian: apt-get install libreoffice-calc-nogui)"
CALC_LIBRARY = "libsclo.so"  # beside the soffice program when Calc is installed
# OLE2 directory entries name their streams in UTF-16: Word and WPS Writer files hold a
# WordDocument stream, Excel and WPS ET files a Workbook (Excel 5: Book) stream.
WORD_STREAM = "WordDocument".encode("utf-16-le")
SHEET_STREAMS = tuple(name.encode("utf-16-le") for name in ("Workbook", "Book"))
# Microsoft Works documents (also .wps) hold their text in a CONTENTS stream, which LibreOffice reads.
WORKS_STREAM = "CONTENTS".encode("utf-16-le")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def has_calc(binary: str) -> bool:
    """Whether this LibreOffice can open spreadsheets (Calc is a package of its own)."""
    return (Path(binary).resolve().parent / CALC_LIBRARY).is_file()


def is_spreadsheet(data: bytes) -> bool:
    """Whether an OLE2 file is a workbook (the directory may sit anywhere in the file)."""
    return WORD_STREAM not in data and any(name in data for name in SHEET_STREAMS)


def convert(data: bytes, target: str, binary: str, timeout_s: float = CONVERT_TIMEOUT_S) -> bytes:
    """The file converted to `target` (docx or xlsx) by LibreOffice headless."""
    with tempfile.TemporaryDirectory(prefix="notice-soffice-") as folder:
        work = Path(folder)
        source = work / "input.bin"
        source.write_bytes(data)
        command = [binary, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", target, "--outdir", str(work / "out"), str(source)]
        returncode, said = run_soffice(command, timeout_s)
        converted = work / "out" / f"input.{target}"
        if returncode != 0 or not converted.is_file():
            raise CorruptFile(f"LibreOffice could not convert the file: {said.strip()[:200]}")
        return converted.read_bytes()


def run_soffice(command: list[str], timeout_s: float) -> tuple[int, str]:
    """(exit status, output) of LibreOffice; on timeout its whole process group is killed
    (`soffice` is a launcher whose `soffice.bin` child would outlive a plain kill)."""
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          start_new_session=True) as process:
        try:
            output, _ = process.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired as exc:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise Timeout(f"LibreOffice did not convert the file within {timeout_s:.0f} s") from exc
        return process.returncode, output or ""


def parse_legacy(data: bytes, options: Options) -> Parsed:
    binary = soffice()
    if binary is None:
        raise UnsupportedFormat(f"legacy Word/WPS/Excel file: to read it, {INSTALL_HINT}")
    timeout_s = min(CONVERT_TIMEOUT_S, options.timeout_s)
    if not any(name in data for name in (WORD_STREAM, WORKS_STREAM, *SHEET_STREAMS)):
        # LibreOffice would open it with its plain-text filter and give its bytes as text
        raise CorruptFile("an OLE2 compound file with no WordDocument, Workbook or CONTENTS stream: "
                          "no Word, WPS or Excel file (damaged, or another program's)")
    if is_spreadsheet(data):
        if not has_calc(binary):
            raise UnsupportedFormat(f"legacy Excel/WPS spreadsheet: to read it, {CALC_HINT}")
        from extract.parse.xlsx import parse_xlsx

        return parse_xlsx(convert(data, "xlsx", binary, timeout_s), options)
    from extract.parse.docx import parse_docx

    return parse_docx(convert(data, "docx", binary, timeout_s), options)
