"""Golden outputs: every byte the CLI writes, for every plan we can read, against committed files.

What is covered (all produced through the CLI, in-process):
- `parse` JSON and YAML of the bundled plan and of every plan in `../shared/corpus/`;
- `export` CSVs of the same plans (one export per plan);
- `diff` JSON, Markdown and CSV for two real pairs: the bundled Anyang plan against the Henan
  headline sheet, and the Qingdao AI plan against its province's (Shandong) AI plan;
- the three committed schemas (`plan-parser schema`, `scripts/schemas.py`).

Outputs of the bundled plan and the Henan sheet are committed whole under `tests/golden/`, so a
change shows as a readable diff. Outputs of the other corpus plans are text from documents that
must not be copied into the repository in any form, so only their sha256 (`corpus.sha256`) and a
table of counts per plan (`corpus-counts.tsv`: nodes, boxes, quantities by kind, projects,
diagnostics), which shows what moved, are committed.

Regenerate on purpose only: `make golden` (sets PLAN_PARSER_REGENERATE_GOLDEN=1), then review
`git diff tests/golden`. `test_regeneration_switch_is_off` fails whenever the switch is on, so a
run that rewrites the goldens can never pass as a whole.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_parser.cli import app

from .conftest import ANYANG, HENAN_SHEET, ROOT, SHARED_CORPUS, needs_corpus

GOLDEN = ROOT / "tests" / "golden"
REGENERATE = os.environ.get("PLAN_PARSER_REGENERATE_GOLDEN") == "1"
DIFF_FORMATS = {"json": "json", "markdown": "md", "csv": "csv"}
runner = CliRunner()


def corpus_plans() -> list[Path]:
    """Every plan text in ../shared/corpus except the bundled one (it is data/raw's copy)."""
    if not SHARED_CORPUS.is_dir():
        return []
    return sorted(p for p in SHARED_CORPUS.glob("*.txt") if p.name != ANYANG.name)


def _invoke(args: list[str]) -> bytes:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout_bytes


def _parse_outputs(plan: Path, tmp: Path) -> dict[str, bytes]:
    out = tmp / plan.stem
    _invoke(["parse", str(plan), "-o", str(out)])
    _invoke(["export", str(out / f"{plan.stem}.json"), "-o", str(out / "export")])
    files = {
        f"{plan.stem}.json": out / f"{plan.stem}.json",
        f"{plan.stem}.yaml": out / f"{plan.stem}.yaml",
    }
    for csv in sorted((out / "export").glob("*.csv")):
        files[f"{plan.stem}.export.{csv.name}"] = csv
    return {name: path.read_bytes() for name, path in files.items()}


def _diff_outputs(name: str, a: Path, b: Path) -> dict[str, bytes]:
    return {
        f"diff.{name}.{ext}": _invoke(["diff", str(a), str(b), "--format", fmt])
        for fmt, ext in DIFF_FORMATS.items()
    }


def _counts(doc: bytes) -> str:
    plan = json.loads(doc)
    kinds = [q["kind"] for q in plan["quantities"]]
    nodes: list[dict[str, object]] = []
    stack = list(plan["outline"])
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(node["children"])  # type: ignore[arg-type]
    fields = [
        len(nodes),
        len(plan["boxes"]),
        sum(len(b["entries"]) for b in plan["boxes"]),
        kinds.count("target"),
        kinds.count("baseline"),
        kinds.count("standard"),
        len(plan["projects"]),
        len(plan["diagnostics"]),
    ]
    return "\t".join(str(f) for f in fields)


COUNT_HEADER = "plan\tnodes\tboxes\tentries\ttargets\tbaselines\tstandards\tprojects\tdiagnostics"


@cache
def bundled_outputs(tmp: Path) -> dict[str, bytes]:
    """Whole files: the bundled plan, the Anyang x Henan diff, the schemas."""
    outputs = _parse_outputs(ANYANG, tmp)
    outputs.update(_diff_outputs("anyang-henan", ANYANG, HENAN_SHEET))
    for name in ("plan", "diff", "manifest"):
        outputs[f"{name}.schema.json"] = (ROOT / "schemas" / f"{name}.schema.json").read_bytes()
    outputs["plan.schema.json.cli"] = _invoke(["schema"])
    return outputs


@cache
def corpus_outputs(tmp: Path) -> dict[str, bytes]:
    """Corpus plans' outputs (committed as digests and counts only)."""
    outputs: dict[str, bytes] = {}
    counts = [COUNT_HEADER]
    for plan in corpus_plans():
        files = _parse_outputs(plan, tmp)
        outputs.update(files)
        counts.append(f"{plan.stem}\t{_counts(files[f'{plan.stem}.json'])}")
    qingdao = SHARED_CORPUS / "qingdao-2024-ai-action-plan.txt"
    shandong = SHARED_CORPUS / "shandong-2024-ai-scitech-action-plan.txt"
    if qingdao.exists() and shandong.exists():
        outputs.update(_diff_outputs("qingdao-shandong-ai", qingdao, shandong))
    outputs["corpus-counts.tsv"] = ("\n".join(counts) + "\n").encode()
    return outputs


def _digests(outputs: dict[str, bytes]) -> bytes:
    lines = [
        f"{hashlib.sha256(data).hexdigest()}  {name}"
        for name, data in sorted(outputs.items())
        if name != "corpus-counts.tsv"
    ]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("golden")


def _check(path: Path, data: bytes) -> None:
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run make golden"
    assert data == path.read_bytes(), f"{path.relative_to(ROOT)} differs: review, then make golden"


def test_bundled_outputs(tmp: Path) -> None:
    outputs = bundled_outputs(tmp)
    folder = GOLDEN / "bundled"
    if REGENERATE and folder.is_dir():
        for stale in folder.iterdir():
            if stale.name not in outputs:
                stale.unlink()
    for name, data in sorted(outputs.items()):
        _check(folder / name, data)
    assert sorted(p.name for p in folder.iterdir()) == sorted(outputs), (
        "tests/golden/bundled has files no output makes: run make golden"
    )


@needs_corpus
def test_corpus_counts(tmp: Path) -> None:
    _check(GOLDEN / "corpus-counts.tsv", corpus_outputs(tmp)["corpus-counts.tsv"])


@needs_corpus
def test_corpus_digests(tmp: Path) -> None:
    _check(GOLDEN / "corpus.sha256", _digests(corpus_outputs(tmp)))


def test_regeneration_switch_is_off() -> None:
    assert not REGENERATE, (
        "PLAN_PARSER_REGENERATE_GOLDEN=1 is set: goldens are rewritten, not checked"
    )
