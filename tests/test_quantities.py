"""Quantities: real sentences -> expected records. Each row says where it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from plan_parser import Plan, Quantity, parse_text

from .conftest import ANYANG, NATIONAL, SHANDONG, corpus_text, parsed


@dataclass(frozen=True)
class Example:
    line: int  # line of the bundled plan the record sits on
    value: float
    expect: dict[str, Any]


# anyang-2022-13.txt, checked against the source by hand
ANYANG_EXAMPLES = [
    # 从A增加到B: one baseline with its start
    Example(
        36,
        144.26,
        dict(
            kind="baseline",
            indicator="在校生人数",
            unit="万人",
            year=2020,
            from_value=130.23,
            from_year=2016,
            comparator="eq",
        ),
    ),
    Example(36, 3404, dict(indicator="学校数量", unit="所", from_value=3199)),
    Example(40, 90.3, dict(kind="baseline", indicator="学前三年毛入园率", unit="%", year=2020)),
    Example(40, 316, dict(kind="baseline", indicator="新增有证幼儿园", unit="所")),
    Example(44, 97, dict(scope="全市", indicator="九年义务教育巩固率")),
    Example(48, 50, dict(comparator="gt", unit="%", kind="baseline")),  # 均高于50%
    Example(48, 60, dict(comparator="ge", unit="%")),  # 提高至60%以上
    Example(66, 32487, dict(unit="名", period="十三五期间", kind="baseline")),
    Example(74, 122.87, dict(unit="亿元", from_value=78, from_year=2016, year=2020)),
    Example(74, 17.72, dict(scope="滑县", indicator="国家财政性教育经费拨款", unit="亿元")),
    Example(76, 600, dict(comparator="gt", unit="所")),  # 600多所学校
    Example(78, 100, dict(indicator="中小学宽带网络接入率", scope="全市", unit="%")),
    # targets
    Example(
        226,
        95,
        dict(
            kind="target", year=2025, comparator="ge", unit="%", indicator="中小学生体质测试达标率"
        ),
    ),
    Example(226, 1, dict(kind="standard", unit="小时", period="每天", year=None)),  # 每天一小时
    Example(226, 10, dict(kind="target", unit="所", year=2025)),
    Example(250, 1, dict(kind="target", indicator="高校", unit="所", year=2025)),
    Example(250, 8, dict(indicator="高中阶段学校", unit="所")),
    Example(250, 60, dict(indicator="中小学", unit="所")),
    Example(256, 50, dict(indicator="样板课程", unit="门")),
    Example(
        260,
        1,
        dict(
            kind="target",
            unit="个百分点",
            comparator="ge",
            period="每年",
            indicator="儿童青少年总体近视率",
            year=2025,
        ),
    ),
    Example(
        266,
        93,
        dict(
            kind="target",
            year=2025,
            unit="%",
            comparator="eq",
            scope="全市",
            indicator="学前三年毛入园率",
        ),
    ),
    Example(266, 85, dict(comparator="ge", indicator="普惠性幼儿园覆盖率")),
    Example(266, 1, dict(comparator="range", value_max=2, unit="所")),  # 1—2所
    Example(266, 50, dict(comparator="ge", indicator="公办幼儿园比例")),
    # standards
    Example(
        270,
        3000,
        dict(
            kind="standard",
            comparator="range",
            value_max=5000,
            unit="元/年",
            year=None,
            indicator="公办幼儿园生均财政拨款基准定额",
        ),
    ),
    Example(270, 200, dict(kind="standard", unit="元/年")),
    Example(322, 56, dict(kind="standard", comparator="ge", unit="人", indicator="大班额")),
    Example(322, 93.5, dict(kind="target", indicator="高中阶段教育毛入学率", year=2025)),
    Example(304, 90, dict(comparator="gt", indicator="义务教育阶段残疾儿童少年入学率")),
    Example(350, 3, dict(kind="target", year=2025, unit="所")),
    Example(390, 1, dict(kind="target", unit="所")),  # 办好一所…特殊教育学校
    Example(404, 30, dict(kind="standard", comparator="ge", unit="%")),
    Example(426, 1.7, dict(unit="万个", indicator="新增中等职业教育学位")),
    Example(456, 50, dict(comparator="approx", indicator="国家、省级一流本科专业建设点")),
    Example(512, 100, dict(comparator="ge", unit="名", indicator="省级名师")),
    Example(
        516,
        400,
        dict(kind="standard", comparator="ge", unit="元", period="每月", indicator="班主任津贴"),
    ),
    Example(516, 10, dict(kind="standard", indicator="教师教龄津贴")),
    Example(552, 2, dict(kind="standard", comparator="ge", unit="元")),
    Example(632, 5, dict(kind="target", comparator="le", year=2022, unit="%")),  # 2022年9月1日前
]


def find(plan: Plan, line: int, value: float) -> Quantity:
    hits = [q for q in plan.quantities if q.line == line and abs(q.value - value) < 1e-9]
    assert hits, f"no quantity {value} on line {line}"
    return hits[0]


@pytest.mark.parametrize("ex", ANYANG_EXAMPLES, ids=lambda e: f"L{e.line}-{e.value:g}")
def test_anyang_examples(ex: Example) -> None:
    q = find(parsed(ANYANG), ex.line, ex.value)
    got = {k: getattr(q, k) for k in ex.expect}
    assert got == ex.expect


# Text that holds numbers but no quantity: (line, text that must not become a value)
NOT_QUANTITIES = [
    (24, "2022年6月15日"),  # the notice date (before the plan)
    (28, "2021—2025年"),  # the plan period
    (28, "2035"),  # 教育现代化2035目标
    (522, "5G"),
    (538, "5G"),
    (606, "5G"),
    (422, "1+X"),
    (510, "1+10+100"),
    (692, "7·21"),
    (304, "第三期"),
    (390, "第三期"),
    (76, "第六十九中学"),
    (62, "四级社区教育网络"),
    (44, "20条底线"),
    (286, "3—6岁"),  # inside 《3—6岁儿童学习与发展指南》
]


@pytest.mark.parametrize(("line", "text"), NOT_QUANTITIES)
def test_not_quantities(line: int, text: str) -> None:
    source_lines = corpus_text(ANYANG).splitlines()
    assert text in source_lines[line - 1]  # the row checks itself: a wrong line guards nothing
    plan = parsed(ANYANG)
    for q in plan.quantities:
        if q.line == line:
            assert text not in q.value_text, q


def test_no_period_numbers_anywhere() -> None:
    for path in (ANYANG, SHANDONG, NATIONAL):
        for q in parsed(path).quantities:
            assert q.value not in (13, 14) or q.unit not in (None, "五"), q
            assert "十四五" not in q.value_text and "十三五" not in q.value_text


def test_box_targets_default_to_plan_end() -> None:
    plan = parsed(ANYANG)
    box = [q for q in plan.quantities if q.node_id and q.node_id.startswith("box_")]
    assert len(box) >= 40
    # every box target holds for 2025 but the one whose sentence names 2022年9月1日前
    assert {(q.line, q.year) for q in box if q.kind == "target" and q.year != 2025} == {(632, 2022)}


def test_node_ids_point_into_outline_or_boxes() -> None:
    plan = parsed(ANYANG)
    ids = {n.id for n in plan.iter_nodes()} | {e.id for b in plan.boxes for e in b.entries}
    assert all(q.node_id in ids for q in plan.quantities)


# Short texts through the whole pipeline: (text, [(value, field expectations)])
PLAN_HEAD = "某市“十四五”教育发展规划\n一、主要目标\n"
SNIPPETS = [
    ("到2025年,全市学前三年毛入园率达到93%。", [(93, dict(year=2025, kind="target"))]),
    ("创建3—5个省级社区教育实验区。", [(3, dict(value_max=5, comparator="range", unit="个"))]),
    ("创建3～5个实验区,建设8-10个示范校。", [(3, dict(value_max=5)), (8, dict(value_max=10))]),
    ("新建2至3所学校。", [(2, dict(value_max=3, comparator="range"))]),
    ("现有幼儿园40余家。", [(40, dict(comparator="gt", unit="家", kind="baseline"))]),
    ("培育近80个平台。", [(80, dict(comparator="approx"))]),
    ("在校生规模达到6.5万人。", [(6.5, dict(unit="万人"))]),
    ("每个乡镇至少办好一所公办中心幼儿园。", [(1, dict(comparator="ge", unit="所"))]),
    ("近视率每年降低1个百分点以上。", [(1, dict(unit="个百分点", period="每年", comparator="ge"))]),
    ("经费不超过100亿元。", [(100, dict(comparator="le", unit="亿元"))]),
    ("大班额比例控制在5%以内。", [(5, dict(comparator="le"))]),
    ("建设50个左右基地。", [(50, dict(comparator="approx"))]),
    ("转化率超过1/3。", [(0.3333, dict(comparator="gt", unit=None))]),
    (
        "（一）发展目标。到２０２５年，毛入园率达到９３％，巩固率达到９６．４％。",
        [(93, dict(unit="%", year=2025)), (96.4, dict(unit="%"))],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SNIPPETS, ids=[s[0][:12] for s in SNIPPETS])
def test_snippets(text: str, expected: list[tuple[float, dict[str, Any]]]) -> None:
    plan = parse_text(PLAN_HEAD + text + "\n")
    assert [q.value for q in plan.quantities] == pytest.approx([v for v, _ in expected])
    for q, (_, fields) in zip(plan.quantities, expected, strict=True):
        assert {k: getattr(q, k) for k in fields} == fields


def test_range_to_vs_by() -> None:
    # 到 is "by" before a year, "to" in 增加到…的
    plan = parse_text(
        PLAN_HEAD + "教师从2016年的7079人增加到2020年的10707人;到2025年达到12000人。\n"
    )
    first, second = plan.quantities
    assert (first.value, first.from_value, first.year, first.kind) == (
        10707,
        7079,
        2020,
        "baseline",
    )
    assert (second.value, second.year, second.kind) == (12000, 2025, "target")


TABLE = (
    "某省“十四五”教育事业发展规划\n一、主要指标\n"
    "指标\t2020年(现状)\t2025年(目标)\t属性\n"
    "学前教育毛入园率(%)\t90.3\t93\t预期性\n"
    "九年义务教育巩固率(%)\t96\t96.4\t约束性\n"
)


def test_main_indicator_table_rows() -> None:
    plan = parse_text(TABLE)
    got = [(q.indicator, q.kind, q.value, q.unit, q.year, q.binding) for q in plan.quantities]
    assert got == [
        ("学前教育毛入园率", "baseline", 90.3, "%", 2020, False),
        ("学前教育毛入园率", "target", 93, "%", 2025, False),
        ("九年义务教育巩固率", "baseline", 96, "%", 2020, True),
        ("九年义务教育巩固率", "target", 96.4, "%", 2025, True),
    ]


def test_html_table_page() -> None:
    from plan_parser import parse_bytes

    page = (
        "<html><body><p>某省“十四五”教育事业发展规划</p><p>一、主要指标</p><table>"
        "<tr><th>指标</th><th>2020年</th><th>2025年</th><th>属性</th></tr>"
        "<tr><td>高中阶段毛入学率(%)</td><td>92.01</td><td>93.5</td><td>预期性</td></tr>"
        "</table></body></html>"
    ).encode()
    plan = parse_bytes(page, path="t.html")
    assert [(q.kind, q.value) for q in plan.quantities] == [("baseline", 92.01), ("target", 93.5)]


def test_evaluation_figures_hold() -> None:
    """The hand-labelled sets (make eval): a regression below these bounds fails CI."""
    from .eval_quantities import Report, evaluate

    total = Report("all")
    for rep in evaluate({"anyang-2022-13.txt", "shandong-2021-edu-plan.txt"}):
        total.add(rep)
    assert total.precision >= 0.95 and total.recall >= 0.95
    for field in ("kind", "comparator", "year", "unit", "indicator"):
        assert total.accuracy(field) >= 0.93, field


FLAT_TABLE = (
    "某省“十四五”教育事业发展规划\n一、主要指标\n"
    "指标\n2020年(现状)\n2025年(目标)\n属性\n"
    "学前教育毛入园率(%)\n90.3\n93\n预期性\n"
    "高等教育毛入学率(%)\n51.86\n60左右\n预期性\n"
    "劳动年龄人口平均受教育年限(年)\n11.1\n11.3\n约束性\n"
)


def test_flattened_table_one_cell_per_line() -> None:
    plan = parse_text(FLAT_TABLE)
    got = [
        (q.indicator, q.kind, q.value, q.unit, q.comparator, q.year, q.binding, q.line)
        for q in plan.quantities
    ]
    assert got == [
        ("学前教育毛入园率", "baseline", 90.3, "%", "eq", 2020, False, 7),
        ("学前教育毛入园率", "target", 93, "%", "eq", 2025, False, 7),
        ("高等教育毛入学率", "baseline", 51.86, "%", "eq", 2020, False, 11),
        ("高等教育毛入学率", "target", 60, "%", "approx", 2025, False, 11),
        ("劳动年龄人口平均受教育年限", "baseline", 11.1, "年", "eq", 2020, True, 15),
        ("劳动年龄人口平均受教育年限", "target", 11.3, "年", "eq", 2025, True, 15),
    ]
    assert not [d for d in plan.diagnostics if d.code == "page-number"]


# henan-2021-edu-plan-opening.txt: from/to without years and 分别 lists (line, value, fields)
HENAN_EXAMPLES = [
    Example(13, 5.42, dict(indicator="各级各类学校", unit="万所", kind="baseline", year=2020)),
    Example(15, 90.3, dict(indicator="学前教育毛入园率", from_value=83.2, unit="%")),
    Example(15, 96, dict(indicator="义务教育巩固率", from_value=94, unit="%")),
    Example(15, 92.01, dict(indicator="高中阶段毛入学率", from_value=90.3, unit="%")),
    Example(15, 414, dict(from_value=875, unit="所")),
    Example(15, 51.86, dict(indicator="高等教育毛入学率", from_value=36.49)),
]


@pytest.mark.parametrize("ex", HENAN_EXAMPLES, ids=lambda e: f"L{e.line}-{e.value:g}")
def test_henan_examples(ex: Example) -> None:
    from .conftest import HENAN_OPENING

    plan = parsed(HENAN_OPENING)
    hits = [q for q in plan.quantities if q.line == ex.line and abs(q.value - ex.value) < 1e-9]
    # 90.3 occurs twice on line 15 (as a start and as an end): the end is the record
    q = next(h for h in hits if h.from_value is not None or "from_value" not in ex.expect)
    assert {k: getattr(q, k) for k in ex.expect} == ex.expect
