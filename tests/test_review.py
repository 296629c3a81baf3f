"""Review pages: static content, and a click-through in a real headless Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract.batch import run_batch
from extract.config import Options
from extract.review import Mark, highlighted, write_review
from tests.conftest import CORPUS, ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("review")
    run_batch([CORPUS / "seeds"], out, Options(), workers=1, progress=False)
    write_review(out)
    return out


def test_pages_written_and_escaped(reviewed: Path) -> None:
    pages = sorted((reviewed / "review").glob("*.html"))
    assert len(pages) == 6  # five documents and the index
    index = (reviewed / "review" / "index.html").read_text(encoding="utf-8")
    assert index.count('class="doc"') == 5
    assert "template_placeholder" in index


def test_overlapping_marks_nest() -> None:
    text = "整改目标:<全面>完成"
    marks = [Mark(0, len(text), "target", "task 1: target", 0), Mark(5, 9, "deadline", "task 1: deadline", 0)]
    out = highlighted(text, marks)
    assert "&lt;全面&gt;" in out and out.count('data-tasks="0"') == 3


def test_review_is_deterministic(reviewed: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(reviewed, copy, ignore=shutil.ignore_patterns("review"))
    write_review(copy)
    for page in (reviewed / "review").glob("*.html"):
        assert (copy / "review" / page.name).read_bytes() == page.read_bytes()


def chromium() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.mark.skipif(chromium() is None, reason="Chromium and chromedriver are not installed")
def test_click_through_in_a_real_browser(reviewed: Path, tmp_path: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    browser, driver_path = chromium()  # type: ignore[misc]
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        driver.get((reviewed / "review" / "index.html").as_uri())
        links = driver.find_elements(By.CSS_SELECTOR, "a.doc")
        target = next(link for link in links if "002_" in link.text)
        target.click()
        rows = driver.find_elements(By.CSS_SELECTOR, "tr.task")
        assert len(rows) == 18
        rows[6].click()  # task 7
        active = driver.find_elements(By.CSS_SELECTOR, ".hl.active")
        assert active, "the task's spans are highlighted"
        assert all("6" in (e.get_attribute("data-tasks") or "").split() for e in active)
        assert "selected" in (rows[6].get_attribute("class") or "")
        text = "".join(e.text for e in active)
        assert "费生云" in text  # the leader of task 7 is among its marked spans
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "review_task_selected.png"))
    finally:
        driver.quit()
