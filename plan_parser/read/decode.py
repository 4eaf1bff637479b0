"""Stage 1: bytes -> text. Detect the format (`sniff.py`) and the encoding, refuse what is not a
document, strip HTML (`html.py`), read PDF (`pdf.py`) and Word (`docx.py`) files.

Encodings tried, in order: a BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE, GB18030), strict UTF-8,
strict GB18030 (a superset of GBK and GB2312). A NUL byte anywhere refuses the input. A decoding
is accepted only if the text looks like a document: almost all of it printable, little private-use
or control noise. Otherwise the input is refused with `InputError`
rather than silently parsed as garbage.
"""

from __future__ import annotations

import errno
import os
import re
import select
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .extracted import Furniture
from .sniff import looks_like_html, sniff

# Byte-order marks, longest first where one is a prefix of another (UTF-32LE starts like UTF-16LE).
# The encoding recorded for the input is the second name.
BOMS: list[tuple[bytes, str, str]] = [
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
    (b"\x84\x31\x95\x33", "gb18030", "gb18030"),
]
# Default of `--max-bytes`: the most any input is read, whatever its size claims to be.
MAX_BYTES = 200 * 1024 * 1024
REFUSED = {
    "ole2": "an old binary Word (.doc) or WPS (.wps) file: open it and save it as .docx",
    "encrypted-office": "an encrypted (password protected) Office file: save an unprotected copy",
    "odf": "an OpenDocument file (.odt): save it as .docx",
    "ofd": "an OFD file: export it as PDF",
    "rtf": "an RTF file: save it as .docx",
    "zip": "a zip archive, not a plan document: unpack it and parse the files inside",
}
# A pipe or FIFO that gives no data for this long is refused rather than waited on forever.
PIPE_IDLE_SECONDS = 5.0
_CHUNK = 1 << 20
_max_bytes = MAX_BYTES


def set_max_bytes(limit: int) -> None:
    """Change the read limit of this process (the CLI's `--max-bytes`)."""
    global _max_bytes
    if limit <= 0:
        raise InputError(f"--max-bytes {limit}: must be a positive number of bytes")
    _max_bytes = limit


def max_bytes() -> int:
    return _max_bytes


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
    return decode_bytes(read_bytes(path), name=str(path))


def read_bytes(path: Path, *, limit: int | None = None, name: str | None = None) -> bytes:
    """The bytes of a regular file or a pipe, never more than `limit` (`--max-bytes`) read.

    Anything else (a directory, a device such as /dev/zero, a socket) is refused before it is
    opened; a FIFO without a writer, or one whose writer sends nothing for PIPE_IDLE_SECONDS, is
    refused rather than waited on. `InputError` says which."""
    shown = str(path) if name is None else name
    cap = _max_bytes if limit is None else limit
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(f"{shown}: {_open_error(path, exc)}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{shown}: is a directory, not a plan document (pass a file)")
    if stat.S_ISREG(st.st_mode):
        if st.st_size > cap:
            raise InputError(f"{shown}: {st.st_size} bytes is larger than the {cap} byte limit")
    elif not stat.S_ISFIFO(st.st_mode):
        raise InputError(f"{shown}: not a regular file or a pipe (a device?); pass a plan file")
    pipe = stat.S_ISFIFO(st.st_mode)
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | (os.O_NONBLOCK if pipe else 0))
    except OSError as exc:
        raise InputError(f"{shown}: {_open_error(path, exc)}") from None
    try:
        kind = os.fstat(fd).st_mode  # the file opened, not the one stat saw
        if stat.S_ISFIFO(kind):
            return _read_pipe(fd, cap, shown)
        if not stat.S_ISREG(kind):
            raise InputError(f"{shown}: not a regular file or a pipe; pass a plan file")
        data = _read_upto(fd, cap + 1)
    except OSError as exc:
        raise InputError(f"{shown}: cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if len(data) > cap:
        raise InputError(f"{shown}: more than the {cap} byte limit (--max-bytes)")
    return data


def read_stdin(*, limit: int | None = None) -> bytes:
    """Standard input (`-`), bounded like `read_bytes`: a pipe or a redirected regular file."""
    cap = _max_bytes if limit is None else limit
    try:
        fileno = sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):  # replaced (a test runner): read it, bounded
        data = sys.stdin.buffer.read(cap + 1)
        if len(data) > cap:
            raise InputError(f"stdin: more than the {cap} byte limit (--max-bytes)") from None
        return data
    if fileno != 0:
        data = sys.stdin.buffer.read(cap + 1)
        if len(data) > cap:
            raise InputError(f"stdin: more than the {cap} byte limit (--max-bytes)")
        return data
    try:
        mode = os.fstat(0).st_mode
        if stat.S_ISFIFO(mode):
            fd = os.dup(0)
            try:
                os.set_blocking(fd, False)
                return _read_pipe(fd, cap, "stdin")
            finally:
                os.close(fd)
        if not stat.S_ISREG(mode):
            raise InputError("stdin: not a pipe or a file (a terminal?); pipe a plan into it")
        data = _read_upto(0, cap + 1)
    except OSError as exc:
        raise InputError(f"stdin: cannot read ({exc.strerror or exc})") from None
    if len(data) > cap:
        raise InputError(f"stdin: more than the {cap} byte limit (--max-bytes)")
    return data


