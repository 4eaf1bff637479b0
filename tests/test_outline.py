"""Outline, boxes, metadata and noise on the real plans of the corpus."""

from __future__ import annotations

from collections import Counter

import pytest

from plan_parser import Plan

from .conftest import ANYANG, HENAN_OPENING, NATIONAL, SHANDONG, corpus_text, parsed


def kinds(plan: Plan) -> Counter[str]:
    return Counter(n.kind for n in plan.iter_nodes())


def test_anyang_counts(anyang: Plan) -> None:
    assert kinds(anyang) == {"chapter": 4, "section": 21, "item": 95}
    assert [n.title for n in anyang.outline] == ["规划环境", "发展战略", "重点任务", "保障机制"]


# (id, marker, title, line) — anyang-2022-13.txt, read off the source by hand
ANYANG_NODES = [
    ("chp_1", "一、", "规划环境", 30),
    ("chp_1__sec_1", "(一)", "“十三五”时期安阳教育发展的主要成就", 32),
    ("chp_1__sec_1__item_1", "1.", "全面落实教育方针", 34),
    ("chp_1__sec_1__item_10", "10.", "教育保障能力不断提高", 72),
    ("chp_1__sec_2", "(二)", "“十四五”时期安阳教育面临的机遇与挑战", 84),
    ("chp_2__sec_2__item_7", "7.", "坚持统筹协调,实现全面发展", 136),
    ("chp_2__sec_4", "(四)", "主要目标", 144),
    ("chp_2__sec_4__item_1", "1.", "全面落实立德树人根本任务", 150),
    ("chp_2__sec_4__item_11", "11.", "落实教育领域综合改革举措", 190),
    ("chp_3__sec_1__item_4", "4.", "加强校内校外联动,实现协同育人", 242),
    ("chp_3__sec_5__item_3", "3.", "实施特色引领工程,建设一流学校和专业(群)", 406),
    ("chp_3__sec_11", "(十一)", "落实教育领域综合改革举措", 586),
    ("chp_4__sec_4__item_4", "4.", "营造良好氛围", 726),
]


@pytest.mark.parametrize(("node_id", "marker", "title", "line"), ANYANG_NODES)
def test_anyang_nodes(anyang: Plan, node_id: str, marker: str, title: str, line: int) -> None:
    node = {n.id: n for n in anyang.iter_nodes()}[node_id]
    assert (node.marker, node.title, node.line) == (marker, title, line)


def test_anyang_item_numbering_is_consecutive(anyang: Plan) -> None:
    for node in anyang.iter_nodes():
        numbers = [c.number for c in node.children]
        assert numbers == list(range(1, len(numbers) + 1)), node.id
    assert not [d for d in anyang.diagnostics if d.code.startswith("numbering")]


# (number, title, line, parent section, entry count, first entry name)
ANYANG_BOXES = [
    (3, "铸魂育人工程", 248, "chp_3__sec_1", 6, "立德树人示范校工程"),
    (4, "基本公共教育均等化推进工程", 358, "chp_3__sec_4", 7, "基础教育提质扩容工程"),
    (5, "技能型社会建设工程", 420, "chp_3__sec_5", 3, "1+X证书制度推广计划"),
    (6, "高等教育高质量发展工程", 452, "chp_3__sec_6", 6, "高等教育提质扩容工程"),
    (7, "高素质专业化创新型教师队伍建设工程", 506, "chp_3__sec_7", 5, "地方公费师范生充实计划"),
    (8, "教育综合改革推进工程", 622, "chp_3__sec_11", 5, "深化考试招生制度改革"),
]


def test_anyang_boxes(anyang: Plan) -> None:
    got = [
        (b.number, b.title, b.line, b.parent_id, len(b.entries), b.entries[0].name)
        for b in anyang.boxes
    ]
    assert got == ANYANG_BOXES
    assert sum(len(b.entries) for b in anyang.boxes) == 32


def test_boxes_do_not_advance_numbering(anyang: Plan) -> None:
    # 专栏3 sits after item 4 of 三(一); the next heading is section (二), numbered 2
    nodes = {n.id: n for n in anyang.iter_nodes()}
    assert nodes["chp_3__sec_2"].line == 262
    assert nodes["chp_3__sec_1__item_4"].end_line == 246  # the item ends before the box


def test_box_entry_name_and_text(anyang: Plan) -> None:
    entry = anyang.boxes[0].entries[0]
    assert entry.name == "立德树人示范校工程"
    assert entry.text.startswith("遴选1所高校、8所高中阶段学校(含中等职业学校)、60所中小学")
    assert entry.id == "box_3__entry_1"


