"""OFD (Open Fixed-layout Document, GB/T 33190-2016): the text objects of each page, laid
out into lines and paragraphs as a PDF's text layer is.

    OFD.xml → ofd:DocBody/ofd:DocRoot → Document.xml → ofd:Pages/ofd:Page/@BaseLoc → Content.xml
    → ofd:Layer (and nested ofd:PageBlock) → ofd:TextObject → ofd:TextCode

Each TextCode places its first glyph at (X, Y) inside its object's Boundary (mm, y down;
Y is the baseline), and each next one DeltaX/DeltaY further on (lists in which `g n d`
repeats d n times); a glyph with no delta left advances by its estimated width (full-width
characters one font size, others half), since font metrics are not read. An object's CTM
maps these positions (and so scales its font size). Glyphs are grouped into lines by their
baseline (within LINE_TOLERANCE of the larger font size), lines ordered top to bottom and
glyphs left to right whatever their order in the file; a glyph drawn over an identical one
(a "fake bold" copy) is dropped, and a gap wider than SPACE_GAP font sizes becomes a space.
The lines then go through the PDF parser's own layout (`extract.parse.pdf`): the right
margin and character pitch, lines broken by the page width joined into paragraphs, page
numbers and running heads dropped, a page_break block between pages unless a paragraph
runs on over it.

Not read: page templates (ofd:Template → TemplatePage: running heads and other page
furniture, never a notice's body), annotations, attachments and signatures
(Signatures.xml: a signed file reads as an unsigned one), and images: an OFD of scanned
pages has no text and is reported as empty (OCR of OFD images is not supported). Tables
have no structure in OFD (their rules are PathObjects): a table's text comes out line by
line, the cells of a row on one line, spaced apart. An encrypted package (GM/T 0099,
Encryptions.xml) is refused.

Written with lxml rather than a library: the few OFD packages on PyPI render or convert
whole documents (with heavy dependencies) and do not give glyph positions; the part read
here is small. Parts are read with a bounded size (a zip bomb's stated or real size past
MAX_PART_BYTES is refused) and a parser that resolves no entities and fetches nothing.
"""

from __future__ import annotations

import io
import itertools
import math
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

from extract.config import Options
from extract.errors import CorruptFile, UnsupportedFormat
from extract.fields.metadata import title_like
from extract.parse.pdf import Box, Line, PageText, drop_furniture, lead_unit_re, measured_lines, pages_to_blocks
from schemas.blocks import Parsed

NS = "http://www.ofdspec.org/2016"
MM_TO_PT = 72 / 25.4  # positions are handed on in points, the unit of the PDF layout's constants
A4_WIDTH_MM = 210.0
MAX_PART_BYTES = 64 * 1024 * 1024  # one XML part, uncompressed
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # all parts read, uncompressed
MAX_PAGES = 10_000
LINE_TOLERANCE = 0.4  # font sizes two baselines of one line may differ by (sub- and superscripts)
SPACE_GAP = 1.0  # font sizes of empty room between two glyphs of a line that stand for a space
OVERPRINT = 0.3  # font sizes: an identical glyph this close to another is a copy drawn over it
DEFAULT_SIZE_MM = 3.5  # a TextObject without Size

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                         remove_comments=True, remove_pis=True)


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


OFD_DOC_BODY, OFD_DOC_ROOT, OFD_DOC_INFO, OFD_TITLE = q("DocBody"), q("DocRoot"), q("DocInfo"), q("Title")
OFD_PAGES, OFD_PAGE, OFD_CONTENT, OFD_LAYER = q("Pages"), q("Page"), q("Content"), q("Layer")
OFD_PAGE_BLOCK, OFD_TEXT_OBJECT, OFD_TEXT_CODE = q("PageBlock"), q("TextObject"), q("TextCode")
OFD_PHYSICAL_BOX = q("PhysicalBox")


@dataclass(frozen=True)
class Glyph:
    char: str
    x: float  # mm from the page's left edge
    y: float  # baseline, mm from the page's top edge
    size: float  # font size, mm

    @property
    def width(self) -> float:
        return self.size if ord(self.char) >= 0x2E80 else self.size / 2


