"""The `space` shape (PDF text): a header of column words over one or more lines, then rows that
start with their 序号, wrapped cells on the lines around them, cells separated by spaces."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from ..lang.lexicon import lexicon_text, safe_load
from ..read.normalize import Document, Line
from .table_base import (
    MAX_CELL_LINE,
    MAX_HEADER_LINES,
    SERIAL,
    Cell,
    Found,
    HtmlLayout,
    Row,
    _merge_trailing_words,
    _role_matcher,
    _tokens,
    _usable,
    column_role,
    table_lexicon,
)
from .table_cells import _is_prose


def _space_tables(doc: Document, skip: set[int], layout: HtmlLayout) -> list[Found]:
    del layout
    out: list[Found] = []
    if not _may_hold_rows(doc, skip):
        return out
    heading = _header_lines(doc, skip)
    free = 1  # the first line after the last table found
    for no in sorted(heading):
        if no < free:
            continue
        table = _space_table_at(doc, no, skip, heading)
        if table is not None:
            out.append(table)
            free = max(table.lines) + 1
    return out


def _header_lines(doc: Document, skip: set[int]) -> set[int]:
    """The lines a header can have (`_is_header_line`): a table's header starts at one of them.
    Asked only of short lines of single characters or that may have a column word."""
    out: set[int] = set()
    m = _role_matcher()
    starts, value = m.exact_starts, m.value.search  # what `column_role` looks for
    for ln in doc.lines:
        s = ln.stripped
        if not s or len(s) > MAX_CELL_LINE or ln.no in skip:
            continue  # a longer line is prose (`_is_prose`)
        # a cell that starts as a column word does, a value word, or single characters (one,
        # or a space after the first)
        may = s[0] in starts or len(s) == 1 or s[1].isspace() or value(s) is not None
        if not may and (len(cells := s.split()) == 1 or all(c[0] not in starts for c in cells)):
            continue
        if _is_header_line(doc, ln):
            out.add(ln.no)
    return out


def _is_header_line(doc: Document, ln: Line) -> bool:
    """A line of a header: short, no serial, a cell with a column role or only single
    characters (`序 号`, a header letter-spaced)."""
    s = ln.stripped
    if not s or _is_prose(s) or SERIAL.match(s):
        return False
    toks = _tokens(ln)
    return any(column_role(doc.norm[a:b]) for a, b in toks) or all(b - a == 1 for a, b in toks)


def _may_hold_rows(doc: Document, skip: set[int]) -> bool:
    """Has the text what a table's rows need (`_space_table_at`): a line numbered 1 (a 序号), or
    two lines of three cells or more? Most web text has neither, and is not read line by line."""
    wide = 0
    for ln in doc.lines:
        s = ln.stripped
        if not s or ln.no in skip:
            continue
        m = SERIAL.match(s)
        if m and int(m.group("n")) == 1:
            return True
        if len(s.split(maxsplit=2)) == 3 and not _is_prose(s):  # the cells of `_tokens`
            wide += 1
            if wide == 2:
                return True
    return False


def _header_tokens(doc: Document, lines: list[Line]) -> list[tuple[int, list[tuple[int, int]]]]:
    """Header cells as (line, pieces): single characters paired into column words (`序`…`号`)."""
    toks: list[tuple[int, tuple[int, int]]] = [(ln.no, t) for ln in lines for t in _tokens(ln)]
    out: list[tuple[int, list[tuple[int, int]]]] = []
    used: set[int] = set()
    for i, (no, (a, b)) in enumerate(toks):
        if i in used:
            continue
        used.add(i)
        s = doc.norm[a:b]
        if (len(s) == 1 and column_role(s) != "serial") or s == "序":
            for j in range(i + 1, len(toks)):
                if j in used:
                    continue
                a2, b2 = toks[j][1]
                if len(doc.norm[a2:b2]) == 1 and column_role(s + doc.norm[a2:b2]):
                    used.add(j)
                    out.append((no, [(a, b), (a2, b2)]))
                    break
            else:
                out.append((no, [(a, b)]))
            continue
        out.append((no, [(a, b)]))
    return out


def _space_table_at(doc: Document, no: int, skip: set[int], heading: set[int]) -> Found | None:
    """The table whose header starts at line `no`; `heading`: the lines a header can have."""
    header: list[Line] = []
    k = no
    while k in heading and len(header) < MAX_HEADER_LINES:
        header.append(doc.lines[k - 1])
        k += 1
    if not header:
        return None
    heads = _header_tokens(doc, header)
    roles = [column_role("".join(doc.norm[a:b] for a, b in parts)) for _, parts in heads]
    if sum(r is not None for r in roles) < 3 or "name" not in roles:
        return None
    # rows: with a 序号 column, lines starting with the next number; else lines of many cells
    serial = "serial" in roles
    row_lines: list[Line] = []
    between: list[list[Line]] = [[]]
    expect = 1
    while k <= len(doc.lines):
        ln = _usable(doc, k, skip)
        if ln is None or not ln.stripped:
            break
        m = SERIAL.match(ln.stripped)
        if serial and m and int(m.group("n")) == expect:
            row_lines.append(ln)
            between.append([])
            expect += 1
        elif serial and not _is_prose(ln.stripped) and not (m and row_lines):
            between[-1].append(ln)
        elif not serial and len(_tokens(ln)) >= 3 and not _is_prose(ln.stripped):
            row_lines.append(ln)
            between.append([])
        else:
            break
        k += 1
    if len(row_lines) < 2:
        return None
    counts = Counter(len(_merge_trailing_words(doc, _tokens(ln))) for ln in row_lines)
    ncol = counts.most_common(1)[0][0]
    # leaf columns: drop group headers (a value word above other value columns) to fit
    while len(heads) > ncol:
        last = max(no for no, _ in heads)
        drop = next(
            (i for i, (hno, _) in enumerate(heads) if hno < last and roles[i] == "value"),
            None,
        )
        if drop is None:
            break
        del heads[drop]
        del roles[drop]
    if len(heads) != ncol:
        return None
    if between[0]:  # lines between header and the first row belong to the header
        header.extend(between[0])
    # wrapped cells: the lines between two rows split between them, a row's wrapped pieces
    # standing as many lines below it as above it (the row's line is the middle of its cells)
    above = [0] * len(row_lines)
    rows: list[Row] = []
    frags: list[tuple[list[Line], list[Line]]] = [([], []) for _ in row_lines]
    for i in range(len(row_lines)):
        gap = between[i + 1]
        if i + 1 < len(row_lines):
            below_n = min(above[i], len(gap))
            frags[i][1].extend(gap[:below_n])
            frags[i + 1][0].extend(gap[below_n:])
            above[i + 1] = len(gap) - below_n
        else:
            frags[i][1].extend(gap[: above[i]])
    for i, ln in enumerate(row_lines):
        rows.append(_space_row(doc, ln, frags[i][0], frags[i][1], roles, ncol))
    columns = ["".join(doc.text[a:b] for a, b in parts) for _, parts in heads]
    head_cells: list[Cell | None] = [Cell(parts) for _, parts in heads]
    lines = {ln.no for ln in header}
    for r in rows:
        lines |= r.lines
    return Found("space", [head_cells], [ln.no for ln in header], columns, rows, lines)


@cache
def _units() -> frozenset[str]:
    """Units of the quantities lexicon (data shared with extract/quantities)."""
    data = safe_load(lexicon_text("quantities.yaml"))
    return frozenset(u for group in data["units"].values() for u in group)


def _unit_like(s: str) -> bool:
    units = _units()
    return (
        s in units
        or s.lstrip("万亿千") in units
        or s in ("/", "%", "‰")
        or ("/" in s and len(s) <= 8)
        or bool(re.fullmatch(r"[A-Za-z]{1,6}", s))
    )


def _space_row(
    doc: Document,
    ln: Line,
    above: list[Line],
    below: list[Line],
    roles: list[str | None],
    ncol: int,
) -> Row:
    toks = _merge_trailing_words(doc, _tokens(ln))
    cells: list[Cell | None] = [None] * ncol
    if len(toks) == ncol:
        cells = [Cell([t]) for t in toks]
    else:
        # anchors: the serial first, the 约束性/预期性 cell in the binding column
        lex = table_lexicon()
        serial_col = roles.index("serial") if "serial" in roles else None
        bind_col = roles.index("binding") if "binding" in roles else None
        rest = list(toks)
        lo = 0
        if serial_col is not None and rest:
            cells[serial_col] = Cell([rest.pop(0)])
            lo = serial_col + 1
        b_at = next(
            (i for i, (a, b) in enumerate(rest) if doc.norm[a:b] in lex.binding_words), None
        )
        if bind_col is not None and b_at is not None:
            before, after = rest[:b_at], rest[b_at + 1 :]
            cells[bind_col] = Cell([rest[b_at]])
            slots = list(range(lo, bind_col))
            _fill(doc, cells, before, slots, roles)
            _fill(doc, cells, after, list(range(bind_col + 1, ncol)), roles)
        else:
            _fill(doc, cells, rest, list(range(lo, ncol)), roles)
    missing = [i for i in range(ncol) if cells[i] is None]
    for frag in [*above, *below]:
        ftoks = _tokens(frag)
        targets = missing or [roles.index("name") if "name" in roles else 0]
        if len(ftoks) == len(targets):
            pairs = list(zip(targets, ftoks, strict=True))
        else:
            pairs = [(targets[0], (frag.content_start, frag.content_end))]
        for col, piece in pairs:
            if cells[col] is None:
                cells[col] = Cell([])
            cell = cells[col]
            assert cell is not None
            cell.parts.append(piece)
            cell.parts.sort()
    return Row(ln.no, cells, {ln.no} | {f.no for f in above} | {f.no for f in below})


def _fill(
    doc: Document,
    cells: list[Cell | None],
    toks: list[tuple[int, int]],
    slots: list[int],
    roles: list[str | None],
) -> None:
    """Put `toks` into `slots`: one each when they match, else by type (a unit-like piece into
    the unit column, the rest from the left)."""
    if not toks:
        return
    if len(toks) == len(slots):
        for slot, t in zip(slots, toks, strict=True):
            cells[slot] = Cell([t])
        return
    free = list(slots)
    for t in toks:
        s = doc.norm[t[0] : t[1]]
        unit_col = next((c for c in free if roles[c] == "unit"), None)
        col: int | None = unit_col if unit_col is not None and _unit_like(s) else None
        if col is None:
            col = next((c for c in free if roles[c] != "unit"), free[0] if free else None)
        if col is None:
            return
        cells[col] = Cell([t])
        free.remove(col)
