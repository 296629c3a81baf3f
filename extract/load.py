"""Stage 1, load: bytes → file type (by content, then by name) → the format's parser.

Plain text is decoded here too (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK, Big5),
since decoding is loading for a text file.
"""

from __future__ import annotations

import zipfile
from enum import Enum
from io import BytesIO
from pathlib import Path

import charset_normalizer
import regex

from extract.errors import CorruptFile, DecodeError, EmptyFile, UnsupportedFormat


class FileType(str, Enum):
    txt = "txt"
    html = "html"
    pdf = "pdf"
    docx = "docx"
    xlsx = "xlsx"
    doc = "doc"  # OLE2 compound file: .doc / .wps / .et / .xls (LibreOffice converts)
    ofd = "ofd"  # GB/T 33190 fixed-layout document: a zip with OFD.xml at its root


SUFFIX_TYPES: dict[str, FileType] = {
    ".txt": FileType.txt, ".text": FileType.txt, ".md": FileType.txt,
    ".html": FileType.html, ".htm": FileType.html, ".shtml": FileType.html, ".xhtml": FileType.html,
    ".pdf": FileType.pdf, ".docx": FileType.docx, ".xlsx": FileType.xlsx, ".xlsm": FileType.xlsx,
    ".doc": FileType.doc, ".wps": FileType.doc, ".et": FileType.doc, ".xls": FileType.doc,
    ".ofd": FileType.ofd,
}

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HTML_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<p>", b"<table")
HTML_SNIFF_LENGTH = max(map(len, HTML_SNIFF))  # what of the head is lower-cased to compare

# Encodings tried strictly, in order, before a detector guesses. GB18030 is a superset
# of GBK and GB2312, so one try covers all three (a page declared gb2312 is decoded as it).
STRICT_ENCODINGS = ("utf-8", "gb18030")


def sniff_type(data: bytes, name: str) -> FileType:
    """The file's type from its first bytes; the name only breaks ties between text kinds."""
    if not data:
        raise EmptyFile("the file is empty (0 bytes)")
    head = data[:2048]
    if head.startswith(b"%PDF-"):
        return FileType.pdf
    if head.startswith(OLE2_MAGIC):
        return FileType.doc
    suffix = suffix_of(name)
    if head.startswith(b"PK\x03\x04"):
        return _zip_office_type(data, suffix)
    expected = SUFFIX_TYPES.get(suffix)
    utf16 = "utf-16" if head.startswith(UTF16_BOMS) else utf16_without_bom(head)
    if utf16 is not None:  # UTF-16 text (Notepad's "Unicode"): its zero bytes are no binary sign
        head = head.decode(utf16, errors="ignore").encode("utf-8")
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:HTML_SNIFF_LENGTH].lower()
    if expected in (FileType.pdf, FileType.docx, FileType.xlsx, FileType.doc, FileType.ofd):
        if lowered.startswith(HTML_SNIFF):  # a web page saved as .xls or .doc (Excel's, Word's, a CMS export)
            return FileType.html
        raise CorruptFile(f"named {suffix} but its bytes are not a {expected.value} file")
    if _looks_binary(head):
        raise CorruptFile("binary content that is no known document format")
    if expected is FileType.html or lowered.startswith(HTML_SNIFF):
        return FileType.html
    if expected is None and suffix not in ("",):
        raise UnsupportedFormat(f"unsupported file type {suffix!r}")
    return FileType.txt


def suffix_of(name: str) -> str:
    """`Path(name).suffix.lower()`; a bare file name (no `/`) is its own last part, and its
    suffix is found as pathlib finds it, without building a Path."""
    if "/" in name:
        return Path(name).suffix.lower()
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def _zip_office_type(data: bytes, suffix: str) -> FileType:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise CorruptFile(f"broken zip container: {exc}") from exc
    if "word/document.xml" in names:
        return FileType.docx
    if "xl/workbook.xml" in names:
        return FileType.xlsx
    if "OFD.xml" in names:
        return FileType.ofd
    expected = SUFFIX_TYPES.get(suffix)
    if expected is FileType.ofd:
        raise CorruptFile(f"named {suffix} but the zip archive holds no OFD.xml at its root: not an OFD file")
    if expected in (FileType.docx, FileType.xlsx):  # the name promises an Office file: it is a broken one
        part = "word/document.xml" if expected is FileType.docx else "xl/workbook.xml"
        raise CorruptFile(f"named {suffix} but the zip archive holds no {part}")
    raise UnsupportedFormat("a zip archive that is neither DOCX, XLSX nor OFD")


