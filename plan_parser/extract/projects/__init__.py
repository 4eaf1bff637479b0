"""Projects: programs (计划, 工程, 行动 …) and construction projects, with place and status.

`extract_projects(analysis)` is the extractor (`core.py`); its steps are `passages.py`,
`boxes.py`, `construction.py`, `programs.py` and `tables.py`, its records and ids `registry.py`,
and its words `lexicon/projects.yaml` (read by `lexicon.py`). `select_projects` and the CSV
layout `PROJECT_COLUMNS` serve the CLI.
"""

from .core import extract_projects
from .registry import PROJECT_COLUMNS, select_projects

__all__ = ["PROJECT_COLUMNS", "extract_projects", "select_projects"]
