"""Remake the PDF and Word fixtures in tests/fixtures/ from the bundled plan (and only from it).

    python scripts/make_fixtures.py [--out tests/fixtures]

Writes:

- `anyang.docx`: python-docx. One paragraph per line of the plan, headings (一、 （一） 1.) with
  the Heading 1-3 styles, body paragraphs justified with a two-character first-line indent, a
  running header and a centred page number in the footer, and 专栏5 (技能型社会建设工程) as a
  real Word table: a merged title row, then one row per entry (name | description).
- `anyang-numbered.docx`: the same, but the headings are numbered by Word (automatic numbering:
  a 一、/（一）/1. multilevel list, Heading 1 linked to it by its style, Heading 2 and 3 by their
  own `w:numPr`), so their text has no marker, as in most Word plans.
- `anyang-libreoffice.pdf`: that .docx converted by LibreOffice headless (`soffice`), so a PDF as
  an office suite writes it. Needs `apt-get install -y libreoffice-writer fonts-noto-cjk`.
- `anyang-fpdf2.pdf`: written directly by fpdf2 with the Noto Sans CJK font embedded (subset):
  left-aligned paragraphs indented by two ideographic spaces, a running header, "— n —" page
  numbers, 专栏5 as a ruled table.
- `indicators-unruled.pdf`: fpdf2, one page: a 主要指标 table drawn without rules (columns set
  apart by gaps only), between two paragraphs; its figures are the ones the plan states.
- refusals: `scan.pdf` (an image of text, no text layer), `encrypted.pdf` (a user password),
  `truncated.pdf` (the fpdf2 PDF cut short), `old-word.doc` (an OLE2 compound-file header, the
  container of binary .doc and .wps files).

Only needed to remake the fixtures: CI uses the committed files.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "data" / "raw" / "anyang-2022-13.txt"
SANS = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FONT_NAME = "Noto Sans CJK SC"
TABLE_BOX = 5  # 专栏5 becomes a table
RUNNING_HEADER = "安阳市“十四五”教育改革发展规划"

H1 = re.compile(r"^[一二三四五六七八九十]+、")
H2 = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
H3 = re.compile(r"^\d{1,2}[.．、](?!\d)")
BOX = re.compile(r"^专栏(?P<num>\d+)[:：]")


def plan_paragraphs() -> list[str]:
    """The plan's non-blank lines, without their indentation."""
    lines = PLAN.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip()]


def heading_level(par: str) -> int | None:
    if H1.match(par) and len(par) < 40:
        return 1
    if H2.match(par) and len(par) < 40:
        return 2
    if H3.match(par) and len(par) < 50:
        return 3
    return None


def split_plan(pars: list[str]) -> tuple[list[str], list[list[str]], list[str]]:
    """The paragraphs before the table box, its rows (title, then name/description), after."""
    start = next(
        i for i, p in enumerate(pars) if (m := BOX.match(p)) and int(m["num"]) == TABLE_BOX
    )
    end = start + 1
    while end < len(pars) and heading_level(pars[end]) is None:
        end += 1
    rows = [[pars[start]]]
    for p in pars[start + 1 : end]:
        name, _, desc = p.partition(" ")
        rows.append([name.strip(), desc.strip()])
    return pars[:start], rows, pars[end:]


# --- Word -------------------------------------------------------------------------------------


# Word's automatic numbering of the headings in `anyang-numbered.docx`: (format, text) per level
NUMBERING_LEVELS = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
NUMBER_ID = "90"
HEADING_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、])"
)


