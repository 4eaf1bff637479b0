"""Presentation for the terminal, with rich: the outline tree, the quantity and project tables.

Imported by commands when they print (never at start-up: rich costs time). Nothing here decides
what a plan holds: it only lays out what the library returned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.tree import Tree

if TYPE_CHECKING:
    from ..models import Plan, Project, Quantity
    from ..models import Table as PlanTable

TABLE_COLUMNS: dict[str | None, tuple[str, ...]] = {
    None: ("line", "kind", "name", "action", "facility", "district", "status", "id"),
    "construction": ("line", "name", "action", "facility", "district", "status", "id"),
    "program": ("line", "name", "status", "box", "id", "canonical_id"),
}
QUANTITY_TABLE = ("indicator", "value", "year", "kind", "line")
RIGHT = ("value", "year", "line")


def console(*, stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False)


def outline_tree(plan: Plan, title: str) -> Tree:
    """The outline as a tree: headings with their line ranges and ids, each heading's boxes
    (专栏) under it with their entries. `title`: shown when the plan has none."""
    root = Tree(f"[bold]{plan.metadata.plan_title or plan.metadata.title or title}[/bold]")
    boxes_by_parent: dict[str | None, list[Any]] = {}
    for box in plan.boxes:
        boxes_by_parent.setdefault(box.parent_id, []).append(box)

    def add(tree: Tree, node: Any) -> None:
        branch = tree.add(
            f"{node.marker}{node.title}  [dim]L{node.line}-{node.end_line} {node.id}[/dim]"
        )
        for child in node.children:
            add(branch, child)
        for box in boxes_by_parent.get(node.id, []):
            b = branch.add(
                f"[cyan]▣ 专栏{box.number} {box.title}[/cyan]  "
                f"[dim]L{box.line}-{box.end_line} {len(box.entries)} entries[/dim]"
            )
            for e in box.entries:
                b.add(f"[cyan]{e.name}[/cyan]  [dim]L{e.line}[/dim]")
        for t in tables.get(node.id, []):
            branch.add(table_node(t))

    tables = tables_by_node(plan.tables)
    for t in tables.get(None, []):
        root.add(table_node(t))
    for node in plan.outline:
        add(root, node)
    return root


def tables_by_node(tables: list[PlanTable]) -> dict[str | None, list[PlanTable]]:
    """Tables under the outline node they sit in (None: before the first heading)."""
    out: dict[str | None, list[PlanTable]] = {}
    for t in tables:
        out.setdefault(t.node_id, []).append(t)
    return out


def table_node(table: PlanTable) -> str:
    """A table as a node of `plan-parser outline`: `▦ 表1 title  L300-340 6 columns × 28 rows`."""
    number = f"表{table.number} " if table.number is not None else ""
    title = table.title or "(untitled table)"
    return (
        f"[magenta]▦ {number}{title}[/magenta]  [dim]L{table.line}-{table.end_line} "
        f"{len(table.columns)} columns × {len(table.rows)} rows {table.id}[/dim]"
    )


def print_warnings(plan: Plan) -> None:
    """The plan's warnings and errors (not its info diagnostics) on stderr, one a line."""
    warnings = console(stderr=True)
    for d in plan.diagnostics:
        if d.level != "info":
            warnings.print(f"[yellow]{d.level}[/yellow] {d.code} L{d.line}: {d.message}")


def value_cell(q: Quantity) -> str:
    """A quantity's figure as the table shows it: ≥85%, 3–5个 (the comparator signs of
    `diff.relations.SIGNS`; numbers as `:g` writes them)."""
    from ..diff.relations import SIGNS

    def num(v: Any) -> str:
        return f"{v:g}" if isinstance(v, float) else str(v)

    value = num(q.value) + (f"–{num(q.value_max)}" if q.value_max is not None else "")
    return f"{SIGNS[q.comparator].prefix}{value}{q.unit or ''}"


def quantity_table(quantities: list[Quantity], title: str) -> Table:
    table = Table(title=f"{title}: {len(quantities)} quantities")
    for col in QUANTITY_TABLE:
        table.add_column(col, justify="right" if col in RIGHT else "left")
    for q in quantities:
        table.add_row(q.indicator, value_cell(q), str(q.year or ""), q.kind, str(q.line))
    return table


def project_table(projects: list[Project], kind: str | None) -> Table:
    """The projects of one kind (or all) with that kind's columns; long names fold."""
    columns = TABLE_COLUMNS[kind]
    table = Table(title=f"{len(projects)} projects", title_justify="left", box=None)
    for column in columns:
        if column == "name":
            table.add_column(column, overflow="fold", min_width=16, ratio=2)
        elif column.endswith("id"):
            table.add_column(column, overflow="fold", min_width=10, ratio=1)
        else:
            table.add_column(column, no_wrap=True)
    for row in project_rows(projects, columns):
        table.add_row(*row)
    return table


def project_rows(projects: list[Project], columns: tuple[str, ...]) -> list[list[str]]:
    """Records as rows of `columns`, empty cells for missing values."""
    rows = []
    for p in projects:
        data = p.model_dump()
        rows.append(["" if data[c] is None else str(data[c]) for c in columns])
    return rows
