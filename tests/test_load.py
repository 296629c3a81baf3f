from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import CorruptFile, DecodeError, EmptyFile, UnsupportedFormat
from extract.load import FileType, decode_text, sniff_type, suffix_of
from tests.conftest import CORPUS

TEXT = "关于印发整改方案的通知\n整改时限:2020年年底前"


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"%PDF-1.7\n...", "a.bin", FileType.pdf),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "a.doc", FileType.doc),
        (b"<!DOCTYPE html><html><body>x</body></html>", "page", FileType.html),
        ("<p>正文</p>".encode(), "page.htm", FileType.html),
        (TEXT.encode(), "notice.txt", FileType.txt),
        (TEXT.encode(), "notice", FileType.txt),
        (TEXT.encode("utf-16"), "notice.txt", FileType.txt),  # UTF-16 with BOM: zero bytes, yet text
        ("<html><body><p>正文</p></body></html>".encode("utf-16"), "page", FileType.html),
    ],
)
def test_sniff_type_by_content(data: bytes, name: str, expected: FileType) -> None:
    assert sniff_type(data, name) is expected


@pytest.mark.parametrize(
    ("data", "name", "error"),
    [
        (b"", "empty.txt", EmptyFile),
        (b"\x00\x01\x02binary" * 50, "x.html", CorruptFile),
        (b"\xff\xfe" + b"\x01\x00\x02\x00" * 100, "x.txt", CorruptFile),  # a UTF-16 BOM before control codes
        (b"just text", "x.docx", CorruptFile),
        (b"PK\x03\x04broken", "x.docx", CorruptFile),
        (b"just text", "x.ofd", CorruptFile),
        (TEXT.encode(), "x.mp3", UnsupportedFormat),
    ],
)
def test_sniff_type_rejects(data: bytes, name: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        sniff_type(data, name)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
        ("關於印發整改方案的通知，整改時限為二零二零年年底前，責任單位為各縣區政府。".encode("big5"), "big5"),
    ],
)
def test_decode_text(data: bytes, encoding: str) -> None:
    text, found = decode_text(data)
    assert found == encoding
    assert "整改" in text


def test_mixed_encoding_is_a_decode_error() -> None:
    with pytest.raises(DecodeError):
        decode_text((CORPUS / "bad" / "mixed_encoding.txt").read_bytes())


def test_a_utf16_notice_runs_through_the_pipeline() -> None:
    from extract.assemble import extract_bytes

    text = "某市督察整改方案\n第一项,某问题。\n整改时限:2021年底前\n责任单位:市生态环境局\n"
    document = extract_bytes(text.encode("utf-16"), "notice.txt")
    assert document.source.encoding == "utf-16"
    assert [(t.seq, t.lead_unit) for t in document.tasks] == [("1", "市生态环境局")]


@pytest.mark.parametrize("name", ["a.txt", ".txt", "a.", "a", "..", ".", "", "a.b.TXT", "x/y.Txt", "x/", "x/.",
                                  "a..", ".a.b", "é.HTML", "a\\b.txt", "a.t\u0130", "dir.d/file", "/abs/f.PDF"])
def test_suffix_of_is_pathlib_suffix(name: str) -> None:
    assert suffix_of(name) == Path(name).suffix.lower()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(encoding: str) -> None:
    for text in ("一、整改任务\n1.问题一:河道垃圾。整改时限:2022年6月底前。\n二、保障措施\n",
                 "关于印发某县整改方案的通知\n一、整改任务\n"):  # two zero bytes of line ends, one of 一
        data = text.encode(encoding)
        assert sniff_type(data, "notice.txt") is FileType.txt
        assert decode_text(data) == (text, encoding)


@pytest.mark.parametrize(("data", "name"), [
    (b"\x00\x01\x02binary" * 50, "x.txt"),  # zeros on both sides
    (b"\x01\x00\x02\x00\x03\x00" * 50, "x.txt"),  # one side, but it decodes into control codes
    ("整改\x00方案".encode(), "x.txt"),
])
def test_zero_bytes_that_are_no_utf16_stay_binary(data: bytes, name: str) -> None:
    with pytest.raises(CorruptFile, match="binary"):
        sniff_type(data, name)


@pytest.mark.parametrize("name", ["台账.xls", "台账.xlsx", "方案.doc", "方案.docx", "方案.pdf"])
def test_web_page_under_an_office_name_is_html(name: str) -> None:
    page = "<html><head><meta charset=utf-8></head><body><table><tr><td>序号</td></tr></table></body></html>"
    assert sniff_type(page.encode(), name) is FileType.html
    assert sniff_type(b"\xef\xbb\xbf" + page.encode(), name) is FileType.html


@pytest.mark.parametrize(("name", "part"), [("a.docx", "word/document.xml"), ("a.xlsx", "xl/workbook.xml"),
                                            ("a.ofd", "OFD.xml")])
def test_zip_named_office_without_its_part_is_corrupt(name: str, part: str) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(CorruptFile, match=f"holds no {part}"):
        sniff_type(buffer.getvalue(), name)
    with pytest.raises(UnsupportedFormat):
        sniff_type(buffer.getvalue(), "a.zip")


@pytest.mark.parametrize(("data", "name", "says"), [
    (b" \r\n\t\n", "blank.txt", "the txt file holds no text"),
    ("\ufeff\u200b\u200b".encode(), "zwsp.txt", "invisible characters"),
    (b"\xff\xfe", "bom_only.txt", "the txt file holds no text"),
    (b'<html><frameset><frame src="a.html"></frameset></html>', "page.html", "a frameset"),
    (b'<html><body><iframe src="a.html"></iframe><script>load()</script></body></html>', "page.html", "an iframe"),
])
def test_a_file_holding_no_text_is_empty_file(data: bytes, name: str, says: str) -> None:
    from extract.assemble import extract_bytes

    with pytest.raises(EmptyFile, match=says):
        extract_bytes(data, name)
