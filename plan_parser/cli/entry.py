"""The console entry point (`plan-parser`, `python -m plan_parser`): `main`, without typer.

Most runs are `plan-parser parse PLAN... [-o DIR|-] [--format json|yaml|all]`, and importing
typer and building its command line (click, the options' pydantic `TypeAdapter`s) costs more
than a tenth of such a run. `main` reads exactly that form itself (`fast_parse`) and runs the
command's body (`run_parse`, which the typer command calls too) under the same error mapping
(`exit_code`, which `typer_app.friendly` uses); likewise `outline PLAN` (`fast_outline`,
`show_outline`), whose own work is a few milliseconds. Anything else — help, `--version`, global
options, another command, an unknown or missing option, a bad `--format`, `--`, shell
completion — goes to the typer app, so its messages and exit codes stay click's own.

Nothing here imports typer, pydantic or the library at module level.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

EXIT_INPUT = 1
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130  # typer's exit code for Ctrl-C
FORMATS = ("json", "yaml", "all")
DEFAULT_OUT = "data/structured"


def err(message: str) -> None:
    """One `error: …` line on stderr."""
    sys.stderr.write(f"error: {message}\n")


def exit_code(exc: Exception) -> int:
    """The exit code for an exception out of a command, after its one `error: …` line: 1 for a
    domain error or the machine's (a full disk, an I/O error), 0 for a closed stdout (`| head`),
    70 for a bug. Re-raises the machine's errors and bugs under PLAN_PARSER_DEBUG=1."""
    from ..errors import PlanParserError

    if isinstance(exc, PlanParserError):
        err(str(exc))
        return EXIT_INPUT
    if isinstance(exc, BrokenPipeError):
        return 0
    if os.environ.get("PLAN_PARSER_DEBUG"):
        raise exc
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        err(f"{where}cannot write or read ({exc.strerror or exc})")
        return EXIT_INPUT
    text = " ".join(str(exc).split())
    text = text if len(text) <= 300 else text[:300] + "…"
    err(
        f"internal error ({type(exc).__name__}: {text}); "
        "rerun with PLAN_PARSER_DEBUG=1 for a traceback and report it"
    )
    return EXIT_INTERNAL


def run_parse(inputs: Sequence[Path], out: str, fmt: str) -> int:
    """The body of `plan-parser parse`: how many plans failed (a single plan's error raises)."""
    from ..dataset.write import write_plans

    def report(line: str) -> None:
        sys.stderr.write(line + "\n")

    return write_plans(inputs, out, fmt, stdout=sys.stdout, report=report)  # type: ignore[arg-type]


class ParseArgs(NamedTuple):
    inputs: list[Path]
    out: str
    fmt: str


def fast_parse(args: Sequence[str]) -> ParseArgs | None:
    """`parse PLAN... [-o DIR] [--format F]` read as typer reads it (options anywhere among the
    plans, the last of a repeated option wins, `-oDIR`, `--out=DIR`, `--format=F`); None for
    anything else, which typer then reads, errors and help included."""
    if len(args) < 2 or args[0] != "parse":
        return None
    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None  # a shell completion request
    inputs: list[Path] = []
    out, fmt = DEFAULT_OUT, "all"
    rest = list(args[1:])
    while rest:
        arg = rest.pop(0)
        value: str | None
        if arg in ("-o", "--out", "--format"):
            if not rest:
                return None
            name, value = arg, rest.pop(0)
        elif arg.startswith(("--out=", "--format=")):
            name, _, value = arg.partition("=")
        elif arg.startswith("-o") and len(arg) > 2:
            name, value = "-o", arg[2:]
        elif arg == "-" or (arg and not arg.startswith("-")):
            inputs.append(Path(arg))
            continue
        else:  # --help, --, an unknown option, an empty argument
            return None
        if value.startswith("-") and value != "-":
            return None  # typer takes it as the value; that reading is typer's to explain
        if name == "--format":
            if value not in FORMATS:
                return None
            fmt = value
        else:
            out = value
    return ParseArgs(inputs, out, fmt) if inputs else None


def run_fast(parsed: ParseArgs) -> int:
    """`run_parse` with the typer command's error mapping and exit codes."""
    try:
        failed = run_parse(parsed.inputs, parsed.out, parsed.fmt)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as exc:
        return exit_code(exc)
    return EXIT_INPUT if failed else 0


def show_outline(input: Path) -> None:
    """The body of `plan-parser outline`: the plan's outline as a tree on stdout, its warnings
    on stderr."""
    from ..dataset.export import load_plan
    from .render import console, outline_tree, print_warnings

    plan = load_plan(input, extract=False)
    console().print(outline_tree(plan, str(input)))
    print_warnings(plan)


def fast_outline(args: Sequence[str]) -> Path | None:
    """`outline PLAN` (one plan, no option): the plan; None for anything else (typer's)."""
    if len(args) != 2 or args[0] != "outline":
        return None
    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None  # a shell completion request
    arg = args[1]
    return Path(arg) if arg == "-" or (arg and not arg.startswith("-")) else None


def run_guarded(body: Callable[[], object]) -> int:
    """`body()` with the typer commands' error mapping and exit codes."""
    try:
        body()
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as exc:
        return exit_code(exc)
    return 0


def main() -> None:
    from ..regex_cache import install

    install()  # compiled patterns from the user's cache directory (see regex_cache)
    utf8_mode()
    utf8_streams()
    try:
        parsed = fast_parse(sys.argv[1:])
        if parsed is not None:
            with imports_kept():
                from ..dataset.write import write_plans  # noqa: F401  (run_parse's)
                from ..pipeline import extractors

                extractors()  # the extractors' modules and lexicon models
            sys.exit(run_fast(parsed))
        outline = fast_outline(sys.argv[1:])
        if outline is not None:
            with imports_kept():
                from ..dataset.export import load_plan  # noqa: F401  (show_outline's)
                from .render import console  # noqa: F401
            sys.exit(run_guarded(lambda: show_outline(outline)))
        from . import app

        app()
    finally:
        flush_stdout()


@contextlib.contextmanager
def imports_kept() -> Iterator[None]:
    """The modules a fast command needs, imported with the cyclic garbage collector off, then
    frozen (`gc.freeze`): they live until the process ends, so no collection during the parse,
    nor the one at exit, walks their some 50,000 container objects again. About a tenth of a cold
    `plan-parser parse` (`make bench`). The collector is on again for the command's own work.
    The console process only (`main`): a library caller's collector is never touched."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


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
