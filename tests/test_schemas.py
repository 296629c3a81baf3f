from __future__ import annotations

import json

import jsonschema
import pytest

from extract.batch import run_batch
from extract.config import Options
from schemas.export import schema_files
from tests.conftest import CORPUS, ROOT


def test_committed_json_schema_is_current() -> None:
    """`make schemas` output is checked in for importers: regenerate and diff."""
    for name, text in schema_files().items():
        assert (ROOT / "schemas" / "json" / name).read_text(encoding="utf-8") == text, f"run `make schemas`: {name}"


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    out = tmp_path_factory.mktemp("schema-run")
    run_batch([CORPUS / "seeds"], out, Options(), workers=1, progress=False)
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "documents").glob("*.json"))]


def test_documents_validate_against_json_schema(documents: list[dict[str, object]]) -> None:
    schema = json.loads((ROOT / "schemas" / "json" / "document.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for document in documents:
        errors = sorted(validator.iter_errors(document), key=str)
        assert not errors, errors[0].message


def test_every_span_points_at_its_value(documents: list[dict[str, object]]) -> None:
    """Spans everywhere: each task field's span holds the text the field came from."""
    for document in documents:
        text = str(document["text"])
        for task in document["tasks"]:  # type: ignore[attr-defined]
            spans = task["spans"]
            for name in ("problem", "target"):
                if task[name]:
                    start, end = spans[name]
                    assert text[start:end] == task[name], (task["seq"], name)
            if task["deadline"]:
                start, end = spans["deadline"]
                assert text[start:end] == task["deadline"]["text"]
            for measure in task["measures"]:
                start, end = measure["span"]
                assert text[start:end] == measure["text"]
            if task["lead_unit"]:
                start, end = spans["lead_unit"]
                assert task["lead_unit"][:2] in text[start:end]
        for indicator in document["indicators"]:  # type: ignore[attr-defined]
            start, end = indicator["span"]
            assert text[start:end] == indicator["text"]


def test_feedback_doc_type_is_in_the_schema() -> None:
    """An inspection group's feedback itself has its own doc_type (added in 0.1)."""
    schema = json.loads((ROOT / "schemas" / "json" / "document.schema.json").read_text(encoding="utf-8"))
    assert "feedback" in json.dumps(schema["$defs"]["DocType"])
