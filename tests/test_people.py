"""Units, leaders and persons: one parametrised case per splitting rule."""

from __future__ import annotations

import pytest

from extract.fields.people import is_name, names_places, split_people, split_unit_list, split_units
from extract.fields.raw import Piece

OFFSET = 7  # values sit somewhere inside a document: spans must follow


def piece(text: str) -> Piece:
    return Piece(text, (OFFSET, OFFSET + len(text)))


@pytest.mark.parametrize(("value", "units"), [
    ("市委办公室、市政府办公室", ["市委办公室", "市政府办公室"]),
    ("市、县区国家机关", ["市、县区国家机关"]),
    ("中央、省属在武各单位", ["中央、省属在武各单位"]),
    ("各级党委和政府及其工作部门,市、县区国家机关,各人民团体", ["各级党委和政府及其工作部门", "市、县区国家机关", "各人民团体"]),
    ("各县(市、区)人民政府、市生态环境局", ["各县(市、区)人民政府", "市生态环境局"]),
    ("普定县委、县政府", ["普定县委", "普定县政府"]),
    ("市发展改革委;市财政局", ["市发展改革委", "市财政局"]),
    ("市生态环境局等", ["市生态环境局"]),
    ("市应急管理局、市生态环境局按职责分工负责", ["市应急管理局", "市生态环境局"]),
    ("各县区政府负责", ["各县区政府"]),
    ("东营市、滨州市、淄博市人民政府", ["东营市人民政府", "滨州市人民政府", "淄博市人民政府"]),
    ("民勤县、古浪县党委和政府", ["民勤县党委和政府", "古浪县党委和政府"]),
    ("凉州区、民勤县人民政府", ["凉州区", "民勤县人民政府"]),  # another level: no shared organ
    ("东营市、滨州市", ["东营市", "滨州市"]),
    ("淄博市、淄博市人民政府", ["淄博市", "淄博市人民政府"]),  # sharing makes no second copy
    ("《某方案》(某发〔2017〕90号)确定的整改责任单位。因机构改革调整的,由调整后的单位负责。",
     ["《某方案》(某发〔2017〕90号)确定的整改责任单位"]),
    ("市林草局、市林草局", ["市林草局"]),
    # a cell listing units one per line or with spaces
    ("市住建局\n市城管局\n各区人民政府", ["市住建局", "市城管局", "各区人民政府"]),
    ("区市场监管局 区生态环境局 各街道办事处", ["区市场监管局", "区生态环境局", "各街道办事处"]),
    ("各县(市、 区)人民政府", ["各县(市、 区)人民政府"]),
    ("区公安分局、区城管局\n(第一个为牵头单位)", ["区公安分局", "区城管局"]),  # a fill-in note
    ("市生态环境局 负责", ["市生态环境局"]),
    ("各县区", ["各县区"]),
    # joiner words split between an organ and a whole unit only
    ("市生态环境局及各县区政府", ["市生态环境局", "各县区政府"]),
    ("市水务局会同市农业农村局", ["市水务局", "市农业农村局"]),
    ("县委宣传部与县融媒体中心", ["县委宣传部", "县融媒体中心"]),
    ("市委和市政府", ["市委", "市政府"]),
    ("省发展改革委、省工业和信息化厅等省直有关部门", ["省发展改革委", "省工业和信息化厅", "省直有关部门"]),
    ("市生态环境局及市住房和城乡建设局", ["市生态环境局", "市住房和城乡建设局"]),
    ("各县(市、区)党委和政府", ["各县(市、区)党委和政府"]),  # 政府 alone is no unit
    ("开发区和高新区管委会", ["开发区和高新区管委会"]),  # a bare place is no organ
    ("市人力资源和社会保障局", ["市人力资源和社会保障局"]),
    ("市生态环境局等部门", ["市生态环境局"]),
    # collectives of levels are no units of their own
    ("有关市、州人民政府", ["有关市、州人民政府"]),
    ("各市(州)、县(市、区)人民政府", ["各市(州)、县(市、区)人民政府"]),
    # a partner organ borrows its partner's place; 室 ends a unit
    ("各设区市党委、政府", ["各设区市党委", "各设区市政府"]),
    ("宿马园区党工委、管委会", ["宿马园区党工委", "宿马园区管委会"]),
    ("宿马园区管委会、党工委", ["宿马园区管委会", "党工委"]),  # only after its partner
    ("省委督查室、省政府督查室", ["省委督查室", "省政府督查室"]),
    ("市生态环境局等相关单位", ["市生态环境局"]),
    ("市生态环境局等5个部门", ["市生态环境局等5个部门"]),  # a count is no unit
    ("市生态环境局(会同市水务局)", ["市生态环境局(会同市水务局)"]),  # inside brackets
    # organ words alone after a 、 name the kinds of organ the unit before covers
    ("市政府各委、办、局", ["市政府各委、办、局"]),
    ("区政府相关委、办、局,各街道办事处", ["区政府相关委、办、局", "各街道办事处"]),
    ("市委办、市政府办", ["市委办", "市政府办"]),  # whole units, not bare organ words
    ("市委、市政府", ["市委", "市政府"]),
    # a catch-all after 及 or 和 is a unit; after 等 a tail; 及其 stays whole
    ("武威市人民政府及有关部门", ["武威市人民政府", "有关部门"]),
    ("市生态环境局及相关企业", ["市生态环境局", "相关企业"]),
    ("各县区人民政府及市直有关部门", ["各县区人民政府", "市直有关部门"]),
    ("武威市人民政府及其有关部门", ["武威市人民政府及其有关部门"]),
    ("市生态环境局等有关部门", ["市生态环境局"]),
    ("市生态环境局和有关县区", ["市生态环境局和有关县区"]),  # a collective of levels is no unit
    # a development zone's pair of organs
    ("高新区党工委、管委会", ["高新区党工委", "高新区管委会"]),
    ("兰州新区管委会、市生态环境局", ["兰州新区管委会", "市生态环境局"]),
    # duty words after the unit and 由 before it are dropped
    ("各县区政府落实", ["各县区政府"]),
    ("市住建局负责落实", ["市住建局"]),
    ("由市水务局负责", ["市水务局"]),
    ("市由", ["市由"]),  # too short to hold an opener
    ("各县市区委、政府", ["各县市区委", "各县市区政府"]),  # 政府 borrows the place before 委 too
    ("各县区委、县区政府", ["各县区委", "各县区政府"]),
    # an organ's other name in brackets (a 地区's 行署) does not stop it borrowing the place
    ("各市(地)党委、政府(行署)", ["各市(地)党委", "各市(地)政府(行署)"]),
    ("普定县委、县政府(管委会)", ["普定县委", "普定县政府(管委会)"]),
    ("市生态环境局、政府(牵头)", ["市生态环境局", "政府"]),  # a mark, no organ's other name
    ("市生态环境局、县区政府", ["市生态环境局", "县区政府"]),  # no 县 before it to borrow from
    ("市生态环境委、市政府", ["市生态环境委", "市政府"]),
    # bracketed duty words and 按照职责分工 are tails
    ("市公安局、市生态环境局(按职责分工负责)", ["市公安局", "市生态环境局"]),
    ("市水务局、市农业农村局(按职责分工)", ["市水务局", "市农业农村局"]),
    ("市水务局、市住建局按照职责分工负责", ["市水务局", "市住建局"]),
    ("市住建局(牵头),各县(市、区)人民政府(责任主体)", ["市住建局", "各县(市、区)人民政府"]),
    # a collective of levels before a unit whole by itself (市直…) is a unit of its own
    ("各县(市、区)、市直有关部门", ["各县(市、区)", "市直有关部门"]),
    ("各县区、市直各部门", ["各县区", "市直各部门"]),
    ("市、县直有关部门", ["市、县直有关部门"]),  # a bare level still joins
    ("有关市、州人民政府", ["有关市、州人民政府"]),
])
def test_units_split_only_between_whole_units(value: str, units: list[str]) -> None:
    assert [u.text for u in split_units(piece(value))] == units


