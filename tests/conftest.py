from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


def seed_path(prefix: str) -> Path:
    return next((CORPUS / "seeds").glob(f"{prefix}*.txt"))
