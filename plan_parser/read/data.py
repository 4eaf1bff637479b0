"""User JSON and YAML (outputs given back, quantity sheets, synonym lists), loaded within budgets.

A document a user hands us may be hostile or broken: a "billion laughs" YAML whose aliases expand
a few hundred bytes into billions of values, nesting deep enough to exhaust the stack, numbers
like `1e999` or `NaN` that are not numbers. `load_data` refuses each with `InputError` naming
where it is, and never puts the (expanded) value in the message. Only safe loaders are used: no
tag constructs an object.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Literal

import yaml

from ..errors import InputError

# Deepest nesting of lists and mappings accepted (a plan output nests about 20 deep).
MAX_DEPTH = 100
# Most values that aliases (`*name`) may add by repeating what their anchor names.
MAX_ALIAS_VALUES = 100_000
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Kind = Literal["json", "yaml"]


def load_data(text: str, kind: Kind, name: str) -> Any:
    """JSON (json module) or YAML (a safe loader) from `text`, within the budgets above."""
    label = kind.upper()
    try:
        if kind == "json":
            data = json.loads(text)
        else:
            if "&" in text and "*" in text:  # anchors and aliases: count what they expand to
                check_yaml_events(text, name)
            data = yaml.load(text, Loader=_LOADER)
    except RecursionError:
        raise InputError(f"{name}: nested too deep (more than {MAX_DEPTH} levels)") from None
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "flow level" in first or "depth" in first:  # libyaml's own nesting limit
            raise InputError(f"{name}: nested too deep (more than {MAX_DEPTH} levels)") from None
        raise InputError(f"{name}: not valid {label}: {first[:200]}") from None
    check_tree(data, name)
    return data


def check_yaml_events(text: str, name: str) -> None:
    """Walk the YAML events (no values built): refuse nesting deeper than MAX_DEPTH and aliases
    that together repeat more than MAX_ALIAS_VALUES values."""
    sizes: dict[str, int] = {}  # anchor -> values in what it names, aliases expanded
    stack: list[list[Any]] = []  # [values so far, anchor] per open collection
    repeated = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            stack.append([1, event.anchor])
            if len(stack) > MAX_DEPTH:
                raise InputError(f"{name}: nested too deep (more than {MAX_DEPTH} levels)")
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            count, anchor = stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            count, anchor = 1, event.anchor
        elif isinstance(event, yaml.AliasEvent):
            count, anchor = sizes.get(event.anchor or "", 1), None
            repeated += count
            if repeated > MAX_ALIAS_VALUES:
                raise InputError(
                    f"{name}: YAML aliases (*{(event.anchor or '')[:40]} …) repeat more than "
                    f"{MAX_ALIAS_VALUES} values (a 'billion laughs' document?); refused"
                )
        else:
            continue
        if anchor:
            sizes[anchor] = count
        if stack:
            stack[-1][0] += count


def check_tree(data: Any, name: str) -> None:
    """Refuse loaded data nested deeper than MAX_DEPTH or holding a number that is not finite
    (`1e999`, `NaN`, `.inf`); the message names the path, e.g. `quantities/3/value`."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            children: Any = value.items()
        elif isinstance(value, list):
            children = enumerate(value)
        else:
            if isinstance(value, float) and not math.isfinite(value):
                where = "/".join(map(str, path)) or "(root)"
                raise InputError(f"{name}: {where}: not a finite number (1e999, NaN, .inf)")
            continue
        if len(path) >= MAX_DEPTH:
            where = "/".join(map(str, path[:8])) + "/…"
            raise InputError(f"{name}: nested too deep (more than {MAX_DEPTH} levels, at {where})")
        stack.extend((child, (*path, key)) for key, child in children)


def load_document(path: Path, *, name: str | None = None) -> Any:
    """A JSON (by its suffix) or YAML file a user gives: read bounded (`read_bytes`: regular
    files and pipes only), UTF-8, loaded by `load_data`."""
    from .decode import read_bytes

    shown = str(path) if name is None else name
    data = read_bytes(path, name=shown)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{shown}: not UTF-8 text (byte {exc.start})") from None
    return load_data(text, "json" if path.suffix.lower() == ".json" else "yaml", shown)
