"""Construction projects from project tables (项目名称, 建设内容, 建设地点, 建设年限, 总投资,
责任单位): one project per row, the name cell as provenance, the place resolved to a division
and its adcode, the years and the investment read from their cells and headers."""

from __future__ import annotations

import re

from ...lang.places import Division, PlaceFinder
from ...models import Project, Table, TableCell
from ...read.normalize import Document

PROJECT_ROLES = {"place", "investment", "content", "years", "owner"}
YEARS = re.compile(
    r"(?P<a>(?:19|20)\d\d)(?:[ ]*年)?(?:[ ]*(?:——|—|–|-|～|~|至)[ ]*(?P<b>(?:19|20)\d\d))?"
)
MONEY = re.compile(r"(?P<num>\d+(?:\.\d+)?)[ ]*(?P<unit>[万亿千]?元|万|亿)?")
HEADER_UNIT = re.compile(r"[(（](?P<u>[^()（）]{1,6})[)）]")


def _text(c: TableCell | None) -> str:
    return re.sub(r"\s+", "", c.text) if c is not None else ""


def _stripped(c: TableCell | None) -> str | None:
    """A cell's text as written, without its outer spaces; None for a blank or absent cell."""
    return (c.text.strip() or None) if c is not None else None


def is_project_table(table: Table) -> bool:
    return "name" in table.roles and len(PROJECT_ROLES & set(table.roles)) >= 2


def table_projects(
    doc: Document, table: Table, finder: PlaceFinder, jurisdiction: Division | None
) -> list[Project]:
    if not is_project_table(table):
        return []
    roles = table.roles

    def col(role: str) -> int | None:
        return roles.index(role) if role in roles else None

    name_c, place_c, years_c = col("name"), col("place"), col("years")
    inv_c, owner_c, content_c = col("investment"), col("owner"), col("content")
    inv_unit = None
    if inv_c is not None:
        hu = HEADER_UNIT.search(table.columns[inv_c])
        inv_unit = hu.group("u") if hu else None
    out: list[Project] = []
    for row in table.rows:
        cells = row.cells

        def cell(i: int | None, cells: list[TableCell | None] = cells) -> TableCell | None:
            return cells[i] if i is not None and i < len(cells) else None

        name_cell = cell(name_c)
        if name_cell is None or not _text(name_cell):
            continue
        district = adcode = None
        place = _text(cell(place_c))
        if place:
            for m in finder.find(place):
                if m.division is not None:
                    district, adcode = m.division.name, m.division.code
                    break
            if district is None and place in ("市本级", "全市") and jurisdiction is not None:
                district, adcode = jurisdiction.name, jurisdiction.code
        start = end = None
        ym = YEARS.search(_text(cell(years_c)))
        if ym:
            start = int(ym.group("a"))
            end = int(ym.group("b")) if ym.group("b") else start
        investment = unit = None
        mm = MONEY.fullmatch(_text(cell(inv_c)).replace(",", ""))
        if mm:
            v = float(mm.group("num"))
            investment = int(v) if v.is_integer() else v
            unit = mm.group("unit") or inv_unit
            if unit in ("万", "亿"):
                unit += "元"
        a, b = name_cell.span
        out.append(
            Project(
                id=f"{table.id}__prj_{len(out) + 1}",
                kind="construction",
                name=name_cell.text.strip(),
                content=_stripped(cell(content_c)),
                district=district,
                adcode=adcode,
                start_year=start,
                end_year=end,
                investment=investment,
                investment_unit=unit,
                owner=_stripped(cell(owner_c)),
                table_id=table.id,
                node_id=table.node_id,
                line=name_cell.line,
                span=(a, b),
                quote=doc.text[a:b],
            )
        )
    return out
