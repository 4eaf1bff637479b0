"""Front matter without a metadata header: a title wrapped over lines, the plan period in its
several spellings, the date a proposal was adopted, and the jurisdiction of a plan that names
itself only as 我市/全市/全省. Rows quote real plans (skipped without the corpus) or made-up
snippets of the same shape."""

from __future__ import annotations

import pytest

from plan_parser import parse_text
from plan_parser.lang.places import jurisdiction_in_text
from plan_parser.structure.front import plan_period

from .conftest import SHARED_CORPUS, parsed

# plan, plan title, (period name, start, end) or None, written date
FRONT = [
    (
        "shanghai-14th-fyp-outline-partial.txt",  # lines 1-2 wrap the title; line 3 the date
        "上海市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
        ("十四五", 2021, 2025),
        "2021-01-27",
    ),
    (
        "national-2020-14th-fyp-proposal.txt",  # title line 1, （2020年10月29日…通过） line 3
        "中共中央关于制定国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议",
        ("十四五", 2021, 2025),
        "2020-10-29",
    ),
    (
        "beijing-2021-eco-restoration-plan.txt",  # line 2 （2021 年-2035 年）
        "北京市国土空间生态修复规划",
        ("2021-2035", 2021, 2035),
        None,
    ),
    (
        "national-2021-smart-elderly-care-action-plan.txt",  # line 2 （2021-2025 年）
        "智慧健康养老产业发展行动计划",
        ("2021-2025", 2021, 2025),
        None,
    ),
    (
        "national-2021-smart-manufacturing.txt",
        "“十四五”智能制造发展规划",
        ("十四五", 2021, 2025),
        None,
    ),
]


@pytest.mark.parametrize("name, title, period, written", FRONT, ids=[r[0] for r in FRONT])
def test_front_of_real_plans(
    name: str, title: str, period: tuple[str, int, int] | None, written: str | None
) -> None:
    md = parsed(SHARED_CORPUS / name).metadata
    assert md.plan_title == title
    got = md.plan_period
    assert ((got.name, got.start_year, got.end_year) if got else None) == period
    assert md.written_date == written


# made-up snippets of the shapes: the first lines of a plan without a metadata header
SNIPPETS = [
    # a title on two lines, the second starting with 和
    (
        "某某市国民经济和社会发展第十四个五年规划\n和二〇三五年远景目标纲要\n一、发展基础\n",
        "十四五",
    ),
    # the period inline in the title, with a dash and 年 on both years
    ("某某县农业农村现代化规划（2021年-2035年）\n一、总体要求\n", "2021-2035"),
    # a title line without a period word, continued by one that has it
    ("某某省关于加快推进数字经济高质量发展的\n实施方案（2023—2025年）\n一、目标\n", "2023-2025"),
    # the period stated in the text only
    (
        "某某市国土空间总体规划\n一、总则\n规划期限为 2021 年至 2035 年，近期至 2025 年。\n",
        "2021-2035",
    ),
    # no period anywhere
    ("某某市养老服务体系建设规划\n一、现状\n全市养老机构120家。\n", None),
]


@pytest.mark.parametrize("text, period", SNIPPETS)
def test_period_of_snippets(text: str, period: str | None) -> None:
    md = parse_text(text, extract=False).metadata
    assert md.plan_title is not None
    assert (md.plan_period.name if md.plan_period else None) == period


def test_wrapped_title_is_joined() -> None:
    md = parse_text(SNIPPETS[2][0], extract=False).metadata
    assert md.plan_title == "某某省关于加快推进数字经济高质量发展的实施方案（2023—2025年）"


@pytest.mark.parametrize(
    "closing",
    ["某某县人民政府办公室\n2022年3月1日\n", "2022年3月1日\n", "某某县人民政府办公室\n"],
    ids=["signature-and-date", "date", "signature"],
)
def test_notice_signature_and_date_are_not_part_of_the_title(closing: str) -> None:
    # a notice closes with its signature and date; the plan's title follows on the next line
    text = (
        "某某县人民政府办公室关于印发某某县“十四五”卫生健康事业发展规划的通知\n"
        "各乡镇人民政府，县政府各部门：\n"
        "《某某县“十四五”卫生健康事业发展规划》已经县政府同意，现印发给你们。\n"
        f"{closing}某某县“十四五”卫生健康事业发展规划\n一、发展基础\n"
    )
    md = parse_text(text, extract=False).metadata
    assert md.plan_title == "某某县“十四五”卫生健康事业发展规划"


@pytest.mark.parametrize(
    "title, after, text, expected",
    [
        ("“十四五”教育事业发展规划", [], "", ("十四五", 2021, 2025)),
        ("国民经济和社会发展第十四个五年规划", [], "", ("十四五", 2021, 2025)),
        ("行动计划", ["（2021-2025 年）"], "", ("2021-2025", 2021, 2025)),
        ("生态修复规划", ["（2021 年-2035 年）", "（草案）"], "", ("2021-2035", 2021, 2035)),
        ("某规划", [], "规划期限为 2021 年至 2035 年", ("2021-2035", 2021, 2035)),
        ("某规划", [], "规划期：2021—2025年", ("2021-2025", 2021, 2025)),
        ("某规划", ["2021 年 9 月"], "", None),  # a date, not a period
        ("某规划", [], "", None),
    ],
)
def test_plan_period(
    title: str, after: list[str], text: str, expected: tuple[str, int, int] | None
) -> None:
    got = plan_period(title, after, text)
    assert ((got.name, got.start_year, got.end_year) if got else None) == expected


# --- jurisdiction -------------------------------------------------------------------------------

# plan, jurisdiction name, level, source
JURISDICTIONS = [
    ("qingdao-2024-ai-action-plan.txt", "青岛市", "prefecture", "text"),  # 我市, 全市 … 青岛
    ("shandong-2024-ai-scitech-action-plan.txt", "山东省", "province", "text"),  # 全省 … 山东
    ("shandong-2021-edu-plan.txt", "山东省", "province", "metadata"),
    ("national-2020-14th-fyp-proposal.txt", "中华人民共和国", "national", "metadata"),
    ("national-2017-new-generation-ai-plan.txt", None, None, None),  # says 全国: no one place
]


@pytest.mark.parametrize(
    "name, place, level, source", JURISDICTIONS, ids=[r[0] for r in JURISDICTIONS]
)
def test_jurisdiction_of_real_plans(
    name: str, place: str | None, level: str | None, source: str | None
) -> None:
    j = parsed(SHARED_CORPUS / name).metadata.jurisdiction
    assert ((j.name, j.level, j.source) if j else (None, None, None)) == (place, level, source)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "结合我市实际。到2025年，全市算力规模达到10EFLOPS，青岛港……青岛西海岸新区，全市。",
            "青岛市",
        ),
        ("全省新增……山东半岛……支持济南、青岛建设……全省……山东……全省。", "山东省"),
        ("本县……全县……全县……某地在安徽……怀远县……怀远……", "怀远县"),
        ("全市……全市……全市……北京……北京城市副中心", "北京市"),  # a municipality is a 市
        ("全国……全国……北京、上海、广州……", None),  # a national plan names many places
        ("全市……全省……全区……青岛", None),  # no clear kind of area
        ("全市……全市……全市……", None),  # no place named
        ("全市场主体……全市场……全市场……青岛……青岛", None),  # 全市场 is not 全市
    ],
)
def test_jurisdiction_in_text(text: str, expected: str | None) -> None:
    found = jurisdiction_in_text(text)
    assert (found.name if found else None) == expected
