"""Year, year_stated and kind by document shape, on plans the rules were not written on: lead-ins
that govern a paragraph or a list, the plan's own period, present-state descriptions, norms, and
counts written in Chinese numerals or bare magnitudes. Each row names its source: a corpus line,
or "made up" (a sentence of the shape, written for the test); negative rows say what must NOT
change."""

from __future__ import annotations

from typing import Any

import pytest

from plan_parser import parse_text

HEAD = "某市“十四五”发展规划\n"

Row = tuple[str, str, list[tuple[float, dict[str, Any]]]]

# (name, whole text, [(value, expected fields)]): the values found, in order, must be exactly these
YEARS: list[Row] = [
    (
        # shandong-2024-ai-scitech-action-plan.txt line 3: the horizon in the paragraph's second
        # sentence governs every target after it
        "horizon lead-in governs the rest of its paragraph",
        HEAD + "一、主要目标\n瞄准前沿方向。力争到2027年，创新体系不断完善。"
        "在基础理论方面取得10项以上原创性重大科技成果；培育20家人工智能领军企业。\n",
        [
            (10, dict(year=2027, year_stated=True, kind="target")),
            (20, dict(year=2027, year_stated=True)),
        ],
    ),
    (
        # made up: a date (底前) governs only its own sentence
        "a date does not carry to the next sentence",
        HEAD + "一、任务\n2023年底前出台实施方案。建设5个基地。\n",
        [(5, dict(year=2025, year_stated=False))],
    ),
    (
        # made up: a later year in the paragraph replaces the horizon
        "the last year named governs",
        HEAD + "一、目标\n到2027年，体系基本建立。到2030年，全面建成。培育10家企业。\n",
        [(10, dict(year=2030, year_stated=True))],
    ),
    (
        # made up: the review keeps its baselines; a past horizon is not a target
        "a past horizon in a review",
        HEAD + "一、发展基础\n到2020年，全市建成幼儿园300所。其中公办园200所。\n",
        [
            (300, dict(kind="baseline", year=2020)),
            (200, dict(kind="baseline", year=2020)),
        ],
    ),
    (
        # national-2021-smart-manufacturing.txt lines 103-116: the header of a goal list, and a
        # bullet that the PDF's hard wrap split after its `。`
        "goal-list header over bullets, wrapped bullet",
        HEAD + "一、目标\n到2025年，企业大部分实现数字化；到2035年，全面普及。\n"
        "2025年的主要目标是:\n——转型升级成效显著。建成500个以上示范工厂。\n"
        "——供给能力明显增强。市场满足率超过70%。\n培育150家以上供应商。\n"
        "——基础支撑更加坚实。完成200项以上国家、行业标准的制修订。\n",
        [
            (500, dict(year=2025, year_stated=True)),
            (70, dict(year=2025, year_stated=True)),
            (150, dict(year=2025, year_stated=True)),
            (200, dict(year=2025, year_stated=True)),
        ],
    ),
    (
        # national-2017-new-generation-ai-plan.txt lines 22-32: stage lead-ins, `--` bullets
        "stage lead-ins over -- bullets",
        "一、战略目标\n分三步走:\n第一步，到2020年人工智能总体技术同步。\n"
        "--人工智能核心产业规模超过1500亿元。\n第二步，到2025年基础理论实现重大突破。\n"
        "--人工智能核心产业规模超过4000亿元。\n第三步，到2030年总体达到世界领先水平。\n"
        "--人工智能核心产业规模超过1万亿元。\n",
        [
            (1500, dict(year=2020, year_stated=True, kind="target")),
            (4000, dict(year=2025, year_stated=True)),
            (1, dict(year=2030, year_stated=True, unit="万亿元")),
        ],
    ),
]

