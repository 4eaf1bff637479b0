"""Presentation for the terminal: which columns `plan-parser projects` shows, and its rows."""

from __future__ import annotations

from ..models import Project, Table

TABLE_COLUMNS: dict[str | None, tuple[str, ...]] = {
    None: ("line", "kind", "name", "action", "facility", "district", "status", "id"),
    "construction": ("line", "name", "action", "facility", "district", "status", "id"),
    "program": ("line", "name", "status", "box", "id", "canonical_id"),
}


def project_rows(
    projects: list[Project], columns: tuple[str, ...] | None = None
) -> list[list[str]]:
    """Records as rows of `columns` (all of PROJECT_COLUMNS by default), empty cells for missing
    values. The extractors load only here: `plan-parser outline` never loads them."""
    if columns is None:
        from ..extract.projects import PROJECT_COLUMNS

        columns = PROJECT_COLUMNS
    rows = []
    for p in projects:
        data = p.model_dump()
        rows.append(["" if data[c] is None else str(data[c]) for c in columns])
    return rows


def tables_by_node(tables: list[Table]) -> dict[str | None, list[Table]]:
    """Tables under the outline node they sit in (None: before the first heading)."""
    out: dict[str | None, list[Table]] = {}
    for t in tables:
        out.setdefault(t.node_id, []).append(t)
    return out


def table_node(table: Table) -> str:
    """A table as a node of `plan-parser outline`: `▦ 表1 title  L300-340 6 columns × 28 rows`."""
    number = f"表{table.number} " if table.number is not None else ""
    title = table.title or "(untitled table)"
    return (
        f"[magenta]▦ {number}{title}[/magenta]  [dim]L{table.line}-{table.end_line} "
        f"{len(table.columns)} columns × {len(table.rows)} rows {table.id}[/dim]"
    )
