"""Exports for analysts: quantities, projects, outline and diagnostics as CSV or XLSX tables.

Every row carries `doc_id` (the plan's output stem, e.g. `anyang-2022-13`) and `node_id` (the
outline node it sits in), so rows from many plans can be stacked, filtered and joined back to the
outline. Columns follow the fields of the models in `plan_parser.models`, in that order, with
`doc_id`, `node_id` and the record's `id` first and `span` split into `span_start`/`span_end`.

CSV is UTF-8 with a byte-order mark (Excel reads the Chinese right) and CRLF line ends. XLSX
needs openpyxl (`pip install 'plan-parser[xlsx]'`) and is written byte-for-byte reproducibly: fixed
document dates and zip entry times, entries stored uncompressed (deflate output may differ
between zlib builds).
"""

from __future__ import annotations

import io
import re
import zipfile
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import InputError, OutputError, PlanParserError
from ..models import Diagnostic, OutlineNode, Plan, Project, Quantity
from ..serialize.csv import dumps_csv_rows
from ..serialize.files import output_stem, write_atomic

Cell = str | int | float | bool | None
TABLE_NAMES = ("quantities", "projects", "outline", "diagnostics")
STRUCTURED_SUFFIXES = (".json", ".yaml", ".yml")
MANIFEST_NAME = "manifest.json"  # a build's manifest is not a plan: skipped among inputs
XLSX_NAME = "plans.xlsx"
XLSX_MAX_ROWS = 1_048_576
FIXED_DATE = "1980-01-01T00:00:00Z"  # documents' created/modified dates: no timestamps
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
    "end_line",
    "span_start",
    "span_end",
]


@dataclass(frozen=True)
class Table:
    name: str
    columns: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Document:
    doc_id: str
    plan: Plan


# --- loading ------------------------------------------------------------------------------------


def load_plan(path: Path) -> Plan:
    """A plan from a raw document (parsed now) or from the JSON/YAML that parse and build write."""
    if path.suffix.lower() not in STRUCTURED_SUFFIXES:
        from ..pipeline import parse_file

        return parse_file(path)
    from ..models.schema import load_document

    data = load_document(path)
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = "/".join(str(p) for p in err["loc"]) or "(root)"
        raise InputError(
            f"{path}: not a plan-parser output ({where}: {err['msg']}); "
            "check it with `plan-parser validate`"
        ) from None


def load_documents(paths: Iterable[Path]) -> list[Document]:
    """Plans keyed by document id, in the order given. A build's manifest.json is skipped, and so
    is a second copy of the same document (its JSON and its YAML); two different documents with
    the same id are an error."""
    docs: list[Document] = []
    seen: dict[str, tuple[str, Path]] = {}  # doc_id -> (source sha256, first path)
    for path in paths:
        if path.name == MANIFEST_NAME:
            continue
        plan = load_plan(path)
        doc_id = output_stem(plan.source.path)
        if doc_id in seen:
            digest, first = seen[doc_id]
            if digest == plan.source.sha256:
                continue
            raise InputError(
                f"{path}: document id {doc_id} is taken by {first}, a different document; "
                "export them separately"
            )
        seen[doc_id] = (plan.source.sha256, path)
        docs.append(Document(doc_id, plan))
    if not docs:
        raise InputError("no plans among the inputs (only manifest.json?)")
    return docs


# --- tables -------------------------------------------------------------------------------------


def model_columns(model: type[BaseModel], lead: Sequence[str]) -> list[str]:
    """`lead` columns, then the model's fields in order (span split in two)."""
    columns = list(lead)
    for name in model.model_fields:
        if name in columns or name == "page":  # PDF only; not yet a column (text exports unchanged)
            continue
        columns.extend(["span_start", "span_end"] if name == "span" else [name])
    return columns


def model_row(doc_id: str, record: BaseModel, columns: list[str], **extra: Cell) -> list[Cell]:
    data: dict[str, Any] = record.model_dump(mode="json")
    data.update(extra, doc_id=doc_id)
    if "span" in data:
        data["span_start"], data["span_end"] = data.pop("span")
    return [data.get(c) for c in columns]


