"""JSON Schema (2020-12) generated from the pydantic models, and validation against it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError
from .models import Plan

SCHEMA_ID = "https://plan-parser.invalid/schemas/plan.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def plan_schema() -> dict[str, Any]:
    schema = Plan.model_json_schema(mode="serialization")
    return {"$schema": DIALECT, "$id": SCHEMA_ID, **schema}


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
