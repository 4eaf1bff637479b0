"""PDF and Word plans parse like the text they were made from (tests/fixtures, made by
scripts/make_fixtures.py from the bundled plan), and unreadable files get one error line."""

from __future__ import annotations

import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from plan_parser import Plan, parse_file
from plan_parser.cli import app
from plan_parser.dataset.build import build
from plan_parser.pipeline import read_text
from plan_parser.read.normalize import fold

from .conftest import ANYANG, ROOT, parsed

FIXTURES = ROOT / "tests" / "fixtures"
DOCUMENTS = ["anyang-libreoffice.pdf", "anyang-fpdf2.pdf", "anyang.docx", "anyang-numbered.docx"]
runner = CliRunner()


def outline(plan: Plan) -> list[tuple[Any, ...]]:
    return [(n.id, n.kind, n.number, "".join(fold(n.title).split())) for n in plan.iter_nodes()]


def boxes(plan: Plan) -> list[tuple[Any, ...]]:
    return [
        (b.id, b.parent_id, "".join(fold(b.title).split()), [e.name for e in b.entries])
        for b in plan.boxes
    ]


def quantity_keys(plan: Plan) -> Counter[tuple[Any, ...]]:
    return Counter((q.value, q.unit, q.kind) for q in plan.quantities)


@pytest.fixture(scope="module", params=DOCUMENTS)
def document(request: pytest.FixtureRequest) -> tuple[Path, Plan]:
    path = FIXTURES / request.param
    return path, parse_file(path)


def test_same_outline_boxes_and_quantities(document: tuple[Path, Plan]) -> None:
    path, plan = document
    text = parsed(ANYANG)
    assert plan.source.format == path.suffix.lstrip(".")
    assert outline(plan) == outline(text)
    assert boxes(plan) == boxes(text)
    same = sum((quantity_keys(plan) & quantity_keys(text)).values())
    assert same >= 0.98 * len(text.quantities)
    assert len(plan.quantities) <= 1.02 * len(text.quantities)


def test_every_record_quotes_the_text_command_prints(document: tuple[Path, Plan]) -> None:
    path, plan = document
    result = runner.invoke(app, ["text", str(path)])
    assert result.exit_code == 0
    text = result.stdout
    assert text == read_text(path)
    lines = text.split("\n")
    for q in plan.quantities:
        assert text[q.span[0] : q.span[1]] == q.quote
        assert q.quote.split("\n")[0] in lines[q.line - 1]
    for p in plan.projects:
        assert text[p.span[0] : p.span[1]] == p.quote
    for n in plan.iter_nodes():
        assert text[n.span[0] : n.span[1]] == n.title
        assert n.title in lines[n.line - 1]
    for b in plan.boxes:
        assert text[b.span[0] : b.span[1]] == b.title


def test_pages_are_set_and_plausible(document: tuple[Path, Plan]) -> None:
    path, plan = document
    records = [*plan.iter_nodes(), *plan.boxes, *plan.quantities, *plan.projects]
    if path.suffix == ".docx":
        assert all(r.page is None for r in records)
        assert (
            "page" not in parse_file(path).model_dump(mode="json", exclude_none=False)["outline"][0]
        )
        return
    pages = [r.page for r in records]
    assert all(p is not None and 1 <= p <= 60 for p in pages)
    nodes = [n.page for n in plan.iter_nodes()]
    assert nodes == sorted(nodes)  # type: ignore[type-var]
    assert plan.outline[0].page is not None and plan.outline[0].page <= 3
    assert plan.outline[-1].page is not None and plan.outline[-1].page >= 35
    box5 = next(b for b in plan.boxes if b.number == 5)
    assert box5.page is not None and 20 <= box5.page <= 32


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("scan.pdf", "no text layer"),
        ("scan.pdf", "ocrmypdf -l chi_sim in.pdf out.pdf"),
        ("encrypted.pdf", "encrypted"),
        ("truncated.pdf", "truncated"),
        ("old-word.doc", "save it as .docx"),
    ],
)
def test_refusals_are_one_error_line(name: str, message: str) -> None:
    result = runner.invoke(app, ["parse", str(FIXTURES / name), "-o", "-"])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert message in lines[0]


