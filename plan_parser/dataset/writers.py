"""The export's writers: `Table`s as CSV (UTF-8 with a byte-order mark for Excel, CRLF line
ends; `bom=False` for a pipe), NDJSON (one JSON object per line, typed), Parquet (typed columns;
`pip install 'plan-parser[parquet]'`) and XLSX, as bytes (`dumps_*`) or files (`write_*`). XLSX
needs openpyxl (`pip install 'plan-parser[xlsx]'`) and is written byte-for-byte reproducibly: fixed
document dates and zip entry times, entries stored uncompressed (deflate output may differ
between zlib builds).

May import: `tables.py` (the `Table` it writes), `serialize` (CSV bytes, atomic writes) and
`errors`; it knows nothing of plans.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import OutputError, PlanParserError
from ..serialize.csv import dumps_csv_rows
from ..serialize.files import write_atomic, write_unit
from .tables import Cell, Table

XLSX_NAME = "plans.xlsx"
XLSX_MAX_ROWS = 1_048_576
FIXED_DATE = "1980-01-01T00:00:00Z"  # documents' created/modified dates: no timestamps


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
