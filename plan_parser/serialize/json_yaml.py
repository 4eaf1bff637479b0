"""Canonical JSON and the same content as readable YAML."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pydantic_core
import yaml
from pydantic import BaseModel


def to_data(model: BaseModel) -> Any:
    return model.model_dump(mode="json")


def dumps_json(data: Any) -> str:
    """Canonical JSON: UTF-8, no ASCII escapes, two-space indent, trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# A number pydantic-core may write otherwise than Python's json: one with an exponent (1e-9 where
# Python writes 1e-09) and one below 1e-4 without it (0.00001 where Python writes 1e-05). What
# looks like one (a sha256 holds `3e5`) counts when its line is a number: `  "key": 1e-9,` or
# `  1e-9` in a list (a string never spans lines, and a quote inside one is escaped).
_FLOAT_LOOKS = tuple(re.compile(p) for p in (r"e[-+]?[0-9]", r"E[-+]?[0-9]", r"0\.0000"))
_FLOAT_LINE = re.compile(r'[ ]*(?:".*": )?-?(?:[0-9]+(?:\.[0-9]+)?[eE][-+]?[0-9]+|0\.0000[0-9]*),?')


def _floats_differ(out: str) -> bool:
    """Does JSON `out` (ending with a line break) hold a number `_FLOAT_LINE` describes? Found
    by what starts with a literal (a fast search), each line read once."""
    for look in _FLOAT_LOOKS:
        end = 0
        for m in look.finditer(out):
            if m.start() < end:
                continue
            start = out.rfind("\n", 0, m.start()) + 1
            end = out.find("\n", m.end())
            if _FLOAT_LINE.fullmatch(out, start, end):
                return True
    return False


def json_text(data: Any) -> str:
    """`dumps_json(data)`, written by pydantic-core (some 6× faster): the same bytes (key order,
    indent, UTF-8, escapes, shortest float repr, Infinity and NaN) except the numbers
    `_floats_differ` finds, so output holding one goes the Python way."""
    out = pydantic_core.to_json(data, indent=2).decode()
    out += "\n"  # in place (the only reference): not a second copy of a big document
    return dumps_json(data) if _floats_differ(out) else out


def model_json(model: BaseModel) -> str:
    """`dumps_json(to_data(model))`, fast (`json_text`)."""
    return json_text(to_data(model))


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
