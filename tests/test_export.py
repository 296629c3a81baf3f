"""The exporter's fast paths against the plain forms they replace: serializer bytes against
`model_dump_json`, CSV rows against `csv.DictWriter` writing row by row."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from extract.assemble import extract_bytes
from extract.export import (
    DOCUMENT_COLUMNS,
    MEASURE_COLUMNS,
    TASK_COLUMNS,
    OutputWriter,
    document_row,
    document_to_json,
    json_bytes,
    task_row,
)
from schemas.document import Document, ErrorRecord, Manifest
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    paths = sorted((CORPUS / "seeds").glob("*.txt")) + sorted((CORPUS / "html").glob("*.html"))
    return [extract_bytes(p.read_bytes(), p.name) for p in paths]


def test_json_bytes_are_model_dump_json_encoded(documents: list[Document]) -> None:
    for doc in documents:
        assert document_to_json(doc) == (doc.model_dump_json(indent=2) + "\n").encode("utf-8")
        for task in doc.tasks:
            assert json_bytes(task) == task.model_dump_json().encode("utf-8")
    record = ErrorRecord(path="a/“b”.txt", code="x", message="引号\"与\\n")
    assert json_bytes(record) == record.model_dump_json().encode("utf-8")


def test_rows_name_every_column_and_no_other(documents: list[Document]) -> None:
    doc = next(d for d in documents if d.tasks)
    assert list(task_row(doc.tasks[0], doc.source.path)) == TASK_COLUMNS
    assert list(document_row(doc)) == DOCUMENT_COLUMNS


def dict_writer_csv(rows: list[dict[str, object]], columns: list[str]) -> bytes:
    """The reference: what csv.DictWriter on a utf-8-sig file writes, row by row."""
    buffer = io.BytesIO()
    text = io.TextIOWrapper(buffer, encoding="utf-8-sig", newline="")
    writer = csv.DictWriter(text, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    text.flush()
    return buffer.getvalue()


def test_csv_files_match_dict_writer(documents: list[Document], tmp_path: Path) -> None:
    with OutputWriter(tmp_path, ("csv", "jsonl")) as writer:
        for doc in documents:
            writer.add_document(doc)
        writer.close(Manifest(version="0", started="s", finished="f", counts={}, files={}))
    tasks = [task_row(t, d.source.path) for d in documents for t in d.tasks]
    measures: list[dict[str, object]] = [
        {"doc_id": d.doc_id, "task_id": t.task_id, "label": m.label or "", "text": m.text,
         "deadline_text": m.deadline.text if m.deadline else "",
         "deadline_date": m.deadline.date.isoformat() if m.deadline and m.deadline.date else ""}
        for d in documents for t in d.tasks for m in t.measures]
    assert measures  # the corpus has measures to compare
    assert (tmp_path / "tasks.csv").read_bytes() == dict_writer_csv(list(tasks), TASK_COLUMNS)
    assert (tmp_path / "measures.csv").read_bytes() == dict_writer_csv(measures, MEASURE_COLUMNS)
    assert (tmp_path / "documents.csv").read_bytes() == dict_writer_csv(
        [document_row(d) for d in documents], DOCUMENT_COLUMNS)
    jsonl = "".join(t.model_dump_json() + "\n" for d in documents for t in d.tasks)
    assert (tmp_path / "tasks.jsonl").read_bytes() == jsonl.encode("utf-8")


def test_documents_folder_made_with_the_first_document_only(documents: list[Document], tmp_path: Path) -> None:
    with OutputWriter(tmp_path / "none", ("json",)) as writer:
        writer.add_error(ErrorRecord(path="a.txt", code="empty_file", message="empty"))
        writer.close(Manifest(version="0", started="s", finished="f", counts={}, files={}))
    assert not (tmp_path / "none" / "documents").exists()
    with OutputWriter(tmp_path / "some", ("json",)) as writer:
        writer.add_document(documents[0])
        writer.add_document(documents[1])
        writer.close(Manifest(version="0", started="s", finished="f", counts={}, files={}))
    assert sorted(p.name for p in (tmp_path / "some" / "documents").iterdir()) == sorted(
        f"{d.doc_id}.json" for d in documents[:2])


def test_csv_line_writes_what_csv_writer_writes() -> None:
    import random

    from extract.export import csv_line

    rng = random.Random(5)
    alphabet = ['a', '中', ',', '，', '"', '“', '\r', '\n', ' ', '\t', ';', "'", '\\', '\x00', '']
    for _ in range(3000):
        values: list[object] = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
                                for _ in range(rng.randint(2, 6))]
        values.append(rng.choice([0, 17, None, "", "x"]))
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(values)
        assert csv_line(values) == buffer.getvalue(), values


def test_documents_csv_says_a_look_back() -> None:
    text = "某市省级生态环境保护督察“回头看”反馈问题整改方案\n督察整改。\n某市人民政府\n2020年9月1日\n"
    look_back = document_row(extract_bytes(text.encode("utf-8"), "look_back.txt"))
    routine = document_row(extract_bytes(text.replace("“回头看”", "").encode("utf-8"), "routine.txt"))
    assert (look_back["inspection_level"], look_back["inspection_look_back"]) == ("provincial", "true")
    assert (routine["inspection_level"], routine["inspection_look_back"]) == ("provincial", "")


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX file modes")
def test_outputs_get_the_mode_a_plain_open_gives(tmp_path: Path) -> None:
    """Atomic writes go through mkstemp, whose files are 0600: every output must still get
    the mode open() gives under the umask (0644 under 022), readable by an importer."""
    from extract.batch import run_batch
    from extract.config import Options

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "plan.txt").write_bytes((CORPUS / "seeds" / "002_b5fa22a766b1ca11.txt").read_bytes())
    previous = os.umask(0o022)
    try:
        run_batch([inputs], tmp_path / "out", Options(formats=("json", "jsonl", "csv", "xlsx")), workers=1,
                  progress=False)
    finally:
        os.umask(previous)
    outputs = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert {p.name for p in outputs} >= {"manifest.json", "tasks.xlsx", "tasks.jsonl"}
    assert any(p.parent.name == "documents" for p in outputs)
    assert {p.relative_to(tmp_path).as_posix(): oct(p.stat().st_mode & 0o777) for p in outputs} == {
        p.relative_to(tmp_path).as_posix(): oct(0o644) for p in outputs}
