"""Quantity semantics by document shape (issue 15): the review of the last period, the plan
period, a lead sentence's year over the bullets after it, changes, multiples, intervals,
return periods and thresholds. Each row names its source: a corpus line, or "made up" (a
sentence of the shape, written for the test)."""

from __future__ import annotations

from typing import Any

import pytest

from plan_parser import parse_text

HEAD = "某市“十四五”发展规划\n"

# (name, text after HEAD, [(value, expected fields)])
SHAPES: list[tuple[str, str, list[tuple[float, dict[str, Any]]]]] = [
    (
        # shanghai-14th-fyp-outline-partial.txt lines 113, 132: the section's lead reviews 十三五
        "review by lead",
        "一、新起点\n1.1 既定目标全面完成\n“十三五”期间是上海发展史上具有里程碑意义的五年。"
        "全员劳动生产率超过 28 万元/人，地方一般公共预算收入超过 7000 亿元。\n"
        "二、主要目标\n到2025年，全员劳动生产率达到36万元/人。\n",
        [
            (28, dict(kind="baseline", year=2020, year_stated=False, comparator="gt")),
            (7000, dict(kind="baseline", year=2020, unit="亿元")),
            (36, dict(kind="target", year=2025, year_stated=True)),
        ],
    ),
    (
        # made up: a review section named by its title
        "review by title",
        "一、发展基础\n建成幼儿园316所。\n二、主要目标\n新建幼儿园20所。\n",
        [
            (316, dict(kind="baseline", year=2020, year_stated=False)),
            (20, dict(kind="target", year=2025, year_stated=False)),
        ],
    ),
    (
        # qingdao-2024-ai-action-plan.txt lines 3-4: `到2026年，…` governs the `——` bullets
        "lead year over bullets",
        "一、总体要求\n到2026年，我市人工智能产业总体水平处于全国前列。\n"
        "——创新能力。打造2—3个国家级新一代人工智能开放创新平台。\n"
        "——集群发展。培育20家左右细分领域企业。\n",
        [
            (2, dict(year=2026, year_stated=True, value_max=3)),
            (20, dict(year=2026, year_stated=True, comparator="approx")),
        ],
    ),
    (
        # made up: a paragraph after the bullets is no longer governed by the lead
        "lead year ends with the bullets",
        "一、总体要求\n到2026年，产业水平处于全国前列。\n——创新能力。打造3个平台。\n"
        "建设5个基地。\n",
        [(3, dict(year=2026, year_stated=True)), (5, dict(year=2025, year_stated=False))],
    ),
    (
        # national-2021-smart-elderly-care-action-plan.txt lines 57-60: 再培育 is more on top
        "再 + verb is a change, bare items share it",
        "一、目标\n面向不少于10个应用场景，再培育100个以上示范企业，50个以上示范园区"
        "及50个以上示范基地。\n",
        [
            (10, dict(change=None, comparator="ge")),
            (100, dict(change="increase")),
            (50, dict(change="increase", unit="个")),
            (50, dict(change="increase")),
        ],
    ),
    (
        # shanghai-14th-fyp-outline-partial.txt line 373: 翻两番 on a base year
        "multiple of a base year",
        "一、目标\n临港新片区生产总值在 2018 年基础上翻两番。\n",
        [(4, dict(unit="倍", change="increase", from_year=2018, year=2025, kind="target"))],
    ),
    (
        # shanghai-14th-fyp-outline-partial.txt line 397: a round Chinese number
        "round Chinese number",
        "一、目标\n公园数量达到千座以上。\n",
        [(1000, dict(unit="座", comparator="ge", indicator="公园数量"))],
    ),
    (
        # shanghai-14th-fyp-outline-partial.txt lines 142, 277: ordinals and anniversaries
        "ranks and anniversaries are not quantities",
        "一、回顾\n机场旅客吞吐量位居全球第 3 位和第 4 位。庆祝浦东开发开放30周年。\n",
        [],
    ),
    (
        # shanghai-14th-fyp-outline-partial.txt lines 162-166: the from-year of a pair is not
        # the year of the next value in the sentence
        "from-year stays in its pair",
        "一、发展基础\n年平均浓度从 2015 年 53 微克/立方米下降至 32 微克/立方米，"
        "人均公园绿地面积提高到8.5平方米。\n",
        [
            (32, dict(from_value=53, from_year=2015, year=2020)),
            (8.5, dict(year=2020, year_stated=False, kind="baseline")),
        ],
    ),
]

