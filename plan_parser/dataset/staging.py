"""Writing a build into OUT_DIR so that a reader can always trust its manifest: one build at a
time (`BuildLock`), every file staged before any is renamed into place (`Staging`), the
manifest shrunk first and completed last, stale files deleted through a journal."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from ..errors import OutputError
from ..models.manifest import Manifest
from ..serialize.files import stage_file

MANIFEST_NAME = "manifest.json"
STAGING_NAME = ".plan-parser-build"  # in OUT_DIR: files of a build in progress
REMOVING_NAME = "removing.txt"  # in STAGING_NAME: stale outputs a commit is deleting


class BuildLock:
    """One build at a time per OUT_DIR: an exclusive lock on the directory itself (flock), or on
    a `.plan-parser.lock` file where directories cannot be locked. A second build is refused at
    once (OutputError), not queued. The lock goes with the process, kill -9 included."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.fd = -1

    def __enter__(self) -> BuildLock:
        import fcntl

        try:
            self.fd = os.open(self.out_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except OSError as exc:
                if exc.errno not in (errno.EBADF, errno.EINVAL, errno.ENOLCK, errno.EOPNOTSUPP):
                    raise
                os.close(self.fd)
                self.fd = os.open(self.out_dir / ".plan-parser.lock", os.O_RDWR | os.O_CREAT)
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
        except BlockingIOError:
            self.__exit__()
            raise OutputError(
                f"{self.out_dir}: another build is writing into this directory; "
                "wait for it to finish"
            ) from None
        except OSError as exc:
            self.__exit__()
            raise OutputError(f"{self.out_dir}: cannot lock ({exc.strerror or exc})") from None

    def __exit__(self, *exc: object) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class Staging:
    """The files of a build in progress, in OUT_DIR/.plan-parser-build until they are all there.

    `commit` then makes them the outputs so that the manifest never lies, at any moment (kill -9
    included): first the manifest shrinks to the plans this build leaves alone, then the new
    files are renamed into place and stale ones removed, and the full manifest comes last. Each
    step is one rename; a full disk can only strike while staging, which leaves OUT_DIR as it
    was. Stopped between the shrink and the full manifest (a few renames), OUT_DIR holds whole
    new files the manifest does not list yet; the next build lists them, and deletes the stale
    files the journal (`removing.txt`) names. A staging directory left by a killed build is
    removed by the next one."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.dir = out_dir / STAGING_NAME
        self.files: list[tuple[str, str]] = []  # (staged file, output name)

    def __enter__(self) -> Staging:
        self._finish_removals()
        self._clear()
        try:
            self.dir.mkdir()
        except OSError as exc:
            raise OutputError(f"{self.dir}: cannot create ({exc.strerror or exc})") from None
        return self

    def __exit__(self, *exc: object) -> None:
        self._clear()

    def _finish_removals(self) -> None:
        """Stale outputs a killed build had dropped from the manifest but not yet deleted."""
        journal = self.dir / REMOVING_NAME
        try:
            names = journal.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return
        for name in names:
            own = Path(name).name == name and name.endswith((".json", ".yaml"))
            if own and name != MANIFEST_NAME:
                with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                    (self.out_dir / name).unlink()

    def _clear(self) -> None:
        if self.dir.is_symlink() or self.dir.is_file():
            self.dir.unlink()
        elif self.dir.is_dir():
            shutil.rmtree(self.dir, ignore_errors=True)

    def add(self, files: Iterable[tuple[str, str | bytes]]) -> None:
        for name, content in files:
            self.files.append((stage_file(self.out_dir / name, content, directory=self.dir), name))

    def commit(self, manifest: str, kept: str, stale: list[str], *, changed: bool) -> list[str]:
        """Make the staged files the outputs: `manifest` the full manifest's text, `kept` the
        manifest of the plans this build leaves alone, `stale` the files to delete."""
        manifest_path = self.out_dir / MANIFEST_NAME
        final = stage_file(manifest_path, manifest, directory=self.dir)
        if stale:  # deleted after the manifest drops them: journaled, so a kill cannot lose them
            journal = stage_file(self.dir / REMOVING_NAME, "".join(f"{n}\n" for n in stale))
            self._rename(journal, self.dir / REMOVING_NAME)
        if self.files or stale or changed:
            shrunk = stage_file(manifest_path, kept, directory=self.dir)
            self._rename(shrunk, manifest_path)
        for staged, name in self.files:
            self._rename(staged, self.out_dir / name)
        removed = remove_stale(self.out_dir, stale)
        self._rename(final, manifest_path)
        return removed

    @staticmethod
    def _rename(staged: str, target: Path) -> None:
        try:
            os.replace(staged, target)
        except OSError as exc:
            raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None


def remove_stale(out_dir: Path, names: Iterable[str]) -> list[str]:
    """Delete the stale files (`stale_outputs`), so OUT_DIR is what a fresh build would make."""
    removed: list[str] = []
    for name in names:
        path = out_dir / name
        try:
            if path.is_dir() and not path.is_symlink():
                continue  # never a directory: the manifest did not come from a build
            path.unlink()
            removed.append(name)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise OutputError(f"{path}: cannot remove ({exc.strerror})") from None
    return sorted(removed)


def stale_outputs(previous: Manifest | None, current: Manifest) -> list[str]:
    """Files a previous build wrote that this build does not (plans removed from RAW_DIR or
    failing now). Only names the previous manifest recorded, and only plain names in OUT_DIR."""
    if previous is None:
        return []
    keep = {o.path for e in current.plans for o in e.outputs} | {MANIFEST_NAME}
    names = {
        o.path
        for e in previous.plans
        for o in e.outputs
        if o.path not in keep and Path(o.path).name == o.path and o.path not in (".", "..")
    }
    return sorted(names)
