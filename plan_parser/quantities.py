"""Quantities extractor (filled by the quantities issue)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Quantity

if TYPE_CHECKING:
    from .pipeline import ParsedText


def extract_quantities(parsed: ParsedText) -> list[Quantity]:
    return []
