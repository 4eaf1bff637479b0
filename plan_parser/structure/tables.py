"""Stage: tables. Finds the tables a plan's text holds and reads them into rows of cells, each cell
with its line and span, before noise removal and the outline see those lines.

Shapes, each from a kind of source:

- `tab`: one row per line, cells separated by tabs (HTML `<table>` as the reader extracts it, with
  rowspan and colspan resolved from the reader's layout; Word and spreadsheet pastes);
- `cell_per_line`: one cell per line (Word or web exports), a header of known column words fixing
  the column count; blank lines are blank cells; a 序号 column, when there is one, fixes the rows;
- `space`: cells separated by spaces (PDF text): a header of column words over one or more lines,
  then rows; in PDF text a 序号 starts each row and wrapped cells sit on the lines around it.

Column words, value-column words and blank-cell marks are data in `lexicon/tables.yaml`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from ..lang.lexicon import lexicon_text, safe_load
from ..models.plan import Table, TableCell, TableNote, TableRow, TableShape
from ..read.normalize import Document, Line

# (line number of a `tab` row in the extracted text) -> (rowspan, colspan) of each of its cells
HtmlLayout = dict[int, list[tuple[int, int]]]


@dataclass(frozen=True)
class TableLexicon:
    roles: list[tuple[str, list[str]]]
    value_words: list[str]
    baseline_words: list[str]
    binding_words: dict[str, bool]
    none_cells: frozenset[str]
    title: re.Pattern[str]
    change_words: dict[str, list[str]]


@cache
def table_lexicon() -> TableLexicon:
    data: dict[str, Any] = safe_load(lexicon_text("tables.yaml"))
    missing = {"roles", "value_words", "binding_words", "none_cells", "title_pattern"} - set(data)
    if missing:
        raise ValueError(f"lexicon/tables.yaml lacks {sorted(missing)}")
    return TableLexicon(
        roles=[(role, list(words)) for role, words in data["roles"].items()],
        value_words=sorted(data["value_words"], key=len, reverse=True),
        baseline_words=list(data["baseline_words"]),
        binding_words=dict(data["binding_words"]),
        none_cells=frozenset(data["none_cells"]),
        title=re.compile(data["title_pattern"]),
        change_words={k: sorted(v, key=len, reverse=True) for k, v in data["change_words"].items()},
    )


YEAR_COLUMN = re.compile(r"(?:19|20)\d\d[ ]*年")
SERIAL = re.compile(r"^(?P<n>\d{1,3})(?:[ ]+|$)")
NOTE_START = re.compile(r"^(?:注[:：]?|说明[:：]|资料来源|备注[:：])")
PROSE_END = re.compile(r"[。;；!?！？]$")
MAX_HEADER_LINES = 5
MAX_CELL_LINE = 40  # a line longer than this is prose, not a cell or a wrapped cell piece


_SPACE_RUN = re.compile(r"\s+")
_PREFIX_ROLES = ("investment", "name", "content", "place", "owner")


def _squash(s: str) -> str:
    return _SPACE_RUN.sub("", s)


@dataclass(frozen=True)
class _RoleMatcher:
    """`column_role`'s look-ups, built once from the lexicon: a dict for the exact words, one
    regex for the value words, one per role for the word a cell starts with (longest first)."""

    exact: dict[str, str]
    value: re.Pattern[str]
    prefixes: list[tuple[str, re.Pattern[str]]]


@cache
def _role_matcher() -> _RoleMatcher:
    lex = table_lexicon()
    exact: dict[str, str] = {}
    for role, words in lex.roles:
        for w in words:
            exact.setdefault(w, role)
    value = re.compile("|".join([YEAR_COLUMN.pattern, *map(re.escape, lex.value_words)]))
    prefixes = [
        (role, re.compile("|".join(re.escape(w) for w in longest)))
        for role, words in lex.roles
        if role in _PREFIX_ROLES
        and (longest := sorted({w for w in words if len(w) >= 2}, key=len, reverse=True))
    ]
    return _RoleMatcher(exact, value, prefixes)


@lru_cache(maxsize=4096)
def column_role(cell: str) -> str | None:
    """The role of a header cell: serial, name, unit, binding, value, … or None."""
    s = _squash(cell)
    if not s:
        return None
    m = _role_matcher()
    role = m.exact.get(s)
    if role is not None:
        return role
    if m.value.search(s):
        return "value"
    for role, prefix in m.prefixes:
        # the longest word the cell starts with, and at most 8 characters after it
        found = prefix.match(s)
        if found and len(s) <= found.end() + 8:
            return role
    return None


# --- found tables, before they become models ---------------------------------------------------


@dataclass
class Cell:
    """A cell as found: its pieces (doc offsets over stripped text), one per line it spans."""

    parts: list[tuple[int, int]] = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1
    covered: bool = False  # a grid position covered by another cell's rowspan/colspan

    def text(self, doc: Document) -> str:
        return "".join(doc.text[a:b] for a, b in self.parts)

    def norm(self, doc: Document) -> str:
        return "".join(doc.norm[a:b] for a, b in self.parts)


@dataclass
class Row:
    line: int
    cells: list[Cell | None]
    lines: set[int] = field(default_factory=set)


@dataclass
class Found:
    shape: TableShape
    header: list[list[Cell | None]]
    header_lines: list[int]
    columns: list[str]  # leaf header cell of each column, as written
    rows: list[Row]
    lines: set[int]
    title_line: int | None = None
    notes: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of each note line


def _tokens(ln: Line) -> list[tuple[int, int]]:
    """Space-separated pieces of a line, as doc offsets."""
    return [(ln.start + m.start(), ln.start + m.end()) for m in re.finditer(r"\S+", ln.text)]


def _merge_trailing_words(doc: Document, toks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`2500 左右`: a comparator word standing alone belongs to the number before it."""
    out: list[tuple[int, int]] = []
    for a, b in toks:
        if out and doc.norm[a:b] in ("左右", "以上", "以下", "以内", "及以上"):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


