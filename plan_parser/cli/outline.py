"""`outline`: a plan's headings and boxes as a tree (render.outline_tree)."""

from __future__ import annotations

from .entry import show_outline
from .typer_app import PlanInput, friendly


@friendly
def outline(
    input: PlanInput,
) -> None:
    """Show a plan's outline as a tree with line numbers and boxes.

    Example: plan-parser outline data/raw/anyang-2022-13.txt
    """
    show_outline(input)  # what `plan-parser outline PLAN` runs without typer (entry.py)