# present-state descriptions are baselines with no year made up; targets beside them stay targets
PRESENT: list[Row] = [
    (
        # beijing-2021-eco-restoration-plan.txt line 178: the plan's area under 规划范围
        "the plan's area",
        "某市生态修复规划（2021年-2035年）\n第一章 总则\n一、规划范围\n"
        "本规划范围为某市行政辖区，总面积为 16410 平方公里。\n"
        "二、规划目标\n到2035年，森林覆盖率达到48%。\n",
        [
            (16410, dict(kind="baseline", year=None, year_stated=None, unit="平方公里")),
            (48, dict(kind="target", year=2035, year_stated=True)),
        ],
    ),
    (
        # beijing-2021-eco-restoration-plan.txt lines 242-248: the plan's zoning and premises
        "zoning scheme and premises",
        "某市生态修复规划（2021年-2035年）\n一、分区\n划定 5 个一级生态修复分区，"
        "细化为 18 个二级生态修复分区。针对 18 个二级生态修复分区的特点和问题，明确修复方式。"
        "依托北京 200 万亩耕地保护空间，落实农田保护。\n",
        [
            (5, dict(kind="baseline", year=None, indicator="一级生态修复分区")),
            (18, dict(kind="baseline", year=None)),
            (18, dict(kind="baseline", year=None, indicator="二级生态修复分区")),
            (200, dict(kind="baseline", year=None, indicator="耕地保护空间", scope="北京")),
        ],
    ),
    (
        # national-2017-new-generation-ai-plan.txt line 3: time elapsed
        "time elapsed",
        HEAD + "一、态势\n经过60多年的演进，人工智能加速发展。\n",
        [(60, dict(kind="baseline", year=None, comparator="gt"))],
    ),
    (
        # made up, negative: a goal that builds (not relies on) N things stays a target
        "building is not relying",
        HEAD + "一、目标\n依托现有园区，建设5个示范基地。\n",
        [(5, dict(kind="target", year=2025))],
    ),
    (
        # made up, negative: a review baseline keeps the year before the plan
        "review baseline keeps its year",
        HEAD + "一、发展基础\n全市建成幼儿园316所。\n",
        [(316, dict(kind="baseline", year=2020, year_stated=False))],
    ),
    (
        # shanghai-14th-fyp-outline-partial.txt line 173: a clause of only a comparator and value
        "value clause continues the subject before it",
        HEAD + "一、发展基础\n居民人均可支配收入保持全国领先，超过 7.2 万元。\n",
        [(7.2, dict(indicator="居民人均可支配收入", comparator="gt", unit="万元"))],
    ),
]

