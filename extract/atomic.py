"""Temporary files for atomic writes (a file written whole, then renamed over its name),
shared by the exporter and the Excel ledger."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def plain_file_mode() -> int:
    """The mode `open()` gives a new file: 0o666 less the process's umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def readable_temp_file(path: Path) -> tuple[int, str]:
    """A temporary file beside `path` (mkstemp), with the mode `open()` would give `path`:
    mkstemp makes its files 0600, and os.replace keeps the mode, so outputs would be
    unreadable to everyone but their owner (an importer running as another user)."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    if hasattr(os, "fchmod"):  # POSIX; on Windows the mode bits mean nothing here
        os.fchmod(handle, plain_file_mode())
    return handle, temp
