"""PDF -> text, rebuilt from the characters and their positions (PDFium through pypdfium2).

What a plan's text needs that a PDF does not say outright:

- reading order: lines top to bottom on each page, characters left to right;
- paragraphs: a line that ends short of the text width, or with 。；：, ends its paragraph; a line
  that runs to the right margin goes on in the next line, across page breaks too. A line that is
  indented, or starts with a heading marker (第X章, 一、, （一）, 1., 专栏), starts a new one;
- page furniture: running headers, footers and page numbers (lines at the top or bottom of the
  page that repeat on other pages with only their digits changed, or that are a page number) are
  taken out and reported as `Furniture`;
- tables: ruling lines (path objects) that form a grid of more than one column become rows, one
  row per line with its cells separated by a TAB. A one-column frame (a 专栏 drawn as a box) is
  read as ordinary text.

Refused with `InputError`: an encrypted PDF, a damaged or truncated one, and one without a text
layer (a scan), for which the message names OCR.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from .extracted import Extracted, Furniture, TextBuilder, is_cjk, join_wrapped

INSTALL_HINT = "pip install 'plan-parser[pdf]'"
OCR_HINT = "run OCR on it first, e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`"

TERMINAL = tuple("。；：！？;:!?")
# Heading markers. A line that starts with one begins a new paragraph unless the line before
# runs on to the margin without a full stop (then it is a wrap: 统\n一、融合发展).
HEADING_START = re.compile(
    r"""^(?:
        第[一二三四五六七八九十百零〇两\d]{1,4}\s*[章节篇]   # 第三章
      | [一二三四五六七八九十]{1,3}[、.．]                  # 一、
      | [（(][一二三四五六七八九十]{1,3}[)）]               # （一）
      | 专栏\s*[\d一二三四五六七八九十]                      # 专栏5
    )""",
    re.VERBOSE,
)
WEAK_HEADING_START = re.compile(r"^(?:[（(]?\d{1,2}[.．、)）](?![\d.．])|[①-⑳])")
PAGE_NUMBER = re.compile(
    r"""^[\s\-—–－·•]*
        (?:第\s*)?\d{1,4}(?:\s*页)?                      # 3, 第3页
        (?:\s*(?:[/／]|共)\s*\d{1,4}\s*页?)?              # 3/52, 第3页共52页
        [\s\-—–－·•]*$""",
    re.VERBOSE,
)
FURNITURE_BAND = 0.18  # furniture sits in the top or bottom 18% of a page
MAX_PATH_SEGMENTS = 400  # path objects with more segments are drawings, not table rules
RULE_TOL = 2.0  # points: rules closer than this are one rule


@dataclass
class Char:
    ch: str
    x0: float
    y0: float
    x1: float
    y1: float
    generated: bool

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class Line:
    page: int
    chars: list[Char] = field(default_factory=list)
    text: str = ""

    @property
    def x0(self) -> float:
        return min(c.x0 for c in self.chars if not c.ch.isspace())

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars if not c.ch.isspace())

    @property
    def top(self) -> float:
        return max(c.y1 for c in self.chars)

    @property
    def bottom(self) -> float:
        return min(c.y0 for c in self.chars)

    @property
    def size(self) -> float:
        """The line's character size: the median width of its Chinese characters."""
        widths = [c.x1 - c.x0 for c in self.chars if is_cjk(c.ch) and not c.ch.isspace()]
        if widths:
            return statistics.median(widths)
        return 0.7 * statistics.median(c.y1 - c.y0 for c in self.chars)


