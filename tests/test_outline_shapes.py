"""Outline shapes of real plans, as tables of real lines read from ../shared/corpus at test time
(the texts are never copied here): numbering schemes, PDF furniture, glued and wrapped headings,
numbered lines that are not headings, and the hand-labelled counts of tests/labels/outline_*.yaml.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from plan_parser import OutlineNode, Plan, parse_text
from plan_parser.structure.markers import page_prefixed_markers, read_marker, unnumbered_heading

from .conftest import SHARED_CORPUS, parsed

LABELS = Path(__file__).resolve().parent / "labels"

SHANGHAI = SHARED_CORPUS / "shanghai-14th-fyp-outline-partial.txt"
BEIJING = SHARED_CORPUS / "beijing-2021-eco-restoration-plan.txt"
ELDERLY = SHARED_CORPUS / "national-2021-smart-elderly-care-action-plan.txt"
AI_2017 = SHARED_CORPUS / "national-2017-new-generation-ai-plan.txt"
PROPOSAL = SHARED_CORPUS / "national-2020-14th-fyp-proposal.txt"
SCITECH_2016 = SHARED_CORPUS / "shandong-2016-scitech-13th-plan-partial.txt"
QINGDAO = SHARED_CORPUS / "qingdao-2024-ai-action-plan.txt"
MANUFACTURING = SHARED_CORPUS / "national-2021-smart-manufacturing.txt"


# (text as folded, scheme, number path) — one row per marker form
MARKERS = [
    ("第一篇 总体战略", "part_zh", (1,)),
    ("第十二章 加快数字化发展", "chapter_zh", (12,)),
    ("第二部分 总体要求", "division_zh", (2,)),
    ("第四节 规划范围与期限", "section_zh", (4,)),
    ("第三条 本规划适用于", "article_zh", (3,)),
    ("十四、努力创造高品质生活", "cn_list", (14,)),
    ("(一)指导思想", "cn_paren", (1,)),
    ("2.3“十四五”时期经济社会发展主要目标", "decimal2", (2, 3)),
    ("1.1 “五个中心”建设既定目标如期实现", "decimal2", (1, 1)),
    ("14.1.1 综合经济实力大幅提升。", "decimal3", (14, 1, 1)),
    ("7.强化国家战略科技力量。", "arabic", (7,)),
    ("2、坚持人民至上", "arabic", (2,)),
    ("3﹒推动服务经济提质增能", "arabic", (3,)),
    ("4。加强人才培养", "arabic", (4,)),
    ("(1)扩大资源", "arabic_paren", (1,)),
    ("②提高质量", "circled", (2,)),
    ("㈡推进乡村建设", "paren_hanzi", (2,)),  # a word processor's (二) in one character
    ("⑶推进农业机械化", "paren_digit", (3,)),  # its (3)
    ("2)发展目标", "arabic_rparen", (2,)),
    ("2.个性化健康管理:鼓励", "arabic", (2,)),  # 个 after a separator is no quantity
]


@pytest.mark.parametrize(("text", "scheme", "path"), MARKERS, ids=[m[0] for m in MARKERS])
def test_marker_schemes(text: str, scheme: str, path: tuple[int, ...]) -> None:
    mm = read_marker(text)
    assert mm is not None
    assert (mm.scheme.name, mm.path) == (scheme, path)


# numbers at a line start that are quantities, never markers
NOT_MARKERS = ["2025年全市学前三年毛入园率", "93.5%的县", "2.5万亿元", "1.5个百分点", "12.%"]


@pytest.mark.parametrize("text", NOT_MARKERS)
def test_not_markers(text: str) -> None:
    assert read_marker(text) is None


def test_page_number_glued_before_a_marker() -> None:
    # the caller keeps the reading its sequence expects: 5.1.3 in chapter 五, section 5.1
    readings = [(drop, mm.path) for drop, mm in page_prefixed_markers("425.1.3 促进人工智能")]
    assert (2, (5, 1, 3)) in readings
    assert [(d, m.path) for d, m in page_prefixed_markers("15三、强化全球资源配置功能")] == [
        (2, (3,))
    ]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("总    则", "总则"),
        ("前言", "前言"),
        ("附  图", "附图"),
        ("附件1", "附件1"),
        ("附表 二", "附表二"),
        ("总则要求", None),
        ("前言1", None),
    ],
)
def test_unnumbered_headings(text: str, word: str | None) -> None:
    assert unnumbered_heading(text) == word


def _nodes_by_line(plan: Plan) -> dict[int, tuple[int, OutlineNode]]:
    out: dict[int, tuple[int, OutlineNode]] = {}

    def walk(nodes: list[OutlineNode], depth: int) -> None:
        for n in nodes:
            out[n.line] = (depth, n)
            walk(n.children, depth + 1)

    walk(plan.outline, 1)
    return out


# (plan, line, level, marker as written, what the row shows)
HEADINGS = [
    (SHANGHAI, 113, 2, "1.1", "decimal section under chapter 一"),
    (SHANGHAI, 126, 3, "1.1.1", "decimal item, run-in"),
    (SHANGHAI, 454, 1, "三、", "page number 15 glued before the chapter marker"),
    (SHANGHAI, 1048, 3, "5.1.3", "page number 42 glued before a decimal item"),
    (SHANGHAI, 2471, 2, "14.1", "page number 110 glued before a decimal section"),
    (BEIJING, 5, 1, "", "前言 glued letter-spaced after the cover date"),
    (BEIJING, 98, 1, "", "总则: unnumbered chapter"),
    (BEIJING, 99, 2, "第一节", "第一节 under 总则 stays a section"),
    (BEIJING, 190, 1, "第一章", "第X章 on the top level beside 总则"),
    (BEIJING, 177, 3, "一、", "一、 below 第X节"),
    (ELDERLY, 98, 1, "三、", "chapter glued after the last box entry"),
    (ELDERLY, 168, 1, "六、", "chapter glued, title split by a page number"),
    (SCITECH_2016, 43, 2, "(五)", "section glued after a ——— bullet"),
    (QINGDAO, 11, 3, "2.", "item after a line ending in the departments' parentheses"),
    (AI_2017, 71, 3, "2.", "main-text item 2 after box 1's entries 1.–8."),
    (PROPOSAL, 19, 2, "5.", "items numbered 1.–60. across the document"),
    (
        MANUFACTURING,
        155,
        2,
        "（二）",
        "section glued after a sentence end (in the contents)",
    ),
]


@pytest.mark.parametrize(
    ("path", "line", "level", "marker", "what"), HEADINGS, ids=[h[4] for h in HEADINGS]
)
def test_heading_lines(path: Path, line: int, level: int, marker: str, what: str) -> None:
    nodes = _nodes_by_line(parsed(path))
    assert line in nodes, what
    depth, node = nodes[line]
    assert (depth, node.marker) == (level, marker), what


# (plan, line, what): lines that start like a heading and are not one
NOT_HEADINGS = [
    (SHANGHAI, 127, "2.69 万亿元 wrapped to a line start"),
    (SHANGHAI, 166, "8.5 平方米 wrapped to a line start"),
    (SHANGHAI, 10, "table of contents entry"),
    (BEIJING, 143, "legal-basis list 1、《中华人民共和国…》"),
    (BEIJING, 45, "table of contents entry without its page number"),
    (ELDERLY, 84, "box entry 1. inside 专栏一"),
    (AI_2017, 53, "box entry 1. beside the main text's items"),
    (SCITECH_2016, 67, "box entry 1. in 专栏1"),
]


@pytest.mark.parametrize(("path", "line", "what"), NOT_HEADINGS, ids=[h[2] for h in NOT_HEADINGS])
def test_not_heading_lines(path: Path, line: int, what: str) -> None:
    assert line not in _nodes_by_line(parsed(path)), what


def test_continuous_items_raise_no_gap() -> None:
    plan = parsed(PROPOSAL)
    assert not [d for d in plan.diagnostics if d.code.startswith("numbering")]


def test_wrapped_titles_joined() -> None:
    nodes = _nodes_by_line(parsed(ELDERLY))
    assert nodes[168][1].title == "推动智能产品适老化设计，提升老年人智能技术运用能力"
    shanghai = _nodes_by_line(parsed(SHANGHAI))
    assert shanghai[111][1].title == "新阶段新起点，以党中央对上海的战略定位引领未来发展"


# PDF text of a contents page whose entry wraps: its leader and page on the next line
WRAPPED_CONTENTS = """某某省“十四五”科技创新规划
目  录
第一章  发展基础与形势 ……………………………………………… 1
第二章  强化战略科技力量，建设具有全国影响力的区域科技创新
中心 ………………………………………………………………………… 7
第一节  建设高水平实验室体系 ………………………………………… 7
第三章  保障措施 ……………………………………………………… 12
第一章  发展基础与形势
“十三五”以来，全省研发经费投入年均增长12%。
第二章  强化战略科技力量，建设具有全国影响力的区域科技创新
中心
第一节  建设高水平实验室体系
新建省实验室10家。
第三章  保障措施
加强组织领导。
"""


def test_contents_entry_wrapped_over_two_lines() -> None:
    # the entry's first line is contents, not a heading; the body heading wrapped the same way
    # is joined as the contents names it
    plan = parse_text(WRAPPED_CONTENTS)
    assert [(n.line, n.marker, n.title) for n in plan.outline] == [
        (8, "第一章", "发展基础与形势"),
        (10, "第二章", "强化战略科技力量，建设具有全国影响力的区域科技创新中心"),
        (14, "第三章", "保障措施"),
    ]
    assert [n.title for n in plan.outline[1].children] == ["建设高水平实验室体系"]
    assert not [d for d in plan.diagnostics if d.level == "warning"]


BODY = (
    "第一章 发展基础\n“十三五”期间，全市公路通车里程达到1.2万公里。\n"
    "第二章 主要任务\n第一节 完善综合交通网络\n建设综合客运枢纽3个。\n"
    "第二节 提升运输服务水平\n推进运输服务一体化。\n"
)


@pytest.mark.parametrize(
    "contents",
    [
        "第一章 发展基础\t1\n第二章 主要任务\t3\n第一节 完善综合交通网络\t3\n"
        "第二节 提升运输服务水平\t6\n",
        "第一章 发展基础   1\n第二章 主要任务   3\n第一节 完善综合交通网络   3\n"
        "第二节 提升运输服务水平   6\n",
        "第一章 发展基础\n第二章 主要任务\n",
    ],
    ids=["tab-and-page", "spaces-and-page", "titles-only"],
)
def test_contents_without_dot_leaders(contents: str) -> None:
    # a Word contents field pasted as text (page after a tab or spaces) or a web page's own
    # list of chapters: contents, not headings, when every entry has a page or the body repeats
    # the first entry
    plan = parse_text(f"某某市“十四五”交通运输发展规划\n目  录\n{contents}{BODY}")
    assert [(n.marker, n.title, len(n.children)) for n in plan.outline] == [
        ("第一章", "发展基础", 0),
        ("第二章", "主要任务", 2),
    ]
    assert not [d for d in plan.diagnostics if d.level == "warning"]


def test_a_list_of_headings_after_contents_is_not_taken_unproven() -> None:
    # no page numbers and no repeat of the first entry: the lines stay headings of the body
    plan = parse_text(f"某某市“十四五”交通运输发展规划\n目  录\n{BODY}")
    assert [n.title for n in plan.outline] == ["发展基础", "主要任务"]


def _label_files() -> list[Path]:
    return sorted(LABELS.glob("outline_*.yaml"))


@pytest.mark.parametrize("label_file", _label_files(), ids=lambda p: p.stem)
def test_counts_match_hand_labels(label_file: Path) -> None:
    """The issue's bar: headings per level, boxes and box entries as counted by hand."""
    from .eval_outline import evaluate_document

    data = yaml.safe_load(label_file.read_text(encoding="utf-8"))
    path = SHARED_CORPUS / data["document"]
    if not path.exists():
        pytest.skip(f"{path} is absent")
    rep = evaluate_document(path, data)
    assert rep.predicted_levels == rep.labelled_levels
    assert (rep.predicted_boxes, rep.predicted_entries) == (
        rep.labelled_boxes,
        rep.labelled_entries,
    )
    assert rep.precision == 1.0 and rep.recall == 1.0, (rep.misses, rep.extras)


