"""Document metadata: one parametrised case per form, plus the seeds' values."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.fields.metadata import Metadata, extract_metadata, find_title
from extract.normalize import normalize_text
from schemas.document import Script
from tests.conftest import seed_path


def meta_of(text: str, page_meta: dict[str, str] | None = None) -> Metadata:
    return extract_metadata(text, page_meta or {})


@pytest.mark.parametrize(("text", "title"), [
    ("首页\n>专题>督察\n关于印发《某市整改实施方案》的通知\n正文。", "某市整改实施方案"),
    ("关于第三项整改任务的整改情况公示\n正文。", "关于第三项整改任务的整改情况公示"),
    ("某市贯彻落实督察\n反馈问题整改方案\n正文。", "某市贯彻落实督察反馈问题整改方案"),
    ("2020年8月,督察组进驻某市。正文。", None),
    # a page's info line opening with the publisher's name is no first half of the title
    ("某区人民政府 2021-06-25 16:57 来源: 区水务局\n关于某区督察反馈问题(序号三)整改情况的公示\n正文。",
     "关于某区督察反馈问题(序号三)整改情况的公示"),
    ("某区生态环境局 来源:区政府办\n关于某区督察反馈问题整改情况的公示\n正文。", "关于某区督察反馈问题整改情况的公示"),
    # a breadcrumb and a column's name alone on its line are chrome, never a title's first half
    ("您现在的位置:首页\n > 政务公开 > 通知公告\n某市督察整改落实情况\n正文。", "某市督察整改落实情况"),
    ("首页\n-> 要闻 -> 通知公告\n某市督察整改落实情况\n正文。", "某市督察整改落实情况"),
    ("网站首页 >> 通知公告 >> 正文\n某市督察整改落实情况\n正文。", "某市督察整改落实情况"),
    ("某区人民政府\n\n政府信息公开\n\n关于某路环境整治工作“回头看”的通报\n正文。", "关于某路环境整治工作“回头看”的通报"),
    # a page's <title> copied with its site's name after a dash
    ("省第二生态环境保护督察组开展下沉督察- 某省生态环境厅公众网\n\n省第二生态环境保护督察组开展下沉督察\n正文。",
     "省第二生态环境保护督察组开展下沉督察"),
    ("某市督察整改方案_某市人民政府网站\n正文。", "某市督察整改方案"),
    # joint issuers over two lines above the title: both named, never the second alone
    ("中共某县委办公室\n某县人民政府办公室\n关于调整某县督察整改任务时限的通知\n各乡镇:\n正文。",
     "中共某县委办公室 某县人民政府办公室关于调整某县督察整改任务时限的通知"),
    ("某县人民政府办公室\n关于调整某县督察整改任务时限的通知\n各乡镇:\n正文。",
     "某县人民政府办公室关于调整某县督察整改任务时限的通知"),
])
def test_title(text: str, title: str | None) -> None:
    meta = meta_of(text)
    assert (meta.title.value if meta.title else None) == title
    if meta.title is not None and meta.title.span is not None and "\n" not in text[slice(*meta.title.span)]:
        assert text[slice(*meta.title.span)] == meta.title.value


@pytest.mark.parametrize(("text", "doc_type"), [
    ("某县落实督察反馈问题整改方案\n正文。", "plan"),
    ("某市督察反馈问题整改任务清单\n正文。", "task_list"),
    ("关于第一项督察整改任务的整改情况公示\n正文。", "completion_notice"),
    ("某市督察反馈意见整改落实情况报告\n正文。", "progress_report"),
    ("关于补充完善《某方案》部分内容的通知\n督察整改时限修改为:2021年底前。", "amendment"),
    ("某市关于调整部分督察整改任务完成时限的公告\n正文。", "amendment"),
    ("本报讯 记者从市生态环境局获悉,督察整改有序推进。", "news"),
    ("某区部署督察交办问题整改销号工作\n9月26日,区生态办召开会议,部署督察整改销号工作。", "news"),
    ("某区部署督察交办问题整改工作\n一、工作目标\n完成督察整改。", "plan"),
    ("图书馆周六开放。请读者按时还书。", "other"),
    ("群众信访举报转办和边督边改公开情况(第五批)\n督察组交办件。", "progress_report"),
    ("省第三生态环境保护督察组交办件办理情况(第十二批)\n正文。", "progress_report"),
    ("某县中央生态环境保护督察交办信访件整改台账汇总\n正文。", "task_list"),
    ("中央第二生态环境保护督察组对某省的督察反馈意见\n督察组反馈督察意见。", "feedback"),
    ("省第三生态环境保护督察组向某市反馈督察意见\n督察组指出问题。", "feedback"),
    ("中央第一环境保护督察组向某省反馈督察情况\n督察组指出问题。", "feedback"),
    ("某市贯彻落实中央生态环境保护督察反馈意见整改方案\n正文。", "plan"),  # a plan answering it
    ("关于督察移交生态环境损害责任追究问题问责情况的通报\n现将督察整改问责情况通报如下。", "news"),
    ("某县关于生态环境保护督察问责结果的通报\n督察整改正文。", "news"),
    # untitled (a page's text from its first paragraph): putting a rectification up for notice
    ("按照销号工作要求,现将督察反馈问题第3项关于“某河道垃圾”整改任务落实情况进行公示,接受社会监督。", "completion_notice"),
    ("根据督察反馈意见,现将有关问题整改完成情况予以公示。\n公示时间:2024年5月6日\n某县整改办", "completion_notice"),
    ("本报讯 记者获悉,某县已将督察整改情况进行公示。", "news"),  # a press report still
    ("某县督察整改工作有序推进,群众满意。", "news"),
    # progress made public (…阶段性整改情况公开), not a plan
    ("某县第二轮中央生态环境保护督察反馈问题阶段性整改情况公开\n一、某问题。\n整改时限:2022年底前\n责任单位:县住建局\n"
     "整改进展:序时推进。", "progress_report"),
])
def test_doc_type(text: str, doc_type: str) -> None:
    assert meta_of(text).doc_type == doc_type


def test_feedback_dated_under_its_title_and_signed_below() -> None:
    meta = meta_of("省第一生态环境保护督察组向某市反馈督察意见\n(2021年3月2日)\n督察组于2020年11月对某市开展督察。\n"
                   "一、主要问题\n1.某问题。\n省第一生态环境保护督察组\n")
    assert meta.doc_type == "feedback"
    assert [f.value for f in meta.issuers] == ["省第一生态环境保护督察组"]
    assert meta.inspection["feedback_date"].value == dt.date(2021, 3, 2)


def test_feedback_dated_by_the_act_its_opening_tells_past_the_inspections_sentence() -> None:
    meta = meta_of("中央第一生态环境保护督察组向某省反馈督察情况\n2021-02-05 来源:某部\n"
                   "根据有关规定,中央第一生态环境保护督察组对某省开展了第二轮督察。2020年12月15日,"
                   "领导小组会议审议通过督察报告。经批准,督察组于2021年2月4日向某省委、省政府进行反馈。\n")
    assert meta.doc_type == "feedback"
    assert meta.inspection["feedback_date"].value == dt.date(2021, 2, 4)


def test_not_a_notice_warning() -> None:
    assert [w[0] for w in meta_of("图书馆周六开放。").warnings] == ["not_a_notice"]


@pytest.mark.parametrize(("text", "doc_type"), [
    # a public notice of one numbered task's rectification, its environment unnamed
    ("关于第5项整改落实情况的公示\n第5项:某河道黑臭问题。\n责任单位:某区政府\n", "completion_notice"),
    ("关于第5项整改完成情况公示\n第5项:某小区油烟扰民问题。\n", "completion_notice"),
    # completion made public, as a public notice of it is (…完成情况公开; 阶段性整改情况公开 stays a report)
    ("某县督察反馈问题整改完成情况公开\n一、某河道黑臭问题。\n整改完成情况:已完成整改。\n", "completion_notice"),
    ("关于某市中央生态环境保护督察反馈问题整改完成情况的公开\n督察整改。\n", "completion_notice"),
    ("关于反馈问题第12项整改情况的公示\n第12项:某工地扬尘问题。整改措施:建设围挡。\n", "completion_notice"),
    # another inspection's numbered task, a notice of something else, or no title: none
    ("关于巡察反馈问题第5项整改情况的公示\n第5项:某单位作风问题。\n", "other"),
    ("关于第5项整改落实情况的公示\n根据县委巡察组反馈意见,第5项:某单位作风问题。\n", "other"),
    ("关于公示期的说明\n整改公示期为7天。\n", "other"),
    ("关于某小区规划方案的公示\n某小区整改后规划方案公示。\n", "other"),
])
def test_a_numbered_task_rectification_notice_is_one_unnamed_environment(text: str, doc_type: str) -> None:
    assert meta_of(text).doc_type == doc_type


@pytest.mark.parametrize(("text", "issuers", "date"), [
    ("某方案\n督察整改正文。\n中共某市委办公室\n某市人民政府办公室\n2020年7月30日\n", ["中共某市委办公室", "某市人民政府办公室"], dt.date(2020, 7, 30)),
    ("某公示\n督察整改正文。\n某市生态环境局 2025年4月30日\n", ["某市生态环境局"], dt.date(2025, 4, 30)),
    ("某方案\n督察整改正文。\n某县人民政府\n二〇二〇年九月三十日\n", ["某县人民政府"], dt.date(2020, 9, 30)),
    # a date closing the text with no issuer above it: no issuer, the date the notice's own
    ("某方案\n督察整改正文。\n2020年9月30日\n", [], dt.date(2020, 9, 30)),
])
def test_signature(text: str, issuers: list[str], date: dt.date | None) -> None:
    meta = meta_of(text)
    assert [i.value for i in meta.issuers] == issuers
    assert (meta.issue_date.value if meta.issue_date else None) == date


@pytest.mark.parametrize(("text", "number"), [
    ("某方案\n某办发〔2020〕47号\n督察整改正文。", "某办发〔2020〕47号"),
    ("某方案\n督察整改正文。我市制定了《某方案》(某办字〔2020〕47号)。另见《他文》(他发〔2019〕1号)。", "某办字〔2020〕47号"),
    ("某方案\n督察整改正文。见《他文》(他发〔2019〕1号)。", None),
])
def test_doc_number(text: str, number: str | None) -> None:
    meta = meta_of(text)
    assert (meta.doc_number.value if meta.doc_number else None) == number


def test_publish_date_from_text_or_page() -> None:
    assert meta_of("某方案\n发布日期: 2020-12-02 12:15\n督察整改。").publish_date.value == dt.date(2020, 12, 2)  # type: ignore[union-attr]
    assert meta_of("某方案\n督察整改。", {"publish_date": "2021-03-04"}).publish_date.value == dt.date(2021, 3, 4)  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "expected"), [
    ("2024年3月15日至4月3日,自治区党委第一生态环境保护督察组对某市开展了第三轮生态环境保护督察,5月9日督察组向市委反馈了督察报告。",
     {"level": "provincial", "round": 3, "group": "自治区党委第一生态环境保护督察组",
      "period_start": dt.date(2024, 3, 15), "period_end": dt.date(2024, 4, 3), "feedback_date": dt.date(2024, 5, 9)}),
    ("2017年8月7日至9月7日,中央第五环境保护督察组对某省开展了环境保护督察,并于2017年12月22日向某省反馈了督察意见。",
     {"level": "central", "round": 1, "group": "中央第五环境保护督察组", "period_start": dt.date(2017, 8, 7),
      "period_end": dt.date(2017, 9, 7), "feedback_date": dt.date(2017, 12, 22)}),
    ("中央生态环境保护督察组于2017年8月至9月对某省开展督察,并于2018年1月完成督察反馈。",
     {"level": "central", "round": 1, "period_start": dt.date(2017, 8, 1), "period_end": dt.date(2017, 9, 30)}),
    ("2021年4月6日至5月,省第二生态环境保护督察组对某市开展了督察。",
     {"level": "provincial", "group": "省第二生态环境保护督察组", "period_start": dt.date(2021, 4, 6),
      "period_end": dt.date(2021, 5, 31)}),
    ("2017年8月至9日,中央第五环境保护督察组对某省开展了环境保护督察。",  # a bare end day needs a start day
     {"level": "central", "group": "中央第五环境保护督察组", "round": 1}),  # (the pre-2018 name: round 1)
    ("省第x生态环境保护督察组对我市开展了第二轮第一批生态环境保护例行督察。",
     {"level": "provincial", "round": 2, "batch": 1}),
    # a batch of complaints handed over is no inspection batch
    ("中央第二生态环境保护督察组交办我市第五批群众举报件。", {"level": "central", "group": "中央第二生态环境保护督察组"}),
    ("省第三生态环境保护督察组交办件办理情况(第十二批)。", {"level": "provincial", "group": "省第三生态环境保护督察组"}),
])
def test_inspection(text: str, expected: dict[str, object]) -> None:
    found = {k: f.value for k, f in meta_of(text).inspection.items()}
    assert found == expected


@pytest.mark.parametrize("opening", [
    "为持续巩固中央环境保护督察及“回头看”整改成果,落实中央第五生态环境保护督察组反馈意见,制定本方案。",
    "为巩固第一轮督察整改成果,落实第二轮中央生态环境保护督察反馈意见,制定本方案。",
])
def test_a_later_plan_recalling_the_first_round_is_of_its_own(opening: str) -> None:
    text = f"某市整改方案\n{opening}\n某市人民政府\n2021年9月1日"
    assert meta_of(text).inspection["round"].value == 2


def test_central_round_inferred_from_year() -> None:
    text = "某市整改方案\n为整改落实中央第五生态环境保护督察组反馈问题,制定本方案。\n某市人民政府\n2020年7月30日"
    assert meta_of(text).inspection["round"].value == 2


@pytest.mark.parametrize(("text", "count"), [
    ("以整改实施方案确定的2类17项整改任务为基准。", 17),
    ("涉及泸州共5大类35项整改任务。", 35),
    ("共梳理出42项整改任务。", 42),
    ("在xx项具体整改任务中。", None),
    ("长江经济带生态环境警示片披露我市问题共5个。", 5),
])
def test_declared_count(text: str, count: int | None) -> None:
    found = meta_of("某方案\n督察整改" + text).declared_task_count
    assert (found.value if found else None) == count


def test_attachments_one_or_numbered() -> None:
    single = meta_of("某方案\n督察整改。\n附件:某市督察整改任务清单\n")
    assert [a.value for a in single.attachments] == ["某市督察整改任务清单"]
    numbered = meta_of("某方案\n督察整改。\n附件:1.整改任务清单\n2.责任分工表\n")
    assert [a.value for a in numbered.attachments] == ["整改任务清单", "责任分工表"]


def test_progress_counts_and_placeholders() -> None:
    report = meta_of("某市督察反馈意见整改落实情况报告\n截至2021年6月底,在42项整改任务中,已完成30项,基本完成5项,7项正在推进。")
    assert {k: f.value for k, f in (report.progress or {}).items()} == {
        "total": 42, "completed": 30, "basically_completed": 5, "in_progress": 7, "as_of": dt.date(2021, 6, 30)}
    stated = meta_of("某市督察反馈意见整改落实情况报告\n截至2021年6月底,反馈的35项问题已完成整改28项,基本完成4项。")
    assert (stated.progress or {})["total"].value == 35 and stated.declared_task_count is not None
    assert stated.declared_task_count.value == 35
    template = meta_of("某市督察反馈意见整改落实情况报告\n截至20XX年xx月底,在xx项具体整改任务中,xx项已经完成整改。")
    assert {k: f.value for k, f in (template.progress or {}).items()} == {}
    assert [w[0] for w in template.warnings] == ["template_placeholder"]


@pytest.mark.parametrize(("title", "seq"), [
    ("关于第三项整改任务的整改情况公示", "3"),
    ("关于某区督察反馈问题整改任务(序号十)整改情况的公示", "10"),
    ("关于某区督察反馈问题12号问题整改情况的公示", "12"),
    ("关于第5项整改落实情况的公示", "5"),  # named by its report
    ("某市反馈意见第二十三项问题整改情况公示", "23"),
    ("关于某区督察反馈问题整改情况的公示", None),
    ("某市督察反馈问题第47-1项问题整改公示", "47-1"),  # a part of task 47
])
def test_the_task_number_a_single_task_notice_names(title: str, seq: str | None) -> None:
    from extract.segment.numbering import title_seq

    assert title_seq(title + "\n正文。") == seq


def test_a_page_info_table_fills_what_the_text_leaves_open() -> None:
    from extract.fields.metadata import extract_metadata

    info = {"issuer": "某县人民政府办公室", "doc_number": "某政办〔2023〕8号", "issue_date": "2023-03-16"}
    meta = extract_metadata("某县督察反馈问题整改方案\n一、某问题。\n", info)
    assert ([f.value for f in meta.issuers], meta.doc_number.value if meta.doc_number else None,
            meta.issue_date.value if meta.issue_date else None) == (
        ["某县人民政府办公室"], "某政办〔2023〕8号", dt.date(2023, 3, 16))
    signed = extract_metadata("某县督察反馈问题整改方案\n一、某问题。\n某县生态环境局\n2023年4月1日\n", info)
    assert [f.value for f in signed.issuers] == ["某县生态环境局"]  # the text's own signature first


def test_acceptance() -> None:
    text = ("关于第一项整改任务的整改情况公示\n督察整改。于2025年4月15日完成自我验收,达到销号标准。"
            "公示期为2025年4月30日至5月16日。如有异议,请联系某局,电话:0533-1234567。")
    acceptance = {k: f.value for k, f in (meta_of(text).acceptance or {}).items()}
    assert acceptance == {"self_acceptance_date": dt.date(2025, 4, 15), "notice_start": dt.date(2025, 4, 30),
                          "notice_end": dt.date(2025, 5, 16), "contact": "0533-1234567"}


def test_an_issuer_named_in_the_head_only_dates_the_notice_by_its_closing_date() -> None:
    meta = meta_of("某市督察整改办公室关于调整部分督察整改任务的通知\n各县区:\n将问题三整改时限调整为2023年底前。\n"
                   "特此通知。\n2023年3月2日\n")
    assert [f.value for f in meta.issuers] == ["某市督察整改办公室"]
    assert meta.issue_date is not None and meta.issue_date.value == dt.date(2023, 3, 2)


def test_a_notice_period_with_its_length_written_first() -> None:
    text = "某市督察反馈问题整改销号公示\n督察整改。公示期为5个工作日(2021年9月1日至9月7日)。\n联系电话:0931-8888888"
    acceptance = {k: f.value for k, f in (meta_of(text).acceptance or {}).items()}
    assert (acceptance["notice_start"], acceptance["notice_end"]) == (dt.date(2021, 9, 1), dt.date(2021, 9, 7))


@pytest.mark.parametrize(("prefix", "title", "doc_type"), [
    ("002", "武威市贯彻落实中央生态环境保护督察反馈问题整改实施方案", "plan"),
    ("003", "生态环境保护例行督察反馈意见整改落实情况报告", "progress_report"),
    ("004", "关于第一轮中央生态环境保护督察第一项整改任务的整改情况公示", "completion_notice"),
])
def test_seed_titles(prefix: str, title: str, doc_type: str) -> None:
    text = normalize_text(seed_path(prefix).read_text(encoding="utf-8"), Script.simplified)
    meta = meta_of(text)
    assert meta.title is not None and meta.title.value == title
    assert meta.doc_type == doc_type
    found = find_title(text)
    assert found is not None and found.span is not None


@pytest.mark.parametrize(("text", "title", "doc_type"), [
    # a doc-share page heads the notice with its file's name: the extension is no part of it
    ("某县督察整改任务清单.docx\n- 页数:16\n1.养殖粪污直排。", "某县督察整改任务清单", "task_list"),
    ("某市督察反馈意见整改方案.PDF\n为抓好整改,制定本方案。", "某市督察反馈意见整改方案", "plan"),
])
def test_doc_share_file_names_as_titles_lose_their_extension(text: str, title: str, doc_type: str) -> None:
    meta = meta_of(text)
    assert meta.title is not None and meta.title.value == title
    assert meta.doc_type == doc_type
    found = find_title(text)
    assert found is not None and found.span is not None and text[found.span[0]:found.span[1]] == title


def test_group_headings_add_up_when_no_total_is_stated() -> None:
    text = "某市整改任务清单\n一、例行督察反馈问题(9项)\n一、例行督察反馈问题(9项)\n二、专项督察反馈问题(8项)\n整改。"
    found = meta_of(text).declared_task_count
    assert found is not None and found.value == 17


def test_central_round_from_earliest_deadline_when_undated() -> None:
    text = "中央生态环境保护督察反馈问题整改措施清单\n整改时限:2020年年底前\n整改时限:2021年6月底前"
    assert meta_of(text).inspection["round"].value == 2


def test_no_central_round_from_deadlines_in_an_undated_report() -> None:
    text = "某省贯彻落实中央生态环境保护督察反馈意见整改进展情况\n整改时限:2020年底前\n整改进展情况:已完成。"
    assert "round" not in meta_of(text).inspection


# ---------------------------------------------------------------- further real-world forms


@pytest.mark.parametrize(("text", "title"), [
    ("某市贯彻落实中央生态环境保护督察报告\n整改方案\n督察整改正文。", "某市贯彻落实中央生态环境保护督察报告整改方案"),
    ("中共某市委办公室 某市人民政府办公室关于印发《某市督察整改方案》的通知\n正文。", "某市督察整改方案"),
    ("某市人民政府办公室关于转发《某省督察整改方案》的通知\n正文。", "某省督察整改方案"),
    ("某环发〔2021〕3号\n关于督察问题整改情况的报告\n正文。", "关于督察问题整改情况的报告"),
    ("某市督察整改方案\n某市督察整改方案\n正文。", "某市督察整改方案"),
    ("某县关于243号问题整改情况的公示\n一、基本情况\n正文。", "某县关于243号问题整改情况的公示"),
    ("某市督察整改任务落实情况表\n序号:1\n正文。", "某市督察整改任务落实情况表"),
    ("某市召开督察整改工作推进会\n本报讯 11月20日,某市召开会议。", "某市召开督察整改工作推进会"),
    # a page's info line stamped with the hour, right above the title: no part of it
    ("某区人民政府 2019-12-13 16:36 来源: 某管理中心\n关于某区督察反馈问题整改任务(序号十)整改情况的公示\n正文。",
     "关于某区督察反馈问题整改任务(序号十)整改情况的公示"),
    ("某区人民政府 2019年12月13日 16:36\n某区督察整改情况的公示\n正文。", "某区督察整改情况的公示"),
])
def test_title_forms(text: str, title: str) -> None:
    found = meta_of(text).title
    assert found is not None and found.value == title


@pytest.mark.parametrize(("text", "doc_type"), [
    ("某县督察反馈问题整改进展情况\n正文。", "progress_report"),
    ("某县督察反馈问题整改任务清单(第一批)\n正文。", "task_list"),
    ("关于某问题督察整改的报告\n正文。", "progress_report"),
    ("某市审计局关于预算执行审计查出问题整改情况的报告\n现将整改情况报告如下。", "other"),
    ("我省印发督察整改方案\n本报讯(记者 某某)近日,我省印发生态环境保护督察整改方案。", "news"),
    ("我省印发督察整改方案\n新华社某地3月1日电(记者某某)生态环境保护督察整改方案公布。", "news"),
])
def test_doc_type_forms(text: str, doc_type: str) -> None:
    assert meta_of(text).doc_type == doc_type


@pytest.mark.parametrize(("text", "issuers"), [
    ("某方案\n督察整改正文。\n中共某市委办公室  某市人民政府办公室\n2022年7月1日\n", ["中共某市委办公室", "某市人民政府办公室"]),
    ("某方案\n督察整改正文。\n中共某市委\n\n某市人民政府\n\n2022年7月1日\n", ["中共某市委", "某市人民政府"]),
    ("某方案\n督察整改正文。\n某经济开发区管委会\n2022年7月1日\n", ["某经济开发区管委会"]),
])
def test_signature_forms(text: str, issuers: list[str]) -> None:
    meta = meta_of(text)
    assert [i.value for i in meta.issuers] == issuers
    for issuer in meta.issuers:
        assert issuer.span is not None and text[slice(*issuer.span)] == issuer.value


@pytest.mark.parametrize(("text", "number"), [
    ("某方案\n文号:某办发〔2022〕12号\n督察整改正文。", "某办发〔2022〕12号"),
    ("某方案\n某政办发[2021]3号\n督察整改正文。", "某政办发[2021]3号"),
    ("某方案\n某环发(2019)第8号 签发人:某某\n督察整改正文。", "某环发(2019)第8号"),
])
def test_doc_number_forms(text: str, number: str) -> None:
    found = meta_of(text).doc_number
    assert found is not None and found.value == number and text[slice(*found.span or (0, 0))] == number


@pytest.mark.parametrize(("text", "date"), [
    ("某方案\n时间:2022-08-12 10:20 来源:某局\n督察整改。", dt.date(2022, 8, 12)),
    ("某公示\n督察整改。公示时间:2023年4月1日至4月7日。", None),
    ("某方案\n2022年09月27日 17:56:15 | 来源:某台\n督察整改。", dt.date(2022, 9, 27)),  # a bar between
    # a page's stamp: a date and a time of day, a short name at most after them
    ("2019年05月01日 21:46 某某日报\n本报讯 督察整改有序推进。", dt.date(2019, 5, 1)),
    ("某新闻\n2024-03-08 09:15\n督察整改有序推进。", dt.date(2024, 3, 8)),
    # a labelled date spaced by the page's layout
    ("某新闻\n发布日期: 2023- 01- 10 17: 00 浏览次数:\n督察整改有序推进。", dt.date(2023, 1, 10)),
    ("某新闻\n2021年3月5日9:30,某县召开督察整改推进会,部署下一步工作。", None),  # prose
])
def test_publish_date_forms(text: str, date: dt.date | None) -> None:
    found = meta_of(text).publish_date
    assert (found.value if found else None) == date


@pytest.mark.parametrize(("text", "expected"), [
    ("2021年12月23日,在中央第四生态环境保护督察组向我省反馈督察意见后,我县立即部署整改。",
     {"level": "central", "group": "中央第四生态环境保护督察组", "feedback_date": dt.date(2021, 12, 23), "round": 2}),
    ("我县首轮中央环保督察反馈问题整改有序推进。", {"level": "central", "round": 1}),
    ("市生态环境保护督察整改办公室牵头,落实省委第二生态环境保护督察组反馈意见。",
     {"level": "provincial", "group": "省委第二生态环境保护督察组"}),
    ("截至目前,中央和省生态环境保护督察交办问题已完成整改。", {"level": "central"}),
    ("中央、省委生态环境保护督察反馈我市的问题加快整改。", {"level": "central"}),
    # no feedback date: an as-of date, a meeting's date, 反馈问题 as a noun
    ("截至2022年9月30日,第二轮中央生态环境保护督察反馈我市的30项整改任务已完成20项。", {"level": "central", "round": 2}),
    ("2024年9月11日,区委书记主持召开第三轮中央生态环境保护督察反馈问题整改推进会。", {"level": "central", "round": 3}),
    ("2023年5月6日,中央生态环境保护督察反馈问题整改工作有序推进。", {"level": "central"}),
    ("中央第五生态环境保护督察组于2021年7月14日向某省反馈督察意见。",
     {"level": "central", "group": "中央第五生态环境保护督察组", "feedback_date": dt.date(2021, 7, 14), "round": 2}),
    # complaints handed over while the inspection is on: no feedback
    ("2024年7月27日,省第四生态环境保护督察组向我市交办第3批信访举报件61件。",
     {"level": "provincial", "group": "省第四生态环境保护督察组"}),
    ("2024年7月27日,省第四生态环境保护督察组向我市交办群众来电举报5件。",
     {"level": "provincial", "group": "省第四生态环境保护督察组"}),
    # an office named after the inspection is no provincial inspection
    ("记者从某省生态环境保护督察工作领导小组办公室获悉,中央第二生态环境保护督察组反馈的问题加快整改。",
     {"level": "central", "group": "中央第二生态环境保护督察组"}),
    # the region's and the Corps's joint inspection, the Corps's own, a committee and government
    # named together, a routine one written after the subject
    ("自治区、兵团第二生态环境保护督察组进驻某州开展例行督察。",
     {"level": "provincial", "group": "自治区、兵团第二生态环境保护督察组"}),
    ("兵团生态环境保护督察组对某师开展了督察。", {"level": "provincial"}),
    ("省委省政府第九环境保护督察组对我市开展了督察。", {"level": "provincial", "group": "省委省政府第九环境保护督察组"}),
    ("某州落实生态环境保护省级例行督察反馈问题整改。", {"level": "provincial"}),
    ("某县落实省级生态环境保护例行督察反馈问题整改。", {"level": "provincial"}),
])
def test_inspection_forms(text: str, expected: dict[str, object]) -> None:
    assert {k: f.value for k, f in meta_of("某方案\n" + text).inspection.items()} == expected


@pytest.mark.parametrize(("text", "count"), [
    ("督察组共反馈问题32个,其中涉及我市17项。", 17),
    ("督察组反馈问题共32个。", 32),
    ("现将第5项整改任务完成时限修改为2023年底前。", None),
    # the inspection named between: the first figure is the total, not the late ones after it
    ("我省89项中央环保督察整改任务,已整改完成45项,有7项整改任务未按期完成。", 89),
    ("已完成8项工作,其中督察组交办的3项整改任务已销号。", 3),  # no inspection between: as before
])
def test_declared_count_forms(text: str, count: int | None) -> None:
    found = meta_of("某方案\n督察整改。" + text).declared_task_count
    assert (found.value if found else None) == count


@pytest.mark.parametrize(("tail", "names"), [
    ("附件1:某市整改任务清单.xlsx\n附件2:某市整改措施清单\n", ["某市整改任务清单", "某市整改措施清单"]),
    ("附件:\n1.整改台账\n2.验收意见\n", ["整改台账", "验收意见"]),
    ("附件下载:整改销号验收办法.docx\n", ["整改销号验收办法"]),
    ("附件2 某区整改任务清单.xlsx\n", ["某区整改任务清单"]),
    ("附表:第47项整改任务公示表\n", ["第47项整改任务公示表"]),  # a table attached alike
    ("附表:\n1.整改任务清单\n2.整改措施清单\n", ["整改任务清单", "整改措施清单"]),
    ("附件:\n某市整改任务清单.xlsx\n某市整改措施表.DOCX\n某市人民政府办公室\n", ["某市整改任务清单", "某市整改措施表"]),
    ("附件:\n\n某区整改台账.pdf\n", ["某区整改台账"]),
    ("附件:某市整改任务清单.xlsx\n某市验收办法.wps\n", ["某市整改任务清单", "某市验收办法"]),
    # a bare 附件 over prose or a title (the attached document itself) names no file
    ("附件:\n请各地对照清单抓好落实。\n", []),
    ("附件\n某市整改任务清单\n一、总体要求\n", []),
    # a file's name with no 附件 line above it is no attachment list
    ("下载:某市整改任务清单.xlsx\n", []),
])
def test_attachment_forms(tail: str, names: list[str]) -> None:
    assert [a.value for a in meta_of("某方案\n督察整改。\n" + tail).attachments] == names


@pytest.mark.parametrize(("body", "expected"), [
    ("截至2022年底,反馈的42项整改任务中,已完成整改并销号30项,基本完成整改4项,其余8项正在按序时进度推进。",
     {"as_of": dt.date(2022, 12, 31), "total": 42, "completed": 30, "basically_completed": 4, "on_schedule": 8}),
    ("截至2022年6月30日,已完成整改18项,达到序时进度5项,2项正在推进。",
     {"as_of": dt.date(2022, 6, 30), "completed": 18, "on_schedule": 5, "in_progress": 2}),
    ("督察反馈的50项整改任务已完成31项,其余19项正加快推进。", {"total": 50, "completed": 31, "in_progress": 19}),
    ("在12项任务中,已完成7项,其余5项正在有序推进。", {"total": 12, "completed": 7, "in_progress": 5}),
    ("全省整改任务1800项,累计完成整改任务1200项。", {"total": 1800, "completed": 1200}),
    ("已完成140项,占260项整改任务的五成。", {"total": 260, "completed": 140}),
    ("督察反馈我县的问题40个,已上报整改完成33个,正在整改7个。", {"total": 40, "completed": 33, "in_progress": 7}),
    ("反馈问题90个,已完成整改60个,其余30个正在按序时进度推进。", {"total": 90, "completed": 60, "on_schedule": 30}),
    # the task noun after the remaining figure, a 均 before the cue
    ("督察反馈的50项整改任务已整改完成31项,其余19项整改任务正积极推进。", {"total": 50, "completed": 31, "in_progress": 19}),
    ("涉及我市的38项整改任务,已完成31项,其余7项均达到序时进度。", {"total": 38, "completed": 31, "on_schedule": 7}),
    ("涉及我市27项整改任务,已完成20项,基本完成3项,序时推进4项。",
     {"total": 27, "completed": 20, "basically_completed": 3, "on_schedule": 4}),
    ("反馈问题共18个,已完成整改并销号12个,剩余6个正在按计划推进。", {"total": 18, "completed": 12, "in_progress": 6}),
    ("反馈问题28个,完成整改并通过验收销号21个,其余7个正在加快整改。", {"total": 28, "completed": 21, "in_progress": 7}),
    ("反馈问题共18个,已完成整改12个,未按序时推进2项。", {"total": 18, "completed": 12, "behind_schedule": 2}),  # behind: no on_schedule
    ("反馈我市的32个问题,已完成整改25个,其余7个问题正在整改。", {"total": 32, "completed": 25, "in_progress": 7}),
    ("承担整改任务26项,已完成21项,剩余5项按时序推进。", {"total": 26, "completed": 21, "on_schedule": 5}),
    # the cue after the remaining figure, 正在 or 均在 before it
    ("反馈我市的35项整改任务已完成28项,其余7项正在序时推进。", {"total": 35, "completed": 28, "on_schedule": 7}),
    ("涉及某县12项任务,已完成9项,其余3项任务均在序时推进。", {"total": 12, "completed": 9, "on_schedule": 3}),
    # closed is done; a count only applied for closing is not
    ("督察反馈的144个问题已验收销号143个。", {"total": 144, "completed": 143}),
    ("督察反馈的144个问题,已申请销号20个。", {"total": 144}),
    # the inspection named between the total and 整改任务; a comma before 已
    ("截至3月底,我省89项中央环保督察整改任务,已整改完成45项,37项达到序时进度,但有7项整改任务未按期完成。",
     {"total": 89, "completed": 45, "on_schedule": 37}),
    # 个 after a task noun counts tasks (明确的任务是21个, 已基本完成任务20个) ...
    ("整改措施清单中明确的任务是21个,已基本完成任务20个。", {"total": 21, "basically_completed": 20}),
    # ... not villages or plants (基本完成3个村庄的整治), nor a total without its verb
    ("全县40项整改任务中,已完成30项,基本完成3个村庄的整治。", {"total": 40, "completed": 30}),
    # ... while 个 closing its clause counts the problems counted before it
    ("涉及我市的共六类25个具体问题,已完成整改20个,基本完成3个,其余2个正在推进。",
     {"total": 25, "completed": 20, "basically_completed": 3, "in_progress": 2}),
    # one figure for both is its own key, never completed or basically_completed
    ("80项整改任务中,已完成或基本完成60项。", {"total": 80, "completed_or_basically": 60}),
    ("80项整改任务中,已完成(含基本完成)60项,其余20项正在推进。",
     {"total": 80, "completed_or_basically": 60, "in_progress": 20}),
    ("80项整改任务中,完成和基本完成整改60项。", {"total": 80, "completed_or_basically": 60}),
    ("80项整改任务中,已完成及基本完成整改任务60项。", {"total": 80, "completed_or_basically": 60}),
    ("80项整改任务中,60项已完成或基本完成整改。", {"total": 80, "completed_or_basically": 60}),
    # two figures side by side stay two
    ("80项整改任务中,已完成50项、基本完成10项。", {"total": 80, "completed": 50, "basically_completed": 10}),
    ("80项整改任务中,50项完成整改、基本完成10项。", {"total": 80, "completed": 50, "basically_completed": 10}),
    # a figure a 其中/含 clause says holds the basically completed ones is both: the clause's
    # figure is basically_completed, completed is not derived (only read where written)
    ("80项整改任务中,已完成整改60项,其中基本完成10项,其余20项正在推进。",
     {"total": 80, "completed_or_basically": 60, "basically_completed": 10, "in_progress": 20}),
    ("80项整改任务中,完成整改60项(其中基本完成10项)。", {"total": 80, "completed_or_basically": 60, "basically_completed": 10}),
    ("80项整改任务中,已完成60项(含基本完成10项)。", {"total": 80, "completed_or_basically": 60, "basically_completed": 10}),
    ("80项整改任务中,60项已完成整改,其中:已基本完成10项。",
     {"total": 80, "completed_or_basically": 60, "basically_completed": 10}),
    ("80项整改任务中,已完成整改60项,其中完成整改50项、基本完成10项。",
     {"total": 80, "completed_or_basically": 60, "completed": 50, "basically_completed": 10}),
    # (the 其中 clause runs over its list to the sentence's end: of the 60, 10 closed and 5 basically done)
    ("80项整改任务中,已完成60项,其中销号10项,基本完成5项。",
     {"total": 80, "completed_or_basically": 60, "basically_completed": 5}),
    # a 其中 clause naming something else leaves the figure completed
    ("80项整改任务中,已完成60项,其中省级交办10项。", {"total": 80, "completed": 60}),
    # complaint counts: only where no task or problem is counted
    ("县里累计接收转来的群众信访举报件30件。目前已办结20件,另有10件正在调查处理。",
     {"total": 30, "completed": 20, "in_progress": 10}),
    ("交办信访件300件,已办结290件;反馈问题20个,已完成整改15个。", {"total": 20, "completed": 15}),
    ("督察组交办我县举报件共9件,其中阶段性办结2件,已办结5件,正在办理2件。", {"total": 9, "completed": 5, "in_progress": 2}),
    # the total and the done count of one sentence, not the total of another set of figures
    ("督察反馈我县的问题30个,目前已上报整改完成26个,正在整改4个。另有专项检查涉及我县问题3个,已整改完成2个。",
     {"total": 30, "completed": 26, "in_progress": 4}),
    ("第一轮督察发现的120个问题,已完成整改118个。第二轮督察反馈意见整改任务40项,已整改完成15项。",
     {"total": 120, "completed": 118}),
    # an in-progress count larger than the rest of the total counts another set
    ("督察组转交的第五批12件信访举报件,已办结9件。前五批累计转交的信访举报件中,已办结80件,正在办理95件。",
     {"total": 12, "completed": 9}),
    ("已完成85项整改任务,占整改方案明确140项任务的六成。", {"total": 140, "completed": 85}),
    ("省整改清单上的60个问题已经完成整改12个。", {"total": 60, "completed": 12}),
    ("反馈的50个问题验收销号48个,其余2个正在整改。", {"total": 50, "completed": 48, "in_progress": 2}),
    # a total with no unit word, right before 问题; never a year
    ("督察反馈的14问题中,已完成整改12个,其余2个正在整改。", {"total": 14, "completed": 12, "in_progress": 2}),
    ("交办我市的9问题已完成整改7个。", {"total": 9, "completed": 7}),
    ("反馈的2021问题,已完成整改3个。", {"completed": 3}),
    ("反馈的14问题整改情况,已完成整改12个。", {"completed": 12}),  # no clause end after it
    # the figure right after 完成整改 with no 已 before it; 已经完成 as 已完成
    ("督察反馈的40个问题完成整改25个,正在整改15个。", {"total": 40, "completed": 25, "in_progress": 15}),
    ("督察整改任务已经完成12项,其余任务持续推进;交办的900件信访件已办结850件。", {"completed": 12}),
    # 任务 between 完成整改 and the figure: the first figure, not the part a 其中 clause names
    ("截至年底,已完成整改任务11项,其中已完成整改并销号3项、已完成整改8项。", {"completed": 11}),
    # tasks kept up with no closing are their own figure, never in progress nor on schedule
    ("反馈的30项整改任务中,已完成22项,基本完成3项,需长期持续整改5项。",
     {"total": 30, "completed": 22, "basically_completed": 3, "ongoing": 5}),
    ("督察反馈问题40个,已完成整改31个,长期坚持类任务6项,正在推进3项。",
     {"total": 40, "completed": 31, "ongoing": 6, "in_progress": 3}),
    ("反馈的23项问题,完成整改并通过验收20项、需长期持续整改3项。", {"total": 23, "completed": 20, "ongoing": 3}),
    ("全县45项整改任务已完成38项,7项需长期坚持。", {"total": 45, "completed": 38, "ongoing": 7}),
    ("26项整改任务中,已完成整改20项,其余6项持续推进。", {"total": 26, "completed": 20, "ongoing": 6}),
    ("26项整改任务中,已完成整改20项,持续推进4项,达到序时进度2项。",
     {"total": 26, "completed": 20, "ongoing": 4, "on_schedule": 2}),
    # tasks behind schedule are their own figure (a 未 before 达到序时进度 is no on_schedule figure)
    ("共32项整改任务,已完成25项,达到序时进度4项,未达到序时进度3项。",
     {"total": 32, "completed": 25, "on_schedule": 4, "behind_schedule": 3}),
    ("32项整改任务已完成25项,达到序时进度5项,滞后序时进度2项。",
     {"total": 32, "completed": 25, "on_schedule": 5, "behind_schedule": 2}),
    ("32项任务中已完成28项,其余4项中2项进度滞后。", {"total": 32, "completed": 28, "behind_schedule": 2}),
    ("26项整改任务中,已完成整改20项,未达到序时进度6项。", {"total": 26, "completed": 20, "behind_schedule": 6}),
    # (going on now is in progress, whatever its adverb; a place counted is no task)
    ("26项整改任务中,已完成整改20项,其余6项正在持续推进。", {"total": 26, "completed": 20, "in_progress": 6}),
    ("26项整改任务中,已完成整改20项,持续推进3个乡镇的污水管网建设。", {"total": 26, "completed": 20}),
    # (a figure of another set, more than the total leaves undone, is left out)
    ("第一轮反馈的10项问题已完成整改9项。省级督察反馈18项问题,完成整改11项、需长期持续整改7项。",
     {"total": 10, "completed": 9}),
    # the share done, in percent, as written; a qualified share or the complaints' share is none
    ("整改方案明确的50项整改任务,已完成42项,完成率达到84%,其余8项正在推进。",
     {"total": 50, "completed": 42, "in_progress": 8, "completion_rate": 84.0}),
    ("全市整改完成率96.5%。", {"completion_rate": 96.5}),
    ("493项整改任务已完成357项,占72.4%。", {"total": 493, "completed": 357, "completion_rate": 72.4}),
    ("2164项整改任务已完成1275项,完成率近60%。", {"total": 2164, "completed": 1275}),
    ("66项整改任务已完成37项;移交的3665个信访举报问题已办结3569个,完成率97.4%。", {"total": 66, "completed": 37}),
])
def test_progress_forms(body: str, expected: dict[str, object]) -> None:
    meta = meta_of("某县督察反馈问题整改进展情况\n" + body)
    assert {k: f.value for k, f in (meta.progress or {}).items()} == expected


@pytest.mark.parametrize(("body", "as_of"), [
    ("截至3月底,反馈的20项问题已完成整改12项。\n某县整改办\n2021年5月28日", dt.date(2021, 3, 31)),
    ("截至9月中旬,反馈的20项问题已完成整改12项。\n某县整改办\n2019年10月8日", dt.date(2019, 9, 20)),
    ("截止到11月29日10时,反馈的20项问题已完成整改12项。\n某县整改办\n2018年11月29日", dt.date(2018, 11, 29)),
    ("截至12月底,反馈的20项问题已完成整改12项。\n某县整改办\n2021年1月6日", dt.date(2020, 12, 31)),  # the year before
    ("截至3月底,反馈的20项问题已完成整改12项。", None),  # no year anywhere
    # a deadline after 截至目前 is no as-of date
    ("截至目前,2021年底前须完成的20项问题已完成整改12项。\n某县整改办\n2022年5月28日", None),
])
def test_as_of_without_its_year(body: str, as_of: dt.date | None) -> None:
    progress = meta_of("某县督察反馈问题整改进展情况\n" + body).progress or {}
    assert (progress["as_of"].value if "as_of" in progress else None) == as_of


@pytest.mark.parametrize(("text", "expected"), [
    # completion made public states its figures as a report does; none where it states no count
    ("某县第二轮中央生态环境保护督察整改完成情况公开\n反馈我县的28项整改任务已完成25项,其余3项正在推进。\n",
     {"total": 28, "completed": 25, "in_progress": 3}),
    ("某县督察反馈问题整改完成情况公开\n一、某河道黑臭问题。\n整改完成情况:已完成整改。\n", None),
])
def test_completion_made_public_progress(text: str, expected: dict[str, object] | None) -> None:
    meta = meta_of(text)
    assert meta.doc_type == "completion_notice"
    assert ({k: f.value for k, f in meta.progress.items()} if meta.progress is not None else None) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("本报讯 记者从市整改办获悉,截至2021年6月底,督察反馈的20项整改任务中,已完成12项。",
     {"as_of": dt.date(2021, 6, 30), "total": 20, "completed": 12}),
    ("本报讯 记者获悉,我市督察整改工作有序推进。", None),  # no figures: no progress at all
    ("本报讯 记者获悉,截至2021年6月底,我市督察整改工作有序推进。", None),  # a date alone is none
])
def test_news_progress(text: str, expected: dict[str, object] | None) -> None:
    meta = meta_of(text)
    assert meta.doc_type == "news"
    assert ({k: f.value for k, f in meta.progress.items()} if meta.progress is not None else None) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("督察整改。2023年3月20日,区整改领导小组组织相关部门对该问题进行了现场验收。现予公示,自2023年4月1日起至4月7日止。"
     "监督电话:0711-3333333。",
     {"self_acceptance_date": dt.date(2023, 3, 20), "notice_start": dt.date(2023, 4, 1),
      "notice_end": dt.date(2023, 4, 7), "contact": "0711-3333333"}),
    ("督察整改。验收时间:2024年5月6日。公示日期为2024年6月1日至6月7日,异议请发送至电子邮箱zg@example.gov.cn。",
     {"self_acceptance_date": dt.date(2024, 5, 6), "notice_start": dt.date(2024, 6, 1),
      "notice_end": dt.date(2024, 6, 7), "contact": "zg@example.gov.cn"}),
    # a 公告 has its period as a 公示 has
    ("督察整改。第15项整改任务已达到销号条件,现予公告。公告期:2020年9月1日至9月7日。",
     {"notice_start": dt.date(2020, 9, 1), "notice_end": dt.date(2020, 9, 7)}),
    ("督察整改。2020年9月1日至9月7日,某局发布公告。", {}),  # a span of dates without 公示/公告 after it
    # the public-notice period before a body named for the acceptance: no acceptance date
    ("督察整改。如有异议,请在公示期间(2025年9月4日至2025年9月17日,共10个工作日)向市直牵头验收(监管)单位反映。",
     {"notice_start": dt.date(2025, 9, 4), "notice_end": dt.date(2025, 9, 17)}),
])
def test_acceptance_forms(body: str, expected: dict[str, object]) -> None:
    meta = meta_of("关于某区第七项问题整改销号情况的公示\n" + body)
    assert {k: f.value for k, f in (meta.acceptance or {}).items()} == expected


def test_rule_file_validates_and_rejects_unknown_keys() -> None:
    import pydantic
    import regex

    from extract.fields.metadata_rules import MetadataRules
    from extract.fields.patterns import load_yaml

    raw = load_yaml("metadata.yaml")
    rules = MetadataRules.model_validate(raw)
    for name, value in rules.model_dump().items():  # every pattern compiles
        if name.endswith(("_re", "_patterns", "_line")) and isinstance(value, str):
            regex.compile(value)
        elif name.endswith("_patterns") and isinstance(value, list):
            for pattern in value:
                regex.compile(pattern)
    with pytest.raises(pydantic.ValidationError):
        MetadataRules.model_validate({**raw, "unknown_key": 1})  # type: ignore[dict-item]
    # a cue must be written in every part of its patterns, or a text without it loses them
    for key, widened in (("attachment_re", raw["attachment_re"] + "|^材料清单(?P<name>.+)$"),
                         ("region_dateline_re", raw["region_dateline_re"] + "|讯")):
        with pytest.raises(pydantic.ValidationError, match="is not written in"):
            MetadataRules.model_validate({**raw, key: widened})


def test_cues_are_in_the_patterns_they_stand_for() -> None:
    """A cue lets a line or text be passed over before a regex runs: each pattern it
    stands for must need it."""
    from extract.fields.metadata_rules import metadata_rules

    rules = metadata_rules()
    assert rules.date_re.endswith(rules.date_cue) and rules.cn_date_re.endswith(rules.date_cue)
    assert rules.attachment_cue in rules.attachment_re and rules.attachment_cue in rules.attachment_bare_re
    for alternative in rules.placeholder_re.split("|"):
        assert any(cue in alternative for cue in rules.placeholder_cues)


def test_signature_and_attachments_without_their_cue_words() -> None:
    text = "某市督察整改方案\n推进督察整改。\n某市人民政府\n2022年3月1日\n附件:1.整改任务清单"
    meta = extract_metadata(text, {})
    assert [f.value for f in meta.issuers] == ["某市人民政府"]
    assert [f.value for f in meta.attachments] == ["整改任务清单"]
    bare = extract_metadata(text.replace("日", "").replace("附件", "材料"), {})
    assert bare.issuers == [] and bare.attachments == []


@pytest.mark.parametrize(("line", "ends"), [
    ("2022年3月1日", True), ("某市人民政府 2022年3月1日 | ", True), ("2022年3月1日\u3000", True),
    ("2022年3月1日前完成", False), ("", False),
])
def test_a_date_line_ends_with_the_date_cue(line: str, ends: bool) -> None:
    from extract.fields.metadata import ends_with_cue

    assert ends_with_cue(line, "日") is ends


def test_cited_doc_number_after_a_later_citation_of_the_title() -> None:
    from extract.fields.metadata import cited_doc_number

    text = "见《某方案》(征求意见稿)。印发《某方案》(某办字〔2020〕47号)。"
    found = cited_doc_number(text, "某方案")
    assert found is not None and found.value == "某办字〔2020〕47号"
    assert found.span is not None and text[slice(*found.span)] == found.value
    assert cited_doc_number(text, "他文") is None


@pytest.mark.parametrize(("text", "warned"), [
    ("XX市贯彻落实督察反馈问题整改方案\n督察整改正文。", True),
    ("关于X县督察整改情况的报告\n督察整改正文。", True),
    ("某市督察整改方案\nPM2.5浓度下降。督察整改正文。", False),
    # asterisks standing for the figures and names
    ("*市关于督察整改落实情况的报告\n*年*月*日,督察组反馈问题共*项。", True),
    ("某市督察整改方案\n督察整改正文。注:带*号的为重点任务。", False),
])
def test_place_placeholders_are_template_warnings(text: str, warned: bool) -> None:
    assert ("template_placeholder" in [w[0] for w in meta_of(text).warnings]) == warned


# ---------------------------------------------------------------- issuers and dates heading the notice


@pytest.mark.parametrize(("text", "issuers", "date"), [
    ("某县督察反馈意见整改方案\n中共某县委办公室 某县人民政府办公室\n(2023年3月20日)\n督察整改正文。",
     ["中共某县委办公室", "某县人民政府办公室"], dt.date(2023, 3, 20)),
    ("某县督察反馈意见整改进展情况\n\n中共某县委办公室  某县人民政府办公室\n\n督察整改正文。",
     ["中共某县委办公室", "某县人民政府办公室"], None),
    ("某区督察反馈意见整改方案\n中共某区委办公室 某区人民政府办公室\n某办发〔2023〕5号\n督察整改正文。",
     ["中共某区委办公室", "某区人民政府办公室"], None),
    ("中共某县委办公室 某县人民政府办公室关于印发《某县督察整改方案》的通知\n某办〔2022〕7号\n各乡镇:\n"
     "现将《某县督察整改方案》印发给你们。\n2022年3月15日\n某县督察整改方案\n正文。",
     ["中共某县委办公室", "某县人民政府办公室"], dt.date(2022, 3, 15)),
    ("某区督察整改方案\n(2019年9月20日)\n督察整改正文。", [], dt.date(2019, 9, 20)),
    ("某区督察整改情况\n2019年9月20日\n督察整改正文。", [], None),  # a bare date under a headline: publication
    ("某县关于督察整改情况的公示\n督察整改正文。\n联系电话:0000-1234567\n某县中央环境保护督察反馈意见\n整改工作领导小组办公室\n2020年4月10日\n",
     ["某县中央环境保护督察反馈意见整改工作领导小组办公室"], dt.date(2020, 4, 10)),
    ("某县关于督察整改情况的公示\n督察整改正文。\n特此公示\n某县生态环境局\n2020年4月10日\n", ["某县生态环境局"], dt.date(2020, 4, 10)),
    # a title over the signature, a blank line between, is no first half of the issuer
    ("永昌县督察反馈问题整改方案\n\n永昌县人民政府\n2021年5月6日\n\n一、整改任务\n督察整改正文。\n",
     ["永昌县人民政府"], dt.date(2021, 5, 6)),
])
def test_header_issuers_and_date(text: str, issuers: list[str], date: dt.date | None) -> None:
    meta = meta_of(text)
    assert [i.value for i in meta.issuers] == issuers
    assert (meta.issue_date.value if meta.issue_date else None) == date
    assert meta.title is not None and "2019" not in meta.title.value


def test_no_signature_from_table_cells() -> None:
    text = "某县督察反馈问题清单\n序号\n责任单位\n整改期限\n1\n县城管局\n2019年12月31日\n"
    table = (text.index("序号"), len(text))
    assert meta_of(text).issuers  # read as a signature without the table's span
    meta = extract_metadata(text, {}, [table])
    assert meta.issuers == [] and meta.issue_date is None


@pytest.mark.parametrize(("text", "expected"), [
    # the province as written in the group's name
    ("某县整改方案\n2021年11月2日至12月2日,某南省第三生态环境保护督察组对某市开展督察。", {"group": "省第三生态环境保护督察组"}),
    ("某县整改方案\n2021年11月2日至12月2日,河南省第三生态环境保护督察组对某市开展督察。", {"group": "河南省第三生态环境保护督察组"}),
    ("某县整改方案\n广西壮族自治区党委第一生态环境保护督察组对某市开展督察。", {"group": "广西壮族自治区党委第一生态环境保护督察组"}),
    # a written round wins over the date's, and over a headline naming the central inspection
    ("我市中央生态环境保护督察整改完成率达九成\n截至2023年9月底,第二轮中央生态环境保护督察反馈我市的45项任务已完成39项。",
     {"level": "central", "round": 2}),
    ("某县督察整改情况\n第二轮省级生态环境保护督察整改中,我县对照第一轮中央生态环境保护督察问题整改。2023年5月,", {"round": 2}),
    # the central look-back and the pre-2018 name: round 1, whatever the notice's date
    ("关于某区中央生态环境保护督察“回头看”反馈问题整改情况的公示\n督察整改。\n某区水务局\n2019年12月10日", {"round": 1}),
    ("某县关于中央环保督察整改情况的公示\n督察整改。\n某县中央环境保护督察整改办公室\n2020年4月10日", {"round": 1}),
    ("某县关于中央生态环境保护督察整改情况的公示\n督察整改。\n某县生态环境局\n2020年4月10日", {"round": 2}),
    # a public-notice period is no inspection period
    ("关于某县第二轮中央生态环境保护督察整改情况的公示\n督察整改。公示期为2022年11月8日至11月14日。", {"period_start": None}),
    ("关于某县第二轮中央生态环境保护督察整改情况的公示\n督察整改。2022年11月8日至11月14日予以公示。", {"period_start": None}),
    ("关于某县第二轮中央生态环境保护督察整改情况的公示\n督察整改。公示期为5个工作日(2022年11月8日至11月14日)。",
     {"period_start": None}),
    # a city's or province's own inspection, whatever 《》 title it cites
    ("某区关于2023年天津市生态环境保护督察反馈问题整改情况的公示\n按照《中央生态环境保护督察整改工作办法》,督察整改。",
     {"level": "provincial"}),
    ("某县关于省级环保督察反馈问题整改情况的公示\n督察整改。", {"level": "provincial"}),
    # the round and batch may stand between 中央 and the inspection's name
    ("某县督察反馈问题整改进展情况\n截至目前,中央第一轮生态环境保护督察反馈的23项问题已完成整改20项;省级环保督察反馈18项问题。",
     {"level": "central", "round": 1}),
    ("某县整改情况\n中央第二轮第三批生态环境保护督察反馈问题整改。", {"level": "central", "round": 2, "batch": 3}),
    ("某区第二轮省级生态环境保护督察反馈问题整改任务清单\n督察整改。", {"level": "provincial", "round": 2}),
    ("某县整改情况\n按照《中央生态环境保护督察整改工作办法》,我县落实上海市第一生态环境保护督察组反馈意见,督察整改。",
     {"level": "provincial", "group": "上海市第一生态环境保护督察组"}),
    ("某县整改情况\n按照《中央生态环境保护督察整改工作办法》,我县推进督察整改。", {"level": "central"}),
    # look-backs, central and provincial: 回头看 after the inspection's name, in its clause
    ("关于某区中央生态环境保护督察“回头看”反馈问题整改情况的公示\n督察整改。\n某区水务局\n2019年12月10日",
     {"level": "central", "round": 1, "look_back": True}),
    ("关于省第二生态环境保护督察组督察“回头看”反馈意见整改情况的公示\n督察整改。",
     {"level": "provincial", "group": "省第二生态环境保护督察组", "look_back": True, "round": None}),
    ("某市省级生态环境保护督察“回头看”反馈问题整改方案\n督察整改。", {"level": "provincial", "look_back": True}),
    ("某市整改方案\n2019年5月6日至6月5日,省第二生态环境保护督察组对我市开展了环境保护督察“回头看”。",
     {"level": "provincial", "group": "省第二生态环境保护督察组", "look_back": True}),
    ("某市整改方案\n省委第一生态环境保护督察组于2019年5月6日至6月5日,对我市开展了生态环境保护督察“回头看”。",
     {"level": "provincial", "look_back": True}),
    ("某区第二轮省级生态环境保护督察“回头看”反馈问题整改方案\n督察整改。", {"level": "provincial", "round": 2, "look_back": True}),
    # not look-backs: one recalled as done, a look-back of one's own in another clause
    ("某市整改方案\n为持续巩固中央环境保护督察及“回头看”整改成果,落实中央第五生态环境保护督察组反馈意见,制定本方案。",
     {"level": "central", "look_back": None}),
    ("某市整改方案\n落实中央第五生态环境保护督察组反馈意见,我市及时开展“回头看”。", {"level": "central", "look_back": None}),
    ("某区第二轮省级生态环境保护督察反馈问题整改任务清单\n督察整改。", {"level": "provincial", "look_back": None}),
    # provincial bodies named in passing are no provincial inspection
    ("某市整改情况\n按照省生态环境厅要求,省委、省政府统一部署,我市推进整改,及时开展“回头看”。", {"level": None, "look_back": None}),
    ("某市整改方案\n落实中央第三生态环境保护督察组反馈意见,省生态环境厅、省级有关部门指导督察整改。", {"level": "central"}),
    # another date between a date and 反馈: the feedback's own date, without its day, is none
    ("某市整改情况\n中央第三生态环境保护督察组进驻某省,期间于9月15日至21日对我市开展下沉督察,"
     "并于2021年2月向我省反馈督察意见。\n某市整改办\n2022年3月1日", {"feedback_date": None}),
    ("某市整改情况\n中央第三生态环境保护督察组进驻某省,并于2月4日向我省反馈督察意见。\n某市整改办\n2022年3月1日",
     {"feedback_date": dt.date(2022, 2, 4)}),
    # the round by the notice's own date: one of 2023 answers the second, the third began late that year
    ("某市督察整改工作进展情况\n中央生态环境保护督察反馈问题整改推进。\n某市整改办\n2023年2月28日", {"round": 2}),
    ("某市督察整改工作进展情况\n中央生态环境保护督察反馈问题整改推进。\n某市整改办\n2024年5月8日", {"round": 3}),
    # by the inspection's own year, 2023 is the third's
    ("某市督察整改工作进展情况\n2023年11月20日至12月20日,中央生态环境保护督察组对某省开展督察。", {"round": 3}),
])
def test_inspection_level_group_round_period(text: str, expected: dict[str, object]) -> None:
    found = {k: f.value for k, f in meta_of(text).inspection.items()}
    for key, value in expected.items():
        assert found.get(key) == value, key


@pytest.mark.parametrize(("text", "date"), [
    ("某公示\n2021-06-25 16:57 来源:市生态环境局\n督察整改。", dt.date(2021, 6, 25)),
    ("某公示\n某区人民政府2019-12-10 15:20来源:区水务局\n督察整改。", dt.date(2019, 12, 10)),
    ("某公示\n督察整改。2021-06-25完成验收。", None),
    ("某公示\n文章来源:某局 发表时间:2025-03-18 10:20\n督察整改。", dt.date(2025, 3, 18)),
    ("某通报\n刊发日期:2017-09-13 作者:某\n督察整改。", dt.date(2017, 9, 13)),
])
def test_publish_date_before_source(text: str, date: dt.date | None) -> None:
    found = meta_of(text).publish_date
    assert (found.value if found else None) == date


@pytest.mark.parametrize(("text", "doc_type"), [
    ("中央生态环境保护督察反馈意见某省整改进展清单\n督察整改。", "progress_report"),
    ("某市督察反馈问题整改进展情况清单\n督察整改。", "progress_report"),
    ("关于同意调整部分中央生态环境保护督察反馈问题整改时限的批复\n督察整改。", "amendment"),
    # a deadline moved, asked for or granted, made public, is a change, no completion
    ("某县关于督察反馈问题整改任务延期整改的公示\n督察整改。", "amendment"),
    ("关于中央环保督察反馈问题第12项申请延期的公示\n督察整改。", "amendment"),
    ("关于同意部分督察整改任务延期完成的批复\n督察整改。", "amendment"),
    ("关于第5项延期整改任务完成整改的公示\n督察整改。", "completion_notice"),
    # a closing made public is a completion notice; complaints handled, made public, are a report
    ("某区中央环保督察反馈问题整改验收销号情况公开\n督察整改。", "completion_notice"),
    ("中央生态环境保护督察群众信访举报转办和边督边改公开情况(第六批)\n督察整改。", "progress_report"),
    ("某省办理督察组交办举报环境问题进展情况通报(五)\n督察整改。", "progress_report"),
    # a bulletin neither a plan nor a report on rectification is news
    ("关于某路环境整治工作“回头看”的通报\n某路环境整改未到位。", "news"),
    ("某市督察反馈问题整改工作情况通报\n督察整改。", "progress_report"),
    ("某县督察整改实施方案的通报\n督察整改。", "plan"),
    # no title: tasks laid out by their labels are a plan's
    ("一、督察意见:某河段水质超标。\n责任单位:市水务局。\n整改时限:2021年底前。\n整改措施:\n1.截污。\n", "plan"),
    ("1.督察指出某园区污水直排。\n整改时限:立行立改。\n整改目标:达标排放。\n牵头单位:市住建局。\n", "plan"),
    ("督察组指出,某河段水质超标,责任单位正在整改。\n整改时限未定。\n", "news"),
    # spaces a page's layout leaves between a title's words do not hide its kind
    ("中央第一生态环境保护督察组 向某省反馈“回头看”及专项督察情况\n督察整改。", "feedback"),
    ("某县督察反馈问题 整改方案\n督察整改。", "plan"),
    # the group's report titled so is its feedback; progress made public is a report
    ("某州生态环境保护督察报告\n省第五生态环境保护督察组\n督察组对某州开展督察。", "feedback"),
    ("某省贯彻落实中央生态环境保护督察报告整改方案\n督察整改。", "plan"),
    ("关于某市2022年生态环境保护督察整改工作进展情况的公示\n督察整改。", "progress_report"),
    ("关于某市督察反馈问题整改情况的公示\n督察整改。", "completion_notice"),
    # a table of progress is a report, as a list of it is; a plan's task table is a task list
    ("某市黄河流域生态环境警示片披露问题整改进展情况表\n督察整改。", "progress_report"),
    ("某市督察反馈问题整改任务落实情况表\n督察整改。", "task_list"),
    # a straw-burning inspection's report names its subject, not the environment
    ("关于省秸秆禁烧专项督查反馈问题整改情况的报告\n专项督查组向我县反馈问题2个,现将整改情况报告如下。", "progress_report"),
])
def test_doc_type_progress_lists_and_approvals(text: str, doc_type: str) -> None:
    assert meta_of(text).doc_type == doc_type


@pytest.mark.parametrize(("body", "total"), [
    ("我市共承担整改任务28项,截至2023年2月底,已完成整改20项。", 28),
    ("督察组反馈了意见,涉及我市问题共12项。已完成整改9项。", 12),
    ("我市共认领38项整改任务,已完成整改30项。", 38),
    ("截至10月底,我县承担的18项整改任务已完成12项。", 18),
    # a warning film's problems are counted as feedback's are
    ("2023年长江经济带生态环境警示片披露我市问题6个。截至9月底,已完成整改4个。", 6),
])
def test_progress_total_forms(body: str, total: int) -> None:
    meta = meta_of("某县督察反馈问题整改进展情况\n" + body)
    assert meta.progress is not None and meta.progress["total"].value == total


def test_mobile_contact_kept_whole() -> None:
    meta = meta_of("关于某区第七项问题整改销号情况的公示\n督察整改。联系人:王主任 联系电话:18712345678\n")
    assert meta.acceptance is not None and meta.acceptance["contact"].value == "18712345678"


def test_a_first_round_recalled_deep_in_the_body_is_not_the_round() -> None:
    text = ("某市贯彻落实中央生态环境保护督察反馈问题整改方案\n督察整改正文。" + "整改推进。" * 250
            + "我省第一轮中央环境保护督察整改任务共62项,“回头看”发现问题。\n某市人民政府\n2020年7月30日\n")
    assert meta_of(text).inspection["round"].value == 2


@pytest.mark.parametrize(("text", "title"), [
    # a press headline opening with its place and a colon
    ("四川:89项中央环保督察整改任务已整改完成45项\n记者获悉,截至3月底,已整改完成45项。\n",
     "四川:89项中央环保督察整改任务已整改完成45项"),
    ("河北省:加快推进督察反馈问题整改\n记者获悉,全省督察整改有序推进。\n", "河北省:加快推进督察反馈问题整改"),
    # a label before the colon, or a name that is no place, makes no headline
    ("整改时限:2021年底前完成督察整改\n记者获悉,全省督察整改有序推进。\n", None),
    ("工作动态:加快推进督察反馈问题整改\n记者获悉,全省督察整改有序推进。\n", None),
])
def test_headline_opening_with_its_place(text: str, title: str | None) -> None:
    found = meta_of(text).title
    assert (found.value if found else None) == title


@pytest.mark.parametrize(("text", "title"), [
    # a press headline opening with a topic naming the subject and a colon: taken whole
    ("环保督察:66项整改任务全部完成\n记者获悉,66项整改任务已全部完成。\n", "环保督察:66项整改任务全部完成"),
    ("督察整改进行时:某市66项整改任务全部完成\n记者获悉,整改任务已全部完成。\n", "督察整改进行时:某市66项整改任务全部完成"),
    # as one after a bar is
    ("聚焦督察整改|某市66项整改任务全部完成\n记者获悉,整改任务已全部完成。\n", "聚焦督察整改|某市66项整改任务全部完成"),
    # a field label naming the subject is no topic
    ("整改措施:加强督察整改环境监管\n记者获悉,全省督察整改有序推进。\n", None),
    ("整改目标:完成督察反馈问题整改\n记者获悉,全省督察整改有序推进。\n", None),
])
def test_headline_opening_with_its_topic(text: str, title: str | None) -> None:
    found = meta_of(text).title
    assert (found.value if found else None) == title
    if found is not None:
        assert found.span is not None and text[found.span[0]:found.span[1]] == title


# Layouts of real notices (cover letters, page headers, reports made public), in our own words.

@pytest.mark.parametrize(("text", "title", "number"), [
    # 印发《X》的通知 without 关于, a 文号 in brackets closing the title line
    ("中共某市委办公室某市人民政府办公室印发《某市督察反馈意见整改方案》的通知(某办发〔2022〕4号)\n"
     "各县区:\n方案已经同意,现印发给你们。\n中共某市委办公室\n2022年2月28日\n",
     "某市督察反馈意见整改方案", "某办发〔2022〕4号"),
    ("某政发〔2021〕9号\n某市人民政府印发《某市督察报告整改方案》的通知\n各县区人民政府:\n现印发给你们。\n",
     "某市督察报告整改方案", "某政发〔2021〕9号"),
    # a number cited in the body, even at the end of its line, is not the notice's own
    ("某县督察反馈意见整改方案\n督察整改正文。\n根据《某省督察整改方案》(某办发〔2021〕30号)\n",
     "某县督察反馈意见整改方案", None),
    ("某县督察反馈意见整改方案\n按照《某市整改方案》(某办字〔2023〕2号)要求制定本方案。\n",
     "某县督察反馈意见整改方案", None),
    # a title not opening with 印发 stays whole (某市关于做好印发工作的通知 is no cover)
    ("某市关于做好督察整改材料印发工作的通知\n督察整改正文。\n", "某市关于做好督察整改材料印发工作的通知", None),
])
def test_cover_title_without_guanyu_and_its_number(text: str, title: str, number: str | None) -> None:
    meta = meta_of(text)
    assert meta.title is not None and meta.title.value == title
    assert (meta.doc_number.value if meta.doc_number else None) == number
    if meta.doc_number is not None:
        assert text[slice(*meta.doc_number.span or (0, 0))] == number


@pytest.mark.parametrize(("text", "doc_type"), [
    ("中央第五环境保护督察组向某省反馈“回头看”及专项督察情况\n督察组于10月19日向某省进行反馈。", "feedback"),
    # what a place did about the feedback is its own report, not the feedback
    ("某县落实督察组向某省反馈意见整改情况\n督察整改正文。", "progress_report"),
    ("某市人民政府关于生态环境保护督察反馈问题整改情况的函\n省生态环境厅:\n督察整改正文。", "progress_report"),
    ("某市人民政府关于商请协助督察整改工作的函\n督察整改正文。", "plan"),
])
def test_doc_type_feedback_release_and_letter(text: str, doc_type: str) -> None:
    assert meta_of(text).doc_type == doc_type


@pytest.mark.parametrize(("text", "batch"), [
    # the title names the inspection, the opening its batch
    ("某省第二轮中央生态环境保护督察整改落实情况\n经批准,第二轮第四批中央生态环境保护督察组于2021年8月对某省开展督察。", 4),
    # a batch of complaints handed over is none
    ("某省第二轮中央生态环境保护督察整改落实情况\n督察组交办的第五批信访件已办结。", None),
    ("某省第二轮中央生态环境保护督察整改落实情况\n第十六批涉及我市5件群众举报件已办结。", None),
])
def test_batch_from_the_opening_when_the_title_names_the_inspection(text: str, batch: int | None) -> None:
    found = meta_of(text).inspection.get("batch")
    assert (found.value if found else None) == batch
    if found is not None:
        assert found.span is not None and "批" in text[slice(*found.span)]


@pytest.mark.parametrize(("text", "count"), [
    ("整改方案共明确整改任务68项,截至2023年底已完成62项。", 68),
    ("对照反馈意见,共梳理反馈问题45个。", 45),
    ("方案确定整改任务12项,逐项明确责任单位。", 12),
    ("方案明确整改措施40条。", None),  # measures are no tasks
    ("截至2023年底,已完成整改任务62项。", None),  # what was done is no declared total
    ("已完成85项整改任务,其余正在推进。", None),
    # the share a place took on
    ("我市承担整改任务20项,已完成18项。", 20),
    ("我县承担的18项整改任务已完成12项。", 18),
    ("我区共认领问题7个。", 7),
    ("承担12个乡镇的巡查工作。", None),  # no task noun after the count
])
def test_declared_count_with_the_noun_first(text: str, count: int | None) -> None:
    found = meta_of("某方案\n督察整改。" + text).declared_task_count
    assert (found.value if found else None) == count


@pytest.mark.parametrize(("text", "title"), [
    # the cover letter opens with its addressees: the title is the issued document's, under the letter
    ("各县区人民政府,县直有关部门:\n《某县督察反馈问题整改方案》已经县政府同意,现印发给你们。\n"
     "某县人民政府办公室\n2022年8月7日\n(此件主动公开)\n某县督察反馈问题整改方案\n一、总体要求\n", "某县督察反馈问题整改方案"),
    # a report to the body above with no title anywhere has none
    ("市委、市政府:\n现将督察整改情况报告如下。\n某市生态环境局\n2022年7月5日\n", None),
    # the attachments after the letter are not its title
    ("各乡镇人民政府:\n现将督察整改任务印发给你们。\n某县人民政府办公室\n2022年8月7日\n附件1\n某县整改任务清单\n", None),
])
def test_title_under_a_cover_letter_opening_with_its_addressees(text: str, title: str | None) -> None:
    found = meta_of(text).title
    assert (found.value if found else None) == title
    if found is not None:
        assert text[slice(*found.span or (0, 0))] == title


@pytest.mark.parametrize(("under", "date"), [
    # a notice adopted at a meeting is dated the day of its adoption
    ("(2022年4月6日市委常委会会议审议通过)", dt.date(2022, 4, 6)),
    ("(2022年4月6日通过)", dt.date(2022, 4, 6)),
    # a bracketed line that only names a date inside other words is no date line
    ("(2022年4月6日起施行)", None),
    ("2022年4月6日市委常委会会议审议通过", None),  # unbracketed, with no issuer above: no header date
])
def test_adoption_note_under_the_title_dates_the_notice(under: str, date: dt.date | None) -> None:
    meta = meta_of(f"某市督察反馈意见整改方案\n{under}\n督察整改正文。\n")
    assert meta.title is not None and meta.title.value == "某市督察反馈意见整改方案"
    assert (meta.issue_date.value if meta.issue_date else None) == date


def test_declared_count_of_the_problems_fed_back_to_the_place() -> None:
    found = meta_of("某市督察整改进展情况\n反馈我市的问题共8个,已完成整改5个。").declared_task_count
    assert found is not None and found.value == 8
    assert meta_of("某市督察整改进展情况\n反馈我市的问题已完成整改5个。").declared_task_count is None


@pytest.mark.parametrize(("text", "issue", "publish"), [
    # a page's info block read as text: 成文日期 is the written date, 发布日期 the publication
    ("某市督察整改方案\n成文日期:2022-06-08 发布日期:2022-06-10\n督察整改正文。", dt.date(2022, 6, 8), dt.date(2022, 6, 10)),
    ("某市督察整改方案\n成文日期:2022年06月08日\n督察整改正文。", dt.date(2022, 6, 8), None),
    # a dated signature answers first
    ("某市督察整改方案\n成文日期:2022-06-08\n督察整改正文。\n某市人民政府\n2022年6月7日\n", dt.date(2022, 6, 7), None),
    # a date in the body is neither
    ("某市督察整改方案\n2022年6月8日,督察组反馈了意见。督察整改正文。", None, None),
    # 发文日期, 印发日期 and 成文时间 name the written date too; 发布日期/发布时间 stay the publication
    ("某市督察整改方案\n发文日期:2021-03-01 发布日期:2021-03-05\n督察整改正文。", dt.date(2021, 3, 1), dt.date(2021, 3, 5)),
    ("某市督察整改方案\n发布时间:2021年3月5日\n印发日期:2021年3月1日\n督察整改正文。", dt.date(2021, 3, 1), dt.date(2021, 3, 5)),
    ("某市督察整改方案\n成文时间:2021.3.1 | 发布日期:2021.3.5\n督察整改正文。", dt.date(2021, 3, 1), dt.date(2021, 3, 5)),
    ("某市督察整改方案\n发文日期:2021-03-01\n督察整改正文。", dt.date(2021, 3, 1), None),
    # an info table flattened to text: label and value parted by spaces alone
    ("某区督察整改方案\n发布机构 区环保局 发文日期 2018-07-02 09:59:50\n督察整改正文。", dt.date(2018, 7, 2), None),
    ("某区督察整改方案\n发布机构 区环保局 发文日期2018-07-02 09:59:50\n督察整改正文。", dt.date(2018, 7, 2), None),
])
def test_written_date_label_is_the_issue_date(text: str, issue: dt.date | None, publish: dt.date | None) -> None:
    meta = meta_of(text)
    assert (meta.issue_date.value if meta.issue_date else None) == issue
    assert (meta.publish_date.value if meta.publish_date else None) == publish


IMPRINTED = ("关于印发《某县督察整改方案》的通知\n各乡镇:\n现将方案印发给你们。\n1.污水直排。\n整改时限:2021年底前。\n"
             "抄送:市生态环境局。\n{imprint}\n")


@pytest.mark.parametrize(("imprint", "issue"), [
    # the imprint closing the notice (版记): its date where nothing else dates the notice
    ("中共某县委办公室 2021年5月20日印发", dt.date(2021, 5, 20)),
    ("某县人民政府办公室2021年5月20日印发", dt.date(2021, 5, 20)),
    ("某县人民政府办公室      2021 年 5 月 20 日 印发", dt.date(2021, 5, 20)),
    # a sentence telling of an issue is news, not an imprint
    ("该方案已于2021年5月20日印发", None),
    ("方案2021年5月20日印发。", None),
])
def test_the_imprint_dates_a_notice_with_no_other_date(imprint: str, issue: dt.date | None) -> None:
    meta = meta_of(IMPRINTED.format(imprint=imprint))
    assert (meta.issue_date.value if meta.issue_date else None) == issue


def test_a_signature_date_answers_before_the_imprint() -> None:
    meta = meta_of(IMPRINTED.format(imprint="某县人民政府\n2021年5月18日\n某县人民政府办公室 2021年5月20日印发"))
    assert meta.issue_date is not None and meta.issue_date.value == dt.date(2021, 5, 18)


@pytest.mark.parametrize(("line", "number"), [
    ("某环督改办﹝2022﹞3号", "某环督改办﹝2022﹞3号"),  # small brackets
    ("某办发 〔2021〕 12号", "某办发〔2021〕12号"),  # spaced by a PDF's text: the value without the spaces
    ("根据《某省整改方案》(某办发﹝2021﹞30号)要求,制定本方案。", None),  # cited in the body: not its own
])
def test_doc_number_in_small_brackets_or_spaced(line: str, number: str | None) -> None:
    text = f"某市督察整改方案\n{line}\n各县区:\n督察整改正文。\n"
    found = meta_of(normalize_text(text, Script.simplified)).doc_number
    assert (found.value if found else None) == number


@pytest.mark.parametrize(("text", "number"), [
    # a 文号 whose year is written in Chinese numerals: at the top, labelled, closing the title's line
    ("某市督察整改方案\n某政办发〔二〇二一〕12号\n各县区:\n督察整改正文。\n", "某政办发〔二〇二一〕12号"),
    ("某市督察整改方案\n某办字[二〇二二]3号\n督察整改正文。\n", "某办字[二〇二二]3号"),
    ("某市督察整改方案\n文号:某环发〔二零二零〕第8号\n督察整改正文。\n", "某环发〔二零二零〕第8号"),
    ("某市人民政府办公室关于印发《某市督察整改方案》的通知(某政办发〔二〇二一〕4号)\n督察整改正文。\n",
     "某政办发〔二〇二一〕4号"),
    # cited in the body: not the notice's own
    ("某市督察整改方案\n根据《某省整改方案》(某办发〔二〇二一〕30号)要求,制定本方案。\n督察整改正文。\n", None),
    ("某市督察整改方案\n督察整改正文。按照某政发〔二〇二一〕9号文件要求推进。\n", None),
    # a bracketed number that is no year (〔二十一〕) makes no 文号
    ("某市督察整改方案\n某办字〔二十一〕3号\n督察整改正文。\n", None),
])
def test_doc_number_with_a_chinese_numeral_year(text: str, number: str | None) -> None:
    text = normalize_text(text, Script.simplified)
    found = meta_of(text).doc_number
    assert (found.value if found else None) == number
    if found is not None:
        assert text[slice(*found.span or (0, 0))] == number


@pytest.mark.parametrize(("text", "date"), [
    # a public notice closing with a date line and no issuer above it: its own date
    ("某园区生态环境问题整改验收销号公示\n一、整改问题\n某河段有垃圾。\n五、完成时限\n2024年12月底\n"
     "如有异议,请在公示期间反映。\n监督电话:0000-1234567\n2024年9月29日\n", dt.date(2024, 9, 29)),
    ("某园区生态环境问题整改验收销号公示\n督察整改正文。\n\n                 2023年7月27日\n\n", dt.date(2023, 7, 27)),
    # a date that is no line of its own, or not the last line, dates nothing
    ("某园区生态环境问题整改验收销号公示\n督察整改正文。\n截至2023年7月27日\n", None),
    ("某园区生态环境问题整改验收销号公示\n2023年7月27日\n督察整改正文。\n", None),
])
def test_closing_date_line_without_issuer(text: str, date: dt.date | None) -> None:
    meta = meta_of(text)
    assert meta.issuers == []
    assert (meta.issue_date.value if meta.issue_date else None) == date
    if meta.issue_date is not None:
        assert meta.issue_date.span is not None and date is not None
        assert text[meta.issue_date.span[0]:meta.issue_date.span[1]] == f"{date.year}年{date.month}月{date.day}日"


@pytest.mark.parametrize(("text", "issuers"), [
    # an issuer line standing alone, no date under it, before the attachment list or closing the text
    ("某市督察整改工作方案\n督察整改正文。\n特此通知。\n\n某市督察整改指挥部办公室\n附件\n1.某清单\n", ["某市督察整改指挥部办公室"]),
    ("某市督察整改工作方案\n督察整改正文。\n某市督察整改指挥部办公室\n附 件:某市整改任务清单\n", ["某市督察整改指挥部办公室"]),
    ("某市督察整改工作方案\n督察整改正文。\n某市督察整改指挥部办公室\n", ["某市督察整改指挥部办公室"]),
    ("某市督察整改工作方案\n督察整改正文。\n中共某县委办公室\n某县人民政府办公室\n附件\n",
     ["中共某县委办公室", "某县人民政府办公室"]),
    # a unit under a label or a contact line is a task's or a contact's, no issuer
    ("某市督察整改工作方案\n一、某问题\n责任单位:\n市生态环境局\n", []),
    ("某市督察整改工作方案\n一、某问题\n牵头单位\n市生态环境局\n附件\n", []),
    ("某市督察整改工作方案\n督察整改正文。\n联系人:张三\n市生态环境局\n", []),
    # an issuer line in the text's middle, prose after it, signs nothing
    ("某市督察整改工作方案\n督察整改正文。\n市生态环境局\n督察整改正文。\n", []),
])
def test_issuer_standing_alone_with_no_date(text: str, issuers: list[str]) -> None:
    meta = meta_of(text)
    assert [i.value for i in meta.issuers] == issuers
    assert meta.issue_date is None
    for issuer in meta.issuers:
        assert issuer.span is not None and text[issuer.span[0]:issuer.span[1]] == issuer.value


SUMMARY_TABLE = ("<html><body><p>某市第二轮中央生态环境保护督察整改进展情况</p><p>截至2023年6月底,{sentence}</p>"
                 "<table border=1><tr><td>县区</td><td>整改任务数（项）</td><td>已完成</td><td>基本完成</td><td>正在推进</td>"
                 "<td>完成率</td></tr><tr><td>甲县</td><td>12</td><td>9</td><td>2</td><td>1</td><td>75%</td></tr>"
                 "<tr><td>乙县</td><td>10</td><td>7</td><td>1</td><td>2</td><td>70%</td></tr>"
                 "<tr><td>合 计</td><td>22</td><td>16</td><td>3</td><td>3</td><td>72.7%</td></tr></table>"
                 "<p>某市整改办</p><p>2023年7月5日</p></body></html>")


@pytest.mark.parametrize(("sentence", "expected"), [
    # a summary table's total row gives the figures the text states none of, by its headers
    ("各县区进展情况如下表。", {"as_of": dt.date(2023, 6, 30), "total": 22, "completed": 16, "basically_completed": 3,
                          "in_progress": 3, "completion_rate": 72.7}),
    # where the text states its figures, they stand
    ("全市20项整改任务已完成15项。", {"as_of": dt.date(2023, 6, 30), "total": 20, "completed": 15}),
])
def test_progress_from_summary_table(sentence: str, expected: dict[str, object]) -> None:
    from extract.assemble import extract_bytes
    document = extract_bytes(SUMMARY_TABLE.format(sentence=sentence).encode(), "summary.html")
    assert document.progress is not None
    assert document.progress.model_dump(exclude_none=True) == expected


def test_progress_table_needs_a_total_row() -> None:
    from extract.fields.metadata import table_progress
    rows = [[("县区", None), ("整改任务数", None), ("已完成", None)], [("甲县", None), ("12", None), ("9", None)]]
    assert table_progress([rows]) == {}
    assert {k: f.value for k, f in table_progress([[*rows, [("合计", None), ("12", None), ("9", None)]]]).items()} \
        == {"total": 12, "completed": 9}
