"""The `tab` shape: one row per line, cells separated by tabs (HTML `<table>` as the reader
extracts it, rowspan and colspan resolved from its layout; Word and spreadsheet pastes)."""

from __future__ import annotations

from ..read.normalize import Document, Line
from .table_base import Cell, Found, HtmlLayout, Row, _squash, _usable, column_role


def _tab_cells(ln: Line) -> list[Cell]:
    cells: list[Cell] = []
    pos = ln.start
    for piece in ln.text.split("\t"):
        lead = len(piece) - len(piece.lstrip())
        a, b = pos + lead, pos + len(piece.rstrip())
        cells.append(Cell([(a, b)] if b > a else []))
        pos += len(piece) + 1
    return cells


def _tab_tables(doc: Document, skip: set[int], layout: HtmlLayout) -> list[Found]:
    out: list[Found] = []
    if not layout and "\t" not in doc.norm:
        return out  # no tab anywhere: no row of this shape
    no = 1
    n = len(doc.lines)
    while no <= n:
        ln = _usable(doc, no, skip)
        if ln is None or not (("\t" in ln.stripped) or no in layout):
            no += 1
            continue
        run: list[Line] = []
        while no <= n:
            ln2 = _usable(doc, no, skip)
            if ln2 is None or not ("\t" in ln2.stripped or no in layout):
                break
            run.append(ln2)
            no += 1
        table = _grid_table(doc, run, layout)
        if table is not None:
            out.append(table)
    return out


def _grid_table(doc: Document, run: list[Line], layout: HtmlLayout) -> Found | None:
    """Rows of tab cells on a grid: rowspan and colspan (from the layout) resolved."""
    grid: dict[tuple[int, int], Cell] = {}
    width = 0
    for r, ln in enumerate(run):
        cells = _tab_cells(ln)
        spans = layout.get(ln.no) or [(1, 1)] * len(cells)
        c = 0
        for cell, (rs, cs) in zip(cells, spans, strict=False):
            while (r, c) in grid:
                c += 1
            cell.rowspan, cell.colspan = rs, cs
            for dr in range(rs):
                for dc in range(cs):
                    if dr == 0 and dc == 0:
                        grid[(r, c)] = cell
                    else:
                        grid[(r + dr, c + dc)] = Cell(list(cell.parts), rs, cs, covered=True)
            c += cs
            width = max(width, c)
    rows = [[grid.get((r, c)) for c in range(width)] for r in range(len(run))]
    # header rows: leading rows whose cells all name columns
    n_header = 0
    for grid_row in rows:
        texts = [_squash(c.norm(doc)) for c in grid_row if c is not None and c.parts]
        if texts and all(column_role(t) or t in ("", "单位") for t in texts):
            n_header += 1
        else:
            break
    if n_header == 0 or width < 2 or len(rows) <= n_header:
        return None
    columns = []
    for c in range(width):
        leaf = next(
            (
                rows[r][c]
                for r in range(n_header - 1, -1, -1)
                if rows[r][c] is not None and rows[r][c].parts  # type: ignore[union-attr]
            ),
            None,
        )
        columns.append(leaf.text(doc).strip() if leaf else "")
    body = [Row(run[r].no, rows[r], {run[r].no}) for r in range(n_header, len(run))]
    return Found(
        "tab",
        rows[:n_header],
        [ln.no for ln in run[:n_header]],
        columns,
        body,
        {ln.no for ln in run},
    )