class Package:
    """The zip's parts, read by their path inside it, each size-checked before reading."""

    def __init__(self, data: bytes) -> None:
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise CorruptFile(f"not an OFD file: not a zip archive ({exc})") from exc
        self.names = {name.replace("\\", "/").lstrip("/"): name for name in self.archive.namelist()}
        self.folded = {name.lower(): original for name, original in self.names.items()}
        self.total = 0

    def has(self, path: str) -> bool:
        return path in self.names or path.lower() in self.folded

    def read(self, path: str) -> bytes:
        name = self.names.get(path) or self.folded.get(path.lower())
        if name is None:
            raise CorruptFile(f"not a readable OFD file: the part {path} is missing")
        info = self.archive.getinfo(name)
        if info.file_size > MAX_PART_BYTES or self.total + info.file_size > MAX_TOTAL_BYTES:
            raise CorruptFile(f"not a readable OFD file: the part {path} is too large ({info.file_size} bytes)")
        try:
            with self.archive.open(info) as stream:
                data = stream.read(MAX_PART_BYTES + 1)  # the stated size may lie
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
            raise CorruptFile(f"not a readable OFD file: the part {path} cannot be unpacked ({exc})") from exc
        if len(data) > MAX_PART_BYTES:
            raise CorruptFile(f"not a readable OFD file: the part {path} is too large")
        self.total += len(data)
        return data

    def xml(self, path: str) -> etree._Element:
        try:
            return etree.fromstring(self.read(path), PARSER)
        except etree.XMLSyntaxError as exc:
            raise CorruptFile(f"not a readable OFD file: the part {path} is not well-formed XML ({exc})") from exc


def resolve(folder: str, location: str, what: str) -> str:
    """A part's path in the package: `location` relative to `folder`, or from the package
    root when it starts with `/`; never outside the package."""
    location = location.strip().replace("\\", "/")
    if not location:
        raise CorruptFile(f"not a readable OFD file: {what} names no part")
    path = posixpath.normpath(location.lstrip("/") if location.startswith("/") else posixpath.join(folder, location))
    if path == ".." or path.startswith("../") or path == ".":
        raise CorruptFile(f"not a readable OFD file: {what} {location!r} points outside the package")
    return path


def numbers(raw: str | None) -> list[float]:
    """A space-separated list of numbers (`g n d` expanded); an unreadable list is empty:
    one bad attribute should not cost the whole document."""
    if not raw:
        return []
    tokens = raw.split()
    out: list[float] = []
    try:
        k = 0
        while k < len(tokens):
            if tokens[k] == "g" and k + 2 < len(tokens):
                out.extend([float(tokens[k + 2])] * min(int(float(tokens[k + 1])), 100_000))
                k += 3
            else:
                out.append(float(tokens[k]))
                k += 1
    except ValueError:
        return []
    return [value for value in out if math.isfinite(value)]


def number(raw: str | None, default: float) -> float:
    values = numbers(raw)
    return values[0] if values else default


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def text_glyphs(text_object: etree._Element) -> list[Glyph]:
    """The glyphs of one TextObject, placed on the page."""
    box = numbers(text_object.get("Boundary"))
    left, top = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
    ctm = numbers(text_object.get("CTM"))
    a, b, c, d, e, f = (ctm[0], ctm[1], ctm[2], ctm[3], ctm[4], ctm[5]) if len(ctm) == 6 else IDENTITY
    scale = math.sqrt(abs(a * d - b * c)) or 1.0
    size = number(text_object.get("Size"), DEFAULT_SIZE_MM) * scale
    glyphs: list[Glyph] = []
    start_x = start_y = 0.0
    for code in text_object.iter(OFD_TEXT_CODE):
        text = code.xpath("string()")  # text nodes only: an unresolved entity reference adds nothing
        # X or Y absent: the TextCode before's (GB/T 33190 11.3)
        start_x, start_y = number(code.get("X"), start_x), number(code.get("Y"), start_y)
        x, y = start_x, start_y
        dx, dy = numbers(code.get("DeltaX")), numbers(code.get("DeltaY"))
        for k, char in enumerate(text):
            if not char.isspace():
                glyphs.append(Glyph(char, left + a * x + c * y + e, top + b * x + d * y + f, size))
            x += dx[k] if k < len(dx) else (size if ord(char) >= 0x2E80 else size / 2) / scale
            y += dy[k] if k < len(dy) else 0.0
    return glyphs


def page_glyphs(page: etree._Element) -> list[Glyph]:
    """Every glyph of the page's content layers, PageBlocks included, in file order."""
    glyphs: list[Glyph] = []
    for content in page.iter(OFD_CONTENT):
        for text_object in content.iter(OFD_TEXT_OBJECT):
            glyphs.extend(text_glyphs(text_object))
    return glyphs


