"""`parse`: plans into validated JSON and YAML files (dataset.write.write_plans).

`plan-parser parse PLAN... [-o DIR|-] [--format F]` usually starts without typer (`entry.py`
reads that form and calls `run_parse` itself); any other form comes here."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .entry import DEFAULT_OUT, run_parse
from .typer_app import fail_if, friendly


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
    ] = DEFAULT_OUT,
    fmt: Annotated[OutFormat, typer.Option("--format", help="json, yaml or all.")] = OutFormat.all,
) -> None:
    """Parse plans into validated JSON and YAML (<stem>.json, <stem>.yaml).

    With -o - the JSON goes to stdout: one pretty document for one plan, one document per line
    (JSON Lines) for several.

    Example: plan-parser parse data/raw/anyang-2022-13.txt -o data/structured
    """
    fail_if(run_parse(inputs, out, fmt.value))
