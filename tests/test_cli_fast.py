"""`plan-parser parse PLAN... -o DIR|-` starts without typer (cli/entry.py): it reads the same
command lines as typer, writes the same bytes, messages and exit codes, and hands every other
command line to typer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from plan_parser.cli.entry import DEFAULT_OUT, ParseArgs, fast_outline, fast_parse

from .conftest import ANYANG, ROOT

P = str(ANYANG)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["parse", P], ParseArgs([ANYANG], DEFAULT_OUT, "all")),
        (["parse", P, "-o", "-"], ParseArgs([ANYANG], "-", "all")),
        (["parse", "-o", "out", P, "b.txt"], ParseArgs([ANYANG, Path("b.txt")], "out", "all")),
        (["parse", P, "-oout", "--format", "json"], ParseArgs([ANYANG], "out", "json")),
        (["parse", P, "-o-"], ParseArgs([ANYANG], "-", "all")),
        (["parse", P, "--out=x", "--format=yaml"], ParseArgs([ANYANG], "x", "yaml")),
        (["parse", P, "-o", "a", "--out", "b"], ParseArgs([ANYANG], "b", "all")),  # last wins
        (["parse", "-"], ParseArgs([Path("-")], DEFAULT_OUT, "all")),  # stdin
    ],
)
def test_the_common_forms_are_read_without_typer(args: list[str], expected: ParseArgs) -> None:
    assert fast_parse(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["parse"],
        ["parse", "-o", "out"],  # no plan: typer's usage error
        ["parse", P, "-h"],
        ["parse", P, "--help"],
        ["parse", P, "-o"],  # a missing value
        ["parse", P, "--format", "xml"],
        ["parse", P, "--format"],
        ["parse", P, "--verbose"],
        ["parse", "--", P],
        ["parse", P, "-o", "--format"],  # typer takes the option as the value
        ["parse", P, ""],
        ["--max-bytes", "10", "parse", P],
        ["--version"],
        ["outline", P],
        ["build", "raw", "out"],
    ],
)
def test_everything_else_goes_to_typer(args: list[str]) -> None:
    assert fast_parse(args) is None


# the same command line through the console entry point and through typer's app
FAST = "from plan_parser.cli import main; main()"
TYPER = (
    "import sys; from plan_parser.cli.entry import utf8_streams; utf8_streams(); "
    "from plan_parser.cli import app; app(sys.argv[1:], prog_name='plan-parser')"
)


def run(code: str, args: list[str], cwd: Path) -> tuple[int, bytes, str]:
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, cwd=cwd)
    return proc.returncode, proc.stdout, proc.stderr.decode("utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["parse", P, "-o", "-"],
        ["parse", P, "-o", "-", "--format", "yaml"],
        ["parse", P, P.replace(".txt", ".json"), "-o", "-"],  # one missing of two: exit 1
        ["parse", "missing.txt", "-o", "-"],
        ["parse", P, "-o", "OUT"],
        ["parse", P, "-o", "OUT", "--format", "json"],
        ["parse", P, "-o", "/dev/null/sub"],  # cannot create the directory
    ],
)
def test_fast_path_matches_typer(args: list[str], tmp_path: Path) -> None:
    results = []
    for code, where in ((FAST, tmp_path / "fast"), (TYPER, tmp_path / "typer")):
        where.mkdir()
        results.append(
            (*run(code, args, where), sorted(str(p.relative_to(where)) for p in where.rglob("*")))
        )
    assert results[0] == results[1]
    if "OUT" in args:
        for name in results[0][3]:
            fast, typer = tmp_path / "fast" / name, tmp_path / "typer" / name
            assert fast.is_dir() or fast.read_bytes() == typer.read_bytes()


def test_fast_path_never_imports_typer(tmp_path: Path) -> None:
    code = (
        "import sys; from plan_parser.cli import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print(code, 'typer' in sys.modules, 'plan_parser.dataset.build' in sys.modules, "
        "file=sys.stderr)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "parse", P, "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.stderr.splitlines()[-1] == "0 False False", proc.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["outline", P], ANYANG),
        (["outline", "-"], Path("-")),
        (["outline"], None),
        (["outline", P, "b.txt"], None),
        (["outline", "--help"], None),
        (["outline", "--", P], None),
        (["outline", ""], None),
        (["parse", P], None),
    ],
)
def test_outline_of_one_plan_is_read_without_typer(args: list[str], expected: Path | None) -> None:
    assert fast_outline(args) == expected


@pytest.mark.parametrize("plan", [P, "missing.txt"])
def test_outline_without_typer_is_the_typer_command(plan: str) -> None:
    """`outline PLAN` (no typer) and `outline -- PLAN` (typer): same output, same exit code."""
    runs = [
        subprocess.run(
            [sys.executable, "-m", "plan_parser", "outline", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        for args in ([plan], ["--", plan])
    ]
    fast, typer_run = runs
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        typer_run.returncode,
        typer_run.stdout,
        typer_run.stderr,
    )
    assert fast.returncode == (0 if plan == P else 1)


# what the process's garbage collector looks like when the command ends: on, and holding the
# frozen imports for a fast command only
GC_PROBE = (
    "import atexit, gc, sys\n"
    "atexit.register(lambda: sys.stderr.write(f'gc {gc.isenabled()} {gc.get_freeze_count()}\\n'))\n"
    "from plan_parser.cli import main\n"
    "main()\n"
)


@pytest.mark.parametrize(
    ("args", "frozen"),
    [
        (["parse", P, "-o", "-", "--format", "json"], True),
        (["outline", P], True),
        (["--version"], False),  # typer's path: the collector untouched
    ],
)
def test_fast_commands_freeze_their_imports_and_keep_the_collector_on(
    args: list[str], frozen: bool, tmp_path: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", GC_PROBE, *args], cwd=tmp_path, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    enabled, count = done.stderr.decode().strip().splitlines()[-1].split()[1:]
    assert enabled == "True"
    assert (int(count) > 10_000) is frozen


def test_the_library_leaves_the_collector_alone() -> None:
    probe = (
        "import gc; from plan_parser import parse_file\n"
        f"parse_file({P!r})\n"
        "print(gc.isenabled(), gc.get_freeze_count())\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=120)
    assert done.stdout.decode().split() == ["True", "0"], done.stderr
