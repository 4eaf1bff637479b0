"""Where a build reads plans from and writes outputs to: a local directory or an fsspec URL.

`open_store("data/raw")` and `open_store("file:///data/raw")` are the local directory (files are
written atomically, as the local build writes them); `open_store("s3://bucket/raw")`,
`gs://…` or `memory://…` go through fsspec (`pip install 'plan-parser[dask]'`, plus the
filesystem's own package for a cloud store: s3fs, gcsfs). An object store's PUT is atomic by
itself: a reader sees the old object or the new one.

A store is picklable and small: it crosses to a cluster's workers with each task, and a worker
opens the filesystem again (fsspec caches the instance per process). `memory://` lives in one
process: only the driver and in-process (thread) workers see the same tree.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import InputError, OutputError
from ..read.decode import read_bytes as read_bounded
from ..serialize.files import ensure_writable_dir, write_atomic

_URL = re.compile(r"^(?P<protocol>[a-zA-Z][a-zA-Z0-9+.-]*)://")


def is_url(location: str | Path) -> bool:
    return isinstance(location, str) and _URL.match(location) is not None


def open_store(location: str | Path) -> Store:
    """The store at a local path, a `file://` URL (both local) or any other fsspec URL."""
    if isinstance(location, Path) or not is_url(location):
        return LocalStore(Path(location))
    match = _URL.match(location)
    assert match is not None
    protocol = match.group("protocol").lower()
    if protocol == "file":
        return LocalStore(Path(location[len("file://") :]))
    return FsspecStore(protocol, location.rstrip("/"))


@dataclass(frozen=True)
class Entry:
    name: str  # relative to the store's root, "/"-separated
    is_file: bool


class Store:
    """A directory tree: names are relative to the root, "/"-separated, never leaving it."""

    location: str

    @property
    def in_process(self) -> bool:
        """True when only this process sees the tree (memory://): workers must be threads."""
        return False

    def __str__(self) -> str:
        return self.location

    def path(self, name: str) -> str:
        """How a file of the store is shown to people."""
        return f"{self.location.rstrip('/')}/{name}"

    def exists(self) -> bool:
        raise NotImplementedError

    def is_dir(self) -> bool:
        raise NotImplementedError

    def entries(self) -> list[Entry]:
        """What is directly in the root, sorted by name."""
        raise NotImplementedError

    def walk(self, under: str) -> Iterator[str]:
        """Names of every file below `under` (relative to the root); none if it is absent."""
        raise NotImplementedError

    def size(self, name: str) -> int:
        raise NotImplementedError

    def read_bytes(self, name: str) -> bytes:
        raise NotImplementedError

    def write(self, name: str, content: str | bytes) -> None:
        raise NotImplementedError

    def remove(self, name: str) -> bool:
        """Delete one file; False if it was not there."""
        raise NotImplementedError

    def make_dir(self) -> None:
        """Create the root if needed; OutputError if that fails."""
        raise NotImplementedError


def _safe(name: str) -> str:
    parts = PurePosixPath(name).parts
    if not parts or any(p in ("..", "") for p in parts) or name.startswith("/"):
        raise OutputError(f"{name}: not a name inside the store")
    return name


@dataclass(frozen=True)
class LocalStore(Store):
    root: Path

    @property
    def location(self) -> str:  # type: ignore[override]
        return str(self.root)

    def path(self, name: str) -> str:
        return str(self.root / name)

    def exists(self) -> bool:
        return self.root.exists()

    def is_dir(self) -> bool:
        return self.root.is_dir()

    def entries(self) -> list[Entry]:
        return [
            Entry(p.name, p.is_file()) for p in sorted(self.root.iterdir(), key=lambda p: p.name)
        ]

    def walk(self, under: str) -> Iterator[str]:
        base = self.root / _safe(under)
        if not base.is_dir():
            return
        for p in sorted(base.rglob("*")):
            if p.is_file():
                yield p.relative_to(self.root).as_posix()

    def size(self, name: str) -> int:
        return (self.root / _safe(name)).stat().st_size

    def read_bytes(self, name: str) -> bytes:
        """Bounded like the local build's reads: never more than the byte limit, a device
        (a link to /dev/zero) or a FIFO without a writer refused, not read or waited on."""
        try:
            return read_bounded(self.root / _safe(name), name=name)
        except InputError as exc:  # the reason, without the name the caller reports it under
            raise InputError(str(exc).removeprefix(f"{name}: ")) from None

    def write(self, name: str, content: str | bytes) -> None:
        write_atomic(self.root / _safe(name), content)

    def remove(self, name: str) -> bool:
        """Delete one file, and the folders above it inside the root that it leaves empty (as
        an object store has no empty folders)."""
        target = self.root / _safe(name)
        try:
            target.unlink()
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise OutputError(f"{self.path(name)}: cannot remove ({exc.strerror})") from None
        for parent in target.parents:
            if parent == self.root or self.root not in parent.parents:
                break
            try:
                parent.rmdir()
            except OSError:
                break
        return True

    def make_dir(self) -> None:
        ensure_writable_dir(self.root)


@dataclass(frozen=True)
class FsspecStore(Store):
    protocol: str
    location: str  # the URL of the root, no trailing slash
    storage_options: dict[str, Any] = field(default_factory=dict)

    @property
    def in_process(self) -> bool:
        return self.protocol == "memory"

    @property
    def fs(self) -> Any:
        try:
            import fsspec
        except ImportError:
            raise InputError(
                f"{self.location}: URLs need fsspec: pip install 'plan-parser[dask]'"
            ) from None
        try:
            return fsspec.filesystem(self.protocol, **self.storage_options)
        except (ImportError, ValueError) as exc:
            raise InputError(
                f"{self.location}: cannot open the {self.protocol}:// store ({exc})"
            ) from None

    def _url(self, name: str) -> str:
        return f"{self.location}/{_safe(name)}"

    def exists(self) -> bool:
        return bool(self.fs.exists(self.location))

    def is_dir(self) -> bool:
        return bool(self.fs.isdir(self.location))

    def entries(self) -> list[Entry]:
        listed = self.fs.ls(self.location, detail=True)
        out = [Entry(PurePosixPath(e["name"]).name, e["type"] == "file") for e in listed]
        return sorted(out, key=lambda e: e.name)

    def walk(self, under: str) -> Iterator[str]:
        base = self._url(under)
        if not self.fs.isdir(base):
            return
        root = self.fs._strip_protocol(self.location).rstrip("/")
        for found in sorted(self.fs.find(base)):
            yield str(found).removeprefix(root).lstrip("/")

    def size(self, name: str) -> int:
        return int(self.fs.size(self._url(name)))

    def read_bytes(self, name: str) -> bytes:
        return bytes(self.fs.cat_file(self._url(name)))

    def write(self, name: str, content: str | bytes) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            self.fs.pipe_file(self._url(name), data)
        except OSError as exc:
            raise OutputError(f"{self._url(name)}: cannot write ({exc})") from None

    def remove(self, name: str) -> bool:
        try:
            self.fs.rm_file(self._url(name))
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise OutputError(f"{self._url(name)}: cannot remove ({exc})") from None
        return True

    def make_dir(self) -> None:
        with contextlib.suppress(FileExistsError):
            self.fs.makedirs(self.location, exist_ok=True)


def temp_files_of(store: Store, names: set[str]) -> list[str]:
    """Temporary files an atomic write left beside `names` when its process was killed
    (`.NAME.XXXXXXXX.tmp`, see `output.write_atomic`): a killed worker leaves them."""
    if not isinstance(store, LocalStore) or not store.root.is_dir():
        return []
    found = []
    for entry in store.entries():
        n = entry.name
        if entry.is_file and n.startswith(".") and n.endswith(".tmp"):
            target = n[1:].rsplit(".", 2)[0]
            if target in names:
                found.append(n)
    return found
