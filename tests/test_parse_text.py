from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extract.assemble import extract_bytes
from extract.config import Options
from extract.fields.patterns import header_field
from extract.load import decode_text
from extract.parse.text import PIPE_ONLY_RE, lines_to_blocks, parse_text, reflowed, seq_label_starts, wrap_width
from schemas.blocks import BlockKind
from tests.conftest import CORPUS, seed_path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


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


# Hard-wrapped text: lines of about 30 em (a digit half one), cut mid-sentence.
WRAPPED_OPEN = "\n".join([
    "整改措施：开展城区排水管网排查，建立问题清单，逐段推进截污纳",
    "管和雨污分流改造工程，加快第二污水处理厂提标改造，确保2021年6",
    "月底前出水稳定达到一级A标准，同步建设在线监测设施并与市生态环境",
    "局联网，对园区企业排水情况逐一排查，发现违法排污行为依法从严查",
    "处，形成震慑，推进园区污水处理厂扩建，做到污水全收集全处理，实",
    "现稳定达标排放。",
])


def without_ids_and_spans(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_ids_and_spans(v) for k, v in value.items() if k not in ("span", "spans", "task_id", "doc_id")}
    if isinstance(value, list):
        return [without_ids_and_spans(v) for v in value]
    return value


def test_a_hard_wrapped_plan_reads_as_the_same_text_unwrapped() -> None:
    """tests/fixtures/hard_wrapped_plan.txt is hard_wrapped_plan_unwrapped.txt cut at 30 em:
    a date (2021年6 / 月底前), a unit (市生态环境 / 局) and a label (整改 / 目标:) broken
    across lines, a measure 1. that fills its line without a full stop before 2."""
    wrapped = (FIXTURES / "hard_wrapped_plan.txt").read_bytes()
    unwrapped = (FIXTURES / "hard_wrapped_plan_unwrapped.txt").read_bytes()
    assert [b.text for b in parse_text(wrapped, Options()).blocks] == [b.text for b in parse_text(unwrapped, Options()).blocks]
    document = extract_bytes(wrapped, "hard_wrapped_plan.txt")
    tasks = [without_ids_and_spans(task.model_dump(mode="json")) for task in document.tasks]
    expected = [without_ids_and_spans(task.model_dump(mode="json"))
                for task in extract_bytes(unwrapped, "hard_wrapped_plan_unwrapped.txt").tasks]
    assert len(tasks) == 3 and tasks == expected
    first = document.tasks[0]
    assert first.deadline is not None and first.deadline.text.endswith("2021年6月底前完成,长期坚持")
    assert first.cooperating_units == ["市林业和草原局", "市生态环境局", "各区人民政府"]
    assert [m.label for m in first.measures] == ["1.", "2."]
    # spans point into the normalised text, the joined lines' text
    start, end = first.spans["deadline"]
    assert document.text[start:end] == first.deadline.text


def test_wrapped_lines_run_on_across_a_date_and_a_unit() -> None:
    assert [b.text for b in lines_to_blocks(WRAPPED_OPEN)] == [WRAPPED_OPEN.replace("\n", "")]


@pytest.mark.parametrize("next_line", [
    "2.推进园区污水处理厂扩建，同步建设在线监测设施并与部门联网。",
    "（二）推进园区污水处理厂扩建，同步建设在线监测设施并与部门联网。",  # full-width, as before normalising
    "第二项 园区污水处理厂建设滞后，企业废水直排问题仍未彻底解决。",
    "责任单位：市工业和信息化局牵头，市生态环境局、各工业园区管委会配合。",
])
def test_a_numbered_or_labelled_line_is_not_run_on(next_line: str) -> None:
    lines = [*WRAPPED_OPEN.splitlines()[:3], next_line, *WRAPPED_OPEN.splitlines()]
    blocks = [b.text for b in lines_to_blocks("\n".join(lines))]
    assert next_line in blocks  # the line before it fills the width and ends mid-sentence


def test_a_full_line_ending_a_sentence_is_not_run_on() -> None:
    ended = "整改措施：开展城区排水管网排查，建立问题清单，逐段推进改造。"
    lines = [ended, "加快第二污水处理厂提标改造，确保出水稳定达到一级A标准。", *WRAPPED_OPEN.splitlines()]
    blocks = [b.text for b in lines_to_blocks("\n".join(lines))]
    assert blocks[:2] == lines[:2]


def test_a_blank_line_ends_a_wrapped_paragraph() -> None:
    lines = WRAPPED_OPEN.splitlines()
    text = "\n".join([*lines[:2], "", *lines[2:]])
    assert len(lines_to_blocks(text)) == 2


SHORT_LINES_PLAN = """某县生态环境问题整改方案
一、工作目标
全面完成反馈问题整改
二、主要任务
(一)水环境
1.整治黑臭水体
2.完成污水管网改造
整改时限
2021年底前
责任单位
县住房和城乡建设局
(二)大气环境
1.治理工地扬尘
2.淘汰燃煤小锅炉"""


