"""Command-line interface: a thin layer over the library.

Each command is a few lines that call one library function (`dataset.write.write_plans`,
`dataset.build.build`, `dataset.export.export`, `diff.diff_paths`, `view.render_plan`, …) and
format its result: rich trees and tables come from `render.py`, batch progress from
`progress.py`. The typer app, its global options and the `friendly` error mapping are
`typer_app.py`; the commands are registered, in the order `--help` lists them, by `commands.py`.
A domain error becomes one `error: …` line on stderr and exit 1, a bug one line and exit 70;
stdout carries data only.

The console entry point `main` (`entry.py`) imports none of that: it runs the common
`parse PLAN... -o DIR|-` itself and hands every other command line to the typer app. `app` and
`COMMANDS` are loaded on first use. The command modules import only typer at start-up; the
library, the models and rich are imported inside each command, so `--help` and `--version` stay
fast (tests/test_imports.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .entry import main

if TYPE_CHECKING:
    from .commands import COMMANDS, app


def __getattr__(name: str) -> Any:
    if name not in ("app", "COMMANDS"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import commands

    value = getattr(commands, name)
    globals()[name] = value
    return value


__all__ = ["COMMANDS", "app", "main"]
