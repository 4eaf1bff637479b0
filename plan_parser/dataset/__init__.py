"""Many plans -> files: `build` (a raw directory -> JSON + YAML per plan + manifest.json) and
`export` (plans -> CSV/XLSX tables).

Guarantees: every byte written is a function of the inputs, their relative names and the tool
and schema versions; nothing depends on `--jobs` or on order. May import the pipeline and every
stage below it; never diff or cli.
"""
