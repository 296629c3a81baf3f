"""DOCX: body order, heading styles, rebuilt automatic numbering, tables, bad files."""

from __future__ import annotations

import io

import docx
import pytest

from extract.config import Options
from extract.errors import CorruptFile
from extract.parse.docx import format_number, parse_docx
from schemas.blocks import BlockKind
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def plan_002():  # type: ignore[no-untyped-def]
    return parse_docx((CORPUS / "docx" / "002_b5fa22a766b1ca11.docx").read_bytes(), Options())


def test_automatic_numbering_becomes_labels(plan_002) -> None:  # type: ignore[no-untyped-def]
    labelled = [(b.label, b.text[:6]) for b in plan_002.blocks if b.label]
    assert labelled[:4] == [("(一)", "坚持统一领导"), ("(二)", "坚持对标对表"), ("(三)", "坚持综合施策"), ("(四)", "坚持“五不放")]
    # a second list under 四、 starts again at (一)
    assert [label for label, _ in labelled].count("(一)") >= 2


def test_headings_tables_and_page_breaks(plan_002) -> None:  # type: ignore[no-untyped-def]
    kinds = [b.kind for b in plan_002.blocks]
    assert BlockKind.heading in kinds and BlockKind.page_break in kinds
    tables = [b for b in plan_002.blocks if b.kind is BlockKind.table]
    assert len(tables) == 1
    header = [c.text.replace("\n", "") for c in tables[0].rows[0]]
    assert header[:3] == ["序号", "反馈问题", "整改目标"]
    group = tables[0].rows[1]
    assert len({c.text for c in group}) == 1  # a merged group row: same text in every column
    multi_line = next(c.text for row in tables[0].rows for c in row if c.text.startswith("(一)"))
    assert "\n(二)" in multi_line  # each measure on its own line


def made_docx() -> bytes:
    document = docx.Document()
    document.add_heading("某县整改方案", level=1)
    document.add_paragraph("正文。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "序号", "反馈问题"
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "甲。"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_made_document_in_order() -> None:
    parsed = parse_docx(made_docx(), Options())
    assert [(b.kind.value, b.text) for b in parsed.blocks if b.kind is not BlockKind.table] == [
        ("heading", "某县整改方案"), ("paragraph", "正文。")]
    assert parsed.blocks[-1].kind is BlockKind.table


@pytest.mark.parametrize(("n", "fmt", "expected"), [
    (3, "chineseCounting", "三"), (12, "chineseCountingThousand", "十二"), (2, "decimalEnclosedCircle", "②"),
    (4, "decimal", "4"), (1, "ideographTraditional", "甲"), (3, "lowerLetter", "c"), (4, "upperRoman", "IV"),
])
def test_number_formats(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


def test_not_a_docx() -> None:
    with pytest.raises(CorruptFile):
        parse_docx((CORPUS / "bad" / "notadocx.docx").read_bytes(), Options())
