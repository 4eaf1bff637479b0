"""Files out: atomic writes, writable directories, and the names outputs get."""

from __future__ import annotations

import contextlib
import os
import tempfile
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
    data = content.encode("utf-8") if isinstance(content, str) else content
    directory = path.parent
    ensure_writable_dir(directory)
    fd = -1
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as fh:
            fd = -1
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        tmp = ""
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def output_stem(input_path: str | Path) -> str:
    """Output file stem: the input's stem only, never a path (no traversal out of OUT_DIR)."""
    stem = Path(str(input_path)).stem
    stem = stem.replace("/", "_").replace("\\", "_").lstrip(".")
    return stem or "plan"


def display_path(path: Path) -> str:
    """Path as recorded in outputs: relative paths as given, absolute ones by name only."""
    p = PurePath(path)
    if p.is_absolute() or ".." in p.parts:
        return p.name
    return p.as_posix()
