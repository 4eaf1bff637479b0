"""plan-parser: Chinese government plan documents (十四五规划) to validated, citable data."""

from .errors import InputError, OutputError, PlanParserError
from .models import Box, BoxEntry, Diagnostic, Metadata, OutlineNode, Plan, Project, Quantity
from .pipeline import analyse, parse_bytes, parse_file, parse_text, read_text

__version__ = "0.1.0"

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