@pytest.mark.parametrize("value", ["市市场监管局、市生态环境局", "市水务局会同市农业农村局", "市生态环境局(牵头)及市水务局",
                                   "由市水务局牵头,市生态环境局配合", "市政府各委、办、局,市水务局"])
def test_unit_spans_point_into_the_document(value: str) -> None:
    document = "x" * OFFSET + value
    units = split_units(piece(value))
    assert len(units) == 2
    for unit in units:
        assert document[unit.span[0]:unit.span[1]] == unit.text


@pytest.mark.parametrize(("value", "units"), [
    # bare places before an organ written once share it, wherever the run stands
    ("西安、宝鸡、渭南市政府", ["西安市政府", "宝鸡市政府", "渭南市政府"]),
    ("汕头市、揭阳市人民政府,省环保厅", ["汕头市人民政府", "揭阳市人民政府", "省环保厅"]),
    ("省水利厅、咸阳、铜川市人民政府;省林业局", ["省水利厅", "咸阳市人民政府", "铜川市人民政府", "省林业局"]),
    ("渭南市、韩城市政府", ["渭南市政府", "韩城市政府"]),  # a county-level city shares like a city
    ("临夏州、甘南州人民政府,省水利厅", ["临夏州人民政府", "甘南州人民政府", "省水利厅"]),
    ("城区、郊区政府", ["城区政府", "郊区政府"]),  # short, but county names of the table
    ("延安、榆林市人民政府和省林业局", ["延安市人民政府", "榆林市人民政府", "省林业局"]),
    # joined by a joiner word, when the place is one of the table
    ("西安和宝鸡市政府", ["西安市政府", "宝鸡市政府"]),
    ("西安市及宝鸡市人民政府", ["西安市人民政府", "宝鸡市人民政府"]),
    # a department after a place of the table: names written without their level share it
    ("青海、甘肃省发展改革委", ["青海省发展改革委", "甘肃省发展改革委"]),
    ("兰州、白银市生态环境局,省水利厅", ["兰州市生态环境局", "白银市生态环境局", "省水利厅"]),
    # a shared pair of organs: the bare organ after the run borrows every place of it
    ("兰州、白银市委、市政府", ["兰州市委", "白银市委", "兰州市政府", "白银市政府"]),
    ("天水、平凉市党委、政府", ["天水市党委", "平凉市党委", "天水市政府", "平凉市政府"]),
    # no sharing: whole units, collectives, another level, no place, a ； or a piece that is no unit
    ("省生态环境厅、省水利厅", ["省生态环境厅", "省水利厅"]),
    ("各县(区)政府", ["各县(区)政府"]),
    ("西安市生态环境局、宝鸡市政府", ["西安市生态环境局", "宝鸡市政府"]),
    ("凉州区、民勤县人民政府,省水利厅", ["凉州区", "民勤县人民政府", "省水利厅"]),
    ("高新、经开区管委会", ["高新、经开区管委会"]),  # 高新区 is no place of the table
    ("东营市;滨州市人民政府", ["东营市", "滨州市人民政府"]),
    ("省、西安、宝鸡市政府", ["省、西安、宝鸡市政府"]),
    ("有关市、州人民政府,省水利厅", ["有关市、州人民政府", "省水利厅"]),
    ("淄博市、淄博市人民政府,省水利厅", ["淄博市", "淄博市人民政府", "省水利厅"]),
    ("兰州市、白银市生态环境局", ["兰州市", "白银市生态环境局"]),  # a whole place keeps its level
    ("省水利厅、甘肃省发展改革委", ["省水利厅", "甘肃省发展改革委"]),
    ("开发区和高新区管委会", ["开发区和高新区管委会"]),  # no place of the table
    ("市生态环境局和兰州市政府", ["市生态环境局", "兰州市政府"]),
])
def test_bare_places_share_the_organ_written_after_them(value: str, units: list[str]) -> None:
    assert [u.text for u in split_units(piece(value))] == units


