"""The dataset as Parquet tables for analysts at scale, partitioned by province.

    TABLES/plans/province=河南省/part-0.parquet
    TABLES/quantities/province=河南省/part-0.parquet
    TABLES/projects/…   TABLES/outline/…   TABLES/diagnostics/…
    TABLES/…/province=none/part-0.parquet      national plans, and plans whose metadata names
                                               no division

Hive-style directories, which DuckDB (`read_parquet('TABLES/quantities/*/*.parquet',
hive_partitioning = true)`), Spark (`spark.read.parquet("TABLES/quantities")`) and
`pyarrow.dataset` read as a `province` column. The rows are `plan-parser export`'s (every row
starts with `doc_id` and `node_id`; `span` is `span_start`, `span_end`), plus a `plans` table of one
row per plan: its source, metadata, jurisdiction and counts. Columns are typed from the models,
the same in every partition. A plan's province is that of the government that issued it
(`lang.places.jurisdiction_of` its issuer, title or plan title).

Written from the JSON a build wrote and its manifest, in two maps an engine can spread: the
province of each plan, then one task per province writing its partition of every table. Rows are
in doc_id order, so the same dataset gives the same bytes (for one pyarrow version). Partitions
of provinces that have no plan any more are removed. Needs pyarrow
(`pip install 'plan-parser[parquet]'`).
"""

from __future__ import annotations

import io
import json
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..errors import PlanParserError
from ..models import Diagnostic, Plan, Project, Quantity
from ..models.manifest import Manifest, PlanEntry
from ..serialize.files import output_stem
from .storage import Store

PART_NAME = "part-0.parquet"
NO_PROVINCE = "none"
PARQUET_MISSING = "Parquet tables need pyarrow: pip install 'plan-parser[parquet]'"
TABLE_NAMES = ("plans", "quantities", "projects", "outline", "diagnostics")
Mapper = Callable[[Callable[[Any], Any], Sequence[Any]], list[Any]]

# column -> arrow type name, for columns that are not a model's fields
PLAN_COLUMNS: dict[str, str] = {
    "doc_id": "string",
    "input": "string",
    "input_sha256": "string",
    "encoding": "string",
    "format": "string",
    "line_count": "int64",
    "char_count": "int64",
    "title": "string",
    "issuer": "string",
    "doc_number": "string",
    "written_date": "string",
    "publication_date": "string",
    "plan_title": "string",
    "period": "string",
    "start_year": "int64",
    "end_year": "int64",
    "jurisdiction_code": "string",
    "jurisdiction_name": "string",
    "province_code": "string",
    "outline_nodes": "int64",
    "boxes": "int64",
    "quantities": "int64",
    "projects": "int64",
    "diagnostics": "int64",
}
LEAD_TYPES = {"doc_id": "string", "node_id": "string", "span_start": "int64", "span_end": "int64"}
OUTLINE_TYPES = {
    "parent_id": "string",
    "depth": "int64",
    "kind": "string",
    "number": "int64",
    "marker": "string",
    "title": "string",
    "line": "int64",
    "end_line": "int64",
}


