"""Stage 2: a length-preserving normalization and the line table.

Plans arrive with full-width or half-width punctuation and ASCII, ideographic-space (U+3000) or no
indentation. Every pattern downstream runs on `Document.norm`, in which full-width ASCII forms are
folded to half-width and every kind of space to U+0020. The folding maps one character to one
character, so an offset into `norm` is the same offset into the original decoded `text`: spans and
quotes always refer to the original, with no offset map to keep in sync.

Lines are split on CRLF, CR or LF only (not on the exotic separators `str.splitlines` knows),
so line numbers agree with `sed -n`, editors and `wc -l`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate
from typing import NamedTuple

_FOLD: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update(
    {
        0x3000: 0x20,  # ideographic space
        0x00A0: 0x20,  # no-break space
        0x2002: 0x20,
        0x2003: 0x20,
        0x2009: 0x20,
        0x200B: 0x20,  # zero-width space: kept 1:1 as a space
        0x2236: 0x3A,  # ∶ ratio colon
        0xFE55: 0x3A,  # small colon
        0x2027: 0xB7,  # hyphenation point
    }
)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


# runs of characters that fold: only they go through `str.translate` (3% of a plan's text)
# (`[…][…]*`, not `[…]+`: re skips ahead to a match's first character only when a pattern
# starts with a plain class)
_FOLD_CHAR = "[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD)) + "]"
_FOLDS = re.compile(f"{_FOLD_CHAR}{_FOLD_CHAR}*")
# the same runs, kept by `re.split` between the text around them
_FOLD_SPLIT = re.compile(f"({_FOLD_CHAR}{_FOLD_CHAR}*)")


def fold(text: str) -> str:
    """Fold full-width forms and spaces; `len(fold(t)) == len(t)` always."""
    parts = _FOLD_SPLIT.split(text)  # text, run, text, run, …, text
    if len(parts) == 1:
        return text
    # all runs translated at once, joined by a line break (never folded, never in a run)
    parts[1::2] = "\n".join(parts[1::2]).translate(_FOLD).split("\n")
    return "".join(parts)


def line_count(text: str) -> int:
    """`len(normalize(text).lines)`, without normalizing: CRLF, CR and LF each end a line, and
    text after the last break (or no break at all) is one more."""
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    return breaks + (1 if not breaks or not text.endswith(("\n", "\r")) else 0)


class Line(NamedTuple):
    """One line of the document, with the facts every stage reads computed once (`make_line`)."""

    no: int  # 1-based
    start: int  # offset of the first character
    end: int  # offset after the last character (line break excluded)
    text: str  # normalized text of the line
    stripped: str  # the text without surrounding whitespace
    content_start: int  # offset of the first non-space character (the end for a blank line)
    content_end: int  # offset after the last non-space character


# a `Line` from its seven fields, without the named tuple's Python-level `__new__`
_new_line = partial(tuple.__new__, Line)


def make_line(no: int, start: int, text: str) -> Line:
    stripped = text.strip()
    if stripped is text:  # nothing to strip (str.strip returns the string itself)
        return Line(no, start, start + len(text), text, text, start, start + len(text))
    content_start = start + (len(text) - len(text.lstrip()))
    content_end = start + len(text.rstrip())
    return Line(no, start, start + len(text), text, stripped, content_start, content_end)


@dataclass
class Document:
    text: str  # original decoded text: spans index this
    norm: str  # folded text, same length
    lines: list[Line]
    _starts: list[int] = field(default_factory=list, repr=False)

    def line_of(self, offset: int) -> int:
        """1-based line number holding `offset`."""
        return bisect.bisect_right(self._starts, offset)

    def line(self, no: int) -> Line:
        return self.lines[no - 1]

    def original(self, ln: Line) -> str:
        """The line as written in the decoded input, without surrounding whitespace."""
        return self.text[ln.content_start : ln.content_end]


def normalize(text: str) -> Document:
    norm = fold(text)
    lines: list[Line] = []
    pos = 0
    if "\r" not in norm:  # LF only: split, with no match object per line
        pieces = norm.split("\n")
        if len(pieces) > 1 and not pieces[-1]:
            pieces.pop()  # the text ends with its last line's break
        starts = list(accumulate([len(piece) + 1 for piece in pieces], initial=0))
        del starts[-1]
        append = lines.append
        for no, (pos, piece) in enumerate(zip(starts, pieces, strict=True), 1):  # `make_line`
            stripped = piece.strip()
            end = pos + len(piece)
            if stripped is piece:  # nothing to strip (most lines)
                append(_new_line((no, pos, end, piece, piece, pos, end)))
                continue
            lead = len(piece) - len(piece.lstrip())
            content_end = pos + len(piece.rstrip())
            append(_new_line((no, pos, end, piece, stripped, pos + lead, content_end)))
        return Document(text=text, norm=norm, lines=lines, _starts=starts)
    for m in _LINE_BREAK.finditer(norm):
        lines.append(make_line(len(lines) + 1, pos, norm[pos : m.start()]))
        pos = m.end()
    if pos < len(norm) or not lines:
        lines.append(make_line(len(lines) + 1, pos, norm[pos:]))
    return Document(text=text, norm=norm, lines=lines, _starts=[ln.start for ln in lines])
