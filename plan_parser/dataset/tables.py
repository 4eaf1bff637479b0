"""The export's tables: one row per plan, quantity, project, outline node, diagnostic and table
cell, built from validated `Plan`s (`build_tables`); no files, no formats.

Every row carries `doc_id` (the plan's output stem, e.g. `anyang-2022-13`) and `node_id` (the
outline node it sits in), so rows from many plans can be stacked, filtered and joined: `plans`
has one row per document (title, issuer, 发文字号, dates, jurisdiction, period), and `outline`
has a titled row for every node a record can sit in (headings, boxes and box entries), so every
`node_id` of every table resolves to a title. Columns follow the fields of the models in
`plan_parser.models`, in that order, with `doc_id`, `node_id` and the record's `id` first and
`span` split into `span_start`/`span_end`; each column has one type (`COLUMN_TYPES`): text,
integer, number or boolean, blank when absent.

May import: `models` and `lang` (jurisdictions); it reads and writes nothing. The writers are in
`writers.py`, loading and the command in `export.py`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from pydantic import BaseModel

from ..models import Diagnostic, OutlineNode, Plan, Project, Quantity

Cell = str | int | float | bool | None
ColumnType = Literal["text", "int", "number", "bool"]
TABLE_NAMES = ("plans", "quantities", "projects", "outline", "diagnostics", "tables")
OUTLINE_COLUMNS = [
    "doc_id",
    "node_id",
    "parent_id",
    "depth",
    "kind",
    "number",
    "marker",
    "title",
    "line",
    "page",
    "end_line",
    "span_start",
    "span_end",
]
OUTLINE_TYPES: dict[str, ColumnType] = {
    "depth": "int",
    "number": "int",
    "line": "int",
    "page": "int",
    "end_line": "int",
    "span_start": "int",
    "span_end": "int",
}
PLAN_COLUMNS: list[tuple[str, ColumnType]] = [
    ("doc_id", "text"),
    ("source_path", "text"),
    ("sha256", "text"),
    ("title", "text"),
    ("plan_title", "text"),
    ("issuer", "text"),
    ("doc_number", "text"),
    ("index_number", "text"),
    ("written_date", "text"),
    ("publication_date", "text"),
    ("notice_date", "text"),
    ("expiry_date", "text"),
    ("validity", "text"),
    ("jurisdiction", "text"),
    ("jurisdiction_level", "text"),
    ("jurisdiction_adcode", "text"),
    ("period", "text"),
    ("period_start", "int"),
    ("period_end", "int"),
    ("outline_nodes", "int"),
    ("boxes", "int"),
    ("quantities", "int"),
    ("projects", "int"),
    ("diagnostics", "int"),
]
NATIONAL_ISSUERS = ("国务院", "中共中央", "国家", "全国")


@dataclass(frozen=True)
class Table:
    name: str
    columns: list[str]
    rows: list[list[Cell]]
    types: dict[str, ColumnType] | None = None

    def type_of(self, column: str) -> ColumnType:
        return (self.types or {}).get(column, "text")

    def records(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Document:
    doc_id: str
    plan: Plan


# --- tables -------------------------------------------------------------------------------------


def model_columns(model: type[BaseModel], lead: Sequence[str]) -> list[str]:
    """`lead` columns, then the model's fields in order (span split in two), `page` (blank but
    for PDF input) right after `line`."""
    columns = list(lead)
    paged = "page" in model.model_fields
    for name in model.model_fields:
        if name in columns or name == "page":
            continue
        columns.extend(["span_start", "span_end"] if name == "span" else [name])
        if name == "line" and paged:
            columns.append("page")
    return columns


def column_types(model: type[BaseModel]) -> dict[str, ColumnType]:
    """Each field's column type from its annotation: str and Literal text, int, float or
    int | float number, bool boolean (optional or not: blanks are allowed everywhere)."""
    found: dict[str, ColumnType] = {"span_start": "int", "span_end": "int"}
    for name, field in model.model_fields.items():
        ann = field.annotation
        args = [a for a in (get_args(ann) or (ann,)) if a is not type(None)]
        if getattr(ann, "__origin__", None) is Literal:
            args = [type(a) for a in get_args(ann)]
        kinds = {a for a in args if isinstance(a, type)}
        if kinds == {bool}:
            found[name] = "bool"
        elif kinds == {int}:
            found[name] = "int"
        elif kinds and kinds <= {int, float}:
            found[name] = "number"
        elif name != "span":
            found[name] = "text"
    return found


def model_row(doc_id: str, record: BaseModel, columns: list[str], **extra: Cell) -> list[Cell]:
    data: dict[str, Any] = record.model_dump(mode="json")
    data.update(extra, doc_id=doc_id)
    if "span" in data:
        data["span_start"], data["span_end"] = data.pop("span")
    return [data.get(c) for c in columns]


def outline_rows(doc_id: str, plan: Plan) -> list[list[Cell]]:
    """Headings, then boxes (kind `box`, under the node they sit in) and box entries (kind
    `entry`, under their box) in line order, so every node_id a record can carry has a row."""
    rows: list[list[Cell]] = []
    depths: dict[str, int] = {}

    def walk(node: OutlineNode, parent: str | None, depth: int) -> None:
        depths[node.id] = depth
        rows.append(
            [
                doc_id,
                node.id,
                parent,
                depth,
                node.kind,
                node.number,
                node.marker,
                node.title,
                node.line,
                node.page,
                node.end_line,
                node.span[0],
                node.span[1],
            ]
        )
        for child in node.children:
            walk(child, node.id, depth + 1)

    for top in plan.outline:
        walk(top, None, 1)
    for box in plan.boxes:
        depth = depths.get(box.parent_id or "", 0) + 1
        rows.append(
            [
                doc_id,
                box.id,
                box.parent_id,
                depth,
                "box",
                box.number,
                f"专栏{box.number}",
                box.title,
                box.line,
                box.page,
                box.end_line,
                box.span[0],
                box.span[1],
            ]
        )
        for n, entry in enumerate(box.entries, 1):
            rows.append(
                [
                    doc_id,
                    entry.id,
                    box.id,
                    depth + 1,
                    "entry",
                    n,
                    None,
                    entry.name,
                    entry.line,
                    None,  # box entries carry no page (their box does)
                    entry.end_line,
                    entry.name_span[0],
                    entry.name_span[1],
                ]
            )
    rows.sort(key=lambda r: (r[8], r[3]))
    return rows


def jurisdiction(plan: Plan) -> tuple[str | None, str | None, str | None]:
    """The plan's government as (name, level, adcode): the division its issuer or title names
    (安阳市, prefecture, 410500), the country for the State Council's and ministries' plans."""
    from ..lang.places import jurisdiction_of

    md = plan.metadata
    division = jurisdiction_of([md.issuer, md.title, md.plan_title])
    if division is not None:
        return division.name, division.level, division.code
    if any((t or "").startswith(NATIONAL_ISSUERS) for t in (md.issuer, md.title, md.plan_title)):
        return "中华人民共和国", "national", None
    return None, None, None


def plan_row(doc_id: str, plan: Plan) -> list[Cell]:
    md = plan.metadata
    name, level, code = jurisdiction(plan)
    period = md.plan_period
    values: dict[str, Cell] = {
        "doc_id": doc_id,
        "source_path": plan.source.path,
        "sha256": plan.source.sha256,
        "jurisdiction": name,
        "jurisdiction_level": level,
        "jurisdiction_adcode": code,
        "period": period.name if period else None,
        "period_start": period.start_year if period else None,
        "period_end": period.end_year if period else None,
        "outline_nodes": len(plan.iter_nodes()),
        "boxes": len(plan.boxes),
        "quantities": len(plan.quantities),
        "projects": len(plan.projects),
        "diagnostics": len(plan.diagnostics),
    }
    meta = md.model_dump(mode="json")
    return [values[c] if c in values else meta.get(c) for c, _ in PLAN_COLUMNS]


class NodeLocator:
    """The deepest outline node whose lines hold a given line (for records without a node id)."""

    def __init__(self, plan: Plan) -> None:
        self._nodes: list[OutlineNode] = []  # document order = ascending start line
        self._parent: dict[str, OutlineNode | None] = {}
        stack: list[tuple[OutlineNode, OutlineNode | None]] = [
            (n, None) for n in reversed(plan.outline)
        ]
        while stack:
            node, parent = stack.pop()
            self._nodes.append(node)
            self._parent[node.id] = parent
            stack.extend((c, node) for c in reversed(node.children))
        self._starts = [n.line for n in self._nodes]

    def node_id(self, line: int | None) -> str | None:
        if line is None:
            return None
        i = bisect_right(self._starts, line) - 1
        node = self._nodes[i] if i >= 0 else None
        while node is not None and not node.line <= line <= node.end_line:
            node = self._parent[node.id]
        return node.id if node is not None else None


TABLE_CELL_COLUMNS: list[tuple[str, ColumnType]] = [
    ("doc_id", "text"),
    ("node_id", "text"),
    ("table_id", "text"),
    ("table_number", "int"),
    ("table_title", "text"),
    ("part", "text"),
    ("row", "int"),
    ("col", "int"),
    ("column", "text"),
    ("role", "text"),
    ("text", "text"),
    ("line", "int"),
    ("span_start", "int"),
    ("span_end", "int"),
    ("rowspan", "int"),
    ("colspan", "int"),
    ("covered", "bool"),
]


def table_cell_rows(doc_id: str, plan: Plan) -> list[list[Cell]]:
    """The `tables` export: one row per cell of every table (header rows as part `header`, body
    rows as `body`, rows and columns counted from 1), with the table's id, number and title and
    the outline node it sits in (`node_id`, a row of outline.csv); absent cells give no row."""
    rows: list[list[Cell]] = []
    for table in plan.tables:
        parts = [("header", table.header), ("body", [r.cells for r in table.rows])]
        for part, grid in parts:
            for r, cells in enumerate(grid, 1):
                for c, cell in enumerate(cells, 1):
                    if cell is None:
                        continue
                    column = table.columns[c - 1] if c <= len(table.columns) else None
                    role = table.roles[c - 1] if c <= len(table.roles) else None
                    rows.append(
                        [doc_id, table.node_id, table.id, table.number, table.title, part, r, c,
                         column, role, cell.text, cell.line, cell.span[0], cell.span[1],
                         cell.rowspan, cell.colspan, cell.covered]
                    )  # fmt: skip
    return rows


def build_tables(docs: Sequence[Document]) -> list[Table]:
    """The six tables, rows in document order then record order."""
    q_cols = model_columns(Quantity, ["doc_id", "node_id", "id"])
    p_cols = model_columns(Project, ["doc_id", "node_id", "id"])
    d_cols = model_columns(Diagnostic, ["doc_id", "node_id"])
    quantities: list[list[Cell]] = []
    projects: list[list[Cell]] = []
    outline: list[list[Cell]] = []
    diagnostics: list[list[Cell]] = []
    plans: list[list[Cell]] = []
    cells: list[list[Cell]] = []
    for doc in docs:
        plan = doc.plan
        plans.append(plan_row(doc.doc_id, plan))
        cells += table_cell_rows(doc.doc_id, plan)
        quantities += [model_row(doc.doc_id, q, q_cols) for q in plan.quantities]
        projects += [model_row(doc.doc_id, p, p_cols) for p in plan.projects]
        outline += outline_rows(doc.doc_id, plan)
        locate = NodeLocator(plan)
        diagnostics += [
            model_row(doc.doc_id, d, d_cols, node_id=locate.node_id(d.line))
            for d in plan.diagnostics
        ]
    return [
        Table("plans", [c for c, _ in PLAN_COLUMNS], plans, dict(PLAN_COLUMNS)),
        Table("quantities", q_cols, quantities, column_types(Quantity)),
        Table("projects", p_cols, projects, column_types(Project)),
        Table("outline", OUTLINE_COLUMNS, outline, OUTLINE_TYPES),
        Table("diagnostics", d_cols, diagnostics, column_types(Diagnostic)),
        Table("tables", [c for c, _ in TABLE_CELL_COLUMNS], cells, dict(TABLE_CELL_COLUMNS)),
    ]
