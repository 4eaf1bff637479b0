"""`plan-parser diff`: indicator matching, relations, outline alignment, programs, inputs, output.

Example rows quote real lines; where a figure was changed to make a relation (the real pairs are
mostly the same), the row says so.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from plan_parser import parse_text
from plan_parser.cli import app
from plan_parser.diff import (
    PlanDiff,
    Synonyms,
    compare_wordings,
    diff_paths,
    diff_schema,
    diff_sides,
    load_side,
    load_synonyms,
    match_indicators,
    merge_groups,
    only_differences,
    relate,
    side_from_plan,
    unit_factor,
    wording,
)
from plan_parser.diff.report import CSV_COLUMNS, render_csv, render_markdown
from plan_parser.errors import InputError
from plan_parser.models import Quantity
from plan_parser.models.schema import schema_text
from plan_parser.serialize.files import display_path

from .conftest import ANYANG, HENAN_OPENING, HENAN_SHEET, ROOT, SHANDONG, SHARED_CORPUS, parsed

SCHEMA_PATH = ROOT / "schemas" / "diff.schema.json"
ANYANG_JSON = ROOT / "data" / "structured" / "anyang-2022-13.json"
ANYANG_YAML = ROOT / "data" / "structured" / "anyang-2022-13.yaml"
runner = CliRunner()
# pieces of real lines, to build texts that reach headings, boxes and quantities
PIECES = [
    "一、规划环境\n", "(一)指导思想\n", "（二）促进学前教育普惠优质发展\n", "1.全面落实教育方针\n",
    "专栏3:铸魂育人工程\n", "立德树人示范校工程 遴选1所高校\n", "2025年全市学前三年毛入园率达到93%",
    "普惠性幼儿园覆盖率保持在85%以上", "高中阶段毛入学率达到92%", "每年降低1个百分点以上",
    "144.26万人", "。", "\n", "、", "3—5个", "不超过5%", "二、全面落实立德树人根本任务\n",
]  # fmt: skip


def q(
    indicator: str,
    value: float,
    unit: str | None = "%",
    comparator: str = "eq",
    *,
    kind: str = "target",
    year: int | None = 2025,
    scope: str | None = None,
    value_max: float | None = None,
    period: str | None = None,
    quote: str = "",
    n: int = 1,
) -> Quantity:
    return Quantity.model_validate(
        {
            "id": f"q_{n}",
            "kind": kind,
            "indicator": indicator,
            "scope": scope,
            "value": value,
            "value_max": value_max,
            "unit": unit,
            "comparator": comparator,
            "year": year,
            "period": period,
            "value_text": str(value),
            "node_id": None,
            "line": n,
            "span": (0, len(quote)),
            "quote": quote,
        }
    )


@cache
def synonyms() -> Synonyms:
    return load_synonyms()


# --- wordings: which indicators are the same ----------------------------------------------------


@dataclass(frozen=True)
class Wordings:
    a: tuple[str, str | None]  # indicator, scope
    b: tuple[str, str | None]
    paired: bool
    why: str  # part of the reason


WORDINGS = [
    # anyang-2022-13.txt line 266 / henan sheet: the three synonym pairs
    Wordings(("学前三年毛入园率", "全市"), ("学前教育毛入园率", None), True, "synonyms"),
    # anyang line 44 (baseline) / henan sheet
    Wordings(("九年义务教育巩固率", "全市"), ("义务教育巩固率", None), True, "synonyms"),
    # anyang line 322 / henan sheet
    Wordings(("高中阶段教育毛入学率", None), ("高中阶段毛入学率", None), True, "synonyms"),
    # anyang line 266 / shandong line 55: a whole-province scope is not part of the indicator
    Wordings(("普惠性幼儿园覆盖率", None), ("普惠性幼儿园覆盖率", "全省"), True, "same wording"),
    # anyang line 260 / shandong line 45: 儿童青少年 does not change the indicator
    Wordings(("儿童青少年总体近视率", None), ("总体近视率", None), True, "A adds 儿童/青少年"),
    # anyang line 266 / shandong line 55: a per-unit scope is part of the indicator
    Wordings(("公办中心幼儿园", "每个乡镇"), ("公办中心幼儿园", "每个乡镇"), True, "same wording"),
    # henan sheet: higher education is not high school
    Wordings(("高中阶段毛入学率", None), ("高等教育毛入学率", None), False, "different words"),
    # anyang line 226 / shandong line 43: 达标率 is not 优良率
    Wordings(
        ("中小学生体质测试达标率", "全市"),
        ("学生体质健康测试优良率", None),
        False,
        "different measures",
    ),
    # anyang line 48 / line 36: enrolment of general high schools is not all enrolment
    Wordings(("在校生人数", "普通高中"), ("在校生人数", None), False, "a different population"),
    # anyang line 418 / shandong line 77: 高水平 ones are a subset
    Wordings(("高水平专业化产教融合实训基地", None), ("产教融合实训基地", None), False, "高水平"),
    # shandong line 97 / anyang line 76
    Wordings(("乡村教师周转宿舍", None), ("教师周转宿舍", None), False, "乡村"),
    # anyang line 250 / shandong line 65: one bare noun says too little
    Wordings(("高校", None), ("省属高校", None), False, "too generic"),
]


@pytest.mark.parametrize("case", WORDINGS, ids=lambda c: f"{c.a[0]}~{c.b[0]}")
def test_wordings(case: Wordings) -> None:
    m = compare_wordings(wording(*case.a, synonyms()), wording(*case.b, synonyms()))
    assert m.accepted == case.paired, m.reason
    assert case.why in m.reason
    assert 0 <= m.score <= 1
    if case.paired and case.why.startswith(("synonyms", "same")):
        assert m.score == 1.0


def test_user_synonyms_extend_the_list(tmp_path: Path) -> None:
    # anyang line 226 / a province wording the shipped list does not know
    a, b = ("中小学生体质测试达标率", "全市"), ("学生体质健康测试达标率", None)
    assert not compare_wordings(wording(*a, synonyms()), wording(*b, synonyms())).accepted
    extra = tmp_path / "mine.yaml"
    extra.write_text("groups:\n  - [学生体质健康测试达标率, 中小学生体质测试达标率]\n", "utf-8")
    mine = load_synonyms([extra])
    m = compare_wordings(wording(*a, mine), wording(*b, mine))
    assert m.accepted and m.score == 1.0 and "synonyms" in m.reason
    assert mine.files == (display_path(extra),)  # the file is named in the diff's synonym_files


def test_synonym_groups_sharing_a_wording_merge() -> None:
    merged = merge_groups([["甲", "乙"], ["丙", "丁"], ["乙", "丙"]])
    assert merged == (("甲", "乙", "丙", "丁"),)


@pytest.mark.parametrize(
    "content, message",
    [
        ("groups:\n  - [只有一个]\n", "at least two"),
        ("groups: 学前\n", "expected `groups:`"),
        ("groups:\n  - [a, [b]]\n", "must be a list of wordings"),
        ("groups: [\n", "not valid YAML"),
    ],
)
def test_bad_synonym_file(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_synonyms([bad])


# --- units --------------------------------------------------------------------------------------

UNITS = [
    ("%", "%", 1.0),
    ("％", "%", 1.0),
    ("万人", "人", 10000.0),  # anyang line 36 在校生人数 144.26万人
    ("人", "万人", 0.0001),
    ("亿元", "万元", 10000.0),  # anyang line 70 1.26亿元, 3327.7万元
    ("万所", "所", 10000.0),  # henan sheet 各级各类学校 5.42万所
    ("名", "人", 1.0),
    ("个百分点", "百分点", 1.0),
    ("%", "个百分点", None),  # a level is not a change
    ("%", "所", None),  # a rate is not a count
    ("万人", "所", None),
    ("万人", "人次", None),
    (None, "所", None),
    (None, None, 1.0),
    ("EFLOPS", "EFlops", 1.0),  # qingdao line 6 12EFLOPS; shandong-2024 line 3 14EFlops
    ("ＥＦＬＯＰＳ", "EFlops", 1.0),  # full-width Latin, as some web pages write it
    ("GW", "gw", 1.0),  # made up: case differs, the unit does not
    ("EB", "EFlops", None),  # storage is not computing power
]


@pytest.mark.parametrize("a_unit, b_unit, factor", UNITS)
def test_unit_factor(a_unit: str | None, b_unit: str | None, factor: float | None) -> None:
    assert unit_factor(a_unit, b_unit) == factor


def test_no_pairing_of_a_rate_with_a_count() -> None:
    a = [q("学前三年毛入园率", 93, "%", scope="全市")]
    b = [q("学前教育毛入园率", 93, "所")]
    result = match_indicators(a, b, synonyms())
    assert result.pairs == []
    assert [u.quantity.unit for u in result.only_b] == ["所"]
    near = result.only_b[0].nearest
    assert near is not None and "units do not convert" in near.reason


def test_same_kind_only() -> None:
    # henan sheet line 14 (target) vs anyang line 44 (baseline)
    a = [q("九年义务教育巩固率", 97, kind="baseline", year=2020, scope="全市")]
    b = [q("义务教育巩固率", 96.4)]
    result = match_indicators(a, b, synonyms())
    assert result.pairs == []
    near = result.only_b[0].nearest
    assert near is not None and "only as a baseline" in near.reason


# --- relations ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rel:
    name: str
    a: Quantity
    b: Quantity
    relation: str
    direction: str
    same_area: bool = False
    why: str = ""


RELATIONS = [
    # anyang line 266 / henan sheet
    Rel("same figure", q("学前三年毛入园率", 93), q("学前教育毛入园率", 93), "same",
        "higher_is_better", why="same figure"),
    # anyang line 266 (保持在85%以上) / shandong line 55 (超过85%)
    Rel("≥ vs >: same floor", q("普惠性幼儿园覆盖率", 85, comparator="ge"),
        q("普惠性幼儿园覆盖率", 85, comparator="gt", scope="全省"), "same", "higher_is_better",
        why="same floor"),
    # anyang line 322 (达到93.5%) / a floor of the same figure
    Rel("= vs ≥ at one figure", q("高中阶段教育毛入学率", 93.5),
        q("高中阶段毛入学率", 93.5, comparator="ge"), "same", "higher_is_better"),
    # anyang line 266 (每个乡镇…1—2所) / shandong line 55 (每个乡镇至少建成一所): per-unit counts
    Rel("range vs floor", q("公办中心幼儿园", 1, "所", "range", value_max=2, scope="每个乡镇"),
        q("公办中心幼儿园", 1, "所", "ge", scope="每个乡镇"), "same", "higher_is_better"),
    # anyang line 226 (≥95%) / figure changed to 90% for B
    Rel("higher floor is stricter", q("中小学生体质测试达标率", 95, comparator="ge"),
        q("中小学生体质测试达标率", 90, comparator="ge"), "a_stricter", "higher_is_better"),
    # henan sheet 高中阶段毛入学率 93.5% / figure changed to 92% for A
    Rel("lower rate is looser", q("高中阶段教育毛入学率", 92), q("高中阶段毛入学率", 93.5),
        "a_looser", "higher_is_better", why="lexicon"),
    # anyang line 632 (不超过5%, 2022) / figure changed to 10% for B
    Rel("lower ceiling is stricter", q("民办义务教育在校生占比", 5, comparator="le", year=2022),
        q("民办义务教育在校生占比", 10, comparator="le", year=2022), "a_stricter",
        "lower_is_better", why="ceiling"),
    # a falling rate from the lexicon: 近视率 lower is better
    Rel("近视率 lower is better", q("儿童青少年总体近视率", 50), q("总体近视率", 55),
        "a_stricter", "lower_is_better", why="近视率"),
    # anyang line 260 (每年降低1个百分点以上) / figure changed to 0.5 for B: a larger cut
    Rel("larger promised change", q("儿童青少年总体近视率", 1, "个百分点", "ge", period="每年"),
        q("总体近视率", 0.5, "个百分点", "ge", period="每年"), "a_stricter", "higher_is_better",
        why="change"),
    # the direction from the wording when nothing else says
    Rel("verb gives direction", q("教师培训学时", 80, "学时", quote="培训学时提高到80学时"),
        q("教师培训学时", 72, "学时", quote="培训学时提高到72学时"), "a_stricter",
        "higher_is_better", why="提高到"),
    # anyang line 516 教师教龄津贴 10元 / changed to 20元: no lexicon, no ≥, no verb
    Rel("direction unknown", q("教师教龄津贴", 10, "元", kind="standard", year=None),
        q("教师教龄津贴", 20, "元", kind="standard", year=None), "incomparable", "unknown",
        same_area=True, why="direction is unknown"),
    # anyang line 632 (2022) / the same ceiling for 2025
    Rel("different year", q("民办义务教育在校生占比", 5, comparator="le", year=2022),
        q("民办义务教育在校生占比", 5, comparator="le", year=2025), "different_year",
        "lower_is_better", why="2022"),
    # a floor against a ceiling
    Rel("floor vs ceiling", q("公办幼儿园比例", 50, comparator="ge"),
        q("公办幼儿园比例", 50, comparator="le"), "incomparable", "unknown", why="floor"),
    # per year against a total
    Rel("different periods", q("特聘岗位", 30, "个", period="每年"), q("特聘岗位", 100, "个"),
        "incomparable", "unknown", same_area=True, why="periods"),
    # anyang line 516 班主任津贴 每月不低于400元 / changed to 300: a norm compares across areas
    Rel("standards compare across areas", q("班主任津贴", 400, "元", "ge", kind="standard",
        year=None, period="每月"), q("班主任津贴", 300, "元", "ge", kind="standard", year=None,
        period="每月"), "a_stricter", "higher_is_better", why="floor"),
    # henan sheet 职业本科教育规模 16万人 / a city's 2万人: totals of different areas
    Rel("counts of different areas", q("职业本科教育规模", 2, "万人"),
        q("职业本科教育规模", 16, "万人"), "incomparable", "unknown", why="different areas"),
    # anyang line 408 中等职业学校在校生规模 6.5万人 / the same plan's figure in 人
    Rel("exact conversion, same area", q("中等职业学校在校生规模", 6.5, "万人"),
        q("中等职业学校在校生规模", 65000, "人"), "same", "unknown", same_area=True),
    # anyang line 48 / henan sheet baselines: facts are higher or lower, not stricter
    Rel("baseline lower", q("高中阶段毛入学率", 92, kind="baseline", year=2020, scope="全市"),
        q("高中阶段毛入学率", 92.01, kind="baseline", year=2020), "a_lower", "higher_is_better"),
    Rel("baseline higher", q("九年义务教育巩固率", 97, kind="baseline", year=2020, scope="全市"),
        q("义务教育巩固率", 96, kind="baseline", year=2020), "a_higher", "higher_is_better"),
    Rel("baseline same", q("学前三年毛入园率", 90.3, kind="baseline", year=2020),
        q("学前教育毛入园率", 90.3, kind="baseline", year=2020), "same", "higher_is_better"),
]  # fmt: skip


@pytest.mark.parametrize("case", RELATIONS, ids=lambda c: c.name)
def test_relations(case: Rel) -> None:
    factor = unit_factor(case.a.unit, case.b.unit)
    assert factor is not None
    words = wording(case.a.indicator, case.a.scope, synonyms())
    j = relate(case.a, case.b, factor, words, same_area=case.same_area)
    assert (j.relation, j.direction) == (case.relation, case.direction), j.reason
    assert case.why in j.reason
    if j.relation == "same":
        assert j.delta == 0


def test_pairs_carry_both_figures_and_delta() -> None:
    result = match_indicators(
        [q("高中阶段教育毛入学率", 92, n=322)], [q("高中阶段毛入学率", 93.5, n=15)], synonyms()
    )
    (pair,) = result.pairs
    assert (pair.a.text, pair.b.text, pair.delta) == ("92%", "93.5%", -1.5)
    assert (pair.a.line, pair.b.line) == (322, 15)
    assert pair.score == 1.0 and pair.match.startswith("synonyms")


def test_repeated_wordings_pair_with_their_own_figures() -> None:
    # anyang line 76: 项目 119个, 项目 19个, 项目 10个 against the same plan
    figures = [119, 19, 10]
    a = [q("项目", v, "个", kind="baseline", year=2020, n=i) for i, v in enumerate(figures)]
    b = [q("项目", v, "个", kind="baseline", year=2020, n=i) for i, v in enumerate(figures)]
    result = match_indicators(a, b, synonyms(), same_area=True)
    assert [(p.a.value, p.b.value, p.relation) for p in result.pairs] == [
        (119, 119, "same"),
        (19, 19, "same"),
        (10, 10, "same"),
    ]


# --- inputs -------------------------------------------------------------------------------------


def test_load_raw_plan() -> None:
    side = load_side(ANYANG)
    assert side.input == "plan" and side.issuer
    assert side.outline and side.programs
    # one per distinct program (projects linked by canonical_id), 专栏3-专栏8 entries among them
    names = [p.name for p in side.programs]
    assert len(names) == len(set(names)) > 32
    assert {e.name for b in parsed(ANYANG).boxes for e in b.entries} <= set(names)
    assert side.quantities


@pytest.mark.parametrize("path", [ANYANG_JSON, ANYANG_YAML], ids=lambda p: p.suffix)
def test_load_structured_output(path: Path) -> None:
    side = load_side(path)
    assert side.input == "output"
    assert side.title == "安阳市“十四五”教育改革发展规划"
    assert side.outline and side.programs is not None


def test_load_yaml_sheet() -> None:
    side = load_side(HENAN_SHEET)
    assert (side.input, side.outline, side.programs) == ("sheet", None, None)
    assert (side.doc_number, side.level) == ("豫政〔2021〕40号", "province")
    assert len(side.quantities) == 14
    text = HENAN_SHEET.read_text(encoding="utf-8")
    first = side.quantities[0]
    assert (first.indicator, first.value, first.line) == ("学前教育毛入园率", 93, 12)
    for x in side.quantities:  # sheet records cite the sheet like plan records cite the plan
        s, e = x.span
        assert text[s:e] == x.quote and x.quote in text.splitlines()[x.line - 1]


def test_load_csv_sheet(tmp_path: Path) -> None:
    sheet = tmp_path / "henan.csv"
    sheet.write_text(
        "\ufeff# title: 河南省“十四五”教育事业发展规划\n# issuer: 河南省人民政府\n"
        "kind,indicator,value,unit,comparator,year\n"
        "target,学前教育毛入园率,93,%,eq,2025\n"
        "\n"
        "target,义务教育巩固率,96.4,%,,2025\n",
        encoding="utf-8",
    )
    side = load_side(sheet)
    assert (side.input, side.title, side.issuer) == (
        "sheet",
        "河南省“十四五”教育事业发展规划",
        "河南省人民政府",
    )
    assert [(x.indicator, x.value, x.comparator, x.line) for x in side.quantities] == [
        ("学前教育毛入园率", 93, "eq", 4),
        ("义务教育巩固率", 96.4, "eq", 6),
    ]


def test_load_json_list_sheet(tmp_path: Path) -> None:
    sheet = tmp_path / "list.json"
    sheet.write_text(
        json.dumps([{"kind": "target", "indicator": "高等教育毛入学率", "value": 60}]), "utf-8"
    )
    side = load_side(sheet)
    assert side.input == "sheet" and side.quantities[0].comparator == "eq"


BAD_INPUTS = [
    ("typo.yaml", "quantities:\n  - {kind: target, indicator: x, value: 1, yeer: 2025}\n",
     "line 2: yeer"),
    ("novalue.yaml", "quantities:\n  - {kind: target, indicator: x}\n", "line 2: value"),
    ("kind.csv", "kind,indicator,value\ngoal,x,1\n", "line 2: kind"),
    ("cells.csv", "kind,indicator,value\ntarget,x,1,2\n", "more cells than columns"),
    ("empty.yaml", "quantities: []\n", "no quantity records"),
    ("other.json", '{"title": "x"}', "neither a plan output"),
    ("broken.yaml", "quantities: [\n", "not valid"),
    ("badplan.json", '{"outline": [], "source": 3}', "not a valid plan output"),
]  # fmt: skip


@pytest.mark.parametrize("name, content, message", BAD_INPUTS, ids=lambda x: str(x)[:12])
def test_bad_input(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_side(path)


# --- the real pairs -----------------------------------------------------------------------------


@cache
def real_diff(a: Path, b: Path) -> PlanDiff:
    return diff_paths(a, b)


def _pairs(d: PlanDiff, kind: str = "target") -> dict[str, tuple[str, str, str]]:
    return {
        p.a.indicator: (p.b.indicator, f"{p.a.text}~{p.b.text}", p.relation)
        for p in d.indicators.pairs
        if p.kind == kind
    }


def test_anyang_against_the_henan_sheet() -> None:
    d = real_diff(ANYANG, HENAN_SHEET)
    assert _pairs(d) == {
        "学前三年毛入园率": ("学前教育毛入园率", "93%~93%", "same"),
        "普惠性幼儿园覆盖率": ("普惠性幼儿园覆盖率", "≥85%~≥85%", "same"),
        "高中阶段教育毛入学率": ("高中阶段毛入学率", "93.5%~93.5%", "same"),
    }
    not_taken_up = {u.quantity.indicator: u for u in d.indicators.only_b}
    assert "义务教育巩固率" in not_taken_up  # Anyang states it only as a 2020 baseline (97%)
    near = not_taken_up["义务教育巩固率"].nearest
    assert near is not None and near.quantity.kind == "baseline" and near.quantity.line == 44
    assert "高等教育毛入学率" in not_taken_up
    assert d.summary.b_targets_not_taken_up == 5
    assert d.outline is None and d.programs is None and len(d.notes) == 2


def test_a_city_against_its_province_across_unit_spellings() -> None:
    # qingdao line 6 算力总规模 12EFLOPS; shandong-2024 line 3 14EFlops: one unit, two spellings.
    # Neither text has a title: each is placed by 我市/全市 + 青岛 and 全省 + 山东.
    qingdao = SHARED_CORPUS / "qingdao-2024-ai-action-plan.txt"
    shandong = SHARED_CORPUS / "shandong-2024-ai-scitech-action-plan.txt"
    for path in (qingdao, shandong):
        parsed(path)  # skips without the corpus
    d = real_diff(qingdao, shandong)
    pairs = {p.a.indicator: (p.b.indicator, p.relation) for p in d.indicators.pairs}
    assert pairs.get("算力总规模") == ("算力规模", "incomparable")  # totals of different areas
    assert (d.a.jurisdiction, d.a.level) == ("青岛市", "prefecture")
    assert (d.b.jurisdiction, d.b.level) == ("山东省", "province")


def test_no_pair_mixes_units_that_do_not_convert() -> None:
    for a, b in ((ANYANG, HENAN_SHEET), (ANYANG, SHANDONG)):
        for p in real_diff(a, b).indicators.pairs:
            assert unit_factor(p.a.unit, p.b.unit) is not None, p


def test_anyang_against_shandong() -> None:
    d = real_diff(ANYANG, SHANDONG)
    assert _pairs(d) == {
        "儿童青少年总体近视率": ("总体近视率", "≥1个百分点~≥1个百分点", "same"),
        "普惠性幼儿园覆盖率": ("普惠性幼儿园覆盖率", "≥85%~>85%", "same"),
        "公办中心幼儿园": ("公办中心幼儿园", "1–2所~≥1所", "same"),
    }
    assert d.outline is not None
    aligned = {p.a.title: (p.b.marker + p.b.title, p.reason) for p in d.outline.pairs}
    # both plans' 立德树人 parts: a section of Anyang, a chapter of Shandong
    assert aligned["全面落实立德树人根本任务"] == (
        "二、全面落实立德树人根本任务",
        "same title (A's section, B's chapter)",
    )
    expected = {
        "指导思想": "（一）指导思想",
        "促进学前教育普惠优质发展": "（一）发展普及普惠安全优质的学前教育",
        "实现义务教育优质均衡发展": "（二）打造城乡一体优质均衡的义务教育",
        "推进高中阶段教育普及特色发展": "（四）做强特色多样的普通高中教育",
        "推动高等教育特色内涵发展": "（六）健全分类协调发展的高等教育体系",
        "建设高素质专业化创新型教师队伍": "五、努力建设高素质专业化创新型教师队伍",
        "构建完善的终身学习体系": "（九）加快发展服务全民终身学习的教育体系",
        "加强党对教育工作的全面领导": "（一）加强党对教育工作的全面领导",
        "加快推进教育治理体系和治理能力现代化": "十、不断推进教育治理体系和治理能力现代化",
    }
    assert {k: aligned[k][0] for k in expected} == expected
    only_a = {n.title for n in d.outline.only_a}
    assert "“十三五”时期安阳教育发展的主要成就" in only_a  # Shandong has no review
    for p in d.outline.pairs:
        assert 0.35 <= p.score <= 1 and p.reason
    # Shandong has no boxes, but its running text names programs that Anyang names too
    assert d.programs is not None
    both = {(p.a.name, p.b.name) for p in d.programs.both}
    assert {
        ("学前教育行动计划", "第四期学前教育行动计划"),
        ("“双减”工作", "“双减”工作"),
        ("马克思主义理论研究和建设工程", "马克思主义理论研究与建设工程"),
    } <= both
    assert not any("names no programs" in n for n in d.notes)


def test_a_plan_against_itself_is_all_same() -> None:
    d = real_diff(ANYANG, ANYANG_JSON)
    assert d.indicators.pairs and {p.relation for p in d.indicators.pairs} == {"same"}
    assert d.indicators.only_a == d.indicators.only_b == []
    assert d.outline is not None and not d.outline.only_a and not d.outline.only_b
    assert d.programs is not None and not d.programs.only_a and not d.programs.only_b
    assert {p.reason for p in d.programs.both} == {"same name"}


def test_fragment_without_targets() -> None:
    d = real_diff(HENAN_OPENING, ANYANG)
    assert d.summary.a_own_targets == 0
    assert d.outline is not None and d.programs is not None


def test_only_differences() -> None:
    full = real_diff(ANYANG, SHANDONG)
    diff = only_differences(full)
    assert diff.only_differences and diff.summary == full.summary
    assert all(p.relation != "same" for p in diff.indicators.pairs)
    assert diff.outline is not None and full.outline is not None
    assert all(p.a.title != p.b.title for p in diff.outline.pairs)
    assert len(diff.outline.pairs) < len(full.outline.pairs)
    assert diff.outline.only_a == full.outline.only_a
    assert diff.indicators.only_b == full.indicators.only_b


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
)
def test_any_two_texts_diff_without_raising(a: str, b: str) -> None:
    result = diff_sides(
        side_from_plan(parse_text(a or "x"), "a.txt"),
        side_from_plan(parse_text(b or "x"), "b.txt"),
        synonyms(),
    )
    jsonschema.Draft202012Validator(diff_schema()).validate(result.model_dump(mode="json"))


# --- output -------------------------------------------------------------------------------------


def test_committed_diff_schema_matches_models() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(diff_schema()), (
        "schemas/diff.schema.json is stale: run `make schema`"
    )


def test_diff_schema_is_valid_2020_12() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("b", [HENAN_SHEET, SHANDONG], ids=lambda p: p.name)
def test_diff_json_validates(b: Path) -> None:
    data = real_diff(ANYANG, b).model_dump(mode="json")
    jsonschema.Draft202012Validator(diff_schema()).validate(data)


def test_markdown_report() -> None:
    md = render_markdown(real_diff(ANYANG, SHANDONG))
    assert md.startswith("# 安阳市“十四五”教育改革发展规划 vs ")
    for heading in ("## Indicators in both", "## B's targets not taken up by A", "## Outline"):
        assert heading in md
    assert "| target | 普惠性幼儿园覆盖率 (L266) | ≥85% (2025) |" in md


def test_csv_indicator_table() -> None:
    d = real_diff(ANYANG, HENAN_SHEET)
    text = render_csv(d)
    assert text.startswith("\ufeffstatus,kind,relation")
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert list(rows[0]) == CSV_COLUMNS
    statuses = [r["status"] for r in rows]
    assert statuses.count("paired") == d.summary.pairs
    assert statuses.count("only_b") == len(d.indicators.only_b)
    paired = {r["a_indicator"]: r for r in rows if r["status"] == "paired"}
    assert paired["学前三年毛入园率"]["b_indicator"] == "学前教育毛入园率"
    assert paired["学前三年毛入园率"]["relation"] == "same"


# --- command line -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv"])
def test_cli_formats(fmt: str) -> None:
    result = runner.invoke(app, ["diff", str(ANYANG), str(HENAN_SHEET), "--format", fmt])
    assert result.exit_code == 0, result.output
    out = result.output
    if fmt == "json":
        data: Any = json.loads(out)
        assert data["summary"]["pairs"] == 6
    elif fmt == "csv":  # to a pipe: no BOM unless asked
        assert out.startswith("status,")
        with_bom = runner.invoke(
            app, ["diff", str(ANYANG), str(HENAN_SHEET), "--format", fmt, "--bom"]
        )
        assert with_bom.output.startswith("\ufeffstatus,")
    else:
        assert "学前教育毛入园率" in out and "义务教育巩固率" in out


def test_cli_only_differences_and_synonyms(tmp_path: Path) -> None:
    extra = tmp_path / "syn.yaml"
    extra.write_text("groups:\n  - [职业本科教育规模, 职业本科教育在校生规模]\n", "utf-8")
    result = runner.invoke(
        app,
        ["diff", str(ANYANG), str(HENAN_SHEET), "--format", "json", "--only-differences",
         "--synonyms", str(extra)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["only_differences"] is True
    assert data["synonym_files"] and data["synonym_files"][0].endswith("syn.yaml")
    assert {p["relation"] for p in data["indicators"]["pairs"]} == {"a_higher", "a_lower"}


@pytest.mark.parametrize(
    "content, name",
    [
        (b"", "empty.txt"),
        (bytes(range(256)) * 8, "binary.txt"),
        (b"quantities:\n  - {kind: goal, indicator: x, value: 1}\n", "sheet.yaml"),
        (b'{"nothing": 1}', "other.json"),
    ],
    ids=["empty", "binary", "bad-sheet", "not-a-diff-input"],
)
def test_cli_bad_input_one_line(tmp_path: Path, content: bytes, name: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    for args in ([str(bad), str(HENAN_SHEET)], [str(HENAN_SHEET), str(bad)]):
        proc = subprocess.run(
            [sys.executable, "-m", "plan_parser", "diff", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert proc.returncode == 1
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
        assert proc.stdout == ""


def test_cli_missing_file_and_bad_synonyms(tmp_path: Path) -> None:
    result = runner.invoke(app, ["diff", str(tmp_path / "nope.txt"), str(HENAN_SHEET)])
    assert result.exit_code == 1 and "no such file" in result.output
    bad = tmp_path / "syn.yaml"
    bad.write_text("groups:\n  - [one]\n", encoding="utf-8")
    result = runner.invoke(
        app, ["diff", str(HENAN_SHEET), str(HENAN_SHEET), "--synonyms", str(bad)]
    )
    assert result.exit_code == 1 and "at least two" in result.output


def test_outline_of_plans_with_parts_is_aligned_below_the_parts() -> None:
    # a 纲要 shape: 第X篇 above 第X章 above 第X节; the chapters and sections under the parts
    # must be aligned as well as the parts themselves
    a = parse_text(
        "第一篇 发展环境\n第一章 发展基础\n第一节 经济实力显著增强\n全市生产总值达到1000亿元。\n"
        "第二篇 创新驱动\n第二章 建设科技创新中心\n第一节 强化基础研究\n研发投入强度达到3%。\n"
    )
    b = parse_text(
        "第一篇 发展环境\n第一章 发展基础\n第一节 综合经济实力增强\n全省生产总值达到5000亿元。\n"
        "第二篇 创新发展\n第二章 打造科技创新中心\n第一节 加强基础研究\n研发投入强度达到2.5%。\n"
    )
    assert [n.kind for n in a.outline] == ["part", "part"]
    d = diff_sides(side_from_plan(a, "a.txt"), side_from_plan(b, "b.txt"))
    assert d.outline is not None
    aligned = {(p.a.kind, p.a.title): p.b.title for p in d.outline.pairs}
    assert aligned[("part", "发展环境")] == "发展环境"
    assert aligned[("chapter", "建设科技创新中心")] == "打造科技创新中心"
    assert aligned[("section", "强化基础研究")] == "加强基础研究"