def add_heading_numbering(doc: Any) -> None:
    """A multilevel list (一、 / （一） / 1.) in numbering.xml; Heading 1 is linked to it by its
    style, Heading 2 and 3 paragraphs get a `w:numPr` of their own (both ways occur)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(NUMBERING_LEVELS)
    )
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUMBER_ID}">'
        f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
    )
    first_num = numbering.find(qn_w("num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{NUMBER_ID}">'
            f'<w:abstractNumId w:val="{NUMBER_ID}"/></w:num>'
        )
    )
    style_ppr = doc.styles["Heading 1"].element.get_or_add_pPr()
    style_ppr.insert(0, num_pr(0))


def qn_w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def num_pr(ilvl: int) -> Any:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    return parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{NUMBER_ID}"/></w:numPr>'
    )


def write_docx(path: Path, *, numbered: bool = False) -> None:
    """`numbered`: headings numbered by Word (automatic numbering), not by their text; a heading
    whose written number is not the one Word would count keeps it in its text."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    doc = Document()
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3"):
        style = doc.styles[name]
        style.font.name = FONT_NAME
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT_NAME)
        if name != "Normal":
            style.font.color.rgb = RGBColor(0, 0, 0)
    doc.styles["Normal"].font.size = Pt(12)
    sizes = {"Heading 1": 16, "Heading 2": 14, "Heading 3": 12}
    for name, size in sizes.items():
        doc.styles[name].font.size = Pt(size)

    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = RUNNING_HEADER
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    run = footer.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    footer.add_run(" —")

    counts = [0, 0, 0]
    if numbered:
        add_heading_numbering(doc)

    def body(par: str) -> None:
        level = heading_level(par)
        if level is not None:
            counts[level - 1] += 1
            counts[level:] = [0] * (3 - level)
            marker = HEADING_NUMBER.match(par)
            auto = (
                numbered
                and marker is not None
                and parse_number(marker.group()) == counts[level - 1]
            )
            heading = doc.add_heading(par[marker.end() :] if auto and marker else par, level=level)
            if auto and level > 1:
                heading._p.get_or_add_pPr().insert(1, num_pr(level - 1))
            elif not auto and numbered and level == 1:
                heading._p.get_or_add_pPr().insert(1, num_pr_off())
            return
        p = doc.add_paragraph(par)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Pt(24)

    before, rows, after = split_plan(plan_paragraphs())
    for par in before:
        body(par)
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    title = table.cell(0, 0).merge(table.cell(0, 1))
    title.text = rows[0][0]
    title.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, (name, desc) in enumerate(rows[1:], start=1):
        table.cell(i, 0).text = name
        table.cell(i, 1).text = desc
    table.autofit = False
    for col, width in zip(table.columns, (Pt(110), Pt(320)), strict=True):
        col.width = width
        for cell in col.cells:
            cell.width = width
    for par in after:
        body(par)
    doc.core_properties.title = RUNNING_HEADER
    doc.core_properties.author = "plan-parser fixtures"
    doc.save(str(path))


def parse_number(marker: str) -> int:
    digits = re.sub(r"\D", "", marker)
    if digits:
        return int(digits)
    cn = re.sub(r"[^一二三四五六七八九十]", "", marker)
    ones = "一二三四五六七八九"
    if cn.startswith("十"):
        return 10 + (ones.index(cn[1]) + 1 if len(cn) > 1 else 0)
    if "十" in cn:
        tens, _, rest = cn.partition("十")
        return (ones.index(tens) + 1) * 10 + (ones.index(rest) + 1 if rest else 0)
    return ones.index(cn) + 1


