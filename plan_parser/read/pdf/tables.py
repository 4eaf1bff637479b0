"""Ruled tables: ruling lines (path objects) that form a grid of two or more columns.

The rules of a page are read from its path objects (lines, and thin filled rectangles whose long
sides merge), grouped into grids by which rules touch, and a grid with three or more column rules
in one of its rows is a table: the characters inside it become rows, one per band between two
horizontal rules, with one cell per pair of column rules. A one-column frame (a 专栏 drawn as a
box) is not a table: its text is read as ordinary lines.

Tables without rules (columns separated by gaps only) are found in `unruled.py`.
"""

from __future__ import annotations

import ctypes
import itertools
from dataclasses import dataclass
from typing import Any

from ..extracted import join_wrapped
from .geometry import Char, build_lines

MAX_PATH_SEGMENTS = 400  # path objects with more segments are drawings, not table rules
RULE_TOL = 2.0  # points: rules closer than this are one rule

Segment = tuple[float, float, float]  # horizontal (y, x0, x1) or vertical (x, y0, y1)


@dataclass
class Grid:
    """A ruled table on one page: row boundaries (top to bottom) and column rules per row."""

    ys: list[float]
    vrules: list[Segment]  # (x, y0, y1)
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
        return merge_close(xs)

    def is_table(self) -> bool:
        return any(len(self.columns(a, b)) >= 3 for a, b in itertools.pairwise(self.ys))


@dataclass
class PageTable:
    """Rows of cells found on one page, placed at `top` among the page's lines."""

    page: int
    top: float
    rows: list[list[str]]


def ruled_tables(pdfium: Any, page: Any, chars: list[Char], page_no: int) -> list[PageTable]:
    """The ruled tables of a page. Their characters are taken out of `chars` (in place)."""
    grids = [g for g in _grids(pdfium, page) if g.is_table()]
    if not grids:
        return []
    rest: list[Char] = []
    cells: dict[int, list[Char]] = {}
    for c in chars:
        k = next((i for i, g in enumerate(grids) if g.contains(c)), None)
        if k is None:
            rest.append(c)
        else:
            cells.setdefault(k, []).append(c)
    chars[:] = rest
    tables: list[PageTable] = []
    for i, g in enumerate(grids):
        rows = _table_rows(g, cells.get(i, []))
        if rows:
            tables.append(PageTable(page_no, g.top, rows))
    return tables


def _grids(pdfium: Any, page: Any) -> list[Grid]:
    raw = pdfium.raw
    hsegs: list[Segment] = []
    vsegs: list[Segment] = []
    # the raw API, not page.get_objects(): a page holds thousands of text objects, and a wrapper
    # object for each is most of the cost of looking for the few paths
    m = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, index)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH:
            continue
        count = raw.FPDFPath_CountSegments(obj)
        if (
            count <= 0
            or count > MAX_PATH_SEGMENTS
            or not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
        ):
            continue
        points: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        for i in range(count):
            seg = raw.FPDFPath_GetPathSegment(obj, i)
            raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
            p = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
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
    a: tuple[float, float], b: tuple[float, float], hsegs: list[Segment], vsegs: list[Segment]
) -> None:
    (xa, ya), (xb, yb) = a, b
    if abs(ya - yb) <= 0.5 and abs(xa - xb) > RULE_TOL:
        hsegs.append(((ya + yb) / 2, min(xa, xb), max(xa, xb)))
    elif abs(xa - xb) <= 0.5 and abs(ya - yb) > RULE_TOL:
        vsegs.append(((xa + xb) / 2, min(ya, yb), max(ya, yb)))


def _connect(hsegs: list[Segment], vsegs: list[Segment]) -> list[Grid]:
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
        ys = merge_close(sorted({hsegs[i][0] for i in hs}, reverse=True))
        if len(ys) < 2:
            continue
        vrules = [vsegs[j] for j in vs]
        x0 = min(hsegs[i][1] for i in hs)
        x1 = max(hsegs[i][2] for i in hs)
        grids.append(Grid(ys, vrules, x0, x1))
    return grids


def merge_close(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in values:
        if not out or abs(v - out[-1]) > RULE_TOL:
            out.append(v)
    return out


def _table_rows(grid: Grid, chars: list[Char]) -> list[list[str]]:
    rows: list[list[str]] = []
    for top, bottom in itertools.pairwise(grid.ys):
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
            for ln in build_lines(in_cell, 0):
                text = join_wrapped(text, ln.text.strip())
            cells.append(text)
        rows.append(cells)
    return rows
