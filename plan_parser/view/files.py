"""Finding the text a page shows: the plan file itself, or the source of a JSON/YAML output."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import InputError
from ..models import Plan

STRUCTURED = (".json", ".yaml", ".yml")


def _decoded(path: Path) -> tuple[str, bytes]:
    """The decoded text and the bytes of `path`, read once (bounded: `read.decode.read_bytes`)."""
    from ..read.decode import decode_bytes, read_bytes

    data = read_bytes(path)
    return decode_bytes(data, name=str(path)).text, data


def plan_text(input: Path, plan: Plan, text_file: Path | None = None) -> str:
    """The decoded text `plan`'s lines and spans refer to.

    A raw plan is its own text. For a JSON/YAML output: `text_file` if given, else its
    `source.path` relative to the current directory or to the output's directory (or its
    parent, as for data/structured/x.json and data/raw/x.txt), accepted only when its sha256 is
    the one recorded, so the highlights cannot land on another text."""
    if str(input) == "-":
        if text_file is None:
            raise InputError("stdin: give the plan's text with --text FILE")
        return _decoded(text_file)[0]
    if input.suffix.lower() not in STRUCTURED:
        return _decoded(input)[0]
    source = Path(plan.source.path)
    candidates = (
        [text_file]
        if text_file is not None
        else [
            source,
            input.parent / source,
            input.parent / source.name,
            input.parent.parent / source,
            input.parent.parent / "raw" / source.name,
        ]
    )
    for path in candidates:
        if path.is_file():
            text, raw = _decoded(path)
            if hashlib.sha256(raw).hexdigest() == plan.source.sha256:
                return text
            if text_file is not None:
                raise InputError(
                    f"{path}: not the text {input} was parsed from (sha256 differs); "
                    "give the original file"
                )
    raise InputError(
        f"{input}: its source text {plan.source.path} is not at hand; give it with --text FILE"
    )


def side_text(path: Path, kind: str) -> str | None:
    """A diff side's text: the plan, the sheet itself, or an output's source when found."""
    if kind in ("plan", "sheet"):
        return _decoded(path)[0] if kind == "plan" else path.read_text(encoding="utf-8-sig")
    from ..dataset.export import load_plan

    try:
        return plan_text(path, load_plan(path))
    except InputError:
        return None
