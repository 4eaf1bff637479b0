"""`outline`: a plan's headings and boxes as a tree (render.outline_tree)."""

from __future__ import annotations

from .typer_app import PlanInput, friendly, load


@friendly
def outline(
    input: PlanInput,
) -> None:
    """Show a plan's outline as a tree with line numbers and boxes.

    Example: plan-parser outline data/raw/anyang-2022-13.txt
    """
    from .render import console, outline_tree, print_warnings

    plan = load(input, extract=False)
    console().print(outline_tree(plan, str(input)))
    print_warnings(plan)
