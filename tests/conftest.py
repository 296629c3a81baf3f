from __future__ import annotations

import os
from collections.abc import Generator
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


# CI installs Tesseract, LibreOffice and Chromium (.ci/run sets this variable): there a test
# skipped because one of them is missing is a broken CI machine, not a pass.
REQUIRE_TOOLS = os.environ.get("NOTICE_EXTRACT_REQUIRE_TOOLS") == "1"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, None, None]:
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_TOOLS and report.skipped and "not installed" in str(report.longrepr):
        report.outcome = "failed"
