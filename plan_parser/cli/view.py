"""`view`: a plan's review page, one self-contained HTML file (view.render_plan)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .typer_app import PlanInput, friendly, load, write_page


@friendly
def view(
    input: PlanInput,
    out: Annotated[
        str | None,
        typer.Option("-o", "--out", help="HTML file to write (default: <stem>.html), or -."),
    ] = None,
    text_file: Annotated[
        Path | None,
        typer.Option(
            "--text",
            metavar="FILE",
            help="The plan's text, for a JSON/YAML input whose source file is elsewhere.",
        ),
    ] = None,
) -> None:
    """Write a review page: the plan's text with every extracted fact highlighted in place, a
    legend that filters by kind, the outline, search, and every field of a clicked fact.

    One self-contained HTML file (no network); open it in any browser.

    Example: plan-parser view data/raw/anyang-2022-13.txt -o anyang.html
    """
    from ..serialize.files import output_stem, write_atomic
    from ..view import render_plan
    from ..view.files import plan_text

    plan = load(input)
    page = render_plan(plan, plan_text(input, plan, text_file))
    if out == "-":
        write_page(page)
        return
    target = Path(out) if out else Path(f"{output_stem(plan.source.path)}.html")
    write_atomic(target, page)
    sys.stderr.write(
        f"wrote {target} ({len(page.encode('utf-8')) // 1024} KB, {len(plan.quantities)} "
        f"quantities, {len(plan.projects)} projects)\n"
    )
