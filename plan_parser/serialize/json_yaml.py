"""Canonical JSON and the same content as readable YAML."""

from __future__ import annotations

import functools
import io
import json
import types
import typing
from typing import Any

import pydantic_core
import yaml
from pydantic import BaseModel


def to_data(model: BaseModel) -> Any:
    """`model.model_dump(mode="json")`: JSON-like data (dicts, lists, str, int, float, bool,
    None) in field order. Walked here in Python (`_dump_model`) rather than by pydantic-core,
    whose serializer would first be built from the models' schemas, a quarter of a cold
    `plan-parser parse`; the same data (tests/test_json_emit.py). Models or values this walk
    does not know (a serializer, an alias, inf and nan …) go the pydantic way."""
    try:
        return _dump_model(model)
    except _Unknown:
        return model.model_dump(mode="json")


def model_data(model: BaseModel) -> Any:
    """`to_data(model)` by pydantic-core's serializer: built from the models' schemas on first
    use (some 0.03 s, once per process), then faster than `to_data`'s walk; for batches."""
    return model.model_dump(mode="json")


class _Unknown(Exception):
    """A model or value `to_data` leaves to pydantic."""


# Per model: (field, its `exclude_if` or None) in field order (`_dump_plan`).
_DUMPS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _dump_fields(cls: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    decorators = cls.__pydantic_decorators__
    if (
        cls.model_computed_fields
        or decorators.field_serializers
        or decorators.model_serializers
        or cls.model_config.get("extra") == "allow"
        or cls.model_config.get("ser_json_inf_nan", "null") != "null"
        or any(f.exclude or f.serialization_alias or f.alias for f in cls.model_fields.values())
    ):
        raise _Unknown(cls.__name__)
    _DUMPS[cls] = spec = tuple((n, f.exclude_if) for n, f in cls.model_fields.items())
    return spec


def _dump_model(model: BaseModel) -> dict[str, Any]:
    spec = _DUMPS.get(type(model)) or _dump_fields(type(model))
    values = model.__dict__
    out: dict[str, Any] = {}
    for name, exclude_if in spec:
        value = values[name]
        if exclude_if is not None and exclude_if(value):
            continue
        kind = type(value)
        out[name] = value if kind is str or kind is int or value is None else _dump(value)
    return out


def _dump(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is list or kind is tuple:
        return [_dump(v) for v in value]
    if kind is float:
        if value - value != 0:  # inf, nan: pydantic writes null
            raise _Unknown("inf or nan")
        return value
    if isinstance(value, BaseModel):
        return _dump_model(value)
    raise _Unknown(kind.__name__)


def dumps_json(data: Any) -> str:
    """Canonical JSON: UTF-8, no ASCII escapes, two-space indent, trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def model_json_bytes(model: BaseModel) -> bytes:
    """`dumps_json(to_data(model))` in UTF-8, written by pydantic-core (some 6× faster): the
    same bytes (key order, indent, UTF-8, shortest float repr) except for the floats Python
    writes with an exponent (1e-05, 1e+16) and inf and nan (`holds_exponent_float`), which
    pydantic-core writes otherwise (0.00001, 1e16, null): a model holding one goes the Python
    way."""
    return data_json_bytes(model, to_data(model))


def data_json_bytes(model: BaseModel, data: Any) -> bytes:
    """`model_json_bytes(model)` from `data`, its `to_data`: pydantic-core writes the data as
    its serializer writes the model, without the serializer (see `to_data`)."""
    if holds_exponent_float(model):
        return dumps_json(data).encode("utf-8")
    out: bytes = pydantic_core.to_json(data, indent=2)
    return out + b"\n"


def model_json(model: BaseModel) -> str:
    """`dumps_json(to_data(model))`: `model_json_bytes` as text."""
    return model_json_bytes(model).decode("utf-8")


def holds_exponent_float(value: Any) -> bool:
    """True if `value` (a model, a list, a dict …) holds a float whose repr has an exponent
    (|x| < 1e-4 or ≥ 1e16, not 0) or that is inf or nan. Only the fields whose type can hold a
    float are visited (`_float_fields`): a plan's quantities and projects, not its outline."""
    if isinstance(value, float):
        return value != 0 and not 1e-4 <= abs(value) < 1e16  # nan: every comparison False
    if isinstance(value, BaseModel):
        if value.__pydantic_extra__ and holds_exponent_float(value.__pydantic_extra__):
            return True
        return any(holds_exponent_float(getattr(value, n)) for n in _float_fields(type(value)))
    if isinstance(value, list | tuple):
        return any(map(holds_exponent_float, value))
    if isinstance(value, dict):
        return any(map(holds_exponent_float, value.values()))
    return False


@functools.cache
def _float_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `cls` whose type may hold a float, at any depth."""
    return tuple(n for n, f in cls.model_fields.items() if _may_hold_float(f.annotation, {cls}))


def _may_hold_float(tp: Any, seen: set[type]) -> bool:
    """Whether a value of type `tp` can be or contain a float; True for any type not known
    here. A model already on the path (`OutlineNode.children`) adds nothing new."""
    if tp in (str, int, bool, type(None)):
        return False
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp in seen:
            return False
        inner = {*seen, tp}
        return bool(tp.model_computed_fields) or any(
            _may_hold_float(f.annotation, inner) for f in tp.model_fields.values()
        )
    origin = typing.get_origin(tp)
    if origin is typing.Literal:
        return any(isinstance(arg, float) for arg in typing.get_args(tp))
    if origin is typing.Annotated:
        return _may_hold_float(typing.get_args(tp)[0], seen)
    if origin in (list, tuple, dict, typing.Union, types.UnionType):
        return any(_may_hold_float(arg, seen) for arg in typing.get_args(tp) if arg is not ...)
    return True


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
