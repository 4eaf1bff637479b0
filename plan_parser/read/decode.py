"""Stage 1: bytes -> text. Detect the format (`sniff.py`) and the encoding, refuse what is not a
document, strip HTML (`html.py`), read PDF (`pdf.py`) and Word (`docx.py`) files.

Encodings tried, in order: a BOM (UTF-8, UTF-16 LE/BE), strict UTF-8, strict GB18030 (a superset
of GBK and GB2312). A decoding is accepted only if the text looks like a document: almost all of it
printable, little private-use or control noise. Otherwise the input is refused with `InputError`
rather than silently parsed as garbage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .extracted import Furniture
from .html import html_layout, looks_like_html
from .sniff import sniff

BOMS: list[tuple[bytes, str]] = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
MAX_BYTES = 200 * 1024 * 1024
REFUSED = {
    "ole2": "an old binary Word (.doc) or WPS (.wps) file: open it and save it as .docx",
    "encrypted-office": "an encrypted (password protected) Office file: save an unprotected copy",
    "odf": "an OpenDocument file (.odt): save it as .docx",
    "ofd": "an OFD file: export it as PDF",
    "rtf": "an RTF file: save it as .docx",
    "zip": "a zip archive, not a plan document: unpack it and parse the files inside",
}


@dataclass(frozen=True)
class DecodedInput:
    text: str
    encoding: str
    format: str  # "text" | "html" | "pdf" | "docx"
    raw_bytes: bytes
    pages: list[int] | None = field(default=None, repr=False)  # PDF: the page of each line
    # HTML: line of each table row with a spanning cell -> (rowspan, colspan) of its cells
    layout: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    furniture: list[Furniture] = field(default_factory=list, repr=False)  # PDF, Word: taken out


def read_path(path: Path) -> DecodedInput:
    """Read and decode a file; raise `InputError` with the reason and the fix."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a plan document (pass a file)")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size} bytes is larger than the {MAX_BYTES} byte limit")
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return decode_bytes(data, name=str(path))


def decode_bytes(data: bytes, *, name: str = "<input>") -> DecodedInput:
    if not data.strip():
        raise InputError(f"{name}: file is empty or only whitespace")
    kind = sniff(data)
    if kind == "pdf":
        from .pdf import pdf_to_text

        ex = pdf_to_text(data, name=name)
        return DecodedInput(ex.text, "utf-8", "pdf", data, ex.pages, furniture=ex.furniture)
    if kind == "docx":
        from .docx import docx_to_text

        ex = docx_to_text(data, name=name)
        return DecodedInput(ex.text, "utf-8", "docx", data, furniture=ex.furniture)
    if kind in REFUSED:
        raise InputError(f"{name}: {REFUSED[kind]}")
    text, encoding = _decode(data, name)
    if not text.strip():
        raise InputError(f"{name}: file is empty or only whitespace")
    if looks_like_html(text):
        body, layout = html_layout(text)
        if not body.strip():
            raise InputError(f"{name}: HTML page has no body text")
        return DecodedInput(body, encoding, "html", data, layout=layout)
    return DecodedInput(text, encoding, "text", data)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(
                    f"{name}: has a {encoding} byte-order mark but invalid bytes"
                ) from None
            return text.lstrip("\ufeff"), encoding.replace("-sig", "")
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: binary file (NUL bytes), not a text or HTML plan")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if plausible_text(text):
            return text, encoding
    raise InputError(
        f"{name}: cannot decode as UTF-8, UTF-16 (with BOM) or GB18030 text; "
        "convert it to UTF-8 first"
    )


def _is_plain(ch: str) -> bool:
    o = ord(ch)
    if ch in "\t\n\r\f\v":
        return True
    if o < 0x20 or 0x7F <= o < 0xA0:
        return False
    return not (0xE000 <= o <= 0xF8FF or o == 0xFFFD)  # private use, replacement


def _is_common(ch: str) -> bool:
    """Characters of ordinary Chinese government text."""
    o = ord(ch)
    return (
        o < 0x80
        or 0x4E00 <= o <= 0x9FFF  # CJK unified ideographs
        or 0x3000 <= o <= 0x303F  # CJK punctuation
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x2000 <= o <= 0x206F  # general punctuation (— “ ” …)
        or o in (0xA0, 0xB7, 0xD7, 0x2236, 0x25CF, 0x25A0, 0x3007)
    )


def plausible_text(text: str) -> bool:
    """True if `text` reads as a document rather than mis-decoded bytes."""
    sample = text[:200_000]
    if not sample:
        return False
    n = len(sample)
    bad = sum(1 for ch in sample if not _is_plain(ch))
    if bad / n > 0.01:
        return False
    common = sum(1 for ch in sample if _is_common(ch))
    return common / n >= 0.85
