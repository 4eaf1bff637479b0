"""Quantity sheets: a plan's figures as a list of quantity records, for plans whose full text a
researcher does not have (tests/data/henan-2021-headline-targets.yaml).

A sheet is YAML (or JSON) with a small `document` header and a `quantities` list, or CSV with the
header as `# key: value` comment lines before the column row. Records use the field names of the
structured output's quantities; only `kind`, `indicator` and `value` are required. Each record
becomes a `Quantity` whose `line`, `span` and `quote` point into the sheet file itself, so a diff
can cite "henan-2021-headline-targets.yaml line 12" like it cites a plan's line.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import InputError
from ..models import Comparator, Number, Quantity, QuantityKind
from ..read.decode import read_path
from ..serialize.csv import unneutralize_formula

SHEET_SUFFIXES = frozenset({".csv", ".yaml", ".yml", ".json"})


class SheetHeader(BaseModel):
    """The `document` header: what the figures are from. Unknown keys are kept out of the way."""

    model_config = ConfigDict(extra="ignore")

    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    level: str | None = Field(None, description="national, province, city, county …")


class SheetRecord(BaseModel):
    """One row of a sheet: a quantity record with the output's field names."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)  # 1e999, NaN: not figures

    kind: QuantityKind
    indicator: str = Field(min_length=1)
    value: Number
    comparator: Comparator = "eq"
    unit: str | None = None
    scope: str | None = None
    value_max: Number | None = None
    year: int | None = None
    period: str | None = None
    from_value: Number | None = None
    from_year: int | None = None
    binding: bool | None = None
    value_text: str | None = None
    quote: str | None = None
    # present when records are copied from a structured output; replaced by the sheet's own
    id: str | None = None
    node_id: str | None = None
    line: int | None = None
    span: tuple[int, int] | None = None


@dataclass
class QuantitySheet:
    path: str
    header: SheetHeader
    quantities: list[Quantity] = field(default_factory=list)


@dataclass(frozen=True)
class _RawRecord:
    data: Any
    line: int
    span: tuple[int, int]


def is_sheet_data(data: Any) -> bool:
    """A loaded JSON/YAML document is a sheet if it is a list, or has `quantities` and no
    `outline` (a structured output has an outline)."""
    if isinstance(data, list):
        return True
    return isinstance(data, dict) and "quantities" in data and "outline" not in data


def load_sheet(path: Path, *, name: str | None = None) -> QuantitySheet:
    """Read a YAML, JSON or CSV quantity sheet. Raises InputError saying what is wrong where."""
    text = read_path(path).text
    shown = name or path.name
    if path.suffix.lower() == ".csv":
        header, raw = _csv_records(text, shown)
    else:
        header, raw = _yaml_records(text, shown)
    sheet = QuantitySheet(path=shown, header=header)
    for n, rec in enumerate(raw, start=1):
        sheet.quantities.append(_quantity(rec, n, text, shown))
    if not sheet.quantities:
        raise InputError(f"{shown}: the sheet has no quantity records")
    return sheet


