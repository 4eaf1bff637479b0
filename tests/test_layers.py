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
    "diff": {"dataset", "cli"},
    "dataset": {"cli"},
}
# Files may grow to about 400 lines; past MAX_LINES a file must be listed here with the reason.
# The allowlist only shrinks: a NEW big file fails the test, a listed one that got small too.
MAX_LINES = 450
BIG_FILES: dict[str, str] = {}


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


def test_files_stay_small() -> None:
    sizes = {
        p.relative_to(PACKAGE).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
        for p in PACKAGE.rglob("*.py")
    }
    too_big = sorted(
        f"{f}: {n} lines" for f, n in sizes.items() if n > MAX_LINES and f not in BIG_FILES
    )
    assert not too_big, f"split these files (or list them in BIG_FILES with a reason): {too_big}"
    stale = sorted(f for f in BIG_FILES if sizes.get(f, 0) <= MAX_LINES)
    assert not stale, f"no longer big or gone: remove from BIG_FILES: {stale}"


def test_ancestors_walk_the_id_path() -> None:
    from plan_parser.structure.analysis import analyse

    analysis = analyse(
        "某某市教育发展规划\n\n第一章 总体要求\n一、指导思想\n坚持立德树人。\n二、发展目标\n"
        "（一）学前教育\n到2025年，毛入园率达到93%。\n第二章 主要任务\n一、建设学校\n"
    )
    chain = analysis.ancestors("chp_1__sec_2__item_1")
    assert [n.id for n in chain] == ["chp_1", "chp_1__sec_2", "chp_1__sec_2__item_1"]
    assert [n.title for n in chain] == ["总体要求", "发展目标", "学前教育"]
    assert [n.id for n in analysis.ancestors("chp_2__sec_1")] == ["chp_2", "chp_2__sec_1"]
    assert analysis.ancestors(None) == [] and analysis.ancestors("") == []
    assert analysis.ancestors("chp_9__sec_1") == []
    for node_id, node in analysis.outline.node_index.items():
        assert analysis.ancestors(node_id)[-1] is node


@pytest.mark.parametrize("name", FORKSERVER_PRELOAD)
def test_forkserver_preload_names_import(name: str) -> None:
    # CPython skips a preload name it cannot import without a word: a stale one loses the preload
    importlib.import_module(name)
