"""The Excel ledger: sheets, column order, wrapped cells, frozen header, measures per line."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from extract.batch import run_batch
from extract.config import Options
from extract.ledger import TASK_SHEET
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ledger")
    run_batch([CORPUS / "seeds"], out, Options(formats=("jsonl", "xlsx")), workers=1, progress=False)
    return out / "tasks.xlsx"


def test_sheets_and_columns(ledger: Path) -> None:
    workbook = openpyxl.load_workbook(ledger)
    assert workbook.sheetnames == ["任务", "文件"]
    tasks = workbook["任务"]
    assert [c.value for c in tasks[1]] == [name for name, _ in TASK_SHEET]
    assert tasks.freeze_panes == "A2"
    assert tasks.column_dimensions["I"].width == 60
    assert tasks.max_row == 1 + 19
    assert workbook["文件"].max_row == 1 + 5


def test_task_rows(ledger: Path) -> None:
    tasks = openpyxl.load_workbook(ledger)["任务"]
    row = next(r for r in tasks.iter_rows(min_row=2, values_only=True) if r[0] == "17.2")
    assert row[4] == "天祝县政府" and row[5] == "王琳玺"
    assert row[3] == "2021年年底前\n(2021-12-31)"
    measures = next(r for r in tasks.iter_rows(min_row=2, values_only=True) if r[0] == "1")[8]
    assert measures.count("\n") >= 1 and measures.startswith("(一)")
    assert tasks.cell(row=2, column=2).alignment.wrap_text


def test_no_ledger_without_the_format(tmp_path: Path) -> None:
    run_batch([CORPUS / "seeds"], tmp_path, Options(formats=("jsonl",)), workers=1, progress=False)
    assert not (tmp_path / "tasks.xlsx").exists()