# Intervals, return periods, thresholds and norms (issue 15). The corpus has few of these
# sentences, so most rows are made up in the shape of a provincial plan's standards.
SHAPES += [
    (
        # made up (the city-size bands): two half-bounds, upper first
        "half-open interval, upper bound first",
        "一、标准\n中等城市城区常住人口<100万,≥50万。\n",
        [(50, dict(value_max=100, comparator="range", bounds="[)", unit="万"))],
    ),
    (
        # made up: lower bound first, both open
        "open interval, lower bound first",
        "一、标准\n管网压力大于0.2且小于0.4兆帕。\n",
        [(0.2, dict(value_max=0.4, comparator="range", bounds="()"))],
    ),
    (
        # made up: a band whose upper end counts
        "range with (含)",
        "一、标准\n日处理规模50—150(含)吨/日的污水处理厂。\n",
        [(50, dict(value_max=150, comparator="range", bounds="(]"))],
    ),
    (
        # made up: an ordinary range has no bounds
        "closed range has no bounds",
        "一、目标\n创建3—5个实验区。\n",
        [(3, dict(value_max=5, bounds=None))],
    ),
    (
        # made up (beijing-style flood standards): a return period is a standard
        "return period",
        "一、标准\n中心城区防洪标准达到200年一遇。\n",
        [(200, dict(unit="年一遇", kind="standard", year=None))],
    ),
    (
        # shanghai-14th-fyp-outline-partial.txt line 2285: a range of return periods
        "return period range",
        "一、标准\n面积达到 3-5 年一遇雨水排水能力。\n",
        [(3, dict(value_max=5, unit="年一遇", kind="standard"))],
    ),
    (
        # made up (the city-size bands): a threshold with the comparator before the unit
        "threshold that defines a group, comparator before the unit",
        "一、政策\n城区常住人口100万以上人口的城市全面放开落户限制。\n",
        [(100, dict(unit="万人口", comparator="ge", kind="standard"))],
    ),
    (
        # made up: a threshold with a multiplier and 以上的 + group noun
        "population threshold with 以上的",
        "一、政策\n支持城区常住人口300万以上的城市发展。\n",
        [(300, dict(comparator="ge", kind="standard"))],
    ),
    (
        # made up: a per-area norm
        "per-area norm",
        "一、标准\n每万人口拥有体育场地面积不低于2.6平方米。\n",
        [(2.6, dict(kind="standard", comparator="ge", unit="平方米"))],
    ),
    (
        # anyang-2022-13.txt line 226 shape: a count target with 以上 is not a threshold
        "count target with 以上 stays a target",
        "一、目标\n建设5个以上公共服务平台。\n",
        [(5, dict(kind="target", comparator="ge"))],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), SHAPES, ids=[s[0] for s in SHAPES])
def test_shapes(name: str, text: str, expected: list[tuple[float, dict[str, Any]]]) -> None:
    plan = parse_text(HEAD + text)
    assert [q.value for q in plan.quantities] == pytest.approx([v for v, _ in expected]), name
    for q, (_, fields) in zip(plan.quantities, expected, strict=True):
        assert {k: getattr(q, k) for k in fields} == fields, q.quote


def test_plan_period_from_the_opening() -> None:
    # made up, after qingdao-2024-ai-action-plan.txt: no title line, the period in the opening
    plan = parse_text("为加快发展，制定本行动计划（2024—2026年）。\n一、目标\n培育20家企业。\n")
    (q,) = plan.quantities
    assert (q.year, q.year_stated) == (2026, False)


def test_interval_in_a_table_cell() -> None:
    # made up, after the provincial plan: a band written in one cell of an indicator table
    plan = parse_text(
        "某省“十四五”规划\n一、主要指标\n"
        "指标\t2020年\t2025年\t属性\n"
        "中等城市城区常住人口(万人)\t60\t<100,≥50\t预期性\n"
    )
    target = [q for q in plan.quantities if q.kind == "target"]
    assert [(q.value, q.value_max, q.comparator, q.bounds, q.unit) for q in target] == [
        (50, 100, "range", "[)", "万人")
    ]


# Quantity defects of the QA pass on the corpus (from/to with a baseline word, 突破, decrease
# verbs, compound units, verbs that govern a figure). Rows name a corpus line or say "made up".
QA_SHAPES: list[tuple[str, str, list[tuple[float, dict[str, Any]]]]] = [
    (
        # beijing-2021-eco-restoration-plan.txt line 346: 从现状A提高到B is one record
        "from a baseline word to a level",
        "一、目标\n到2025年，全市天然乔木林面积从现状 436 万亩提高到 500 万亩以上。\n",
        [(500, dict(from_value=436, indicator="天然乔木林面积", unit="万亩", comparator="ge"))],
    ),
    (
        # made up: 突破 is a strict lower bound
        "突破 is gt",
        "一、目标\n到2025年，软件业务收入突破 1000 亿元。\n",
        [(1000, dict(comparator="gt", unit="亿元", indicator="软件业务收入"))],
    ),
    (
        # made up: 缩短 / 压缩 / 削减 are decreases
        "shorten and cut are decreases",
        "一、目标\n审批时间缩短 30%，会议数量压缩 20%，排放量削减 10%。\n",
        [
            (30, dict(change="decrease")),
            (20, dict(change="decrease")),
            (10, dict(change="decrease")),
        ],
    ),
    (
        # made up: compound units kept whole (万标准箱, 亿方)
        "compound units",
        "一、目标\n集装箱吞吐量达到 4700 万标准箱，年供水量达到 137 亿方。\n",
        [(4700, dict(unit="万标准箱")), (137, dict(unit="亿方"))],
    ),
    (
        # shanghai-14th-fyp-outline-partial.txt line 2249: 再新增 governs the figure
        "governing verbs are not the indicator",
        "一、目标\n力争到 2025 年全市再新增 600 万千瓦电力供应能力。\n",
        [(600, dict(indicator="电力供应能力", change="increase"))],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), QA_SHAPES, ids=[s[0] for s in QA_SHAPES])
def test_qa_shapes(name: str, text: str, expected: list[tuple[float, dict[str, Any]]]) -> None:
    plan = parse_text(HEAD + text)
    for value, fields in expected:
        got = [q for q in plan.quantities if q.value == value]
        assert got, f"{name}: no quantity {value} in {[q.value for q in plan.quantities]}"
        for key, want in fields.items():
            assert getattr(got[0], key) == want, (name, value, key, getattr(got[0], key))