# C0 control bytes other than tab, newline, form feed, carriage return and escape.
CONTROL_BYTES = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))


def _looks_binary(head: bytes) -> bool:
    """NUL bytes or many C0 control bytes: no text encoding we read produces those."""
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))  # counted in C
    return controls > len(head) // 50


def utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 text written without its BOM, else None.
    Its zero bytes are mostly the high (LE: odd offsets) or low (BE: even) halves of ASCII
    characters (line ends, digits), few Chinese characters having a zero half (一 is
    U+4E00); what decodes must read as Chinese text. Binary data decodes into control
    characters and scattered code points."""
    if b"\x00" not in head:
        return None
    even = len(head) - len(head) % 2
    zeros_odd, zeros_even = head[1:even:2].count(0), head[0:even:2].count(0)
    if zeros_odd == zeros_even:
        return None
    encoding = "utf-16-le" if zeros_odd > zeros_even else "utf-16-be"
    text = head[:even].decode(encoding, errors="ignore")
    return encoding if plausible_share(text) >= PLAUSIBLE_SHARE else None


# Where the characters of a Chinese notice lie: ASCII, Latin-1, the punctuation, number forms,
# symbols and shapes notices use (“”, ①, ℃, ≤, ●), CJK punctuation, ideographs, full-width forms.
PLAUSIBLE_RE = regex.compile(r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u2100-\u22ff\u2460-\u25ff"
                             r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
PLAUSIBLE_SHARE = 0.9


def plausible_share(text: str) -> float:
    """The share of `text` in the blocks a notice uses. Bytes read in the wrong encoding, or
    glyph numbers read as characters, scatter over the code space (Hangul, Devanagari,
    private use); text read right stays in those blocks."""
    return len(PLAUSIBLE_RE.findall(text)) / len(text) if text else 0.0


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name). Strict decoders first; a detector only where both fail."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith(UTF16_BOMS):
        return _strict(data, "utf-16"), "utf-16"
    utf16 = utf16_without_bom(data[:2048])
    if utf16 is not None:
        return _strict(data, utf16), utf16
    for encoding in STRICT_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and _big5_more_likely(data, text):
            break
        return text, encoding
    best = charset_normalizer.from_bytes(data, cp_isolation=["big5", "big5hkscs", "gb18030", "utf_8"]).best()
    if best is None or best.encoding not in ("big5", "big5hkscs", "gb18030", "utf_8"):
        raise DecodeError("no encoding decodes the whole file (UTF-8, GB18030 and Big5 tried)")
    return str(best), best.encoding


def _big5_more_likely(data: bytes, gb_text: str) -> bool:
    """Big5 bytes often decode as GB18030 without error, into rare characters.
    Decide by which reading has more of the commonest Chinese characters."""
    try:
        big5_text = data.decode("big5")
    except UnicodeDecodeError:
        return False
    return _common_share(big5_text) > _common_share(gb_text)


# The commonest characters of official Chinese text, in either script.
COMMON_CHARS = frozenset("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"
                         "过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两"
                         "体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内"
                         "数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直"
                         "题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她"
                         "手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导"
                         "器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务"
                         "具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界"
                         "拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支"
                         "般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置"
                         "派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严環境護責單濟區縣開長門發會這個為")


def _common_share(text: str) -> float:
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 0.0
    return sum(1 for c in han if c in COMMON_CHARS) / len(han)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"declared {encoding} but byte {exc.start} does not decode") from exc
