"""Stages 1-2: bytes -> `Document`. Reading knows nothing about outlines or extractors.

- `decode`: `read_path`, `decode_bytes`, `plausible_text`: encodings tried in a stated order, and
  input that is not a document refused with `InputError` (the reason and the fix);
- `sniff`: the format from the bytes (PDF, .docx, old .doc/.wps, OpenDocument, OFD, RTF, zip, text);
- `html`: `looks_like_html`, `html_to_text`;
- `pdf`, `docx`: PDF (pypdfium2) and Word (python-docx) files -> `Extracted` text with the page of
  each line, the removed page furniture and the tables (optional extras `[pdf]`, `[docx]`);
- `normalize`: `fold`, `normalize` -> `Document` of `Line`s, width-folded 1:1 so offsets map back.

Guarantees: decoded, plausible text, and a fold that keeps every offset (`len(fold(t)) == len(t)`).
May import `models`, `lang`, `errors`; never structure, extract, diff, dataset or cli.
"""
