"""Dataset regeneration: every plan in a raw directory -> JSON + YAML per plan + `manifest.json`.

The work is split the way a distributed engine would split it:

- map: `build_record(name, data)` is a pure function from one file's name and bytes to a
  `PlanRecord` (the output files' contents and the plan's manifest entry, or a failure). It reads
  nothing else and writes nothing, so it runs the same in a process pool, on a cluster or in a test.
- reduce: `make_manifest(entries, failures)` sorts by input name, so the manifest does not depend
  on the order records arrive in.
- sink: `build()` writes each record's files atomically into OUT_DIR, removes the files of plans
  that are gone or now fail, and writes the manifest last.

Everything written is a function of the input bytes, their names relative to RAW_DIR, and the
tool and schema versions: no timestamps, no absolute paths, no dependence on `jobs`.

Incremental builds: a plan is skipped when the previous manifest was made by the same tool and
schema version, records the same input sha256, and its output files are still there with the
sha256 it recorded. The version is the cache key: while changing the parser, pass `force=True`
(`make data` does).

The manifest's I/O (make, dump, load, parse, reusable entries) is in `manifest_io.py` and the
staged writes and stale outputs in `staging.py`; this module re-exports their names.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from ..errors import InputError, PlanParserError
from ..models.manifest import Counts, Failure, Manifest, OutputFile, PlanEntry
from ..read.decode import read_bytes
from ..serialize.files import ensure_writable_dir, output_stem
from ..serialize.json_yaml import data_json_bytes, dumps_yaml, model_data
from .manifest_io import MANIFEST_STEM as MANIFEST_STEM
from .manifest_io import dumps_manifest as dumps_manifest
from .manifest_io import load_manifest as load_manifest
from .manifest_io import make_manifest as make_manifest
from .manifest_io import parse_manifest as parse_manifest
from .manifest_io import reusable_entries as reusable_entries
from .staging import MANIFEST_NAME, BuildLock, Staging, stale_outputs
from .write import counts_text as counts_text
from .write import plan_files as plan_files

# .doc and .wps are taken so that build reports them (save as .docx) instead of skipping them
PLAN_SUFFIXES = (".txt", ".text", ".htm", ".html", ".pdf", ".docx", ".doc", ".wps")
IN_FLIGHT_PER_WORKER = 4
# imported once by the fork server; CPython skips a name it cannot import without a word, so
# tests/test_build.py checks that each of these imports
FORKSERVER_PRELOAD = ("plan_parser.dataset.build", "plan_parser.pipeline")
Status = Literal["built", "unchanged", "failed"]


# --- map: one file -> one record --------------------------------------------------------------


@dataclass(frozen=True)
class PlanRecord:
    """What one input builds into: output files (name, UTF-8 bytes) and its manifest entry; or
    a failure. Picklable, so it crosses process boundaries."""

    input: str
    files: tuple[tuple[str, bytes], ...] = ()
    entry: PlanEntry | None = None
    failure: Failure | None = None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_record(name: str, data: bytes) -> PlanRecord:
    """Parse one plan from its bytes. `name` is its path relative to the raw directory (it is
    recorded as `source.path`). Never raises for a bad plan: that is a failure record."""
    from ..pipeline import parse_bytes

    digest = sha256_hex(data)
    try:
        plan = parse_bytes(data, path=name)
    except PlanParserError as exc:
        return _failed(name, digest, _one_line(str(exc), name))
    except Exception as exc:  # a parser bug on one plan must not sink the batch
        if os.environ.get("PLAN_PARSER_DEBUG"):
            raise
        reason = (
            f"internal error ({type(exc).__name__}: {exc}); rerun `plan-parser parse` on it "
            "with PLAN_PARSER_DEBUG=1 for a traceback and report it"
        )
        return _failed(name, digest, _one_line(reason, name))
    # what plan_files writes, one thing at a time so the biggest are never all alive at once
    # (the plan's models, its JSON, the dump the YAML is written from, the YAML): see make bench
    stem, counts = output_stem(name), Counts.of(plan)
    dump = model_data(plan)  # a batch: pydantic-core's serializer, built once per process
    json_bytes = data_json_bytes(plan, dump)
    del plan
    yaml_text = dumps_yaml(dump)
    del dump
    yaml_bytes = yaml_text.encode("utf-8")
    del yaml_text
    files = ((f"{stem}.json", json_bytes), (f"{stem}.yaml", yaml_bytes))
    entry = PlanEntry(
        input=name,
        input_sha256=digest,
        outputs=[OutputFile(path=p, sha256=sha256_hex(c)) for p, c in files],
        counts=counts,
    )
    return PlanRecord(name, files, entry=entry)


def _failed(name: str, digest: str | None, reason: str) -> PlanRecord:
    return PlanRecord(name, failure=Failure(input=name, input_sha256=digest, reason=reason))


def _one_line(message: str, name: str) -> str:
    """The reason without the file name the domain error starts with, on one line."""
    line = message.strip().splitlines()[0] if message.strip() else "unknown error"
    return line.removeprefix(f"{name}: ")


# --- tasks: read, skip if unchanged, else map -------------------------------------------------


@dataclass(frozen=True)
class Task:
    raw_dir: str
    out_dir: str
    name: str
    previous: PlanEntry | None = None  # set when the previous build may be reused


@dataclass(frozen=True)
class Outcome:
    """One plan's result in a build, as reported to the caller in input order."""

    name: str
    status: Status
    entry: PlanEntry | None = None
    failure: Failure | None = None
    files: tuple[tuple[str, bytes], ...] = ()

    @property
    def json_file(self) -> str | None:
        if self.entry is None:
            return None
        return next((o.path for o in self.entry.outputs if o.path.endswith(".json")), None)


