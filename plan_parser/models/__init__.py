"""The output contracts, one module per committed schema.

- `plan`: what `plan-parser parse` writes (`schemas/plan.schema.json`); re-exported here, so
  `from plan_parser.models import Plan` keeps working;
- `diff`: what `plan-parser diff --format json` writes (`schemas/diff.schema.json`);
- `manifest`: the `manifest.json` of `plan-parser build` (`schemas/manifest.schema.json`);
- `schema`: one `json_schema(model, id)`, the registry of committed schemas, loading and
  validating output files.

Guarantees: class names, field order, docstrings and `Field` descriptions are the committed
schemas' bytes. Imports nothing from plan_parser but `errors`: every stage may import it.
"""

from .plan import (
    SCHEMA_VERSION,
    Box,
    BoxEntry,
    Comparator,
    Diagnostic,
    EntryGroup,
    Jurisdiction,
    Level,
    Metadata,
    Model,
    NodeKind,
    Number,
    OutlineNode,
    Plan,
    PlanPeriod,
    Project,
    ProjectKind,
    Quantity,
    QuantityKind,
    SourceInfo,
    Span,
    Table,
    TableCell,
    TableNote,
    TableRow,
)

__all__ = [
    "SCHEMA_VERSION",
    "Box",
    "BoxEntry",
    "Comparator",
    "Diagnostic",
    "EntryGroup",
    "Jurisdiction",
    "Level",
    "Metadata",
    "Model",
    "NodeKind",
    "Number",
    "OutlineNode",
    "Plan",
    "PlanPeriod",
    "Project",
    "ProjectKind",
    "Quantity",
    "QuantityKind",
    "SourceInfo",
    "Span",
    "Table",
    "TableCell",
    "TableNote",
    "TableRow",
]