@dataclass
class Grid:
    """A ruled table on one page: row boundaries (top to bottom) and column rules per row."""

    ys: list[float]
    vrules: list[tuple[float, float, float]]  # (x, y0, y1)
    x0: float
    x1: float

    @property
    def top(self) -> float:
        return self.ys[0]

    def contains(self, c: Char) -> bool:
        return self.x0 <= c.cx <= self.x1 and self.ys[-1] <= c.cy <= self.ys[0]

    def columns(self, y_top: float, y_bottom: float) -> list[float]:
        mid = (y_top + y_bottom) / 2
        xs = sorted({round(x, 0) for x, a, b in self.vrules if a - RULE_TOL <= mid <= b + RULE_TOL})
        return _merge_close(xs)

    def is_table(self) -> bool:
        return any(len(self.columns(a, b)) >= 3 for a, b in zip(self.ys, self.ys[1:], strict=False))


@dataclass
class PageTable:
    page: int
    top: float
    rows: list[list[str]]


# --- loading ----------------------------------------------------------------------------------


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
        pages: list[tuple[list[Line], list[PageTable], float]] = []
        for index in range(len(doc)):
            page = doc[index]
            try:
                pages.append(_read_page(pdfium, page, index + 1))
            finally:
                page.close()
        page_count = len(doc)
    except pdfium.PdfiumError as exc:
        raise InputError(f"{name}: damaged PDF, a page cannot be read ({exc})") from None
    finally:
        doc.close()
    return _assemble(pages, page_count, name)


def _read_page(pdfium: Any, page: Any, page_no: int) -> tuple[list[Line], list[PageTable], float]:
    chars = _chars(pdfium, page)
    grids = [g for g in _grids(pdfium, page) if g.is_table()]
    tables: list[PageTable] = []
    if grids:
        rest: list[Char] = []
        cells: dict[int, list[Char]] = {}
        for c in chars:
            k = next((i for i, g in enumerate(grids) if g.contains(c)), None)
            if k is None:
                rest.append(c)
            else:
                cells.setdefault(k, []).append(c)
        chars = rest
        for i, g in enumerate(grids):
            rows = _table_rows(g, cells.get(i, []))
            if rows:
                tables.append(PageTable(page_no, g.top, rows))
    lines = _lines(chars, page_no)
    return lines, tables, float(page.get_height())


def _chars(pdfium: Any, page: Any) -> list[Char]:
    raw = pdfium.raw
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        if n <= 0:
            return []
        text = textpage.get_text_range(0, n)
        if len(text) != n:  # characters outside the BMP: fetch one by one
            text = "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, i)) for i in range(n))
        rect = raw.FS_RECTF()
        out: list[Char] = []
        for i, ch in enumerate(text):
            generated = bool(raw.FPDFText_IsGenerated(textpage.raw, i))
            if ch in "\r\n":
                if generated and out and out[-1].ch != "\n":
                    out.append(Char("\n", 0, 0, 0, 0, True))
                continue
            if ch == "\x00" or ch == "\ufffe":
                continue
            if not raw.FPDFText_GetLooseCharBox(textpage.raw, i, ctypes.byref(rect)):
                continue
            out.append(Char(ch, rect.left, rect.bottom, rect.right, rect.top, generated))
        return out
    finally:
        textpage.close()


def _lines(chars: list[Char], page_no: int) -> list[Line]:
    """Characters in content order -> lines top to bottom. Pieces of one line drawn apart (a
    Latin font next to a Chinese one, each in its own text object) are put back together."""
    pieces: list[Line] = []
    cur = Line(page_no)
    for c in chars:
        if c.ch == "\n":
            if cur.chars:
                pieces.append(cur)
            cur = Line(page_no)
            continue
        if cur.chars:
            last = cur.chars[-1]
            if _overlap(last.y0, last.y1, c.y0, c.y1) < 0.5 or c.x0 < last.x0 - 2 * (
                last.y1 - last.y0
            ):
                pieces.append(cur)
                cur = Line(page_no)
        cur.chars.append(c)
    if cur.chars:
        pieces.append(cur)
    pieces = [p for p in pieces if any(not c.ch.isspace() for c in p.chars)]
    pieces.sort(key=lambda ln: -ln.top)
    lines: list[Line] = []
    for piece in pieces:
        same = next(
            (
                ln
                for ln in reversed(lines[-3:])
                if _overlap(ln.bottom, ln.top, piece.bottom, piece.top) >= 0.5
                and not _overlaps_x(ln, piece)
            ),
            None,
        )
        if same is None:
            lines.append(piece)
        else:
            same.chars.extend(piece.chars)
    for ln in lines:
        ln.chars.sort(key=lambda c: c.x0)
        ln.text = _line_text(ln.chars)
    lines.sort(key=lambda ln: (-round(ln.top), ln.x0))
    return [ln for ln in lines if ln.text.strip()]


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """Vertical overlap of two ranges as a share of the shorter one."""
    shorter = min(a1 - a0, b1 - b0)
    if shorter <= 0:
        return 1.0 if a0 <= b0 <= a1 or b0 <= a0 <= b1 else 0.0
    return max(0.0, min(a1, b1) - max(a0, b0)) / shorter