def test_a_plan_of_short_lines_is_not_hard_wrapped() -> None:
    lines = SHORT_LINES_PLAN.splitlines()
    assert wrap_width(lines) is None and reflowed(lines) is lines
    assert [b.text for b in lines_to_blocks(SHORT_LINES_PLAN)] == lines


def test_one_paragraph_a_line_is_not_hard_wrapped() -> None:
    """Lines of lengths alike but ending their sentences, and long paragraph lines, stay apart."""
    ended = ["开展城区排水管网排查，建立问题清单，逐段推进截污纳管改造。"] * 6
    assert wrap_width(ended) is None
    assert wrap_width([*WRAPPED_OPEN.splitlines(), *["甲" * 300 + "。"] * 6]) is None


def test_seed_texts_are_not_hard_wrapped() -> None:
    """Ordinary text comes out as it did: no seed reads as hard-wrapped."""
    for path in sorted((CORPUS / "seeds").glob("*.txt")):
        lines = decode_text(path.read_bytes())[0].splitlines()
        assert wrap_width(lines) is None, path.name


def test_a_page_break_and_its_page_number_do_not_end_a_wrapped_paragraph() -> None:
    lines = WRAPPED_OPEN.splitlines()
    text = "\n".join([*lines[:2], "— 2 —", "\f" + lines[2], *lines[3:]])
    assert [b.text for b in lines_to_blocks(text)] == [WRAPPED_OPEN.replace("\n", ""), "— 2 —"]
    assert [b.text for b in lines_to_blocks(WRAPPED_OPEN.replace("2021年6\n", "2021年6\n\f"))] == [
        WRAPPED_OPEN.replace("\n", "")]


HEADED_PAGES = """\
某县贯彻落实省生态环境保护督察反馈意见整改方案
1.部分乡镇污水处理设施运行不正常，出水水质长期超过排放标
准，群众反映强烈。
责任单位：县住建局、县生态环境分局
整改时限：2024年12月底前
整改措施：开展设施全面排查，对不能稳定运行的设施限期完成
— 2 —
某县督察整改方案
提标改造，确保出水稳定达到排放标准，按月开展监督性监测。
2.县城区部分黑臭水体治理后出现反弹，沿岸仍有污水直排问
题，整治效果不够稳固。
— 3 —
某县督察整改方案
责任单位：县水利局
整改时限：2025年6月
整改措施：实施清淤疏浚和截污纳管工程，建立长效管护机制。
"""


def test_a_running_head_under_each_page_number_does_not_cut_a_wrapped_value() -> None:
    """Text saved from a PDF: a short title heads each page under its page number (— 2 —);
    a measure cut at the page break joins back, and the head is in no task."""
    from extract.assemble import extract_bytes
    doc = extract_bytes(HEADED_PAGES.encode(), "f.txt")
    assert "某县督察整改方案" not in doc.text
    assert [t.seq for t in doc.tasks] == ["1", "2"]
    first, second = doc.tasks
    assert [m.text for m in first.measures] == [
        "开展设施全面排查,对不能稳定运行的设施限期完成提标改造,确保出水稳定达到排放标准,按月开展监督性监测。"]
    assert second.problem == "县城区部分黑臭水体治理后出现反弹,沿岸仍有污水直排问题,整治效果不够稳固。"
    assert second.responsible_units == ["县水利局"] and second.deadline is not None
    assert second.deadline.date is not None and second.deadline.date.isoformat() == "2025-06-30"


def test_doc_share_furniture_lands_in_no_task() -> None:
    """A notice copied from a doc-share page: page counters and the page's buttons after the
    last task are no part of its measures."""
    from extract.assemble import extract_bytes
    text = ("某区督察反馈问题整改方案\n已阅读3页,还剩9页未读 继续免费阅读\n下载本文档\n"
            "1.工地扬尘管控不到位。\n责任单位:区住建局\n整改措施:落实围挡覆盖。\n共12页 第3页\n"
            "2.餐饮油烟扰民。\n责任单位:区城管局\n整改措施:开展专项整治。\n第 4 页 共 12 页\n展开阅读全文\n猜你喜欢\n")
    doc = extract_bytes(text.encode(), "g.txt")
    assert doc.title == "某区督察反馈问题整改方案"
    assert [[m.text for m in t.measures] for t in doc.tasks] == [["落实围挡覆盖。"], ["开展专项整治。"]]


def test_a_first_line_two_characters_short_is_full() -> None:
    """A PDF's text layer leaves out the indent of a paragraph's first line."""
    lines = WRAPPED_OPEN.splitlines()
    first = "要求开展城区排水管网排查，建立问题清单，逐段推进截污纳"  # 27 em: 2 short of a full 29
    text = "\n".join([*lines, first, *lines[1:]])
    assert [b.text for b in lines_to_blocks(text)] == [WRAPPED_OPEN.replace("\n", ""), first + "".join(lines[1:])]
    # a line as short that does not open a paragraph ends it
    text = "\n".join([*lines[:2], lines[2][:-4], *lines[3:]])
    assert len(lines_to_blocks(text)) == 2


