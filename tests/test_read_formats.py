"""PDF and Word readers against the plan they were made from (tests/fixtures, made by
scripts/make_fixtures.py from data/raw/anyang-2022-13.txt)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from plan_parser.errors import InputError
from plan_parser.read.docx import docx_to_text
from plan_parser.read.docx_numbering import format_number
from plan_parser.read.extracted import Extracted, join_wrapped
from plan_parser.read.normalize import fold
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


# indicators-unruled.pdf (scripts/make_fixtures.py INDICATORS): a 主要指标 table without rules
INDICATOR_ROWS = [
    ["序号", "指标", "单位", "2020年", "2025年"],
    ["1", "九年义务教育巩固率", "%", "97", "—"],
    ["2", "高中阶段毛入学率", "%", "92", "—"],
    ["3", "学前三年毛入园率", "%", "—", "93"],
    ["4", "普惠性幼儿园覆盖率", "%", "—", "85"],
    ["5", "中等职业学校在校生规模", "万人", "—", "6.5"],
    ["6", "全市教育经费总收入", "亿元", "122.87", "—"],
    ["7", "达到《河南省中小学校数字校园评估标准》基本要求的中小学校比例", "%", "—", "100"],
    ["8", "中小学生体质测试达标率", "%", "—", "95"],
    ["9", "国家财政性教育经费拨款（不含滑县）", "亿元", "100.4", "—"],
]


def test_unruled_table_is_tab_rows() -> None:
    """Columns set apart by gaps only: one TAB row per table row, a name wrapped over two lines
    (in the middle and in the last row) joined into its cell, the title and the paragraphs
    around it left as paragraphs."""
    ex = read("indicators-unruled.pdf")
    assert len(ex.tables) == 1
    assert [r.cells for r in ex.tables[0].rows] == INDICATOR_ROWS
    lines = ex.text.split("\n")
    assert [ln for ln in lines if "\t" in ln] == ["\t".join(r) for r in INDICATOR_ROWS]
    paras = [ln for ln in lines if ln and "\t" not in ln]
    assert len(paras) == 3
    assert paras[0].startswith("到2025年,安阳教育现代化") and paras[0].endswith("第一方阵。")
    assert paras[1] == "表1 “十四五”教育发展主要指标"
    assert paras[2].startswith("加强和改进体育工作") and paras[2].endswith("新增10所。")


@pytest.mark.parametrize("name", PDFS)
def test_prose_and_ruled_tables_are_not_unruled_tables(name: str) -> None:
    """The plan's own PDFs hold one table (专栏5, ruled): no prose line is read as a row."""
    assert len(read(name).tables) == 1


def test_word_automatic_numbering_is_rendered() -> None:
    """anyang-numbered.docx: headings numbered by Word (style-linked and paragraph numPr), their
    text without a marker; the reader writes 一、 （一） 1. back, so the text is the plain
    .docx's up to the width of the parentheses."""
    import docx

    raw = [p.text for p in docx.Document(str(FIXTURES / "anyang-numbered.docx")).paragraphs]
    assert "规划环境" in raw and "一、规划环境" not in raw
    numbered = read("anyang-numbered.docx").text
    assert "一、规划环境" in numbered.split("\n")
    assert "（一）指导思想" in numbered.split("\n")
    assert fold(numbered) == fold(read("anyang.docx").text)


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (12, "chineseCountingThousand", "十二"),
        (20, "chineseCounting", "二十"),
        (105, "chineseCounting", "一百零五"),
        (3, "decimal", "3"),
        (3, "decimalEnclosedCircle", "③"),
        (2, "lowerLetter", "b"),
        (4, "upperRoman", "IV"),
        (7, "decimalZero", "07"),
    ],
)
def test_word_number_formats(n: int, fmt: str, shown: str) -> None:
    assert format_number(n, fmt) == shown
