"""`build` (dataset.build, or dataset.dask_build with --engine dask) and `export`
(dataset.export): many plans to files, with progress on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .typer_app import BomOption, csv_bom, fail_if, friendly

if TYPE_CHECKING:
    from ..dataset.build import Inputs, Outcome
    from .progress import BatchProgress


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    ndjson = "ndjson"
    parquet = "parquet"


@friendly
def build_command(
    raw_dir: Annotated[
        str,
        typer.Argument(
            help="Directory of raw plans (.txt, .html, .pdf, .docx); with --engine dask also a "
            "URL (s3://, gs://, memory://, file://)."
        ),
    ] = "data/raw",
    out_dir: Annotated[
        str,
        typer.Argument(help="Output directory (or URL): <stem>.json, <stem>.yaml, manifest.json."),
    ] = "data/structured",
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help="Worker processes (0: one per core). Local engine: 1 by default; dask: the "
            "local cluster's workers, one per core by default.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild plans whose input has not changed too.")
    ] = False,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Also stream one JSON object per plan to stdout.")
    ] = False,
    recursive: Annotated[
        bool,
        typer.Option(
            "--recursive", "-r", help="Plans in RAW_DIR's subdirectories too (outputs stay flat)."
        ),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress and no summary: errors only.")
    ] = False,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="local: this machine's processes. dask: a Dask cluster "
            "(pip install 'plan-parser[dask]').",
        ),
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Dask scheduler address (tcp://host:8786); without it a local cluster is started.",
        ),
    ] = None,
    parquet: Annotated[
        str | None,
        typer.Option(
            "--parquet",
            metavar="TABLES",
            help="Also write Parquet tables (plans, quantities, projects, outline, diagnostics) "
            "by province to this directory or URL (pip install 'plan-parser[parquet]').",
        ),
    ] = None,
) -> None:
    """Regenerate the dataset: every plan in RAW_DIR to JSON, YAML and a manifest in OUT_DIR.

    Unchanged inputs are skipped. A bad plan is reported and the others are still written; the
    exit code is then 1.

    Example: plan-parser build data/raw data/structured --jobs 2 --quiet

    Example: plan-parser build s3://plans/raw s3://plans/structured --engine dask --scheduler
    tcp://10.0.0.5:8786
    """
    from ..errors import InputError

    if engine is Engine.dask:
        if recursive:
            raise InputError("--recursive needs --engine local (the cluster build lists SRC flat)")
        _build_on_dask(raw_dir, out_dir, jobs, force, jsonl, scheduler, parquet, quiet)
    else:
        _build_locally(raw_dir, out_dir, jobs, force, jsonl, recursive, scheduler, parquet, quiet)


def _reporter(
    progress: BatchProgress, *, quiet: bool, jsonl: Callable[[Outcome], str] | None
) -> tuple[Callable[[Inputs], None], Callable[[Outcome], None]]:
    """The build's `on_start` and `on_outcome`: the bar (or a line a plan; errors even when
    quiet) on stderr, and with --jsonl a line a plan on stdout."""
    from ..dataset.build import describe

    def start(inputs: Inputs) -> None:
        if quiet:
            return
        progress.start(len(inputs.plans))
        if note := inputs.ignored_note():
            progress.message(note)

    def done(outcome: Outcome) -> None:
        failed = outcome.failure is not None
        if failed or not quiet:
            progress.advance(outcome.name, describe(outcome), error=failed)
        if jsonl is not None:
            sys.stdout.write(jsonl(outcome))
            sys.stdout.flush()

    return start, done


def _build_locally(
    raw_dir: str,
    out_dir: str,
    jobs: int | None,
    force: bool,
    jsonl: bool,
    recursive: bool,
    scheduler: str | None,
    parquet: str | None,
    quiet: bool,
) -> None:
    """`build --engine local`: a process pool on this machine, progress in input order."""
    from ..dataset.build import build, default_jobs, jsonl_line
    from ..dataset.storage import is_url
    from ..errors import InputError
    from .progress import BatchProgress

    if scheduler is not None:
        raise InputError("--scheduler needs --engine dask")
    for location in (raw_dir, out_dir, parquet):
        if location is not None and is_url(location):
            raise InputError(f"{location}: URLs need --engine dask (it starts a local cluster)")
    raw, out = Path(raw_dir), Path(out_dir)
    if parquet is not None:
        from ..dataset.parquet import require_pyarrow

        require_pyarrow()  # before the build, not after it

    with BatchProgress("build") as progress:
        line = (lambda outcome: jsonl_line(outcome, out)) if jsonl else None
        start, done = _reporter(progress, quiet=quiet, jsonl=line)
        report = build(
            raw,
            out,
            jobs=default_jobs(1 if jobs is None else jobs),
            force=force,
            recursive=recursive,
            on_start=start,
            on_outcome=done,
        )
        if not quiet:
            for summary in report.summary_lines(out):
                progress.message(summary)
        if parquet is not None:
            from ..dataset.parquet import write_tables
            from ..dataset.storage import open_store

            tables = open_store(parquet)
            done_tables = write_tables(open_store(out), report.manifest, tables)
            for summary in [] if quiet else done_tables.summary_lines(tables):
                progress.message(summary)
    fail_if(not report.ok)


def _build_on_dask(
    raw_dir: str,
    out_dir: str,
    jobs: int | None,
    force: bool,
    jsonl: bool,
    scheduler: str | None,
    parquet: str | None,
    quiet: bool,
) -> None:
    """`build --engine dask`: progress as the scheduler reports tasks done (in that order)."""
    from ..dataset.build import default_jobs
    from ..dataset.dask_build import (
        build_on_dask,
        client_mapper,
        dask_client,
        jsonl_line_in,
        needs_threads,
        summary_lines,
    )
    from ..dataset.storage import open_store
    from .progress import BatchProgress

    src, dst = open_store(raw_dir), open_store(out_dir)
    tables = None if parquet is None else open_store(parquet)
    if tables is not None:
        from ..dataset.parquet import require_pyarrow, write_tables

        require_pyarrow()  # before the build, not after it
    stores = [s for s in (src, dst, tables) if s is not None]
    threads = needs_threads(*stores, scheduler=scheduler)
    workers = None if jobs is None else default_jobs(jobs)
    with (
        BatchProgress("build") as progress,
        dask_client(scheduler, workers=workers, threads=threads) as client,
    ):
        line = (lambda outcome: jsonl_line_in(dst, outcome)) if jsonl else None
        start, done = _reporter(progress, quiet=quiet, jsonl=line)
        report = build_on_dask(
            src,
            dst,
            client=client,
            force=force,
            on_start=start,
            on_outcome=done,
            on_message=None if quiet else progress.message,
        )
        for summary in [] if quiet else summary_lines(report, dst):
            progress.message(summary)
        if tables is not None:
            done_tables = write_tables(dst, report.manifest, tables, mapper=client_mapper(client))
            for summary in [] if quiet else done_tables.summary_lines(tables):
                progress.message(summary)
    fail_if(not report.ok)


@friendly
def export_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            readable=False,
            help="Raw plans, the JSON/YAML that parse and build write, or - (stdin).",
        ),
    ],
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="csv, xlsx, ndjson (JSON Lines) or parquet."),
    ] = ExportFormat.csv,
    out: Annotated[
        str, typer.Option("-o", "--out", help="Output directory, or - for stdout.")
    ] = ".",
    table: Annotated[
        list[str] | None,
        typer.Option(
            "--table",
            "-t",
            metavar="NAME",
            help="Only this table (repeatable): plans, quantities, projects, outline, diagnostics.",
        ),
    ] = None,
    bom: BomOption = None,
) -> None:
    """Export plans, quantities, projects, outline and diagnostics as tables for Excel, pandas
    or DuckDB.

    Every row has doc_id and node_id; `plans` has one row per document (title, issuer, 发文字号,
    dates, jurisdiction, period) and `outline` a titled row for every heading, box and box entry,
    so every node_id joins to a title. Files: <table>.csv (UTF-8 with BOM for Excel),
    <table>.ndjson, <table>.parquet (typed; needs `pip install 'plan-parser[parquet]'`) or
    plans.xlsx (needs 'plan-parser[xlsx]'). With -o -: NDJSON of every table (each object has
    "table"), or one --table as CSV (no BOM unless --bom) or Parquet.

    \b
    Example: plan-parser export data/structured/*.json -o exports
             plan-parser export data/raw/anyang-2022-13.txt -t quantities -o - | head -3
    """
    from ..dataset.export import build_tables, dumps_stdout, export, load_documents, select_tables

    if out == "-":
        tables = select_tables(build_tables(load_documents(inputs)), table)
        sys.stdout.buffer.write(dumps_stdout(tables, fmt.value, bom=csv_bom(bom)))
        sys.stdout.flush()
        return
    tables, paths = export(inputs, Path(out), fmt.value, tables=table, bom=bom is not False)
    for path in paths:
        sys.stderr.write(f"wrote {path}\n")
    sys.stderr.write(f"rows: {', '.join(f'{len(t.rows)} {t.name}' for t in tables)}\n")