# A made-up 纲要 divided into 篇 (the shape of the national 14th five-year plan outline): an
# unnumbered 前言, 第X篇 parts, chapters numbered across the parts, 节 and 一、 below them.
GANGYAO = """某省国民经济和社会发展第十四个五年规划纲要
前言
本纲要主要阐明全省发展战略。
第一篇 开启全面建设现代化新征程
第一章 发展环境
第一节 发展基础
一、经济实力显著增强
全省生产总值突破8万亿元。
二、创新能力持续提升
研发投入持续增长。
第二节 发展形势
当前和今后一个时期，发展仍处于重要战略机遇期。
第二章 指导方针
坚持稳中求进工作总基调。
第二篇 坚持创新驱动发展
第三章 强化战略科技力量
第一节 建设重大创新平台
建设省实验室。
"""


def test_parts_above_chapters() -> None:
    from plan_parser import parse_text

    plan = parse_text(GANGYAO)
    top = [(n.kind, n.id, n.marker, n.title) for n in plan.outline]
    assert top == [
        ("chapter", "chp_0", "", "前言"),
        ("part", "prt_1", "第一篇", "开启全面建设现代化新征程"),
        ("part", "prt_2", "第二篇", "坚持创新驱动发展"),
    ]
    part1 = plan.outline[1]
    assert [(c.kind, c.id) for c in part1.children] == [
        ("chapter", "prt_1__chp_1"),
        ("chapter", "prt_1__chp_2"),
    ]
    section = part1.children[0].children[0]
    assert (section.kind, section.id) == ("section", "prt_1__chp_1__sec_1")
    assert [(c.kind, c.id) for c in section.children] == [
        ("item", "prt_1__chp_1__sec_1__item_1"),
        ("item", "prt_1__chp_1__sec_1__item_2"),
    ]
    # 第三章 continues the chapters of 第一篇: numbered across parts, no numbering gap
    assert plan.outline[2].children[0].id == "prt_2__chp_3"
    assert not [d for d in plan.diagnostics if d.code.startswith("numbering")]


