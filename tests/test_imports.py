"""Start-up cost stays where it is needed: checked by what a fresh process imported, not by time
(`make bench` measures the time)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ANYANG, ROOT

STRUCTURED_ANYANG = ROOT / "data" / "structured" / "anyang-2022-13.json"

# run a CLI command in a fresh interpreter, then report which of the watched modules it loaded
PROBE = """
import contextlib, io, json, sys
from plan_parser.cli import app
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        app(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
print(json.dumps({"code": code, "loaded": sorted(m for m in %r if m in sys.modules)}))
"""
# the same through the console entry point (`plan-parser`, `python -m plan_parser`), which runs
# `parse PLAN... -o DIR|-` without typer (cli/entry.py)
ENTRY_PROBE = PROBE.replace("from plan_parser.cli import app", "from plan_parser.cli import main")
ENTRY_PROBE = ENTRY_PROBE.replace("app(sys.argv[1:])", "main()")
ENGINES = ("dask", "distributed", "fsspec", "pyarrow")
BUILD_ONLY = ("plan_parser.dataset.build", "multiprocessing", "concurrent.futures")
WATCHED = (
    "jieba",
    "plan_parser.extract",
    "plan_parser.models",
    "rich",
    "html.parser",
    "typer",
    *BUILD_ONLY,
    *ENGINES,
)


def loaded_by(*args: str, probe: str = PROBE) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-c", probe % (WATCHED,), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    result = json.loads(proc.stdout)
    assert result["code"] in (0, None), proc.stdout
    return set(result["loaded"])


@pytest.mark.parametrize(
    "args",
    [
        ["outline", str(ANYANG)],
        ["validate", str(STRUCTURED_ANYANG)],
        ["text", str(ANYANG)],
        ["schema"],
    ],
    ids=lambda a: a[0],
)
def test_commands_without_segmentation_never_load_jieba(args: list[str]) -> None:
    assert "jieba" not in loaded_by(*args)


def test_outline_never_loads_the_extractors() -> None:
    # pipeline.extractors() imports them when called, not at module top
    assert "plan_parser.extract" not in loaded_by("outline", str(ANYANG))


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["parse", "--help"]])
def test_help_and_version_do_not_build_the_models(args: list[str]) -> None:
    assert not loaded_by(*args) & {"plan_parser.models", "rich", "jieba"}


def test_plain_text_parse_never_loads_the_html_parser(tmp_path: Path) -> None:
    # read.decode imports read.html (html.parser) only for input that looks like HTML
    loaded = loaded_by("parse", str(ANYANG), "-o", str(tmp_path))
    assert "html.parser" not in loaded and "plan_parser.extract" in loaded


@pytest.mark.parametrize("out", ["DIR", "-"])
def test_console_parse_loads_neither_typer_nor_the_build(out: str, tmp_path: Path) -> None:
    loaded = loaded_by(
        "parse", str(ANYANG), "-o", str(tmp_path) if out == "DIR" else out, probe=ENTRY_PROBE
    )
    assert not loaded & {"typer", "rich", "html.parser", *BUILD_ONLY}
    assert "plan_parser.extract" in loaded


@pytest.mark.parametrize(
    "args", [["--version"], ["parse", "--help"], ["outline", "--", str(ANYANG)], ["schema"]]
)
def test_console_hands_other_command_lines_to_typer(args: list[str]) -> None:
    assert "typer" in loaded_by(*args, probe=ENTRY_PROBE)


def test_console_outline_loads_neither_typer_nor_the_extractors() -> None:
    loaded = loaded_by("outline", str(ANYANG), probe=ENTRY_PROBE)
    assert not loaded & {"typer", "jieba", "plan_parser.extract"}
    assert "rich" in loaded


def test_segmenter_loads_jieba_without_pkg_resources() -> None:
    code = (
        "import sys; from plan_parser.lang.segment import cut; "
        "words = cut('新建改扩建中小学校舍'); print('pkg_resources' in sys.modules, words)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert proc.stdout.startswith("False ['新建', '改扩建'")


def test_local_build_never_loads_an_engine(tmp_path: Path) -> None:
    """Dask, fsspec and pyarrow are optional extras: the local build does without them."""
    loaded = loaded_by("build", str(ANYANG.parent), str(tmp_path / "out"))
    assert not loaded & set(ENGINES)
