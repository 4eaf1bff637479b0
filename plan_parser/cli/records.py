"""`quantities` and `projects`: a plan's records as a table, CSV or JSON."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from .typer_app import BomOption, PlanInput, TableFormat, friendly, load, write_csv

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..models import Project, Quantity


class QuantityKindOption(StrEnum):
    target = "target"
    baseline = "baseline"
    standard = "standard"


class ProjectKindOption(StrEnum):
    program = "program"
    construction = "construction"


@friendly
def quantities(
    input: PlanInput,
    kind: Annotated[
        QuantityKindOption | None, typer.Option("--kind", help="target, baseline or standard.")
    ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", help="table, csv or json.")] = (
        TableFormat.table
    ),
    bom: BomOption = None,
) -> None:
    """List every target, baseline and standard with value, unit, comparator, year and line.

    Example: plan-parser quantities data/raw/anyang-2022-13.txt --kind target --format csv
    """
    from ..extract.quantities import QUANTITY_COLUMNS, select_quantities

    plan = load(input)
    chosen = select_quantities(plan.quantities, kind=kind.value if kind else None)
    if not write_records(chosen, with_change_columns(QUANTITY_COLUMNS), fmt, bom):
        from .render import console, quantity_table

        console().print(quantity_table(chosen, str(plan.metadata.plan_title or input)))


@friendly
def projects(
    input: PlanInput,
    kind: Annotated[
        ProjectKindOption | None, typer.Option("--kind", help="program or construction.")
    ] = None,
    district: Annotated[
        str | None,
        typer.Option("--district", help="Only this district: a name (林州市, 林州, 滑县) or code."),
    ] = None,
    fmt: Annotated[
        TableFormat, typer.Option("--format", help="table, csv (UTF-8 with BOM) or json.")
    ] = TableFormat.table,
    bom: BomOption = None,
) -> None:
    """List a plan's programs and construction projects (district, action, status, source line).

    Example: plan-parser projects data/raw/anyang-2022-13.txt --kind construction --district 林州市
    """
    from ..extract.projects import PROJECT_COLUMNS, select_projects

    plan = load(input)
    chosen = select_projects(plan.projects, kind=kind.value if kind else None, district=district)
    if not write_records(chosen, PROJECT_COLUMNS, fmt, bom):
        from .render import console, project_table

        console().print(project_table(chosen, kind.value if kind else None))


def write_records(
    records: Sequence[Quantity | Project],
    columns: Sequence[str],
    fmt: TableFormat,
    bom: bool | None,
) -> bool:
    """Records as JSON or as CSV of `columns` on stdout; False for the table (rich's)."""
    if fmt == TableFormat.table:
        return False
    from ..serialize.json_yaml import to_data

    data = [to_data(r) for r in records]
    if fmt == TableFormat.json:
        from ..serialize.json_yaml import dumps_json

        sys.stdout.write(dumps_json(data))
    else:
        from ..serialize.csv import dumps_csv_records

        write_csv(dumps_csv_records(columns, data), bom)
    return True


# A CSV reader must see whether a figure is a change (降低35% is not a level of 35%) and whether
# its year was written: each after the column it qualifies.
CHANGE_COLUMNS = {"comparator": "change", "year": "year_stated"}


def with_change_columns(columns: Sequence[str]) -> list[str]:
    """`columns` with `change` after `comparator` and `year_stated` after `year`, once."""
    out: list[str] = []
    for column in columns:
        if column not in out:
            out.append(column)
        extra = CHANGE_COLUMNS.get(column)
        if extra is not None and extra not in columns and extra not in out:
            out.append(extra)
    return out
