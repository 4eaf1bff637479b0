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