def group_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs → lines by baseline, top to bottom, each left to right; overprinted copies dropped."""
    lines: list[list[Glyph]] = []
    baseline = size = 0.0
    for glyph in sorted(glyphs, key=lambda g: g.y):
        if lines and glyph.y - baseline <= LINE_TOLERANCE * max(size, glyph.size):
            lines[-1].append(glyph)
            size = max(size, glyph.size)
        else:
            lines.append([glyph])
            baseline, size = glyph.y, glyph.size
    out = []
    for line in lines:
        kept: list[Glyph] = []
        for glyph in sorted(line, key=lambda g: g.x):
            if any(other.char == glyph.char and abs(other.x - glyph.x) <= OVERPRINT * glyph.size
                   and abs(other.y - glyph.y) <= OVERPRINT * glyph.size for other in kept[-3:]):
                continue
            kept.append(glyph)
        out.append(kept)
    return out


def line_text(glyphs: list[Glyph]) -> str:
    text = glyphs[0].char
    for before, glyph in itertools.pairwise(glyphs):
        if glyph.x - (before.x + before.width) > SPACE_GAP * max(before.size, glyph.size):
            text += " "
        text += glyph.char
    return text


def page_lines(glyphs: list[Glyph], page_width: float) -> list[Line]:
    """The page's lines measured as a PDF text layer's are (in points, y up)."""
    rows: list[Box] = []
    texts: list[str] = []
    leads: list[float | None] = []
    for line in group_lines(glyphs):
        text = line_text(line)
        base, size = line[0].y, max(g.size for g in line)
        left, right = line[0].x, max(g.x + g.width for g in line)
        top, bottom = base - 0.8 * size, base + 0.2 * size  # mm from the page's top
        rows.append((left * MM_TO_PT, -bottom * MM_TO_PT, right * MM_TO_PT, -top * MM_TO_PT))
        texts.append(text)
        unit = lead_unit_re().match(text)
        chars = len(unit.group().replace(" ", "")) if unit else 0
        leads.append((line[chars - 1].x + line[chars - 1].width - left) * MM_TO_PT if 0 < chars <= len(line) else None)
    return measured_lines(rows, texts, leads, page_width * MM_TO_PT)


def page_width(page: etree._Element, default: float) -> float:
    box = page.find(f"{q('Area')}/{OFD_PHYSICAL_BOX}")
    values = numbers(box.text if box is not None else None)
    return values[2] if len(values) == 4 and values[2] > 0 else default


def read_document(package: Package, root: str) -> list[PageText]:
    """One document's pages, in the order Document.xml lists them."""
    document = package.xml(root)
    folder = posixpath.dirname(root)
    box = document.find(f"{q('CommonData')}/{q('PageArea')}/{OFD_PHYSICAL_BOX}")
    values = numbers(box.text if box is not None else None)
    width = values[2] if len(values) == 4 and values[2] > 0 else A4_WIDTH_MM
    pages: list[PageText] = []
    listed = document.find(OFD_PAGES)
    for entry in listed.iter(OFD_PAGE) if listed is not None else ():
        if len(pages) >= MAX_PAGES:
            raise CorruptFile(f"not a readable OFD file: {root} lists more than {MAX_PAGES} pages")
        path = resolve(folder, entry.get("BaseLoc") or "", f"page {len(pages) + 1}'s BaseLoc in {root}")
        page = package.xml(path)
        pages.append(PageText([page_lines(page_glyphs(page), page_width(page, width))]))
    return pages


def doc_roots(package: Package) -> tuple[list[str], str | None]:
    """The DocRoot of each DocBody of OFD.xml, and the first document's title (DocInfo)."""
    if not package.has("OFD.xml"):
        raise CorruptFile("not an OFD file: the zip archive holds no OFD.xml")
    if package.has("Encryptions.xml"):
        raise UnsupportedFormat("an encrypted OFD (Encryptions.xml, GM/T 0099): it cannot be read without its key")
    entry = package.xml("OFD.xml")
    roots: list[str] = []
    title = None
    for body in entry.iter(OFD_DOC_BODY):
        root = body.find(OFD_DOC_ROOT)
        if root is None:
            continue
        roots.append(resolve("", root.text or "", "OFD.xml's DocRoot"))
        found = body.find(f"{OFD_DOC_INFO}/{OFD_TITLE}")
        if title is None and found is not None:
            title = (found.text or "").strip()
    if not roots:
        raise CorruptFile("not a readable OFD file: OFD.xml names no DocRoot")
    return roots, title


def parse_ofd(data: bytes, options: Options) -> Parsed:
    package = Package(data)
    with package.archive:
        roots, title = doc_roots(package)
        pages = [page for root in roots for page in read_document(package, root)]
    drop_furniture(pages)
    blocks = pages_to_blocks(pages)
    meta = {"title": title} if title and title_like(title) else {}
    return Parsed(blocks=blocks, pages=len(pages), meta=meta)
