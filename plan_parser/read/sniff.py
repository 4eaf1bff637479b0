"""What kind of file some bytes are, from the bytes themselves (not the file name)."""

from __future__ import annotations

import re
from typing import Literal

Format = Literal["pdf", "docx", "ole2", "encrypted-office", "zip", "odf", "ofd", "rtf", "text"]

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
# an encrypted .docx/.xlsx is an OLE2 file holding a stream named EncryptedPackage
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def sniff(data: bytes) -> Format:
    """The container format of `data`; "text" for anything else (text, HTML, or garbage the
    text decoder refuses)."""
    head = data[:1024]
    if PDF_MAGIC in head:
        return "pdf"
    if data.startswith(OLE2_MAGIC):
        return "encrypted-office" if ENCRYPTED_PACKAGE in data else "ole2"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    return "text"


def looks_like_html(text: str) -> bool:
    """Decoded text that is an HTML page (here, not in `html.py`: a plain-text plan never loads
    the HTML parser)."""
    head = text[:4096]
    return bool(_HTML_START.match(head)) or len(_HTML_TAGS.findall(head)) >= 2


_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<html\b)", re.I)
_HTML_TAGS = re.compile(r"<(?:body|p|div|br|table)\b", re.I)


def _zip_kind(data: bytes) -> Format:
    import io
    import zipfile  # here: with bz2 and lzma, a few ms a plain-text plan need not pay

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and z.read("mimetype").startswith(
                b"application/vnd.oasis.opendocument"
            ):
                return "odf"
            if "OFD.xml" in names:
                return "ofd"
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        pass
    if b"word/document.xml" in data[:65536]:
        return "docx"  # a damaged .docx: its reader says what is wrong
    return "zip"
