"""Reliability, family 2: outputs and atomicity (attack report, outputs table; defects 1, 4, 11,
13, 20). No input overwritten, no mixed pair, a manifest that always agrees with the files (after
a crash at any write, a kill -9 or a full disk), one build at a time per folder, modes that follow
the umask."""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import BASE_ENV, ROOT, anyang_text, run_cli, small_plan_text

RESOURCE_FSIZE = 1  # resource.RLIMIT_FSIZE


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree(directory: Path) -> dict[str, str]:
    """sha256 of every file directly in `directory` (hidden ones too)."""
    return {p.name: sha(p) for p in sorted(directory.iterdir()) if p.is_file()}


def assert_manifest_agrees(
    out: Path, allowed_unlisted: tuple[str, ...] = (), complete: tuple[dict[str, str], ...] = ()
) -> None:
    """What a reader of OUT may trust at any moment: every file the manifest lists is there with
    its sha256, and every plan output in OUT is listed (no unlisted or mixed output).

    `complete`: trees of whole builds. A file unlisted only because a build was stopped between
    renaming its files into place and writing the full manifest (a window of a few renames) is
    accepted if it is byte for byte one of those builds' files: never torn, never mixed."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {o["path"]: o["sha256"] for e in manifest["plans"] for o in e["outputs"]}
    for name, digest in listed.items():
        assert (out / name).is_file(), f"{name}: listed but missing"
        assert sha(out / name) == digest, f"{name}: listed with another sha256"
    present = {
        p.name
        for p in out.iterdir()
        if p.is_file() and p.suffix in (".json", ".yaml") and p.name != "manifest.json"
    }
    present -= set(allowed_unlisted)
    present = {n for n in present if not any(t.get(n) == sha(out / n) for t in complete)}
    assert present <= set(listed), f"unlisted outputs: {sorted(present - set(listed))}"
    leftovers = [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    assert not leftovers, f"temporary files left in OUT: {leftovers}"


def raw_dir(path: Path, texts: dict[str, str]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def variants(n: int, text: str, tag: str) -> dict[str, str]:
    """n different small plans: the same plan with a changed title line each."""
    return {f"plan{i}.txt": text.replace("\n", f"({tag}{i})\n", 1) for i in range(n)}


# --- an output path that is an input (defect 1) --------------------------------------------------


def test_parse_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    src = tmp_path / "s"
    src.mkdir()
    (src / "plan.json").write_text(small_plan_text(), encoding="utf-8")
    before = sha(src / "plan.json")
    res = run_cli(["parse", src / "plan.json", "-o", src])
    assert res.rc == 1
    assert "input" in res.one_error_line()
    assert sha(src / "plan.json") == before


def test_parse_refuses_an_output_as_its_own_input(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(small_plan_text(), encoding="utf-8")
    assert run_cli(["parse", tmp_path / "x.txt", "-o", tmp_path / "o"]).rc == 0
    before = tree(tmp_path / "o")
    res = run_cli(["parse", tmp_path / "o" / "x.json", "-o", tmp_path / "o"])
    assert res.rc == 1
    assert tree(tmp_path / "o") == before


def test_export_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    (tmp_path / "quantities.csv").write_text(small_plan_text(), encoding="utf-8")
    before = sha(tmp_path / "quantities.csv")
    res = run_cli(["export", tmp_path / "quantities.csv", "-o", tmp_path])
    assert res.rc == 1
    assert sha(tmp_path / "quantities.csv") == before


def test_input_via_symlink_or_dotdot_is_still_the_input(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "plan.json").write_text(small_plan_text(), encoding="utf-8")
    (tmp_path / "link.json").symlink_to(d / "plan.json")
    before = sha(d / "plan.json")
    res = run_cli(["parse", tmp_path / "link.json", "-o", d / ".." / "d"])
    assert res.rc in (0, 1)
    assert sha(d / "plan.json") == before


# --- stems never collide with manifest.json (defect 4) --------------------------------------------


def test_plan_named_manifest_does_not_lose_its_output(tmp_path: Path) -> None:
    raw = raw_dir(tmp_path / "r", {"manifest.txt": small_plan_text(), "ok.txt": small_plan_text()})
    res = run_cli(["build", raw, tmp_path / "o"])
    assert res.rc == 1
    assert "manifest" in res.err
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tool"] == "plan-parser"
    assert [f["input"] for f in manifest["failures"]] == ["manifest.txt"]
    assert_manifest_agrees(tmp_path / "o")


# --- modes follow the umask (defect 13) ----------------------------------------------------------


def test_rewritten_output_keeps_a_private_mode(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(small_plan_text(), encoding="utf-8")
    assert run_cli(["parse", tmp_path / "x.txt", "-o", tmp_path / "o"]).rc == 0
    (tmp_path / "o" / "x.json").chmod(0o600)
    res = run_cli(
        ["parse", tmp_path / "x.txt", "-o", tmp_path / "o"],
        prefix=["sh", "-c", 'umask 077; exec "$@"', "sh"],
    )
    assert res.rc == 0, res.err
    assert stat.S_IMODE((tmp_path / "o" / "x.json").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "o" / "x.yaml").stat().st_mode) == 0o600


def test_new_output_follows_the_umask(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(small_plan_text(), encoding="utf-8")
    res = run_cli(
        ["parse", tmp_path / "x.txt", "-o", tmp_path / "o"],
        prefix=["sh", "-c", 'umask 027; exec "$@"', "sh"],
    )
    assert res.rc == 0, res.err
    assert stat.S_IMODE((tmp_path / "o" / "x.json").stat().st_mode) == 0o640


# --- a crafted manifest (defect 20) --------------------------------------------------------------


@pytest.mark.parametrize("bad", ["..", ".", "/tmp/victim-of-plan-parser", "../victim", "notes.txt"])
def test_crafted_manifest_is_validated_before_use(tmp_path: Path, bad: str) -> None:
    raw = raw_dir(tmp_path / "r", {"a.txt": small_plan_text(), "gone.txt": small_plan_text()})
    out = tmp_path / "o"
    assert run_cli(["build", raw, out]).rc == 0
    (raw / "gone.txt").unlink()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "victim").write_text("keep", encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    gone = next(e for e in manifest["plans"] if e["input"] == "gone.txt")
    gone["outputs"][0]["path"] = bad
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    for force in ([], ["--force"]):
        res = run_cli(["build", raw, out, *force])
        assert res.rc == 0, res.err
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "victim").read_text(encoding="utf-8") == "keep"
    # the corrupted entry's other file is not deleted on the word of a manifest we do not trust
    assert_manifest_agrees(out, allowed_unlisted=("gone.json", "gone.yaml"))


# --- one build per folder (defect 11, concurrent builds) ------------------------------------------


def test_two_builds_into_one_folder_leave_nothing_unlisted(tmp_path: Path) -> None:
    raw_a = raw_dir(tmp_path / "ra", variants(6, anyang_text()[:20000], "甲"))
    raw_b = raw_dir(
        tmp_path / "rb", {f"b{k}": v for k, v in variants(6, anyang_text()[:20000], "乙").items()}
    )
    out = tmp_path / "o"
    env = {**BASE_ENV, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "plan_parser", "build", str(raw), str(out)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for raw in (raw_a, raw_b)
    ]
    results = [(p.wait(timeout=60), p.stderr.read().decode()) for p in procs if p.stderr]
    assert any(rc == 0 for rc, _ in results)
    for rc, err in results:
        assert rc == 0 or "another" in err, err
    assert_manifest_agrees(out)


# --- a crash at any write: the manifest still agrees (defect 11) ----------------------------------


class _Crash(BaseException):
    """A crash at a chosen file operation: nothing after it runs (like kill -9, but in-process)."""


def _build_module() -> Any:
    for name in ("plan_parser.dataset.build", "plan_parser.build"):
        with contextlib.suppress(ImportError):
            return importlib.import_module(name)
    raise ImportError("no build module")


@contextlib.contextmanager
def crash_at(n: int) -> Iterator[list[str]]:
    """Raise _Crash at the n-th os.replace / os.rename / os.unlink / os.link (0-based)."""
    calls: list[str] = []
    originals = {name: getattr(os, name) for name in ("replace", "rename", "unlink", "link")}

    def wrap(name: str) -> Any:
        def op(*args: Any, **kwargs: Any) -> Any:
            if len(calls) == n:
                raise _Crash(f"{name} #{n}")
            calls.append(name)
            return originals[name](*args, **kwargs)

        return op

    for name in originals:
        setattr(os, name, wrap(name))
    try:
        yield calls
    finally:
        for name, fn in originals.items():
            setattr(os, name, fn)


def test_crash_at_every_file_operation_keeps_the_manifest_true(tmp_path: Path) -> None:
    build = _build_module().build
    text = small_plan_text()
    old = raw_dir(tmp_path / "old", {**variants(3, text, "旧"), "gone.txt": text})
    new = raw_dir(tmp_path / "new", {**variants(3, text, "新"), "added.txt": text + "\n新增"})
    base = tmp_path / "base"
    build(old, base)
    fresh = tmp_path / "fresh"
    build(new, fresh)
    n = 0
    while True:
        out = tmp_path / f"o{n}"
        shutil.copytree(base, out)
        with crash_at(n) as calls:
            try:
                build(new, out)
                crashed = False
            except _Crash:
                crashed = True
        assert_manifest_agrees(out, complete=(tree(base), tree(fresh)))
        build(new, out)  # the next build repairs everything
        visible = {k: v for k, v in tree(out).items() if not k.startswith(".")}
        assert visible == tree(fresh), f"crash at operation {n} ({calls[-1:]})"
        if not crashed:
            break
        n += 1
    assert n >= 4


def test_kill_9_loop_over_build(tmp_path: Path) -> None:
    """kill -9 at random moments of a build over an older one: the manifest agrees with the files
    every time, and the next build gives what a fresh build gives."""
    rng = random.Random(16)
    text = anyang_text()[:30000]
    old = raw_dir(tmp_path / "old", variants(6, text, "旧"))
    new = raw_dir(tmp_path / "new", variants(6, text, "新"))
    base, fresh = tmp_path / "base", tmp_path / "fresh"
    assert run_cli(["build", old, base]).rc == 0
    start = time.monotonic()
    assert run_cli(["build", new, fresh]).rc == 0
    full = time.monotonic() - start
    env = {**BASE_ENV, "PYTHONPATH": str(ROOT)}
    for trial in range(8):
        out = tmp_path / f"o{trial}"
        shutil.copytree(base, out)
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "plan_parser",
                "build",
                str(new),
                str(out),
                "--jobs",
                str(1 + trial % 2),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.4, full))
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert_manifest_agrees(out, complete=(tree(base), tree(fresh)))
    last = tmp_path / "o7"
    assert run_cli(["build", new, last]).rc == 0
    assert {k: v for k, v in tree(last).items() if not k.startswith(".")} == tree(fresh)


# --- full disk (defect 11) -----------------------------------------------------------------------


@contextlib.contextmanager
def tmpfs(path: Path, size_kib: int) -> Iterator[Path]:
    path.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a small tmpfs needs root and mount")
    res = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(path)], capture_output=True
    )
    if res.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {res.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_full_disk_between_json_and_yaml_keeps_the_old_pair(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text(small_plan_text(), encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text(anyang_text(), encoding="utf-8")
    for side in "ab":
        assert run_cli(["parse", tmp_path / side / "x.txt", "-o", tmp_path / side]).rc == 0
    old = sum((tmp_path / "a" / f"x.{s}").stat().st_size for s in ("json", "yaml"))
    new_json = (tmp_path / "b" / "x.json").stat().st_size
    new_yaml = (tmp_path / "b" / "x.yaml").stat().st_size
    size = (old + new_json + new_yaml // 2) // 1024 + 16
    with tmpfs(tmp_path / "fs", size) as fs:
        for s in ("json", "yaml"):
            shutil.copy(tmp_path / "a" / f"x.{s}", fs / f"x.{s}")
        before = tree(fs)
        res = run_cli(["parse", tmp_path / "b" / "x.txt", "-o", fs])
        assert res.rc == 1
        assert "space" in res.one_error_line().lower()
        assert tree(fs) == before, "the pair is mixed: one file new, the other old"


def test_full_disk_part_way_through_build(tmp_path: Path) -> None:
    text = anyang_text()[:40000]
    old = raw_dir(tmp_path / "old", variants(8, small_plan_text(), "旧"))
    new = raw_dir(tmp_path / "new", variants(8, text, "新"))
    with tmpfs(tmp_path / "fs", 1200) as fs:
        assert run_cli(["build", old, fs / "o"]).rc == 0
        res = run_cli(["build", new, fs / "o"])
        assert res.rc == 1
        assert_manifest_agrees(fs / "o")


def test_ulimit_f_leaves_no_temporary_file(tmp_path: Path) -> None:
    import resource

    (tmp_path / "x.txt").write_text(anyang_text(), encoding="utf-8")
    (tmp_path / "o").mkdir()
    res = run_cli(
        ["parse", tmp_path / "x.txt", "-o", tmp_path / "o"],
        extra_limits=[(resource.RLIMIT_FSIZE, 100 * 1024)],
    )
    assert res.rc == 1
    res.one_error_line()
    assert list((tmp_path / "o").iterdir()) == []


def test_stdout_on_a_full_disk_is_exit_1(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(small_plan_text(), encoding="utf-8")
    with open("/dev/full", "wb") as full:
        res = run_cli(["parse", tmp_path / "x.txt", "-o", "-"], stdout=full.fileno())
    assert res.rc == 1
    line = res.one_error_line()
    assert "internal error" not in line and "space" in line.lower()
