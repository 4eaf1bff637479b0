"""Presentation for the terminal: which columns `plan-parser projects` shows, and its rows."""

from __future__ import annotations

from ..extract.projects import PROJECT_COLUMNS
from ..models import Project

TABLE_COLUMNS: dict[str | None, tuple[str, ...]] = {
    None: ("line", "kind", "name", "action", "facility", "district", "status", "id"),
    "construction": ("line", "name", "action", "facility", "district", "status", "id"),
    "program": ("line", "name", "status", "box", "id", "canonical_id"),
}


def project_rows(
    projects: list[Project], columns: tuple[str, ...] = PROJECT_COLUMNS
) -> list[list[str]]:
    """Records as rows of `columns`, empty cells for missing values."""
    rows = []
    for p in projects:
        data = p.model_dump()
        rows.append(["" if data[c] is None else str(data[c]) for c in columns])
    return rows
