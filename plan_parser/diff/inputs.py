"""The three inputs of a diff (a raw plan, a structured output, a quantity sheet) as one
`DiffSide`: what each can offer (quantities always; outline and programs only from plans)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InputError
from ..models import OutlineNode, Plan, Quantity
from ..models.diff import (
    DocumentInfo,
    InputKind,
    ProgramRef,
)
from .headings import _heading_nodes
from .lexicon import diff_lexicon
from .programs import comparison_key

# --- the inputs ---------------------------------------------------------------------------------


@dataclass
class DiffSide:
    """One side of a diff: what any of the three input kinds can offer."""

    path: str
    input: InputKind
    title: str | None
    doc_number: str | None
    issuer: str | None
    level: str | None
    quantities: list[Quantity]
    outline: list[OutlineNode] | None
    programs: list[ProgramRef] | None

    def info(self) -> DocumentInfo:
        return DocumentInfo(
            path=self.path,
            input=self.input,
            title=self.title,
            doc_number=self.doc_number,
            issuer=self.issuer,
            level=self.level,
            quantities=len(self.quantities),
            outline_nodes=None if self.outline is None else len(_heading_nodes(self.outline)),
            programs=None if self.programs is None else len(self.programs),
        )


STRUCTURED_SUFFIXES = frozenset({".json", ".yaml", ".yml"})


def load_side(path: Path) -> DiffSide:
    """A raw plan (parsed on the fly), a structured output, or a quantity sheet, by content.

    .csv is a sheet; .json/.yaml/.yml is an output if it has an outline, else a sheet; anything
    else is a plan document. Raises InputError for input that is none of these.
    """
    from ..serialize.files import display_path

    shown = display_path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return side_from_sheet(path, shown)
    if suffix in STRUCTURED_SUFFIXES:
        from ..read.decode import read_path
        from .sheet import is_sheet_data

        data = _load_structured(read_path(path).text, suffix, shown)
        if is_sheet_data(data):
            return side_from_sheet(path, shown)
        if not isinstance(data, dict) or "outline" not in data:
            raise InputError(
                f"{shown}: neither a plan output (no `outline`) nor a quantity sheet "
                "(no `quantities` list)"
            )
        try:
            plan = Plan.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = "/".join(str(p) for p in err["loc"])
            raise InputError(
                f"{shown}: not a valid plan output ({exc.error_count()} problems, first at "
                f"{where}: {err['msg']}); check it with `plan-parser validate`"
            ) from None
        return side_from_plan(plan, shown, "output")
    from ..pipeline import parse_file

    return side_from_plan(parse_file(path), shown, "plan")


def _load_structured(text: str, suffix: str, shown: str) -> Any:
    """JSON with the json module (pyyaml takes a second on a plan's output), YAML with the C
    loader when pyyaml has one; within the alias and depth budgets of `read.data`."""
    from ..read.data import load_data

    return load_data(text, "json" if suffix == ".json" else "yaml", shown)


def side_from_plan(plan: Plan, path: str, input: InputKind = "plan") -> DiffSide:
    md = plan.metadata
    return DiffSide(
        path=path,
        input=input,
        title=md.plan_title or md.title,
        doc_number=md.doc_number,
        issuer=md.issuer,
        level=None,
        quantities=list(plan.quantities),
        outline=list(plan.outline),
        programs=plan_programs(plan),
    )


def side_from_sheet(path: Path, shown: str) -> DiffSide:
    from .sheet import load_sheet

    sheet = load_sheet(path, name=shown)
    h = sheet.header
    return DiffSide(
        path=shown,
        input="sheet",
        title=h.title,
        doc_number=h.doc_number,
        issuer=h.issuer,
        level=h.level,
        quantities=sheet.quantities,
        outline=None,
        programs=None,
    )


def plan_programs(plan: Plan) -> list[ProgramRef]:
    """Programs of a plan: extracted program records (one per canonical program) and the box
    entries they do not already cover, in document order, each name once."""
    lex = diff_lexicon()
    found: list[ProgramRef] = []
    seen_canonical: set[str] = set()
    for p in plan.projects:
        if p.kind != "program":
            continue
        group = p.canonical_id or p.id
        if group in seen_canonical:
            continue
        seen_canonical.add(group)
        found.append(ProgramRef(id=p.id, name=p.name, source="project", box=p.box, line=p.line))
    for box in plan.boxes:
        for e in box.entries:
            found.append(
                ProgramRef(id=e.id, name=e.name, source="box_entry", box=box.number, line=e.line)
            )
    out: list[ProgramRef] = []
    keys: set[str] = set()
    for ref in sorted(found, key=lambda r: (r.line, r.source != "project")):
        key = comparison_key(ref.name, lex)[0]
        if key and key not in keys:
            keys.add(key)
            out.append(ref)
    return out
