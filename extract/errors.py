"""One root exception and a small tree of them, each with the error code of
`errors.jsonl` (CONTRACT.md). `InternalError` marks our own bugs."""

from __future__ import annotations


class ExtractError(Exception):
    """A file that cannot be turned into a Document. `code` goes to errors.jsonl."""

    code = "internal_error"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


class EmptyFile(ExtractError):
    code = "empty_file"


class UnsupportedFormat(ExtractError):
    code = "unsupported_format"


class CorruptFile(ExtractError):
    code = "corrupt_file"


class EncryptedPdf(ExtractError):
    code = "encrypted_pdf"


class NeedsOcr(ExtractError):
    code = "needs_ocr"


class DecodeError(ExtractError):
    code = "decode_error"


class Timeout(ExtractError):
    code = "timeout"


class InternalError(ExtractError):
    """A bug of ours: the message carries the exception type."""

    code = "internal_error"
