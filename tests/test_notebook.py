"""The quality notebook runs top to bottom on a fresh batch output, and is committed
without outputs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from extract.batch import run_batch
from extract.config import Options
from tests.conftest import CORPUS, ROOT

NOTEBOOK = ROOT / "notebooks" / "quality_review.ipynb"


def test_committed_without_outputs() -> None:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    assert all(not cell.get("outputs") and not cell.get("execution_count") for cell in cells if cell["cell_type"] == "code")


def test_runs_on_a_batch_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    run_batch([CORPUS / "seeds", CORPUS / "xlsx"], out, Options(), workers=1, progress=False)
    monkeypatch.setenv("NOTICE_OUT", str(out))
    monkeypatch.setenv("PYTHONPATH", str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    assert "6 documents, 37 tasks" in text
    assert "天祝县政府" in text or "各县区政府" in text
