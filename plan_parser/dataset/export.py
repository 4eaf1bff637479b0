"""Exports for analysts: plans, quantities, projects, outline and diagnostics as tables.

Every row carries `doc_id` (the plan's output stem, e.g. `anyang-2022-13`) and `node_id` (the
outline node it sits in), so rows from many plans can be stacked, filtered and joined: `plans`
has one row per document (title, issuer, 发文字号, dates, jurisdiction, period), and `outline`
has a titled row for every node a record can sit in (headings, boxes and box entries), so every
`node_id` of every table resolves to a title. Columns follow the fields of the models in
`plan_parser.models`, in that order, with `doc_id`, `node_id` and the record's `id` first and
`span` split into `span_start`/`span_end`; each column has one type (`COLUMN_TYPES`): text,
integer, number or boolean, blank when absent.

Formats: CSV (UTF-8 with a byte-order mark for Excel, CRLF line ends; `bom=False` for a pipe),
NDJSON (one JSON object per line, typed), Parquet (typed columns; `pip install
'plan-parser[parquet]'`) and XLSX. XLSX
needs openpyxl (`pip install 'plan-parser[xlsx]'`) and is written byte-for-byte reproducibly: fixed
document dates and zip entry times, entries stored uncompressed (deflate output may differ
between zlib builds).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ValidationError

from ..errors import InputError, OutputError, PlanParserError
from ..models import Diagnostic, OutlineNode, Plan, Project, Quantity
from ..serialize.csv import dumps_csv_rows
from ..serialize.files import output_stem, refuse_inputs_as_outputs, write_atomic, write_unit

Cell = str | int | float | bool | None
ColumnType = Literal["text", "int", "number", "bool"]
TABLE_NAMES = ("plans", "quantities", "projects", "outline", "diagnostics", "tables")
FORMATS = ("csv", "xlsx", "ndjson", "parquet")
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
OUTLINE_TYPES: dict[str, ColumnType] = {
    "depth": "int",
    "number": "int",
    "line": "int",
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


# --- loading ------------------------------------------------------------------------------------


STDIN = Path("-")


def _looks_structured(data: bytes) -> bool:
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:200]
    return head.startswith(b"{") or head.startswith(b"schema_version:")


def load_plan(path: Path, *, extract: bool = True) -> Plan:
    """A plan from a raw document (parsed now) or from the JSON/YAML that parse and build write;
    `-` reads either from standard input (a JSON/YAML output is told by its first bytes)."""
    if path == STDIN:
        from ..read.decode import read_stdin

        data = read_stdin()
        if not _looks_structured(data):
            from ..pipeline import parse_bytes

            return parse_bytes(data, path="stdin", extract=extract)
        from ..read.data import load_data

        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"stdin: not UTF-8 text (byte {exc.start})") from None
        return _validated(load_data(text, "yaml", "stdin"), path)
    if path.suffix.lower() not in STRUCTURED_SUFFIXES:
        from ..pipeline import parse_file

        return parse_file(path, extract=extract)
    from ..read.data import load_document

    return _validated(load_document(path), path)


def _validated(data: Any, path: Path) -> Plan:
    shown = "stdin" if path == STDIN else str(path)
    if isinstance(data, dict) and "outline" not in data:
        if "plans" in data and "tool_version" in data:
            raise InputError(f"{shown}: a build's manifest, not a plan; give the plans' JSON")
        if "quantities" in data:
            raise InputError(
                f"{shown}: a quantity sheet, not a plan output (no outline); "
                "sheets are read by `plan-parser diff`"
            )
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = "/".join(str(p) for p in err["loc"]) or "(root)"
        raise InputError(
            f"{shown}: not a plan-parser output ({where}: {err['msg']}); "
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


# --- CSV ----------------------------------------------------------------------------------------


def dumps_csv(table: Table, *, bom: bool = True) -> str:
    """A table as CSV for Excel: UTF-8 BOM (unless `bom=False`), a header row, CRLF line ends."""
    text = dumps_csv_rows(table.columns, table.rows)
    return text if bom else text.removeprefix("\ufeff")


# --- NDJSON and Parquet -------------------------------------------------------------------------


def dumps_ndjson(table: Table, *, tagged: bool = False) -> str:
    """One JSON object per row and line, typed (numbers, booleans, null); `tagged` puts the
    table's name first in each object, for several tables in one stream."""
    lines = []
    for record in table.records():
        obj: dict[str, Cell] = {"table": table.name, **record} if tagged else record
        lines.append(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")
    return "".join(lines)


def dumps_parquet(table: Table) -> bytes:
    """A table as Parquet with typed columns: text as string, int as int64, number as double,
    bool as boolean; blanks are nulls."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise PlanParserError(
            "Parquet export needs pyarrow: pip install 'plan-parser[parquet]' (or use --format csv)"
        ) from None
    arrow = {"text": pa.string(), "int": pa.int64(), "number": pa.float64(), "bool": pa.bool_()}
    fields = [pa.field(c, arrow[table.type_of(c)]) for c in table.columns]
    columns = []
    for i, c in enumerate(table.columns):
        kind = table.type_of(c)
        values = [row[i] for row in table.rows]
        if kind == "number":
            values = [None if v is None else float(v) for v in values]
        elif kind == "text":
            values = [None if v is None else str(v) for v in values]
        columns.append(pa.array(values, type=arrow[kind]))
    arrow_table = pa.Table.from_arrays(columns, schema=pa.schema(fields))
    buf = pa.BufferOutputStream()
    pq.write_table(arrow_table, buf, compression="zstd")
    return bytes(buf.getvalue().to_pybytes())


def dumps_table(table: Table, fmt: str, *, bom: bool = True) -> str | bytes:
    if fmt == "csv":
        return dumps_csv(table, bom=bom)
    if fmt == "ndjson":
        return dumps_ndjson(table)
    if fmt == "parquet":
        return dumps_parquet(table)
    raise ValueError(fmt)


def write_tables(
    tables: Sequence[Table], out_dir: Path, fmt: str, *, bom: bool = True
) -> list[Path]:
    """The tables' files, written as a unit (all new, or all as they were)."""
    paths = table_paths(tables, out_dir, fmt)
    write_unit([(p, dumps_table(t, fmt, bom=bom)) for p, t in zip(paths, tables, strict=True)])
    return paths


def table_paths(tables: Sequence[Table], out_dir: Path, fmt: str) -> list[Path]:
    return [out_dir / f"{table.name}.{fmt}" for table in tables]


def write_csv(tables: Sequence[Table], out_dir: Path) -> list[Path]:
    return write_tables(tables, out_dir, "csv")


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


def select_tables(tables: Sequence[Table], names: Sequence[str] | None) -> list[Table]:
    if not names:
        return list(tables)
    unknown = [n for n in names if n not in TABLE_NAMES]
    if unknown:
        raise InputError(f"no table {unknown[0]}; the tables are {', '.join(TABLE_NAMES)}")
    return [t for t in tables if t.name in names]


def export(
    inputs: Sequence[Path],
    out_dir: Path,
    fmt: str,
    *,
    tables: Sequence[str] | None = None,
    bom: bool = True,
) -> tuple[list[Table], list[Path]]:
    """Load every input, build the tables and write them: nothing is written if any input is bad."""
    built = select_tables(build_tables(load_documents(inputs)), tables)
    planned = [out_dir / XLSX_NAME] if fmt == "xlsx" else table_paths(built, out_dir, fmt)
    refuse_inputs_as_outputs(planned, inputs)
    if fmt == "xlsx":
        return built, write_xlsx(built, out_dir)
    return built, write_tables(built, out_dir, fmt, bom=bom)


def dumps_stdout(built: Sequence[Table], fmt: str, *, bom: bool = False) -> bytes:
    """What `export -o -` writes: NDJSON of every table (each object tagged with its table), or
    one table as CSV or Parquet."""
    if fmt == "ndjson":
        return "".join(dumps_ndjson(t, tagged=len(built) > 1) for t in built).encode("utf-8")
    if len(built) != 1:
        raise InputError(
            f"-o - writes one {fmt} table: choose it with --table "
            f"({', '.join(t.name for t in built)}), or use --format ndjson for all"
        )
    if fmt == "xlsx":
        return dumps_xlsx(built)
    out = dumps_table(built[0], fmt, bom=bom)
    return out.encode("utf-8") if isinstance(out, str) else out