def read_input(path: Path) -> bytes:
    """The bytes of one input; InputError (reason without the path) when it cannot be read.
    Only regular files: a FIFO or a device among the plans is a failure, never a wait."""
    try:
        if not path.is_file():
            raise InputError("not a regular file")
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})") from None
    return read_bytes(path, name="")


def outputs_intact(out_dir: Path, entry: PlanEntry) -> bool:
    """True if every output file the entry records is there with the recorded sha256."""
    for out in entry.outputs:
        try:
            if sha256_hex((out_dir / out.path).read_bytes()) != out.sha256:
                return False
        except OSError:
            return False
    return True


def run_task(task: Task) -> Outcome:
    """Read one input; reuse the previous build of it if nothing changed, else build it."""
    try:
        data = read_input(Path(task.raw_dir) / task.name)
    except InputError as exc:
        reason = str(exc).removeprefix(": ")
        failure = Failure(input=task.name, input_sha256=None, reason=reason)
        return Outcome(task.name, "failed", failure=failure)
    prev = task.previous
    if (
        prev is not None
        and prev.input_sha256 == sha256_hex(data)
        and outputs_intact(Path(task.out_dir), prev)
    ):
        return Outcome(task.name, "unchanged", entry=prev)
    record = build_record(task.name, data)
    if record.failure is not None:
        return Outcome(task.name, "failed", failure=record.failure)
    return Outcome(task.name, "built", entry=record.entry, files=record.files)


# --- the batch --------------------------------------------------------------------------------


@dataclass
class BuildReport:
    manifest: Manifest
    outcomes: list[Outcome]
    removed: list[str]

    def names(self, status: Status) -> list[str]:
        return [o.name for o in self.outcomes if o.status == status]

    @property
    def ok(self) -> bool:
        return not self.manifest.failures

    def summary_lines(self, out_dir: Path) -> list[str]:
        n = len(self.outcomes)
        removed = [
            f"removed {out_dir / name} (its plan is gone or failed)" for name in self.removed
        ]
        return [
            *removed,
            f"{n} plan{'' if n == 1 else 's'}: {len(self.names('built'))} built, "
            f"{len(self.names('unchanged'))} unchanged, {len(self.names('failed'))} failed; "
            f"manifest {out_dir / MANIFEST_NAME}",
        ]


