"""The batch run end to end: bad inputs, determinism, atomic writes, the CLI."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.batch import run_batch, walk_inputs
from extract.cli import cli
from extract.config import Options
from extract.export import OutputWriter, write_atomic
from schemas.document import Document, ErrorRecord, Manifest
from tests.conftest import CORPUS

CONTRACT_FILES = ["tasks.jsonl", "tasks.csv", "measures.csv", "documents.csv", "errors.jsonl", "manifest.json",
                  "amended_tasks.jsonl"]


@pytest.fixture(scope="module")
def seeds_and_bad(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run")
    run_batch([CORPUS / "seeds", CORPUS / "bad"], out, Options(), workers=2, progress=False)
    return out


def test_every_contract_file_written(seeds_and_bad: Path) -> None:
    for name in CONTRACT_FILES:
        assert (seeds_and_bad / name).is_file(), name
    assert not list(seeds_and_bad.rglob("*.partial")) and not list(seeds_and_bad.rglob("*.tmp"))


def test_documents_validate(seeds_and_bad: Path) -> None:
    docs = [Document.model_validate_json(p.read_text(encoding="utf-8"))
            for p in sorted((seeds_and_bad / "documents").glob("*.json"))]
    assert len(docs) == 6  # five seeds and unrelated.txt
    for doc in docs:
        for task in doc.tasks:
            assert task.task_id == f"{doc.doc_id}:{task.seq}"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("empty.txt", "empty_file"),
        ("truncated.pdf", "corrupt_file"),
        ("notadocx.docx", "corrupt_file"),
        ("binary.html", "corrupt_file"),
        ("encrypted.pdf", "encrypted_pdf"),
        ("mixed_encoding.txt", "decode_error"),
    ],
)
def test_bad_input_gives_one_error_line(seeds_and_bad: Path, name: str, code: str) -> None:
    lines = [ErrorRecord.model_validate_json(line)
             for line in (seeds_and_bad / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    matching = [e for e in lines if e.path.endswith(name)]
    assert len(matching) == 1
    assert matching[0].code == code
    assert matching[0].path == f"bad/{name}"


def test_unrelated_text_is_other_with_warning(seeds_and_bad: Path) -> None:
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in (seeds_and_bad / "documents").glob("*.json")]
    unrelated = next(d for d in docs if d["source"]["path"].endswith("unrelated.txt"))
    assert unrelated["doc_type"] == "other"
    assert unrelated["tasks"] == []
    assert "not_a_notice" in {w["code"] for w in unrelated["warnings"]}


def test_csv_has_bom_and_list_separator(seeds_and_bad: Path) -> None:
    raw = (seeds_and_bad / "tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (seeds_and_bad / "tasks.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert any("；" in row["persons"] for row in rows)
    jsonl = (seeds_and_bad / "tasks.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(rows) == len(jsonl) > 0


def test_manifest_counts(seeds_and_bad: Path) -> None:
    manifest = Manifest.model_validate_json((seeds_and_bad / "manifest.json").read_text(encoding="utf-8"))
    assert manifest.counts["files"] == 12
    assert manifest.counts["errors"] == 6
    assert manifest.counts["documents"] == 6
    assert set(manifest.files) == {item.rel for item in walk_inputs([CORPUS / "seeds", CORPUS / "bad"])}


def test_manifest_hashes_every_file_read_documents_and_errors_alike(seeds_and_bad: Path) -> None:
    import hashlib

    manifest = Manifest.model_validate_json((seeds_and_bad / "manifest.json").read_text(encoding="utf-8"))
    for item in walk_inputs([CORPUS / "seeds", CORPUS / "bad"]):
        assert manifest.files[item.rel] == hashlib.sha256(item.path.read_bytes()).hexdigest(), item.rel


def test_runs_are_byte_identical_but_for_the_manifest(tmp_path: Path) -> None:
    for name, workers in (("a", 1), ("b", 2)):
        run_batch([CORPUS / "seeds"], tmp_path / name, Options(), workers=workers, progress=False)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        if rel.name != "manifest.json":
            assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_write_atomic_leaves_old_file_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.json"
    write_atomic(target, b"old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("extract.export.os.replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_killed_run_leaves_no_final_stream_files(tmp_path: Path) -> None:
    with OutputWriter(tmp_path, ("json", "jsonl", "csv")) as writer:
        writer.add_error(ErrorRecord(path="a.txt", code="empty_file", message="empty"))
        # leaving the block without close(): as a killed run would
    assert not (tmp_path / "errors.jsonl").exists()
    assert not (tmp_path / "tasks.csv").exists()


def test_internal_error_does_not_stop_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(next((CORPUS / "seeds").glob("004_*.txt")), source / name)
    (source / "b.txt").write_bytes((source / "b.txt").read_bytes() + b"\n")

    import extract.batch as batch

    real = batch.extract_bytes

    def flaky(data: bytes, path: str, options: Options | None = None) -> Document:
        if path.endswith("a.txt"):
            raise KeyError("boom")
        return real(data, path, options)

    monkeypatch.setattr(batch, "extract_bytes", flaky)
    summary = run_batch([source], tmp_path / "out", Options(), workers=1, progress=False)
    assert (summary.documents, summary.errors) == (1, 1)
    error = json.loads((tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8"))
    assert error["code"] == "internal_error" and "KeyError" in error["message"]


def test_cli_run_and_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["run", str(CORPUS / "seeds"), "--out", str(tmp_path / "o"), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert "5 files, 5 documents" in result.output
    strict = runner.invoke(cli, ["run", str(CORPUS / "bad"), "--out", str(tmp_path / "p"), "--workers", "1", "-q",
                                 "--strict"])
    assert strict.exit_code == 1
    bad_format = runner.invoke(cli, ["run", str(CORPUS / "seeds"), "--out", str(tmp_path / "q"), "--formats", "pdf"])
    assert bad_format.exit_code == 2
    blocked = tmp_path / "file"
    blocked.write_text("x")
    unwritable = runner.invoke(cli, ["run", str(CORPUS / "seeds"), "--out", str(blocked / "sub")])
    assert unwritable.exit_code == 2


def test_python_dash_m_entry_point() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "extract", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "run" in result.stdout


def test_long_lived_tables_leave_the_collectors_sight_after_the_first_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from extract import batch

    monkeypatch.setattr(batch, "_settled", False)
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    items = walk_inputs([CORPUS / "seeds"])
    outcome = batch.process(items[0], Options())
    assert outcome.document is not None and frozen == [True]
    batch.process(items[1], Options())
    assert frozen == [True]  # once per process


def test_file_name_not_utf8_neither_stops_the_batch_nor_loses_documents(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    seed = next((CORPUS / "seeds").glob("004_*.txt")).read_bytes()
    (source / "a.txt").write_bytes(seed)
    # names as a GBK system writes them: bytes no UTF-8 decoder accepts
    (Path(os.fsdecode(bytes(source))) / os.fsdecode(b"b\xb8\xc4.txt")).write_bytes(seed + b"\n")
    (Path(os.fsdecode(bytes(source))) / os.fsdecode(b"c\xff.pdf")).write_bytes(b"%PDF-1.4 broken")
    summary = run_batch([source], tmp_path / "out", Options(), workers=1, progress=False)
    assert (summary.documents, summary.errors) == (2, 1)
    paths = sorted(json.loads(p.read_text(encoding="utf-8"))["source"]["path"]
                   for p in (tmp_path / "out" / "documents").glob("*.json"))
    assert paths == ["in/a.txt", "in/b\\xb8\\xc4.txt"]
    error = json.loads((tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8"))
    assert (error["path"], error["code"]) == ("in/c\\xff.pdf", "corrupt_file")


def malformed_inputs() -> dict[str, tuple[bytes, str]]:
    """Generated inputs that once failed as internal_error, hung or lost text → the code each
    now gives (a name whose bytes are no UTF-8 is in the test above)."""
    from tests.test_parse_docx import make_docx, para
    from tests.test_parse_pdf import pdf_of_objects

    page_loop = pdf_of_objects([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])
    return {
        "bad_list_level.docx": (make_docx(para("甲", num=(1, 0)).replace('w:ilvl w:val="0"', 'w:ilvl w:val="z"')), ""),
        "page_tree_loop.pdf": (page_loop, "corrupt_file"),
        "too_deep.html": (("<div>" * 3000 + "整改" + "</div>" * 3000).encode(), "corrupt_file"),
        "web_page.xls": ("<html><body><table><tr><td>序号</td></tr></table></body></html>".encode(), ""),
        "no_bom.txt": ("关于印发某县整改方案的通知\n一、整改任务\n".encode("utf-16-le"), ""),
        "frames.html": (b'<html><frameset><frame src="notice.html"></frameset></html>', "empty_file"),
        "zero_width.txt": ("\u200b\u200b\n\u3000".encode(), "empty_file"),
    }


def test_batch_of_good_and_malformed_files_writes_every_good_document(tmp_path: Path) -> None:
    source = tmp_path / "in"
    shutil.copytree(CORPUS / "seeds", source)
    inputs = malformed_inputs()
    for name, (data, _) in inputs.items():
        (source / name).write_bytes(data)
    summary = run_batch([source], tmp_path / "out", Options(), workers=2, progress=False)
    errors = {e["path"]: e for e in map(json.loads, (tmp_path / "out" / "errors.jsonl").read_text("utf-8").splitlines())}
    assert {path: e["code"] for path, e in errors.items()} == {
        f"in/{name}": code for name, (_, code) in inputs.items() if code}
    assert all(e["message"] for e in errors.values())
    documents = [json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "out" / "documents").glob("*.json")]
    paths = {d["source"]["path"] for d in documents}
    assert {f"in/{p.name}" for p in (CORPUS / "seeds").iterdir()} <= paths
    assert summary.documents == len(paths) == 5 + sum(1 for _, code in inputs.values() if not code)
    seed_tasks = sum(len(d["tasks"]) for d in documents if d["source"]["path"].split("/")[-1][:3].isdigit())
    assert seed_tasks > 0 and summary.tasks >= seed_tasks


def test_a_document_that_fails_to_write_does_not_stop_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "in"
    shutil.copytree(CORPUS / "seeds", source)
    real = OutputWriter.add_document

    def failing(self: OutputWriter, doc: Document) -> None:
        if doc.source.path.startswith("in/001_"):
            raise ValueError("cannot serialise")
        real(self, doc)

    monkeypatch.setattr(OutputWriter, "add_document", failing)
    summary = run_batch([source], tmp_path / "out", Options(), workers=1, progress=False)
    assert (summary.documents, summary.errors) == (4, 1)
    error = json.loads((tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8"))
    assert error["path"].startswith("in/001_") and error["code"] == "internal_error"
    assert "ValueError: cannot serialise" in error["message"]
    assert len(list((tmp_path / "out" / "documents").glob("*.json"))) == 4
    assert (tmp_path / "out" / "manifest.json").is_file()