def require_pyarrow() -> Any:
    """pyarrow, or a PlanParserError that says how to install it."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise PlanParserError(PARQUET_MISSING) from None
    return pyarrow


# --- provinces ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    jurisdiction_code: str | None
    jurisdiction_name: str | None
    province_code: str | None
    province: str  # the partition: the province's name, or NO_PROVINCE


def place_of(plan_metadata: dict[str, Any]) -> Place:
    """Where a plan belongs, from its metadata (the JSON's `metadata` object)."""
    from ..lang.places import gazetteer, jurisdiction_of

    juris = jurisdiction_of(
        [plan_metadata.get("issuer"), plan_metadata.get("title"), plan_metadata.get("plan_title")]
    )
    if juris is None:
        return Place(None, None, None, NO_PROVINCE)
    province = gazetteer().province_of(juris)
    return Place(juris.code, juris.name, province.code, province.name)


@dataclass(frozen=True)
class PlanFile:
    """One plan of the dataset: its JSON in the build's output store."""

    store: Store
    doc_id: str
    json_file: str


def province_of(plan: PlanFile) -> tuple[str, str]:
    """(province partition, doc_id) of one plan: the first map."""
    data = json.loads(plan.store.read_bytes(plan.json_file))
    return place_of(data.get("metadata") or {}).province, plan.doc_id


# --- one partition ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartitionTask:
    plans: tuple[PlanFile, ...]  # sorted by doc_id
    entries: tuple[PlanEntry, ...]  # their manifest entries, in the same order
    tables: Store
    province: str


def _arrow_type(annotation: Any) -> str:
    """The arrow type of a model field: int64, float64, bool_ or string (nullable all)."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        if float in args:
            return "float64"
        return _arrow_type(args[0])
    if annotation is bool:
        return "bool_"
    if annotation is int:
        return "int64"
    if annotation is float:
        return "float64"
    return "string"


def column_types(model: type[BaseModel] | None, columns: Sequence[str]) -> dict[str, str]:
    fields = model.model_fields if model is not None else {}
    types_: dict[str, str] = {}
    for c in columns:
        if c in LEAD_TYPES:
            types_[c] = LEAD_TYPES[c]
        elif c in fields:
            types_[c] = _arrow_type(fields[c].annotation)
        else:
            types_[c] = OUTLINE_TYPES.get(c, "string")
    return types_


def plan_row(doc_id: str, plan: Plan, entry: PlanEntry) -> list[Any]:
    meta, src, c = plan.metadata, plan.source, entry.counts
    place = place_of(meta.model_dump(mode="json"))
    period = meta.plan_period
    values = {
        "doc_id": doc_id,
        "input": entry.input,
        "input_sha256": entry.input_sha256,
        "encoding": src.encoding,
        "format": src.format,
        "line_count": src.line_count,
        "char_count": src.char_count,
        "title": meta.title,
        "issuer": meta.issuer,
        "doc_number": meta.doc_number,
        "written_date": meta.written_date,
        "publication_date": meta.publication_date,
        "plan_title": meta.plan_title,
        "period": period.name if period else None,
        "start_year": period.start_year if period else None,
        "end_year": period.end_year if period else None,
        "jurisdiction_code": place.jurisdiction_code,
        "jurisdiction_name": place.jurisdiction_name,
        "province_code": place.province_code,
        "outline_nodes": c.outline_nodes,
        "boxes": c.boxes,
        "quantities": c.quantities,
        "projects": c.projects,
        "diagnostics": c.diagnostics,
    }
    return [values[col] for col in PLAN_COLUMNS]


def dumps_parquet(columns: dict[str, str], rows: Iterable[Sequence[Any]]) -> bytes:
    """One Parquet file of typed columns (snappy, as Spark writes them)."""
    pa = require_pyarrow()
    rows = list(rows)
    arrays = [
        pa.array([row[i] for row in rows], type=getattr(pa, kind)())
        for i, kind in enumerate(columns.values())
    ]
    table = pa.Table.from_arrays(arrays, names=list(columns))
    buf = io.BytesIO()
    pa.parquet.write_table(table, buf, compression="snappy")
    return buf.getvalue()


def partition_name(table: str, province: str) -> str:
    return f"{table}/province={province}/{PART_NAME}"


def write_partition(task: PartitionTask) -> list[str]:
    """The second map: one province's rows of every table, one file each. Returns the names."""
    from .export import Document, build_tables

    docs = []
    plan_rows = []
    for plan_file, entry in zip(task.plans, task.entries, strict=True):
        plan = Plan.model_validate_json(plan_file.store.read_bytes(plan_file.json_file))
        docs.append(Document(plan_file.doc_id, plan))
        plan_rows.append(plan_row(plan_file.doc_id, plan, entry))
    models: dict[str, type[BaseModel] | None] = {
        "quantities": Quantity,
        "projects": Project,
        "outline": None,
        "diagnostics": Diagnostic,
    }
    written = []
    name = partition_name("plans", task.province)
    task.tables.write(name, dumps_parquet(PLAN_COLUMNS, plan_rows))
    written.append(name)
    for table in build_tables(docs):
        if table.name not in models:  # export's own plans table: ours adds the jurisdiction
            continue
        name = partition_name(table.name, task.province)
        types_ = column_types(models[table.name], table.columns)
        task.tables.write(name, dumps_parquet(types_, table.rows))
        written.append(name)
    return written


# --- the dataset --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TablesReport:
    provinces: list[str]
    written: list[str]
    removed: list[str]

    def summary_lines(self, tables: Store) -> list[str]:
        removed = [f"removed {tables.path(name)} (no plan of it now)" for name in self.removed]
        n = len(self.provinces)
        return [
            *removed,
            f"tables: {len(TABLE_NAMES)} tables × {n} province partition{'' if n == 1 else 's'}"
            f" ({len(self.written)} Parquet files) in {tables}",
        ]


def write_tables(
    outputs: Store, manifest: Manifest, tables: Store, *, mapper: Mapper | None = None
) -> TablesReport:
    """Write the Parquet tables of the plans a build wrote (OUTPUTS and its manifest) to TABLES.

    `mapper(fn, items)` runs the two maps (the built-in map by default; a cluster's map for
    `--engine dask`)."""
    require_pyarrow()
    run: Mapper = mapper or (lambda fn, items: list(map(fn, items)))
    plan_files = []
    entries = {}
    for entry in manifest.plans:
        json_file = next((o.path for o in entry.outputs if o.path.endswith(".json")), None)
        if json_file is None:
            continue
        doc_id = output_stem(entry.input)
        plan_files.append(PlanFile(outputs, doc_id, json_file))
        entries[doc_id] = entry
    by_doc = {p.doc_id: p for p in plan_files}
    groups: dict[str, list[str]] = {}
    for province, doc_id in run(province_of, plan_files):
        groups.setdefault(province, []).append(doc_id)
    tasks = [
        PartitionTask(
            tuple(by_doc[d] for d in sorted(ids)),
            tuple(entries[d] for d in sorted(ids)),
            tables,
            province,
        )
        for province, ids in sorted(groups.items())
    ]
    tables.make_dir()
    written = sorted(name for names in run(write_partition, tasks) for name in names)
    keep = set(written)
    removed = []
    for table in TABLE_NAMES:
        for name in tables.walk(table):
            if name.endswith(f"/{PART_NAME}") and "/province=" in name and name not in keep:
                tables.remove(name)
                removed.append(name)
    return TablesReport(sorted(groups), written, removed)
