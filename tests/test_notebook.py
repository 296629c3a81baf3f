"""The quality notebook runs top to bottom on a fresh batch output, on one where a later
notice amends a plan, and on an empty one, and is committed without outputs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from extract.batch import run_batch
from extract.config import Options
from extract.frames import load_frames
from tests.conftest import CORPUS, ROOT, run_amended_batch

NOTEBOOK = ROOT / "notebooks" / "quality_review.ipynb"


def test_committed_without_outputs() -> None:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    assert code and all(not cell.get("outputs") and cell.get("execution_count") is None for cell in code)


def execute(out: Path, monkeypatch: pytest.MonkeyPatch) -> list[nbformat.NotebookNode]:
    monkeypatch.setenv("NOTICE_OUT", str(out))
    monkeypatch.setenv("PYTHONPATH", str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    NotebookClient(notebook, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]


def text_of(outputs: list[nbformat.NotebookNode]) -> str:
    return "".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) +
                   str(o.get("data", {}).get("text/html", "")) for o in outputs)


def test_runs_on_a_batch_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    run_batch([CORPUS / "seeds", CORPUS / "xlsx"], out, Options(formats=("json",)), workers=1, progress=False)
    frames = load_frames(out)
    outputs = execute(out, monkeypatch)
    assert not [o for o in outputs if o.output_type == "error"]
    text = text_of(outputs)
    assert f"{len(frames.documents)} documents, {len(frames.tasks)} tasks" in text
    assert str(frames.top_values("responsible_units").index[0]) in text
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the deadline chart


def test_runs_on_an_empty_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "documents").mkdir()
    outputs = execute(tmp_path, monkeypatch)
    assert not [o for o in outputs if o.output_type == "error"]
    assert "0 documents, 0 tasks" in text_of(outputs)
    assert "changes applied: 0, tasks amended: 0" in text_of(outputs)


def test_shows_the_tasks_later_notices_amended(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outputs = execute(run_amended_batch(tmp_path), monkeypatch)
    assert not [o for o in outputs if o.output_type == "error"]
    text = text_of(outputs)
    assert "changes applied: 1, tasks amended: 1" in text
    assert "2022年9月底前 (2022-09-30)" in text and "273" in text  # the new deadline, 273 days later
