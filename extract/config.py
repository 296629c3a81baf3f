"""One validated options object for a run, with every threshold in one place."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

EXPORT_FORMATS = ("json", "jsonl", "csv", "xlsx")


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    formats: tuple[str, ...] = Field(default=("json", "jsonl", "csv"), description="exports to write")
    ocr: bool = Field(default=True, description="OCR image-only PDF pages when Tesseract is installed")
    timeout_s: float = Field(default=120.0, description="per-file limit in a batch run")
    # A text is traditional when at least this share of its Han characters changes under
    # OpenCC t2s. Calibrated on the corpus: simplified notices score < 0.002 (only rare
    # variant characters change), the traditional seed 000 about 0.25.
    traditional_threshold: float = 0.05

    @classmethod
    def resolve(cls, value: Options | dict[str, Any] | None) -> Options:
        if value is None:
            return cls()
        if isinstance(value, Options):
            return value
        return cls.model_validate(value)
