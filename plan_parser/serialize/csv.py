"""CSV for Excel: one writer for every table (quantities, projects, diff, export)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any


def csv_cell(value: Any) -> str:
    """A CSV cell: empty for None, true/false for booleans, the value as text otherwise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def dumps_csv_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV for Excel: UTF-8 with a BOM (so the Chinese opens right), a header row, CRLF line
    ends (RFC 4180)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return "\ufeff" + buf.getvalue()


def dumps_csv_records(columns: Sequence[str], records: Iterable[dict[str, Any]]) -> str:
    """`dumps_csv_rows` for dict records: the listed columns, in order; missing keys empty."""
    return dumps_csv_rows(columns, ([r.get(c) for c in columns] for r in records))
