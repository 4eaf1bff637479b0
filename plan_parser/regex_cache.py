"""Compiled regular expressions kept on disk between runs of the command line (`plan-parser`).

A cold `plan-parser parse` compiles some 300 patterns (the lexicons' alternations, the markers,
the number finders), about a tenth of its start-up: CPython's `re` parses each pattern and builds
its matching code in Python, every process again. That code depends only on the pattern, its
flags and the interpreter, so it is kept in the user's cache directory (one file per interpreter
build, `_sre` version and command: `command()`) and handed back to `_sre.compile` in the next
process, which checks it as it would any code (`RuntimeError` on anything malformed, then the
pattern is compiled the ordinary way).

Installed by the command line only (`install()`, from `cli.main`), never by importing the
library. Off with `PLAN_PARSER_REGEX_CACHE=0`. The file is written once per process at exit,
only when a pattern was missing, through a temporary file and a rename; it holds the patterns this
process compiled (at most `MAX_ENTRIES`), so patterns that a past run needed and this one did not
(built from another document's text, or from a set in hash order) do not pile up.

The same install keeps the other code CPython compiles from text in every process
(`code-*.marshal` beside the patterns, same rules): the methods `dataclasses` writes for each
dataclass (`__init__`, `__repr__`, `__eq__` …; some 90 classes, pydantic's, annotated_types' and
the parser's), and the string annotations `typing.ForwardRef` compiles (pydantic-core's
TypedDicts), together a tenth of a cold parse. Compiled code depends only on the text, the mode
and the interpreter, so each of the two modules is handed an `exec` or `compile` that takes the
code compiled from the same text in an earlier run, and compiles anything else as before.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import hashlib
import importlib
import marshal
import os
import sys
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

MAX_ENTRIES = 2000
_installed = False


def command() -> str:
    """The command this process runs (`parse`, `outline` …; `other` for anything else): each
    keeps caches of its own, so a run of one never drops what another needs (`--version` after
    `parse` would otherwise leave `parse` a cache of typer's few patterns to compile again)."""
    words = [a for a in sys.argv[1:] if not a.startswith("-")]
    first = words[0] if words else ""
    return first if first.isascii() and first.isalpha() and len(first) <= 16 else "other"


def cache_file(kind: str = "regex") -> Path | None:
    """The cache of this interpreter build and command (`kind`: regex or code), or None when
    the cache is off."""
    if os.environ.get("PLAN_PARSER_REGEX_CACHE", "1") in ("0", "", "false", "no"):
        return None
    _sre: Any = importlib.import_module("_sre")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    tag = f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}"
    digest = hashlib.sha256(tag.encode()).hexdigest()[:16]
    return Path(base) / "plan-parser" / f"{kind}-{digest}-{command()}.marshal"


def _read(path: Path) -> dict[Any, Any]:
    try:
        entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _save_at_exit(path: Path, used: dict[Any, Any], missed: Callable[[], bool]) -> None:
    """Write `used` to `path` when the process exits, if `missed()` says an entry was missing."""

    def save() -> None:
        if not missed():
            return
        import tempfile  # only when writing: most runs read the caches and write nothing

        with contextlib.suppress(OSError, ValueError):
            path.parent.mkdir(parents=True, exist_ok=True)
            data = marshal.dumps(used)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise

    atexit.register(save)


def install_code_cache() -> None:
    """Serve the code `dataclasses` and `typing` compile from source text from the cache."""
    path = cache_file("code")
    if path is None or "exec" in vars(dataclasses):
        return
    entries = _read(path)
    used: dict[tuple[str, str], types.CodeType] = {}

    def compiled(source: str, mode: str) -> types.CodeType:
        key = (source, mode)
        code = entries.get(key)
        if not isinstance(code, types.CodeType):
            code = _compile(source, "<string>", mode, dont_inherit=True)
        if len(used) < MAX_ENTRIES:
            used[key] = code
        return code

    def exec_(source: Any, globals: Any = None, locals: Any = None, /) -> None:
        if type(source) is str:
            source = compiled(source, "exec")
        exec(source, globals, locals)

    def compile_(source: Any, filename: Any, mode: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or type(source) is not str or filename != "<string>":
            return _compile(source, filename, mode, *args, **kwargs)
        return compiled(source, mode)

    # module globals, found before the builtins: `dataclasses._create_fn` execs each generated
    # method's text; `typing.ForwardRef` compiles each string annotation (some 800 of them in
    # pydantic-core's TypedDicts). Neither module has a `__future__` import to inherit.
    vars(dataclasses)["exec"] = exec_
    vars(typing)["compile"] = compile_
    _save_at_exit(path, used, lambda: any(key not in entries for key in used))


_compile = compile


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
    install_code_cache()
    entries = _read(path)
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

    compiler.compile = compile
    _save_at_exit(path, used, lambda: missed)
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
