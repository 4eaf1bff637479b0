"""`plan-parser build --engine dask`: on a real Dask cluster, the local build's bytes.

One `distributed.LocalCluster` of two single-threaded worker processes serves the module (it
takes a few seconds to start); memory:// is tested on worker threads in this process, the only
workers that see this process's memory store.
"""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_parser.cli import app
from plan_parser.dataset.build import MANIFEST_NAME, Outcome, build
from plan_parser.models.manifest import Manifest

from .conftest import ALL_PLANS, ANYANG
from .test_build import add_bad_plans, files_of

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")

from plan_parser.dataset.dask_build import build_on_dask  # noqa: E402

runner = CliRunner()


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            memory_limit="768MiB",
            dashboard_address=":0",
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """The real plans and two bad ones."""
    directory = tmp_path / "raw"
    directory.mkdir()
    for plan in ALL_PLANS:
        shutil.copy(plan, directory / plan.name)
    add_bad_plans(directory)
    return directory


def local_build(raw: Path, out: Path) -> dict[str, bytes]:
    build(raw, out)
    return files_of(out)


def test_cluster_build_is_the_local_build(
    client: distributed.Client, raw: Path, tmp_path: Path
) -> None:
    expected = local_build(raw, tmp_path / "local")
    out = tmp_path / "cluster"
    seen: list[str] = []
    report = build_on_dask(raw, out, client=client, on_outcome=lambda o: seen.append(o.name))
    assert files_of(out) == expected
    assert sorted(seen) == sorted(p.name for p in raw.iterdir())
    assert report.names("failed") == ["broken.txt", "empty.txt"]  # recorded, the batch went on
    manifest = Manifest.model_validate_json((out / MANIFEST_NAME).read_bytes())
    assert [f.input for f in manifest.failures] == ["broken.txt", "empty.txt"]
    assert len(manifest.plans) == len(ALL_PLANS)


def test_second_run_skips_everything_and_removes_what_is_gone(
    client: distributed.Client, raw: Path, tmp_path: Path
) -> None:
    out = tmp_path / "cluster"
    build_on_dask(raw, out, client=client)
    first = files_of(out)
    again = build_on_dask(raw, out, client=client)
    assert again.names("built") == []
    assert again.names("unchanged") == sorted(p.name for p in ALL_PLANS)
    assert files_of(out) == first
    # an edited plan is rebuilt, a removed one loses its outputs: as a fresh local build
    (raw / ANYANG.name).write_bytes(ANYANG.read_bytes() + "\n十、附则\n".encode())
    gone = next(p for p in ALL_PLANS if p != ANYANG)
    (raw / gone.name).unlink()
    third = build_on_dask(raw, out, client=client)
    assert third.names("built") == [ANYANG.name]
    assert third.removed == [f"{gone.stem}.json", f"{gone.stem}.yaml"]
    assert files_of(out) == local_build(raw, tmp_path / "fresh")


def test_cli_on_a_scheduler_with_file_urls_and_tables(
    client: distributed.Client, raw: Path, tmp_path: Path
) -> None:
    pytest.importorskip("pyarrow")
    local, tables = tmp_path / "local", tmp_path / "local-tables"
    result = runner.invoke(app, ["build", str(raw), str(local), "--parquet", str(tables)])
    assert result.exit_code == 1, result.output
    out, out_tables = tmp_path / "cluster", tmp_path / "cluster-tables"
    address = client.scheduler.address
    args = ["build", f"file://{raw}", f"file://{out}", "--engine", "dask", "--scheduler", address]
    result = runner.invoke(app, [*args, "--parquet", f"file://{out_tables}"])
    assert result.exit_code == 1, result.output  # the two bad plans
    assert "error: broken.txt: " in result.stderr
    assert f"manifest {out / MANIFEST_NAME}" in result.stderr
    assert files_of(out) == files_of(local)
    assert files_of(out_tables) == files_of(tables)


def test_killed_worker_loses_nothing_and_doubles_nothing(
    client: distributed.Client, tmp_path: Path
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(12):
        shutil.copy(ANYANG, raw / f"plan-{i:02d}.txt")
    expected = local_build(raw, tmp_path / "local")
    client.wait_for_workers(2)
    killed: list[set[str]] = []

    def kill_a_busy_worker(outcome: Outcome) -> None:
        if killed:
            return
        busy = {addr: keys for addr, keys in client.processing().items() if keys}
        if not busy:
            return
        addr, keys = next(iter(busy.items()))
        pid = client.run(os.getpid, workers=[addr])[addr]
        os.kill(pid, signal.SIGKILL)
        killed.append(set(keys))

    out = tmp_path / "cluster"
    outcomes: list[str] = []

    def on_outcome(outcome: Outcome) -> None:
        outcomes.append(outcome.name)
        kill_a_busy_worker(outcome)

    report = build_on_dask(raw, out, client=client, on_outcome=on_outcome)
    assert killed and killed[0]  # a worker died with tasks on it; they were run again
    assert report.ok
    assert sorted(outcomes) == sorted(p.name for p in raw.iterdir())  # each plan once
    assert files_of(out) == expected  # no plan lost, no stray temporary file
    client.wait_for_workers(2)  # the nanny restarts the worker


def test_memory_store_on_worker_threads(raw: Path, tmp_path: Path) -> None:
    expected = local_build(raw, tmp_path / "local")
    fs = fsspec.filesystem("memory")
    for p in raw.iterdir():
        fs.pipe_file(f"memory://pp-test/raw/{p.name}", p.read_bytes())
    try:
        report = build_on_dask("memory://pp-test/raw", "memory://pp-test/out", workers=2)
        assert report.names("failed") == ["broken.txt", "empty.txt"]
        got = {
            name.rsplit("/", 1)[1]: fs.cat_file(name) for name in fs.find("memory://pp-test/out")
        }
        assert got == expected
        again = build_on_dask("memory://pp-test/raw", "memory://pp-test/out", workers=2)
        assert again.names("built") == []
    finally:
        fs.rm("memory://pp-test", recursive=True)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["memory://x/raw", "memory://x/out", "--engine", "dask", "--scheduler", "tcp://a:1"],
            "error: memory:// lives in this process",
        ),
        (["s3://bucket/raw", "out"], "error: s3://bucket/raw: URLs need --engine dask"),
        (["raw", "out", "--scheduler", "tcp://a:1"], "error: --scheduler needs --engine dask\n"),
    ],
)
def test_misuse_is_one_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["build", *args])
    assert result.exit_code == 1
    assert result.stderr.startswith(message)


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_inputs_are_read_bounded_like_the_local_build(tmp_path: Path, kind: str) -> None:
    # a link to /dev/zero reports size 0 and never ends; a FIFO without a writer never starts:
    # each is one failure reason, at once, never a hang or an unbounded read
    from plan_parser.dataset.dask_build import read_plan
    from plan_parser.dataset.storage import LocalStore
    from plan_parser.errors import InputError

    if kind == "device":
        (tmp_path / "zero.txt").symlink_to("/dev/zero")
        name = "zero.txt"
    else:
        os.mkfifo(tmp_path / "pipe.txt")
        name = "pipe.txt"
    with pytest.raises(InputError) as err:
        read_plan(LocalStore(tmp_path), name)
    assert not str(err.value).startswith(name)
    assert ("device" in str(err.value)) if kind == "device" else ("pipe" in str(err.value))
