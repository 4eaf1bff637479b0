"""Helpers of the reliability suite (issue 16): every case runs bounded in time and memory.

CLI cases run `python -m plan_parser` in a subprocess of its own session with an address-space
limit, a wall-clock timeout (SIGKILL to the process group) and its peak RSS measured by wait4, so
a hang or a runaway read fails the case instead of the machine. Library cases run in-process
under `time_limit` (SIGALRM).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ANYANG, CORPUS_ABSENT, HENAN_OPENING, SHARED_CORPUS

ROOT = Path(__file__).resolve().parents[2]
ADDRESS_SPACE = 3 << 30  # a runaway read dies at 3 GB of address space, not at the machine's
MAX_RSS_MB = 500  # the bound for any bad input
BASE_ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "PYTHONHASHSEED": "0",
    "TZ": "UTC",
    "HOME": os.environ.get("HOME", "/root"),
    "TMPDIR": os.environ.get("TMPDIR", "/tmp"),
}


@dataclass
class Result:
    rc: int | None  # None: killed at the timeout
    out: bytes
    err: str
    seconds: float
    rss_mb: float

    @property
    def timed_out(self) -> bool:
        return self.rc is None

    def one_error_line(self) -> str:
        """The single `error:` line on stderr (asserts there is exactly one line)."""
        lines = self.err.strip().splitlines()
        assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {self.err[:500]}"
        assert lines[0].startswith("error: "), lines[0][:300]
        return lines[0]


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_cli(
    args: Sequence[str | Path],
    *,
    timeout: float = 10.0,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    stdin: int | None = subprocess.DEVNULL,
    stdout: int | None = None,
    prefix: Sequence[str] = (),
    extra_limits: Sequence[tuple[int, int]] = (),
) -> Result:
    """`plan-parser ARGS` in a bounded subprocess: stdout and stderr go to files (no pipe to
    fill), the process group is killed at `timeout`, the peak RSS comes from wait4."""
    full_env = {**BASE_ENV, **(env or {})}
    full_env["PYTHONPATH"] = str(ROOT)
    argv = [*prefix, sys.executable, "-m", "plan_parser", *map(str, args)]

    def limits() -> None:
        _limits()
        for kind, value in extra_limits:
            resource.setrlimit(kind, (value, value))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(
            argv,
            stdin=stdin,
            stdout=stdout if stdout is not None else out,
            stderr=err,
            cwd=cwd,
            env=full_env,
            start_new_session=True,
            preexec_fn=limits,
        )
        rc: int | None = None
        rss_kb = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                rc = os.waitstatus_to_exitcode(status)
                rss_kb = usage.ru_maxrss
                break
            if time.monotonic() - start > timeout:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                _, _, usage = os.wait4(proc.pid, 0)
                rss_kb = usage.ru_maxrss
                break
            time.sleep(0.01)
        proc.returncode = rc if rc is not None else -9  # already reaped: keep Popen quiet
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return Result(rc, out.read(), err.read().decode("utf-8", "replace"), seconds, rss_kb / 1024)


class TimeLimit(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimit in the main thread if the block runs longer than `seconds`."""

    def on_alarm(signum: int, frame: object) -> None:
        raise TimeLimit(f"took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def small_plan_text() -> str:
    """A short real plan (the Henan opening, 1 900 bytes), or the bundled one's first part."""
    if HENAN_OPENING.exists():
        return HENAN_OPENING.read_text(encoding="utf-8")
    return ANYANG.read_text(encoding="utf-8")[:3000]


def anyang_text() -> str:
    return ANYANG.read_text(encoding="utf-8")


def load_json(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def corpus_or_skip(name: str) -> Path:
    path = SHARED_CORPUS / name
    if not path.exists():
        pytest.skip(CORPUS_ABSENT)
    return path
