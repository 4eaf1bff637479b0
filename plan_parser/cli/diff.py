"""`diff`: plan A against plan B (diff.diff_paths), as a table, JSON, Markdown, CSV or HTML."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .typer_app import BomOption, friendly, write_csv, write_page


class DiffFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    html = "html"


@friendly
def diff(
    a: Annotated[
        Path,
        typer.Argument(
            readable=False,
            help="Plan A (e.g. a city's): a plan file, a JSON/YAML output or a sheet.",
        ),
    ],
    b: Annotated[
        Path, typer.Argument(readable=False, help="Plan B (e.g. its province's), any of the same.")
    ],
    fmt: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            help="table, json, markdown, csv (the indicator table) or html (a review page "
            "linking each pair to its lines in both texts).",
        ),
    ] = DiffFormat.table,
    only_differences: Annotated[
        bool,
        typer.Option(
            "--only-differences",
            help="Leave out what is the same: same-relation pairs, same-title headings, "
            "same-name programs.",
        ),
    ] = False,
    synonyms: Annotated[
        list[Path] | None,
        typer.Option(
            "--synonyms",
            readable=False,
            metavar="FILE",
            help="YAML synonym groups extending lexicon/synonyms.yaml (repeatable).",
        ),
    ] = None,
    bom: BomOption = None,
) -> None:
    """Compare plan A against plan B: shared indicators (same, stricter, looser), B's targets A
    does not take up, A's own targets, aligned chapters and sections, programs in both.

    Each input is a raw plan (parsed on the fly), a structured output, or a quantity sheet (YAML
    or CSV quantity records with a `document` header).

    \b
    Example: plan-parser diff data/raw/anyang-2022-13.txt \\
               tests/data/henan-2021-headline-targets.yaml --only-differences
    """
    from ..diff import diff_paths

    result = diff_paths(a, b, synonym_files=synonyms or [], differences_only=only_differences)
    if fmt == DiffFormat.json:
        from ..serialize.json_yaml import dumps_json, to_data

        sys.stdout.write(dumps_json(to_data(result)))
    elif fmt == DiffFormat.markdown:
        from ..diff.report import render_markdown

        sys.stdout.write(render_markdown(result))
    elif fmt == DiffFormat.csv:
        from ..diff.report import render_csv

        write_csv(render_csv(result), bom)
    elif fmt == DiffFormat.html:
        from ..view import render_diff
        from ..view.files import side_text

        write_page(render_diff(result, side_text(a, result.a.input), side_text(b, result.b.input)))
    else:
        from ..diff.report import print_report
        from .render import console

        print_report(result, console())