def test_a_shared_organ_unit_spans_its_place() -> None:
    """Each place of a run keeps the span of its own name (the unit naming the organ, its
    whole text); a borrowed bare organ, the organ's span."""
    value = "省水利厅,兰州、白银市委、市政府"
    document = "x" * OFFSET + value
    spans = [(u.text, document[u.span[0]:u.span[1]]) for u in split_units(piece(value))]
    assert spans == [("省水利厅", "省水利厅"), ("兰州市委", "兰州"), ("白银市委", "白银市委"),
                     ("兰州市政府", "市政府"), ("白银市政府", "市政府")]


@pytest.mark.parametrize(("value", "lead", "cooperating"), [
    ("西安、宝鸡市政府牵头,省水利厅配合", 0, [2]),
    ("省水利厅牵头,西安、宝鸡市政府配合", 0, [1, 2]),
    ("省水利厅;配合单位:西安、宝鸡市政府", None, [1, 2]),
])
def test_marks_on_a_shared_organ_run(value: str, lead: int | None, cooperating: list[int]) -> None:
    found = split_unit_list(piece(value))
    assert [u.text for u in found.units if "市政府" in u.text] == ["西安市政府", "宝鸡市政府"]
    assert found.lead == lead and sorted(found.cooperating) == cooperating


@pytest.mark.parametrize(("value", "lead"), [
    ("市住建局、市生态环境局(牵头)", 1),
    ("市住建局(牵头)、市生态环境局", 0),
    ("市住建局、市生态环境局", None),
    ("牵头单位:区住建局;配合单位:区水务局", 0),
    ("市住建局、市城管局牵头,市水务局配合", 0),  # a bare 牵头 after a 、-list: the list leads, first first
    ("市水务局,市住建局、市城管局牵头", 1),
    ("市水务局为牵头单位,市生态环境局、市农业农村局配合", 0),
    ("市生态环境局、市水务局(牵头部门)", 1),
    ("市住建局,市水务局牵头负责", 1),
    ("由市水务局牵头,市生态环境局配合", 0),
    ("市水务局为配合单位,市生态环境局", None),
    ("市水务局、市生态环境局(第一责任单位)", 1),
    ("市水务局、市生态环境局(牵头负责)", 1),
])
def test_lead_mark(value: str, lead: int | None) -> None:
    found = split_unit_list(piece(value))
    assert found.lead == lead
    assert all("牵头" not in u.text for u in found.units)


