"""`plan-parser build --engine dask`: the dataset build on a Dask cluster, from and to any store.

The same map, reduce and sink as the local build (`dataset.build`), spread over a cluster:

- list (driver): the plans directly in SRC, by suffix, sorted; output-name clashes refused; the
  previous manifest in DST says which plans may be reused.
- map (workers, one task per plan): read the plan from SRC; if the previous manifest proves it
  unchanged (same input sha256, outputs in DST with their recorded sha256) reuse its entry, else
  `build_record` it and write its JSON and YAML to DST. The task returns the manifest entry or
  the failure only (about half a kilobyte), never the outputs. A task that is run again (its
  worker died, or it was retried) writes the same bytes under the same names: nothing is doubled.
- reduce (driver): `make_manifest` of the entries and failures, sorted by input, so the order
  tasks finish in does not matter; the outputs of plans gone or failing are removed, temporary
  files of writes a killed worker left are swept, and the manifest is written last.

The result is byte for byte the local build's. Progress comes from the engine: each task's
completion as the scheduler reports it (`distributed.as_completed`).

Dask is imported only here, and only when a build on it is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, PlanParserError
from ..models.manifest import Failure, Manifest, PlanEntry
from ..read.decode import MAX_BYTES
from .build import (
    BuildReport,
    Inputs,
    Outcome,
    build_record,
    claim_stems,
    dumps_manifest,
    inputs_of,
    jsonl_line,
    make_manifest,
    parse_manifest,
    reusable_entries,
    sha256_hex,
)
from .staging import MANIFEST_NAME, stale_outputs
from .storage import Store, open_store, temp_files_of

if TYPE_CHECKING:
    from distributed import Client

TASK_RETRIES = 2  # a task that raises (a storage hiccup) is run again this many times
DASK_MISSING = "--engine dask needs Dask: pip install 'plan-parser[dask]'"


# --- the map: one task per plan, on a worker ----------------------------------------------------


@dataclass(frozen=True)
class StoreTask:
    src: Store
    dst: Store
    name: str
    previous: PlanEntry | None = None  # set when the previous build may be reused


def read_plan(store: Store, name: str) -> bytes:
    """The bytes of one input; InputError (the reason, without the path) when it cannot be
    read. The same reasons as the local build's `read_input`."""
    try:
        size = store.size(name)
        if size > MAX_BYTES:
            raise InputError(f"{size} bytes is larger than the {MAX_BYTES} byte limit")
        return store.read_bytes(name)
    except (IsADirectoryError, NotADirectoryError):
        raise InputError("not a regular file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except FileNotFoundError:
        raise InputError("not a regular file") from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})") from None


def outputs_intact_in(store: Store, entry: PlanEntry) -> bool:
    """True if every output the entry records is in the store with the recorded sha256."""
    for out in entry.outputs:
        try:
            if sha256_hex(store.read_bytes(out.path)) != out.sha256:
                return False
        except (OSError, PlanParserError):
            return False
    return True


def run_store_task(task: StoreTask) -> Outcome:
    """Read one plan; reuse its previous build if nothing changed, else build it and write its
    files. Returns the outcome without the files' contents."""
    try:
        data = read_plan(task.src, task.name)
    except InputError as exc:
        failure = Failure(input=task.name, input_sha256=None, reason=str(exc))
        return Outcome(task.name, "failed", failure=failure)
    prev = task.previous
    if (
        prev is not None
        and prev.input_sha256 == sha256_hex(data)
        and outputs_intact_in(task.dst, prev)
    ):
        return Outcome(task.name, "unchanged", entry=prev)
    record = build_record(task.name, data)
    if record.failure is not None:
        return Outcome(task.name, "failed", failure=record.failure)
    for path, content in record.files:
        task.dst.write(path, content)
    return Outcome(task.name, "built", entry=record.entry)


# --- the driver ---------------------------------------------------------------------------------


def find_plans(src: Store) -> Inputs:
    """The plan files directly in SRC, as the local build finds them in a directory."""
    if not src.exists():
        raise InputError(f"{src}: no such directory")
    if not src.is_dir():
        raise InputError(f"{src}: not a directory (pass the directory that holds the plans)")
    return inputs_of(((e.name, e.is_file) for e in src.entries()), str(src))


def load_previous(dst: Store) -> Manifest | None:
    try:
        data = dst.read_bytes(MANIFEST_NAME)
    except (OSError, PlanParserError):
        return None
    return parse_manifest(data)


def needs_threads(*stores: Store, scheduler: str | None = None) -> bool:
    """True when a store lives in this process (memory://): its workers must be threads here.
    InputError if a separate scheduler was asked for all the same."""
    if not any(store.in_process for store in stores):
        return False
    if scheduler is not None:
        raise InputError(
            "memory:// lives in this process: a separate scheduler's workers cannot see it "
            "(drop --scheduler to run on worker threads here)"
        )
    return True