def describe(outcome: Outcome) -> str:
    """One line for a plan's outcome: `error: FILE: reason` for a failure."""
    if outcome.failure is not None:
        return f"error: {outcome.name}: {outcome.failure.reason}"
    assert outcome.entry is not None
    return f"{outcome.status} {outcome.name} ({counts_text(outcome.entry.counts)})"


@dataclass(frozen=True)
class Inputs:
    plans: list[str]  # file names in RAW_DIR that are plans, sorted
    ignored: list[str]  # other files, not plans by their suffix

    def ignored_note(self) -> str | None:
        if not self.ignored:
            return None
        shown = ", ".join(self.ignored[:5]) + (" …" if len(self.ignored) > 5 else "")
        return (
            f"note: ignored {len(self.ignored)} file(s) that are not plans by their suffix: {shown}"
        )


def find_inputs(raw_dir: Path, *, recursive: bool = False) -> Inputs:
    """The plan files directly in RAW_DIR (by suffix), sorted by name; hidden files skipped.
    `recursive`: in its subdirectories too, named by their path below RAW_DIR (`henan/x.txt`);
    outputs stay flat (`x.json`), so two plans with one stem are a clash, reported as such."""
    if not raw_dir.exists():
        raise InputError(f"{raw_dir}: no such directory")
    if not raw_dir.is_dir():
        raise InputError(f"{raw_dir}: not a directory (pass the directory that holds the plans)")
    found = raw_dir.rglob("*") if recursive else raw_dir.iterdir()
    listing = ((p.relative_to(raw_dir).as_posix(), p.is_file()) for p in found)
    return inputs_of(listing, str(raw_dir), recursive=recursive)


def inputs_of(
    listing: Iterable[tuple[str, bool]], where: str, *, recursive: bool = False
) -> Inputs:
    """Plans and ignored files among a directory's (name relative to it, is a file) entries,
    sorted by name; hidden files and folders skipped. InputError if there is no plan (`where`
    names the directory)."""
    plans: list[str] = []
    ignored: list[str] = []
    for name, is_file in sorted(listing):
        if any(part.startswith(".") for part in name.split("/")):
            continue
        if Path(name).suffix.lower() in PLAN_SUFFIXES and (is_file or not recursive):
            plans.append(name)
        elif is_file:
            ignored.append(name)
    if not plans:
        raise InputError(f"{where}: no plan files ({', '.join(PLAN_SUFFIXES)}) in it")
    return Inputs(plans, ignored)


def claim_stems(names: list[str]) -> dict[str, str]:
    """Inputs whose output name is taken by an earlier input (in name order), with the reason."""
    owner: dict[str, str] = {}
    clashes: dict[str, str] = {}
    for name in names:
        stem = output_stem(name)
        if stem == MANIFEST_STEM:
            clashes[name] = f"would write {MANIFEST_NAME}, the build's manifest; rename the plan"
        elif stem in owner:
            clashes[name] = f"would write {stem}.json, as {owner[stem]} does; rename one of the two"
        else:
            owner[stem] = name
    return clashes