def num_pr_off() -> Any:
    """`w:numId 0`: this paragraph is not numbered, whatever its style says."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    return parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>')


def docx_to_pdf(docx: Path, pdf: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("error: soffice not found: apt-get install -y libreoffice-writer")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx),
            ],
            check=True,
            capture_output=True,
        )
        shutil.copy(Path(tmp) / (docx.stem + ".pdf"), pdf)


# --- fpdf2 ------------------------------------------------------------------------------------


def _fpdf_class() -> type:
    from fpdf import FPDF

    class PlanPDF(FPDF):  # type: ignore[misc]
        def header(self) -> None:
            self.set_font("cjk", size=9)
            self.cell(0, 8, RUNNING_HEADER, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("cjk", size=10)
            self.cell(0, 8, f"— {self.page_no()} —", align="C")

    return PlanPDF


def new_fpdf() -> object:
    pdf = _fpdf_class()(format="A4")
    pdf.add_font("cjk", fname=str(SANS), collection_font_number=2)  # 2: the SC face
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(True, margin=22)
    pdf.set_creator("plan-parser fixtures (fpdf2)")
    return pdf


def write_fpdf(path: Path) -> None:
    pdf = new_fpdf()
    pdf.add_page()  # type: ignore[attr-defined]
    before, rows, after = split_plan(plan_paragraphs())

    def body(par: str) -> None:
        level = heading_level(par)
        if level is not None:
            pdf.set_font("cjk", size={1: 15, 2: 13.5, 3: 12}[level])  # type: ignore[attr-defined]
            pdf.multi_cell(0, 8, par, wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
            return
        pdf.set_font("cjk", size=11)  # type: ignore[attr-defined]
        pdf.multi_cell(0, 7, "\u3000\u3000" + par, wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]

    for par in before:
        body(par)
    pdf.set_font("cjk", size=10.5)  # type: ignore[attr-defined]
    with pdf.table(col_widths=(1, 3), wrapmode="CHAR", first_row_as_headings=False) as table:  # type: ignore[attr-defined]
        title = table.row()
        title.cell(rows[0][0], colspan=2, align="C")
        for name, desc in rows[1:]:
            row = table.row()
            row.cell(name)
            row.cell(desc)
    pdf.ln(3)  # type: ignore[attr-defined]
    for par in after:
        body(par)
    pdf.output(str(path))  # type: ignore[attr-defined]


# the 主要指标 table of `indicators-unruled.pdf`: figures the bundled plan states (line numbers)
INDICATORS_TITLE = "表1  “十四五”教育发展主要指标"
INDICATORS = [
    ["序号", "指标", "单位", "2020年", "2025年"],
    ["1", "九年义务教育巩固率", "%", "97", "—"],  # line 44
    ["2", "高中阶段毛入学率", "%", "92", "—"],  # line 48
    ["3", "学前三年毛入园率", "%", "—", "93"],  # line 266
    ["4", "普惠性幼儿园覆盖率", "%", "—", "85"],  # line 266
    ["5", "中等职业学校在校生规模", "万人", "—", "6.5"],  # line 408
    ["6", "全市教育经费总收入", "亿元", "122.87", "—"],  # line 74
    [
        "7",
        "达到《河南省中小学校数字校园评估标准》基本要求的中小学校比例",
        "%",
        "—",
        "100",
    ],  # line 522 (所有中小学校达到…)
    ["8", "中小学生体质测试达标率", "%", "—", "95"],  # line 226
    ["9", "国家财政性教育经费拨款（不含滑县）", "亿元", "100.4", "—"],  # line 74
]


def write_unruled_table(path: Path) -> None:
    """One page: a paragraph of the plan, a 主要指标 table drawn without any rule (columns set
    apart by gaps only, values centred, two long indicator names wrapped over two lines with
    the other cells of their row centred beside them, one in the last row), and a paragraph."""
    from fpdf.fonts import FontFace

    pdf = new_fpdf()
    pdf.add_page()  # type: ignore[attr-defined]
    pars = plan_paragraphs()
    goal = next(p for p in pars if p.startswith("到2025年,安阳教育现代化"))
    after = next(p for p in pars if "体质测试达标率达到95%" in p)
    pdf.set_font("cjk", size=11)  # type: ignore[attr-defined]
    pdf.multi_cell(0, 7, "\u3000\u3000" + goal, wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.ln(3)  # type: ignore[attr-defined]
    pdf.cell(0, 8, INDICATORS_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.set_font("cjk", size=10.5)  # type: ignore[attr-defined]
    with pdf.table(  # type: ignore[attr-defined]
        col_widths=(12, 46, 16, 22, 22),
        borders_layout="NONE",
        headings_style=FontFace(emphasis=None),
        text_align=("CENTER", "LEFT", "CENTER", "CENTER", "CENTER"),
        wrapmode="CHAR",
        padding=1.5,
    ) as table:
        for cells in INDICATORS:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.ln(3)  # type: ignore[attr-defined]
    pdf.set_font("cjk", size=11)  # type: ignore[attr-defined]
    pdf.multi_cell(0, 7, "\u3000\u3000" + after, wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.output(str(path))  # type: ignore[attr-defined]


# --- refusals ---------------------------------------------------------------------------------


def write_scan(path: Path) -> None:
    """A page that is a picture of text, as a scanner makes it: no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (600, 300), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(SANS), 28, index=2)
    for i, par in enumerate(plan_paragraphs()[30:35]):
        draw.text((30, 30 + 50 * i), par[:18], font=font, fill=0)
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(buf, x=10, y=10, w=190)
    pdf.output(str(path))


def write_encrypted(path: Path) -> None:
    pdf = new_fpdf()
    pdf.set_encryption(owner_password="owner", user_password="secret")  # type: ignore[attr-defined]
    pdf.add_page()  # type: ignore[attr-defined]
    pdf.set_font("cjk", size=11)  # type: ignore[attr-defined]
    for par in plan_paragraphs()[30:34]:
        pdf.multi_cell(0, 7, par, wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.output(str(path))  # type: ignore[attr-defined]


def write_truncated(source: Path, path: Path) -> None:
    data = source.read_bytes()
    path.write_bytes(data[:40_000])  # the header and first objects, no xref


def write_ole2(path: Path) -> None:
    """The 512-byte header of an OLE2 compound file (binary .doc, .wps, .xls), then zeros."""
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    header[24:26] = (0x3E).to_bytes(2, "little")  # minor version
    header[26:28] = (3).to_bytes(2, "little")  # major version 3
    header[28:30] = (0xFFFE).to_bytes(2, "little")  # byte order
    header[30:32] = (9).to_bytes(2, "little")  # sector size 2^9
    header[32:34] = (6).to_bytes(2, "little")  # mini sector size 2^6
    path.write_bytes(bytes(header) + bytes(1024))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "fixtures")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    write_docx(out / "anyang.docx")
    write_docx(out / "anyang-numbered.docx", numbered=True)
    docx_to_pdf(out / "anyang.docx", out / "anyang-libreoffice.pdf")
    write_fpdf(out / "anyang-fpdf2.pdf")
    write_unruled_table(out / "indicators-unruled.pdf")
    write_scan(out / "scan.pdf")
    write_encrypted(out / "encrypted.pdf")
    write_truncated(out / "anyang-fpdf2.pdf", out / "truncated.pdf")
    write_ole2(out / "old-word.doc")
    for p in sorted(out.iterdir()):
        if p.suffix in (".pdf", ".docx", ".doc"):
            print(f"{p.relative_to(ROOT)}: {p.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
