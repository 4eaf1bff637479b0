"""Unruled tables: columns set apart by gaps only, as in the 主要指标 tables of most plans.

A line whose characters fall into pieces separated by a wide gap (more than `GAP` character
widths) may be a table row. A run of such lines on one page is a table when at least
`MIN_ROWS` of them share column positions: the pieces of all rows, merged where they overlap
horizontally (left-aligned names, centred values), give at least `MIN_COLUMNS` columns, and no
line has two pieces in one column. Lines of the run with a single piece are the wrapped parts of
a long cell: a line that sits closer to the line before than rows sit to each other (or overlaps
it, as the other cells of a row centred beside a two-line name do) belongs to the same row.

Each row comes out as one `PageTable` row, one cell per column (blank where the row has none),
which `TextBuilder.table` writes as a TAB-separated line.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..extracted import join_wrapped
from .geometry import Char, Line, line_text
from .tables import PageTable

if TYPE_CHECKING:
    from . import PageContent

GAP = 0.8  # a gap wider than this many character widths separates two cells
MIN_ROWS = 3  # lines with two or more cells that make a table
MIN_COLUMNS = 3  # fewer columns is a list or a table of contents, not an indicator table
MAX_WRAPPED = 2  # single-piece lines (a wrapped cell) allowed between two row lines


@dataclass
class Piece:
    x0: float
    x1: float
    text: str


def pieces(ln: Line) -> list[Piece]:
    """The line cut at gaps wider than `GAP` characters."""
    size = max(ln.size, 1.0)
    out: list[list[Char]] = []
    for c in ln.chars:
        if c.ch.isspace():
            continue
        if out and c.x0 - out[-1][-1].x1 <= GAP * size:
            out[-1].append(c)
        else:
            out.append([c])
    return [Piece(cs[0].x0, max(c.x1 for c in cs), line_text(cs).strip()) for cs in out]


def take_unruled_tables(page: PageContent) -> None:
    """Turn runs of table-like lines of `page` into `PageTable`s (in place)."""
    cut = [pieces(ln) for ln in page.lines]
    keep: list[Line] = []
    i = 0
    while i < len(page.lines):
        end = _run(cut, i)
        found = _table(page, cut, i, end, len(keep)) if end else None
        if found is None:
            keep.append(page.lines[i])
            i += 1
            continue
        table, before, i = found
        del keep[len(keep) - before :]
        page.tables.append(table)
    page.lines = keep
    page.tables.sort(key=lambda t: -t.top)


def _run(cut: list[list[Piece]], start: int) -> int:
    """End (exclusive) of the run of table-like lines starting at `start`, or 0."""
    if len(cut[start]) < 2:
        return 0
    end = start + 1
    i = start + 1
    while i < len(cut):
        if len(cut[i]) >= 2:
            end = i = i + 1
            continue
        # up to MAX_WRAPPED single-piece lines, if a row line follows them
        j = i
        while j < len(cut) and j - i < MAX_WRAPPED and len(cut[j]) == 1:
            j += 1
        if j < len(cut) and len(cut[j]) >= 2 and j > i:
            i = j
            continue
        break
    # a wrapped last cell: single-piece lines after the last row line (`_table` keeps them
    # only if they sit as close as the lines of one row)
    while end < len(cut) and end - i < MAX_WRAPPED and len(cut[end]) == 1:
        end += 1
    return end


def _columns(rows: list[list[Piece]]) -> list[tuple[float, float]] | None:
    """Columns: the horizontal extents of the pieces of all rows, merged where they overlap."""
    spans = sorted((p.x0, p.x1) for row in rows for p in row)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 < cols[-1][1]:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    if len(cols) < MIN_COLUMNS:
        return None
    for row in rows:  # no row has two pieces in one column
        hit = [_column_of(p, cols) for p in row]
        if len(set(hit)) != len(hit):
            return None
    return [(a, b) for a, b in cols]


def _column_of(p: Piece, cols: list[list[float]] | list[tuple[float, float]]) -> int:
    best = max(range(len(cols)), key=lambda k: min(p.x1, cols[k][1]) - max(p.x0, cols[k][0]))
    return best


def _table(
    page: PageContent, cut: list[list[Piece]], start: int, end: int, kept: int
) -> tuple[PageTable, int, int] | None:
    """The table of lines `start`..`end`, and how many lines before `start` (a wrapped first
    cell) and up to which line it takes; None if the lines do not line up as columns."""
    multi = [k for k in range(start, end) if len(cut[k]) >= 2]
    if len(multi) < MIN_ROWS:
        return None
    end = multi[-1] + 1 + _close_after(page.lines, cut, multi[-1], end)
    cols = _columns([cut[k] for k in range(start, end)])
    if cols is None:
        return None
    row_gap = _row_gap(page.lines, multi)
    # a wrapped first cell: a single-piece line just above, in one column, as close as a row's
    before = 0
    while (
        before < min(kept, MAX_WRAPPED)
        and len(cut[start - before - 1]) == 1
        and _gap(page.lines[start - before - 1], page.lines[start - before]) < 0.5 * row_gap
        and _fits(cut[start - before - 1][0], cols)
    ):
        before += 1
    rows: list[list[str]] = []
    prev: Line | None = None
    for k in range(start - before, end):
        ln = page.lines[k]
        if prev is None or _gap(prev, ln) >= 0.5 * row_gap:
            rows.append([""] * len(cols))
        for p in cut[k]:
            col = _column_of(p, cols)
            rows[-1][col] = join_wrapped(rows[-1][col], p.text)
        prev = ln
    return PageTable(page.page, page.lines[start - before].top, rows), before, end


def _gap(upper: Line, lower: Line) -> float:
    """White space between two lines (negative when they overlap)."""
    return upper.bottom - lower.top


def _row_gap(lines: list[Line], multi: list[int]) -> float:
    """How far apart rows sit: the median gap between two row lines in a row."""
    gaps = [_gap(lines[a], lines[b]) for a, b in itertools.pairwise(multi) if b == a + 1]
    if not gaps:
        gaps = [_gap(lines[a], lines[b]) for a, b in itertools.pairwise(multi)]
    return max(statistics.median(gaps), 0.0)


def _close_after(lines: list[Line], cut: list[list[Piece]], last: int, end: int) -> int:
    """How many single-piece lines after the last row line are wrapped parts of its cells."""
    n = 0
    while last + n + 1 < end and _gap(lines[last + n], lines[last + n + 1]) < 0.3 * max(
        lines[last].size, 1.0
    ):
        n += 1
    return n


def _fits(p: Piece, cols: list[tuple[float, float]]) -> bool:
    """The piece lies within one column (not a title centred over the table)."""
    return sum(1 for a, b in cols if min(p.x1, b) - max(p.x0, a) > 0) == 1