# --- the stage ----------------------------------------------------------------------------------


def find_tables(
    doc: Document, skip: set[int] | None = None, layout: HtmlLayout | None = None
) -> list[Found]:
    """Every table in `doc`, in document order. Lines in `skip` (page chrome, contents) are not
    read. Never raises."""
    skip = skip or set()
    taken: set[int] = set()
    found: list[Found] = []
    for finder in (_tab_tables, _cell_per_line_tables, _space_tables):
        for t in finder(doc, skip | taken, layout or {}):
            found.append(t)
            taken |= t.lines
    found.sort(key=lambda t: min(t.lines))
    for t in found:
        t.title_line = _title_line(doc, t, skip | taken)
        if t.title_line is not None:
            t.lines.add(t.title_line)
        t.notes = _notes(doc, t, skip | taken)
    return found


def _usable(doc: Document, no: int, skip: set[int]) -> Line | None:
    if no < 1 or no > len(doc.lines) or no in skip:
        return None
    return doc.lines[no - 1]


# tab ---------------------------------------------------------------------------------------------


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
    no = 1
    n = len(doc.lines)
    while no <= n:
        ln = _usable(doc, no, skip)
        if ln is None or not (("\t" in ln.text.strip()) or no in layout):
            no += 1
            continue
        run: list[Line] = []
        while no <= n:
            ln2 = _usable(doc, no, skip)
            if ln2 is None or not ("\t" in ln2.text.strip() or no in layout):
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


# one cell per line ------------------------------------------------------------------------------


def _cell_per_line_tables(doc: Document, skip: set[int], layout: HtmlLayout) -> list[Found]:
    del layout
    out: list[Found] = []
    no = 1
    n = len(doc.lines)
    while no <= n:
        header: list[Line] = []
        k = no
        while k <= n:
            ln = _usable(doc, k, skip)
            if ln is None or not ln.stripped or "\t" in ln.stripped:
                break
            if column_role(ln.stripped) is None or len(ln.stripped) > 16:
                break
            header.append(ln)
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


def _is_prose(s: str) -> bool:
    return len(s) > MAX_CELL_LINE or bool(PROSE_END.search(s) and len(s) > 15)


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
        serials: list[int] = []
        expect = 1
        for i, ln in enumerate(body):
            if ln.stripped == str(expect):
                serials.append(i)
                expect += 1
        if not serials:
            return None
        after = ncol - serial_col - 1
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


# space-separated (PDF text) ---------------------------------------------------------------------


def _space_tables(doc: Document, skip: set[int], layout: HtmlLayout) -> list[Found]:
    del layout
    out: list[Found] = []
    no = 1
    n = len(doc.lines)
    while no <= n:
        table = _space_table_at(doc, no, skip)
        if table is None:
            no += 1
            continue
        out.append(table)
        no = max(table.lines) + 1
    return out


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


def _space_table_at(doc: Document, no: int, skip: set[int]) -> Found | None:
    header: list[Line] = []
    k = no
    while k <= len(doc.lines) and len(header) < MAX_HEADER_LINES:
        ln = _usable(doc, k, skip)
        if ln is None or not ln.stripped or _is_prose(ln.stripped) or SERIAL.match(ln.stripped):
            break
        if not any(column_role(doc.norm[a:b]) for a, b in _tokens(ln)) and not all(
            len(doc.norm[a:b]) == 1 for a, b in _tokens(ln)
        ):
            break
        header.append(ln)
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


