"""`parse`: plans into validated JSON and YAML files (dataset.write.write_plans)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .app import fail_if, friendly


class OutFormat(StrEnum):
    json = "json"
    yaml = "yaml"
    all = "all"


@friendly
def parse(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            readable=False, help="Plan files: text or HTML (any encoding), PDF, Word .docx."
        ),
    ],
    out: Annotated[
        str, typer.Option("-o", "--out", help="Output directory, or - for JSON on stdout.")
    ] = "data/structured",
    fmt: Annotated[OutFormat, typer.Option("--format", help="json, yaml or all.")] = OutFormat.all,
) -> None:
    """Parse plans into validated JSON and YAML (<stem>.json, <stem>.yaml).

    With -o - the JSON goes to stdout: one pretty document for one plan, one document per line
    (JSON Lines) for several.

    Example: plan-parser parse data/raw/anyang-2022-13.txt -o data/structured
    """
    from ..dataset.write import write_plans

    def report(line: str) -> None:
        sys.stderr.write(line + "\n")

    fail_if(write_plans(inputs, out, fmt.value, stdout=sys.stdout, report=report))
