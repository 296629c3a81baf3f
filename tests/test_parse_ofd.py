"""OFD: package walk, glyph placement (DeltaX runs, CTM, PageBlocks, out-of-order pieces),
lines into paragraphs, the pipeline end to end, and broken packages."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest

from extract.assemble import extract_bytes
from extract.config import Options
from extract.errors import CorruptFile, EmptyFile, UnsupportedFormat
from extract.load import FileType, sniff_type
from extract.parse import ofd
from extract.parse.ofd import Glyph, group_lines, line_text, numbers, parse_ofd, resolve
from schemas.blocks import BlockKind
from tests.conftest import CORPUS, seed_path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ofd"
PLAN = (FIXTURES / "plan.ofd").read_bytes()
NS = "http://www.ofdspec.org/2016"
PAGE_0 = "Doc_0/Pages/Page_0/Content.xml"


def rezip(data: bytes, *, drop: tuple[str, ...] = (), replace: dict[str, bytes] | None = None) -> bytes:
    """The package with parts dropped or replaced (or added)."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            if name not in drop and name not in replace:
                target.writestr(name, source.read(name))
        for name, part in replace.items():
            target.writestr(name, part)
    return out.getvalue()


def page(layer: str) -> bytes:
    return f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="1">{layer}</ofd:Layer></ofd:Content></ofd:Page>'.encode()


def one_page(layer: str) -> bytes:
    """The plan with page 1 replaced by `layer` and page 2 dropped from Document.xml."""
    with zipfile.ZipFile(io.BytesIO(PLAN)) as archive:
        document = archive.read("Doc_0/Document.xml").decode()
    document = document.replace('<ofd:Page ID="2" BaseLoc="/Doc_0/Pages/Page_1/Content.xml"/>', "")
    return rezip(PLAN, replace={PAGE_0: page(layer), "Doc_0/Document.xml": document.encode()})


def texts(data: bytes) -> list[str]:
    return [block.text for block in parse_ofd(data, Options()).blocks if block.kind is BlockKind.paragraph]


def test_plan_blocks() -> None:
    parsed = parse_ofd(PLAN, Options())
    assert parsed.pages == 2
    assert parsed.meta == {"title": "泸州市人民政府办公室关于印发中央生态环境保护督察反馈问题整改方案的通知"}
    assert [(b.kind.value, b.text) for b in parsed.blocks] == [
        ("paragraph", "泸州市人民政府办公室关于印发中央生态环境保护督察反馈问"),  # a centred title broken by the width
        ("paragraph", "题整改方案的通知"),
        ("paragraph", "泸市府办发〔2021〕15号"),  # several TextCodes, the later ones without Y
        ("paragraph", "各区县人民政府,市级有关部门:"),  # no DeltaX: glyphs advance by their width
        ("paragraph", "现将《泸州市贯彻落实中央生态环境保护督察反馈问题整改方案》印发给你们,请结合实际认真组织实施。"),
        ("paragraph", "一、整改任务"),  # drawn twice (fake bold): one copy kept
        ("paragraph", "1.长江干流沿岸部分城镇生活污水直排问题。"),  # three TextObjects
        ("paragraph", "整改目标:城市生活污水集中收集率达到70%以上。"),  # pieces out of x order in the file
        ("paragraph", "整改时限:2021年底前"),  # inside nested PageBlocks
        ("paragraph", "责任单位:市生态环境局、市水务局"),  # scaled by a CTM
        ("paragraph", "2.城市建成区黑臭水体治理不到位问题。"),
        ("paragraph", "整改目标:全面消除城市建成区黑臭水体。"),
        ("paragraph", "整改时限:2022年6月底前"),
        ("paragraph", "责任单位:市住建局、市生态环境局"),
        ("page_break", ""),  # page 2 is listed by a path from the package root
        ("paragraph", "3.工业园区污水集中处理设施建设滞后问题。"),
        ("paragraph", "整改目标:园区污水集中处理设施建成并稳定运行。"),
        ("paragraph", "整改时限:2021年底前"),
        ("paragraph", "责任单位:市经信局、市生态环境局"),
        ("paragraph", "泸州市人民政府办公室"),
        ("paragraph", "2021年3月15日"),
    ]


