"""notice-extract: structured rectification tasks from Chinese inspection notices.

Public API: `extract_file(path) -> Document` for one notice, `run_batch(inputs, out_dir)`
for a folder (what `notice-extract run` does).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from extract.batch import Summary
    from schemas.document import Document

__all__ = ["__version__", "extract_file", "run_batch"]


def extract_file(path: str | Path, options: dict[str, Any] | None = None) -> Document:
    """One notice → its Document (raises an `extract.errors.ExtractError` on bad input)."""
    from extract.assemble import extract_bytes

    path = Path(path)
    return extract_bytes(path.read_bytes(), path.name, options)


def run_batch(inputs: list[Path], out_dir: Path, options: dict[str, Any] | None = None) -> Summary:
    from extract import batch
    from extract.config import Options

    return batch.run_batch(inputs, out_dir, Options.resolve(options), progress=False)