def _overlaps_x(a: Line, b: Line) -> bool:
    """True if a character of `b` sits on top of one of `a` (another line, not a piece)."""
    for c in b.chars:
        w = c.x1 - c.x0
        for d in a.chars:
            if min(c.x1, d.x1) - max(c.x0, d.x0) > 0.5 * max(min(w, d.x1 - d.x0), 0.1):
                return True
    return False


def _line_text(chars: list[Char]) -> str:
    """A line's characters. A space PDFium made up for a gap is kept between two Latin words or
    numbers (Word 2020) and between two Chinese characters set apart (示范校工程 遴选), never
    between Chinese and Latin, where office suites add space for looks (2022 年 -> 2022年)."""
    parts: list[str] = []
    for i, c in enumerate(chars):
        if c.generated and c.ch == " ":
            if i == 0 or i + 1 == len(chars):
                continue
            a, b = chars[i - 1], chars[i + 1]
            gap = b.x0 - a.x1
            if gap < 0.15 * max(a.y1 - a.y0, 1.0) or is_cjk(a.ch) != is_cjk(b.ch):
                continue
        parts.append(c.ch)
    return "".join(parts)


# --- ruled tables -----------------------------------------------------------------------------


def _grids(pdfium: Any, page: Any) -> list[Grid]:
    raw = pdfium.raw
    hsegs: list[tuple[float, float, float]] = []  # (y, x0, x1)
    vsegs: list[tuple[float, float, float]] = []  # (x, y0, y1)
    for obj in page.get_objects(max_depth=1):
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            continue
        count = raw.FPDFPath_CountSegments(obj.raw)
        if count <= 0 or count > MAX_PATH_SEGMENTS:
            continue
        matrix = obj.get_matrix()
        points: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        x, y = ctypes.c_float(), ctypes.c_float()
        for i in range(count):
            seg = raw.FPDFPath_GetPathSegment(obj.raw, i)
            raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
            p = matrix.on_point(x.value, y.value)
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                points = [p]
                start = p
            elif kind == raw.FPDF_SEGMENT_LINETO and points:
                _add_segment(points[-1], p, hsegs, vsegs)
                points.append(p)
            else:
                points = [p]  # a curve: not a rule
            if raw.FPDFPathSegment_GetClose(seg) and start is not None and points:
                _add_segment(points[-1], start, hsegs, vsegs)
    # a thin filled rectangle is a rule: its two long sides merge
    return _connect(hsegs, vsegs)


def _add_segment(
    a: tuple[float, float],
    b: tuple[float, float],
    hsegs: list[tuple[float, float, float]],
    vsegs: list[tuple[float, float, float]],
) -> None:
    (xa, ya), (xb, yb) = a, b
    if abs(ya - yb) <= 0.5 and abs(xa - xb) > RULE_TOL:
        hsegs.append(((ya + yb) / 2, min(xa, xb), max(xa, xb)))
    elif abs(xa - xb) <= 0.5 and abs(ya - yb) > RULE_TOL:
        vsegs.append(((xa + xb) / 2, min(ya, yb), max(ya, yb)))