def run_tasks(tasks: list[Task], jobs: int) -> Iterator[Outcome]:
    """Outcomes in task order; `jobs` > 1 runs them in that many worker processes. At most a few
    tasks per worker are in flight, so finished outcomes waiting for a slow one stay few."""
    if jobs <= 1 or len(tasks) <= 1:
        yield from map(run_task, tasks)
        return
    workers = min(jobs, len(tasks))
    with ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context()) as pool:
        window: deque[Future[Outcome]] = deque()
        for task in tasks:
            window.append(pool.submit(run_task, task))
            if len(window) >= IN_FLIGHT_PER_WORKER * workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def _mp_context() -> multiprocessing.context.BaseContext:
    """Fresh worker processes (no state forked from the caller, which may run a progress
    thread); the fork server imports the parser once and forks each worker from it."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(list(FORKSERVER_PRELOAD))
        return ctx
    return multiprocessing.get_context("spawn")


def default_jobs(jobs: int) -> int:
    """`jobs` as asked; 0 means one per CPU core."""
    if jobs < 0:
        raise InputError(f"--jobs {jobs}: must be 0 (one per core) or more")
    return jobs or os.cpu_count() or 1


def build(
    raw_dir: Path,
    out_dir: Path,
    *,
    jobs: int = 1,
    force: bool = False,
    recursive: bool = False,
    on_start: Callable[[Inputs], None] | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> BuildReport:
    """Build every plan in RAW_DIR into OUT_DIR and write OUT_DIR/manifest.json.

    Bad plans do not stop the batch: they are failures in the manifest and the report, and their
    old outputs are removed. `on_start` is called with the inputs found; `on_outcome` once per
    plan, in input order, after that plan's files are written. Raises InputError or OutputError
    only for a bad RAW_DIR or OUT_DIR.

    With `jobs` > 1 the workers are fresh processes (fork server, or spawn where there is none),
    which import the caller's main module: call this from a script under
    `if __name__ == "__main__":`, as with any multiprocessing.
    """
    inputs = find_inputs(raw_dir, recursive=recursive)
    ensure_writable_dir(out_dir)
    with BuildLock(out_dir), Staging(out_dir) as staging:
        if on_start is not None:
            on_start(inputs)
        manifest_path = out_dir / MANIFEST_NAME
        previous = load_manifest(manifest_path) if manifest_path.exists() else None
        reuse = {} if force else reusable_entries(previous)
        clashes = claim_stems(inputs.plans)

        tasks = [
            Task(str(raw_dir), str(out_dir), name, reuse.get(name))
            for name in inputs.plans
            if name not in clashes
        ]
        by_name: dict[str, Outcome] = {
            name: Outcome(
                name, "failed", failure=Failure(input=name, input_sha256=None, reason=why)
            )
            for name, why in clashes.items()
        }
        outcomes: list[Outcome] = []

        def emit(outcome: Outcome) -> None:
            staging.add(outcome.files)
            if on_outcome is not None:
                on_outcome(outcome)
            outcomes.append(replace(outcome, files=()))  # the contents are staged now

        # in input order: clashes sit among the tasks, whose outcomes arrive in task order
        results = run_tasks(tasks, jobs)
        for name in inputs.plans:
            emit(by_name[name] if name in by_name else next(results))

        manifest = make_manifest(
            (o.entry for o in outcomes if o.entry is not None),
            (o.failure for o in outcomes if o.failure is not None),
        )
        kept = make_manifest(
            (o.entry for o in outcomes if o.status == "unchanged" and o.entry is not None), []
        )
        removed = staging.commit(
            dumps_manifest(manifest),
            dumps_manifest(kept),
            stale_outputs(previous, manifest),
            changed=previous is None,
        )
    return BuildReport(manifest, outcomes, removed)


def jsonl_line(outcome: Outcome, out_dir: Path) -> str:
    """One line for `--jsonl`: {"input", "plan"} for a plan written, {"input", "error"} for a
    failure. The same plan content whether it was built now or unchanged."""
    if outcome.failure is not None:
        obj: dict[str, object] = {"input": outcome.name, "error": outcome.failure.reason}
    else:
        json_file = outcome.json_file
        content = dict(outcome.files).get(json_file or "")
        if content is None and json_file is not None:
            content = (out_dir / json_file).read_bytes()
        obj = {"input": outcome.name, "plan": json.loads(content or b"null")}
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"
