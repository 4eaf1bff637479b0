"""The projects registry: programs and construction projects, as tables of real sentences."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_parser import Plan, Project, parse_text
from plan_parser.cli import app
from plan_parser.extract.projects.lexicon import ProjectLexicon, load_lexicon, patterns
from plan_parser.extract.projects.programs import program_spans
from plan_parser.lang.places import PlaceFinder, gazetteer, jurisdiction_of, resolve

from . import eval_projects
from .conftest import ANYANG, NATIONAL, ROOT, SHANDONG, SHARED_CORPUS, needs_corpus, parsed

# A sentence from a plan, placed in a skeleton of the Anyang plan so that it has the plan's
# jurisdiction (安阳市) and sits under a 十四五 task heading, or under the 十三五 review.
TITLE = "安阳市“十四五”教育改革发展规划"
TASKS = "三、重点任务\n\n(一)全面落实立德树人根本任务\n\n"
REVIEW = "一、规划环境\n\n(一)“十三五”时期安阳教育发展的主要成就\n\n"


def excerpt(sentence: str, *, review: bool = False) -> Plan:
    return parse_text(f"{TITLE}\n\n{REVIEW if review else TASKS}{sentence}\n")


# --- programs in running text: sentence -> names -------------------------------------------


@dataclass(frozen=True)
class Names:
    sentence: str
    names: list[str]


PROGRAM_SENTENCES = [
    # anyang-2022-13.txt line 40: a governing verb ends the name
    Names("实施学前教育行动计划。", ["学前教育行动计划"]),
    # line 202: a quoted part inside the name, kept with its closing quote
    Names("推进实施中小学三科统编教材“铸魂工程”,", ["中小学三科统编教材“铸魂工程”"]),
    # line 206: a name quoted as a whole loses its quotes
    Names(
        "组织开展“习近平新时代中国特色社会主义思想大学习领航计划”和党史学习教育活动",
        ["习近平新时代中国特色社会主义思想大学习领航计划"],
    ),
    # line 218: 和 inside a name (its first part names no program)
    Names(
        "市域内高校做到马克思主义理论研究和建设工程教材应用尽用。", ["马克思主义理论研究和建设工程"]
    ),
    # line 322: 和 between two names
    Names(
        "实施普通高中办学条件改善工程和特色发展工程,巩固消除普通高中大班额成果。",
        ["普通高中办学条件改善工程", "特色发展工程"],
    ),
    # line 476: a list of names
    Names(
        "落实特岗计划、地方公费师范生培养计划、农村学校教育硕士师资培养计划、"
        "乡村中小学首席教师岗位计划和乡村优秀青年教师培养奖励计划等,",
        [
            "特岗计划",
            "地方公费师范生培养计划",
            "农村学校教育硕士师资培养计划",
            "乡村中小学首席教师岗位计划",
            "乡村优秀青年教师培养奖励计划",
        ],
    ),
    # line 440: 和 closing a list of things that are not programs
    Names("大力推进新工科、新文科建设和卓越人才培养计划。", ["卓越人才培养计划"]),
    # line 436: 等 ends the name
    Names(
        "实施立德树人固本、学科建设培优、管理队伍强化等研究生教育十大行动,",
        ["研究生教育十大行动"],
    ),
    # line 304: a year range after the name belongs to it
    Names(
        "启动实施第三期特殊教育提升计划(2021—2025 年),", ["第三期特殊教育提升计划(2021—2025 年)"]
    ),
    # line 232: a program named by a document's title
    Names(
        "落实《健康中原行动(2020—2030年)》,实施中小学健康促进行动。",
        ["健康中原行动(2020—2030年)", "中小学健康促进行动"],
    ),
    # line 292: 、 inside brackets does not split
    Names(
        "开展义务教育优质均衡发展先行实验县(市、区)创建工作。",
        ["义务教育优质均衡发展先行实验县(市、区)创建工作"],
    ),
    # line 246: a 工作 named by a quoted term, whatever follows it
    Names("建立“双减”工作专门协调机制,", ["“双减”工作"]),
    # line 78: a modifier before the quoted name stays out
    Names("市一中、市三中被评选为省首批“空中课堂”项目试点学校,", ["“空中课堂”项目"]),
    # line 76: a name at the start of a clause
    Names("薄弱环节与能力提升项目总投资3.73亿元,", ["薄弱环节与能力提升项目"]),
    # line 574: a name mentioned twice in one paragraph is one mention
    Names(
        "实施安阳文化走进共建“一带一路”国家行动计划。加强人文交流,"
        "实施安阳文化走进共建“一带一路”国家行动计划。",
        ["安阳文化走进共建“一带一路”国家行动计划"],
    ),
    # line 692: a campaign 工作
    Names(
        "全力抓好“7·21特大暴雨洪涝灾害”灾后学校恢复重建工作,",
        ["“7·21特大暴雨洪涝灾害”灾后学校恢复重建工作"],
    ),
    # constructed (not in the corpus): a short name in brackets, a version, a scope word
    Names(
        "实施中小学幼儿园教师国家级培训计划(国培计划)。",
        ["中小学幼儿园教师国家级培训计划(国培计划)"],
    ),
    Names(
        "推动全省中小学教师信息技术应用能力提升工程2.0整校推进。",
        ["中小学教师信息技术应用能力提升工程2.0"],
    ),
    # Generic phrases name no program -----------------------------------------------------
    # line 310, 350, 488: a plan document, not a program
    Names("统筹制定教学计划,严格执行教学计划,科学合理制定教职工招聘计划。", []),
    # line 76: counts and categories of projects
    Names("农村中小学校舍维修改造共实施803个项目,总投资13.77亿元,", []),
    Names(
        "完成了市第六十九中学、市新一中学建设、市实验幼儿园整体迁建等基建项目和小学、初中校舍维修项目。",
        [],
    ),
    # line 70: a count of projects
    Names("规划的76个教育脱贫工程项目已全部投入使用;", []),
    # line 66 and 408: ordinary work, not a campaign
    Names("抓好教育系统高层次人才培养工作,大力开展职业技能培训工作,", []),
    # line 648: key projects in general
    Names("协调重大改革、基本建设重点工程的实施等工作。", []),
    # line 662: a quantifier makes a category
    Names("加大教育教学改革投入,支持各项教育工程实施。", []),
    # line 418: 项目 starting a longer word
    Names("对进入国家、省产教融合有关项目目录的企业按规定给予激励,", []),
    # line 716 and 350: 项目标 and 有计划地 are not suffixes
    Names("为教育现代化各项目标任务的顺利完成提供保证,有计划地推进课程教学方式改革。", []),
    # constructed: a governing verb is no name (做好项目储备工作)
    Names("做好项目储备工作,建立项目库。", []),
    # line 578: a legal category of schooling
    Names("形成中外课程实验班、高校中外合作办学项目等对外交流成果。", []),
]


@pytest.mark.parametrize("case", PROGRAM_SENTENCES, ids=lambda c: c.sentence[:14])
def test_program_names(case: Names) -> None:
    plan = excerpt(case.sentence)
    assert [p.name for p in plan.projects if p.kind == "program"] == case.names


def test_program_spans_on_bare_text() -> None:
    text = "实施学前教育普惠扩容工程,扩大优质普惠学前教育资源供给"  # line 266
    assert [text[s:e] for s, e in program_spans(patterns(), text)] == ["学前教育普惠扩容工程"]


# --- construction projects: sentence -> records ----------------------------------------------


@dataclass(frozen=True)
class Built:
    name: str
    action: str
    facility: str | None
    district: str
    adcode: str


@dataclass(frozen=True)
class Construction:
    sentence: str
    review: bool
    projects: list[Built]


CONSTRUCTION_SENTENCES = [
    # anyang-2022-13.txt line 54: an action opening a proper name; reported done in 十三五
    Construction(
        "推动高等院校跨越式发展。新建林州建筑职业技术学院,形成“三本四专”高等教育布局。",
        True,
        [Built("新建林州建筑职业技术学院", "新建", "高校", "林州市", "410581")],
    ),
    # line 58: 建成 opens the list; the campus names the district
    Construction(
        "先后建成安阳市昼锦中学(龙安校区)、安阳市飞翔学校,为社会提供了更多优质教育资源。",
        True,
        [
            Built("安阳市昼锦中学(龙安校区)", "建设", "中学", "龙安区", "410506"),
            Built("安阳市飞翔学校", "建设", "九年一贯制", "安阳市", "410500"),
        ],
    ),
    # line 76: 市 is the city; the items before 等基建项目 share its action
    Construction(
        "市本级投入9.41亿元,完成了市第六十九中学、市新一中学建设、市实验幼儿园整体迁建等基建项目"
        "和小学、初中校舍维修项目。",
        True,
        [
            Built("市第六十九中学", "建设", "中学", "安阳市", "410500"),
            Built("市新一中学建设", "建设", "中学", "安阳市", "410500"),
            Built("市实验幼儿园整体迁建", "迁建", "幼儿园", "安阳市", "410500"),
        ],
    ),
    # line 398: lead words (确保, 推动, 支持) are not part of the name
    Construction(
        "确保殷都区职业教育中心(殷都区理工中等专业学校)新校区建设项目、汤阴县职业技术教育中心新校区"
        "建设项目、林州市职业技术教育中心新校区等建设项目顺利实施,推动安阳县职业中等专业学校在老校区"
        "基础上启动“扩建二期”工程,支持安阳市中等职业技术学校扩建学生宿舍项目建设,",
        False,
        [
            Built(
                "殷都区职业教育中心(殷都区理工中等专业学校)新校区建设项目",
                "建设",
                "中职",
                "殷都区",
                "410505",
            ),
            Built("汤阴县职业技术教育中心新校区建设项目", "建设", "中职", "汤阴县", "410523"),
            Built("林州市职业技术教育中心新校区", "建设", "中职", "林州市", "410581"),
            Built(
                "安阳县职业中等专业学校在老校区基础上启动“扩建二期”工程",
                "扩建",
                "中职",
                "安阳县",
                "410522",
            ),
            Built("安阳市中等职业技术学校扩建学生宿舍项目", "扩建", "宿舍", "安阳市", "410500"),
        ],
    ),
    # constructed: the action closing a list applies to all of it; a city of the province
    # other than the plan's own is where the project is
    Construction(
        "加快推进郑州大学新校区、河南大学郑州校区建设。",
        False,
        [
            Built("郑州大学新校区", "建设", "高校", "郑州市", "410100"),
            Built("河南大学郑州校区建设", "建设", "高校", "郑州市", "410100"),
        ],
    ),
    # Not construction projects -----------------------------------------------------------
    # line 62: 建成 a network, not a building
    Construction(
        "建成了以安阳职业技术学院电大工作部为中心的社区大学,以县(市、区)社区学院为龙头,", True, []
    ),
    # line 212 and 446: 建设 of a discipline, not a building
    Construction("支持安阳市高校加强马克思主义学院建设。", False, []),
    Construction(
        "支持安阳工学院飞行学院、安阳学院航空学院和安阳职业技术学院航空学院相关专业建设,", False, []
    ),
    # line 450: 建设好 a degree-granting unit
    Construction("支持安阳师范学院建设好河南省特色骨干学科,", False, []),
    # line 304: no proper name
    Construction("推动孤独症学校建设,加强农村标准化寄宿制学校建设。", False, []),
]


@pytest.mark.parametrize("case", CONSTRUCTION_SENTENCES, ids=lambda c: c.sentence[:14])
def test_construction_projects(case: Construction) -> None:
    plan = excerpt(case.sentence, review=case.review)
    got = [
        Built(p.name, p.action or "", p.facility, p.district or "", p.adcode or "")
        for p in plan.projects
        if p.kind == "construction"
    ]
    assert got == case.projects
    status = "completed" if case.review else "planned"
    assert all(p.status == status for p in plan.projects)


# --- the whole bundled plan -------------------------------------------------------------------


def by_line_name(plan: Plan) -> dict[tuple[int, str], Project]:
    return {(p.line, p.name): p for p in plan.projects}


# GB/T 2260 codes of the Anyang plan's districts (民政部 list)
CODES = {
    "安阳市": "410500",
    "文峰区": "410502",
    "北关区": "410503",
    "殷都区": "410505",
    "龙安区": "410506",
    "安阳县": "410522",
    "汤阴县": "410523",
    "滑县": "410526",
    "内黄县": "410527",
    "林州市": "410581",
}


@dataclass(frozen=True)
class BoxRow:
    line: int
    name: str
    id: str  # box_<n>__entry_1__prj_<k>
    action: str
    facility: str
    district: str


# anyang-2022-13.txt, 专栏4 (district lists) and 专栏6 (a project list)
BOX_CONSTRUCTION = [
    BoxRow(360, "市开发区高中改扩建项目", "box_4__entry_1__prj_3", "改扩建", "高中", "安阳市"),
    BoxRow(360, "安阳特殊教育学校新建学生餐厅教学辅助用房项目", "box_4__entry_1__prj_5", "新建",
           "食堂", "安阳市"),
    BoxRow(362, "文惠小学新建综合教学楼项目", "box_4__entry_1__prj_8", "新建", "教学楼", "文峰区"),
    # the verb opening the item before: 新建北关区第二实验幼儿园、北关区第三实验幼儿园项目
    BoxRow(364, "北关区第三实验幼儿园项目", "box_4__entry_1__prj_14", "新建", "幼儿园", "北关区"),
    BoxRow(364, "新建平原学校项目(九年一贯制)", "box_4__entry_1__prj_18", "新建", "九年一贯制",
           "北关区"),
    BoxRow(366, "第一高级中学提质扩容项目", "box_4__entry_1__prj_23", "提质扩容", "高中", "殷都区"),
    # 新建区 (a district of 南昌) is not read into 新建区直幼儿园
    BoxRow(368, "新建区直幼儿园项目", "box_4__entry_1__prj_29", "新建", "幼儿园", "龙安区"),
    BoxRow(372, "永和乡第二初级中学宿舍楼重建项目", "box_4__entry_1__prj_49", "重建", "宿舍",
           "安阳县"),
    # the label 滑 县 is 滑县; 整体搬迁 is 迁建
    BoxRow(376, "滑县第三高级中学整体搬迁项目", "box_4__entry_1__prj_60", "迁建", "高中", "滑县"),
    BoxRow(378, "县实验中学教学及辅助用房建设项目", "box_4__entry_1__prj_64", "建设", "教学楼",
           "内黄县"),
    # 专栏6: the list opens with 建设完成; a campus names its county; the province places nothing
    BoxRow(454, "安阳师范学院南校区建设项目", "box_6__entry_1__prj_1", "建设", "高校", "安阳市"),
    BoxRow(454, "新建安阳工学院航空学院(汤阴校区)项目", "box_6__entry_1__prj_2", "新建", "高校",
           "汤阴县"),
    BoxRow(454, "河南省职业护理学院扩建项目", "box_6__entry_1__prj_5", "扩建", "高校", "安阳市"),
    BoxRow(454, "安阳市幼儿师范高等专科学校扩建工程", "box_6__entry_1__prj_6", "扩建", "高校",
           "安阳市"),
]  # fmt: skip


@pytest.mark.parametrize("row", BOX_CONSTRUCTION, ids=lambda r: r.name)
def test_box_construction(anyang: Plan, row: BoxRow) -> None:
    p = by_line_name(anyang)[(row.line, row.name)]
    assert (p.id, p.action, p.facility, p.district) == (
        row.id,
        row.action,
        row.facility,
        row.district,
    )
    assert p.adcode == CODES[row.district]
    assert p.kind == "construction" and p.status == "planned"
    assert p.program_id == row.id.rsplit("__", 1)[0] + "__prg_1"
    assert p.box == int(row.id.split("_")[1])


def test_box_lists_in_full(anyang: Plan) -> None:
    built = [p for p in anyang.projects if p.kind == "construction"]
    by_box = {n: [p for p in built if p.box == n] for n in (4, 6)}
    assert len(by_box[4]) == 65 and len(by_box[6]) == 7
    districts = [p.district for p in by_box[4]]
    assert districts.count("安阳市") == 5 and districts.count("滑县") == 6


def test_every_box_entry_is_a_program(anyang: Plan) -> None:
    entries = [(e.line, e.name) for b in anyang.boxes for e in b.entries]
    programs = [
        (p.line, p.name)
        for p in anyang.projects
        if p.kind == "program" and p.box and p.program_id is None
    ]
    assert programs == entries and len(programs) == 32
    assert by_line_name(anyang)[(624, "深化考试招生制度改革")].id == "box_8__entry_1__prg_1"


# (line, name in running text, canonical id) — anyang-2022-13.txt
CANONICAL = [
    (204, "立德树人示范校工程", "box_3__entry_1__prg_1"),
    (218, "网络思政育人工程", "box_3__entry_3__prg_1"),
    (396, "中等职业学校标准化建设工程", "box_5__entry_3__prg_1"),  # 中职 = 中等职业学校
    (476, "乡村中小学首席教师岗位计划", "box_7__entry_2__prg_1"),  # the scope 中小学
    (314, "控辍保学工作", "chp_1__sec_1__item_3__prg_1"),  # first mention, line 44
    (528, "师生信息素养全面提升行动", "chp_3__sec_4__item_4__prg_1"),  # 行动计划, line 350
    (440, "卓越人才培养计划", "chp_3__sec_6__item_3__prg_1"),  # itself
]


@pytest.mark.parametrize(("line", "name", "canonical"), CANONICAL)
def test_canonical_links(anyang: Plan, line: int, name: str, canonical: str) -> None:
    assert by_line_name(anyang)[(line, name)].canonical_id == canonical


def test_canonical_records_are_programs_of_their_own_group(anyang: Plan) -> None:
    ids = {p.id: p for p in anyang.projects}
    for p in anyang.projects:
        if p.kind == "program":
            assert p.canonical_id is not None
            assert ids[p.canonical_id].canonical_id == p.canonical_id
        else:
            assert p.canonical_id is None and p.action and p.district and p.adcode


def test_review_chapter_is_completed(anyang: Plan) -> None:
    completed = {p.line for p in anyang.projects if p.status == "completed"}
    assert completed and max(completed) < 84  # (二) 十四五 opens at line 84


# --- evaluation against the hand-labelled registry: CI fails on a regression --------------------

THRESHOLDS = {
    "construction precision": 0.95,
    "construction recall": 0.95,
    "box program recall": 1.0,
    "running-text program precision": 0.85,
    "running-text program recall": 0.80,
    "action accuracy": 0.95,
    "district accuracy": 0.95,
    "adcode accuracy": 0.95,
    "status accuracy": 0.95,
}


def test_labelled_registry_figures() -> None:
    figures = eval_projects.run().figures()
    below = {k: round(figures[k], 3) for k, v in THRESHOLDS.items() if figures[k] < v}
    assert not below, f"below threshold: {below}"


@pytest.mark.parametrize(
    ("a", "b", "exact", "match"),
    [
        ("“双减”工作", "“双减”工作", True, True),
        ("省定营养改善计划", "营养改善计划", False, True),
        ("中小学三科统编教材“铸魂工程”", "铸魂工程", False, False),
        ("林州市职业技术教育中心新校区", "林州市职业技术教育中心新校区", True, True),
    ],
)
def test_evaluation_matching_rule(a: str, b: str, exact: bool, match: bool) -> None:
    assert eval_projects.names_match(a, b, exact=exact) is match


# --- known gaps ---------------------------------------------------------------------------


@pytest.mark.xfail(strict=True, reason="the level of a bare 中学 is not in the text")
def test_gap_level_of_bare_middle_school(anyang: Plan) -> None:
    # the labels know 市洹北中学 (line 360) is a senior high school; the name does not say so
    assert by_line_name(anyang)[(360, "市洹北中学整体迁建项目")].facility == "高中"


@pytest.mark.xfail(strict=True, reason="outside a district list a project needs a place name")
def test_gap_running_text_project_without_place() -> None:
    # the items of 专栏4 line 362, written as running text with no district label
    plan = excerpt("新建德隆街小学、新建岳飞初中。")
    assert [p.name for p in plan.projects] == ["新建德隆街小学", "新建岳飞初中"]


def test_programs_inside_box_descriptions(anyang: Plan) -> None:
    # line 380: 专栏4's entry 幼儿园保教质量提升工程 mentions 安吉游戏推广计划
    inner = by_line_name(anyang)[(380, "安吉游戏推广计划")]
    assert inner.program_id == "box_4__entry_2__prg_1" and inner.box == 4


@pytest.mark.xfail(strict=True, reason="a governing verb missing from the lexicon stays in")
def test_gap_unknown_governing_verb() -> None:
    # a sentence shaped like line 204 with a verb (打响) the lexicon does not know
    plan = excerpt("打响立德树人示范校工程。")
    assert [p.name for p in plan.projects] == ["立德树人示范校工程"]


# --- other plans: no crash, sensible output -----------------------------------------------------


def test_shandong_plan() -> None:
    plan = parsed(SHANDONG)
    names = {p.name for p in plan.projects if p.kind == "program"}
    assert {"第四期学前教育行动计划", "强课提质行动", "“双减”工作"} <= names
    assert len(names) >= 30
    built = {p.name: p for p in plan.projects if p.kind == "construction"}
    # full-width brackets as written; the provincial plan's jurisdiction places it
    assert built["山东大学龙山校区（创新港）"].district == "山东省"
    assert (built["曲阜师范大学曲阜校区扩建"].action, built["曲阜师范大学曲阜校区扩建"].adcode) == (
        "扩建",
        "370881",
    )


def test_national_plan_boxes_are_programs_by_title() -> None:
    plan = parsed(NATIONAL)
    boxed = [p for p in plan.projects if p.box is not None]
    assert [p.name for p in boxed] == [b.title for b in plan.boxes]
    assert all(p.id == f"box_{p.box}__prg_1" for p in boxed)
    names = {p.name for p in plan.projects}
    assert "智能制造工程" in names and "关键核心技术" not in names
    assert not [p for p in plan.projects if p.kind == "construction"]


# --- places ---------------------------------------------------------------------------------

ANYANG_CITY = gazetteer().divisions["410500"]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("滑 县", "410526"),
        ("林州市", "410581"),
        ("安阳县", "410522"),
        ("朝阳区", None),  # 北京 and 长春 both have one, neither is in 安阳市
        ("郑州市", "410100"),  # above the city: in its province
    ],
)
def test_resolve_division(name: str, code: str | None) -> None:
    d = resolve(name, ANYANG_CITY)
    assert (d.code if d else None) == code


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("新建安阳工学院航空学院(汤阴校区)项目", ["安阳市", "汤阴县"]),  # short names
        ("安阳县职业中等专业学校", ["安阳县"]),  # the full name before the short one
        ("新建区直幼儿园项目", []),  # 新建区 is in 南昌
        ("河南省职业护理学院", ["河南省"]),
    ],
)
def test_place_finder(text: str, found: list[str]) -> None:
    got = [m.division.name for m in PlaceFinder(ANYANG_CITY).find(text) if m.division]
    assert got == found


@pytest.mark.parametrize(
    ("texts", "code"),
    [
        (["安阳市人民政府办公室"], "410500"),
        ([None, "山东省“十四五”教育事业发展规划"], "370000"),
        (["“十四五”智能制造发展规划"], None),
        (["林州市“十四五”教育事业发展规划"], "410581"),  # a county-level city's own plan
        (["朝阳区教育委员会"], None),  # 北京 and 长春 both have one
    ],
)
def test_jurisdiction(texts: list[str | None], code: str | None) -> None:
    d = jurisdiction_of(texts)
    assert (d.code if d else None) == code


# --- the lexicon ------------------------------------------------------------------------------


def test_lexicon_loads_and_is_checked() -> None:
    lex = load_lexicon()
    data = lex.model_dump()
    data["governing_verbs"] = [*data["governing_verbs"], "实施"]
    with pytest.raises(ValueError, match="repeated"):
        ProjectLexicon.model_validate(data)
    data = lex.model_dump()
    data["counts"] = "(unclosed"
    with pytest.raises(ValueError):
        ProjectLexicon.model_validate(data)


# --- the command line ----------------------------------------------------------------------

runner = CliRunner()


def test_cli_json_by_kind_and_district() -> None:
    result = runner.invoke(
        app,
        [
            "projects",
            str(ANYANG),
            "--kind",
            "construction",
            "--district",
            "林州",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 12
    assert {r["district"] for r in rows} == {"林州市"} and {r["kind"] for r in rows} == {
        "construction"
    }


def test_cli_csv_has_bom_in_a_file_and_none_in_a_pipe(tmp_path: Path) -> None:
    args = [sys.executable, "-m", "plan_parser", "projects", str(ANYANG), "--district", "410526",
            "--format", "csv"]  # fmt: skip
    with (tmp_path / "p.csv").open("wb") as fh:  # `> p.csv`: a file for Excel keeps the BOM
        subprocess.run(args, stdout=fh, cwd=ROOT, check=True)
    assert (tmp_path / "p.csv").read_bytes().startswith(b"\xef\xbb\xbfid,kind,name,")
    proc = subprocess.run(args, capture_output=True, cwd=ROOT, check=True)  # a pipe
    assert proc.stdout.startswith(b"id,kind,name,")
    lines = proc.stdout.decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 6 and "滑县第三高级中学整体搬迁项目" in lines[-1]


def test_cli_table() -> None:
    result = runner.invoke(app, ["projects", str(ANYANG), "--kind", "program"])
    assert result.exit_code == 0
    assert "130 projects" in result.output and "学前教育行动计划" in result.output


def test_cli_bad_input() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "plan_parser", "projects", str(ROOT / "nope.txt")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode != 0 and proc.stdout == ""
    assert proc.stderr.startswith("error: ") and len(proc.stderr.strip().splitlines()) == 1


def test_programs_named_inside_box_entries() -> None:
    # anyang-2022-13.txt line 252: 实施思政课教师队伍培养培训计划 inside an entry of 专栏3
    plan = parsed(ANYANG)
    inner = {p.name: p for p in plan.projects if p.kind == "program" and p.program_id}
    p = inner["思政课教师队伍培养培训计划"]
    entry = next(q for q in plan.projects if q.id == p.program_id)
    assert (p.line, p.box, entry.name, p.node_id) == (252, 3, "思政课程建设工程", entry.node_id)


# --- generic nouns ending in 项目/行动/计划/工程 name no program (corpus lines) ---

CORPUS_DIR = SHARED_CORPUS
GENERIC = [
    # (plan, line, a name that must not be a program, the program read instead or None)
    ("shanghai-14th-fyp-outline-partial.txt", 587, "经常项目", None),  # an account
    ("shanghai-14th-fyp-outline-partial.txt", 588, "人民币资本项目", None),  # an account
    ("shanghai-14th-fyp-outline-partial.txt", 303, "切实行动", None),  # 转化为切实行动
    ("shanghai-14th-fyp-outline-partial.txt", 2301, "成为自觉行动", None),
    ("shanghai-14th-fyp-outline-partial.txt", 799, "和发起国际大科学计划", "国际大科学计划"),
    ("shanghai-14th-fyp-outline-partial.txt", 2105, "村要及时明确推进计划", None),
    ("shanghai-14th-fyp-outline-partial.txt", 2752, "保持新建项目", None),
    ("shanghai-14th-fyp-outline-partial.txt", 2314, "标达标行动", "能效对标达标行动"),
    ("beijing-2021-eco-restoration-plan.txt", 537, "具体项目", None),
    ("beijing-2021-eco-restoration-plan.txt", 218, "治理工程", None),
    ("beijing-2021-eco-restoration-plan.txt", 532, "八大重大生态修复工程", None),  # a count
    ("national-2021-smart-elderly-care-action-plan.txt", 9, "制定本计划", None),  # the plan
    ("national-2017-new-generation-ai-plan.txt", 122, "采取项目", None),
    (
        "national-2017-new-generation-ai-plan.txt",
        186,
        "指新一代人工智能重大科技项目",
        "新一代人工智能重大科技项目",
    ),
    ("shandong-2024-ai-scitech-action-plan.txt", 22, "产业项目", None),
    ("shandong-2024-ai-scitech-action-plan.txt", 33, "统筹项目", None),
]


@needs_corpus
@pytest.mark.parametrize(("plan", "line", "wrong", "right"), GENERIC, ids=lambda v: str(v))
def test_generic_phrases_are_not_programs(
    plan: str, line: int, wrong: str, right: str | None
) -> None:
    names = {p.name for p in parsed(CORPUS_DIR / plan).projects if p.line == line}
    assert wrong not in names
    if right is not None:
        assert right in names


# --- works (机场, 污水厂, 数据中心, 产业基地 …) named in running text without a district list ---

WORKS = [
    # (plan, line, name, action, district)
    ("shanghai-14th-fyp-outline-partial.txt", 748, "浦东国际机场四期扩建工程", "扩建", "浦东新区"),
    ("shanghai-14th-fyp-outline-partial.txt", 2348, "竹园污水厂四期工程", "建设", "上海市"),
    ("shanghai-14th-fyp-outline-partial.txt", 2349, "白龙港污水厂三期工程", "建设", "上海市"),
    ("shanghai-14th-fyp-outline-partial.txt", 2350, "郊区污水厂扩建工程", "扩建", "上海市"),
    ("shanghai-14th-fyp-outline-partial.txt", 2557, "市疾病预防控制中心新建工程", "新建", "上海市"),
    ("qingdao-2024-ai-action-plan.txt", 31, "算法模型产业基地", "建设", "黄岛区"),  # 青岛西海岸新区
    ("qingdao-2024-ai-action-plan.txt", 37, "轨道交通产业大数据中心项目", "建设", None),
    ("qingdao-2024-ai-action-plan.txt", 37, "民用无人驾驶航空试验基地建设", "建设", None),
]


@needs_corpus
@pytest.mark.parametrize(
    ("plan", "line", "name", "action", "district"), WORKS, ids=lambda v: str(v)
)
def test_works_in_running_text(
    plan: str, line: int, name: str, action: str, district: str | None
) -> None:
    found = {p.name: p for p in parsed(CORPUS_DIR / plan).projects if p.line == line}
    assert name in found and found[name].kind == "construction"
    assert (found[name].action, found[name].district) == (action, district)
