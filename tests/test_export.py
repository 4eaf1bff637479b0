"""`plan-parser export`: tables for Excel and pandas, with the document and node id in every row."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_parser.cli import app
from plan_parser.dataset.export import (
    OUTLINE_COLUMNS,
    Document,
    NodeLocator,
    Table,
    build_tables,
    dumps_csv,
    dumps_xlsx,
    load_documents,
)
from plan_parser.errors import InputError
from plan_parser.models import Diagnostic, Plan, Project, Quantity

from .conftest import ANYANG, ROOT

runner = CliRunner()
STRUCTURED = ROOT / "data" / "structured"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def anyang_plus() -> Plan:
    """The bundled plan with one quantity and one project (until the extractors fill them)."""
    plan = Plan.model_validate_json((STRUCTURED / "anyang-2022-13.json").read_bytes())
    node = plan.outline[1].children[0]
    plan.quantities = [
        Quantity(
            id=f"{node.id}__q_1",
            kind="target",
            indicator="学前教育毛入园率",
            value=93.5,
            unit="%",
            comparator="ge",
            year=2025,
            binding=True,
            value_text="93.5%",
            node_id=node.id,
            line=node.line,
            span=node.span,
            quote=node.title,
        )
    ]
    plan.projects = [
        Project(
            id="box_4__entry_1__p_1",
            kind="program",
            name="公办幼儿园建设",
            node_id=None,
            line=node.line,
            span=node.span,
            quote=node.title,
        )
    ]
    return plan


def test_csv_has_a_bom_and_reads_as_chinese_in_excel_encoding(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(ANYANG), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    for name in ("quantities", "projects", "outline", "diagnostics"):
        assert (tmp_path / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbfdoc_id,")
    raw = (tmp_path / "outline.csv").read_bytes()
    assert b"\r\n" in raw
    rows = read_csv(tmp_path / "outline.csv")
    assert list(rows[0]) == OUTLINE_COLUMNS
    assert rows[0]["title"] == "规划环境"  # anyang-2022-13.txt line 30
    assert rows[0]["marker"] == "一、"
    assert all(r["doc_id"] == "anyang-2022-13" and r["node_id"] for r in rows)
    assert re.search(
        # 120 headings + 6 boxes + 32 box entries
        r"^rows: 1 plans, \d+ quantities, \d+ projects, 158 outline, 8 diagnostics, 0 tables$",
        result.stderr,
        re.M,
    )
    quantities = read_csv(tmp_path / "quantities.csv")
    assert all(r["doc_id"] == "anyang-2022-13" and r["node_id"] for r in quantities)
    target = next(
        r for r in quantities if r["indicator"] == "学前三年毛入园率" and r["kind"] == "target"
    )  # anyang-2022-13.txt line 266: 全市学前三年毛入园率达到93%
    assert (target["value"], target["unit"], target["year"], target["line"]) == (
        "93",
        "%",
        "2025",
        "266",
    )
    assert target["quote"] == "学前三年毛入园率达到93%"


def test_raw_and_structured_inputs_export_the_same(tmp_path: Path) -> None:
    raw, structured = tmp_path / "raw", tmp_path / "structured"
    assert runner.invoke(app, ["export", str(ANYANG), "-o", str(raw)]).exit_code == 0
    inputs = sorted(str(p) for p in STRUCTURED.iterdir())  # json, yaml and manifest.json
    result = runner.invoke(app, ["export", *inputs, "-o", str(structured)])
    assert result.exit_code == 0, result.stderr
    for name in ("quantities", "projects", "outline", "diagnostics"):
        assert (raw / f"{name}.csv").read_bytes() == (structured / f"{name}.csv").read_bytes()


def test_record_columns_follow_the_models(anyang_plus: Plan) -> None:
    tables = {t.name: t for t in build_tables([Document("anyang-2022-13", anyang_plus)])}
    q = tables["quantities"]
    assert q.columns[:3] == ["doc_id", "node_id", "id"]
    assert q.columns[-3:] == ["span_start", "span_end", "quote"]
    assert set(q.columns) - {"doc_id", "span_start", "span_end"} == set(Quantity.model_fields) - {
        "span"
    }
    assert q.columns[q.columns.index("line") + 1] == "page"  # blank but for PDF input
    row = dict(zip(q.columns, q.rows[0], strict=True))
    assert row["doc_id"] == "anyang-2022-13" and row["node_id"] == "chp_2__sec_1"
    assert (row["value"], row["binding"], row["scope"]) == (93.5, True, None)
    p = tables["projects"]
    assert p.columns[:3] == ["doc_id", "node_id", "id"]
    d = tables["diagnostics"]
    assert d.columns == ["doc_id", "node_id", "level", "code", "line", "message"]
    csv_text = dumps_csv(q)
    assert ",93.5,,%,ge,2025,,,,true,,,,,93.5%," in csv_text  # None empty, bool lower case


@pytest.mark.parametrize(
    ("line", "node_id"),
    [
        (None, None),
        (1, None),  # page chrome, before the first heading
        (30, "chp_1"),  # anyang-2022-13.txt line 30: 一、规划环境
        (31, "chp_1"),  # the blank line before (一)
        (32, "chp_1__sec_1"),  # (一)“十三五”时期安阳教育发展的主要成就
        (35, "chp_1__sec_1__item_1"),  # the body of 1.全面落实教育方针
        (82, "chp_1"),  # between (一), which ends at 80, and (二) at 84
        (102, "chp_1__sec_2__item_3"),  # the last line of chapter 1
        (103, None),  # between chapters
        (10_000, None),  # past the end
    ],
)
def test_diagnostics_are_placed_in_the_deepest_node(
    anyang_plus: Plan, line: int | None, node_id: str | None
) -> None:
    assert NodeLocator(anyang_plus).node_id(line) == node_id


def test_diagnostic_rows_carry_their_node(anyang_plus: Plan) -> None:
    plan = anyang_plus.model_copy(deep=True)
    plan.diagnostics = [Diagnostic(level="warning", code="x", line=35, message="m")]
    (table,) = [t for t in build_tables([Document("d", plan)]) if t.name == "diagnostics"]
    assert table.rows == [["d", "chp_1__sec_1__item_1", "warning", "x", 35, "m"]]


def test_xlsx_round_trips_with_openpyxl(anyang_plus: Plan, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    tables = build_tables([Document("anyang-2022-13", anyang_plus)])
    path = tmp_path / "plans.xlsx"
    path.write_bytes(dumps_xlsx(tables))
    workbook = openpyxl.load_workbook(path, read_only=True)
    assert workbook.sheetnames == [
        "plans", "quantities", "projects", "outline", "diagnostics", "tables"
    ]  # fmt: skip
    for table in tables:
        rows = list(workbook[table.name].iter_rows(values_only=True))
        assert list(rows[0]) == table.columns
        assert [list(r) for r in rows[1:]] == table.rows
    assert workbook["outline"]["H2"].value == "规划环境"


def test_xlsx_is_reproducible_and_text_stays_text(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    table = Table("outline", ["doc_id", "title"], [["d", "=1+1"], ["d", "a\x0bb"]])
    first = dumps_xlsx([table])
    assert dumps_xlsx([table]) == first
    (tmp_path / "t.xlsx").write_bytes(first)
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["outline"]
    assert sheet["B2"].value == "=1+1" and sheet["B2"].data_type == "s"
    assert sheet["B3"].value == "ab"  # control characters cannot be stored in XLSX


def test_xlsx_without_openpyxl_is_one_line(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['openpyxl'] = None; from plan_parser.cli import main; "
        f"sys.argv = ['plan-parser', 'export', {str(ANYANG)!r}, '-f', 'xlsx', '-o', "
        f"{str(tmp_path)!r}]; main()"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    assert proc.stderr == (
        "error: XLSX export needs openpyxl: pip install 'plan-parser[xlsx]' (or use --format csv)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_bad_input_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "plan_parser", "export", str(ANYANG), str(bad), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: ") and len(proc.stderr.splitlines()) == 1
    assert not out.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"schema_version": "1.0"}', "not a plan-parser output (source: Field required)"),
        ("{broken", "not valid JSON"),
    ],
)
def test_bad_structured_input(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["export", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and message in result.stderr


def test_two_documents_with_one_id(tmp_path: Path) -> None:
    data = json.loads((STRUCTURED / "anyang-2022-13.json").read_text(encoding="utf-8"))
    data["source"]["sha256"] = "0" * 64
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match="document id anyang-2022-13 is taken"):
        load_documents([STRUCTURED / "anyang-2022-13.json", other])


def test_stdout_is_untouched(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(ANYANG), "-o", str(tmp_path)])
    assert result.stdout == ""
    assert io.StringIO(result.stderr).readline().startswith("wrote ")


# --- joins, types, NDJSON, Parquet, stdin -------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_tables() -> dict[str, Table]:
    from .conftest import ALL_PLANS

    return {t.name: t for t in build_tables(load_documents(ALL_PLANS))}


def test_every_node_id_of_every_table_has_a_titled_outline_row(
    corpus_tables: dict[str, Table],
) -> None:
    outline = {(r["doc_id"], r["node_id"]): r["title"] for r in corpus_tables["outline"].records()}
    assert all(outline.values())
    for name in ("quantities", "projects", "diagnostics", "tables"):
        for r in corpus_tables[name].records():
            if name != "diagnostics" or r["node_id"] is not None:  # front-matter diagnostics
                assert (r["doc_id"], r["node_id"]) in outline, (name, r.get("id", r))
    kinds = {r["kind"] for r in corpus_tables["outline"].records()}
    assert {"box", "entry"} <= kinds


def test_plans_table_names_the_document_and_its_jurisdiction(
    corpus_tables: dict[str, Table],
) -> None:
    plans = {r["doc_id"]: r for r in corpus_tables["plans"].records()}
    anyang = plans["anyang-2022-13"]
    assert anyang["doc_number"] == "安政〔2022〕13号"  # anyang-2022-13.txt header
    assert anyang["issuer"] == "安阳市人民政府办公室"
    assert (anyang["jurisdiction"], anyang["jurisdiction_level"]) == ("安阳市", "prefecture")
    assert anyang["jurisdiction_adcode"] == "410500"
    assert (anyang["period"], anyang["period_start"], anyang["period_end"]) == (
        "十四五",
        2021,
        2025,
    )
    assert set(plans) == {r["doc_id"] for r in corpus_tables["quantities"].records()} | set(plans)


def test_columns_have_one_type(corpus_tables: dict[str, Table]) -> None:
    python = {"text": (str,), "int": (int,), "number": (int, float), "bool": (bool,)}
    for table in corpus_tables.values():
        for i, column in enumerate(table.columns):
            kind = table.type_of(column)
            for row in table.rows:
                value = row[i]
                assert value is None or (
                    isinstance(value, python[kind])
                    and (kind == "bool" or not isinstance(value, bool))
                ), (table.name, column, value)
    q = corpus_tables["quantities"]
    assert (q.type_of("year"), q.type_of("binding"), q.type_of("value")) == (
        "int",
        "bool",
        "number",
    )
    p = corpus_tables["projects"]
    assert (p.type_of("adcode"), p.type_of("box")) == ("text", "int")


def test_parquet_loads_typed_in_pandas(corpus_tables: dict[str, Table]) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    from plan_parser.dataset.export import dumps_parquet

    q = pd.read_parquet(
        io.BytesIO(dumps_parquet(corpus_tables["quantities"])), dtype_backend="numpy_nullable"
    )
    assert str(q["year"].dtype) == "Int64" and str(q["binding"].dtype) == "boolean"
    p = pd.read_parquet(io.BytesIO(dumps_parquet(corpus_tables["projects"])))
    assert set(p["adcode"].dropna()) and all(isinstance(c, str) for c in p["adcode"].dropna())
    o = pd.read_parquet(io.BytesIO(dumps_parquet(corpus_tables["outline"])))
    merged = q.merge(o[["doc_id", "node_id", "title"]], on=["doc_id", "node_id"], how="left")
    assert merged["title"].notna().all()


def test_ndjson_to_stdout_is_one_object_per_line() -> None:
    result = runner.invoke(app, ["export", str(ANYANG), "--format", "ndjson", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    objects = [json.loads(line) for line in lines]
    assert {o["table"] for o in objects} == {
        "plans",
        "quantities",
        "projects",
        "outline",
        "diagnostics",
    }
    q = next(o for o in objects if o["table"] == "quantities" and o["line"] == 266)
    assert isinstance(q["year"], int) and isinstance(q["value"], int | float)
    assert not Path("-").exists()


def test_csv_to_stdout_has_no_bom_unless_asked() -> None:
    args = ["export", str(ANYANG), "--table", "quantities", "-o", "-"]
    plain = runner.invoke(app, args)
    assert plain.exit_code == 0, plain.stderr
    assert plain.stdout_bytes.startswith(b"doc_id,node_id,id,")
    assert next(csv.DictReader(io.StringIO(plain.stdout)))["doc_id"] == "anyang-2022-13"
    assert runner.invoke(app, [*args, "--bom"]).stdout_bytes.startswith(b"\xef\xbb\xbfdoc_id")
    many = runner.invoke(app, ["export", str(ANYANG), "-o", "-"])
    assert many.exit_code == 1 and "--table" in many.stderr


def test_stdin_is_an_input_raw_or_structured() -> None:
    raw = ANYANG.read_bytes()
    structured = (STRUCTURED / "anyang-2022-13.json").read_bytes()
    for data in (raw, structured):
        result = runner.invoke(
            app, ["export", "-", "--table", "plans", "--format", "ndjson", "-o", "-"], input=data
        )
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["doc_number"] == "安政〔2022〕13号"


def test_tables_export_is_one_row_per_cell() -> None:
    # a main-indicator table of two body rows (made up, in the shape of tests/test_quantities.py)
    from plan_parser import parse_text

    text = (
        "某省“十四五”教育事业发展规划\n一、发展基础\n成绩显著。\n二、主要指标\n"
        "指标\t2020年\t2025年\t属性\n"
        "学前教育毛入园率(%)\t90.3\t93\t预期性\n"
        "九年义务教育巩固率(%)\t96\t96.4\t约束性\n"
        "三、保障措施\n加强领导。\n"
    )
    plan = parse_text(text)
    (table,) = [t for t in build_tables([Document("d", plan)]) if t.name == "tables"]
    rows = table.records()
    assert len(rows) == 3 * 4  # the header row and two body rows, four columns
    outline = {r["node_id"] for r in next(
        t for t in build_tables([Document("d", plan)]) if t.name == "outline"
    ).records()}  # fmt: skip
    assert {(r["node_id"], r["table_id"]) for r in rows} == {("chp_2", "tbl_1")}
    assert "chp_2" in outline
    body = [r for r in rows if r["part"] == "body" and r["row"] == 2]
    assert [(r["col"], r["column"], r["role"], r["text"]) for r in body] == [
        (1, "指标", "name", "九年义务教育巩固率(%)"),
        (2, "2020年", "value", "96"),
        (3, "2025年", "value", "96.4"),
        (4, "属性", "binding", "约束性"),
    ]
    for r in rows:
        assert plan.source and text[r["span_start"] : r["span_end"]] == r["text"]