@pytest.mark.parametrize(("value", "units", "cooperating"), [
    ("市生态环境局(牵头),市发改委、市工信局(配合)", ["市生态环境局", "市发改委", "市工信局"], [2]),
    ("市生态环境局牵头,各县区配合", ["市生态环境局", "各县区"], [1]),
    ("市水务局(协办)、市住建局", ["市水务局", "市住建局"], [0]),
    ("市住建局、市生态环境局", ["市住建局", "市生态环境局"], []),
    # a bare 配合 after a 、-list covers the list, back to the comma or the lead
    ("市住建局牵头,市城管局、市水务局配合", ["市住建局", "市城管局", "市水务局"], [1, 2]),
    ("省生态环境厅牵头,省发展改革委、省工信厅等省直有关部门配合,各市(州)人民政府负责",
     ["省生态环境厅", "省发展改革委", "省工信厅", "省直有关部门", "各市(州)人民政府"], [1, 2, 3]),
    ("市住建局、市城管局配合", ["市住建局", "市城管局"], [1]),  # someone stays responsible
    # labels inside one cell: each holds until the next
    ("牵头单位:区住建局;配合单位:区水务局、各街道办事处", ["区住建局", "区水务局", "各街道办事处"], [1, 2]),
    ("责任单位:区住建局;协办单位:区水务局", ["区住建局", "区水务局"], [1]),
    # 参与 and 为配合单位 mark cooperating units too
    ("市生态环境局牵头,市公安局、市交通运输局参与", ["市生态环境局", "市公安局", "市交通运输局"], [1, 2]),
    ("市水务局为牵头部门,市生态环境局为配合部门", ["市水务局", "市生态环境局"], [1]),
    ("由市水务局牵头,市生态环境局配合", ["市水务局", "市生态环境局"], [1]),
    ("市发展改革委牵头,市工信局、市生态环境局按职责分工负责", ["市发展改革委", "市工信局", "市生态环境局"], []),
])
def test_cooperating_mark(value: str, units: list[str], cooperating: list[int]) -> None:
    found = split_unit_list(piece(value))
    assert [u.text for u in found.units] == units and sorted(found.cooperating) == cooperating
    document = "x" * OFFSET + value
    assert all(document[u.span[0]:u.span[1]] == u.text for u in found.units)


