"""The `cell_per_line` shape: one cell per line (Word or web exports); a header of known column
words fixes the column count, blank lines are blank cells, a 序号 column fixes the rows."""

from __future__ import annotations

from bisect import bisect_left

from ..read.normalize import Document, Line
from .table_base import (
    MAX_CELL_LINE,
    NOTE_START,
    PROSE_END,
    Cell,
    Found,
    HtmlLayout,
    Row,
    _usable,
    column_role,
)


def _cell_per_line_tables(doc: Document, skip: set[int], layout: HtmlLayout) -> list[Found]:
    del layout
    out: list[Found] = []
    heading = _header_cells(doc, skip)
    starts = sorted(heading)
    no = 1
    n = len(doc.lines)
    while no <= n:
        if no not in heading:  # no header here: on to the next line that can start one
            i = bisect_left(starts, no)
            if i == len(starts):
                break
            no = starts[i]
        header: list[Line] = []
        k = no
        while k in heading:
            header.append(doc.lines[k - 1])
            k += 1
        roles = [column_role(ln.stripped) for ln in header]
        if len(header) < 3 or len(set(roles)) < 2 or "name" not in roles:
            no = k + 1 if k == no else k
            continue
        table = _read_cells(doc, header, roles, k, skip)
        if table is None:
            no = k
            continue
        out.append(table)
        no = max(table.lines) + 1
    return out


def _header_cells(doc: Document, skip: set[int]) -> set[int]:
    """The lines that can be a header cell: short, no tab, a column word (`column_role`)."""
    out: set[int] = set()
    for ln in doc.lines:
        s = ln.stripped
        if s and len(s) <= 16 and "\t" not in s and ln.no not in skip and column_role(s):
            out.add(ln.no)
    return out


def _is_prose(s: str) -> bool:
    return len(s) > MAX_CELL_LINE or bool(PROSE_END.search(s) and len(s) > 15)


def _serial_lines(body: list[Line], serial_col: int, after: int) -> list[int]:
    """The body lines that open a row: the serial column's numbers 1, 2, 3 … in order.

    A value cell can equal the next serial (row 2's 2025 target is `3`). Inside a row that is not
    yet full (fewer than `after` cells since its serial), such a line opens the next row only
    when a full row would not put that number at its place either, and a row could still follow
    it: a row whose export dropped a blank cell is short, but a value is never a serial.
    """
    serials: list[int] = []
    expect = 1
    for i, ln in enumerate(body):
        if ln.stripped != str(expect):
            continue
        if serials and i - serials[-1] <= after:
            full = serials[-1] + after + 1  # where the next serial stands after a full row
            at_full = any(
                j < len(body) and body[j].stripped == str(expect)
                for j in range(full, full + serial_col + 1)
            )
            if at_full or i + after >= len(body):
                continue
        serials.append(i)
        expect += 1
    return serials


def _read_cells(
    doc: Document, header: list[Line], roles: list[str | None], start: int, skip: set[int]
) -> Found | None:
    ncol = len(header)
    serial_col = roles.index("serial") if "serial" in roles else None
    # the body: lines up to prose, a note, a heading-like long line or the end
    body: list[Line] = []
    k = start
    while k <= len(doc.lines):
        ln = _usable(doc, k, skip)
        if ln is None:
            break
        s = ln.stripped
        if s and (_is_prose(s) or NOTE_START.match(s) or "\t" in s):
            break
        body.append(ln)
        k += 1
    while body and not body[-1].stripped:
        body.pop()
    rows: list[Row] = []
    if serial_col is not None:
        # rows are cut at the serial column's next number; the cells before the serial (a
        # category) may be absent when the export kept a merged cell only in its first row
        after = ncol - serial_col - 1
        serials = _serial_lines(body, serial_col, after)
        if not serials:
            return None
        pre_start = max(0, serials[0] - serial_col)
        used = 0
        previous: list[Cell | None] | None = None
        for j, si in enumerate(serials):
            tail_end = si + 1 + after
            nxt = serials[j + 1] if j + 1 < len(serials) else None
            if nxt is not None and nxt < tail_end:
                tail_end = nxt
            pre = body[pre_start:si]
            chunk_lines = [*pre, body[si], *body[si + 1 : tail_end]]
            cells: list[Cell | None] = []
            if len(pre) < serial_col:
                for c in range(serial_col - len(pre)):
                    prev = previous[c] if previous else None
                    cells.append(Cell(list(prev.parts), covered=True) if prev else None)
            cells += [
                Cell([(ln.content_start, ln.content_end)] if ln.stripped else [])
                for ln in chunk_lines
            ]
            cells += [None] * (ncol - len(cells))
            rows.append(Row(body[si].no, cells[:ncol], {ln.no for ln in chunk_lines}))
            previous = cells
            used = tail_end
            pre_start = tail_end
        body = body[:used]
    else:
        for i in range(0, len(body) - ncol + 1, ncol):
            chunk = body[i : i + ncol]
            if not chunk[0].stripped:
                break
            cells = [
                Cell([(ln.content_start, ln.content_end)] if ln.stripped else []) for ln in chunk
            ]
            rows.append(Row(chunk[0].no, list(cells), {ln.no for ln in chunk}))
        body = body[: len(rows) * ncol]
    if not rows:
        return None
    head_cells: list[Cell | None] = [Cell([(ln.content_start, ln.content_end)]) for ln in header]
    return Found(
        "cell_per_line",
        [head_cells],
        [ln.no for ln in header],
        [doc.text[ln.content_start : ln.content_end] for ln in header],
        rows,
        {ln.no for ln in header} | {ln.no for ln in body},
    )
