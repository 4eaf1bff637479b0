"""Choosing and laying out quantity records for a reader: the CSV columns, the kind filter."""

from __future__ import annotations

from ...models import Quantity

QUANTITY_COLUMNS = (
    "id",
    "kind",
    "indicator",
    "scope",
    "comparator",
    "value",
    "value_max",
    "unit",
    "year",
    "period",
    "from_value",
    "from_year",
    "binding",
    "value_text",
    "node_id",
    "line",
    "quote",
)


def select_quantities(quantities: list[Quantity], *, kind: str | None = None) -> list[Quantity]:
    """The records of one kind (target, baseline, standard), or all of them, in plan order."""
    return [q for q in quantities if kind is None or q.kind == kind]
