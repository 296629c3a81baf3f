"""OCR label repairs (extract/parse/ocr_repair.py, rules in ocr.yaml): OCR-like lines written
by hand, no Tesseract needed."""

from __future__ import annotations

import pytest

from extract.assemble import extract_bytes
from extract.parse.ocr_repair import ocr_rules, repair_lines
from extract.parse.pdf import Line, PageText, drop_furniture, repair_ocr_labels


@pytest.mark.parametrize(("line", "expected"), [
    ("l.开展排查。", "1.开展排查。"),
    ("I、开展排查。", "1、开展排查。"),
    ("1l.实施改造。", "11.实施改造。"),
    ("(l)开展排查。", "(1)开展排查。"),
    ("1O.实施改造。", "10.实施改造。"),
    ("(2o)实施改造。", "(20)实施改造。"),
    ("—、总体要求", "一、总体要求"),
    ("-、总体要求", "一、总体要求"),
    ("(—)提高政治站位。", "(一)提高政治站位。"),
    ("=、工作原则", "二、工作原则"),
    ("(=)严明工作责任。", "(二)严明工作责任。"),
    ("三)完善制度建设。", "(三)完善制度建设。"),
    ("{三)完善制度建设。", "(三)完善制度建设。"),
    ("(三]完善制度建设。", "(三)完善制度建设。"),
    ("(四1加强执法能力建设。", "(四)加强执法能力建设。"),
    ("(3}加强执法。", "(3)加强执法。"),
    ("(一)提高政治站位o牢固树立“四个意识”。", "(一)提高政治站位。牢固树立“四个意识”。"),
    ("整改时限;2023年12月底前", "整改时限:2023年12月底前"),
    ("责任单位，市生态环境局", "责任单位:市生态环境局"),
    # prose and labels read right stay as they are
    ("(一)提高政治站位。", "(一)提高政治站位。"),
    ("I类水质达标率提高。", "I类水质达标率提高。"),
    ("—2023年底前完成。", "—2023年底前完成。"),
    ("整改目标完成后验收。", "整改目标完成后验收。"),
    ("问题,要立即整改。", "问题,要立即整改。"),
    ("PM2.5浓度下降o", "PM2.5浓度下降o"),
])
def test_line_start_repairs(line: str, expected: str) -> None:
    assert repair_lines([line]) == [expected]


def test_a_wrapped_line_is_never_repaired() -> None:
    # the line before ends mid-sentence: this one continues it, whatever it starts with
    assert repair_lines(["严格落实党政同责和“一岗双", "三)要求。"]) == ["严格落实党政同责和“一岗双", "三)要求。"]


def test_a_label_garbled_past_the_rules_is_restored_from_its_neighbours() -> None:
    lines = ["(二)严明工作责任。", "倒逼环境保护责任落到实处。", "伍)完善制度建设,加强政策保障。全面推进依",
             "法行政。", "(四)加强执法能力建设。"]
    assert repair_lines(lines)[2] == "(三)完善制度建设,加强政策保障。全面推进依"
    dun = ["一、反馈问题内容", "某问题。", "工、整改措施", "(一)提高政治站位。", "三、工作开展情况"]
    assert repair_lines(dun)[2] == "二、整改措施"
    arabic = ["1.开展排查。", "Z.实施改造。", "3.验收销号。"]
    assert repair_lines(arabic)[1] == "2.实施改造。"


@pytest.mark.parametrize("lines", [
    ["(二)严明工作责任。", "伍)完善制度建设。", "(五)强化资金支撑。"],  # no n + 2 after it
    ["(二)严明工作责任。", "伍)完善制度建设。", "陆)某。", "(四)加强执法。"],  # two candidates
    ["(二)严明工作责任。", "(三)完善制度建设。", "伍)某。", "(四)加强执法。"],  # (三) is there
])
def test_a_garbled_label_is_left_where_its_number_is_not_certain(lines: list[str]) -> None:
    assert repair_lines(lines) == lines


def test_repairs_run_over_page_breaks_and_page_numbers() -> None:
    pages = [PageText([[Line("(二)严明工作责任。", 0.0), Line("一72一", 20.0)]], ocr=True),
             PageText([[Line("伍)完善制度建设。", 0.5), Line("(四)加强执法。", 10.0)]], ocr=True)]
    drop_furniture(pages)
    repair_ocr_labels(pages)
    lines = [line for page in pages for part in page.parts if isinstance(part, list) for line in part]
    assert [line.text for line in lines] == ["(二)严明工作责任。", "(三)完善制度建设。", "(四)加强执法。"]
    assert lines[1].gap == 0.5


def test_text_layer_pages_are_not_repaired() -> None:
    pages = [PageText([[Line("l.开展排查。", 0.0)]])]
    repair_ocr_labels(pages)
    assert isinstance(pages[0].parts[0], list) and pages[0].parts[0][0].text == "l.开展排查。"


def test_rules_load() -> None:
    rules = ocr_rules()
    assert rules.line_start and rules.sequences and ":" not in rules.colon_misreads


def test_repaired_measure_labels_give_every_measure() -> None:
    # the miss of the scanned notice 004: (三) read as 伍) cut the measures after (二)
    lines = ["某市整改任务清单", "一、第1项:某问题。", "整改目标:完成整治。", "整改时限;2023年12月底前",
             "责任单位，市生态环境局", "整改措施:", "(一)提高政治站位。",
             "(二)严明工作责任。", "伍)完善制度建设。", "(四)加强执法能力建设。", "(五)强化资金支撑。"]
    text = "\n".join(repair_lines(lines)) + "\n"
    task = extract_bytes(text.encode(), "x.txt").tasks[0]
    assert len(task.measures) == 5
    assert task.deadline is not None and task.deadline.text == "2023年12月底前"
    assert task.responsible_units == ["市生态环境局"]
