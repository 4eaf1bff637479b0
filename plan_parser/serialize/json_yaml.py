"""Canonical JSON and the same content as readable YAML."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import yaml
from pydantic import BaseModel


def to_data(model: BaseModel) -> Any:
    return model.model_dump(mode="json")


def dumps_json(data: Any) -> str:
    """Canonical JSON: UTF-8, no ASCII escapes, two-space indent, trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# a number with an exponent, where pydantic-core (1e-5, 1e16) and Python (1e-05, 1e+16) differ
_EXPONENT = re.compile(r"[0-9][eE][+-]?[0-9]")


def model_json(model: BaseModel) -> str:
    """`dumps_json(to_data(model))`, written by pydantic-core (some 6× faster): the same bytes
    (key order, indent, UTF-8, shortest float repr) except floats printed with an exponent, so
    output that may hold one (or text that looks like one) goes the Python way."""
    out = model.model_dump_json(indent=2)
    out += "\n"  # in place (the only reference): not a second copy of a big document
    return dumps_json(to_data(model)) if _EXPONENT.search(out) else out


class _Dumper(yaml.SafeDumper):
    pass


def _is_short_numbers(data: list[Any]) -> bool:
    # spans and other short lists of numbers stay on one line: span: [120, 131]
    return bool(data) and len(data) <= 4 and all(isinstance(x, int | float) for x in data)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = _is_short_numbers(data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    # PyYAML writes NEL (U+0085) raw in plain, quoted and literal scalars, where YAML 1.1 reads it
    # back as a line break: only a double-quoted scalar (as \N) keeps it.
    style = '"' if "\x85" in data else "|" if "\n" in data else None
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

    Written by `yaml_fast.BlockEmitter` (the same bytes as PyYAML, faster), or by PyYAML itself
    for data that needs a form the fast path does not write."""
    from .yaml_fast import BlockEmitter, Unsupported

    try:
        dumper = _Dumper(io.StringIO(), **_YAML_OPTIONS)
        return BlockEmitter(dumper, _is_short_numbers).dump(data)
    except Unsupported:
        return dumps_yaml_reference(data)


def dumps_yaml_reference(data: Any) -> str:
    """dumps_yaml through PyYAML's own representer, serializer and emitter."""
    text: str = yaml.dump(data, Dumper=_Dumper, **_YAML_OPTIONS)
    return text
