"""Region from the gazetteer: full and short names, the city deciding the province."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.fields.metadata import extract_metadata
from extract.fields.region import upper_name_ending_at


@pytest.mark.parametrize(("text", "region"), [
    ("武威市督察整改方案\n武威市加快整改。甘肃省要求整改。", {"province": "甘肃省", "city": "武威市"}),
    ("某方案\n石嘴山市落实自治区督察整改,宁夏全区推进。", {"province": "宁夏回族自治区", "city": "石嘴山市"}),
    ("某报告\n认真贯彻落实考察江苏重要指示精神,推进督察整改。", {"province": "江苏省"}),
    ("凉州区整改方案\n武威市凉州区推进督察整改。", {"province": "甘肃省", "city": "武威市", "county": "凉州区"}),
    ("某方案\n推进督察整改。", {}),
    ("上海市长宁区督察整改方案\n长宁区推进督察整改。", {"province": "上海市", "county": "长宁区"}),
    ("恩施州督察整改情况报告\n恩施州推进督察整改。", {"province": "湖北省", "city": "恩施土家族苗族自治州"}),
    ("海南省督察整改方案\n海南推进督察整改。", {"province": "海南省"}),
    ("济源市督察整改方案\n济源市推进督察整改。", {"province": "河南省", "county": "济源市"}),
    ("内蒙古自治区督察整改方案\n内蒙古推进督察整改,呼和浩特市加快整改,呼和浩特市统筹。",
     {"province": "内蒙古自治区"}),
    ("某报告\n推进督察整改。\n永登县人民政府\n2022年3月1日", {"province": "甘肃省", "city": "兰州市", "county": "永登县"}),
    # no place in the title or signature: the one county the text names, more often than its city
    ("关于第7项整改情况的公示\n现将东丽区督察反馈问题第7项整改情况进行公示。", {"province": "天津市", "county": "东丽区"}),
    ("某报告\n陆良县推进督察整改,陆良县加快整改。", {"province": "云南省", "city": "曲靖市", "county": "陆良县"}),
    ("某报告\n武威市推进督察整改,凉州区加快整改。", {"province": "甘肃省", "city": "武威市"}),  # the city's report
    ("某报告\n凉州区和古浪县推进督察整改。", {}),  # two counties: neither
    # a news agency's dateline is where the story was filed
    ("某新闻\n新华社北京3月2日电 督察整改有序推进。", {}),
    ("某新闻\n新华社北京3月2日电 武威市推进督察整改。", {"province": "甘肃省", "city": "武威市"}),
    # a list of several provinces names none, nor its first name a city (吉林)
    ("某新闻\n督察组对吉林、浙江、山东3省进行督察整改。", {}),
    ("某新闻\n天津、山西和湖南推进督察整改。甘肃省武威市加快整改。", {"province": "甘肃省", "city": "武威市"}),
    # several provinces named alike: none of them
    ("某新闻\n督察整改问责。天津市问责8人;山西省问责9人;湖南省问责7人。", {}),
    ("某新闻\n督察整改。山西省问责9人,山西省通报;湖南省问责7人。", {"province": "山西省"}),
    # a newspaper's own dateline is where the story was filed too
    ("某新闻\n本报兰州3月2日讯 督察整改有序推进。", {}),
    # a province standing for a count of provinces (天津等7省市) is a list too
    ("某新闻\n督察整改中,天津等7省市已完成整改任务300项。", {}),
    # a list or a ranking of cities names no one city: its province stays
    ("某新闻\n甘肃省推进督察整改,对兰州市、白银市、武威市等3市开展督察。", {"province": "甘肃省"}),
    ("某新闻\n四川省督察整改完成率较高的为自贡市100%、广元市99.4%、遂宁市99.2%。", {"province": "四川省"}),
    ("某新闻\n兰州市推进督察整改,兰州市、白银市加快整改。", {"province": "甘肃省", "city": "兰州市"}),
    # a city alone before a count of cities stands for the list
    ("某新闻\n云南省推进督察整改,督察组向丽江等5州(市)反馈意见。", {"province": "云南省"}),
    ("某新闻\n甘肃省推进督察整改,兰州等3市加快整改。", {"province": "甘肃省"}),
    # several cities named alike: none of them; their province when they share one
    ("某新闻\n督察指出,昆明市湖滨带被侵占;玉溪市通海县截污不治污。云南省推进整改。", {"province": "云南省"}),
    ("某新闻\n督察整改中,福州市已办结10件;厦门市已办结8件。", {"province": "福建省"}),
    ("某新闻\n督察整改中,兰州市已办结10件;厦门市已办结8件。", {}),
])
def test_region(text: str, region: dict[str, str]) -> None:
    found = {k: f.value for k, f in extract_metadata(text, {}).region.items()}
    assert found == region


def test_region_spans_point_at_a_mention() -> None:
    text = "某方案\n武威市推进督察整改。"
    city = extract_metadata(text, {}).region["city"]
    assert city.span is not None and text[slice(*city.span)] in ("武威市", "武威")


def test_trie_pattern_takes_the_longest_name_at_each_position() -> None:
    import re

    from extract.fields.patterns import trie_alternation

    names = ["武威", "武威市", "武汉", "ABCD", "AB"]
    pattern = re.compile(trie_alternation(names))
    assert [m.group() for m in pattern.finditer("武威市武汉武威ABCXABCD")] == ["武威市", "武汉", "武威", "AB", "ABCD"]
    # the same hits as a longest-first alternation
    plain = re.compile("|".join(sorted(names, key=lambda n: (-len(n), n))))
    text = "武武威市市武汉ABABCABCD武威"
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_counties_found_by_their_full_name_longest_first() -> None:
    from extract.fields.region import find_mentions

    text = "兰州市永登县和上海市长宁区"
    found = {(text[slice(*m.span)], m.division.level) for m in find_mentions(text)}
    assert {("兰州市", "city"), ("永登县", "county"), ("长宁区", "county")} <= found


def test_adcode_table_read_without_importing_cpca() -> None:
    from extract.fields.region import adcode_table, divisions

    assert adcode_table().name == "adcodes.csv" and adcode_table().is_file()
    assert divisions()["620600"].name == "武威市"


def reference_upper_hits(text: str) -> list[tuple[int, int, str]]:
    """The plain reading upper_hits must equal: one longest-first alternation of all the
    province and city names, scanned with finditer."""
    import re

    from extract.fields.region import name_index

    upper, _ = name_index()
    pattern = re.compile("|".join(re.escape(n) for n in sorted(upper, key=lambda n: (-len(n), n))))
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def test_upper_hits_match_a_plain_alternation_on_the_corpus(corpus: Path) -> None:
    from extract.fields.region import upper_hits

    texts = [path.read_text(encoding="utf-8") for path in sorted((corpus / "seeds").glob("*.txt"))]
    texts += ["", "北", "北京", "北京市", "内蒙古自治区呼和浩特市", "武威武威市武", "恩施州恩施土家族苗族自治州",
              "宁夏回族自治区宁夏", "海南省海南", "兰州兰州市x甘肃"]
    for text in texts:
        assert upper_hits(text, 0, len(text)) == reference_upper_hits(text)


def test_mentions_in_a_window_are_those_of_the_slice() -> None:
    from extract.fields.region import find_mentions

    text = "兰州市永登县和上海市长宁区,甘肃省武威市凉州区。宁夏石嘴山市"
    for start in range(len(text)):
        for end in range(start, len(text) + 1):
            shifted = [(m.division, (m.span[0] - start, m.span[1] - start)) for m in find_mentions(text, start, end)]
            assert shifted == [(m.division, m.span) for m in find_mentions(text[start:end])]


def reference_county_hits(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The first reading county_hits must equal: a `[县区市旗]` regex scan, the longest
    county name ending at each hit."""
    import re

    from extract.fields.region import name_index

    _, counties = name_index()
    hits = []
    for match in re.finditer("[县区市旗]", text[:end]):
        stop = match.end()
        if match.start() < start:
            continue
        for length in range(min(15, stop - start), 1, -1):
            if text[stop - length:stop] in counties:
                hits.append((stop - length, stop, text[stop - length:stop]))
                break
    return sorted(hits)


