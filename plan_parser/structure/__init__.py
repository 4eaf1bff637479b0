"""Stages 3-5: `Document` -> `Analysis` (noise, front matter, outline, boxes, paragraphs).

- `noise`: page chrome, tables of contents, page numbers, running headers -> skipped lines;
- `front`: the web page's metadata header, the notice around the plan, its title and period;
- `markers`: heading and box patterns, ordered data, most specific first; `match_heading`;
- `contents`: the document's own table of contents, read as evidence for the outline;
- `outline`: the loop over the body's lines; `headings` (levels by scheme, path ids, expected
  numbers), `boxes` (专栏 and their entries), `passages` (paragraph `Block`s);
- `analysis`: `analyse(text) -> Analysis`, everything the stages produced, for extractors.

Guarantees: every node, box and block carries its line and span in the decoded text; ids are
paths that survive re-runs. Knows nothing about quantities or projects: may import `read`,
`lang`, `models`, `errors`; never extract, diff, dataset or cli (tests/test_layers.py).
"""
