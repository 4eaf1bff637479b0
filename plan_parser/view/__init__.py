"""Review pages: a plan beside its source text, and a diff, as self-contained HTML.

`render_plan(plan, text)` and `render_diff(diff, a_text, b_text)` return one HTML string each;
CSS, JavaScript and data are inlined, nothing is fetched, and the bytes depend only on the inputs.
"""

from __future__ import annotations

from .diffpage import render_diff
from .page import render_plan

__all__ = ["render_diff", "render_plan"]
