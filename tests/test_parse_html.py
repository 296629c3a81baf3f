"""HTML pages: charset, body, chrome removal, tables, page metadata; the corpus pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.config import Options
from extract.errors import CorruptFile
from extract.parse.html import parse_html
from schemas.blocks import BlockKind
from tests.conftest import CORPUS

FIXTURES = Path(__file__).parent / "fixtures"


def texts(path: Path) -> list[str]:
    return [b.text for b in parse_html(path.read_bytes(), Options()).blocks if b.kind is not BlockKind.table]


def test_gbk_page_body_table_and_meta() -> None:
    parsed = parse_html((FIXTURES / "gbk_page.html").read_bytes(), Options())
    assert parsed.encoding == "gb18030"
    assert parsed.meta == {"title": "某县督察反馈问题整改任务清单", "publish_date": "2021-05-06"}
    lines = [b.text for b in parsed.blocks if b.kind is not BlockKind.table]
    assert lines == ["某县督察反馈问题整改任务清单", "为抓好督察反馈问题整改,制定本清单。", "一、总体要求", "坚持问题导向。"]
    tables = [b for b in parsed.blocks if b.kind is BlockKind.table]
    assert [[c.text for c in row] for row in tables[0].rows] == [
        ["序号", "反馈问题", "整改时限", "责任单位"], ["1", "污水直排。", "2021年底前", "县住建局"]]


def test_corpus_page_002_gb2312_declared() -> None:
    parsed = parse_html((CORPUS / "html" / "002_b5fa22a766b1ca11.html").read_bytes(), Options())
    body = "\n".join(b.text for b in parsed.blocks)
    assert parsed.meta["publish_date"] == "2020-12-02" and parsed.meta["source"] == "市生态环境局"
    assert "(2017—2021年)" in body  # the em dash survives (GBK A1AA, not U+2015)
    for chrome in ("扫一扫", "Produced By", "无障碍浏览", "ICP", "浏览次数"):
        assert chrome not in body


def test_corpus_page_004_nested_layout() -> None:
    lines = texts(CORPUS / "html" / "004_af3a83945fc0fbc2.html")
    assert lines[0] == "关于第一轮中央生态环境保护督察第一项整改任务的整改情况公示"
    assert "一、反馈问题内容" in lines
    assert not any("打印本页" in line or "关闭窗口" in line for line in lines)


def test_site_section_heading_is_no_title() -> None:
    parsed = parse_html((CORPUS / "html" / "000_88b00f3a1e084d60.html").read_bytes(), Options())
    assert "title" not in parsed.meta


@pytest.mark.parametrize("name", ["binary.html"])
def test_binary_is_corrupt(name: str) -> None:
    with pytest.raises(CorruptFile):
        parse_html((CORPUS / "bad" / name).read_bytes(), Options())