# counts written without digits, and changes: (name, whole text, values as in YEARS)
COUNTS: list[Row] = [
    (
        # shandong-2024-ai-scitech-action-plan.txt line 3: a bare magnitude after 超
        "bare magnitude with 超",
        HEAD + "一、目标\n带动相关产业规模超万亿元。\n",
        [(1, dict(unit="万亿元", comparator="gt", kind="target"))],
    ),
    (
        # national-2021-smart-manufacturing.txt line 258: a size class opening a list item
        "bare magnitude with 以上 names a class",
        HEAD + "一、装备\n航空航天智能装配装备，百万吨以上智能化乙烯成套装备。\n",
        [(100, dict(unit="万吨", comparator="ge", kind="standard", year=None))],
    ),
    (
        # anyang-2022-13.txt line 522: bandwidth as 千兆/百兆
        "bare magnitudes of bandwidth",
        HEAD + "一、目标\n成建制学校校园网主干千兆及以上、到桌面百兆及以上。\n",
        [(1000, dict(unit="兆", comparator="ge")), (100, dict(unit="兆", comparator="ge"))],
    ),
    (
        # national-2020-14th-fyp-proposal.txt line 9: Chinese numerals before 亿 in a review
        "Chinese numerals before a multiplier",
        HEAD + "一、发展成就\n基本医疗保险覆盖超过十三亿人，基本养老保险覆盖近十亿人。\n",
        [
            (13, dict(unit="亿人", comparator="gt", kind="baseline", year=2020)),
            (10, dict(unit="亿人", comparator="approx")),
        ],
    ),
    (
        # national-2020-14th-fyp-proposal.txt line 9 (held out, missed before): a figure written
        # out in numerals, with 万 inside it, before a multiplier and a unit of weight
        "figure written out with 万 inside",
        HEAD + "一、发展成就\n粮食年产量连续五年稳定在一万三千亿斤以上。\n",
        [(13000, dict(unit="亿斤", comparator="ge", kind="baseline"))],
    ),
    (
        # made up: a figure written out needs no comparator (three numerals or more)
        "figure written out without a comparator",
        HEAD + "一、目标\n全省常住人口达到一千二百万人，新增就业一百二十万人。\n",
        [(1200, dict(unit="万人", comparator="eq")), (120, dict(unit="万人", comparator="eq"))],
    ),
    (
        # made up, negative: names built from magnitudes, no comparator
        "magnitudes in names are not quantities",
        HEAD + "一、任务\n实施百万亩造林工程，推进千兆光网建设，落实千人计划，建设十百千工程。\n",
        [],
    ),
    (
        # beijing-2021-eco-restoration-plan.txt line 278: a classification closed by its count
        "count closing a classification",
        "某市生态修复规划（2021年-2035年）\n一、方式\n按照受损程度，细分为自然修复、辅助修复和"
        "生态重塑三种生态修复方式。\n",
        [(3, dict(unit="种", kind="baseline", year=None, indicator="生态修复方式"))],
    ),
    (
        # anyang-2022-13.txt lines 546, 674, negative: N大/N种 after a list without a verb of
        # classification is a name or framing
        "list counts without classification are not quantities",
        HEAD + "一、任务\n建成集行政管理、教师发展、学生发展、教育资源和数据共享五大功能为一体的"
        "数据库。推进直接取消审批、审批改为备案、实行告知承诺、优化审批服务四种方式分类改革。\n",
        [],
    ),
    (
        # shandong-2024-ai-scitech-action-plan.txt line 3: newcomers are an increase, and the
        # bare item after them shares it
        "新引育 is an increase",
        HEAD + "一、目标\n新引育90名国家级、150名省级科技人才。\n",
        [(90, dict(change="increase")), (150, dict(change="increase"))],
    ),
]

# norms written as ratios or bounded shares are standards, with no year made up
NORMS: list[Row] = [
    (
        # anyang-2022-13.txt line 510: one leader against N, and the later count of the same unit
        "per-one ratio",
        HEAD + "一、计划\n实现1名乡村首席教师协同指导10名乡村骨干教师,示范引领、辐射带动100名乡村"
        "教师的专业发展。\n",
        [
            (10, dict(kind="standard", year=None, indicator="乡村骨干教师")),
            (100, dict(kind="standard", year=None)),
        ],
    ),
    (
        # shandong-2021-edu-plan.txt line 55: one per N
        "one per N",
        HEAD + "一、任务\n强化日常监管，每5所幼儿园配备1名责任督学。\n",
        [(5, dict(kind="standard", year=None, unit="所", indicator="责任督学"))],
    ),
    (
        # made up, negative: two counts joined by 和 are not a ratio
        "two counts are not a ratio",
        HEAD + "一、目标\n建设1所示范校和10所特色校。\n",
        [(1, dict(kind="target")), (10, dict(kind="target"))],
    ),
    (
        # shandong-2021-edu-plan.txt line 95: a bound on a share of a named total
        "bounded share of a named total",
        HEAD + "一、任务\n落实好高校教师绩效工资分配实施办法，"
        "奖励性绩效占比不低于绩效工资总量的70%。\n",
        [(70, dict(kind="standard", year=None, comparator="ge"))],
    ),
    (
        # shandong-2021-edu-plan.txt line 55, negative: a share to reach is a target
        "share to reach stays a target",
        HEAD + "一、任务\n专科及以上学历幼儿教师占比达到85%以上。\n",
        [(85, dict(kind="target", year=2025))],
    ),
]