def test_box4_groups(anyang: Plan) -> None:
    entry = anyang.boxes[1].entries[0]
    labels = [g.label for g in entry.groups]
    assert labels == [
        "市本级",
        "文峰区",
        "北关区",
        "殷都区",
        "龙安区",
        "林州市",
        "安阳县",
        "汤阴县",
        "滑 县",
        "内黄县",
    ]
    assert sum(len(g.items) for g in entry.groups) == 65
    wenfeng = entry.groups[1]
    assert wenfeng.items[0] == "新建二道街幼儿园(东区园)项目"
    assert wenfeng.items[-1] == "新建洪河高中项目"
    assert entry.end_line == 378  # 内黄县:… is the last list


def test_anyang_metadata(anyang: Plan) -> None:
    md = anyang.metadata
    assert md.title == "安阳市人民政府关于印发安阳市“十四五”教育改革发展规划的通知"
    assert md.index_number == "E0001-01-2022-00028"
    assert md.issuer == "安阳市人民政府办公室"
    assert md.written_date == "2022-06-15"
    assert md.doc_number == "安政〔2022〕13号"
    assert md.publication_date == "2022-07-13"
    assert md.validity == "有效"
    assert md.expiry_date is None
    assert md.source == "安阳市人民政府办公室"
    assert md.addressees == "各县(市、区)人民政府,市人民政府各部门及有关单位"
    assert md.notice_date == "2022-06-15"
    assert md.plan_title == "安阳市“十四五”教育改革发展规划"
    assert md.plan_period is not None
    assert (md.plan_period.start_year, md.plan_period.end_year) == (2021, 2025)


def test_anyang_noise_and_missing_boxes(anyang: Plan) -> None:
    diag = {(d.code, d.line) for d in anyang.diagnostics}
    assert ("running-header", 82) in diag  # one summary for both headers: lines 82 and 148
    (headers,) = [d.message for d in anyang.diagnostics if d.code == "running-header"]
    assert "2 lines (L82 " in headers and ", L148 " in headers
    assert ("page-chrome", 1) in diag
    missing = sorted(d.message for d in anyang.diagnostics if d.code == "missing-box")
    assert len(missing) == 2
    assert "专栏1" in missing[0]
    assert "专栏2" in missing[1] and "line 146" in missing[1]
    titles = [n.title for n in anyang.iter_nodes()]
    assert not any("通知" in t for t in titles)


def test_shandong_run_in_titles() -> None:
    plan = parsed(SHANDONG)
    assert kinds(plan) == {"chapter": 11, "section": 59}
    first = plan.outline[0]
    assert first.title == "总体要求"
    assert [c.title for c in first.children] == ["指导思想", "基本原则", "发展目标"]
    assert not plan.boxes


def test_shandong_run_in_body_is_kept() -> None:
    from plan_parser import analyse

    text = corpus_text(SHANDONG)
    p = analyse(text)
    first_block = next(b for b in p.outline.blocks if b.node_id == "chp_1__sec_1")
    assert first_block.text(p.doc).startswith("高举中国特色社会主义伟大旗帜")


def test_national_pdf_text() -> None:
    plan = parsed(NATIONAL)
    assert [n.title for n in plan.outline] == [
        "现状与形势",
        "总体思路",
        "重点任务",
        "保障措施",
        "组织实施",
    ]
    assert [b.number for b in plan.boxes] == [1, 2, 3, 4, 5, 6]
    assert plan.boxes[0].title == "智能制造技术攻关行动"
    assert [e.name for e in plan.boxes[0].entries] == ["关键核心技术", "系统集成技术"]
    # nothing from the table of contents (lines 2-20) in the outline
    assert all(n.line > 20 for n in plan.iter_nodes())
    codes = Counter(d.code for d in plan.diagnostics)
    assert codes["toc-skipped"] == 1
    assert codes["page-number"] == 1  # one summary diagnostic for every page's number
    (pages,) = [d.message for d in plan.diagnostics if d.code == "page-number"]
    assert pages.startswith("bare page number removed: 15 lines (L19 1, L43 2, L67 3, …)")


def test_henan_opening_fragment() -> None:
    plan = parsed(HENAN_OPENING)
    assert plan.metadata.doc_number == "豫政〔2021〕40号"
    assert plan.metadata.plan_title == "河南省“十四五”教育事业发展规划"
    assert plan.metadata.publication_date == "2022-01-23"
    assert plan.outline[0].title == "开启河南教育现代化新征程"


def test_anyang_path_recorded_relative() -> None:
    plan = parsed(ANYANG)
    assert not plan.source.path.startswith("/")
    assert plan.source.line_count == 730


def outline_of(text: str) -> list[tuple[str, str, str]]:
    from plan_parser import parse_text

    return [(n.id, n.kind, n.title) for n in parse_text(text, extract=False).iter_nodes()]