def _quantity(rec: _RawRecord, n: int, text: str, shown: str) -> Quantity:
    if not isinstance(rec.data, dict):
        raise InputError(f"{shown} line {rec.line}: a quantity record must be a mapping")
    try:
        row = SheetRecord.model_validate(rec.data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "record"
        raise InputError(f"{shown} line {rec.line}: {where}: {err['msg']}") from None
    start, end = rec.span
    quote = text[start:end].rstrip()
    unit = row.unit or ""
    return Quantity(
        id=f"sheet__q_{n}",
        kind=row.kind,
        indicator=row.indicator.strip(),
        scope=row.scope,
        value=row.value,
        value_max=row.value_max,
        unit=row.unit,
        comparator=row.comparator,
        year=row.year,
        period=row.period,
        from_value=row.from_value,
        from_year=row.from_year,
        binding=row.binding,
        value_text=row.value_text or f"{row.value}{unit}",
        node_id=None,
        line=rec.line,
        span=(start, start + len(quote)),
        quote=quote,
    )


# --- YAML / JSON --------------------------------------------------------------------------------


def _yaml_records(text: str, shown: str) -> tuple[SheetHeader, list[_RawRecord]]:
    """Records of a YAML (or JSON, a subset of YAML) sheet, with the line and span of each."""
    from ..read.data import load_data

    data = load_data(text, "yaml", shown)  # within the alias and depth budgets
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0]
        raise InputError(f"{shown}: not valid YAML or JSON: {first}") from None
    if not is_sheet_data(data) or root is None:
        raise InputError(
            f"{shown}: not a quantity sheet (expected a `quantities` list, "
            "or a list of quantity records)"
        )
    if isinstance(data, list):
        header_data: Any = {}
        items, nodes = data, root.value
    else:
        header_data = data.get("document") or {}
        items = data["quantities"]
        nodes = next(v.value for k, v in root.value if k.value == "quantities")
        if not isinstance(items, list):
            raise InputError(f"{shown}: `quantities` must be a list of records")
    if not isinstance(header_data, dict):
        raise InputError(f"{shown}: `document` must be a mapping (title, doc_number, issuer …)")
    header = _header(header_data, shown)
    raw = [
        _RawRecord(item, node.start_mark.line + 1, (node.start_mark.index, node.end_mark.index))
        for item, node in zip(items, nodes, strict=True)
    ]
    return header, raw


# --- CSV ----------------------------------------------------------------------------------------

_HEADER_LINE = re.compile(r"#\s*(?P<key>\w+)\s*[:：]\s*(?P<value>.*?)\s*$")


def _csv_records(text: str, shown: str) -> tuple[SheetHeader, list[_RawRecord]]:
    """Records of a CSV sheet: `# key: value` header lines, a column row, one record a row."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln))
    header: dict[str, str] = {}
    first = 0
    while first < len(lines) and (
        not lines[first].strip() or lines[first].lstrip().startswith("#")
    ):
        m = _HEADER_LINE.match(lines[first].strip())
        if m:
            header[m["key"]] = m["value"]
        first += 1
    body = "".join(lines[first:])
    reader = csv.DictReader(io.StringIO(body))
    if not reader.fieldnames:
        raise InputError(f"{shown}: CSV sheet has no column row (kind,indicator,value,…)")
    raw: list[_RawRecord] = []
    prev = reader.line_num  # physical lines of the body read so far
    for row in reader:
        line_no = first + prev + 1
        while line_no < len(lines) and not lines[line_no - 1].strip():
            line_no += 1  # the reader skips blank lines
        prev = reader.line_num
        if None in row:
            raise InputError(f"{shown} line {line_no}: more cells than columns")
        data = {k.strip(): _cell(v) for k, v in row.items() if k is not None}
        if all(v is None for v in data.values()):
            continue
        data = {k: v for k, v in data.items() if v is not None}
        line_text = lines[line_no - 1] if line_no - 1 < len(lines) else ""
        start = offsets[line_no - 1]
        raw.append(_RawRecord(data, line_no, (start, start + len(line_text.rstrip("\r\n")))))
    return _header(header, shown), raw


def _header(data: dict[str, Any], shown: str) -> SheetHeader:
    """The `document` header; InputError naming the field (never printing its value)."""
    try:
        return SheetHeader.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in ("document", *err["loc"]))
        raise InputError(f"{shown}: {where}: {err['msg']}") from None


def _cell(value: str | None) -> Any:
    if value is None:
        return None
    v = unneutralize_formula(value.strip())  # our own CSV, read back: '=… -> =…
    if not v:
        return None
    if v.startswith("[") and v.endswith("]"):  # a span copied from an output: [120, 131]
        try:
            return json.loads(v)
        except json.JSONDecodeError:
            return v
    return v