def test_plan_leaves_out_templates_page_numbers_and_signatures() -> None:
    with zipfile.ZipFile(io.BytesIO(PLAN)) as archive:
        names = set(archive.namelist())
        assert "内部资料".encode() in archive.read("Doc_0/Tpls/Tpl_0/Content.xml")
    assert {"Doc_0/Signs/Signatures.xml", "Doc_0/Res/seal.png"} <= names
    text = "".join(texts(PLAN))
    assert "内部资料" not in text  # a template's running head is not read
    assert "—" not in text  # `— 1 —` page numbers dropped


def test_plan_end_to_end() -> None:
    doc = extract_bytes(PLAN, "notices/plan.ofd")
    assert doc.source.format == "ofd" and doc.source.pages == 2
    assert doc.title == "中央生态环境保护督察反馈问题整改方案"
    assert doc.issuers == ["泸州市人民政府办公室"]
    assert doc.issue_date == dt.date(2021, 3, 15)
    assert doc.doc_number == "泸市府办发〔2021〕15号"
    assert doc.doc_type == "plan"
    got = [(t.seq, t.problem, t.target, t.deadline.date if t.deadline else None, t.responsible_units)
           for t in doc.tasks]
    assert got == [
        ("1", "长江干流沿岸部分城镇生活污水直排问题。", "城市生活污水集中收集率达到70%以上。", dt.date(2021, 12, 31),
         ["市生态环境局", "市水务局"]),
        ("2", "城市建成区黑臭水体治理不到位问题。", "全面消除城市建成区黑臭水体。", dt.date(2022, 6, 30),
         ["市住建局", "市生态环境局"]),
        ("3", "工业园区污水集中处理设施建设滞后问题。", "园区污水集中处理设施建成并稳定运行。", dt.date(2021, 12, 31),
         ["市经信局", "市生态环境局"]),
    ]


def test_corpus_ofd_reads_as_the_seed() -> None:
    seed = seed_path("004").read_text(encoding="utf-8").replace("|", "").replace("【打印本页】【关闭窗口】", "")
    data = (CORPUS / "ofd" / "004_af3a83945fc0fbc2.ofd").read_bytes()
    assert "".join("".join(texts(data)).split()) == "".join(seed.split())
    doc = extract_bytes(data, "004_af3a83945fc0fbc2.ofd")
    assert doc.doc_type == "completion_notice" and doc.issuers == ["淄博市生态环境局"]
    assert len(doc.tasks) == 1 and doc.tasks[0].status == "completed" and len(doc.tasks[0].measures) == 6


@pytest.mark.parametrize("name", ["plan.ofd", "plan.zip", "plan", "plan.docx", "plan.pdf"])
def test_an_ofd_is_known_by_its_content(name: str) -> None:
    assert sniff_type(PLAN, name) is FileType.ofd


def test_a_zip_named_ofd_without_ofd_xml_is_corrupt() -> None:
    data = rezip(PLAN, drop=("OFD.xml",))
    with pytest.raises(CorruptFile, match=re.escape("no OFD.xml")):
        sniff_type(data, "plan.ofd")
    with pytest.raises(UnsupportedFormat):
        sniff_type(data, "plan.zip")
    with pytest.raises(CorruptFile, match=re.escape("no OFD.xml")):
        parse_ofd(data, Options())


def test_delta_lists() -> None:
    assert numbers("1 g 3 2.5 4") == [1.0, 2.5, 2.5, 2.5, 4.0]
    assert numbers("g 2 5.6") == [5.6, 5.6]
    assert numbers("") == [] and numbers(None) == []
    assert numbers("1 x 2") == []  # unreadable: the glyphs advance by their widths


def test_paths_resolve_inside_the_package() -> None:
    assert resolve("Doc_0", "Pages/Page_0/Content.xml", "x") == "Doc_0/Pages/Page_0/Content.xml"
    assert resolve("Doc_0", "/Doc_0/Pages/Page_0/Content.xml", "x") == "Doc_0/Pages/Page_0/Content.xml"
    assert resolve("Doc_0", "./Pages\\Page_0/Content.xml", "x") == "Doc_0/Pages/Page_0/Content.xml"
    for outside in ("../../etc/passwd", "/../x.xml", ".."):
        with pytest.raises(CorruptFile, match="outside the package"):
            resolve("Doc_0", outside, "page 1's BaseLoc")


