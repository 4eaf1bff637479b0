"""Command-line interface: a thin layer over the library.

Each command calls one library function and formats its result. Domain errors become one
`error: …` line on stderr and a non-zero exit; stdout carries data only.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from .. import __version__
from ..errors import PlanParserError

EXIT_CODES = """\b
Exit codes: 0 done; 1 bad input (or some plans of a batch failed); 2 wrong usage (unknown
option, missing argument); 70 internal error (a bug: rerun with PLAN_PARSER_DEBUG=1).
Data goes to stdout, messages and progress to stderr."""

app = typer.Typer(
    name="plan-parser",
    help="Turn Chinese government plan documents (十四五规划) into validated, citable data.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])
EXIT_INPUT = 1
EXIT_INTERNAL = 70
MAX_BYTES = 200 * 1024 * 1024  # read.decode.MAX_BYTES, without importing the reader for --help


def _err(message: str) -> None:
    sys.stderr.write(f"error: {message}\n")


def friendly(fn: F) -> F:
    """Turn domain errors into one line on stderr; internal bugs into one line too."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PlanParserError as exc:
            _err(str(exc))
            raise typer.Exit(EXIT_INPUT) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            raise typer.Exit(0) from None
        except OSError as exc:  # the machine's, not ours: stdout on a full disk, an I/O error
            if os.environ.get("PLAN_PARSER_DEBUG"):
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            _err(f"{where}cannot write or read ({exc.strerror or exc})")
            raise typer.Exit(EXIT_INPUT) from None
        except Exception as exc:
            if os.environ.get("PLAN_PARSER_DEBUG"):
                raise
            text = " ".join(str(exc).split())
            text = text if len(text) <= 300 else text[:300] + "…"
            _err(
                f"internal error ({type(exc).__name__}: {text}); "
                "rerun with PLAN_PARSER_DEBUG=1 for a traceback and report it"
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper  # type: ignore[return-value]


def _load(input: Path, *, extract: bool = True) -> Any:
    """A plan file, or the JSON/YAML output of parse/build read as what it is (never as text)."""
    from ..dataset.export import load_plan

    return load_plan(input, extract=extract)


def _csv_bom(bom: bool | None) -> bool:
    """A CSV on stdout carries a BOM when asked, or when stdout is a file (`> q.csv`, for
    Excel); a terminal or a pipe gets none, so csv.DictReader sees `id`, not `\ufeffid`."""
    if bom is not None:
        return bom
    import stat

    try:
        return stat.S_ISREG(os.fstat(sys.stdout.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (tests, wrappers)
        return False


def _write_csv(text: str, bom: bool | None) -> None:
    text = text.removeprefix("\ufeff")
    sys.stdout.buffer.write((("\ufeff" if _csv_bom(bom) else "") + text).encode("utf-8"))


BomOption = Annotated[
    bool | None,
    typer.Option(
        "--bom/--no-bom",
        help="CSV: start with a BOM for Excel (default: only when stdout is a file).",
        show_default=False,
    ),
]
PlanInput = Annotated[
    Path,
    typer.Argument(
        readable=False, help="A plan file, a JSON/YAML output of parse or build, or - (stdin)."
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"plan-parser {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    max_bytes: Annotated[
        int,
        typer.Option(
            "--max-bytes",
            metavar="N",
            help="Read at most N bytes of any input (files and pipes; default 200 MiB). "
            "Only regular files and pipes are read.",
        ),
    ] = MAX_BYTES,
) -> None:
    """Turn Chinese government plan documents (十四五规划) into validated, citable data."""
    from ..read.decode import set_max_bytes

    try:
        set_max_bytes(max_bytes)
    except PlanParserError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None


class OutFormat(StrEnum):
    json = "json"
    yaml = "yaml"
    all = "all"


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
@friendly
def parse(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            readable=False, help="Plan files: text or HTML (any encoding), PDF, Word .docx."
        ),
    ],
    out: Annotated[
        str, typer.Option("-o", "--out", help="Output directory, or - for JSON on stdout.")
    ] = "data/structured",
    fmt: Annotated[OutFormat, typer.Option("--format", help="json, yaml or all.")] = OutFormat.all,
) -> None:
    """Parse plans into validated JSON and YAML (<stem>.json, <stem>.yaml).

    With -o - the JSON goes to stdout: one pretty document for one plan, one document per line
    (JSON Lines) for several.

    Example: plan-parser parse data/raw/anyang-2022-13.txt -o data/structured
    """
    from ..pipeline import parse_file
    from ..serialize.files import output_stem, refuse_inputs_as_outputs, write_unit
    from ..serialize.json_yaml import dumps_yaml, model_json, to_data

    suffixes = {OutFormat.json: ["json"], OutFormat.yaml: ["yaml"]}.get(fmt, ["json", "yaml"])
    stems: dict[str, Path] = {}
    for p in inputs:
        stem = output_stem(p)
        if stem in stems and out != "-":
            raise PlanParserError(f"{p} and {stems[stem]} would both write {stem}.json")
        stems[stem] = p
    if out != "-":
        planned = [Path(out) / f"{stem}.{suffix}" for stem in stems for suffix in suffixes]
        refuse_inputs_as_outputs(planned, inputs)
    failed = 0
    for p in inputs:
        try:
            plan = parse_file(p)
        except PlanParserError as exc:
            if len(inputs) == 1:
                raise
            _err(str(exc))
            failed += 1
            continue
        if out == "-":
            if fmt == OutFormat.yaml:
                sys.stdout.write(("---\n" if len(inputs) > 1 else "") + dumps_yaml(to_data(plan)))
            elif len(inputs) > 1:  # JSON Lines: one document per line, for jq -c and json.loads
                data = to_data(plan)
                sys.stdout.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
            else:
                sys.stdout.write(model_json(plan))
            continue
        directory = Path(out)
        stem = output_stem(p)
        texts = {
            x: model_json(plan) if x == "json" else dumps_yaml(to_data(plan)) for x in suffixes
        }
        # the pair as a unit: a full disk leaves both old files, never one new and one old
        write_unit([(directory / f"{stem}.{x}", text) for x, text in texts.items()])
        sys.stderr.write(
            f"{p} -> {directory / stem}.{{{'json,yaml' if fmt == OutFormat.all else fmt.value}}}"
            f" ({len(plan.iter_nodes())} outline nodes, {len(plan.boxes)} boxes, "
            f"{len(plan.quantities)} quantities, {len(plan.projects)} projects, "
            f"{len(plan.diagnostics)} diagnostics)\n"
        )
    if failed:
        raise typer.Exit(EXIT_INPUT)


@app.command()
@friendly
def outline(
    input: PlanInput,
) -> None:
    """Show a plan's outline as a tree with line numbers and boxes.

    Example: plan-parser outline data/raw/anyang-2022-13.txt
    """
    from rich.console import Console
    from rich.tree import Tree

    from .render import table_node, tables_by_node

    plan = _load(input, extract=False)
    console = Console(highlight=False)
    title = plan.metadata.plan_title or plan.metadata.title or str(input)
    root = Tree(f"[bold]{title}[/bold]")
    boxes_by_parent: dict[str | None, list[Any]] = {}
    for box in plan.boxes:
        boxes_by_parent.setdefault(box.parent_id, []).append(box)

    def add(tree: Tree, node: Any) -> None:
        branch = tree.add(
            f"{node.marker}{node.title}  [dim]L{node.line}-{node.end_line} {node.id}[/dim]"
        )
        for child in node.children:
            add(branch, child)
        for box in boxes_by_parent.get(node.id, []):
            b = branch.add(
                f"[cyan]▣ 专栏{box.number} {box.title}[/cyan]  "
                f"[dim]L{box.line}-{box.end_line} {len(box.entries)} entries[/dim]"
            )
            for e in box.entries:
                b.add(f"[cyan]{e.name}[/cyan]  [dim]L{e.line}[/dim]")
        for t in tables.get(node.id, []):
            branch.add(table_node(t))

    tables = tables_by_node(plan.tables)
    for t in tables.get(None, []):
        root.add(table_node(t))
    for node in plan.outline:
        add(root, node)
    console.print(root)
    warnings = Console(stderr=True, highlight=False)
    for d in plan.diagnostics:
        if d.level != "info":
            warnings.print(f"[yellow]{d.level}[/yellow] {d.code} L{d.line}: {d.message}")


QUANTITY_COLUMNS = [
    "id",
    "kind",
    "indicator",
    "scope",
    "comparator",
    "value",
    "value_max",
    "unit",
    "year",
    "period",
    "from_value",
    "from_year",
    "binding",
    "value_text",
    "node_id",
    "line",
    "quote",
]


class QuantityKindOption(StrEnum):
    target = "target"
    baseline = "baseline"
    standard = "standard"


COMPARATOR_SIGN = {"eq": "", "ge": "≥", "gt": ">", "le": "≤", "lt": "<", "approx": "≈", "range": ""}


def _value_cell(q: Any) -> str:
    def num(v: Any) -> str:
        return f"{v:g}" if isinstance(v, float) else str(v)

    value = num(q.value) + (f"–{num(q.value_max)}" if q.value_max is not None else "")
    return f"{COMPARATOR_SIGN[q.comparator]}{value}{q.unit or ''}"


@app.command()
@friendly
def quantities(
    input: PlanInput,
    kind: Annotated[
        QuantityKindOption | None, typer.Option("--kind", help="target, baseline or standard.")
    ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", help="table, csv or json.")] = (
        TableFormat.table
    ),
    bom: BomOption = None,
) -> None:
    """List every target, baseline and standard with value, unit, comparator, year and line.

    Example: plan-parser quantities data/raw/anyang-2022-13.txt --kind target --format csv
    """
    from ..serialize.csv import dumps_csv_records
    from ..serialize.json_yaml import dumps_json

    plan = _load(input)
    rows = [q for q in plan.quantities if kind is None or q.kind == kind.value]
    if fmt == TableFormat.json:
        sys.stdout.write(dumps_json([q.model_dump(mode="json") for q in rows]))
        return
    if fmt == TableFormat.csv:
        _write_csv(
            dumps_csv_records(QUANTITY_COLUMNS, [q.model_dump(mode="json") for q in rows]), bom
        )
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{plan.metadata.plan_title or input}: {len(rows)} quantities")
    for col in ("indicator", "value", "year", "kind", "line"):
        table.add_column(col, justify="right" if col in ("value", "year", "line") else "left")
    for q in rows:
        table.add_row(q.indicator, _value_cell(q), str(q.year or ""), q.kind, str(q.line))
    Console(highlight=False).print(table)


@app.command()
@friendly
def validate(
    files: Annotated[
        list[Path], typer.Argument(readable=False, help="JSON or YAML outputs to check.")
    ],
) -> None:
    """Check JSON or YAML outputs against the plan schema; say what is wrong where.

    Example: plan-parser validate data/structured/anyang-2022-13.json
    """
    from ..models.schema import validation_errors
    from ..read.data import load_document

    bad = 0
    for f in files:
        errors = validation_errors(load_document(f))
        if errors:
            bad += 1
            for e in errors:
                sys.stderr.write(f"{f}: {e}\n")
        else:
            typer.echo(f"{f}: valid")
    if bad:
        raise typer.Exit(EXIT_INPUT)


@app.command()
@friendly
def schema(
    check: Annotated[
        bool, typer.Option("--check", help="Fail if the committed schema differs from the models.")
    ] = False,
    path: Annotated[Path, typer.Option(help="Committed schema file.")] = Path(
        "schemas/plan.schema.json"
    ),
    write: Annotated[bool, typer.Option("--write", help="Write the schema to PATH.")] = False,
) -> None:
    """Print the JSON Schema (2020-12) of the output, generated from the models.

    Example: plan-parser schema --check
    """
    from ..models.schema import schema_text
    from ..serialize.files import write_atomic

    text = schema_text()
    if check:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            _err(f"{path} is stale: regenerate it with `plan-parser schema --write`")
            raise typer.Exit(EXIT_INPUT)
        typer.echo(f"{path}: up to date")
    elif write:
        write_atomic(path, text)
        sys.stderr.write(f"wrote {path}\n")
    else:
        sys.stdout.write(text)


@app.command()
@friendly
def text(
    input: Annotated[Path, typer.Argument(readable=False, help="A plan file.")],
) -> None:
    """Print the text that lines and spans refer to (HTML, PDF, Word: the extracted text).

    Example: plan-parser text page.html | sed -n 42p
    """
    from ..pipeline import read_text

    sys.stdout.write(read_text(input))


class Engine(StrEnum):
    local = "local"
    dask = "dask"


@app.command("build")
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
    from ..dataset.build import Inputs, Outcome, build, default_jobs, describe, jsonl_line
    from ..dataset.storage import is_url
    from ..errors import InputError
    from .progress import BatchProgress

    if engine is Engine.dask:
        if recursive:
            raise InputError("--recursive needs --engine local (the cluster build lists SRC flat)")
        _build_on_dask(raw_dir, out_dir, jobs, force, jsonl, scheduler, parquet, quiet)
        return
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
            if jsonl:
                sys.stdout.write(jsonl_line(outcome, out))
                sys.stdout.flush()

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
            for line in report.summary_lines(out):
                progress.message(line)
        if parquet is not None:
            from ..dataset.parquet import write_tables
            from ..dataset.storage import open_store

            tables = open_store(parquet)
            done_tables = write_tables(open_store(out), report.manifest, tables)
            for line in [] if quiet else done_tables.summary_lines(tables):
                progress.message(line)
    if not report.ok:
        raise typer.Exit(EXIT_INPUT)


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
    from ..dataset.build import Inputs, Outcome, default_jobs, describe
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
            if jsonl:
                sys.stdout.write(jsonl_line_in(dst, outcome))
                sys.stdout.flush()

        report = build_on_dask(
            src,
            dst,
            client=client,
            force=force,
            on_start=start,
            on_outcome=done,
            on_message=None if quiet else progress.message,
        )
        for line in [] if quiet else summary_lines(report, dst):
            progress.message(line)
        if tables is not None:
            done_tables = write_tables(dst, report.manifest, tables, mapper=client_mapper(client))
            for line in [] if quiet else done_tables.summary_lines(tables):
                progress.message(line)
    if not report.ok:
        raise typer.Exit(EXIT_INPUT)


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    ndjson = "ndjson"
    parquet = "parquet"


@app.command("export")
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
        data = dumps_stdout(tables, fmt.value, bom=_csv_bom(bom))
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    tables, paths = export(inputs, Path(out), fmt.value, tables=table, bom=bom is not False)
    rows = ", ".join(f"{len(t.rows)} {t.name}" for t in tables)
    for path in paths:
        sys.stderr.write(f"wrote {path}\n")
    sys.stderr.write(f"rows: {rows}\n")


class DiffFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    html = "html"


@app.command()
@friendly
def diff(
    a: Annotated[
        Path,
        typer.Argument(
            readable=False,
            help="Plan A (e.g. a city's): a plan file, a JSON/YAML output or a sheet.",
        ),
    ],
    b: Annotated[
        Path, typer.Argument(readable=False, help="Plan B (e.g. its province's), any of the same.")
    ],
    fmt: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            help="table, json, markdown, csv (the indicator table) or html (a review page "
            "linking each pair to its lines in both texts).",
        ),
    ] = DiffFormat.table,
    only_differences: Annotated[
        bool,
        typer.Option(
            "--only-differences",
            help="Leave out what is the same: same-relation pairs, same-title headings, "
            "same-name programs.",
        ),
    ] = False,
    synonyms: Annotated[
        list[Path] | None,
        typer.Option(
            "--synonyms",
            readable=False,
            metavar="FILE",
            help="YAML synonym groups extending lexicon/synonyms.yaml (repeatable).",
        ),
    ] = None,
    bom: BomOption = None,
) -> None:
    """Compare plan A against plan B: shared indicators (same, stricter, looser), B's targets A
    does not take up, A's own targets, aligned chapters and sections, programs in both.

    Each input is a raw plan (parsed on the fly), a structured output, or a quantity sheet (YAML
    or CSV quantity records with a `document` header).

    \b
    Example: plan-parser diff data/raw/anyang-2022-13.txt \\
               tests/data/henan-2021-headline-targets.yaml --only-differences
    """
    from ..diff import diff_paths

    result = diff_paths(a, b, synonym_files=synonyms or [], differences_only=only_differences)
    if fmt == DiffFormat.json:
        from ..serialize.json_yaml import dumps_json, to_data

        sys.stdout.write(dumps_json(to_data(result)))
    elif fmt == DiffFormat.markdown:
        from ..diff.report import render_markdown

        sys.stdout.write(render_markdown(result))
    elif fmt == DiffFormat.csv:
        from ..diff.report import render_csv

        _write_csv(render_csv(result), bom)
    elif fmt == DiffFormat.html:
        from ..view import render_diff
        from ..view.files import side_text

        page = render_diff(result, side_text(a, result.a.input), side_text(b, result.b.input))
        sys.stdout.buffer.write(page.encode("utf-8"))
    else:
        from rich.console import Console

        from ..diff.report import print_report

        print_report(result, Console(highlight=False))