def outline_rows(doc_id: str, plan: Plan) -> list[list[Cell]]:
    rows: list[list[Cell]] = []

    def walk(node: OutlineNode, parent: str | None, depth: int) -> None:
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
                node.end_line,
                node.span[0],
                node.span[1],
            ]
        )
        for child in node.children:
            walk(child, node.id, depth + 1)

    for top in plan.outline:
        walk(top, None, 1)
    return rows


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


def build_tables(docs: Sequence[Document]) -> list[Table]:
    """The four tables, rows in document order then record order."""
    q_cols = model_columns(Quantity, ["doc_id", "node_id", "id"])
    p_cols = model_columns(Project, ["doc_id", "node_id", "id"])
    d_cols = model_columns(Diagnostic, ["doc_id", "node_id"])
    quantities: list[list[Cell]] = []
    projects: list[list[Cell]] = []
    outline: list[list[Cell]] = []
    diagnostics: list[list[Cell]] = []
    for doc in docs:
        plan = doc.plan
        quantities += [model_row(doc.doc_id, q, q_cols) for q in plan.quantities]
        projects += [model_row(doc.doc_id, p, p_cols) for p in plan.projects]
        outline += outline_rows(doc.doc_id, plan)
        locate = NodeLocator(plan)
        diagnostics += [
            model_row(doc.doc_id, d, d_cols, node_id=locate.node_id(d.line))
            for d in plan.diagnostics
        ]
    return [
        Table("quantities", q_cols, quantities),
        Table("projects", p_cols, projects),
        Table("outline", OUTLINE_COLUMNS, outline),
        Table("diagnostics", d_cols, diagnostics),
    ]


# --- CSV ----------------------------------------------------------------------------------------


def dumps_csv(table: Table) -> str:
    """A table as CSV for Excel: UTF-8 BOM, a header row, CRLF line ends (RFC 4180)."""
    return dumps_csv_rows(table.columns, table.rows)


def write_csv(tables: Sequence[Table], out_dir: Path) -> list[Path]:
    paths = []
    for table in tables:
        path = out_dir / f"{table.name}.csv"
        write_atomic(path, dumps_csv(table))
        paths.append(path)
    return paths


# --- XLSX ---------------------------------------------------------------------------------------


def dumps_xlsx(tables: Sequence[Table]) -> bytes:
    """One sheet per table, header row frozen; the same bytes for the same tables."""
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    except ImportError:
        raise PlanParserError(
            "XLSX export needs openpyxl: pip install 'plan-parser[xlsx]' (or use --format csv)"
        ) from None
    workbook = Workbook(write_only=True)
    for table in tables:
        if len(table.rows) + 1 > XLSX_MAX_ROWS:
            raise OutputError(
                f"{table.name}: {len(table.rows)} rows do not fit in an Excel sheet; "
                "use --format csv"
            )
        sheet = workbook.create_sheet(table.name)
        sheet.freeze_panes = "A2"
        sheet.append(table.columns)
        for row in table.rows:
            cells = []
            for value in row:
                if isinstance(value, str):
                    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
                    cell.data_type = "s"  # text, never a formula even if it starts with =
                else:
                    cell = WriteOnlyCell(sheet, value=value)
                cells.append(cell)
            sheet.append(cells)
    buf = io.BytesIO()
    workbook.save(buf)
    return reproducible_zip(buf.getvalue())


_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def reproducible_zip(data: bytes) -> bytes:
    """Rewrite an Office zip with fixed entry times, stored entries and fixed document dates."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst,
    ):
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(rb"\g<1>" + FIXED_DATE.encode() + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, content)
    return out.getvalue()


def write_xlsx(tables: Sequence[Table], out_dir: Path) -> list[Path]:
    path = out_dir / XLSX_NAME
    write_atomic(path, dumps_xlsx(tables))
    return [path]


# --- the command's library function -------------------------------------------------------------


def export(inputs: Sequence[Path], out_dir: Path, fmt: str) -> tuple[list[Table], list[Path]]:
    """Load every input, build the tables and write them: nothing is written if any input is bad."""
    tables = build_tables(load_documents(inputs))
    if fmt == "xlsx":
        return tables, write_xlsx(tables, out_dir)
    return tables, write_csv(tables, out_dir)
