"""Quantities: every figure a plan commits to or reports (target, baseline, standard).

`extract_quantities(analysis)` is the extractor (`core.py`); the steps are `finders.py`,
`intervals.py`, `indicator.py`, `kind.py` and `tables.py`, and its words `lexicon/quantities.yaml`
(read by `lexicon.py`).
"""

from .core import extract_quantities

__all__ = ["extract_quantities"]
