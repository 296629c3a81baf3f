from __future__ import annotations

import pytest

from extract.config import Options
from extract.fields.patterns import header_field
from extract.parse.text import PIPE_ONLY_RE, lines_to_blocks, parse_text, seq_label_starts
from schemas.blocks import BlockKind
from tests.conftest import CORPUS, seed_path


def test_residue_pipes_dropped() -> None:
    blocks = lines_to_blocks("关于某项整改任务的公示 |\n|||\n|\n\u00a0\n正文一段。")
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.paragraph, "关于某项整改任务的公示"), (BlockKind.paragraph, "正文一段。")]


def test_a_bare_number_before_a_form_feed_is_a_page_number() -> None:
    blocks = lines_to_blocks("整改时限:2021年6月底前\n1\n\f2.某问题。\n整改时限:\n2022年\n3\n")
    assert [b.text for b in blocks] == ["整改时限:2021年6月底前", "2.某问题。", "整改时限:", "2022年", "3"]


def test_pipe_table_written_as_text() -> None:
    text = "整改任务清单\n序号 | 整改问题 | 责任 单位 | 完成 时限\n| 一、水环境(1项) |\n1 | 黑臭水体 | 某区政府 | 2021年底\n附件说明"
    blocks = lines_to_blocks(text)
    assert [b.kind for b in blocks] == [BlockKind.paragraph, BlockKind.table, BlockKind.paragraph]
    rows = [[c.text for c in row] for row in blocks[1].rows]
    assert rows == [["序号", "整改问题", "责任 单位", "完成 时限"], ["一、水环境(1项)"], ["1", "黑臭水体", "某区政府", "2021年底"]]


def test_seed_002_lines() -> None:
    parsed = parse_text(seed_path("002_").read_bytes(), Options())
    assert parsed.encoding == "utf-8"
    assert parsed.blocks[0].text == "首页"
    assert all(b.text.strip() for b in parsed.blocks)


def test_table_written_one_cell_per_line() -> None:
    text = "清单\n序号\n问题\n整改目标\n完成时限\n责任单位\n1\n河道污染\n水质达标\n2020年底前\n某区政府\n(一)清淤\n(二)截污\n2\n扬尘\n降尘\n2021年6月底前\n某县政府\n附件说明"
    blocks = lines_to_blocks(text)
    assert [b.kind for b in blocks] == [BlockKind.paragraph, BlockKind.table, BlockKind.paragraph]
    rows = [[c.text for c in row] for row in blocks[1].rows]
    assert rows[1] == ["1", "河道污染", "水质达标", "2020年底前", "某区政府\n(一)清淤\n(二)截污"]
    assert rows[2] == ["2", "扬尘", "降尘", "2021年6月底前", "某县政府"]
    assert blocks[2].text == "附件说明"


@pytest.mark.parametrize("line", ["", "  ", "\u00a0\u3000", "|", " | ｜ ", "a", " 正文 ", "a|b", "\x1c", "\u2028|"])
def test_blank_lines_are_whitespace_or_bare_pipes(line: str) -> None:
    """lines_to_blocks drops a line exactly when it is whitespace only or bare pipes."""
    blank = not line.strip() or PIPE_ONLY_RE.match(line) is not None
    assert (lines_to_blocks(f"正文\n{line}\n正文") == lines_to_blocks("正文\n正文")) == blank


def test_seq_label_starts_screen_only_lines_that_are_no_seq_header() -> None:
    """The screen in _line_header_width never turns away a line header_field reads as 序号."""
    lines = [line for path in sorted((CORPUS / "seeds").glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    lines += ["序号", " 序 号 ", "序号：", "编号", "\u3000序号", "问题", "1"]
    for line in lines:
        if header_field(line) == "seq":
            assert line.lstrip()[:1] in seq_label_starts(), line
