"""Review pages: highlighting, page content and escaping, tasks amended by later notices,
and a click-through in a real headless Chromium (skipped only when chromium or
chromedriver is absent)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from extract.batch import run_batch
from extract.config import Options
from extract.review import Mark, highlighted, marks_of, write_review
from schemas.document import Deadline, Document, Indicator, Measure, Source, Task, Warning
from tests.conftest import AMENDED_PLAN_TITLE, CORPUS, ROOT, run_amended_batch

ARTIFACTS = ROOT / "tests" / "artifacts"
TEXT = "关于<印发>整改方案的通知\n一、问题:河道垃圾堆放。\n整改时限:2021年年底前\n责任领导:张某某\n(一)清理垃圾。\n优良天数比例达到80%。"


def at(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


def sample_document(doc_id: str = "00000000000000aa", title: str = "整改方案<script>alert(1)</script>") -> Document:
    task = Task(task_id=f"{doc_id}:1", doc_id=doc_id, seq="1", problem="河道垃圾堆放。",
                deadline=Deadline(text="2021年年底前"), leaders=["张某某"],
                measures=[Measure(label="(一)", text="清理垃圾。", span=at("清理垃圾。"))],
                spans={"task": at("一、问题:河道垃圾堆放。"), "problem": at("河道垃圾堆放。"),
                       "deadline": at("2021年年底前"), "leaders": at("张某某"), "leaders.0": at("张某某")})
    return Document(doc_id=doc_id, source=Source(path=f"seeds/{doc_id}.txt", format="txt", sha256="0" * 64),
                    title=title, doc_type="plan", text=TEXT, tasks=[task],
                    indicators=[Indicator(name="优良天数比例", comparator=">=", value=80, unit="%", text="达到80%",
                                          span=at("优良天数比例达到80%"))],
                    warnings=[Warning(code="attachment_missing", message="附件<未附>", span=at("<印发>")),
                              Warning(code="count_mismatch", message="no span")],
                    spans={"title": at("关于<印发>整改方案的通知"), "bad": (5, 10_000)})


def write_documents(out: Path, documents: list[Document]) -> None:
    (out / "documents").mkdir(parents=True, exist_ok=True)
    for document in documents:
        (out / "documents" / f"{document.doc_id}.json").write_text(document.model_dump_json(), encoding="utf-8")


@pytest.mark.parametrize(("text", "marks", "expected"), [
    ("甲乙", [], "甲乙"),
    ("<甲>", [], "&lt;甲&gt;"),
    ("甲乙丙", [Mark(1, 2, "leaders", "t", "t0")],
     '甲<span class="hl f-leaders" data-keys="t0" title="t">乙</span>丙'),
    # nested: the inner piece takes the inner colour and both marks' keys and labels
    ("甲乙丙", [Mark(0, 3, "problem", "a", "t0"), Mark(1, 2, "deadline", "b", "t1")],
     '<span class="hl f-problem" data-keys="t0" title="a">甲</span>'
     '<span class="hl f-deadline" data-keys="t0 t1" title="a; b">乙</span>'
     '<span class="hl f-problem" data-keys="t0" title="a">丙</span>'),
    # adjacent marks do not merge; a mark with no key selects nothing
    ("甲乙", [Mark(0, 1, "metadata", "x", None), Mark(1, 2, "warning", "w", "w0")],
     '<span class="hl f-metadata" data-keys="" title="x">甲</span>'
     '<span class="hl f-warning" data-keys="w0" title="w">乙</span>'),
])
def test_highlighted(text: str, marks: list[Mark], expected: str) -> None:
    assert highlighted(text, marks) == expected


@pytest.mark.parametrize(("field", "fragment", "key"), [
    ("problem", "河道垃圾堆放。", "t0"),
    ("deadline", "2021年年底前", "t0"),
    ("leaders", "张某某", "t0"),
    ("measures", "清理垃圾。", "t0"),
    ("indicator", "优良天数比例达到80%", None),
    ("metadata", "关于<印发>整改方案的通知", None),
    ("warning", "<印发>", "w0"),
])
def test_marks_of_every_span_kind(field: str, fragment: str, key: str | None) -> None:
    marks = marks_of(sample_document().model_dump(mode="json"))
    assert any((m.field, TEXT[m.start:m.end], m.key) == (field, fragment, key) for m in marks)


def test_marks_leave_out_the_whole_item_and_spans_past_the_text() -> None:
    marks = marks_of(sample_document().model_dump(mode="json"))
    assert not any(TEXT[m.start:m.end] == "一、问题:河道垃圾堆放。" for m in marks)
    assert not any(m.end > len(TEXT) for m in marks)


@pytest.fixture
def written(tmp_path: Path) -> Path:
    write_documents(tmp_path, [sample_document(), sample_document("00000000000000bb", "另一方案")])
    (tmp_path / "documents" / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "errors.jsonl").write_text(json.dumps({"path": "bad/empty.txt", "code": "empty_file",
                                                       "message": "0 bytes"}) + "\n", encoding="utf-8")
    write_review(tmp_path)
    return tmp_path / "review"


def test_pages_and_index(written: Path) -> None:
    assert sorted(p.name for p in written.glob("*.html")) == \
        ["00000000000000aa.html", "00000000000000bb.html", "index.html"]
    index = (written / "index.html").read_text(encoding="utf-8")
    assert index.count('class="doc"') == 2
    assert "attachment_missing, count_mismatch" in index
    assert "bad/empty.txt" in index and "empty_file" in index and "broken.json" in index


def test_text_is_escaped(written: Path) -> None:
    page = (written / "00000000000000aa.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "附件&lt;未附&gt;" in page and "&lt;印发&gt;" in page
    assert 'data-key="w0"' in page and 'data-key="w1"' not in page  # only a warning with a span is clickable


def test_stale_pages_go_and_output_is_deterministic(written: Path) -> None:
    before = {p.name: p.read_bytes() for p in written.glob("*.html")}
    (written.parent / "documents" / "00000000000000bb.json").unlink()
    write_review(written.parent)
    after = {p.name: p.read_bytes() for p in written.glob("*.html")}
    assert set(after) == {"00000000000000aa.html", "index.html"}
    assert after["00000000000000aa.html"] == before["00000000000000aa.html"]


def chromium() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("review")
    run_batch([CORPUS / "seeds"], out, Options(formats=("json",)), workers=1, progress=False)
    write_review(out)
    return out


@pytest.mark.skipif(chromium() is None, reason="Chromium and chromedriver are not installed")
def test_click_through_in_a_real_browser(reviewed: Path, tmp_path: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    documents = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((reviewed / "documents").glob("*.json"))]
    document = max(documents, key=lambda d: (len(d["tasks"]), d["source"]["path"]))
    k = next(k for k, task in enumerate(document["tasks"]) if len(task["spans"]) > 2 and k > 0)
    task = document["tasks"][k]
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
        link = next(a for a in driver.find_elements(By.CSS_SELECTOR, "a.doc") if a.text == document["source"]["path"])
        link.click()
        rows = driver.find_elements(By.CSS_SELECTOR, "tr.task")
        assert len(rows) == len(document["tasks"])
        assert not driver.find_elements(By.CSS_SELECTOR, ".hl.active")
        rows[k].click()
        active = driver.find_elements(By.CSS_SELECTOR, ".hl.active")
        expected = driver.find_elements(By.CSS_SELECTOR, f'.hl[data-keys~="t{k}"]')
        assert active and len(active) == len(expected)
        assert all(f"t{k}" in (e.get_attribute("data-keys") or "").split() for e in active)
        assert "selected" in (rows[k].get_attribute("class") or "")
        marked = "".join(e.get_attribute("textContent") or "" for e in active)
        start, end = task["spans"]["problem"]
        assert document["text"][start:end] in marked
        for leader in task["leaders"][:1]:
            assert leader in marked
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "review_task_selected.png"))
        rows[0].click()  # another task takes the highlight over
        assert all("t0" in (e.get_attribute("data-keys") or "").split()
                   for e in driver.find_elements(By.CSS_SELECTOR, ".hl.active"))
    finally:
        driver.quit()


def test_review_command(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from extract.cli import cli

    write_documents(tmp_path, [sample_document()])
    result = CliRunner().invoke(cli, ["review", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "review" / "index.html").is_file() and "index.html" in result.output


def review_soups(out: Path) -> dict[str, BeautifulSoup]:
    """The review pages of OUT by the source path of their document, and the index."""
    write_review(out)
    ids = {json.loads(p.read_text(encoding="utf-8"))["source"]["path"]: p.stem for p in (out / "documents").iterdir()}
    pages = {source: out / "review" / f"{doc_id}.html" for source, doc_id in ids.items()}
    pages["index"] = out / "review" / "index.html"
    return {name: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser") for name, path in pages.items()}


def test_amended_tasks_are_marked_with_their_history(tmp_path: Path) -> None:
    out = run_amended_batch(tmp_path)
    soups = review_soups(out)
    plan, notice = soups["in/a_plan.txt"], soups["in/b_notice.txt"]
    rows = plan.select("tr.task")
    assert [("amended" in (row.get("class") or [])) for row in rows] == [False, True]
    assert rows[1].select_one(".badge") is not None and "1 amended" in plan.header.get_text()
    [history] = plan.select("tr.history")
    assert history.get("data-key") == rows[1].get("data-key")  # clicking it selects its task
    [item] = history.select("li")
    assert item.get_text() == (f"2021-11-15 永昌县人民政府关于调整《{AMENDED_PLAN_TITLE}》部分整改任务的通知: "
                               "整改时限 2021年12月底前 (2021-12-31) → 2022年9月底前 (2022-09-30)")
    link = item.select_one("a.amending")
    assert link is not None and (out / "review" / str(link["href"])).is_file()
    assert notice.title is not None and link.get_text() == notice.title.get_text()
    # the notice's page links back to the task it amends
    [back] = notice.select("ul.amends li")
    assert back.get_text() == "in/a_plan.txt task 2"
    assert back.a is not None and back.a["href"] == f"{plan_id(out)}.html"
    assert "2 (1 amended)" in soups["index"].get_text()
    (out / "amended_tasks.jsonl").unlink()  # without it, nothing is marked
    soups = review_soups(out)
    assert not soups["in/a_plan.txt"].select("tr.amended, tr.history, .badge")
    assert not soups["in/b_notice.txt"].select("ul.amends")


def plan_id(out: Path) -> str:
    return next(p.stem for p in (out / "documents").iterdir()
                if json.loads(p.read_text(encoding="utf-8"))["source"]["path"] == "in/a_plan.txt")



def test_tasks_withdrawn_or_merged_are_struck_through_with_their_badge(tmp_path: Path) -> None:
    from tests.test_link import PLAN, PLAN_TITLE, notice
    from tests.test_link import run as run_link_batch

    items = "一、第1项,删去责任单位区住建局。\n二、撤销第2项整改任务。\n三、将第3项并入第1项。"
    out = run_link_batch(tmp_path, {"a_plan.txt": PLAN, "b_notice.txt": notice(PLAN_TITLE, items)})
    plan = review_soups(out)["in/a_plan.txt"]
    rows = plan.select("tr.task")
    assert [("cancelled" in (row.get("class") or [])) for row in rows] == [False, True, True]
    assert [badge.get_text() for row in rows for badge in row.select(".badge")] == ["调整", "撤销", "并入第1项"]
    assert [li.get_text().split(": ", 1)[1] for li in plan.select("tr.history li")] == [
        "责任单位 删除 区住建局", "整改任务 撤销", "整改任务 撤销,并入第1项"]