@pytest.mark.parametrize(("value", "people"), [
    ("高加志、马世友、苏国波、马扎西、仲生爱", ["高加志", "马世友", "苏国波", "马扎西", "仲生爱"]),
    ("王国斌,杨德智", ["王国斌", "杨德智"]),
    ("欧阳明辉、李红", ["欧阳明辉", "李红"]),
    ("县委常委、副县长吴海波", ["吴海波"]),
    ("张建国(市生态环境局局长)", ["张建国"]),
    ("李红(副市长)、王国斌(市政府副秘书长)", ["李红", "王国斌"]),
    ("副市长张建国", ["张建国"]),
    ("市、县区党委和政府主要领导", ["市、县区党委和政府主要领导"]),
    ("各级党委和政府,各人民团体主要负责人", ["各级党委和政府,各人民团体主要负责人"]),
    ("《某方案》确定的责任领导,如有变动,由接任的领导负责。", ["《某方案》确定的责任领导"]),
    ("各县区政府分管负责同志", ["各县区政府分管负责同志"]),
    ("刘国强同志", ["刘国强"]),  # the honorific goes, the name stays
    ("副县长吴海波同志、王芳同志", ["吴海波", "王芳"]),
    ("阿不都·热合曼、王芳", ["阿不都·热合曼", "王芳"]),
    # a space between a post and the name, or padding a two-character name
    ("县委常委、常务副县长 王国强", ["王国强"]),
    ("县住建局局长 李明", ["李明"]),
    ("县委书记 刘明,县长 杨光", ["刘明", "杨光"]),
    ("张三 副市长", ["张三"]),
    ("王 军", ["王军"]),
    ("张三 李四", ["张三", "李四"]),
    ("县长 王军 副县长 李明", ["王军", "李明"]),
    ("各县区 主要负责人", ["各县区 主要负责人"]),
    # a colon between the post and the name; a mark or post in brackets after a titled name
    ("副县长:陈刚", ["陈刚"]),
    ("局长：王五", ["王五"]),
    ("副市长李军(牵头)、副市长王红", ["李军", "王红"]),
    ("市政府副市长、市公安局局长李军", ["李军"]),
    ("市委书记、市长", ["市委书记", "市长"]),  # posts with no name: each stays
    ("分管副市长", ["分管副市长"]),
    ("副市长(牵头)", ["副市长(牵头)"]),  # no name in it
    # a bare title after the name
    ("李建华副市长", ["李建华"]),
    ("常务副县长", ["常务副县长"]),  # a title with its prefixes: no name 常务副 before 县长
    ("王芳常务副县长、刘强局长", ["王芳", "刘强"]),
    ("张家港市市长", ["张家港市市长"]),  # no name: a place before the post
    ("县政府县长", ["县政府县长"]),
    # a name before an organ and its title; a place before them names no one
    ("刘洋县委常委", ["刘洋"]),
    ("张伟市政府副市长、王芳县委副书记", ["张伟", "王芳"]),
    ("张家港市委书记", ["张家港市委书记"]),  # 张家港市 is a place of the table
    ("王庄镇党委书记", ["王庄镇党委书记"]),  # a town's organ is not read
    # a bare title after a titled name is that person's next post
    ("李明县委常委、副县长", ["李明"]),
    ("李明副县长、县委常委,王强", ["李明", "王强"]),
    # a name with its title before it and a note in brackets after it
    ("市长张三(总负责),副市长李四", ["张三", "李四"]),
    ("副市长张建国(统筹)", ["张建国"]),
    ("市生态环境局(牵头)", ["市生态环境局(牵头)"]),  # no name in it: kept whole
    # role chains parted by a space rather than a comma
    ("县委副书记、县长马力 县委常委、副县长牛勇", ["马力", "牛勇"]),
    ("各县(市、区)政府 主要负责人", ["各县(市、区)政府 主要负责人"]),
    # names listed with spaces, one of them padded to three characters' width
    ("陈刚 王 军", ["陈刚", "王军"]),
    ("王 军 李 明", ["王军", "李明"]),
    # a post of the Party group in the chain before the name
    ("市政府党组成员、副市长马丽", ["马丽"]),
    ("市政府党组成员", ["市政府党组成员"]),  # no name: the role stays whole
    ("张三\n(副县长)", ["张三"]),  # the post on the line under the name
    # a contact number after the name is dropped
    ("李四13800000000", ["李四"]),
    ("李四 电话:0931-1234567", ["李四"]),
    ("局长李四(13800000000)", ["李四"]),
    ("王芳、李四13912345678", ["王芳", "李四"]),
])
def test_people_are_names_or_whole_role_phrases(value: str, people: list[str]) -> None:
    assert [p.text for p in split_people(piece(value))] == people


@pytest.mark.parametrize(("text", "expected"), [
    ("马世友", True), ("苏国波", True), ("市住建局", False), ("各县区", False), ("领导小组", False),
    ("王", False), ("张三丰四五", False), ("王芳", True), ("王芳\n", False), ("常务", False), ("方案", False),
])
def test_is_name(text: str, expected: bool) -> None:
    assert is_name(text) is expected


def test_task_spans_per_list_item() -> None:
    from extract.fields.raw import RawTask
    from extract.fields.tasks import raw_to_task

    text = "责任单位:市委办公室、市政府办公室\n责任人员:高加志、马世友"
    raw = RawTask(seq="1", span=(0, len(text)))
    raw.fields["responsible_units"] = Piece("市委办公室、市政府办公室", (5, 17))
    raw.fields["persons"] = Piece("高加志、马世友", (23, 30))
    task = raw_to_task(raw, "d", None).task
    for name in ("responsible_units", "persons"):
        for k, value in enumerate(getattr(task, name)):
            start, end = task.spans[f"{name}.{k}"]
            assert text[start:end] == value


def _split_char_by_char(value: Piece) -> list[Piece]:
    """split_top_level as first written, visiting every character: the reference."""
    from extract.fields.people import people_rules
    from extract.fields.raw import piece_at

    rules = people_rules()
    closers = {close: open_ for open_, close in rules.brackets.items()}
    depth, start, pieces, text = 0, 0, [], value.text
    for index, char in enumerate(text):
        if char in rules.brackets:
            depth += 1
        elif char in closers and depth > 0:
            depth -= 1
        elif char in rules.separators and depth == 0:
            pieces += [p for p in [piece_at(text, start, index, value.span[0])] if p]
            start = index + 1
    pieces += [p for p in [piece_at(text, start, len(text), value.span[0])] if p]
    return pieces


