"""`plan-parser build`: deterministic, parallel-safe, incremental, and robust to bad plans."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from plan_parser import __version__
from plan_parser.cli import app
from plan_parser.cli.progress import BatchProgress
from plan_parser.dataset.build import (
    MANIFEST_NAME,
    Manifest,
    build,
    build_record,
    dumps_manifest,
    make_manifest,
)
from plan_parser.models import SCHEMA_VERSION

from .conftest import ALL_PLANS, ROOT

runner = CliRunner()


def files_of(directory: Path) -> dict[str, bytes]:
    """Every file under `directory` (hidden ones too), by relative path."""
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """A raw directory with the real plans."""
    directory = tmp_path / "raw"
    directory.mkdir()
    for plan in ALL_PLANS:
        shutil.copy(plan, directory / plan.name)
    return directory


def add_bad_plans(raw: Path) -> None:
    (raw / "broken.txt").write_bytes(bytes(range(256)) * 8)  # binary, e.g. a PDF saved as .txt
    (raw / "empty.txt").write_bytes(b"")


# --- determinism --------------------------------------------------------------------------------


def test_two_builds_are_byte_identical(raw: Path, tmp_path: Path) -> None:
    build(raw, tmp_path / "a")
    build(raw, tmp_path / "b")
    a, b = files_of(tmp_path / "a"), files_of(tmp_path / "b")
    assert a == b
    assert sorted(a) == sorted(
        [f"{p.stem}.json" for p in ALL_PLANS]
        + [f"{p.stem}.yaml" for p in ALL_PLANS]
        + [MANIFEST_NAME]
    )


def test_parallel_build_equals_serial(raw: Path, tmp_path: Path) -> None:
    add_bad_plans(raw)
    serial = build(raw, tmp_path / "serial", jobs=1)
    parallel = build(raw, tmp_path / "parallel", jobs=2)
    assert files_of(tmp_path / "serial") == files_of(tmp_path / "parallel")
    assert [o.name for o in parallel.outcomes] == [o.name for o in serial.outcomes]


def test_output_does_not_depend_on_where_raw_is(raw: Path, tmp_path: Path) -> None:
    """Paths are recorded relative to RAW_DIR: an absolute and a relative RAW_DIR agree, and
    no absolute path is written anywhere."""
    build(raw, tmp_path / "abs")
    proc = subprocess.run(
        [sys.executable, "-m", "plan_parser", "build", "raw", "rel"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    written = files_of(tmp_path / "abs")
    assert written == files_of(tmp_path / "rel")
    for content in written.values():
        assert str(tmp_path).encode() not in content


def test_manifest_records_every_output(raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(raw, out)
    manifest = Manifest.model_validate_json((out / MANIFEST_NAME).read_bytes())
    assert manifest.tool_version == __version__
    assert manifest.schema_version == SCHEMA_VERSION
    assert [e.input for e in manifest.plans] == sorted(p.name for p in ALL_PLANS)
    for entry in manifest.plans:
        source = raw / entry.input
        assert entry.input_sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
        for output in entry.outputs:
            assert hashlib.sha256((out / output.path).read_bytes()).hexdigest() == output.sha256
        plan = json.loads((out / f"{source.stem}.json").read_text(encoding="utf-8"))
        assert plan["source"]["path"] == entry.input
        assert entry.counts.boxes == len(plan["boxes"])
        assert entry.counts.diagnostics == len(plan["diagnostics"])
    assert manifest.totals.outline_nodes == sum(e.counts.outline_nodes for e in manifest.plans)


def test_committed_manifest_matches_committed_data() -> None:
    structured = ROOT / "data" / "structured"
    schema = json.loads((ROOT / "schemas" / "manifest.schema.json").read_text(encoding="utf-8"))
    data = json.loads((structured / MANIFEST_NAME).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    manifest = Manifest.model_validate_json((structured / MANIFEST_NAME).read_bytes())
    recorded = {o.path: o.sha256 for e in manifest.plans for o in e.outputs}
    on_disk = {p.name for p in structured.iterdir() if p.name != MANIFEST_NAME}
    assert set(recorded) == on_disk
    for name, digest in recorded.items():
        assert hashlib.sha256((structured / name).read_bytes()).hexdigest() == digest


# --- bad plans ----------------------------------------------------------------------------------


def test_bad_plans_are_reported_and_the_rest_written(raw: Path, tmp_path: Path) -> None:
    add_bad_plans(raw)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(raw), str(out)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        "error: broken.txt: binary file (NUL bytes), not a text or HTML plan",
        "error: empty.txt: file is empty or only whitespace",
    ]
    assert "4 built, 0 unchanged, 2 failed" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    for plan in ALL_PLANS:
        assert (out / f"{plan.stem}.json").is_file()
    assert not (out / "broken.json").exists() and not (out / "empty.json").exists()
    manifest = Manifest.model_validate_json((out / MANIFEST_NAME).read_bytes())
    assert [(f.input, f.reason) for f in manifest.failures] == [
        ("broken.txt", "binary file (NUL bytes), not a text or HTML plan"),
        ("empty.txt", "file is empty or only whitespace"),
    ]
    assert manifest.failures[1].input_sha256 == hashlib.sha256(b"").hexdigest()


def test_unreadable_entry_is_a_failure_not_a_crash(raw: Path, tmp_path: Path) -> None:
    (raw / "folder.txt").mkdir()
    report = build(raw, tmp_path / "out")
    assert [(f.input, f.reason, f.input_sha256) for f in report.manifest.failures] == [
        ("folder.txt", "not a regular file", None)
    ]
    assert len(report.manifest.plans) == len(ALL_PLANS)


def test_two_inputs_for_one_output_name(raw: Path, tmp_path: Path) -> None:
    shutil.copy(raw / "anyang-2022-13.txt", raw / "anyang-2022-13.html")
    report = build(raw, tmp_path / "out")
    (failure,) = report.manifest.failures
    assert failure.input == "anyang-2022-13.txt"  # sorted: the .html came first and won
    assert "would write anyang-2022-13.json, as anyang-2022-13.html does" in failure.reason


def test_other_files_are_ignored_and_named(raw: Path, tmp_path: Path) -> None:
    (raw / "README.md").write_text("# notes", encoding="utf-8")
    (raw / ".hidden.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["build", str(raw), str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    assert "note: ignored 1 file(s) that are not plans by their suffix: README.md" in result.stderr


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "no such directory"),
        ("file", "not a directory"),
        ("empty", "no plan files"),
    ],
)
def test_bad_raw_dir_one_line(tmp_path: Path, setup: str, message: str) -> None:
    raw = tmp_path / "raw"
    if setup == "file":
        raw.write_text("x", encoding="utf-8")
    elif setup == "empty":
        raw.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "plan_parser", "build", str(raw), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: ") and message in proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and proc.stdout == ""
    assert not (tmp_path / "out" / MANIFEST_NAME).exists()


def test_output_dir_that_is_a_file(raw: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["build", str(raw), str(blocker / "out")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "cannot create output directory" in result.stderr


# --- incremental --------------------------------------------------------------------------------


def statuses(raw: Path, out: Path, *, force: bool = False) -> dict[str, str]:
    return {o.name: o.status for o in build(raw, out, force=force).outcomes}


def test_unchanged_inputs_are_skipped_and_force_rebuilds(raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert set(statuses(raw, out).values()) == {"built"}
    first = files_of(out)
    assert set(statuses(raw, out).values()) == {"unchanged"}
    assert files_of(out) == first
    assert set(statuses(raw, out, force=True).values()) == {"built"}
    assert files_of(out) == first


def test_changed_input_is_rebuilt(raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(raw, out)
    plan = raw / "henan-2021-edu-plan-opening.txt"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8")
    got = statuses(raw, out)
    assert got.pop(plan.name) == "built"
    assert set(got.values()) == {"unchanged"}
    build(raw, tmp_path / "fresh")
    assert files_of(out) == files_of(tmp_path / "fresh")


def test_edited_or_missing_output_is_rebuilt(raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(raw, out)
    first = files_of(out)
    (out / "anyang-2022-13.yaml").write_text("edited by hand\n", encoding="utf-8")
    (out / "shandong-2021-edu-plan.json").unlink()
    got = statuses(raw, out)
    assert got["anyang-2022-13.txt"] == "built"
    assert got["shandong-2021-edu-plan.txt"] == "built"
    assert got["national-2021-smart-manufacturing.txt"] == "unchanged"
    assert files_of(out) == first


def test_other_tool_version_rebuilds(raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(raw, out)
    manifest = (out / MANIFEST_NAME).read_text(encoding="utf-8")
    (out / MANIFEST_NAME).write_text(
        manifest.replace(f'"tool_version": "{__version__}"', '"tool_version": "0.0.0"'),
        encoding="utf-8",
    )
    assert set(statuses(raw, out).values()) == {"built"}
    assert (out / MANIFEST_NAME).read_text(encoding="utf-8") == manifest


def test_unreadable_manifest_means_a_full_build(raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(raw, out)
    (out / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    assert set(statuses(raw, out).values()) == {"built"}


def test_removed_or_broken_plan_loses_its_outputs(raw: Path, tmp_path: Path) -> None:
    """An incremental build leaves OUT_DIR as a fresh build would."""
    out = tmp_path / "out"
    (out / "notes.txt").parent.mkdir()
    (out / "notes.txt").write_text("not ours", encoding="utf-8")
    build(raw, out)
    (raw / "shandong-2021-edu-plan.txt").unlink()
    (raw / "national-2021-smart-manufacturing.txt").write_bytes(b"\x00\x01binary")
    report = build(raw, out)
    assert report.removed == [
        "national-2021-smart-manufacturing.json",
        "national-2021-smart-manufacturing.yaml",
        "shandong-2021-edu-plan.json",
        "shandong-2021-edu-plan.yaml",
    ]
    fresh = tmp_path / "fresh"
    build(raw, fresh)
    assert files_of(out) == {**files_of(fresh), "notes.txt": b"not ours"}


# --- jsonl and progress -------------------------------------------------------------------------


def test_jsonl_streams_one_object_per_plan(raw: Path, tmp_path: Path) -> None:
    add_bad_plans(raw)
    out = tmp_path / "out"
    build(raw, out, force=True)  # the stream is the same whether plans are built or unchanged
    for _ in range(2):
        result = runner.invoke(app, ["build", str(raw), str(out), "--jsonl"])
        assert result.exit_code == 1
        lines = [json.loads(line) for line in result.stdout.splitlines()]
        assert [obj["input"] for obj in lines] == sorted(
            [p.name for p in ALL_PLANS] + ["broken.txt", "empty.txt"]
        )
        for obj in lines:
            if obj["input"] in ("broken.txt", "empty.txt"):
                assert set(obj) == {"input", "error"}
            else:
                stem = Path(obj["input"]).stem
                on_disk = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
                assert obj["plan"] == on_disk


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_plain_lines_otherwise(
    capsys: pytest.CaptureFixture[str],
) -> None:
    tty = _Terminal()
    with BatchProgress("build", stream=tty) as progress:
        progress.start(2)
        progress.advance("a.txt", "built a.txt")
        sys.stdout.write('{"input": "a.txt"}\n')  # --jsonl data goes to stdout, bar or not
        progress.advance("b.txt", "error: b.txt: empty", error=True)
    assert "error: b.txt: empty" in tty.getvalue()
    assert capsys.readouterr().out == '{"input": "a.txt"}\n'
    plain = io.StringIO()
    with BatchProgress("build", stream=plain) as progress:
        progress.start(2)
        progress.advance("a.txt", "built a.txt")
        progress.advance("b.txt", "error: b.txt: empty", error=True)
    assert plain.getvalue() == "built a.txt\nerror: b.txt: empty\n"


# --- the map step as an engine would run it ---------------------------------------------------


def test_records_mapped_by_any_executor_make_the_same_dataset(raw: Path, tmp_path: Path) -> None:
    """What the README's distributed recipe does: map build_record over (name, bytes) pairs in
    any order on any executor, reduce with make_manifest, write the files."""
    add_bad_plans(raw)
    build(raw, tmp_path / "built")
    names = sorted((p.name for p in raw.iterdir()), reverse=True)  # arrival order is irrelevant
    with ThreadPoolExecutor(max_workers=2) as pool:
        records = list(pool.map(build_record, names, [(raw / n).read_bytes() for n in names]))
    sink = tmp_path / "sink"
    sink.mkdir()
    for record in records:
        for path, content in record.files:
            (sink / path).write_bytes(content)
    manifest = make_manifest(
        (r.entry for r in records if r.entry), (r.failure for r in records if r.failure)
    )
    (sink / MANIFEST_NAME).write_text(dumps_manifest(manifest), encoding="utf-8")
    assert files_of(sink) == files_of(tmp_path / "built")


def test_negative_jobs_is_refused(raw: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(raw), str(tmp_path / "out"), "--jobs", "-1"])
    assert result.exit_code == 1
    assert result.stderr == "error: --jobs -1: must be 0 (one per core) or more\n"
