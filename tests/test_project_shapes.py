"""Shapes of projects beyond schools, as tables of real-shaped sentences (positive and negative):
named works and parks, named platforms, places named by a plan's own short district names. Each
row says which plan's sentence it was shaped on."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from plan_parser import Plan, parse_text
from plan_parser.extract.projects.lexicon import patterns
from plan_parser.extract.projects.programs import program_spans
from plan_parser.lang.places import PlaceFinder, gazetteer

# A city plan's skeleton: its title states the jurisdiction (青岛市), the sentence sits in an item
# of a task section.
CITY = "青岛市人工智能产业创新发展行动计划\n\n二、重点任务\n\n（一）算力设施“强基”行动\n\n"
BODY_LINE = 7


def city_excerpt(sentence: str) -> Plan:
    return parse_text(f"{CITY}1.统筹布局。{sentence}\n")


@dataclass(frozen=True)
class Works:
    sentence: str
    # (name, action, district) of every construction project the sentence names
    found: list[tuple[str, str, str | None]]


WORKS = [
    # qingdao-2024-ai-action-plan.txt line 10: a works lead, a 的 modifier before the name
    Works(
        "建设国内领先的海洋高性能混合算力平台，打造算力支撑体系。",
        [("海洋高性能混合算力平台", "建设", "青岛市")],
    ),
    # line 12: 推动建设 + a communications facility named with the city
    Works(
        "推动建设青岛国际通信业务出入口局，优化国家级互联网骨干直联点。",
        [("青岛国际通信业务出入口局", "建设", "青岛市")],
    ),
    # line 31: the sentence's subject places the base (青岛西海岸新区 is 黄岛区, 370211); a
    # subject before the lead (青岛蓝谷打造…); named parks after 支持 are upgraded (提升), the
    # short district names 市南/市北 are the city's own districts
    Works(
        "支持青岛西海岸新区依托软件园等产业载体，打造算法模型产业基地；"
        "支持青岛蓝谷打造海洋大模型和智能超算产业基地；"
        "支持市南元宇宙产业创新园、市北大数据产业园、城阳数据要素产业园等载体，打造特色园区。",
        [
            ("算法模型产业基地", "建设", "黄岛区"),
            ("海洋大模型和智能超算产业基地", "建设", "青岛市"),
            ("市南元宇宙产业创新园", "提升", "市南区"),
            ("市北大数据产业园", "提升", "市北区"),
            ("城阳数据要素产业园", "提升", "城阳区"),
        ],
    ),
    # shanghai-14th-fyp-outline-partial.txt line 1071 (加快建设上海智能传感器产业园), with a
    # district of this city
    Works("加快建设崂山智能传感器产业园。", [("崂山智能传感器产业园", "建设", "崂山区")]),
    # other park words, with a district's short name
    Works(
        "打造崂山科技园，建设即墨软件园。",
        [("崂山科技园", "建设", "崂山区"), ("即墨软件园", "建设", "即墨区")],
    ),
    # qingdao line 3: a cluster (集聚区 alone) is an aim, not a park; a park only leaned on
    Works("全力打造具有全球竞争力的世界级海洋人工智能集聚区。", []),
    Works("支持青岛西海岸新区依托软件园等产业载体发展。", []),
    # negatives: a count, a kind without a name of its own, an existing centre to be enlarged
    # by a verb that is no works lead, a park only mentioned (依托)
    Works("建设一批产业园，打造特色产业园。", []),
    Works("建设大数据中心，推动现有数据中心扩容升级。", []),
    Works("依托市南元宇宙产业创新园开展应用示范。", []),
    Works("支持青岛西海岸新区、城阳区等打造特色产业园。", []),
]


@pytest.mark.parametrize("case", WORKS, ids=lambda c: c.sentence[:16])
def test_named_works(case: Works) -> None:
    projects = [p for p in city_excerpt(case.sentence).projects if p.line == BODY_LINE]
    got = [(p.name, p.action, p.district) for p in projects if p.kind == "construction"]
    assert got == case.found


def test_short_district_names_and_aliases() -> None:
    qingdao = gazetteer().divisions["370200"]
    finder = PlaceFinder(qingdao)
    found = {m.division.code for m in finder.find("市南市北城阳西海岸新区") if m.division}
    assert found == {"370202", "370203", "370214", "370211"}
    # the short alias is read in its own city's plans only; the full one everywhere
    anyang = PlaceFinder(gazetteer().divisions["410500"])
    assert [m.division for m in anyang.find("西海岸新区")] == []
    national = PlaceFinder(None)
    assert [m.division.code for m in national.find("青岛西海岸新区") if m.division] == ["370211"]


# --- named platforms (平台): sentence -> the platforms named as programs ----------------------


@dataclass(frozen=True)
class Platforms:
    sentence: str
    names: list[str]


PLATFORMS = [
    # national-2021-smart-elderly-care-action-plan.txt line 100: a verb, a 的 modifier
    Platforms("加快建设统一权威、互联互通的全民健康信息平台，实现归集。", ["全民健康信息平台"]),
    # line 103: 推进建设 + a regional system platform
    Platforms(
        "推进建设区域智慧健康养老服务综合信息系统平台，依托区域养老服务中心。",
        ["区域智慧健康养老服务综合信息系统平台"],
    ),
    # line 209: 搭建
    Platforms("搭建智慧健康养老标准及检测公共服务平台。", ["智慧健康养老标准及检测公共服务平台"]),
    # line 237: an owner's platform, used (充分发挥…作用)
    Platforms(
        "充分发挥工业和信息化部国家产融合作平台作用，加强交流。", ["工业和信息化部国家产融合作平台"]
    ),
    # qingdao-2024-ai-action-plan.txt line 4: a count of a designation scheme; without a scope,
    # a short field (人工智能) and a generic type name a kind (the labels count it: a known miss)
    Platforms(
        "打造2—3个国家级新一代人工智能开放创新平台、5个以上人工智能产业技术基础公共服务平台。",
        ["国家级新一代人工智能开放创新平台"],
    ),
    # lines 38 and 41: 优化/拓展 an existing named platform
    Platforms("优化市级全民健康信息平台功能拓展。", ["市级全民健康信息平台"]),
    Platforms("拓展青岛市安全风险综合监测预警平台应用领域。", ["青岛市安全风险综合监测预警平台"]),
    # negatives: a quantifier, generic platforms, one no verb builds or uses, an adjective,
    # a kind (领域, 重大, 各类), a platform for a policy
    Platforms("建设一批平台，推动建设5个以上公共服务平台。", []),
    # shanghai-14th-fyp-outline-partial.txt line 694: several (若干), not one
    Platforms("打造若干千亿级、万亿级的大宗商品现货交易平台。", []),
    Platforms("依托互联网平台、手机应用程序等，搭建科技创新平台。", []),
    Platforms("开发养老服务管理系统、为老服务信息平台，强化基础能力。", []),
    Platforms("构建虚实融合与跨平台支撑的智能教育基础环境。", []),
    Platforms("探索建设重点行业和领域数据流通平台，依法促进流通。", []),
    Platforms("搭建人工智能领域专业化创新平台等新型创业服务机构。", []),
    Platforms("打造海工装备领域重大创新平台，充分发挥各类创新创业平台作用。", []),
    Platforms("打造1—2个“一带一路”学术交流平台。", []),
    Platforms("完善公共服务平台建设等政策环境。", []),
    # shandong-2016-scitech-13th-plan-partial.txt line 449, anyang-2022-13.txt line 564: a field
    # and a generic type, no scope
    Platforms("打造国际化的生物医药创新平台。", []),
    Platforms("搭建老年教育资源共享和公共服务平台，扩大资源供给。", []),
    # shandong-2021-edu-plan.txt line 117: a quoted name starts the platform's name
    Platforms("建设整体应用“互联网+教育”大平台的智慧课堂。", ["“互联网+教育”大平台"]),
]


@pytest.mark.parametrize("case", PLATFORMS, ids=lambda c: c.sentence[:16])
def test_named_platforms(case: Platforms) -> None:
    text = case.sentence
    spans = program_spans(patterns(), text)
    assert [text[s:e] for s, e in spans if text[s:e].endswith("平台")] == case.names


def test_platform_scoped_by_a_division() -> None:
    # shandong-2024-ai-scitech-action-plan.txt line 10: a division's short name scopes the name
    text = "运营山东算网平台等算力平台。"
    shandong = PlaceFinder(gazetteer().divisions["370000"])
    assert [text[s:e] for s, e in program_spans(patterns(), text, shandong)] == ["山东算网平台"]
    assert program_spans(patterns(), text) == []


def test_platform_headings_and_works_are_not_programs() -> None:
    # elderly care line 99: a heading names a field of work; qingdao line 10: a compute
    # platform to be built is a construction project, not a program
    plan = parse_text(
        f"{CITY}（二）做强智慧健康养老软件系统平台\n\n1.统筹布局。建设国内领先的海洋高性能混合算力平台。\n"
    )
    kinds = {(p.kind, p.name) for p in plan.projects}
    assert ("construction", "海洋高性能混合算力平台") in kinds
    assert not any(p.kind == "program" and p.name.endswith("平台") for p in plan.projects)


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # elderly care line 239: a quoted name, 专项, 工作
        (
            "开展“早期投资支持产业科技创新”专项工作，依托科创属性判定。",
            ["“早期投资支持产业科技创新”专项工作"],
        ),
        # shandong-2024-ai-scitech-action-plan.txt line 33: 专项工作 of a field is ordinary work
        ("加强与人工智能领域专项工作协同。", []),
    ],
)
def test_quoted_special_work(sentence: str, names: list[str]) -> None:
    spans = program_spans(patterns(), sentence)
    assert [sentence[s:e] for s, e in spans] == names


# --- works a category closes, linear works with a length (a 纲要's review of finished works) ---

OUTLINE = (
    "上海市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n一、新阶段新起点\n\n"
    "1.1 “五个中心”建设既定目标如期实现\n\n"
)


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        # shanghai-14th-fyp-outline-partial.txt line 147: the names before 等 + category + 建成
        (
            "大飞机、蛟龙号深潜器等重大创新成果问世，上海光源等一批大科学设施建成。",
            [("上海光源", "大科学设施")],
        ),
        # line 166: a water body, a length, a linear works word, a verb that opens it
        (
            "黄浦江 45 公里公共空间岸线贯通开放，苏州河中心城区 42 公里岸线实现基本贯通。",
            [
                ("黄浦江 45 公里公共空间岸线", "滨水公共空间"),
                ("苏州河中心城区 42 公里岸线", "滨水公共空间"),
            ],
        ),
        # the category after a verb of completion
        (
            "建成硬X射线自由电子激光装置、超强超短激光实验装置等重大科技基础设施。",
            [("硬X射线自由电子激光装置", "大科学设施"), ("超强超短激光实验装置", "大科学设施")],
        ),
        # negatives: no verb of completion; no water body; a verb that neither opens nor builds
        ("推进硬X射线自由电子激光装置等重大科技基础设施建设。", []),
        ("新建绿道 200 公里，黄浦江沿岸 45 公里岸线景观提升。", []),
    ],
)
def test_review_works(sentence: str, found: list[tuple[str, str]]) -> None:
    plan = parse_text(f"{OUTLINE}{sentence}\n")
    got = [p for p in plan.projects if p.kind == "construction"]
    assert [(p.name, p.facility) for p in got] == found
    # the heading says the last period's goals were met: what it reports is done
    assert all(p.status == "completed" and p.action == "建设" for p in got)


def test_select_by_alias_or_short_name() -> None:
    from plan_parser.extract.projects import select_projects

    plan = city_excerpt("支持青岛西海岸新区依托软件园等产业载体，打造算法模型产业基地。")
    assert [p.name for p in select_projects(plan.projects, district="西海岸新区")] == [
        "算法模型产业基地"
    ]
    assert [p.adcode for p in select_projects(plan.projects, district="黄岛")] == ["370211"]
