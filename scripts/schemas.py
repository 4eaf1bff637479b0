#!/usr/bin/env python3
"""Write or check the committed JSON Schemas (2020-12) of the outputs other than the plan itself,
each generated from its pydantic models (the plan's own schema: `plan-parser schema`):

    schemas/diff.schema.json      `plan-parser diff --format json` (models/diff.py)
    schemas/manifest.schema.json  the manifest `plan-parser build` writes (models/manifest.py)

Usage::

    python scripts/schemas.py --write   # regenerate (make schema)
    python scripts/schemas.py --check   # fail if a committed file is stale (make test)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plan_parser.models.schema import SCHEMAS as ALL_SCHEMAS
from plan_parser.models.schema import schema_text
from plan_parser.serialize.files import write_atomic

ROOT = Path(__file__).resolve().parent.parent
# the plan's schema is `plan-parser schema`'s; this script writes the others
SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    shown: generate
    for shown, generate in ALL_SCHEMAS.items()
    if shown != "schemas/plan.schema.json"
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true", help="regenerate the committed schemas")
    group.add_argument("--check", action="store_true", help="fail if one differs from the models")
    args = parser.parse_args()
    stale = 0
    for shown, generate in SCHEMAS.items():
        path = ROOT / shown
        text = schema_text(generate())
        if args.write:
            write_atomic(path, text)
            sys.stderr.write(f"wrote {shown}\n")
            continue
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            sys.stderr.write(f"error: {shown} is stale: regenerate it with `make schema`\n")
            stale += 1
        else:
            print(f"{shown}: up to date")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
