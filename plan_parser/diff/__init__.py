"""`plan-parser diff`: which of B's targets A adopts, raises, lowers or leaves out; which chapters
and programs A carries over; what A adds of its own. The JSON form is `models.diff.PlanDiff`.

    side_a, side_b = load_side(path_a), load_side(path_b)     # raw plan, output or sheet
    result = diff_sides(side_a, side_b)                        # -> PlanDiff
    result = only_differences(result)                          # optional filter

- `inputs.py`: the three input kinds as one `DiffSide` (`sheet.py` reads quantity sheets).
- `lexicon.py`: `lexicon/diff.yaml`, the synonym groups, the normalized text form.
- `wording.py`: indicator wordings prepared and compared. Wordings are width-folded, stripped of
  quotes and of a whole-jurisdiction scope (全市, 全省), rewritten with the synonym list, and cut
  into words with jieba. Two pair if they are the same after that, or if one only adds
  non-restrictive words to the other (九年 + 义务教育巩固率).
- `relations.py`: units (万人 and 人 convert), direction, and `relate`: A stricter, looser, same …
- `indicators.py`: `match_indicators`, quantities paired by wording (same kind, convertible
  units), not by position; every unmatched quantity gets its nearest near-miss.
- `headings.py`: `align_outline`, parts, chapters and sections by title similarity, across levels.
- `programs.py`: `match_programs`, programs (projects and box entries) by normalized name.
- `compare.py`: `diff_sides`, `diff_paths`, `only_differences`: the three parts together.
- `report.py`: the rich, Markdown and CSV reports.

Guarantees: every pairing and relation carries its reason. May import the pipeline and every stage
below it; never dataset or cli.
"""

from ..models.diff import PlanDiff
from ..models.schema import diff_schema
from .compare import diff_paths, diff_sides, only_differences
from .indicators import match_indicators
from .inputs import DiffSide, load_side, side_from_plan
from .lexicon import Synonyms, load_synonyms, merge_groups
from .relations import relate, unit_factor
from .wording import compare_wordings, wording

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
