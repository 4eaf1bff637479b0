"""Table models (to join models/plan.py once the package re-layout lands)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .models import Model, Span

TableShape = Literal["tab", "cell_per_line", "space"]


class TableCell(Model):
    text: str = Field(description="the cell as written; a wrapped cell joined without its breaks")
    line: int = Field(description="line of the cell's first piece")
    span: Span = Field(description="span of the cell's first piece (`quote`)")
    quote: str
    parts: list[Span] = Field(
        default_factory=list,
        description="spans of every piece of a cell wrapped over several lines, in order",
    )
    rowspan: int = 1
    colspan: int = 1
    covered: bool = Field(
        False, description="a grid position covered by the rowspan/colspan of the cell it copies"
    )


class TableRow(Model):
    line: int = Field(description="line of the row (for PDF text: the line of its 序号)")
    end_line: int
    cells: list[TableCell | None] = Field(description="one per column; null for an absent cell")


class TableNote(Model):
    line: int
    span: Span
    text: str


class Table(Model):
    id: str = Field(description="tbl_N in document order")
    number: int | None = Field(None, description="表N / 附表N as a number")
    title: str | None = Field(None, description="title as written")
    title_line: int | None = None
    title_span: Span | None = None
    shape: TableShape = Field(
        description="tab (HTML or pasted tab rows), cell_per_line (Word/web export), "
        "space (PDF text)"
    )
    node_id: str | None = Field(description="outline node the table sits in")
    line: int = Field(description="first line of the header")
    end_line: int = Field(description="last line of the last row (notes excluded)")
    span: Span = Field(description="header start to last row end")
    columns: list[str] = Field(description="leaf header cell of each column, as written")
    roles: list[str | None] = Field(
        description="what each column holds: serial, category, name, unit, binding, value, "
        "content, place, years, investment, owner, remark (lexicon/tables.yaml)"
    )
    header: list[list[TableCell | None]] = Field(description="header rows")
    rows: list[TableRow]
    notes: list[TableNote] = Field(default_factory=list)