def test_county_hits_match_a_regex_scan_on_the_corpus(corpus: Path) -> None:
    from extract.fields.region import county_hits

    texts = [path.read_text(encoding="utf-8") for path in sorted((corpus / "seeds").glob("*.txt"))]
    texts += ["", "县", "区县", "永登县", "兰州市永登县和上海市长宁区", "市辖区旗县市区"]
    for text in texts:
        for start, end in ((0, len(text)), (1, len(text)), (0, len(text) // 2), (len(text) // 3, len(text) - 1)):
            found = sorted((at, stop, text[at:stop]) for at, stop, _ in county_hits(text, start, max(start, end)))
            assert found == reference_county_hits(text, start, max(start, end))


@pytest.mark.parametrize(("text", "end", "start"), [
    ("对河南省第三", 4, 1),
    ("广西壮族自治区党委", 7, 0),
    ("落实省委", 3, None),
])
def test_upper_name_ending_at(text: str, end: int, start: int | None) -> None:
    assert upper_name_ending_at(text, end) == start


@pytest.mark.parametrize(("text", "region"), [
    # a county renamed after the adcode table (宁乡县 → 宁乡市) is found by either name, as written
    ("关于印发《宁乡市督察整改方案》的通知\n现印发给你们。\n中共宁乡市委办公室\n宁乡市人民政府办公室\n2022年1月20日",
     {"province": "湖南省", "city": "长沙市", "county": "宁乡市"}),
    ("宁乡县督察整改方案\n宁乡县推进督察整改。", {"province": "湖南省", "city": "长沙市", "county": "宁乡县"}),
    ("盘州市督察整改方案\n盘州市推进督察整改。", {"province": "贵州省", "city": "六盘水市", "county": "盘州市"}),
])
def test_renamed_county(text: str, region: dict[str, str]) -> None:
    found = {k: f.value for k, f in extract_metadata(text, {}).region.items()}
    assert found == region


def test_renamed_counties_name_a_county_of_the_table() -> None:
    from extract.fields.metadata_rules import metadata_rules
    from extract.fields.region import name_index
    _, counties = name_index()
    for new, old in metadata_rules().renamed_counties.items():
        assert len(counties[old]) == 1 and counties[new][0].code == counties[old][0].code, new


@pytest.mark.parametrize(("text", "region"), [
    # a banner or prefecture by the short name its region's notices use
    ("科右中旗督察整改方案\n科右中旗推进督察整改。", {"province": "内蒙古自治区", "city": "兴安盟", "county": "科尔沁右翼中旗"}),
    ("东乌旗督察整改方案\n东乌旗推进督察整改。", {"province": "内蒙古自治区", "city": "锡林郭勒盟", "county": "东乌珠穆沁旗"}),
    ("巴州督察整改方案\n巴州推进督察整改。", {"province": "新疆维吾尔自治区", "city": "巴音郭楞蒙古自治州"}),
    # a prefecture whose people is named without 族 (伊犁哈萨克自治州) by its place name and 州
    ("伊犁州督察整改方案\n伊犁州推进督察整改。", {"province": "新疆维吾尔自治区", "city": "伊犁哈萨克自治州"}),
    # a prefecture renamed 地区 → 市, its county too: found, named as written
    ("那曲市色尼区督察整改方案\n色尼区推进督察整改。", {"province": "西藏自治区", "city": "那曲市", "county": "色尼区"}),
    # a Corps city set up after the table was made
    ("第十师北屯市督察整改方案\n北屯市推进督察整改。", {"province": "新疆维吾尔自治区", "county": "北屯市"}),
])
def test_autonomous_regions_short_renamed_and_new_divisions(text: str, region: dict[str, str]) -> None:
    found = {k: f.value for k, f in extract_metadata(text, {}).region.items()}
    assert found == region


def test_division_short_and_added_names_point_at_real_codes() -> None:
    from extract.fields.metadata_rules import metadata_rules
    from extract.fields.region import divisions, name_index
    upper, counties = name_index()
    rules = metadata_rules()
    for short, full in rules.division_short_names.items():
        assert (upper.get(short) or counties.get(short)) == (upper.get(full) or counties.get(full)), short
        assert upper.get(full) or counties.get(full), full
    for new, old in rules.renamed_cities.items():
        assert len(upper[old]) == 1 and upper[new][0].code == upper[old][0].code, new
    for name, code in rules.added_counties.items():
        assert code not in divisions() and counties[name][0].code == code, name
