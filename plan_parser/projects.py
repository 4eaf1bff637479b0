"""Projects extractor (filled by the projects issue)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Project

if TYPE_CHECKING:
    from .pipeline import ParsedText


def extract_projects(parsed: ParsedText) -> list[Project]:
    return []