class ProjectKindOption(StrEnum):
    program = "program"
    construction = "construction"


@app.command()
@friendly
def projects(
    input: PlanInput,
    kind: Annotated[
        ProjectKindOption | None, typer.Option("--kind", help="program or construction.")
    ] = None,
    district: Annotated[
        str | None,
        typer.Option("--district", help="Only this district: a name (林州市, 林州, 滑县) or code."),
    ] = None,
    fmt: Annotated[
        TableFormat, typer.Option("--format", help="table, csv (UTF-8 with BOM) or json.")
    ] = TableFormat.table,
    bom: BomOption = None,
) -> None:
    """List a plan's programs and construction projects (district, action, status, source line).

    Example: plan-parser projects data/raw/anyang-2022-13.txt --kind construction --district 林州市
    """
    from ..extract.projects import PROJECT_COLUMNS, select_projects
    from ..serialize.csv import dumps_csv_records
    from ..serialize.json_yaml import dumps_json, to_data
    from .render import TABLE_COLUMNS, project_rows

    plan = _load(input)
    chosen = select_projects(plan.projects, kind=kind.value if kind else None, district=district)
    if fmt == TableFormat.json:
        sys.stdout.write(dumps_json([to_data(p) for p in chosen]))
    elif fmt == TableFormat.csv:
        rows = [p.model_dump(mode="json") for p in chosen]
        _write_csv(dumps_csv_records(PROJECT_COLUMNS, rows), bom)
    else:
        from rich.console import Console
        from rich.table import Table

        columns = TABLE_COLUMNS[kind.value if kind else None]
        table = Table(title=f"{len(chosen)} projects", title_justify="left", box=None)
        for column in columns:
            if column == "name":
                table.add_column(column, overflow="fold", min_width=16, ratio=2)
            elif column.endswith("id"):
                table.add_column(column, overflow="fold", min_width=10, ratio=1)
            else:
                table.add_column(column, no_wrap=True)
        for row in project_rows(chosen, columns):
            table.add_row(*row)
        Console(highlight=False).print(table)


