"""Quantities: every figure a plan commits to or reports (target, baseline, standard).

`extract_quantities(analysis)` is the extractor (`core.py`); the steps are `sections.py`,
`triggers.py`, `finders.py`, `intervals.py`, `indicator.py`, `boundary.py`, `periods.py`,
`kind.py`, `record.py` and `tables.py` (`core.py` says what each does), and its words
`lexicon/quantities.yaml` (read by `lexicon.py`). `select.py`: the CSV columns and the kind
filter that `plan-parser quantities` uses.
"""

from .core import extract_quantities
from .select import QUANTITY_COLUMNS, select_quantities

__all__ = ["QUANTITY_COLUMNS", "extract_quantities", "select_quantities"]