DIVISIONS = """某某市“十四五”生态环境保护规划
第一部分 发展基础
一、主要成效
“十三五”期间，全市PM2.5平均浓度下降到42微克/立方米。
第二部分 重点任务
一、深入打好蓝天保卫战
（一）推进产业结构调整
1.淘汰落后产能。关停燃煤小锅炉50台。
附件1
“十四五”生态环境保护重点工程项目表
"""


def test_divisions_are_chapters_unless_chapters_sit_below_them() -> None:
    # 第一部分 over 一、 is the chapter level; over 第一章 it is a part, like 第一篇
    plan = parse_text(DIVISIONS)
    assert [(n.kind, n.marker, n.title) for n in plan.outline] == [
        ("chapter", "第一部分", "发展基础"),
        ("chapter", "第二部分", "重点任务"),
        ("chapter", "", "附件1"),
    ]
    item = plan.outline[1].children[0].children[0]
    assert (item.kind, item.id) == ("item", "chp_2__sec_1__item_1")
    parts = parse_text(
        "第一部分 总论\n第一章 发展基础\n正文。\n第二部分 任务\n第二章 创新\n正文。\n"
    )
    assert [(n.kind, n.id, [c.id for c in n.children]) for n in parts.outline] == [
        ("part", "prt_1", ["prt_1__chp_1"]),
        ("part", "prt_2", ["prt_2__chp_2"]),
    ]


