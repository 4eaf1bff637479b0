"""`plan-parser diff`: which of B's targets A adopts, raises, lowers or leaves out; which chapters
and programs A carries over (`core.py`), quantity sheets as inputs (`sheet.py`), and the reports
(`report.py`: rich, Markdown, CSV). The JSON form is `models.diff.PlanDiff`.

Guarantees: every pairing and relation carries its reason. May import the pipeline and every stage
below it; never dataset or cli. `core.py` is to be split (inputs, lexicon, wording, relations,
indicators, headings, programs).
"""

from ..models.diff import PlanDiff
from ..models.schema import diff_schema
from .core import (
    DiffSide,
    Synonyms,
    compare_wordings,
    diff_paths,
    diff_sides,
    load_side,
    load_synonyms,
    match_indicators,
    merge_groups,
    only_differences,
    relate,
    side_from_plan,
    unit_factor,
    wording,
)

__all__ = [
    "DiffSide",
    "PlanDiff",
    "Synonyms",
    "compare_wordings",
    "diff_paths",
    "diff_schema",
    "diff_sides",
    "load_side",
    "load_synonyms",
    "match_indicators",
    "merge_groups",
    "only_differences",
    "relate",
    "side_from_plan",
    "unit_factor",
    "wording",
]
