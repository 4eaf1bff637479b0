"""Command-line interface: a thin layer over the library.

Each command is a few lines that call one library function (`dataset.write.write_plans`,
`dataset.build.build`, `dataset.export.export`, `diff.diff_paths`, `view.render_plan`, …) and
format its result: rich trees and tables come from `render.py`, batch progress from
`progress.py`. The typer app, its global options, exit codes and the `friendly` error mapping are
`app.py`: a domain error becomes one `error: …` line on stderr and exit 1, a bug one line and exit
70; stdout carries data only.

The commands are registered below in the order `--help` lists them. Their modules import only
typer at start-up; the library, the models and rich are imported inside each command, so `--help`
and `--version` stay fast (tests/test_imports.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import build, diff, outline, parse, records, schema, view
from .app import app, main

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

__all__ = ["COMMANDS", "app", "main"]
