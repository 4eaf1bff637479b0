"""Files out: atomic writes, writable directories, and the names outputs get."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath

from ..errors import OutputError


def ensure_writable_dir(directory: Path) -> None:
    """Create `directory` if needed; `OutputError` if that fails or it is not writable."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{directory}: cannot create output directory ({exc.strerror})") from None
    if not os.access(directory, os.W_OK):
        raise OutputError(f"{directory}: output directory is not writable")


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write to a temporary file in the target directory, then rename over the target:
    a reader never sees a half-written file and a failure leaves the old file as it was.
    Text is written as UTF-8 with its newlines as they are."""
    write_unit([(path, content)])


def write_unit(files: Sequence[tuple[Path, str | bytes]]) -> None:
    """Write several files as a unit (a plan's JSON and YAML): every file goes to a temporary
    file beside its target first, and only when all are written (the disk did not fill up) are
    they renamed over their targets. A failure leaves every old file as it was.

    A file gets the mode the umask gives a new file, never wider than the file it replaces."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, content in files:
            staged.append((stage_file(path, content), path))
        for tmp, path in staged:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def stage_file(path: Path, content: str | bytes, *, directory: Path | None = None) -> str:
    """Write `content` to a new temporary file in `directory` (default: beside `path`) with the
    mode `path` should get; return its name. `OutputError` (and no file left) on failure."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    where = path.parent if directory is None else directory
    ensure_writable_dir(where)
    fd = -1
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=where)
        os.fchmod(fd, file_mode(path))
        with os.fdopen(fd, "wb") as fh:
            fd = -1
            fh.write(data)
        done, tmp = tmp, ""
        return done
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def file_mode(path: Path) -> int:
    """Permission bits for a file written at `path`: what the umask gives a new file, and never
    more than the regular file it replaces has (a private output stays private)."""
    mode = 0o666 & ~current_umask()
    with contextlib.suppress(OSError):
        st = os.lstat(path)
        if stat.S_ISREG(st.st_mode):
            mode &= stat.S_IMODE(st.st_mode)
    return mode


def current_umask() -> int:
    """The process umask, read without changing it where Linux shows it (/proc/self/status)."""
    with (
        contextlib.suppress(OSError, ValueError),
        open("/proc/self/status", encoding="ascii") as fh,
    ):
        for line in fh:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def refuse_inputs_as_outputs(outputs: Iterable[Path], inputs: Iterable[Path]) -> None:
    """OutputError if an output path is one of the inputs (through a link, `..` or a hard link
    too): writing it would destroy the input."""
    sources = [p for p in inputs if p.exists()]
    for out in outputs:
        for source in sources:
            if same_file(out, source):
                raise OutputError(
                    f"{out}: is an input of this command ({source}); writing it would destroy "
                    "the input: choose another output directory"
                )


def same_file(a: Path, b: Path) -> bool:
    """True if `a` and `b` are the same existing file (through links, `..` or hard links)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def output_stem(input_path: str | Path) -> str:
    """Output file stem: the input's stem only, never a path (no traversal out of OUT_DIR)."""
    stem = Path(str(input_path)).stem
    stem = stem.replace("/", "_").replace("\\", "_").lstrip(".")
    return stem or "plan"


def display_path(path: Path) -> str:
    """Path as recorded in outputs: relative paths as given, absolute ones by name only."""
    p = PurePath(path)
    shown = p.name if p.is_absolute() or ".." in p.parts else p.as_posix()
    return readable_name(shown)


def readable_name(name: str) -> str:
    """A file name as text: the bytes of a name that Python could not decode in a non-UTF-8
    locale (kept as surrogate escapes) read as UTF-8, so outputs hold 安阳.txt in any locale."""
    if name.isascii() or not any("\udc80" <= ch <= "\udcff" for ch in name):
        return name
    return os.fsencode(name).decode("utf-8", "replace")
