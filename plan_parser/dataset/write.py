"""Plans named on the command line -> files: `write_plans` is `plan-parser parse`.

Each input is parsed and written as <stem>.json and <stem>.yaml (the pair as a unit, through
`plan_files`, whose bytes the build writes too) in an output directory, or as JSON/YAML on a
stream. One line per plan goes to `report`: the files written with the plan's counts
(`counts_text`, the build's too), or `error: …` for a plan that failed, the others still written.

This is what a cold `plan-parser parse` imports (`cli/entry.py`): not the build's process pool,
manifest or staging (`build.py` imports this module, never the other way).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

from ..errors import PlanParserError
from ..models import Plan
from ..serialize.files import output_stem, refuse_inputs_as_outputs, write_unit
from ..serialize.json_yaml import data_json_bytes, dumps_yaml, model_json, to_data

if TYPE_CHECKING:
    from ..models.manifest import Counts

PlanFormat = Literal["json", "yaml", "all"]
SUFFIXES: dict[str, tuple[str, ...]] = {
    "json": ("json",),
    "yaml": ("yaml",),
    "all": ("json", "yaml"),
}
STDOUT = "-"


def plan_files(
    stem: str, plan: Plan, suffixes: tuple[str, ...] = ("json", "yaml")
) -> tuple[tuple[str, str | bytes], ...]:
    """The files a plan is written as: canonical JSON and the same content as YAML (`suffixes`:
    only these of the two, in this order), both from one `to_data`."""
    data = to_data(plan)
    return tuple((f"{stem}.{suffix}", PLAN_TEXT[suffix](plan, data)) for suffix in suffixes)


def _plan_yaml(plan: Plan, data: Any) -> str:
    return dumps_yaml(data)


PLAN_TEXT: dict[str, Callable[[Plan, Any], str | bytes]] = {
    "json": data_json_bytes,
    "yaml": _plan_yaml,
}


def counts_text(c: Counts) -> str:
    """`120 outline nodes, 6 boxes, 199 quantities, 192 projects, 8 diagnostics`"""
    return (
        f"{c.outline_nodes} outline nodes, {c.boxes} boxes, {c.quantities} quantities, "
        f"{c.projects} projects, {c.diagnostics} diagnostics"
    )


def write_plans(
    inputs: Sequence[Path],
    out: str,
    fmt: PlanFormat = "all",
    *,
    stdout: TextIO,
    report: Callable[[str], None],
) -> int:
    """Parse every input and write it into the directory `out` (or onto `stdout` when `out` is
    `-`: one pretty JSON document for one plan, JSON Lines for several, YAML documents with
    `---` between them). Returns how many plans failed; a single input's error is raised.

    Nothing is parsed when two inputs would write one file, or an output would overwrite an
    input (PlanParserError, OutputError)."""
    from ..pipeline import parse_file

    if out != STDOUT:
        check_outputs(inputs, Path(out), SUFFIXES[fmt])
    failed = 0
    for path in inputs:
        try:
            plan = parse_file(path)
        except PlanParserError as exc:
            if len(inputs) == 1:
                raise
            report(f"error: {exc}")
            failed += 1
            continue
        if out == STDOUT:
            stdout.write(stream_text(plan, fmt, many=len(inputs) > 1))
        else:
            report(write_plan(plan, path, Path(out), fmt))
    return failed


def check_outputs(inputs: Sequence[Path], directory: Path, suffixes: tuple[str, ...]) -> None:
    """PlanParserError if two inputs would write one file; OutputError if a file to write is
    one of the inputs."""
    stems: dict[str, Path] = {}
    for path in inputs:
        stem = output_stem(path)
        if stem in stems:
            raise PlanParserError(f"{path} and {stems[stem]} would both write {stem}.json")
        stems[stem] = path
    planned = [directory / f"{stem}.{suffix}" for stem in stems for suffix in suffixes]
    refuse_inputs_as_outputs(planned, inputs)


def write_plan(plan: Plan, path: Path, directory: Path, fmt: PlanFormat) -> str:
    """Write one plan's files as a unit (a full disk leaves both old files, never one new and
    one old); the line that says so: `IN -> OUT/<stem>.{json,yaml} (counts)`."""
    from ..models.manifest import Counts

    stem = output_stem(path)
    files = plan_files(stem, plan, SUFFIXES[fmt])
    write_unit([(directory / name, text) for name, text in files])
    shown = "json,yaml" if fmt == "all" else fmt
    return f"{path} -> {directory / stem}.{{{shown}}} ({counts_text(Counts.of(plan))})"


def stream_text(plan: Plan, fmt: PlanFormat, *, many: bool) -> str:
    """One plan on a stream: YAML (a `---` document of several), a JSON Lines line (one of
    several, for jq -c and json.loads), or the canonical pretty JSON."""
    if fmt == "yaml":
        return ("---\n" if many else "") + dumps_yaml(to_data(plan))
    if many:
        import json

        return json.dumps(to_data(plan), ensure_ascii=False, separators=(",", ":")) + "\n"
    return model_json(plan)
