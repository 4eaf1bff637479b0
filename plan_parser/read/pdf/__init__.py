"""PDF -> text, rebuilt from the characters and their positions (PDFium through pypdfium2).

What a plan's text needs that a PDF does not say outright, one module each:

- `geometry`: reading order: characters -> lines top to bottom on each page;
- `furniture`: running headers, footers and page numbers taken out and reported as `Furniture`;
- `tables`: ruling lines that form a grid of two or more columns become rows, one line per row
  with its cells separated by a TAB; a one-column frame (a 专栏 drawn as a box) is ordinary text;
- `unruled`: tables without rules (columns set apart by gaps), found from lines whose pieces
  share column positions, become rows the same way;
- `paragraphs`: lines re-joined into paragraphs across hard wraps and page breaks.

Refused with `InputError`: an encrypted PDF, a damaged or truncated one, and one without a text
layer (a scan), for which the message names OCR.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...errors import InputError
from ..extracted import Extracted
from .furniture import take_furniture
from .geometry import Line, build_lines, read_chars
from .paragraphs import assemble
from .tables import PageTable, ruled_tables
from .unruled import take_unruled_tables

INSTALL_HINT = "pip install 'plan-parser[pdf]'"
OCR_HINT = "run OCR on it first, e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`"


@dataclass
class PageContent:
    """One page: its text lines top to bottom, the tables found on it, its height in points."""

    page: int
    lines: list[Line]
    tables: list[PageTable]
    height: float


def _pdfium() -> Any:
    try:
        import pypdfium2
        import pypdfium2.raw
    except ImportError:
        raise InputError(f"reading PDF files needs the pdf extra: {INSTALL_HINT}") from None
    return pypdfium2


def pdf_to_text(data: bytes, *, name: str = "<input>") -> Extracted:
    """The text of a PDF, one paragraph or table row per line, and what was taken out."""
    pdfium = _pdfium()
    if b"%%EOF" not in data[-65536:] and b"%%EOF" not in data:
        raise InputError(
            f"{name}: PDF is truncated (no end-of-file marker): download or copy it again"
        )
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            raise InputError(
                f"{name}: PDF is encrypted (password protected): "
                "save an unprotected copy (e.g. `qpdf --decrypt in.pdf out.pdf`)"
            ) from None
        raise InputError(f"{name}: damaged PDF, cannot be opened ({exc})") from None
    try:
        pages: list[PageContent] = []
        for index in range(len(doc)):
            page = doc[index]
            try:
                pages.append(read_page(pdfium, page, index + 1))
            finally:
                page.close()
        page_count = len(doc)
    except pdfium.PdfiumError as exc:
        raise InputError(f"{name}: damaged PDF, a page cannot be read ({exc})") from None
    finally:
        doc.close()
    furniture = take_furniture(pages)
    for p in pages:
        take_unruled_tables(p)
    _refuse_unreadable([ln for p in pages for ln in p.lines], page_count, name)
    return assemble(pages, page_count, furniture)


def read_page(pdfium: Any, page: Any, page_no: int) -> PageContent:
    chars = read_chars(pdfium, page)
    tables = ruled_tables(pdfium, page, chars, page_no)
    lines = build_lines(chars, page_no)
    return PageContent(page_no, lines, tables, float(page.get_height()))


def _refuse_unreadable(body: list[Line], page_count: int, name: str) -> None:
    text = "".join(ln.text for ln in body)
    visible = [ch for ch in text if not ch.isspace()]
    if len(visible) < 20 * max(page_count, 1) and len(visible) < 200:
        raise InputError(
            f"{name}: PDF has no text layer ({len(visible)} characters on {page_count} "
            f"page(s)); it is probably a scan: {OCR_HINT}"
        )
    bad = sum(1 for ch in visible if 0xE000 <= ord(ch) <= 0xF8FF or ch == "\ufffd" or ord(ch) < 32)
    if bad > 0.1 * len(visible):
        raise InputError(
            f"{name}: PDF text layer cannot be decoded (its fonts have no Unicode map): {OCR_HINT}"
        )
