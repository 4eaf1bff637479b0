"""Shapes of projects beyond schools, as tables of real-shaped sentences (positive and negative):
named works and parks, named platforms, places named by a plan's own short district names. Each
row says which plan's sentence it was shaped on."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from plan_parser import Plan, parse_text
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
