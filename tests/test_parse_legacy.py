"""Legacy .doc through LibreOffice, or a clear unsupported_format without it."""

from __future__ import annotations

import pytest

from extract.config import Options
from extract.errors import UnsupportedFormat
from extract.parse import legacy
from schemas.blocks import BlockKind
from tests.conftest import CORPUS

DOC = CORPUS / "doc" / "002_b5fa22a766b1ca11.doc"


@pytest.mark.skipif(legacy.soffice() is None, reason="LibreOffice is not installed")
def test_doc_converts_with_numbering_and_table() -> None:
    parsed = legacy.parse_legacy(DOC.read_bytes(), Options())
    assert any(b.label == "(一)" for b in parsed.blocks)
    tables = [b for b in parsed.blocks if b.kind is BlockKind.table]
    assert len(tables) == 1 and len(tables[0].rows) > 18


def test_without_libreoffice_the_error_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy, "soffice", lambda: None)
    with pytest.raises(UnsupportedFormat, match="libreoffice-writer-nogui"):
        legacy.parse_legacy(DOC.read_bytes(), Options())