def test_format_comes_from_the_bytes(tmp_path: Path) -> None:
    """A .doc saved under the name .docx, a PDF named .txt: the bytes decide."""
    wrong = tmp_path / "plan.docx"
    shutil.copy(FIXTURES / "old-word.doc", wrong)
    result = runner.invoke(app, ["parse", str(wrong), "-o", "-"])
    assert result.exit_code == 1 and "save it as .docx" in result.stderr
    pdf_as_txt = tmp_path / "plan.txt"
    shutil.copy(FIXTURES / "anyang-fpdf2.pdf", pdf_as_txt)
    assert parse_file(pdf_as_txt).source.format == "pdf"


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    result = runner.invoke(app, ["parse", str(FIXTURES / "anyang-fpdf2.pdf"), "-o", "-"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "error: reading PDF files needs the pdf extra: pip install 'plan-parser[pdf]'"
    )
    monkeypatch.setitem(sys.modules, "docx", None)
    result = runner.invoke(app, ["parse", str(FIXTURES / "anyang.docx"), "-o", "-"])
    assert "pip install 'plan-parser[docx]'" in result.stderr


def test_build_takes_pdf_and_docx_and_reports_the_rest(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ["anyang-fpdf2.pdf", "anyang.docx", "old-word.doc", "scan.pdf"]:
        shutil.copy(FIXTURES / name, raw / name)
    report = build(raw, tmp_path / "out")
    assert not report.ok
    manifest = (tmp_path / "out" / "manifest.json").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "anyang-fpdf2.json").is_file()
    assert (tmp_path / "out" / "anyang.json").is_file()
    assert '"input": "old-word.doc"' in manifest and '"input": "scan.pdf"' in manifest


def test_page_furniture_is_one_diagnostic_per_kind(document: tuple[Path, Plan]) -> None:
    """The running header and the page numbers taken out: one diagnostic each, with the count
    and the pages, not one per page."""
    path, plan = document
    found = [d for d in plan.diagnostics if d.code == "page-furniture"]
    messages = sorted(d.message.split(" (")[0] for d in found)
    if path.suffix == ".docx":
        assert messages == ["running page footer", "running page header"]
        assert all(d.line is None for d in found)
        return
    assert messages == ["page number", "running page header"]
    pages = 52 if "libreoffice" in path.name else 41
    for d in found:
        assert f"({pages} removed, pages 1-{pages})" in d.message
        assert d.line == 1
    header = next(d for d in found if d.message.startswith("running page header"))
    assert header.message.endswith("安阳市“十四五”教育改革发展规划")


def test_unruled_pdf_table_feeds_the_table_stage() -> None:
    """The TAB rows of a table without rules are found by the table stage (shape `tab`), with
    its title, column roles and the quantities of its cells."""
    plan = parse_file(FIXTURES / "indicators-unruled.pdf")
    assert len(plan.tables) == 1
    table = plan.tables[0]
    assert table.shape == "tab" and table.title == "“十四五”教育发展主要指标"
    assert table.columns == ["序号", "指标", "单位", "2020年", "2025年"]
    assert table.roles == ["serial", "name", "unit", "value", "value"]
    assert len(table.rows) == 9
    from_table = [
        (q.value, q.unit, q.kind, q.year)
        for q in plan.quantities
        if table.line <= q.line and q.line <= table.end_line
    ]
    assert from_table == [
        (97, "%", "baseline", 2020),
        (92, "%", "baseline", 2020),
        (93, "%", "target", 2025),
        (85, "%", "target", 2025),
        (6.5, "万人", "target", 2025),
        (122.87, "亿元", "baseline", 2020),
        (100, "%", "target", 2025),
        (95, "%", "target", 2025),
        (100.4, "亿元", "baseline", 2020),
    ]
    assert all(q.page == 1 for q in plan.quantities)