def test_a_copy_of_a_pdf_text_layer_gives_the_tasks_of_the_pdf() -> None:
    """What a PDF viewer copies (its text layer, lines cut at the page width, a page number
    at each page's foot, pages apart by form feeds) reads as the PDF does."""
    pdfium = pytest.importorskip("pypdfium2")
    data = (CORPUS / "pdf" / "004_af3a83945fc0fbc2.pdf").read_bytes()
    pdf = pdfium.PdfDocument(data)
    copied = "\f".join(pdf[k].get_textpage().get_text_range() for k in range(len(pdf))).replace("\r\n", "\n")
    expected = [without_ids_and_spans(task.model_dump(mode="json")) for task in extract_bytes(data, "notice.pdf").tasks]
    tasks = [without_ids_and_spans(task.model_dump(mode="json")) for task in extract_bytes(copied.encode(), "notice.txt").tasks]
    assert len(tasks) == 1 and tasks == expected


def test_a_label_alone_after_a_wrapped_line_starts_a_table() -> None:
    """A table written one cell per line under wrapped text: its 序号 line is no continuation
    of the full line before it."""
    table = ["序号", "问题", "整改目标", "完成时限", "责任单位", "1", "河道污染", "水质达标", "2020年底前", "某区政府"]
    *full_lines, _ = WRAPPED_OPEN.splitlines()  # the last one, 现稳定达标排放。, left out: the line before is open
    blocks = lines_to_blocks("\n".join([*full_lines, *table]))
    assert blocks[0].text == "".join(full_lines)
    assert blocks[-1].kind is BlockKind.table and [c.text for c in blocks[-1].rows[1]] == table[5:]


def test_a_markdown_rule_row_is_no_row_and_tab_tables_are_tables() -> None:
    header = ["序号", "反馈问题", "责任单位", "完成时限"]
    row = ["1", "河道采砂不规范。", "县水利局(牵头)、县公安局", "2021年12月底前"]
    piped = "\n".join(["某县整改任务清单", "| " + " | ".join(header) + " |", "|---|:---|---|---:|",
                       "| " + " | ".join(row) + " |"])
    tabbed = "\n".join(["某县整改任务清单", "\t".join(header), "\t".join(row), "此表共1项。"])
    for text in (piped, tabbed):
        blocks = lines_to_blocks(text)
        tables = [b for b in blocks if b.kind is BlockKind.table]
        assert len(tables) == 1
        assert [[c.text for c in r] for r in tables[0].rows] == [header, row]
    assert lines_to_blocks(tabbed)[-1].text == "此表共1项。"
    # a tab in a line that opens no table leaves it a paragraph
    assert [b.kind for b in lines_to_blocks("一、总体要求\t坚持问题导向。")] == [BlockKind.paragraph]


def test_a_tab_table_row_parted_over_lines_by_a_cell_line_break_is_one_row() -> None:
    """A cell holding a line break (a page's <br>, a sheet's quoted cell) parts its row over
    lines: the short row takes the lines completing it to the header's width."""
    header = ["序号", "反馈问题", "整改完成情况", "责任单位", "验收意见"]
    text = "\n".join(["某镇整改销号情况公示", "\t".join(header),
                      "1\t某村河道垃圾。\t已清理,\n另设保洁员。\t镇村建办\t同意销号。",
                      '2\t某砖厂扬尘。\t"已安装收尘设施,\n硬化道路,\n运行正常。"\t县生态环境局\t同意销号。',
                      "3\t某餐馆油烟。\t已安装净化器。\t\t",  # empty cells closing a row: short, yet no continuation
                      "4\t某工地噪声。\t已停工。\t县住建局\t同意销号。", "公示期:2021年8月2日至8月6日。"])
    (table,) = [b for b in lines_to_blocks(text) if b.kind is BlockKind.table]
    assert [[c.text for c in row] for row in table.rows[1:]] == [
        ["1", "某村河道垃圾。", "已清理,\n另设保洁员。", "镇村建办", "同意销号。"],
        ["2", "某砖厂扬尘。", "已安装收尘设施,\n硬化道路,\n运行正常。", "县生态环境局", "同意销号。"],
        ["3", "某餐馆油烟。", "已安装净化器。"],
        ["4", "某工地噪声。", "已停工。", "县住建局", "同意销号。"]]
    # with no 序号 column no number tells a row from its continuation: a row a line, as before
    unnumbered = "\n".join(["某镇整改销号情况公示", "\t".join(header[1:]), "某村河道垃圾。\t已清理,",
                            "另设保洁员。\t镇村建办\t同意销号。"])
    (table,) = [b for b in lines_to_blocks(unnumbered) if b.kind is BlockKind.table]
    assert len(table.rows) == 3

