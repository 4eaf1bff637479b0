"""plan-parser: Chinese government plan documents (十四五规划) to validated, citable data."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import InputError, OutputError, PlanParserError

__version__ = "0.1.0"

# Names from the models and the pipeline load on first use: building the pydantic models costs
# about 0.2 s, which `plan-parser --help` and `--version` need not pay (see `make bench`).
_LAZY = {
    "Box": "models",
    "BoxEntry": "models",
    "Diagnostic": "models",
    "Metadata": "models",
    "OutlineNode": "models",
    "Plan": "models",
    "Project": "models",
    "Quantity": "models",
    "analyse": "structure.analysis",
    "parse_bytes": "pipeline",
    "parse_file": "pipeline",
    "parse_text": "pipeline",
    "read_text": "pipeline",
}

if TYPE_CHECKING:
    from .models import Box, BoxEntry, Diagnostic, Metadata, OutlineNode, Plan, Project, Quantity
    from .pipeline import parse_bytes, parse_file, parse_text, read_text
    from .structure.analysis import analyse


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = [
    "Box",
    "BoxEntry",
    "Diagnostic",
    "InputError",
    "Metadata",
    "OutlineNode",
    "OutputError",
    "Plan",
    "PlanParserError",
    "Project",
    "Quantity",
    "__version__",
    "analyse",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "read_text",
]