def test_split_top_level_visits_only_marks_and_agrees() -> None:
    import random

    from extract.fields.people import split_top_level

    rng = random.Random(2)
    alphabet = "、,，;；()（）《》〔〕[]【】“”市局县 :|甲"
    for _ in range(3000):
        value = piece("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))))
        assert split_top_level(value) == _split_char_by_char(value), value


@pytest.mark.parametrize("value", [
    "高加志、马世友、苏国波", "副县长吴海波", "张三(副市长)", "市工信局(配合)、市生态环境局(牵头)、各县区等",
    "各级党委和政府及其工作部门,市、县区国家机关主要负责人", "普定县委、县政府", "",
])
def test_a_text_split_once_serves_every_offset(value: str) -> None:
    """The splits are cached by text: at another offset the same pieces come back moved, in
    lists of their own."""
    for split in (split_people, split_units):
        here, there = split(Piece(value, (0, len(value)))), split(Piece(value, (40, 40 + len(value))))
        assert [(p.text, (p.span[0] + 40, p.span[1] + 40)) for p in here] == [(p.text, p.span) for p in there]
        here.append(Piece("x", (0, 1)))
        assert split(Piece(value, (0, len(value)))) == here[:-1]
    listed = split_unit_list(Piece(value, (3, 3 + len(value))))
    assert (listed.lead, listed.cooperating) == (split_unit_list(piece(value)).lead, split_unit_list(piece(value)).cooperating)


def test_spaced_names_point_at_what_the_text_writes() -> None:
    value = "县住建局局长 李明、王 军"
    document = "x" * OFFSET + value
    spans = [document[p.span[0]:p.span[1]] for p in split_people(piece(value))]
    assert spans == ["李明", "王 军"]  # a padded name's span covers its padding


def test_the_common_word_list_is_what_jieba_gives() -> None:
    """rules/common_two_char_words.txt is current: the generator writes the same text from the
    installed jieba, and each word is one jieba itself counts common (the runtime test it
    replaces: frequency at least the threshold, no person-name tag)."""
    import jieba
    import jieba.posseg

    from extract.fields.common_words import WORDS_FILE, written_list
    from extract.fields.people import common_two_char_words, people_rules, surnames

    assert WORDS_FILE.read_text(encoding="utf-8") == written_list()
    jieba.setLogLevel(60)
    jieba.initialize()
    freq, tags = jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab
    singles, compounds = surnames()
    asked = {word for word in freq if len(word) == 2 and (word[0] in singles or word in compounds)}
    threshold = people_rules().common_word_min_freq
    assert {w for w in asked if freq[w] >= threshold and not tags.get(w, "").startswith("nr")} == common_two_char_words()


@pytest.mark.parametrize(("value", "is_place"), [
    ("雁塔区", True), ("西安市雁塔区", True), ("长安区、鄠邑区", True), ("雁塔区(曲江新区)", True), ("眉山天府新区", True),
    ("凉山州", True), ("达拉特旗", True), ("城区", True),  # two characters: the adcode table knows it
    ("全市", False), ("市区", False), ("各区县", False), ("其他", False), ("省级", False), ("某区", False),
    ("高新区管委会", False),  # an organ, not a place
    ("/", False), ("无", False), ("大气", False), ("市直部门", False), ("经核查,该企业位于雁塔区。", False),
    ("雁塔区" * 30, False),
])
def test_a_complaint_region_value_names_places_or_not(value: str, is_place: bool) -> None:
    assert names_places(value) is is_place


MARKED_LIST = """某市贯彻落实督察反馈意见整改任务清单
<table border=1>
<tr><td>序号</td><td>反馈问题</td><td>整改时限</td><td>牵头市领导</td><td>责任单位</td><td>责任人</td></tr>
<tr><td>1</td><td>甲河水质超标。</td><td>2022年底前</td><td>李建华副市长</td><td>市水务局为牵头单位，市生态环境局、各县(市、区)人民政府配合</td><td>王立新（市水务局局长）</td></tr>
<tr><td>2</td><td>乙园区污水直排。</td><td>长期坚持</td><td>市委常委、副市长：张志强</td><td>高新区党工委、管委会，市政府各委、办、局</td><td>周明</td></tr>
</table>"""


def test_a_task_table_reads_marked_units_and_titled_leaders() -> None:
    """Through the whole pipeline: the lead marked after its unit, cooperating units, a
    zone's pair of organs, bare organ words, names with their titles around them."""
    from extract.assemble import extract_bytes

    document = extract_bytes(f"<html><body>{MARKED_LIST}</body></html>".encode(), "list.html")
    first, second = document.tasks
    assert (first.lead_unit, first.responsible_units) == ("市水务局", ["市水务局"])
    assert first.cooperating_units == ["市生态环境局", "各县(市、区)人民政府"]
    assert (first.leaders, first.persons) == (["李建华"], ["王立新"])
    assert second.responsible_units == ["高新区党工委", "高新区管委会", "市政府各委、办、局"]
    assert second.leaders == ["张志强"]
    for task in (first, second):
        for name in ("leaders", "persons"):
            for k, value in enumerate(getattr(task, name)):
                start, end = task.spans[f"{name}.{k}"]
                assert document.text[start:end] == value
    start, end = second.spans["responsible_units.1"]
    assert document.text[start:end] == "管委会"  # a borrowing organ spans what the text writes


def test_a_padded_name_in_a_list_spans_its_padding() -> None:
    document = "责任领导:陈刚 王 军"
    value = Piece("陈刚 王 军", (5, len(document)))
    assert [document[p.span[0]:p.span[1]] for p in split_people(value)] == ["陈刚", "王 军"]


LEVELLED_LABELS = """某县贯彻落实中央生态环境保护督察反馈意见整改方案
1.城区垃圾填埋场渗滤液超标。
县级包抓领导:王海军(县委常委、副县长)
主办单位:县城管局
协办单位:县生态环境局、县财政局
具体负责人:县城管局局长 周强
督导部门:县委督查室
整改时限:2022年底前
2.矿山生态修复滞后。
市级牵头领导:副市长 李卫东
责任主体单位:县自然资源局
协助单位:县林业局
整改负责人:刘洋
督办部门:县政府督查室
整改时限:2023年底前
"""


def test_leader_unit_person_and_supervisor_labels_with_their_level() -> None:
    """Labels naming the leader's level (县级包抓领导, 市级牵头领导), a task list's 主办单位 /
    协办单位 pair, 责任主体单位 read whole (never 责任主体 with a value 单位:…), 负责人 and
    督导部门 forms."""
    from extract.assemble import extract_bytes

    first, second = extract_bytes(LEVELLED_LABELS.encode(), "levels.txt").tasks
    assert (first.leaders, first.responsible_units, first.cooperating_units) == (
        ["王海军"], ["县城管局"], ["县生态环境局", "县财政局"])
    assert (first.persons, first.supervisors) == (["周强"], ["县委督查室"])
    assert (second.leaders, second.responsible_units, second.cooperating_units) == (
        ["李卫东"], ["县自然资源局"], ["县林业局"])
    assert (second.persons, second.supervisors) == (["刘洋"], ["县政府督查室"])


def test_a_footer_after_the_last_task_lends_it_no_unit() -> None:
    text = LEVELLED_LABELS + "\n主办单位:某县人民政府办公室  承办单位:某县信息中心\n网站标识码:1234567890\n"
    from extract.assemble import extract_bytes

    assert extract_bytes(text.encode(), "footer.txt").tasks[-1].responsible_units == ["县自然资源局"]


def test_labels_after_a_closing_bracket_of_labels_are_the_items() -> None:
    """`(牵头市领导:王强;牵头单位:市工信局;责任单位:…)整改时限:…`: the deadline after the
    bracket is a label of its own, not the end of the last unit."""
    from extract.assemble import extract_bytes

    text = ("某市贯彻落实中央生态环境保护督察反馈意见整改方案\n"
            "1.某钢厂超低排放改造滞后。(牵头市领导:王强;牵头单位:市工信局;责任单位:市生态环境局、某区政府)"
            "整改时限:2022年底前。\n"
            "2.散煤治理不彻底。(责任领导:副市长刘伟;责任单位:市发改委(牵头)、各县(市、区)政府)整改时限:2022年10月底前。\n")
    first, second = extract_bytes(text.encode(), "brackets.txt").tasks
    assert (first.leaders, first.responsible_units) == (["王强"], ["市工信局", "市生态环境局", "某区政府"])
    assert first.deadline is not None and first.deadline.date is not None
    assert first.deadline.date.isoformat() == "2022-12-31"
    assert (second.leaders, second.responsible_units) == (["刘伟"], ["市发改委", "各县(市、区)政府"])
    assert second.deadline is not None and second.deadline.date is not None
    assert second.deadline.date.isoformat() == "2022-10-31"


@pytest.mark.parametrize(("value", "units", "persons"), [
    ("县住建局 李明", ["县住建局"], ["李明"]),
    ("县生态环境分局(牵头) 赵刚;各乡镇人民政府", ["县生态环境分局", "各乡镇人民政府"], ["赵刚"]),
    ("市住建局 市城管局", ["市住建局", "市城管局"], []),  # units alone
    ("各县(市、 区)人民政府", ["各县(市、 区)人民政府"], []),
])
def test_a_unit_with_its_person_after_it(value: str, units: list[str], persons: list[str]) -> None:
    from extract.fields.people import persons_in_units

    assert [u.text for u in split_units(piece(value))] == units
    assert [p.text for p in persons_in_units(value)] == persons


def test_a_units_and_persons_column_gives_both() -> None:
    """责任单位及责任人 | 县住建局 李明: the unit is the task's, the name its person, in a
    table as in text."""
    from extract.assemble import extract_bytes

    table = ("<html><body><p>某县生态环境保护督察反馈问题整改清单</p><table>"
             "<tr><td>序号</td><td>问题</td><td>责任单位及责任人</td><td>完成时限</td></tr>"
             "<tr><td>1</td><td>污水处理厂超负荷。</td><td>县住建局 李明</td><td>2022年底前</td></tr>"
             "<tr><td>2</td><td>农村黑臭水体。</td><td>县生态环境分局(牵头) 赵刚;各乡镇人民政府</td>"
             "<td>2023年6月底前</td></tr></table></body></html>")
    first, second = extract_bytes(table.encode(), "list.html").tasks
    assert (first.responsible_units, first.persons) == (["县住建局"], ["李明"])
    assert (second.responsible_units, second.persons) == (["县生态环境分局", "各乡镇人民政府"], ["赵刚"])
    text = ("某县贯彻落实中央生态环境保护督察反馈意见整改方案\n1.污水处理厂超负荷。\n"
            "责任单位及责任人:县住建局 李明;县发改局 王芳\n整改时限:2022年底前\n")
    (task,) = extract_bytes(text.encode(), "plan.txt").tasks
    assert (task.responsible_units, task.persons) == (["县住建局", "县发改局"], ["李明", "王芳"])
    start, end = task.spans["persons.1"]
    assert extract_bytes(text.encode(), "plan.txt").text[start:end] == "王芳"


AUTONOMOUS_LEVELS = """某盟贯彻落实中央生态环境保护督察报告整改方案
1.部分旗县草原超载过牧。
盟级责任领导:副盟长孙振江
牵头单位:盟林草局
责任单位:各旗县市(区)人民政府
整改时限:2023年底前
2.河道断面水质不达标。
牵头州领导:副州长才让
牵头单位:州生态环境局
整改时限:2024年6月底前
3.团场养殖粪污处理不完善。
师市责任领导:师市副师长、副市长刘伟
责任单位:师市农业农村局,一〇一团、一〇二团
整改时限:2023年底前
4.垃圾填埋场渗滤液超标。(州级领导:王明;牵头单位:州住建局;责任单位:各县(市)人民政府;整改时限:2023年底前)
5.工业固废堆存不规范。(旗级领导:旗委常委 额尔敦;牵头单位:旗工信局;整改时限:2023年底前)
"""


def test_leader_labels_of_autonomous_regions_levels() -> None:
    """Leader labels naming a 盟, 州, 师市 or 旗 level (盟级责任领导, 牵头州领导, 师市责任领导,
    州级领导 in a bracket of labels) are leaders, not part of the problem; a name right
    after a title needs no Han surname (副州长才让, 旗委常委 额尔敦); 师市副师长 is an
    organ's title, no name; the Corps's regiments are units of their own."""
    from extract.assemble import extract_bytes

    tasks = extract_bytes(AUTONOMOUS_LEVELS.encode(), "levels.txt").tasks
    assert [task.leaders for task in tasks] == [["孙振江"], ["才让"], ["刘伟"], ["王明"], ["额尔敦"]]
    assert [task.problem for task in tasks][:3] == ["部分旗县草原超载过牧。", "河道断面水质不达标。", "团场养殖粪污处理不完善。"]
    assert tasks[2].responsible_units == ["师市农业农村局", "一〇一团", "一〇二团"]
    assert tasks[3].responsible_units == ["州住建局", "各县(市)人民政府"]


@pytest.mark.parametrize(("value", "names"), [
    ("副州长才让", ["才让"]),
    ("县委常委、副县长扎西多吉", ["扎西多吉"]),
    ("行署副专员李建国", ["李建国"]),
    ("副市长 额尔敦", ["额尔敦"]),
    # words a title may have after it are no name
    ("副县长牵头", ["副县长牵头"]),
    ("县长助理", ["县长助理"]),
    ("市长和副市长", ["市长和副市长"]),
    ("副县长具体负责", ["副县长具体负责"]),
    ("局长统筹", ["局长统筹"]),
    ("县长亲自抓", ["县长亲自抓"]),
])
def test_a_name_after_a_title_needs_no_han_surname(value: str, names: list[str]) -> None:
    assert [p.text for p in split_people(Piece(value, (0, len(value))))] == names
