"""`make eval`: precision, recall and per-field accuracy against the hand-labelled sets in
tests/labels/ (see tests/labels/GUIDE.md). Each evaluation module has a `main()` that prints its
report and returns its figures."""

from __future__ import annotations

import importlib

MODULES = [
    "tests.eval_outline",
    "tests.eval_quantities",
    "tests.eval_tables",
    "tests.eval_projects",
]


def main() -> None:
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            print(f"{name}: not present yet")
            continue
        module.main()
        print()


if __name__ == "__main__":
    main()
