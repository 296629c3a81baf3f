"""The DataFrame loader over a real batch output."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.batch import run_batch
from extract.config import Options
from extract.frames import load_frames
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("frames")
    run_batch([CORPUS / "seeds"], folder, Options(), workers=1, progress=False)
    return folder


def test_frames_shapes(out: Path) -> None:
    frames = load_frames(out)
    assert len(frames.documents) == 5 and len(frames.tasks) == 19
    assert frames.measures.groupby("task_id").size().sum() == len(frames.measures) > 19
    assert set(frames.warnings["code"]) == {"attachment_missing", "template_placeholder"}
    assert str(frames.tasks["deadline_date"].dtype).startswith("datetime64")


def test_fill_rates(out: Path) -> None:
    rates = load_frames(out).fill_rates()
    wuwei = rates.loc["seeds/002_b5fa22a766b1ca11.txt"]
    assert wuwei["problem"] == 1.0 and wuwei["leaders"] == 1.0
    assert rates.loc["seeds/004_af3a83945fc0fbc2.txt"]["deadline_date"] == 0.0