# (what, text, expected (id, kind, title) in document order)
SNIPPETS = [
    (
        "第一章/第一节 style puts 一、 at item level",
        "某省“十四五”规划\n第一章 总体要求\n第一节 指导思想\n一、坚持党的领导\n二、坚持人民至上\n"
        "第二节 主要目标\n第二章 重点任务\n",
        [
            ("chp_1", "chapter", "总体要求"),
            ("chp_1__sec_1", "section", "指导思想"),
            ("chp_1__sec_1__item_1", "item", "坚持党的领导"),
            ("chp_1__sec_1__item_2", "item", "坚持人民至上"),
            ("chp_1__sec_2", "section", "主要目标"),
            ("chp_2", "chapter", "重点任务"),
        ],
    ),
    (
        "sub-items (1) under items",
        "一、目标\n(一)任务\n1.学前教育\n(1)扩大资源\n(2)提高质量\n2.义务教育\n",
        [
            ("chp_1", "chapter", "目标"),
            ("chp_1__sec_1", "section", "任务"),
            ("chp_1__sec_1__item_1", "item", "学前教育"),
            ("chp_1__sec_1__item_1__sub_1", "subitem", "扩大资源"),
            ("chp_1__sec_1__item_1__sub_2", "subitem", "提高质量"),
            ("chp_1__sec_1__item_2", "item", "义务教育"),
        ],
    ),
    (
        "a line that starts with a number is not an item",
        "一、目标\n1.总体目标。\n2025年,毛入园率达到93%。\n93.5%的县通过评估。\n2.具体目标\n",
        # levels follow the order markers first appear: 1. is the second kind, so a section
        [
            ("chp_1", "chapter", "目标"),
            ("chp_1__sec_1", "section", "总体目标"),
            ("chp_1__sec_2", "section", "具体目标"),
        ],
    ),
    (
        "run-in headings with full-width punctuation",
        "一、总体要求\n（一）指导思想。高举伟大旗帜，全面贯彻方针。\n（二）基本原则。\n",
        [
            ("chp_1", "chapter", "总体要求"),
            ("chp_1__sec_1", "section", "指导思想"),
            ("chp_1__sec_2", "section", "基本原则"),
        ],
    ),
]


@pytest.mark.parametrize(("what", "text", "expected"), SNIPPETS, ids=[s[0] for s in SNIPPETS])
def test_outline_snippets(what: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert outline_of(text) == expected


# box heading forms: (text, number, title)
BOX_FORMS = [
    ("专栏3:铸魂育人工程", 3, "铸魂育人工程"),
    ("专栏3：铸魂育人工程", 3, "铸魂育人工程"),
    ("专栏 1 智能制造技术攻关行动", 1, "智能制造技术攻关行动"),
    ("专栏五 技能型社会建设工程", 5, "技能型社会建设工程"),
    ("专栏2-1  全域旅游重点项目", 2, "全域旅游重点项目"),  # numbered within chapter 2
    ("专栏3－2：智慧旅游工程", 3, "智慧旅游工程"),
]


def test_boxes_numbered_within_chapters_raise_no_repeat_or_gap() -> None:
    from plan_parser import parse_text

    text = (
        "一、任务\n专栏1-1 文化惠民工程\n1.公共文化设施建设。\n专栏1-2 非遗保护工程\n"
        "1.非遗工坊建设。\n二、旅游\n专栏3-1 全域旅游工程\n1.度假区建设。\n"
    )
    plan = parse_text(text)
    assert [(b.id, b.number, b.title) for b in plan.boxes] == [
        ("box_1", 1, "文化惠民工程"),
        ("box_1_2", 1, "非遗保护工程"),
        ("box_3", 3, "全域旅游工程"),
    ]
    assert not [d for d in plan.diagnostics if d.code in ("box-number-repeat", "missing-box")]


@pytest.mark.parametrize(("heading", "number", "title"), BOX_FORMS)
def test_box_heading_forms(heading: str, number: int, title: str) -> None:
    from plan_parser import parse_text

    plan = parse_text(f"一、任务\n(一)立德树人\n正文。\n{heading}\n示范校工程 遴选1所高校。\n")
    assert [(b.number, b.title, b.parent_id) for b in plan.boxes] == [
        (number, title, "chp_1__sec_1")
    ]
    assert plan.boxes[0].entries[0].name == "示范校工程"


def test_numbering_gap_and_repeat_diagnosed() -> None:
    from plan_parser import parse_text

    plan = parse_text("一、甲\n三、丙\n三、丙又\n")
    codes = [(d.code, d.line) for d in plan.diagnostics]
    assert ("numbering-gap", 2) in codes and ("numbering-repeat", 3) in codes
    assert [n.id for n in plan.outline] == ["chp_1", "chp_3", "chp_3_2"]


def test_small_numerals_agree_with_cn_to_int() -> None:
    """`read_marker` looks markers' numbers 1-99 up instead of parsing them: the same values."""
    from plan_parser.lang.numerals import cn_to_int
    from plan_parser.structure.markers import SMALL_NUMERALS

    assert len(SMALL_NUMERALS) == 198
    assert all(cn_to_int(k) == v for k, v in SMALL_NUMERALS.items())
