"""The typer app: global options, exit codes and the `friendly` error mapping.

Commands live in their own modules (`parse.py`, `outline.py`, …) and are registered, in the
order `--help` lists them, by `cli/commands.py`. Nothing here imports the models or rich: `--help`
and `--version` stay cheap (tests/test_imports.py). The console entry point, the exit codes'
mapping and the typer-free start of `parse` are `entry.py`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from .. import __version__
from ..errors import PlanParserError
from . import usage
from .entry import EXIT_INPUT, err, exit_code

EXIT_CODES = """\b
Exit codes: 0 done; 1 bad input (or some plans of a batch failed); 2 wrong usage (unknown
option, missing argument); 70 internal error (a bug: rerun with PLAN_PARSER_DEBUG=1).
Data goes to stdout, messages and progress to stderr."""

usage.readable_placeholders()  # INPUTS..., not {inputs}
app = typer.Typer(
    name="plan-parser",
    help="Turn Chinese government plan documents (十四五规划) into validated, citable data.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])
MAX_BYTES = 200 * 1024 * 1024  # read.decode.MAX_BYTES, without importing the reader for --help


def friendly(fn: F) -> F:
    """Turn domain errors into one line on stderr; internal bugs into one line too
    (`entry.exit_code`, which the typer-free `parse` uses as well)."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            raise typer.Exit(exit_code(exc)) from None

    return wrapper  # type: ignore[return-value]


def fail_if(failed: bool | int) -> None:
    """Exit 1 when some part of the work failed (its errors are already on stderr)."""
    if failed:
        raise typer.Exit(EXIT_INPUT)


def load(input: Path, *, extract: bool = True) -> Any:
    """A plan file, or the JSON/YAML output of parse/build read as what it is (never as text)."""
    from ..dataset.export import load_plan

    return load_plan(input, extract=extract)


def csv_bom(bom: bool | None) -> bool:
    """A CSV on stdout carries a BOM when asked, or when stdout is a file (`> q.csv`, for
    Excel); a terminal or a pipe gets none, so csv.DictReader sees `id`, not `\ufeffid`."""
    if bom is not None:
        return bom
    import stat

    try:
        return stat.S_ISREG(os.fstat(sys.stdout.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (tests, wrappers)
        return False


def write_csv(text: str, bom: bool | None) -> None:
    text = text.removeprefix("\ufeff")
    sys.stdout.buffer.write((("\ufeff" if csv_bom(bom) else "") + text).encode("utf-8"))


def write_page(page: str) -> None:
    """An HTML page on stdout, as UTF-8 whatever the locale."""
    sys.stdout.buffer.write(page.encode("utf-8"))


BomOption = Annotated[
    bool | None,
    typer.Option(
        "--bom/--no-bom",
        help="CSV: start with a BOM for Excel (default: only when stdout is a file).",
        show_default=False,
    ),
]
PlanInput = Annotated[
    Path,
    typer.Argument(
        readable=False, help="A plan file, a JSON/YAML output of parse or build, or - (stdin)."
    ),
]


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"plan-parser {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    max_bytes: Annotated[
        int,
        typer.Option(
            "--max-bytes",
            metavar="N",
            help="Read at most N bytes of any input (files and pipes; default 200 MiB). "
            "Only regular files and pipes are read.",
        ),
    ] = MAX_BYTES,
) -> None:
    """Turn Chinese government plan documents (十四五规划) into validated, citable data."""
    from ..read.decode import set_max_bytes

    try:
        set_max_bytes(max_bytes)
    except PlanParserError as exc:
        err(str(exc))
        raise typer.Exit(2) from None
