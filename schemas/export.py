"""Write the JSON Schema of the contract models, for importers: `make schemas`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from schemas.document import AmendedTask, Document, ErrorRecord, Manifest, Task

MODELS: dict[str, type[BaseModel]] = {
    "document": Document, "task": Task, "error": ErrorRecord, "manifest": Manifest,
    "amended_task": AmendedTask,  # added in 0.1
}


def schema_files() -> dict[str, str]:
    return {f"{name}.schema.json": json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2,
                                              sort_keys=True) + "\n"
            for name, model in MODELS.items()}


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(__file__).parent / "json"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in schema_files().items():
        (folder / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
