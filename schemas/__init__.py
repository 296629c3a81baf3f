"""Pydantic models of the output contract and of the internal block stream."""

from schemas.blocks import Block, BlockKind, Cell, Parsed
from schemas.document import (
    SCHEMA_VERSION,
    Acceptance,
    AmendedTask,
    Amendment,
    AppliedAmendment,
    Deadline,
    DeadlineKind,
    DocType,
    Document,
    ErrorRecord,
    Indicator,
    Inspection,
    Manifest,
    Measure,
    Progress,
    Region,
    Script,
    Source,
    Span,
    Status,
    Task,
    Warning,
)

__all__ = [
    "SCHEMA_VERSION", "Acceptance", "AmendedTask", "Amendment", "AppliedAmendment", "Block", "BlockKind",
    "Cell", "Deadline", "DeadlineKind", "DocType", "Document", "ErrorRecord", "Indicator", "Inspection", "Manifest",
    "Measure", "Parsed", "Progress", "Region", "Script", "Source", "Span", "Status", "Task", "Warning",
]
