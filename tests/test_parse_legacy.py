"""Legacy .doc/.xls through LibreOffice, or a clear unsupported_format / timeout."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from extract.config import Options
from extract.errors import CorruptFile, Timeout, UnsupportedFormat
from extract.parse import legacy
from schemas.blocks import BlockKind
from tests.conftest import CORPUS

DOC = CORPUS / "doc" / "002_b5fa22a766b1ca11.doc"
XLSX = CORPUS / "xlsx" / "002_b5fa22a766b1ca11_tasks.xlsx"
SOFFICE = legacy.soffice()
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
needs_calc = pytest.mark.skipif(SOFFICE is None or not legacy.has_calc(SOFFICE), reason="LibreOffice Calc is not installed")


@needs_soffice
def test_doc_converts_with_numbering_and_table() -> None:
    parsed = legacy.parse_legacy(DOC.read_bytes(), Options())
    assert any(b.label == "(一)" for b in parsed.blocks)
    tables = [b for b in parsed.blocks if b.kind is BlockKind.table]
    assert len(tables) == 1 and len(tables[0].rows) > 18
    assert "".join(tables[0].rows[0][3].text.split()) == "整改时限"


@needs_calc
def test_xls_converts_to_a_table(tmp_path: Path) -> None:
    assert SOFFICE is not None
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "xls", "--outdir", str(tmp_path), str(XLSX)], check=True, timeout=120,
                   capture_output=True)
    data = (tmp_path / XLSX.with_suffix(".xls").name).read_bytes()
    assert legacy.is_spreadsheet(data)
    tables = [b for b in legacy.parse_legacy(data, Options()).blocks if b.kind is BlockKind.table]
    cells = {"".join(c.text.split()) for t in tables for row in t.rows for c in row}
    assert "整改时限" in cells and "责任单位" in cells


def test_a_word_file_is_no_spreadsheet() -> None:
    assert not legacy.is_spreadsheet(DOC.read_bytes())


def test_without_calc_a_spreadsheet_names_its_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy, "soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(legacy, "has_calc", lambda binary: False)
    workbook = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le")
    with pytest.raises(UnsupportedFormat, match="libreoffice-calc-nogui"):
        legacy.parse_legacy(workbook, Options())


def test_without_libreoffice_the_error_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy, "soffice", lambda: None)
    with pytest.raises(UnsupportedFormat, match="libreoffice-writer-nogui"):
        legacy.parse_legacy(DOC.read_bytes(), Options())


@pytest.mark.skipif(shutil.which("sh") is None, reason="no POSIX shell")
def test_a_hanging_conversion_times_out(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    hanging = tmp_path / "soffice"
    hanging.write_text("#!/bin/sh\nsleep 30 &\nwait\n", encoding="utf-8")  # a launcher with a child, as soffice
    hanging.chmod(0o755)
    monkeypatch.setattr(legacy, "soffice", lambda: str(hanging))
    with pytest.raises(Timeout, match="LibreOffice"):
        legacy.parse_legacy(DOC.read_bytes(), Options(timeout_s=0.5))


@pytest.mark.parametrize("stream", ["", "PowerPoint Document"])
def test_ole_file_without_a_document_stream_is_corrupt(stream: str) -> None:
    # LibreOffice read such bytes with its text filter: a document of random characters
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + stream.encode("utf-16-le") + bytes(range(256)) * 8
    with pytest.raises(CorruptFile, match="no WordDocument, Workbook or CONTENTS stream"):
        legacy.parse_legacy(data, Options())