MARKERS_ALONE = """某某市“十四五”教育事业发展规划
第一章
发展基础
“十三五”期间，全市教育事业取得显著成就。
第二章
总体要求
（一）
指导思想
坚持立德树人。
（二）发展目标
到2025年，学前三年毛入园率达到92%。
一、
"""


def test_marker_alone_takes_its_title_from_the_next_line() -> None:
    # a PDF chapter page sets the marker and the title apart; a marker with no title line
    # after it (the last line) stays no heading. The node's line is its title's, where its
    # span starts; the diagnostic names the marker's
    plan = parse_text(MARKERS_ALONE)
    assert [(n.line, n.marker, n.title, len(n.children)) for n in plan.outline] == [
        (3, "第一章", "发展基础", 0),
        (6, "第二章", "总体要求", 2),
    ]
    assert [(c.line, c.title) for c in plan.outline[1].children] == [
        (8, "指导思想"),
        (10, "发展目标"),
    ]
    for n in (plan.outline[0], plan.outline[1].children[0]):
        assert MARKERS_ALONE[n.span[0] : n.span[1]] == n.title
    joined = [d.line for d in plan.diagnostics if d.code == "title-joined"]
    assert joined == [2, 5, 7]


@pytest.mark.parametrize("text", ["一、\n一、", "一、\n（一）\n", "第一章\n1.\n"])
def test_a_marker_is_never_the_title_below_a_marker(text: str) -> None:
    # hypothesis found `一、\n一、`: the second marker was taken as the first one's title
    assert parse_text(text).outline == []


def test_a_title_below_a_marker_on_the_last_line_ends_its_node() -> None:
    (node,) = parse_text("一、\n发展基础").outline
    assert (node.line, node.end_line, node.title) == (2, 2, "发展基础")


def test_parts_with_general_provisions() -> None:
    # 总则 before the first 篇 is a top-level chapter, and 第一节 under it stays a section
    from plan_parser import parse_text

    text = GANGYAO.replace(
        "前言\n本纲要主要阐明全省发展战略。", "总    则\n第一节 指导思想\n坚持新发展理念。"
    )
    plan = parse_text(text)
    first = plan.outline[0]
    assert (first.kind, first.title, [c.id for c in first.children]) == (
        "chapter",
        "总    则",
        ["chp_0__sec_1"],
    )
    assert [n.kind for n in plan.outline[1:]] == ["part", "part"]


