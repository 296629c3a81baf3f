"""PDF: text layer, furniture, line joining, fake bold, tables over pages, OCR, bad files."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest

from extract.config import Options
from extract.errors import CorruptFile, EncryptedPdf, NeedsOcr
from extract.parse.ocr import ocr_available
from extract.parse.pdf import Line, join_lines, parse_pdf
from schemas.blocks import BlockKind
from tests.conftest import CORPUS, seed_path

PDF = CORPUS / "pdf"


def text_of(name: str, options: Options | None = None) -> str:
    parsed = parse_pdf((PDF / name).read_bytes(), options or Options())
    return "\n".join(b.text for b in parsed.blocks if b.kind is not BlockKind.table)


def squeeze(text: str) -> str:
    return "".join(text.split())


def test_text_pdf_equals_seed_text() -> None:
    seed = squeeze(seed_path("004").read_text(encoding="utf-8").replace("|", "").replace("【打印本页】【关闭窗口】", ""))
    assert squeeze(text_of("004_af3a83945fc0fbc2.pdf")) == seed


def test_no_page_numbers_and_lines_joined() -> None:
    text = text_of("004_af3a83945fc0fbc2.pdf")
    assert "— 2 —" not in text and "—2—" not in squeeze(text)
    lines = text.split("\n")
    assert "一、反馈问题内容" in lines
    assert any(line.startswith("(一)提高政治站位") and line.endswith("解决环境问题。") for line in lines)


def test_fake_bold_headings_come_out_single() -> None:
    text = text_of("004_af3a83945fc0fbc2_fakebold.pdf")
    assert "关关于于" not in text and "一一、、" not in text
    assert squeeze(text) == squeeze(text_of("004_af3a83945fc0fbc2.pdf"))


def test_table_over_pages_becomes_rows_with_repeated_headers() -> None:
    parsed = parse_pdf((PDF / "002_b5fa22a766b1ca11.pdf").read_bytes(), Options())
    tables = [b for b in parsed.blocks if b.kind is BlockKind.table]
    assert len(tables) > 10  # one per page here; merged downstream
    assert squeeze(tables[0].rows[0][3].text) == "整改时限"
    assert parsed.pages == 39


@pytest.mark.parametrize(("lines", "paragraphs"), [
    ([Line("整改目标是全面", True), Line("完成。", False)], ["整改目标是全面完成。"]),
    ([Line("全面完成整改工作。", True), Line("下一段", False)], ["全面完成整改工作。", "下一段"]),
    ([Line("问题描述很长很长", True), Line("(一)第一项措施", False)], ["问题描述很长很长", "(一)第一项措施"]),
    ([Line("某某单位", True), Line("某市生态环境局", True, apart=True)], ["某某单位", "某市生态环境局"]),
    ([Line("using the", True), Line("PDF text", False)], ["using the PDF text"]),
])
def test_join_lines(lines: list[Line], paragraphs: list[str]) -> None:
    assert join_lines(lines) == paragraphs


@pytest.mark.parametrize(("name", "error"), [("encrypted.pdf", EncryptedPdf), ("truncated.pdf", CorruptFile)])
def test_bad_pdfs(name: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_pdf((CORPUS / "bad" / name).read_bytes(), Options())


def first_scanned_page() -> bytes:
    source = pdfium.PdfDocument(PDF / "004_af3a83945fc0fbc2_scanned.pdf")
    single = pdfium.PdfDocument.new()
    single.import_pages(source, [0])
    buffer = io.BytesIO()
    single.save(buffer)
    return buffer.getvalue()


def test_scanned_page_without_ocr_needs_ocr() -> None:
    with pytest.raises(NeedsOcr, match="tesseract-ocr-chi-sim"):
        parse_pdf(first_scanned_page(), Options(ocr=False))


@pytest.mark.skipif(not ocr_available(), reason="Tesseract with chi_sim is not installed")
def test_scanned_page_is_read_by_ocr() -> None:
    parsed = parse_pdf(first_scanned_page(), Options())
    assert parsed.warnings == ["ocr_used"]
    text = squeeze("\n".join(b.text for b in parsed.blocks))
    assert "整改情况公示" in text and "反馈问题内容" in text