def _open_error(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (a link that leads back to itself); fix or remove the link"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENOENT:
        return "dangling symbolic link" if os.path.islink(path) else "no such file"
    if exc.errno == errno.ENOTDIR:
        return "no such file (a part of the path is not a directory)"
    return f"cannot read ({exc.strerror or exc})"


def _read_upto(fd: int, n: int) -> bytes:
    chunks: list[bytes] = []
    got = 0
    while got < n:
        chunk = os.read(fd, min(_CHUNK, n - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _read_pipe(fd: int, cap: int, shown: str) -> bytes:
    """Read a pipe opened non-blocking: to its end, at most `cap` bytes, never idle for long."""
    chunks: list[bytes] = []
    got = 0
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    while True:
        try:
            chunk = os.read(fd, _CHUNK)
        except BlockingIOError:
            if not poller.poll(PIPE_IDLE_SECONDS * 1000):
                raise InputError(
                    f"{shown}: no data from the pipe or FIFO for {PIPE_IDLE_SECONDS:g} s; "
                    "is its writer stuck?"
                ) from None
            continue
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
        if got > cap:
            raise InputError(f"{shown}: more than the {cap} byte limit (--max-bytes)")
    if not got:
        raise InputError(f"{shown}: a FIFO or pipe with nothing to read (no writer)")
    return b"".join(chunks)


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
        from .html import html_layout  # the HTML parser, for HTML only

        body, layout = html_layout(text)
        if not body.strip():
            raise InputError(f"{name}: HTML page has no body text")
        return DecodedInput(body, encoding, "html", data, layout=layout)
    return DecodedInput(text, encoding, "text", data)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, codec, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise InputError(
                    f"{name}: has a {encoding} byte-order mark but invalid bytes"
                ) from None
            text = text.lstrip("\ufeff")  # a doubled byte-order mark
            if "\x00" in text:
                raise InputError(f"{name}: binary file (NUL bytes), not a text or HTML plan")
            return text, encoding
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (NUL bytes), {_nul_hint(data)}")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if plausible_text(text):
            return text, encoding
    raise InputError(f"{name}: {_undecodable(data)}")


def _nul_hint(data: bytes) -> str:
    """What a file with NUL bytes probably is: UTF-16 without a byte-order mark, or binary."""
    head = data[: min(len(data), 65536) // 2 * 2]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            if plausible_text(head.decode(codec)):
                return (
                    "looks like UTF-16 without a byte-order mark; save it as UTF-8 "
                    "(or as UTF-16 with a byte-order mark)"
                )
        except UnicodeDecodeError:
            continue
    return "not a text or HTML plan"


def _undecodable(data: bytes) -> str:
    """Why no encoding fits; for text that is UTF-8 up to one bad spot, where that spot is."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        if exc.start >= 64 and not head.isascii() and plausible_text(head.decode("utf-8")):
            line = head.count(b"\n") + 1
            if exc.end >= len(data) and exc.reason == "unexpected end of data":
                what = "the file ends in the middle of a character (cut short?)"
            else:
                what = f"byte 0x{data[exc.start]:02x} is not UTF-8"
            return (
                f"invalid UTF-8 at byte {exc.start} (line {line}): {what}; the text before it "
                "is UTF-8: repair that spot"
            )
    return (
        "cannot decode as UTF-8, UTF-16/UTF-32 (with BOM) or GB18030 text; "
        "convert it to UTF-8 first"
    )


# characters that are not plain text: control characters other than \t \n \v \f \r, C1
# controls, private use, the replacement character
NOT_PLAIN = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]+")
# characters outside ordinary Chinese government text
UNCOMMON = re.compile(
    "[^"
    "\x00-\x7f"  # ASCII
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\u3000-\u303f"  # CJK punctuation
    "\uff00-\uffef"  # full-width forms
    "\u2000-\u206f"  # general punctuation (— “ ” …)
    "\xa0\xb7\xd7\u2236\u25cf\u25a0"
    "]+"
)


# what is neither: every character NOT_PLAIN or UNCOMMON matches is here, so both are counted
# over these (few) characters after one pass over the text
_RARE_CHAR = (
    "[^\t\n\x0b\x0c\r\x20-\x7e\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f"
    "\xa0\xb7\xd7\u2236\u25cf\u25a0]"
)
# Runs of a class are written `[…][…]*`, not `[…]+`: re skips ahead to the first character of a
# match only when a pattern starts with a plain class (a repeat it tries at every position),
# about 3x faster over a whole text
_RARE = re.compile(f"{_RARE_CHAR}{_RARE_CHAR}*")


def _count(pattern: re.Pattern[str], text: str) -> int:
    """Characters of `text` in runs that `pattern` matches (no loop over the characters)."""
    return sum(map(len, pattern.findall(text)))


def plausible_text(text: str) -> bool:
    """True if `text` reads as a document rather than mis-decoded bytes."""
    sample = text[:200_000]
    if not sample:
        return False
    n = len(sample)
    rare = "".join(_RARE.findall(sample))
    if _count(NOT_PLAIN, rare) / n > 0.01:
        return False
    return (n - _count(UNCOMMON, rare)) / n >= 0.85


# Chinese characters (CJK unified ideographs and extension A) and Latin letters, in runs
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff][\u3400-\u4dbf\u4e00-\u9fff]*")
_LATIN = re.compile("[A-Za-z\uff21-\uff3a\uff41-\uff5a][A-Za-z\uff21-\uff3a\uff41-\uff5a]*")
# Below this share of Chinese characters among the letters, a text is not a Chinese document
# (an English page with a few Chinese names; a plan quoting EFLOPS, 5G and AI stays far above).
MIN_HAN_SHARE = 0.1


def require_chinese(text: str, name: str) -> None:
    """Refuse a text with (almost) no Chinese: `hello world`, an English document, a CSV of
    numbers. A plan, however short, is written in Chinese."""
    sample = text[:200_000]
    han = 0
    for run in _HAN.finditer(sample):
        han += run.end() - run.start()
        if han > MIN_HAN_SHARE * len(sample):
            return  # the Latin letters, at most the other characters, cannot outweigh it
    latin = _count(_LATIN, sample)
    if han == 0 or han < MIN_HAN_SHARE * (han + latin):
        raise InputError(
            f"{name}: not a Chinese plan document ({han} Chinese characters, {latin} Latin "
            "letters); plan-parser reads Chinese government plans"
        )