YEARS += [
    (
        # national-2020-14th-fyp-proposal.txt line 9: a year in Chinese numerals
        "year in Chinese numerals",
        HEAD + "一、发展成就\n预计二〇二〇年国内生产总值突破一百万亿元。\n",
        [(100, dict(year=2020, year_stated=True, indicator="国内生产总值", unit="万亿元"))],
    ),
    (
        # made up after the same proposal: a horizon in Chinese numerals leads its paragraph
        "horizon in Chinese numerals",
        HEAD + "一、目标\n到二〇二七年，体系基本建立。培育10家企业。\n",
        [(10, dict(year=2027, year_stated=True))],
    ),
]

# the plan's period when the title states none: (text, expected year of its undated target)
PERIODS: list[tuple[str, str, int]] = [
    # shandong-2024-ai-scitech-action-plan.txt lines 3, 6: no title; the goals name 2027
    (
        "horizon of an untitled action plan",
        "为加快发展，特制定本行动计划。\n一、主要目标\n力争到2027年，体系不断完善。\n"
        "二、重点任务\n1.强化基础研究。每年布局150项以上基础研究项目。\n",
        2027,
    ),
    # national-2017-new-generation-ai-plan.txt: stages named once each, the plan runs to the last
    (
        "staged plan ends at its last stage",
        "制定本规划。\n一、目标\n到2020年同步。到2025年突破。到2030年领先。\n二、任务\n建设5个基地。\n",
        2030,
    ),
    # made up: the horizon named most often is the plan's, not the 2035 vision
    (
        "most-named horizon over a vision year",
        "制定本规划。\n一、目标\n展望到2035年，基本实现现代化。到2025年，体系建立。\n"
        "到2025年，能力提升。\n二、任务\n建设5个基地。\n",
        2025,
    ),
    # made up: nothing names a period: a 十四五 plan
    ("no period anywhere", "制定本规划。\n一、任务\n建设5个基地。\n", 2025),
    # qingdao-2024-ai-action-plan.txt shape: the period in the opening wins over horizons
    (
        "period in the opening",
        "制定本行动计划（2024—2026年）。\n一、目标\n到2025年，初见成效。\n二、任务\n建设5个基地。\n",
        2026,
    ),
]


def _check(text: str, expected: list[tuple[float, dict[str, Any]]], name: str) -> None:
    plan = parse_text(text)
    assert [q.value for q in plan.quantities] == pytest.approx([v for v, _ in expected]), name
    for q, (_, fields) in zip(plan.quantities, expected, strict=True):
        assert {k: getattr(q, k) for k in fields} == fields, q.quote


@pytest.mark.parametrize(("name", "text", "expected"), YEARS, ids=[r[0] for r in YEARS])
def test_years(name: str, text: str, expected: list[tuple[float, dict[str, Any]]]) -> None:
    _check(text, expected, name)


@pytest.mark.parametrize(("name", "text", "expected"), PRESENT, ids=[r[0] for r in PRESENT])
def test_present_state(name: str, text: str, expected: list[tuple[float, dict[str, Any]]]) -> None:
    _check(text, expected, name)


@pytest.mark.parametrize(("name", "text", "expected"), COUNTS, ids=[r[0] for r in COUNTS])
def test_counts(name: str, text: str, expected: list[tuple[float, dict[str, Any]]]) -> None:
    _check(text, expected, name)


@pytest.mark.parametrize(("name", "text", "expected"), NORMS, ids=[r[0] for r in NORMS])
def test_norms(name: str, text: str, expected: list[tuple[float, dict[str, Any]]]) -> None:
    _check(text, expected, name)


@pytest.mark.parametrize(("name", "text", "year"), PERIODS, ids=[r[0] for r in PERIODS])
def test_plan_period(name: str, text: str, year: int) -> None:
    (q,) = [q for q in parse_text(text).quantities if q.value == 5 or q.value == 150]
    assert (q.year, q.year_stated, q.kind) == (year, False, "target"), name
