"""Stage: tables. Finds the tables a plan's text holds and reads them into rows of cells, each cell
with its line and span, before noise removal and the outline see those lines.

Shapes, each from a kind of source:

- `tab`: one row per line, cells separated by tabs (HTML `<table>` as the reader extracts it, with
  rowspan and colspan resolved from the reader's layout; Word and spreadsheet pastes);
- `cell_per_line`: one cell per line (Word or web exports), a header of known column words fixing
  the column count; blank lines are blank cells; a 序号 column, when there is one, fixes the rows;
- `space`: cells separated by spaces (PDF text): a header of column words over one or more lines,
  then rows; in PDF text a 序号 starts each row and wrapped cells sit on the lines around it.

Column words, value-column words and blank-cell marks are data in `lexicon/tables.yaml`. One
module per shape (`table_tab.py`, `table_cells.py`, `table_space.py`), what they share in
`table_base.py`, titles and notes in `table_titles.py`; this module runs them and builds the models.
"""

from __future__ import annotations

from ..models.plan import Table, TableCell, TableNote, TableRow
from ..read.normalize import Document
from .table_base import YEAR_COLUMN, Cell, Found, HtmlLayout, column_role, table_lexicon
from .table_cells import _cell_per_line_tables
from .table_space import _space_tables
from .table_tab import _tab_tables
from .table_titles import _notes, _title_line, title_of

__all__ = [
    "YEAR_COLUMN",
    "HtmlLayout",
    "column_role",
    "find_tables",
    "table_lexicon",
    "table_lines",
    "title_of",
    "to_models",
]


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