@app.command()
@friendly
def view(
    input: PlanInput,
    out: Annotated[
        str | None,
        typer.Option("-o", "--out", help="HTML file to write (default: <stem>.html), or -."),
    ] = None,
    text_file: Annotated[
        Path | None,
        typer.Option(
            "--text",
            metavar="FILE",
            help="The plan's text, for a JSON/YAML input whose source file is elsewhere.",
        ),
    ] = None,
) -> None:
    """Write a review page: the plan's text with every extracted fact highlighted in place, a
    legend that filters by kind, the outline, search, and every field of a clicked fact.

    One self-contained HTML file (no network); open it in any browser.

    Example: plan-parser view data/raw/anyang-2022-13.txt -o anyang.html
    """
    from ..serialize.files import output_stem, write_atomic
    from ..view import render_plan
    from ..view.files import plan_text

    plan = _load(input)
    page = render_plan(plan, plan_text(input, plan, text_file))
    if out == "-":
        sys.stdout.buffer.write(page.encode("utf-8"))
        return
    target = Path(out) if out else Path(f"{output_stem(plan.source.path)}.html")
    write_atomic(target, page)
    sys.stderr.write(
        f"wrote {target} ({len(page.encode('utf-8')) // 1024} KB, {len(plan.quantities)} "
        f"quantities, {len(plan.projects)} projects)\n"
    )