def client_mapper(client: Client) -> Callable[[Callable[[Any], Any], Sequence[Any]], list[Any]]:
    """`map` on the cluster, for `parquet.write_tables`: results in the order of the items."""

    def run(fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        if not items:
            return []
        futures = client.map(fn, items, pure=False, retries=TASK_RETRIES)
        return list(client.gather(futures))

    return run


@contextmanager
def dask_client(
    scheduler: str | None, *, workers: int | None = None, threads: bool = False
) -> Iterator[Client]:
    """A client of the scheduler at ADDRESS, or of a local cluster started for this build: one
    single-threaded worker process per core (parsing holds the GIL), or worker threads in this
    process when `threads` (what a memory:// store needs)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise PlanParserError(DASK_MISSING) from None
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as exc:
            raise InputError(f"--scheduler {scheduler}: cannot connect ({exc})") from None
        with client:
            yield client
        return
    options: dict[str, Any] = {"dashboard_address": ":0"}  # any free port, no clash
    if threads:
        options.update(processes=False, n_workers=1, threads_per_worker=workers)
    else:
        options.update(processes=True, n_workers=workers, threads_per_worker=1)
    with LocalCluster(**options) as cluster, Client(cluster) as client:
        yield client


def build_on_dask(
    src: str | Store,
    dst: str | Store,
    *,
    client: Client | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    force: bool = False,
    on_start: Callable[[Inputs], None] | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_message: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build every plan in SRC into DST on a Dask cluster and write DST/manifest.json.

    SRC and DST are local paths or fsspec URLs (or stores). The cluster is `client`'s, else the
    scheduler at `scheduler`, else a local cluster of `workers` processes (one per core by
    default; threads in this process when SRC or DST is memory://). Workers of a remote cluster
    must see SRC and DST: object storage, or a shared filesystem.

    `on_outcome` is called once per plan as its task finishes (the order tasks finish in); the
    report's outcomes are in input order. The outputs and the manifest are the local build's.
    """
    src_store = src if isinstance(src, Store) else open_store(src)
    dst_store = dst if isinstance(dst, Store) else open_store(dst)
    in_process = needs_threads(src_store, dst_store, scheduler=None if client else scheduler)
    inputs = find_plans(src_store)
    dst_store.make_dir()
    if on_start is not None:
        on_start(inputs)
    previous = load_previous(dst_store)
    reuse = {} if force else reusable_entries(previous)
    clashes = claim_stems(inputs.plans)
    tasks = [
        StoreTask(src_store, dst_store, name, reuse.get(name))
        for name in inputs.plans
        if name not in clashes
    ]
    by_name: dict[str, Outcome] = {}

    def emit(outcome: Outcome) -> None:
        by_name[outcome.name] = replace(outcome, files=())
        if on_outcome is not None:
            on_outcome(outcome)

    for name, why in clashes.items():
        emit(Outcome(name, "failed", failure=Failure(input=name, input_sha256=None, reason=why)))

    if tasks:
        if client is not None:
            run_on(client, tasks, emit, on_message)
        else:
            with dask_client(scheduler, workers=workers, threads=in_process) as own:
                run_on(own, tasks, emit, on_message)

    outcomes = [by_name[name] for name in inputs.plans]
    manifest = make_manifest(
        (o.entry for o in outcomes if o.entry is not None),
        (o.failure for o in outcomes if o.failure is not None),
    )
    removed = [name for name in stale_outputs(previous, manifest) if dst_store.remove(name)]
    written = {o.path for e in manifest.plans for o in e.outputs} | {MANIFEST_NAME}
    for leftover in temp_files_of(dst_store, written):
        dst_store.remove(leftover)
    dst_store.write(MANIFEST_NAME, dumps_manifest(manifest))
    return BuildReport(manifest, outcomes, removed)


def run_on(
    client: Client,
    tasks: list[StoreTask],
    emit: Callable[[Outcome], None],
    on_message: Callable[[str], None] | None = None,
) -> None:
    """Map the tasks over the cluster, one task per plan, and emit each outcome as the scheduler
    reports its task done. A task that still fails after its retries, or whose workers kept
    dying (distributed's `allowed-failures`), is that plan's failure: the batch goes on."""
    from distributed import as_completed

    if on_message is not None:
        info = client.scheduler_info()
        n = len(info.get("workers", {}))
        on_message(f"dask: {len(tasks)} tasks on {n} workers, scheduler {info.get('address')}")
    futures = client.map(run_store_task, tasks, pure=False, retries=TASK_RETRIES)
    name_of = {f.key: t.name for f, t in zip(futures, tasks, strict=True)}
    for future in as_completed(futures):
        name = name_of[future.key]
        try:
            outcome: Outcome = future.result()
        except Exception as exc:  # the task's own error, or KilledWorker
            reason = f"task failed on the cluster ({type(exc).__name__}: {exc})"
            reason = reason.strip().splitlines()[0]
            outcome = Outcome(
                name, "failed", failure=Failure(input=name, input_sha256=None, reason=reason)
            )
        emit(outcome)
        future.release()


# --- for the command ----------------------------------------------------------------------------


def jsonl_line_in(dst: Store, outcome: Outcome) -> str:
    """`build --jsonl`'s line for an outcome whose JSON a worker wrote to DST."""
    json_file = outcome.json_file
    if json_file is not None and not outcome.files:
        outcome = replace(outcome, files=((json_file, dst.read_bytes(json_file)),))
    return jsonl_line(outcome, Path("."))


def summary_lines(report: BuildReport, dst: Store) -> list[str]:
    """The local build's summary, with DST's files named as the store names them."""
    n = len(report.outcomes)
    removed = [f"removed {dst.path(name)} (its plan is gone or failed)" for name in report.removed]
    return [
        *removed,
        f"{n} plan{'' if n == 1 else 's'}: {len(report.names('built'))} built, "
        f"{len(report.names('unchanged'))} unchanged, {len(report.names('failed'))} failed; "
        f"manifest {dst.path(MANIFEST_NAME)}",
    ]
