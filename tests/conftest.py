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


# A small batch where a later notice amends a plan it does not hold (amended_tasks.jsonl),
# for the views of it: the ledger, the review pages and the frames.
AMENDED_PLAN_TITLE = "永昌县中央生态环境保护督察反馈问题整改方案"
AMENDED_PLAN = f"""{AMENDED_PLAN_TITLE}

永昌县人民政府
2021年5月6日

一、整改任务

1.县城垃圾填埋场渗滤液处理不达标问题。
整改目标:渗滤液处理达标。
整改时限:2021年10月底前。
责任单位:县住建局。

2.北海子湿地周边违规建设问题。
整改目标:拆除违规建筑,恢复湿地。
整改时限:2021年12月底前。
责任单位:县自然资源局。
"""
AMENDING_NOTICE = f"""永昌县人民政府关于调整《{AMENDED_PLAN_TITLE}》部分整改任务的通知

各乡镇人民政府,县直有关部门:
经县政府研究,对《{AMENDED_PLAN_TITLE}》部分整改任务调整如下:
一、第2项整改时限调整为2022年9月底前。

永昌县人民政府
2021年11月15日
"""


def run_amended_batch(folder: Path, formats: tuple[str, ...] = ("json", "jsonl", "csv")) -> Path:
    """The plan (a_plan.txt) and its amending notice (b_notice.txt) run as one batch; OUT."""
    from extract.batch import run_batch
    from extract.config import Options

    inputs = folder / "in"
    inputs.mkdir(parents=True)
    (inputs / "a_plan.txt").write_text(AMENDED_PLAN, encoding="utf-8")
    (inputs / "b_notice.txt").write_text(AMENDING_NOTICE, encoding="utf-8")
    out = folder / "out"
    run_batch([inputs], out, Options(formats=formats), workers=1, progress=False)
    return out
