"""XLSX ledgers: title rows, header, full-width group rows, numbers as text, bad files."""

from __future__ import annotations

import io

import openpyxl
import pytest

from extract.config import Options
from extract.errors import CorruptFile
from extract.parse.xlsx import parse_xlsx
from schemas.blocks import BlockKind
from tests.conftest import CORPUS


def made_ledger() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["某县督察反馈问题整改台账", None, None, None])
    sheet.merge_cells("A1:D1")
    sheet.append(["序号", "反馈问题", "完成时限", "牵头单位"])
    sheet.append(["一、例行督察(1项)", None, None, None])
    sheet.merge_cells("A3:D3")
    sheet.append([1.0, "甲问题。\r\n第二行。", "2021年底前", "县住建局"])
    sheet.append([None, None, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_made_ledger() -> None:
    blocks = parse_xlsx(made_ledger(), Options()).blocks
    assert [(b.kind, b.text) for b in blocks[:1]] == [(BlockKind.heading, "某县督察反馈问题整改台账")]
    table = blocks[1]
    assert [[c.text for c in row] for row in table.rows] == [
        ["序号", "反馈问题", "完成时限", "牵头单位"],
        ["一、例行督察(1项)"] * 4,
        ["1", "甲问题。\n第二行。", "2021年底前", "县住建局"]]


def test_corpus_ledger() -> None:
    parsed = parse_xlsx((CORPUS / "xlsx" / "002_b5fa22a766b1ca11_tasks.xlsx").read_bytes(), Options())
    assert parsed.blocks[0].kind is BlockKind.heading
    table = next(b for b in parsed.blocks if b.kind is BlockKind.table)
    assert [c.text.replace("\n", "") for c in table.rows[0]][:2] == ["序号", "反馈问题"]
    seqs = [row[0].text for row in table.rows[1:] if len({c.text for c in row}) > 1]
    assert seqs[:2] == ["1", "2"] and "17(一)" in seqs


def test_not_a_workbook() -> None:
    with pytest.raises(CorruptFile):
        parse_xlsx(b"PK\x03\x04 broken", Options())
