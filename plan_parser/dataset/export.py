"""Exports for analysts: plans, quantities, projects, outline and diagnostics as tables, loaded
from plans (raw documents or the JSON/YAML that parse and build write) and written as CSV,
NDJSON, Parquet or XLSX.

This module holds loading (`load_plan`, `load_documents`) and the command's library function
(`export`, `select_tables`, `dumps_stdout`); the rows of each table are built in `tables.py` and
written by `writers.py`, whose names it re-exports for the CLI and tests. May import: `tables.py`,
`writers.py`, `models`, `serialize.files`, `errors`, and lazily `read` and `pipeline` (to load).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InputError
from ..models import Plan
from ..serialize.files import output_stem, refuse_inputs_as_outputs
from .tables import (
    NATIONAL_ISSUERS,
    OUTLINE_COLUMNS,
    OUTLINE_TYPES,
    PLAN_COLUMNS,
    TABLE_CELL_COLUMNS,
    TABLE_NAMES,
    Cell,
    ColumnType,
    Document,
    NodeLocator,
    Table,
    build_tables,
    column_types,
    jurisdiction,
    model_columns,
    model_row,
    outline_rows,
    plan_row,
    table_cell_rows,
)
from .writers import (
    FIXED_DATE,
    XLSX_MAX_ROWS,
    XLSX_NAME,
    dumps_csv,
    dumps_ndjson,
    dumps_parquet,
    dumps_table,
    dumps_xlsx,
    reproducible_zip,
    table_paths,
    write_csv,
    write_tables,
    write_xlsx,
)

__all__ = [
    "FIXED_DATE",
    "FORMATS",
    "MANIFEST_NAME",
    "NATIONAL_ISSUERS",
    "OUTLINE_COLUMNS",
    "OUTLINE_TYPES",
    "PLAN_COLUMNS",
    "STDIN",
    "STRUCTURED_SUFFIXES",
    "TABLE_CELL_COLUMNS",
    "TABLE_NAMES",
    "XLSX_MAX_ROWS",
    "XLSX_NAME",
    "Cell",
    "ColumnType",
    "Document",
    "NodeLocator",
    "Table",
    "build_tables",
    "column_types",
    "dumps_csv",
    "dumps_ndjson",
    "dumps_parquet",
    "dumps_stdout",
    "dumps_table",
    "dumps_xlsx",
    "export",
    "jurisdiction",
    "load_documents",
    "load_plan",
    "model_columns",
    "model_row",
    "outline_rows",
    "plan_row",
    "reproducible_zip",
    "select_tables",
    "table_cell_rows",
    "table_paths",
    "write_csv",
    "write_tables",
    "write_xlsx",
]

FORMATS = ("csv", "xlsx", "ndjson", "parquet")
STRUCTURED_SUFFIXES = (".json", ".yaml", ".yml")
MANIFEST_NAME = "manifest.json"  # a build's manifest is not a plan: skipped among inputs


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
