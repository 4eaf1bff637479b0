"""Tables as data: the table stage on each shape it reads, and the quantities and projects read
through a table's header. Fixtures in tests/fixtures/tables/ are short made-up snippets of shapes
the corpus lacks (one cell per line, HTML with rowspan/colspan, a flattened space row); the
Shanghai 纲要's PDF-flattened 主要指标 table is read from ../shared/corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from plan_parser import Plan, parse_bytes, parse_text

from .conftest import SHARED_CORPUS, parsed

FIXTURES = Path(__file__).parent / "fixtures" / "tables"
LABELS = Path(__file__).parent / "labels"
SHANGHAI = SHARED_CORPUS / "shanghai-14th-fyp-outline-partial.txt"


def fixture(name: str) -> tuple[str, Plan]:
    data = (FIXTURES / name).read_bytes()
    plan = parse_bytes(data, path=name)
    text = data.decode("utf-8")
    if name.endswith(".html"):
        from plan_parser.pipeline import read_text

        text = read_text(FIXTURES / name)
    return text, plan


def cells(plan: Plan, t: int = 0) -> list[list[str | None]]:
    return [[c.text if c else None for c in r.cells] for r in plan.tables[t].rows]


def test_cell_per_line_table_with_a_merged_category() -> None:
    # a Word export: one cell per line, blank cells as blank lines, 类别 kept in its first row only
    _, plan = fixture("cell_per_line_indicators.txt")
    (t,) = plan.tables
    assert (t.id, t.number, t.title, t.shape) == (
        "tbl_1",
        1,
        "“十四五”教育发展主要指标",
        "cell_per_line",
    )
    assert t.columns == ["类别", "序号", "指标", "单位", "2020年", "2025年", "属性"]
    assert cells(plan) == [
        ["普及水平", "1", "学前教育毛入园率（%）", None, "90.3", "93", "预期性"],
        ["普及水平", "2", "九年义务教育巩固率", "%", "96.5", "≥97", "约束性"],
        ["普及水平", "3", "高中阶段教育毛入学率", "%", "92.1", "——", "预期性"],
    ]
    assert t.rows[1].cells[0] is not None and t.rows[1].cells[0].covered
    assert [n.text for n in t.notes] == ["注：毛入学率=（在校生数/适龄人口数）×100%。"]


# one cell per line with a serial column: a value equal to the next serial (`3`, `4`) is a cell
# of the row it stands in, not the start of the next row; a row that lost a blank cell is short
SERIAL_LIKE_VALUES = (
    "表1  主要指标\n序号\n指标\n单位\n2020年\n2025年\n属性\n"
    "1\n地区生产总值增长率\n%\n3.5\n6\n预期性\n"
    "2\n研发经费投入强度\n%\n2.1\n3\n预期性\n"
    "3\n万人发明专利拥有量\n件\n4\n12\n预期性\n"
    "注：增长率为年均增速。\n"
)
DROPPED_CELL = (
    "表1  主要指标\n序号\n指标\n单位\n2020年\n2025年\n属性\n"
    "1\n森林覆盖率\n%\n30\n预期性\n"
    "2\n研发经费投入强度\n%\n2.1\n3\n约束性\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            SERIAL_LIKE_VALUES,
            [
                ["1", "地区生产总值增长率", "%", "3.5", "6", "预期性"],
                ["2", "研发经费投入强度", "%", "2.1", "3", "预期性"],
                ["3", "万人发明专利拥有量", "件", "4", "12", "预期性"],
            ],
        ),
        (
            DROPPED_CELL,
            [
                ["1", "森林覆盖率", "%", "30", "预期性", None],
                ["2", "研发经费投入强度", "%", "2.1", "3", "约束性"],
            ],
        ),
    ],
    ids=["values-equal-to-the-next-serial", "a-row-that-lost-a-blank-cell"],
)
def test_cell_per_line_rows_cut_at_serials(text: str, expected: list[list[str | None]]) -> None:
    assert cells(parse_text(text)) == expected


def test_space_table_with_a_comparator_cut_off_by_a_space() -> None:
    # 常住人口规模 万人 2487 2500 左右 预期性: 左右 belongs to the number before it
    _, plan = fixture("space_indicators.txt")
    (t,) = plan.tables
    assert t.shape == "space" and t.columns == ["指标", "单位", "2020年", "2025年", "属性"]
    assert cells(plan)[0] == ["常住人口规模", "万人", "2487", "2500 左右", "预期性"]


def test_html_table_rowspan_and_colspan_resolved() -> None:
    _, plan = fixture("rowspan_colspan.html")
    (t,) = plan.tables
    assert t.shape == "tab"
    assert t.columns == ["类别", "指标", "单位", "2020年", "2025年", "属性"]
    rows = cells(plan)
    assert rows[0] == ["教育", "学前教育毛入园率", "%", "90.3", "93", "预期性"]
    assert rows[1] == ["教育", "高中阶段毛入学率", "%", "92", "95", "预期性"]  # 类别, 属性 spanned
    assert t.rows[1].cells[0] is not None and t.rows[1].cells[0].covered


# (fixture, indicator, kind, year, year_stated, value, comparator, unit, binding, change)
TABLE_QUANTITIES = [
    (
        "cell_per_line_indicators.txt",
        "学前教育毛入园率",
        "baseline",
        2020,
        True,
        90.3,
        "eq",
        "%",
        False,
        None,
    ),
    (
        "cell_per_line_indicators.txt",
        "学前教育毛入园率",
        "target",
        2025,
        True,
        93,
        "eq",
        "%",
        False,
        None,
    ),
    (
        "cell_per_line_indicators.txt",
        "九年义务教育巩固率",
        "target",
        2025,
        True,
        97,
        "ge",
        "%",
        True,
        None,
    ),
    (
        "cell_per_line_indicators.txt",
        "高中阶段教育毛入学率",
        "baseline",
        2020,
        True,
        92.1,
        "eq",
        "%",
        False,
        None,
    ),
    (
        "space_indicators.txt",
        "常住人口规模",
        "target",
        2025,
        True,
        2500,
        "approx",
        "万人",
        False,
        None,
    ),
    (
        "space_indicators.txt",
        "单位生产总值能源消耗降低",
        "target",
        2025,
        True,
        14,
        "eq",
        "%",
        True,
        "decrease",
    ),
    ("rowspan_colspan.html", "高中阶段毛入学率", "target", 2025, True, 95, "eq", "%", False, None),
]


@pytest.mark.parametrize(
    ("name", "indicator", "kind", "year", "stated", "value", "cmp", "unit", "binding", "change"),
    TABLE_QUANTITIES,
)
def test_table_quantities(
    name: str,
    indicator: str,
    kind: str,
    year: int,
    stated: bool,
    value: float,
    cmp: str,
    unit: str,
    binding: bool,
    change: str | None,
) -> None:
    _, plan = fixture(name)
    got = [
        (q.kind, q.year, q.year_stated, q.value, q.comparator, q.unit, q.binding, q.change)
        for q in plan.quantities
        if q.indicator == indicator and q.kind == kind
    ]
    assert (kind, year, stated, value, cmp, unit, binding, change) in got


def test_blank_and_dash_cells_give_no_record() -> None:
    _, plan = fixture("cell_per_line_indicators.txt")
    high_school = [q for q in plan.quantities if q.indicator == "高中阶段教育毛入学率"]
    assert [q.kind for q in high_school] == ["baseline"]  # 2025年 is ——


def test_table_lines_are_not_prose_and_formula_notes_are_not_targets() -> None:
    _, plan = fixture("cell_per_line_indicators.txt")
    t = plan.tables[0]
    prose = [q for q in plan.quantities if q.binding is None and t.line <= q.line <= t.end_line]
    assert prose == []
    assert not [q for q in plan.quantities if "×100%" in q.quote or q.value == 100]


def test_project_table_gives_construction_projects() -> None:
    _, plan = fixture("cell_per_line_projects.txt")
    projects = [p for p in plan.projects if p.kind == "construction"]
    got = [
        (p.name, p.district, p.adcode, p.start_year, p.end_year, p.investment, p.investment_unit)
        for p in projects
    ]
    assert got == [
        ("文峰区第二实验小学新建项目", "文峰区", "410502", 2022, 2024, 1.6, "亿元"),
        ("滑县职教园区二期工程", "滑县", "410526", 2023, 2025, 5.2, "亿元"),
    ]
    assert [p.owner for p in projects] == ["文峰区人民政府", "滑县人民政府"]


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir()))
def test_every_cell_and_record_quotes_its_source(name: str) -> None:
    text, plan = fixture(name)
    assert_provenance(text, plan)


def assert_provenance(text: str, plan: Plan) -> None:
    for t in plan.tables:
        for row in [*t.header, *(r.cells for r in t.rows)]:
            for c in row:
                if c is None:
                    continue
                assert text[c.span[0] : c.span[1]] == c.quote
                if c.parts:
                    assert "".join(text[a:b] for a, b in c.parts) == c.text
                else:
                    assert c.quote == c.text
        for n in t.notes:
            assert text[n.span[0] : n.span[1]] == n.text
    for q in plan.quantities:
        assert text[q.span[0] : q.span[1]] == q.quote
    for p in plan.projects:
        assert text[p.span[0] : p.span[1]] == p.quote


# --- the corpus: hand-labelled tables (tests/labels/tables_*.yaml) --------------------------------


def table_labels() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(LABELS.glob("tables_*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.extend((data["document"], t) for t in data["tables"])
    return out


@pytest.mark.parametrize(("document", "label"), table_labels())
def test_labelled_tables_found(document: str, label: dict[str, Any]) -> None:
    plan = parsed(SHARED_CORPUS / document)
    t = next((t for t in plan.tables if t.line <= label["first_line"] <= t.end_line), None)
    assert t is not None
    assert (t.number, t.title, t.title_line) == (
        label["number"],
        label["title"],
        label["title_line"],
    )
    assert (t.line, t.end_line, len(t.columns)) == (
        label["first_line"],
        label["last_line"],
        label["columns"],
    )
    assert [c.replace(" ", "") for c in t.columns] == label["header"]
    assert len(t.rows) == label["rows"]
    assert (t.notes[0].line if t.notes else None) == label["notes_line"]


def test_shanghai_main_indicator_rows_are_never_noise() -> None:
    plan = parsed(SHANGHAI)
    (t,) = plan.tables
    noise = {d.line for d in plan.diagnostics if d.code in ("running-header", "page-number")}
    assert not noise & set(range(t.line, t.end_line + 1))
    assert_provenance(SHANGHAI.read_text(encoding="utf-8"), plan)
    binding = [q for q in plan.quantities if q.binding is not None]
    assert {q.line for q in binding} >= {
        413,
        415,
        417,
        418,
        419,
        421,
        423,
        425,
        428,
        430,
        435,
        443,
        444,
        445,
        447,
    }


def test_parse_text_has_tables_key() -> None:
    plan = parse_text("一、总体要求\n到2025年，毛入园率达到93%。\n")
    assert plan.tables == []


# prose semantics that generalise: (sentence, value, unit, change) — shapes from issue 15
# qingdao-2024-ai-action-plan.txt line 6 (technical units); a level against a change
PROSE = [
    ("一、目标\n到2025年，算力总规模达到12EFLOPS，存储总量达到10EB。\n", 12, "EFLOPS", None),
    ("一、目标\n到2025年，算力总规模达到12EFLOPS，存储总量达到10EB。\n", 10, "EB", None),
    ("一、目标\n到2025年，单位生产总值能源消耗降低13.5%。\n", 13.5, "%", "decrease"),
    ("一、目标\n到2025年，研发经费年均增长10%以上。\n", 10, "%", "increase"),
    ("一、目标\n到2025年，毛入园率达到93%。\n", 93, "%", None),
    ("一、目标\n到2025年，生产总值达到2.69万亿元。\n", 2.69, "万亿元", None),
]


@pytest.mark.parametrize(("text", "value", "unit", "change"), PROSE)
def test_prose_units_and_changes(text: str, value: float, unit: str, change: str | None) -> None:
    plan = parse_text(text)
    got = [(q.value, q.unit, q.change, q.year_stated) for q in plan.quantities]
    assert (value, unit, change, True) in got
