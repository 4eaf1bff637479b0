"""JSON Schema (2020-12) generated from the pydantic models, and validation against it.

`SCHEMAS` lists every committed schema file and the function that generates it: the plan's is
written by `plan-parser schema`, the diff's and the manifest's by `scripts/schemas.py`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from ..errors import InputError
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


def load_document(path: Path) -> Any:
    """Load a JSON or YAML output file."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        return yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0]
        raise InputError(
            f"{path}: not valid {path.suffix.lstrip('.').upper() or 'YAML'}: {first}"
        ) from None


def validation_errors(data: Any, schema: dict[str, Any] | None = None) -> list[str]:
    """Every violation of the schema, as `<json path>: <message>` lines."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema or plan_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    out = []
    for err in errors:
        where = "/".join(str(p) for p in err.absolute_path) or "(root)"
        out.append(f"{where}: {err.message}")
    return out
