"""PDF and Word readers against the plan they were made from (tests/fixtures, made by
scripts/make_fixtures.py from data/raw/anyang-2022-13.txt)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from plan_parser.errors import InputError
from plan_parser.read.docx import docx_to_text
from plan_parser.read.extracted import Extracted, join_wrapped
from plan_parser.read.pdf import pdf_to_text
from plan_parser.read.sniff import sniff

from .conftest import ANYANG, ROOT

FIXTURES = ROOT / "tests" / "fixtures"
PDFS = ["anyang-libreoffice.pdf", "anyang-fpdf2.pdf"]
# the plan's paragraphs: its non-blank lines without indentation
PARAGRAPHS = [ln.strip() for ln in ANYANG.read_text(encoding="utf-8").splitlines() if ln.strip()]
BOX5_ROW = ["1+X证书制度推广计划", "推广实行1+X证书制度,落实“育训并举”法定职责"]


def read(name: str) -> Extracted:
    data = (FIXTURES / name).read_bytes()
    return docx_to_text(data, name=name) if name.endswith(".docx") else pdf_to_text(data, name=name)


def paragraphs(ex: Extracted) -> list[str]:
    return [ln.replace("\t", " ") for ln in ex.text.split("\n") if ln.strip()]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("anyang-libreoffice.pdf", "pdf"),
        ("anyang-fpdf2.pdf", "pdf"),
        ("truncated.pdf", "pdf"),
        ("anyang.docx", "docx"),
        ("old-word.doc", "ole2"),
    ],
)
def test_sniff_reads_the_bytes(name: str, kind: str) -> None:
    assert sniff((FIXTURES / name).read_bytes()) == kind


def test_sniff_text_and_html_are_text() -> None:
    assert sniff(ANYANG.read_bytes()) == "text"
    assert sniff(b"<html><body><p>x</p></body></html>") == "text"


@pytest.mark.parametrize("name", [*PDFS, "anyang.docx"])
def test_paragraphs_come_back(name: str) -> None:
    """Paragraphs re-joined across line wraps and page breaks: at least 99% of the plan's
    paragraphs come back exactly, the rest differ by a space at a line break."""
    got = paragraphs(read(name))
    same = sum(
        b.size
        for b in difflib.SequenceMatcher(
            None, PARAGRAPHS, got, autojunk=False
        ).get_matching_blocks()
    )
    assert same >= 0.99 * len(PARAGRAPHS)
    assert abs(len(got) - len(PARAGRAPHS)) <= 2


@pytest.mark.parametrize("name", PDFS)
def test_pdf_pages_and_furniture(name: str) -> None:
    ex = read(name)
    assert ex.pages is not None and ex.page_count is not None
    lines = ex.text.split("\n")[:-1]
    assert len(ex.pages) == len(lines)
    assert ex.pages[0] == 1 and ex.pages[-1] == ex.page_count
    assert ex.pages == sorted(ex.pages)
    # one running header and one page number per page, none left in the text
    headers = [f for f in ex.furniture if f.where == "header"]
    footers = [f for f in ex.furniture if f.where == "footer"]
    assert len(headers) == len(footers) == ex.page_count
    assert {f.text for f in footers} == {f"— {n} —" for n in range(1, ex.page_count + 1)}
    assert not any(ln.startswith("— ") for ln in lines)


@pytest.mark.parametrize("name", [*PDFS, "anyang.docx"])
def test_box_table_is_tab_rows(name: str) -> None:
    ex = read(name)
    assert len(ex.tables) == 1
    table = ex.tables[0]
    assert [len(r.cells) for r in table.rows] == [1, 2, 2, 2]
    assert table.rows[0].cells == ["专栏5:技能型社会建设工程"]
    name_cell, desc_cell = table.rows[1].cells
    assert name_cell == BOX5_ROW[0] and desc_cell.startswith(BOX5_ROW[1])
    lines = ex.text.split("\n")
    for row in table.rows:
        assert lines[row.line - 1] == "\t".join(row.cells)


def test_docx_header_footer_reported() -> None:
    ex = read("anyang.docx")
    assert ex.pages is None
    assert [f.where for f in ex.furniture] == ["header", "footer"]
    assert ex.furniture[0].text == "安阳市“十四五”教育改革发展规划"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("scan.pdf", "no text layer"),
        ("scan.pdf", "ocrmypdf -l chi_sim"),
        ("encrypted.pdf", "encrypted"),
        ("truncated.pdf", "truncated"),
    ],
)
def test_pdf_refusals(name: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read(name)


def test_damaged_pdf_and_docx() -> None:
    data = (FIXTURES / "anyang-fpdf2.pdf").read_bytes()
    with pytest.raises(InputError, match="damaged PDF"):
        pdf_to_text(data[:2000] + b"\n%%EOF\n", name="x.pdf")
    docx = (FIXTURES / "anyang.docx").read_bytes()
    with pytest.raises(InputError, match="damaged Word"):
        docx_to_text(docx[: len(docx) // 2], name="x.docx")


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("全面推进教育现代", "化", "全面推进教育现代化"),
        ("达到20", "25年", "达到2025年"),
        ("Word", "document", "Word document"),
        ("", "一", "一"),
    ],
)
def test_join_wrapped(left: str, right: str, joined: str) -> None:
    assert join_wrapped(left, right) == joined


def test_fixtures_are_small() -> None:
    for p in Path(FIXTURES).iterdir():
        assert p.stat().st_size < 1_000_000, p.name
