"""CSV for Excel: one writer for every table (quantities, projects, diff, export)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

# Cells starting with these are formulas (or become one) in Excel, LibreOffice and Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """A CSV cell: empty for None, true/false for booleans, the value as text otherwise.

    Text that a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
    return) gets a leading `'`, as OWASP recommends against CSV injection: plan text is untrusted.
    Numbers are written as they are (-5 stays a number)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return neutralize_formula(value)
    return str(value)


def neutralize_formula(text: str) -> str:
    """`text`, with a leading `'` if a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def unneutralize_formula(text: str) -> str:
    """The inverse of `neutralize_formula`, for reading our own CSV back (quantity sheets)."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


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
