"""`eval`: per-field accuracy and P/R/F1; the overall score as the shared scorer's."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.batch import run_batch
from extract.cli import cli
from extract.config import Options
from extract.evaluate import evaluate
from tests.conftest import CORPUS, SHARED

GOLD = CORPUS / "gold"
SHARED_SCORER = SHARED / "eval" / "score.py"


def write_output(out: Path, documents: list[dict[str, object]]) -> None:
    (out / "documents").mkdir(parents=True)
    for k, document in enumerate(documents):
        (out / "documents" / f"{k}.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def gold_folder(tmp_path: Path, gold: dict[str, object]) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "001_x.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return folder


def test_small_synthetic_case(tmp_path: Path) -> None:
    gold = {"doc_type": "plan", "title": "某方案", "tasks": [
        {"seq": "1", "problem": "甲问题。", "leaders": ["张三", "李四"], "deadline": {"date": "2020-12-31", "kinds": ["by_date"]}},
        {"seq": "2", "problem": "乙问题。", "leaders": ["王五"]}]}
    out = {"source": {"path": "x/001_x.txt"}, "doc_type": "plan", "title": "某方案", "tasks": [
        {"seq": "1", "problem": "甲问题。", "leaders": ["张三"], "deadline": {"date": "2020-12-31", "kinds": ["by_date"]}}]}
    write_output(tmp_path / "out", [out])
    evaluation = evaluate(tmp_path / "out", gold_folder(tmp_path, gold))
    fields = {name: tally.summary() for name, tally in evaluation.fields.items()}
    assert fields["tasks"]["f1"] == pytest.approx(2 / 3)
    leaders = fields["task.leaders"]
    assert (leaders["precision"], leaders["recall"]) == (1.0, pytest.approx(1 / 3))
    assert leaders["accuracy"] == pytest.approx((2 / 3 + 0) / 2)  # F1 of task 1, task 2 missing
    assert fields["doc_type"]["accuracy"] == 1.0 and fields["issue_date"]["accuracy"] == 1.0


def test_missing_document_scores_zero(tmp_path: Path) -> None:
    write_output(tmp_path / "out", [])
    evaluation = evaluate(tmp_path / "out", gold_folder(tmp_path, {"doc_type": "plan", "tasks": []}))
    assert evaluation.score == 0.0 and evaluation.documents[0].output is None


@pytest.fixture(scope="module")
def damaged_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real run over the seeds and formats, then damaged at random (fixed seed)."""
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
    return out


def test_cli_writes_eval_json_and_honours_min(damaged_output: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", str(damaged_output), "--gold", str(GOLD)])
    assert result.exit_code == 0, result.output
    report = json.loads((damaged_output / "eval.json").read_text(encoding="utf-8"))
    assert 0.3 < report["score"] < 0.95
    assert {"accuracy", "precision", "recall", "f1"} <= set(report["fields"]["task.leaders"])
    assert f"score: {report['score']:.3f}" in result.output
    failing = runner.invoke(cli, ["eval", str(damaged_output), "--gold", str(GOLD), "--min", "0.99"])
    assert failing.exit_code == 1


@pytest.mark.skipif(not SHARED_SCORER.is_file(), reason="the shared scorer is not beside the project")
def test_agrees_with_the_shared_scorer(damaged_output: Path) -> None:
    ours = evaluate(damaged_output, GOLD).score
    result = subprocess.run([sys.executable, str(SHARED_SCORER), str(damaged_output), "--gold", str(GOLD),
                             "--map", str(GOLD / "MAP.tsv"), "--json"], capture_output=True, text=True, check=False)
    theirs = json.loads(result.stdout)["score"]
    assert abs(ours - theirs) <= 0.01, (ours, theirs)
