"""The typer app with every command registered, in the order `--help` lists them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import build, diff, outline, parse, records, schema, view
from .typer_app import app

# (name, command): name None is the function's name
COMMANDS: list[tuple[str | None, Callable[..., Any]]] = [
    (None, parse.parse),
    (None, outline.outline),
    (None, records.quantities),
    (None, schema.validate),
    (None, schema.schema),
    (None, schema.text),
    ("build", build.build_command),
    ("export", build.export_command),
    (None, diff.diff),
    (None, records.projects),
    (None, view.view),
]
for _name, _command in COMMANDS:
    app.command(_name)(_command)

__all__ = ["COMMANDS", "app"]