def main() -> None:
    from ..regex_cache import install

    install()  # compiled patterns from the user's cache directory (see regex_cache)
    utf8_mode()
    utf8_streams()
    try:
        app()
    finally:
        flush_stdout()


def flush_stdout() -> None:
    """Flush stdout now, so a full disk or a closed pipe is an `error:` line and exit 1 rather
    than Python's message at exit (status 120)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        os._exit(0)
    except OSError as exc:
        _err(f"cannot write to stdout ({exc.strerror or exc})")
        sys.stderr.flush()
        os._exit(EXIT_INPUT)


def utf8_mode() -> None:
    """Run in Python's UTF-8 mode whatever the locale. Under LANG=POSIX with PYTHONUTF8=0,
    Python decodes file names and arguments as ASCII (surrogate escapes) and writes ASCII: the
    CLI then restarts itself once with `-X utf8`, before any work, so names, stdout and stderr
    are the same UTF-8 as in any other locale."""
    if sys.flags.utf8_mode or os.environ.get("PLAN_PARSER_UTF8_RESTART"):
        return
    if sys.getfilesystemencoding().lower().replace("_", "-") in ("utf-8", "utf8"):
        return
    argv = getattr(sys, "orig_argv", None)
    if not argv:
        return
    os.environ["PLAN_PARSER_UTF8_RESTART"] = "1"
    sys.stdout.flush()
    sys.stderr.flush()
    with contextlib.suppress(OSError):
        os.execv(sys.executable, [sys.executable, "-X", "utf8", *argv[1:]])


def utf8_streams() -> None:
    """stdout and stderr in UTF-8 whatever the locale (LANG=POSIX with UTF-8 mode off would give
    ASCII and a UnicodeEncodeError on the first Chinese character); an encoding asked for with
    PYTHONIOENCODING is kept."""
    if os.environ.get("PYTHONIOENCODING"):
        return
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding not in ("utf-8", "utf8") and hasattr(stream, "reconfigure"):
            # surrogateescape: a file name's undecodable bytes go out as the bytes they were
            stream.reconfigure(encoding="utf-8", errors="surrogateescape")


if __name__ == "__main__":
    main()
