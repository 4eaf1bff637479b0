"""The typer app: global options, exit codes, the `friendly` error mapping and `main`.

Commands live in their own modules (`parse.py`, `outline.py`, …) and are registered, in the
order `--help` lists them, by `cli/__init__.py`. Nothing here imports the models or rich: `--help`
and `--version` stay cheap (tests/test_imports.py).
"""

from __future__ import annotations

import contextlib
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
EXIT_INPUT = 1
EXIT_INTERNAL = 70
MAX_BYTES = 200 * 1024 * 1024  # read.decode.MAX_BYTES, without importing the reader for --help


def err(message: str) -> None:
    """One `error: …` line on stderr."""
    sys.stderr.write(f"error: {message}\n")


def friendly(fn: F) -> F:
    """Turn domain errors into one line on stderr; internal bugs into one line too."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PlanParserError as exc:
            err(str(exc))
            raise typer.Exit(EXIT_INPUT) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            raise typer.Exit(0) from None
        except OSError as exc:  # the machine's, not ours: stdout on a full disk, an I/O error
            if os.environ.get("PLAN_PARSER_DEBUG"):
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            err(f"{where}cannot write or read ({exc.strerror or exc})")
            raise typer.Exit(EXIT_INPUT) from None
        except Exception as exc:
            if os.environ.get("PLAN_PARSER_DEBUG"):
                raise
            text = " ".join(str(exc).split())
            text = text if len(text) <= 300 else text[:300] + "…"
            err(
                f"internal error ({type(exc).__name__}: {text}); "
                "rerun with PLAN_PARSER_DEBUG=1 for a traceback and report it"
            )
            raise typer.Exit(EXIT_INTERNAL) from None

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


def main() -> None:
    from ..regex_cache import install

    install()  # compiled patterns from the user's cache directory (see regex_cache)
    utf8_mode()
    utf8_streams()
    try:
        app()
    finally:
        flush_stdout()


def flush_stdout() -> None:
    """Flush stdout now, so a full disk or a closed pipe is an `error:` line and exit 1 rather
    than Python's message at exit (status 120)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        os._exit(0)
    except OSError as exc:
        err(f"cannot write to stdout ({exc.strerror or exc})")
        sys.stderr.flush()
        os._exit(EXIT_INPUT)


def utf8_mode() -> None:
    """Run in Python's UTF-8 mode whatever the locale. Under LANG=POSIX with PYTHONUTF8=0,
    Python decodes file names and arguments as ASCII (surrogate escapes) and writes ASCII: the
    CLI then restarts itself once with `-X utf8`, before any work, so names, stdout and stderr
    are the same UTF-8 as in any other locale."""
    if sys.flags.utf8_mode or os.environ.get("PLAN_PARSER_UTF8_RESTART"):
        return
    if sys.getfilesystemencoding().lower().replace("_", "-") in ("utf-8", "utf8"):
        return
    argv = getattr(sys, "orig_argv", None)
    if not argv:
        return
    os.environ["PLAN_PARSER_UTF8_RESTART"] = "1"
    sys.stdout.flush()
    sys.stderr.flush()
    with contextlib.suppress(OSError):
        os.execv(sys.executable, [sys.executable, "-X", "utf8", *argv[1:]])


def utf8_streams() -> None:
    """stdout and stderr in UTF-8 whatever the locale (LANG=POSIX with UTF-8 mode off would give
    ASCII and a UnicodeEncodeError on the first Chinese character); an encoding asked for with
    PYTHONIOENCODING is kept."""
    if os.environ.get("PYTHONIOENCODING"):
        return
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding not in ("utf-8", "utf8") and hasattr(stream, "reconfigure"):
            # surrogateescape: a file name's undecodable bytes go out as the bytes they were
            stream.reconfigure(encoding="utf-8", errors="surrogateescape")
