#!/usr/bin/env python3
"""Write or check schemas/diff.schema.json, the JSON Schema (2020-12) of `plan-parser diff
--format json`, generated from the result models in plan_parser/diff.py.

Usage::

    python scripts/diff_schema.py --write   # regenerate (make schema)
    python scripts/diff_schema.py --check   # fail if the committed file is stale (make test)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plan_parser.diff import diff_schema
from plan_parser.output import write_atomic
from plan_parser.schema import schema_text

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "diff.schema.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true", help="regenerate the committed schema")
    group.add_argument("--check", action="store_true", help="fail if it differs from the models")
    args = parser.parse_args()
    text = schema_text(diff_schema())
    shown = SCHEMA_PATH.relative_to(SCHEMA_PATH.parent.parent)
    if args.write:
        write_atomic(SCHEMA_PATH, text)
        sys.stderr.write(f"wrote {shown}\n")
        return 0
    current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.is_file() else ""
    if current != text:
        sys.stderr.write(f"error: {shown} is stale: regenerate it with `make schema`\n")
        return 1
    print(f"{shown}: up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
