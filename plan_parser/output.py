"""Serialisation: canonical JSON, the same content as readable YAML, written atomically."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from .errors import OutputError


def to_data(model: BaseModel) -> Any:
    return model.model_dump(mode="json")


def dumps_json(data: Any) -> str:
    """Canonical JSON: UTF-8, no ASCII escapes, two-space indent, trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


class _Dumper(yaml.SafeDumper):
    pass


def _is_short_numbers(data: list[Any]) -> bool:
    # spans and other short lists of numbers stay on one line: span: [120, 131]
    return bool(data) and len(data) <= 4 and all(isinstance(x, int | float) for x in data)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = _is_short_numbers(data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(str, _represent_str)


_YAML_OPTIONS: dict[str, Any] = {
    "allow_unicode": True,
    "sort_keys": False,
    "width": 100_000,
    "default_flow_style": False,
}


def dumps_yaml(data: Any) -> str:
    """Readable YAML with Chinese as is (no escapes) and keys in model order.

    Written by `yaml_emit.BlockEmitter` (the same bytes as PyYAML, faster), or by PyYAML itself
    for data that needs a form the fast path does not write."""
    from .yaml_emit import BlockEmitter, Unsupported

    try:
        dumper = _Dumper(io.StringIO(), **_YAML_OPTIONS)
        return BlockEmitter(dumper, _is_short_numbers).dump(data)
    except Unsupported:
        return dumps_yaml_reference(data)


def dumps_yaml_reference(data: Any) -> str:
    """dumps_yaml through PyYAML's own representer, serializer and emitter."""
    text: str = yaml.dump(data, Dumper=_Dumper, **_YAML_OPTIONS)
    return text


def csv_cell(value: Any) -> str:
    """A CSV cell: empty for None, true/false for booleans, the value as text otherwise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def dumps_csv_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV for Excel: UTF-8 with a BOM (so the Chinese opens right), a header row, CRLF line
    ends (RFC 4180)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return "\ufeff" + buf.getvalue()


def dumps_csv_records(columns: Sequence[str], records: Iterable[dict[str, Any]]) -> str:
    """`dumps_csv_rows` for dict records: the listed columns, in order; missing keys empty."""
    return dumps_csv_rows(columns, ([r.get(c) for c in columns] for r in records))


def ensure_writable_dir(directory: Path) -> None:
    """Create `directory` if needed; `OutputError` if that fails or it is not writable."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{directory}: cannot create output directory ({exc.strerror})") from None
    if not os.access(directory, os.W_OK):
        raise OutputError(f"{directory}: output directory is not writable")


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write to a temporary file in the target directory, then rename over the target:
    a reader never sees a half-written file and a failure leaves the old file as it was.
    Text is written as UTF-8 with its newlines as they are."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    directory = path.parent
    ensure_writable_dir(directory)
    fd = -1
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as fh:
            fd = -1
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        tmp = ""
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def output_stem(input_path: str | Path) -> str:
    """Output file stem: the input's stem only, never a path (no traversal out of OUT_DIR)."""
    stem = Path(str(input_path)).stem
    stem = stem.replace("/", "_").replace("\\", "_").lstrip(".")
    return stem or "plan"
