"""Facts beside the outline: each extractor reads one `Analysis` and returns records in document
order, each pointing into the tree by `node_id`, `line` and `span` (`base.Extractor`).

- `quantities`: targets, baselines and standards with their indicator, scope and year;
- `projects`: programs and construction projects, with their place and status.

The pipeline runs them in the order `pipeline.extractors()` lists. May import `structure`, `read`,
`lang`, `models`, `errors`; never diff, dataset or cli (tests/test_layers.py). Adding an
extractor never changes the tree.
"""
