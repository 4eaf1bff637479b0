"""Dependencies point one way: read -> structure -> extract -> pipeline -> dataset, diff, cli, with
models, lang and serialize underneath. Checked on every import statement, deferred ones included."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from plan_parser.dataset.build import FORKSERVER_PRELOAD

PACKAGE = Path(__file__).resolve().parent.parent / "plan_parser"
STAGES = ("read", "structure", "extract", "diff", "dataset", "cli")
FORBIDDEN = {
    "models": {"read", "structure", "extract", "diff", "dataset", "cli", "pipeline", "lang"},
    "lang": {"read", "structure", "extract", "diff", "dataset", "cli", "pipeline", "serialize"},
    "serialize": {"read", "structure", "extract", "diff", "dataset", "cli", "pipeline", "lang"},
    "read": {"structure", "extract", "diff", "dataset", "cli", "pipeline"},
    "structure": {"extract", "diff", "dataset", "cli", "pipeline"},
    "extract": {"diff", "dataset", "cli", "pipeline"},
}


def imported(path: Path) -> set[str]:
    """Top-level plan_parser modules `path` imports (absolute or relative)."""
    depth = len(path.relative_to(PACKAGE).parts) - 1  # folders below plan_parser/
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0 and (node.module or "").startswith("plan_parser."):
                found.add(node.module.split(".")[1])  # type: ignore[union-attr]
            elif node.level == depth + 1 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == depth + 1:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("plan_"))
    return found


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_import_direction(folder: str) -> None:
    wrong = {
        f"{p.relative_to(PACKAGE)} imports {m}"
        for p in (PACKAGE / folder).rglob("*.py")
        for m in imported(p) & FORBIDDEN[folder]
    }
    assert not wrong, sorted(wrong)


@pytest.mark.parametrize("name", FORKSERVER_PRELOAD)
def test_forkserver_preload_names_import(name: str) -> None:
    # CPython skips a preload name it cannot import without a word: a stale one loses the preload
    importlib.import_module(name)
