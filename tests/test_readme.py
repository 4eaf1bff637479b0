"""The README shows what the tool does today: every generated block (`<!-- run: … -->`) is the
command's current output, and every `<!-- exec -->` Python block runs (the pandas merge among
them, which asserts that every quantity gets a section title)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_readme_blocks_are_current_and_run() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_examples_run_as_written() -> None:
    """Every other block: transcripts print what they show, sh/python/sql blocks run
    (scripts/readme_examples.py, in a sandbox; `<!-- not run: reason -->` is the only way out)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme_examples.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
