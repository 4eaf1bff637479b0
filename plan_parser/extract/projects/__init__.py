"""Projects: programs (计划, 工程, 行动 …) and construction projects, with place and status.

`extract_projects(analysis)` is the extractor; its code is `core.py` (to be split along its
`# ---` sections: lexicon, boxes, construction, programs, registry) and its words
`lexicon/projects.yaml`. `select_projects` and the CSV layout `PROJECT_COLUMNS` serve the CLI.
"""

from .core import PROJECT_COLUMNS, extract_projects, select_projects

__all__ = ["PROJECT_COLUMNS", "extract_projects", "select_projects"]