def _connect(
    hsegs: list[tuple[float, float, float]], vsegs: list[tuple[float, float, float]]
) -> list[Grid]:
    """Group rules that touch into grids."""
    n_h = len(hsegs)
    parent = list(range(n_h + len(vsegs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, hx0, hx1) in enumerate(hsegs):
        for j, (x, vy0, vy1) in enumerate(vsegs):
            if hx0 - RULE_TOL <= x <= hx1 + RULE_TOL and vy0 - RULE_TOL <= y <= vy1 + RULE_TOL:
                parent[find(i)] = find(n_h + j)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(n_h):
        groups.setdefault(find(i), ([], []))[0].append(i)
    for j in range(len(vsegs)):
        groups.setdefault(find(n_h + j), ([], []))[1].append(j)
    grids = []
    for hs, vs in groups.values():
        if len(hs) < 2 or len(vs) < 2:
            continue
        ys = _merge_close(sorted({hsegs[i][0] for i in hs}, reverse=True))
        if len(ys) < 2:
            continue
        vrules = [vsegs[j] for j in vs]
        x0 = min(hsegs[i][1] for i in hs)
        x1 = max(hsegs[i][2] for i in hs)
        grids.append(Grid(ys, vrules, x0, x1))
    return grids


def _merge_close(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in values:
        if not out or abs(v - out[-1]) > RULE_TOL:
            out.append(v)
    return out


def _table_rows(grid: Grid, chars: list[Char]) -> list[list[str]]:
    rows: list[list[str]] = []
    for top, bottom in zip(grid.ys, grid.ys[1:], strict=False):
        xs = grid.columns(top, bottom)
        if len(xs) < 2:
            xs = [grid.x0, grid.x1]
        in_row = [c for c in chars if bottom <= c.cy <= top]
        if not in_row:
            continue
        cells: list[str] = []
        for left, right in itertools.pairwise(xs):
            in_cell = [c for c in in_row if left <= c.cx <= right]
            text = ""
            for ln in _lines(in_cell, 0):
                text = join_wrapped(text, ln.text.strip())
            cells.append(text)
        rows.append(cells)
    return rows


# --- furniture and paragraphs -----------------------------------------------------------------


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _take_furniture(
    pages: list[tuple[list[Line], list[PageTable], float]],
) -> list[Furniture]:
    """Remove running headers, footers and page numbers from the pages' lines."""
    n = len(pages)
    counts: Counter[tuple[str, str]] = Counter()
    for lines, _, height in pages:
        for ln in lines[:2]:
            if ln.top >= height * (1 - FURNITURE_BAND):
                counts["header", _key(ln.text)] += 1
        for ln in lines[-2:]:
            if ln.bottom <= height * FURNITURE_BAND:
                counts["footer", _key(ln.text)] += 1
    repeat = max(2, round(0.3 * n))
    out: list[Furniture] = []
    for lines, _, height in pages:

        def furniture(ln: Line, where: str, first: bool, height: float = height) -> bool:
            in_band = (
                ln.top >= height * (1 - FURNITURE_BAND)
                if where == "header"
                else ln.bottom <= height * FURNITURE_BAND
            )
            if not in_band:
                return False
            if counts[where, _key(ln.text)] >= repeat:
                return True
            m = PAGE_NUMBER.match(ln.text)
            return first and m is not None and int(re.findall(r"\d+", ln.text)[0]) <= n + 10

        for i in range(2):
            if lines and furniture(lines[0], "header", i == 0):
                ln = lines.pop(0)
                out.append(Furniture(ln.page, "header", ln.text.strip()))
        for i in range(2):
            if lines and furniture(lines[-1], "footer", i == 0):
                ln = lines.pop()
                out.append(Furniture(ln.page, "footer", ln.text.strip()))
    out.sort(key=lambda f: (f.page or 0, f.where != "header"))
    return out


def _assemble(
    pages: list[tuple[list[Line], list[PageTable], float]], page_count: int, name: str
) -> Extracted:
    furniture = _take_furniture(pages)
    body = [ln for lines, _, _ in pages for ln in lines]
    _refuse_unreadable(body, page_count, name)
    layout = _layout(body)
    builder = TextBuilder()
    para = ""
    para_page = 0
    prev: Line | None = None
    pending_table: list[list[str]] = []
    table_page = 0

    def flush() -> None:
        nonlocal para, prev
        if para:
            builder.paragraph(para, para_page)
        para = ""
        prev = None

    def flush_table() -> None:
        nonlocal pending_table
        if pending_table:
            builder.table(pending_table, table_page)
        pending_table = []

    for lines, tables, _ in pages:
        items: list[tuple[float, Line | PageTable]] = [(ln.top, ln) for ln in lines]
        items += [(t.top, t) for t in tables]
        items.sort(key=lambda it: -it[0])
        for _, item in items:
            if isinstance(item, PageTable):
                flush()
                if not pending_table:
                    table_page = item.page
                pending_table.extend(item.rows)
                continue
            ln = item
            text = ln.text.strip()
            if pending_table:
                flush_table()
            if prev is not None and _continues(prev, ln, text, layout):
                para = join_wrapped(para, text)
            else:
                flush()
                para, para_page = text, ln.page
            prev = ln
    flush()
    flush_table()
    return builder.build(paged=True, page_count=page_count, furniture=furniture)


@dataclass(frozen=True)
class Layout:
    left: float  # the text block's left edge
    right: float  # its right edge
    indented: bool  # paragraphs start with a first-line indent (most Chinese documents)


def _continues(prev: Line, ln: Line, text: str, layout: Layout) -> bool:
    """Does `ln` go on with the paragraph `prev` ended in?"""
    size = max(prev.size, 1.0)
    if ln.x0 > layout.left + 0.8 * size:
        return False  # indented or centred: a new paragraph
    if not _runs_on(prev, ln, layout.right):
        return False  # the next line's first word would have fitted: a deliberate break
    if abs(ln.size - prev.size) > 0.2 * size:
        return False  # another font size: a heading or a note
    if prev.text.rstrip().endswith(TERMINAL):
        # 。 at the margin ends the paragraph, unless paragraphs are marked by an indent and
        # this line is flush left without a heading marker: then the sentence just ended there
        return layout.indented and not _starts_heading(text)
    return True


def _runs_on(prev: Line, ln: Line, right: float) -> bool:
    """True if `prev` was broken because the first word of `ln` did not fit after it."""
    first = 0.0
    for c in ln.chars:
        if c.ch.isspace():
            if first:
                break
            continue
        first += c.x1 - c.x0
        if is_cjk(c.ch):
            break  # Chinese breaks between any two characters
    return prev.x1 + first > right - 0.3 * max(prev.size, 1.0)


def _starts_heading(text: str) -> bool:
    return bool(HEADING_START.match(text) or WEAK_HEADING_START.match(text))


def _layout(body: list[Line]) -> Layout:
    """Where lines start (the most common start, or the leftmost common one) and where full
    lines end, and whether paragraphs start indented."""
    if not body:
        return Layout(0.0, 0.0, False)
    starts = Counter(round(ln.x0) for ln in body)
    left = float(min(x for x, k in starts.items() if k >= max(starts.values()) * 0.3))
    ends = sorted(ln.x1 for ln in body)
    right = ends[int(0.9 * (len(ends) - 1))]
    after_stop = [ln for prev, ln in itertools.pairwise(body) if prev.text.rstrip().endswith("。")]
    indented = sum(1 for ln in after_stop if ln.x0 > left + 0.8 * ln.size)
    return Layout(left, right, indented > 0.5 * len(after_stop))


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
