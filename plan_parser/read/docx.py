"""Word (.docx) -> text with python-docx: paragraphs, tables, text boxes and 专栏 frames.

The body is read in document order. A paragraph is a line. A table with two or more columns is
a table: one row per line, cells separated by a TAB (a merged cell once). A one-column table is
a frame (a 专栏 drawn as a box): its paragraphs are read as paragraphs. Text boxes (w:txbxContent)
are read after the paragraph that anchors them. Word's automatic numbering (w:numPr on the
paragraph or its style) is written before the text as the marker a reader sees (一、 （一） 1.,
`docx_numbering.py`). Heading styles are hints, not truth: a Heading paragraph is a line of its
own, but the outline reads the markers in the text (and unnumbered heading words, 前言).
Headers and footers are reported as `Furniture`, not read into the text.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from .docx_numbering import Numbering
from .extracted import Extracted, Furniture, TextBuilder

INSTALL_HINT = "pip install 'plan-parser[docx]'"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def docx_to_text(data: bytes, *, name: str = "<input>") -> Extracted:
    try:
        import docx
    except ImportError:
        raise InputError(f"reading Word files needs the docx extra: {INSTALL_HINT}") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{name}: damaged Word file, cannot be opened ({exc})") from None
    except Exception as exc:  # lxml's XMLSyntaxError and python-docx's own errors
        raise InputError(
            f"{name}: damaged Word file, cannot be read ({type(exc).__name__})"
        ) from None
    builder = TextBuilder()
    _read_blocks(document.element.body, builder, Numbering.of(document))
    furniture: list[Furniture] = []
    seen: set[tuple[str, str]] = set()
    for section in document.sections:
        for where, parts in (
            ("header", (section.header, section.first_page_header)),
            ("footer", (section.footer, section.first_page_footer)),
        ):
            for part in parts:
                if part.is_linked_to_previous:
                    continue
                text = " ".join(p.text.strip() for p in part.paragraphs if p.text.strip())
                if text and (where, text) not in seen:
                    seen.add((where, text))
                    furniture.append(Furniture(None, where, text))  # type: ignore[arg-type]
    if not builder.lines:
        raise InputError(f"{name}: Word document has no text")
    return builder.build(paged=False, page_count=None, furniture=furniture)


def _read_blocks(parent: Any, builder: TextBuilder, numbering: Numbering) -> None:
    for child in parent.iterchildren():
        tag = child.tag
        if tag == f"{W}p":
            builder.paragraph(_numbered(numbering.marker(child), _paragraph_text(child)))
            for box in _text_boxes(child):
                _read_blocks(box, builder, numbering)
        elif tag == f"{W}tbl":
            _read_table(child, builder, numbering)
        elif tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                _read_blocks(content, builder, numbering)


def _numbered(marker: str, text: str) -> str:
    """Word's automatic number before the text, as a reader sees it (一、发展战略, 1. Scope)."""
    if not marker or not text.strip():
        return text
    sep = " " if marker[-1].isalnum() else ""
    return marker + sep + text.lstrip()


def _paragraph_text(p: Any) -> str:
    """The runs' text of a paragraph (not of the text boxes anchored in it)."""
    parts: list[str] = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}txbxContent", MC_FALLBACK):
        if el.tag == f"{W}t" and not _inside(el, p, (f"{W}txbxContent", MC_FALLBACK)):
            parts.append(el.text or "")
        elif el.tag == f"{W}tab" and not _inside(el, p, (f"{W}txbxContent", MC_FALLBACK)):
            parts.append(" ")
    return "".join(parts)


def _inside(el: Any, stop: Any, tags: tuple[str, ...]) -> bool:
    node = el.getparent()
    while node is not None and node is not stop:
        if node.tag in tags:
            return True
        node = node.getparent()
    return False


def _text_boxes(p: Any) -> Iterator[Any]:
    """Text boxes anchored in a paragraph, each once (not the VML copy kept for old readers)."""
    for box in p.iter(f"{W}txbxContent"):
        if not _inside(box, p, (MC_FALLBACK,)) and not _inside(box, p, (f"{W}txbxContent",)):
            yield box


def _cell_text(tc: Any) -> str:
    paras = [_paragraph_text(p).strip() for p in tc.iter(f"{W}p")]
    return " ".join(p for p in paras if p)


def _read_table(tbl: Any, builder: TextBuilder, numbering: Numbering) -> None:
    rows: list[list[str]] = []
    width = 0
    for tr in tbl.iterchildren(f"{W}tr"):
        cells: list[str] = []
        for tc in tr.iterchildren(f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            vmerge = props.find(f"{W}vMerge") if props is not None else None
            if vmerge is not None and vmerge.get(f"{W}val") in (None, "continue"):
                cells.append("")  # the lower part of a vertically merged cell
                continue
            cells.append(_cell_text(tc))
        rows.append(cells)
        width = max(width, len(cells))
    if width <= 1:  # a frame: read what is inside as paragraphs
        for tc in tbl.iter(f"{W}tc"):
            _read_blocks(tc, builder, numbering)
        return
    builder.table(rows)
