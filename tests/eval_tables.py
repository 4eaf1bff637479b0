"""Tables against the hand-labelled sets (tests/labels/tables_*.yaml, see GUIDE.md): a labelled
table is found when a found table covers its first header line; then its lines, columns, header,
row count, first cells and notes line are compared.

    python -m tests.eval_tables
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from plan_parser import parse_file

from .eval_quantities import source_path

LABELS = Path(__file__).resolve().parent / "labels"
CHECKS = ["title", "lines", "columns", "header", "rows", "first_cells", "notes_line"]


def _squash(s: str | None) -> str:
    return "".join((s or "").split())


def evaluate() -> list[tuple[str, int, int, dict[str, int]]]:
    """(document, labelled tables, found tables, hits per check) for each labelled document."""
    out = []
    for path in sorted(LABELS.glob("tables_*.yaml")):
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        src = source_path(data["document"])
        if src is None:
            continue
        plan = parse_file(src)
        hits = dict.fromkeys(CHECKS, 0)
        matched = 0
        for lab in data["tables"]:
            t = next((t for t in plan.tables if t.line <= lab["first_line"] <= t.end_line), None)
            if t is None:
                continue
            matched += 1
            firsts = []
            for r in t.rows:
                c = next(
                    (c for c, role in zip(r.cells, t.roles, strict=False) if role == "name"), None
                )
                firsts.append(_squash(c.text if c else None))
            want = [_squash(x) for x in lab["first_cells"]]
            hits["title"] += _squash(t.title) == _squash(lab["title"])
            hits["lines"] += (t.line, t.end_line) == (lab["first_line"], lab["last_line"])
            hits["columns"] += len(t.columns) == lab["columns"]
            hits["header"] += [_squash(c) for c in t.columns] == [_squash(c) for c in lab["header"]]
            hits["rows"] += len(t.rows) == lab["rows"]
            hits["first_cells"] += sum(a == b for a, b in zip(firsts, want, strict=False)) == len(
                want
            )
            hits["notes_line"] += (t.notes[0].line if t.notes else None) == lab["notes_line"]
        out.append(
            (data["document"], len(data["tables"]), len(plan.tables), hits | {"found": matched})
        )
    return out


def main(verbose: bool = False) -> list[tuple[str, int, int, dict[str, int]]]:
    del verbose
    results = evaluate()
    print("Tables (tests/labels/tables_*.yaml)")
    for doc, labelled, found, hits in results:
        checks = "  ".join(f"{k} {hits[k]}/{labelled}" for k in CHECKS)
        print(f"{doc:<40} labelled {labelled}  found {hits['found']} (of {found} tables)  {checks}")
    return results


if __name__ == "__main__":
    main(verbose="-v" in sys.argv)
