"""`eval`: per-field accuracy and P/R/F1; the overall score as the shared scorer's.

Small synthetic runs carry hand-computed scores (so these tests need nothing outside the
project); where ../shared/eval/score.py exists, the same runs and a damaged real run are
scored by both and must agree."""

from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner

from extract.batch import run_batch
from extract.cli import cli
from extract.config import Options
from extract.evaluate import FieldScore, evaluate, prf, set_score, single_score, task_field_scores
from tests.conftest import CORPUS, SHARED

GOLD = CORPUS / "gold"
SHARED_SCORER = SHARED / "eval" / "score.py"
N_DOC = 21  # fields every gold document is scored on: 17 metadata, attachments, tasks, indicators, amendments
N_TASK = 12  # task fields every gold task is scored on (status and deadline.dates only where gold has them)


def shared_scorer() -> ModuleType | None:
    if not SHARED_SCORER.is_file():
        return None
    spec = importlib.util.spec_from_file_location("shared_score", SHARED_SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["shared_score"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def write_run(out: Path, documents: dict[str, Any]) -> Path:
    """documents/<name>.json for each entry; a str entry is written as is (broken JSON)."""
    (out / "documents").mkdir(parents=True, exist_ok=True)
    for name, document in documents.items():
        text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
        (out / "documents" / f"{name}.json").write_text(text, encoding="utf-8")
    return out


def write_gold(folder: Path, gold: dict[str, dict[str, Any]]) -> Path:
    for stem, document in gold.items():
        path = folder / f"{stem}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return folder


def out_doc(path: str, **fields: Any) -> dict[str, Any]:
    return {"schema_version": "1", "doc_id": "0" * 16, "source": {"path": path, "format": "txt"}, "text": "",
            **fields}


TWO_TASKS = {"doc_type": "plan", "tasks": [{"seq": "1", "problem": "甲问题", "leaders": ["张三", "李四"]},
                                           {"seq": "2", "problem": "乙问题"}]}

# name → (gold files, output documents, MAP.tsv text or None, strict map, expected score)
CASES: dict[str, tuple[dict[str, Any], dict[str, Any], str | None, bool, float]] = {
    "one field wrong": (
        {"001_a": {"doc_type": "plan"}}, {"x": out_doc("seeds/001_a.txt", doc_type="news")}, None, False,
        (N_DOC - 1) / N_DOC),
    "respelled values agree": (
        {"001_a": {"doc_type": "plan", "title": "甲市整改方案", "issuers": ["中共甲市委办公室", "甲市人民政府办公室"],
                   "doc_number": "甲办字〔2020〕1号", "issue_date": "2020-07-30"}},
        {"x": out_doc("seeds/001_a.txt", doc_type="plan", title="关于印发《甲市整改方案》的通知",
                      issuers=["甲市人民政府办公室", "中共甲市委办公室"], doc_number="甲办字[2020]1号",
                      issue_date="2020-07-30T00:00:00")},
        None, False, 1.0),
    "a task missing, a leader missing": (
        # doc fields 1 but tasks F1 2/3; task fields 1/2 each, leaders (2/3)/2
        {"001_a": TWO_TASKS},
        {"x": out_doc("seeds/001_a.txt", doc_type="plan",
                      tasks=[{"seq": "1", "problem": "第一项,甲问题", "leaders": ["张三"]}])},
        None, False, (N_DOC - 1 + 2 / 3 + (N_TASK - 1) * 0.5 + 1 / 3) / (N_DOC + N_TASK)),
    "a document missing": (
        {"001_a": {"doc_type": "plan"}, "002_b": {"doc_type": "news"}},
        {"x": out_doc("seeds/001_a.txt", doc_type="plan")}, None, False, 0.5),
    "broken JSON counts as missing": (
        {"001_a": {"doc_type": "plan"}},
        {"x": '{"schema_version": "1", "source": {"path": "seeds/001_a.txt", "format": "txt"}, "tasks": ['},
        None, False, 0.0),
    "renamed variant through the map, metadata skipped": (
        # the mapped variant is scored on tasks, indicators and amendments only; its extra indicator halves one
        {"001_a": {"doc_type": "plan", "title": "甲市整改方案"}},
        {"x": out_doc("seeds/001_a.txt", doc_type="plan", title="甲市整改方案"),
         "y": out_doc("scans/renamed.pdf", doc_type="other", indicators=[{"value": 1, "unit": "%"}]),
         "z": out_doc("seeds/001_a_copy.txt", doc_type="other")},
        "# output\tgold\tskip\nscans/renamed.pdf\t001_a\tmetadata\n001_a_copy\t-\n", False, (N_DOC - 1 + 0.5) / N_DOC),
    "absent mapped output, strict": (
        {"001_a": {"doc_type": "plan"}}, {"x": out_doc("seeds/001_a.txt", doc_type="plan")},
        "gone.docx\t001_a\n", True, 0.5),
    "absent mapped output, lenient": (
        {"001_a": {"doc_type": "plan"}}, {"x": out_doc("seeds/001_a.txt", doc_type="plan")},
        "gone.docx\t001_a\n", False, 1.0),
    "variant gold only when matched": (
        {"001_a": {"doc_type": "plan"}, "variants/001_a_tasks": {"doc_type": "task_list"}},
        {"x": out_doc("seeds/001_a.txt", doc_type="plan")}, None, False, 1.0),
    "variant gold matched by the longer stem": (
        {"001_a": {"doc_type": "plan"}, "variants/001_a_tasks": {"doc_type": "task_list"}},
        {"x": out_doc("seeds/001_a.txt", doc_type="plan"), "y": out_doc("xlsx/001_a_tasks.xlsx", doc_type="plan")},
        None, False, (N_DOC - 0.5) / N_DOC),
    "status and several dates only where gold has them": (
        {"001_a": {"doc_type": "progress_report", "progress": {"as_of": "2020-07-31", "total": 26, "completed": 20},
                   "tasks": [{"seq": "1", "problem": "甲", "status": "completed", "deadline": {
                       "date": "2025-12-31", "kinds": ["by_date"], "dates": ["2022-12-31", "2025-12-31"]}}]}},
        {"x": out_doc("seeds/001_a.txt", doc_type="progress_report",
                      progress={"as_of": "2020-07-31", "total": 26, "completed": 19},
                      tasks=[{"seq": "1", "problem": "甲", "status": "completed", "deadline": {
                          "date": "2025-12-31", "kinds": ["by_date"], "dates": ["2025-12-31"]}}])},
        None, False, (N_DOC + 2 / 3 + N_TASK + 1) / (N_DOC + 1 + N_TASK + 2)),
}


def run_case(tmp_path: Path, name: str) -> tuple[Path, Path, Path | None, bool, float]:
    gold, outputs, map_text, strict, expected = CASES[name]
    gold_dir = write_gold(tmp_path / "gold", gold)
    out = write_run(tmp_path / "out", outputs)
    map_path = None
    if map_text is not None:
        map_path = tmp_path / "map.tsv"
        map_path.write_text(map_text, encoding="utf-8")
    return out, gold_dir, map_path, strict, expected


@pytest.mark.parametrize("name", list(CASES))
def test_synthetic_scores(tmp_path: Path, name: str) -> None:
    out, gold_dir, map_path, strict, expected = run_case(tmp_path, name)
    assert evaluate(out, gold_dir, map_path, strict_map=strict).score == pytest.approx(expected)


@pytest.mark.skipif(not SHARED_SCORER.is_file(), reason="the shared scorer is not beside the project")
@pytest.mark.parametrize("name", list(CASES))
def test_synthetic_scores_agree_with_the_shared_scorer(tmp_path: Path, name: str) -> None:
    scorer = shared_scorer()
    assert scorer is not None
    out, gold_dir, map_path, strict, _ = run_case(tmp_path, name)
    theirs = scorer.evaluate(out, gold_dir, map_path, strict)
    ours = evaluate(out, gold_dir, map_path, strict_map=strict)
    assert abs(ours.score - theirs.score) <= 1e-9
    assert {name: round(sum(t.accuracy) / len(t.accuracy), 9) for name, t in ours.fields.items()} == \
        {name: round(value, 9) for name, (value, _) in theirs.fields.items()}


@pytest.mark.parametrize(("right", "gold", "out", "expected"), [
    (True, "甲", "甲", FieldScore(1.0, 1, 0, 0)),
    (True, None, None, FieldScore(1.0, 0, 0, 0)),
    (False, "甲", "乙", FieldScore(0.0, 0, 1, 1)),
    (False, "甲", None, FieldScore(0.0, 0, 0, 1)),
    (False, None, "乙", FieldScore(0.0, 0, 1, 0)),
    (False, [], ["x"], FieldScore(0.0, 0, 1, 0)),
])
def test_single_value_counts(right: bool, gold: object, out: object, expected: FieldScore) -> None:
    assert single_score(right, gold, out) == expected


@pytest.mark.parametrize(("gold", "out", "expected"), [
    ([], [], (1.0, 0, 0, 0)),
    (["a", "b"], ["a"], (2 / 3, 1, 0, 1)),
    (["a"], ["a", "c", "c"], (2 / 3, 1, 1, 0)),  # a set: c once
    (["a"], [], (0.0, 0, 0, 1)),
    (["a"], ["b"], (0.0, 0, 1, 1)),
])
def test_set_counts(gold: list[str], out: list[str], expected: tuple[float, int, int, int]) -> None:
    assert tuple(set_score(gold, out)) == pytest.approx(expected)


def test_multiset_counts_repeats() -> None:
    assert tuple(set_score([(1.0, "%"), (1.0, "%")], [(1.0, "%")], multiset=True)) == pytest.approx((2 / 3, 1, 0, 1))


@pytest.mark.parametrize(("tp", "fp", "fn", "expected"), [
    (0, 0, 0, (1.0, 1.0, 1.0)),
    (1, 1, 0, (0.5, 1.0, pytest.approx(2 / 3))),
    (0, 2, 3, (0.0, 0.0, 0.0)),
])
def test_precision_recall_f1(tp: int, fp: int, fn: int, expected: tuple[float, float, float]) -> None:
    assert prf(tp, fp, fn) == expected


@pytest.mark.parametrize(("name", "gold", "out", "accuracy"), [
    ("task.problem", {"problem": "第三项:河道垃圾清理不及时"}, {"problem": "河道垃圾清理不及时"}, 1.0),
    ("task.deadline.date", {"deadline": {"date": "2021-12-31"}}, {"deadline": {"date": "2021-12-30"}}, 0.0),
    ("task.deadline.kinds", {"deadline": {"kinds": ["by_date", "ongoing"]}},
     {"deadline": {"kinds": ["ongoing", "by_date"]}}, 1.0),
    ("task.responsible_units", {"responsible_units": ["甲县政府", "乙局"]}, {"responsible_units": "甲县政府；乙局"}, 1.0),
    ("task.lead_unit", {"lead_unit": "甲县政府"}, {"lead_unit": "甲县人民政府"}, 0.0),
    ("task.measures.count", {"measures": [{"text": "一"}, {"text": "二"}]}, {"measures": [{"text": "一二"}]}, 0.0),
    ("task.measures.text", {"measures": [{"text": "建立台账"}, {"text": "每月调度"}]},
     {"measures": [{"text": "建立台账每月调度"}]}, 1.0),
    ("task.category", {"category": "专项督察"}, {"category": "二、专项督察"}, 1.0),
])
def test_task_field_comparisons(name: str, gold: dict[str, Any], out: dict[str, Any], accuracy: float) -> None:
    assert task_field_scores(gold, out)[name].accuracy == accuracy


def test_cli_table_json_and_exit_codes(tmp_path: Path) -> None:
    out, gold_dir, _, _, expected = run_case(tmp_path, "a task missing, a leader missing")
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", str(out), "--gold", str(gold_dir)])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "eval.json").read_text(encoding="utf-8"))
    assert report["score"] == pytest.approx(expected, abs=1e-6)
    leaders = report["fields"]["task.leaders"]
    assert (leaders["precision"], leaders["recall"], leaders["tp"], leaders["fn"]) == (1.0, 0.5, 1, 1)
    assert report["documents"][0]["fields"]["tasks"]["recall"] == 0.5
    assert result.output.rstrip().endswith(f"score: {expected:.3f}")
    assert "task.leaders" in result.output and "per document" in result.output
    verbose = runner.invoke(cli, ["eval", str(out), "--gold", str(gold_dir), "-v"]).output
    assert "tp 1 fp 0 fn 1" in verbose  # the seqs of the one document: 1 found, 2 missed
    assert runner.invoke(cli, ["eval", str(out), "--gold", str(gold_dir), "--min", f"{expected:.3f}"]).exit_code == 0
    assert runner.invoke(cli, ["eval", str(out), "--gold", str(gold_dir), "--min", "0.9"]).exit_code == 1
    (gold_dir / "001_a.json").write_text("{broken", encoding="utf-8")
    assert runner.invoke(cli, ["eval", str(out), "--gold", str(gold_dir)]).exit_code == 2


@pytest.fixture(scope="module")
def damaged_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real run over the seeds and two other formats, then damaged at random (fixed seed)."""
    out = tmp_path_factory.mktemp("eval")
    run_batch([CORPUS / "seeds", CORPUS / "html", CORPUS / "xlsx"], out, Options(), workers=1, progress=False)
    rng = random.Random(7)
    paths = sorted((out / "documents").glob("*.json"))
    for path in paths:
        document = json.loads(path.read_text(encoding="utf-8"))
        document["tasks"] = [t for t in document["tasks"] if rng.random() < 0.7]
        for task in document["tasks"]:
            if rng.random() < 0.5:
                task["leaders"] = task["leaders"][:1]
            if rng.random() < 0.3 and task.get("deadline"):
                task["deadline"]["date"] = "2030-01-01"
        document["indicators"] = document["indicators"][:2]
        if rng.random() < 0.5:
            document["title"] = None
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    paths[0].unlink()
    paths[1].write_text(paths[1].read_text(encoding="utf-8")[:300], encoding="utf-8")
    return out


def test_damaged_run_scores_below_one(damaged_output: Path) -> None:
    evaluation = evaluate(damaged_output, GOLD)
    assert 0.2 < evaluation.score < 0.95
    assert any(d.output is None for d in evaluation.documents)


@pytest.mark.skipif(not SHARED_SCORER.is_file(), reason="the shared scorer is not beside the project")
def test_damaged_run_agrees_with_the_shared_scorer(damaged_output: Path) -> None:
    ours = evaluate(damaged_output, GOLD).score
    result = subprocess.run([sys.executable, str(SHARED_SCORER), str(damaged_output), "--gold", str(GOLD),
                             "--map", str(GOLD / "MAP.tsv"), "--json"], capture_output=True, text=True, check=False)
    theirs = json.loads(result.stdout)["score"]
    assert abs(ours - theirs) <= 0.01, (ours, theirs)