def test_glyphs_group_by_baseline_and_sort_by_x() -> None:
    glyphs = [Glyph("改", 16, 50.3, 5), Glyph("整", 10, 50, 5), Glyph("下", 10, 60, 5), Glyph("²", 21.5, 48.5, 3),
              Glyph("整", 10.1, 50, 5), Glyph("尾", 40, 50, 5)]
    lines = group_lines(glyphs)
    assert [line_text(line) for line in lines] == ["整改² 尾", "下"]  # a copy drawn over 整 dropped; a gap is a space


def test_text_codes_with_ctm_delta_runs_and_page_blocks() -> None:
    layer = (
        # right half first in the file, its glyphs placed by a g run
        '<ofd:TextObject ID="2" Boundary="40 20 30 8" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="g 2 5">限到期</ofd:TextCode></ofd:TextObject>'
        '<ofd:PageBlock ID="3"><ofd:TextObject ID="4" Boundary="20 20 20 8" Size="5">'
        '<ofd:TextCode X="0" Y="5" DeltaX="5 5">整改时</ofd:TextCode></ofd:TextObject></ofd:PageBlock>'
        # unit size scaled by the CTM, two codes, the second on the X and Y of the first plus its own
        '<ofd:TextObject ID="5" Boundary="20 40 60 8" Size="1" CTM="5 0 0 5 0 0">'
        '<ofd:TextCode X="0" Y="1" DeltaX="g 2 1">责任单</ofd:TextCode><ofd:TextCode X="3">位</ofd:TextCode></ofd:TextObject>'
    )
    assert texts(one_page(layer)) == ["整改时限到期", "责任单位"]


def test_missing_page_content_is_corrupt() -> None:
    with pytest.raises(CorruptFile, match=re.escape("Page_1/Content.xml is missing")):
        parse_ofd(rezip(PLAN, drop=("Doc_0/Pages/Page_1/Content.xml",)), Options())


def test_bad_xml_is_corrupt() -> None:
    with pytest.raises(CorruptFile, match=re.escape(f"{PAGE_0} is not well-formed XML")):
        parse_ofd(rezip(PLAN, replace={PAGE_0: b"<ofd:Page xmlns:ofd='x'><ofd:Content>"}), Options())
    with pytest.raises(CorruptFile, match=re.escape("Document.xml is not well-formed")):
        parse_ofd(rezip(PLAN, replace={"Doc_0/Document.xml": b"\x00garbage"}), Options())


def test_base_loc_outside_the_package_is_corrupt() -> None:
    with zipfile.ZipFile(io.BytesIO(PLAN)) as archive:
        document = archive.read("Doc_0/Document.xml").replace(b"Pages/Page_0/Content.xml", b"../../../etc/passwd")
    with pytest.raises(CorruptFile, match="outside the package"):
        parse_ofd(rezip(PLAN, replace={"Doc_0/Document.xml": document}), Options())


def test_oversized_part_is_refused_before_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = rezip(PLAN, replace={PAGE_0: page("<ofd:TextObject/>" + " " * 200_000)})
    monkeypatch.setattr(ofd, "MAX_PART_BYTES", 100_000)
    with pytest.raises(CorruptFile, match=re.escape(f"{PAGE_0} is too large")):
        parse_ofd(bomb, Options())


def test_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    xml = (f'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file://{secret}">]>'
           f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="1"><ofd:TextObject ID="2" Boundary="20 20 90 8" '
           f'Size="5"><ofd:TextCode X="0" Y="5">整改&x;方案</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>')
    read = "".join(texts(rezip(one_page(""), replace={PAGE_0: xml.encode()})))
    assert read == "整改方案"  # the reference neither resolved nor kept


def test_image_only_ofd_is_empty_file() -> None:
    image = '<ofd:ImageObject ID="2" Boundary="0 0 210 297" ResourceID="90" CTM="210 0 0 297 0 0"/>'
    with pytest.raises(EmptyFile, match=r"the ofd file holds no text.*OCR of OFD images is not supported"):
        extract_bytes(one_page(image), "scan.ofd")


def test_encrypted_ofd_is_refused() -> None:
    with pytest.raises(UnsupportedFormat, match="encrypted OFD"):
        parse_ofd(rezip(PLAN, replace={"Encryptions.xml": b"<Encryptions/>"}), Options())


def test_not_a_zip_is_corrupt() -> None:
    with pytest.raises(CorruptFile, match="not a zip"):
        parse_ofd(b"PK\x03\x04 broken", Options())
