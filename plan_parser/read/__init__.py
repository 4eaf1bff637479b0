"""Stages 1-2: bytes -> `Document`. Reading knows nothing about outlines or extractors.

- `decode`: `read_path`, `decode_bytes`, `plausible_text`: encodings tried in a stated order, and
  input that is not a document refused with `InputError` (the reason and the fix);
- `html`: `looks_like_html`, `html_to_text`;
- `normalize`: `fold`, `normalize` -> `Document` of `Line`s, width-folded 1:1 so offsets map back.

Guarantees: decoded, plausible text, and a fold that keeps every offset (`len(fold(t)) == len(t)`).
May import `models`, `lang`, `errors`; never structure, extract, diff, dataset or cli.
Other input formats (PDF, Word) will sit beside `html` as their own modules.
"""