# titles and notes -------------------------------------------------------------------------------

PAGE_GLUED = re.compile(r"^\d{1,3}(?=[\u4e00-\u9fff])")


def _title_line(doc: Document, t: Found, skip: set[int]) -> int | None:
    first = min(t.lines)
    for no in range(first - 1, max(0, first - 3), -1):
        ln = _usable(doc, no, skip)
        if ln is None or not ln.stripped:
            continue
        s = PAGE_GLUED.sub("", ln.stripped)
        if table_lexicon().title.match(s) and not PROSE_END.search(s):
            return no
        return None
    return None


def title_of(doc: Document, no: int) -> tuple[int | None, str, tuple[int, int]]:
    """(number, title as written, span of the title) of a table's title line."""
    ln = doc.lines[no - 1]
    s = ln.text
    lead = len(s) - len(s.lstrip())
    g = PAGE_GLUED.match(s[lead:])
    a = ln.start + lead + (g.end() if g else 0)
    b = ln.content_end
    m = table_lexicon().title.match(doc.norm[a:b])
    if m:
        a = a + m.start("title")
    number = None
    if m and m.group("num"):
        from ..lang.numerals import cn_to_int

        number = cn_to_int(m.group("num"))
    return number, doc.text[a:b], (a, b)


def _notes(doc: Document, t: Found, skip: set[int]) -> list[tuple[int, int]]:
    """Note lines right under a table: `注：…`, or footnotes numbered from 1."""
    out: list[tuple[int, int]] = []
    no = max(t.lines) + 1
    ln = _usable(doc, no, skip)
    if ln is None or not (NOTE_START.match(ln.stripped) or SERIAL.match(ln.stripped)):
        return out
    if SERIAL.match(ln.stripped) and SERIAL.match(ln.stripped).group("n") != "1":  # type: ignore[union-attr]
        return out
    while ln is not None and ln.stripped and len(out) < 12:
        from .markers import match_heading

        if out and (match_heading(ln) is not None or PAGE_GLUED.match(ln.stripped)):
            m = SERIAL.match(ln.stripped)
            if not m:
                break
        out.append((ln.content_start, ln.content_end))
        no += 1
        ln = _usable(doc, no, skip)
    return out


# --- models ---------------------------------------------------------------------------------------


def _cell_model(doc: Document, cell: Cell | None) -> TableCell | None:
    if cell is None:
        return None
    if not cell.parts:
        return None
    a, b = cell.parts[0]
    return TableCell(
        text=cell.text(doc),
        line=doc.line_of(a),
        span=(a, b),
        quote=doc.text[a:b],
        parts=[(x, y) for x, y in cell.parts] if len(cell.parts) > 1 else [],
        rowspan=cell.rowspan,
        colspan=cell.colspan,
        covered=cell.covered,
    )


def to_models(doc: Document, found: list[Found]) -> list[Table]:
    out: list[Table] = []
    for i, t in enumerate(found, start=1):
        number, title, title_span = (None, None, None)
        if t.title_line is not None:
            number, title, title_span = title_of(doc, t.title_line)
        body_lines = sorted(t.lines - ({t.title_line} if t.title_line else set()))
        first, last = body_lines[0], body_lines[-1]
        start = doc.lines[first - 1].content_start
        end = doc.lines[last - 1].content_end
        out.append(
            Table(
                id=f"tbl_{i}",
                number=number,
                title=title,
                title_line=t.title_line,
                title_span=title_span,
                shape=t.shape,
                node_id=None,
                line=first,
                end_line=last,
                span=(start, end),
                columns=t.columns,
                roles=[column_role(c) for c in t.columns],
                header=[[_cell_model(doc, c) for c in row] for row in t.header],
                rows=[
                    TableRow(
                        line=r.line,
                        end_line=max(r.lines),
                        cells=[_cell_model(doc, c) for c in r.cells],
                    )
                    for r in t.rows
                ],
                notes=[
                    TableNote(line=doc.line_of(a), span=(a, b), text=doc.text[a:b])
                    for a, b in t.notes
                ],
            )
        )
    return out


def table_lines(tables: list[Table]) -> set[int]:
    """Lines a table stands on (title, header, rows; not its notes): never noise, never prose."""
    out: set[int] = set()
    for t in tables:
        out |= set(range(t.line, t.end_line + 1))
        if t.title_line is not None:
            out.add(t.title_line)
    return out
