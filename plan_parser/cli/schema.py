"""`validate`, `schema` and `text`: the output's schema, checked and printed; a plan's text."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .entry import err
from .typer_app import fail_if, friendly


@friendly
def validate(
    files: Annotated[
        list[Path], typer.Argument(readable=False, help="JSON or YAML outputs to check.")
    ],
) -> None:
    """Check JSON or YAML outputs against the plan schema; say what is wrong where.

    Example: plan-parser validate data/structured/anyang-2022-13.json
    """
    from ..models.schema import validation_errors
    from ..read.data import load_document

    bad = 0
    for f in files:
        errors = validation_errors(load_document(f))
        bad += bool(errors)
        for e in errors:
            sys.stderr.write(f"{f}: {e}\n")
        if not errors:
            typer.echo(f"{f}: valid")
    fail_if(bad)


@friendly
def schema(
    check: Annotated[
        bool, typer.Option("--check", help="Fail if the committed schema differs from the models.")
    ] = False,
    path: Annotated[Path, typer.Option(help="Committed schema file.")] = Path(
        "schemas/plan.schema.json"
    ),
    write: Annotated[bool, typer.Option("--write", help="Write the schema to PATH.")] = False,
) -> None:
    """Print the JSON Schema (2020-12) of the output, generated from the models.

    Example: plan-parser schema --check
    """
    from ..models.schema import schema_text
    from ..serialize.files import write_atomic

    text = schema_text()
    if check:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            err(f"{path} is stale: regenerate it with `plan-parser schema --write`")
        fail_if(current != text)
        typer.echo(f"{path}: up to date")
    elif write:
        write_atomic(path, text)
        sys.stderr.write(f"wrote {path}\n")
    else:
        sys.stdout.write(text)


@friendly
def text(
    input: Annotated[Path, typer.Argument(readable=False, help="A plan file.")],
) -> None:
    """Print the text that lines and spans refer to (HTML, PDF, Word: the extracted text).

    Example: plan-parser text page.html | sed -n 42p
    """
    from ..pipeline import read_text

    sys.stdout.write(read_text(input))
