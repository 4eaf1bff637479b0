"""Quantities: every figure a plan commits to or reports (target, baseline, standard).

`extract_quantities(analysis)` is the extractor; its code is `core.py` (to be split along its
`# ---` sections: finders, indicator, kind, tables) and its words `lexicon/quantities.yaml`.
"""

from .core import extract_quantities

__all__ = ["extract_quantities"]