# Numbered lines that are not headings, each a shape of real plans (made-up snippets): the
# numbers after 注：/附表：/附件： or before a 《title》 never enter the outline.
NOT_HEADING_TEXTS = [
    (
        "table-note: 注：1.… 2.… under a table, between items 1. and 2. of the section",
        "一、发展目标\n（一）主要指标\n1.经济发展。到2025年，全市生产总值达到5000亿元。\n"
        "表1 主要指标\n注：1.生产总值按可比价格计算。\n2.带〔〕的为五年累计数。\n"
        "2.创新驱动。研发投入强度达到3%。\n",
        [("一、", 1), ("（一）", 2), ("1.", 3), ("2.", 7)],
    ),
    (
        "table-note wrapped over two lines (PDF text), numbered with （1）",
        "一、发展目标\n1.经济发展。到2025年，生产总值达到5000亿元。\n"
        "注：（1）生产总值按可比价格计算，增速为年均\n增速。\n（2）带〔〕的为五年累计数。\n"
        "2.创新驱动。研发投入强度达到3%。\n",
        [("一、", 1), ("1.", 2), ("2.", 6)],
    ),
    (
        "appendix-list: 附表：1．…4． after the last chapter",
        "一、总体要求\n（一）指导思想\n坚持创新发展。\n"
        "附表：1．重大项目表\n2．重点任务分工表\n3．指标解释\n4．名词解释\n",
        [("一、", 1), ("（一）", 2)],
    ),
    (
        "appendix-list: 附件：1.… in the notice before the plan's own 一、",
        "附件：1.某市“十四五”教育发展规划\n2.重点任务分工\n一、总体要求\n1.坚持立德树人。\n",
        [("一、", 3), ("1.", 4)],
    ),
    (
        "legal-basis: 1、《中华人民共和国…》 under 规划依据",
        "第一章 总则\n第一节 规划依据\n1、《中华人民共和国城乡规划法》（2019年修正）\n"
        "2、《中华人民共和国土地管理法》（2019年修正）\n第二节 规划范围\n",
        [("第一章", 1), ("第一节", 2), ("第二节", 5)],
    ),
]


@pytest.mark.parametrize(
    ("what", "text", "headings"), NOT_HEADING_TEXTS, ids=[t[0][:24] for t in NOT_HEADING_TEXTS]
)
def test_numbered_lines_that_are_not_headings(
    what: str, text: str, headings: list[tuple[str, int]]
) -> None:
    from plan_parser import parse_text

    plan = parse_text(text)
    found = [(n.marker, n.line) for n in _nodes_by_line(plan).values() for n in [n[1]]]
    assert sorted(found, key=lambda x: x[1]) == headings, what


# Run-in item titles wrapped at the line end (Shanghai, PDF text): the title runs to the 。 near
# the start of the next line, as the document's other items of that scheme are run-in.
RUN_IN_WRAPPED = [
    (660, "打造联动长三角、服务全国、辐射亚太的进出口商品集散地"),
    (1079, "以新能源、智能网联为方向提升汽车产业特色优势和规模"),
    (1124, "大力发展以知识密集型服务为代表的高端生产性服务业"),
]


@pytest.mark.parametrize(("line", "title"), RUN_IN_WRAPPED)
def test_run_in_titles_joined(line: int, title: str) -> None:
    plan = parsed(SHANGHAI)
    node = _nodes_by_line(plan)[line][1]
    assert node.title.replace("\n", "") == title
    assert any(d.code == "title-joined" and d.line == line for d in plan.diagnostics)


# Page numbers glued before the first line of a page (Shanghai, PDF text), removed when the page
# numbering calls for them: `1业，…` on page 1, `12本一致，…` on page 12, `425.1.3 …` on page 42
GLUED_PAGES = [(120, "1"), (363, "12"), (982, "39"), (1048, "42")]


@pytest.mark.parametrize(("line", "page"), GLUED_PAGES)
def test_glued_page_numbers_removed(line: int, page: str) -> None:
    plan = parsed(SHANGHAI)
    # one summary diagnostic for all of them, with the count and the first lines
    (found,) = [d for d in plan.diagnostics if d.code == "page-number"]
    assert found.line == 120 and found.message == (
        "page number glued before the line's text removed: 118 lines (L120 1, L142 2, L165 3, …)"
    )
    assert not [q for q in plan.quantities if q.line == line and q.value_text.startswith(page)]


def test_digits_at_a_line_start_of_web_text_stay() -> None:
    # `1+X证书制度` (Anyang, web text: no page numbering to continue) keeps its 1
    from .conftest import ANYANG

    plan = parsed(ANYANG)
    assert not [d for d in plan.diagnostics if d.code == "page-number" and d.line == 422]
