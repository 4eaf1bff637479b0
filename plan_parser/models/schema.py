"""JSON Schema (2020-12) generated from the pydantic models, and validation against it.

`SCHEMAS` lists every committed schema file and the function that generates it: the plan's is
written by `plan-parser schema`, the diff's and the manifest's by `scripts/schemas.py`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from .plan import Plan

BASE_ID = "https://plan-parser.invalid/schemas/"
PLAN_SCHEMA_ID = BASE_ID + "plan.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(model: type[BaseModel], schema_id: str) -> dict[str, Any]:
    """The serialization schema of `model`, with the dialect and `$id` first."""
    schema = model.model_json_schema(mode="serialization")
    return {"$schema": DIALECT, "$id": schema_id, **schema}


def plan_schema() -> dict[str, Any]:
    return json_schema(Plan, PLAN_SCHEMA_ID)


def diff_schema() -> dict[str, Any]:
    """JSON Schema of `plan-parser diff --format json`, committed as schemas/diff.schema.json."""
    from .diff import PlanDiff

    return json_schema(PlanDiff, BASE_ID + "diff.schema.json")


def manifest_schema() -> dict[str, Any]:
    """JSON Schema of manifest.json, committed as schemas/manifest.schema.json."""
    from .manifest import Manifest

    return json_schema(Manifest, BASE_ID + "manifest.schema.json")


# committed file (relative to the repository) -> its generator; the models load on first call
SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "schemas/plan.schema.json": plan_schema,
    "schemas/diff.schema.json": diff_schema,
    "schemas/manifest.schema.json": manifest_schema,
}


def schema_text(schema: dict[str, Any] | None = None) -> str:
    return json.dumps(schema or plan_schema(), ensure_ascii=False, indent=2) + "\n"


def validation_errors(data: Any, schema: dict[str, Any] | None = None) -> list[str]:
    """Every violation of the schema, as `<json path>: <message>` lines."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema or plan_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    out = []
    for err in errors:
        where = "/".join(str(p) for p in err.absolute_path) or "(root)"
        out.append(f"{where}: {_message(err)}")
    return out


_JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}


def _message(err: Any) -> str:
    """A violation without the offending value (which may be huge): what was expected."""
    if err.validator == "type":
        got = _JSON_TYPES.get(type(err.instance), "number")
        return f"expected {' or '.join(_as_list(err.validator_value))}, got {got}"
    if err.validator in ("enum", "const"):
        return f"expected one of {_as_list(err.validator_value)}"[:300]
    message: str = err.message
    return message if len(message) <= 300 else message[:300] + "…"


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
