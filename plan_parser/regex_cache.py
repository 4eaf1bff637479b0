"""Compiled regular expressions kept on disk between runs of the command line (`plan-parser`).

A cold `plan-parser parse` compiles some 300 patterns (the lexicons' alternations, the markers,
the number finders), about a tenth of its start-up: CPython's `re` parses each pattern and builds
its matching code in Python, every process again. That code depends only on the pattern, its
flags and the interpreter, so it is kept in the user's cache directory (one file per interpreter
build and `_sre` version) and handed back to `_sre.compile` in the next process, which checks it
as it would any code (`RuntimeError` on anything malformed, then the pattern is compiled the
ordinary way).

Installed by the command line only (`install()`, from `cli.main`), never by importing the
library. Off with `PLAN_PARSER_REGEX_CACHE=0`. The file is written once per process at exit,
only when a pattern was missing, through a temporary file and a rename; it holds the patterns this
process compiled (at most `MAX_ENTRIES`), so patterns that a past run needed and this one did not
(built from another document's text, or from a set in hash order) do not pile up.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import importlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

MAX_ENTRIES = 2000
_installed = False


def cache_file() -> Path | None:
    """The cache of this interpreter build, or None when the cache is off."""
    if os.environ.get("PLAN_PARSER_REGEX_CACHE", "1") in ("0", "", "false", "no"):
        return None
    _sre: Any = importlib.import_module("_sre")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    tag = f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}"
    digest = hashlib.sha256(tag.encode()).hexdigest()[:16]
    return Path(base) / "plan-parser" / f"regex-{digest}.marshal"


def install() -> None:
    """Serve `re`'s compilations from the cache for the rest of this process."""
    global _installed
    if _installed or not (3, 11) <= sys.version_info[:2] <= (3, 13):  # re._compiler as known
        return
    try:
        _sre: Any = importlib.import_module("_sre")
        compiler: Any = importlib.import_module("re._compiler")
    except ImportError:  # another implementation, or a CPython without re._compiler
        return
    path = cache_file()
    if path is None:
        return
    try:
        entries = marshal.loads(path.read_bytes())
        if not isinstance(entries, dict):
            entries = {}
    except (OSError, EOFError, ValueError, TypeError):
        entries = {}
    used: dict[Any, Any] = {}  # this process's patterns: the next file
    missed = False
    original = compiler.compile

    def compile(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, str | bytes) or flags & compiler.SRE_FLAG_DEBUG:
            return original(p, flags)
        key = (p, int(flags))
        nonlocal missed
        entry = entries.get(key)
        if entry is not None:
            try:
                compiled = _sre.compile(p, *entry)
                used[key] = entry
                return compiled
            except Exception:  # a damaged entry: compile the ordinary way
                del entries[key]
        args = _arguments(compiler, p, int(flags))  # what re._compiler.compile does
        compiled = _sre.compile(p, *args)
        if len(used) < MAX_ENTRIES:
            used[key] = args
            missed = True
        return compiled

    def save() -> None:
        if not missed:
            return
        with contextlib.suppress(OSError, ValueError):
            path.parent.mkdir(parents=True, exist_ok=True)
            data = marshal.dumps(used)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regex-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise

    compiler.compile = compile
    atexit.register(save)
    _installed = True


def _arguments(compiler: Any, p: str | bytes, flags: int) -> tuple[Any, ...]:
    """What `re._compiler.compile` hands `_sre.compile` after the pattern (CPython 3.11-3.13)."""
    parsed = compiler._parser.parse(p, flags)
    code = compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    flags |= parsed.state.flags
    # the opcodes are int subclasses, which marshal does not write: plain ints
    return (
        int(flags),
        list(map(int, code)),
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
