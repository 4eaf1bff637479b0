"""Every other code block of the README runs as written: the examples a new user copies.

`scripts/readme.py` regenerates the `<!-- run: CMD -->` blocks and runs the `<!-- exec -->` ones;
this module checks the rest, in document order, in one sandbox (a temporary copy of the
repository's `data/`, with `tests/`, `schemas/` and the environment linked, and `../shared` beside
it when this checkout has it), so earlier examples leave the files later ones read (`exports/`,
`tables/`) and nothing in the checkout is written:

- a block with `$ COMMAND` lines (a session transcript, ```text or ```console): each command runs
  and its output (stdout and stderr) must be the lines shown under it, where a line `…` stands
  for any number of lines left out; a command shown with no output must exit 0;
- a ```sh block: every command runs and exits 0 (its output is not shown, so not compared);
  lines that install software (`pip install`, `apt-get`) are skipped: the test environment has
  the dev extras and CI installs the system packages;
- a ```python block runs in a fresh interpreter; a ```sql block runs in DuckDB;
- a block preceded by `<!-- not run: REASON -->` is skipped, and the reason is required.

Commands that need `../shared/corpus` are skipped when it is absent, and said so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import readme  # scripts/readme.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FENCE = re.compile(
    r"(?:<!-- (?P<marker>[^>]*?) -->\n)?```(?P<lang>\w*)\n(?P<body>.*?)^```[ \t]*$", re.S | re.M
)
ELISION = "…"
INSTALLS = ("pip install", "apt-get", "sudo ")
# what the sandbox links from the checkout (read-only in spirit) and copies (written by examples)
LINKED = ("tests", "schemas", "scripts", "plan_parser", "pyproject.toml", "Makefile", "docs")
COPIED = ("data",)
TIMEOUT = 300


@dataclass(frozen=True)
class Block:
    line: int  # 1-based line of the opening fence
    lang: str
    marker: str | None
    body: str


def blocks(text: str) -> Iterator[Block]:
    for m in FENCE.finditer(text):
        start = m.start("lang") - 3
        yield Block(
            text.count("\n", 0, start) + 1, m.group("lang"), m.group("marker"), m.group("body")
        )


def environment(sandbox: Path) -> dict[str, str]:
    """scripts/readme.py's environment (the README's outputs are made in it), with the
    sandbox's own temporary directory."""
    return {**readme.environment(), "TMPDIR": str(sandbox.parent / "tmp")}


def make_sandbox(base: Path) -> Path:
    """A copy of the checkout where the examples may write: `base/repo`, `base/shared`."""
    repo = base / "repo"
    repo.mkdir()
    (base / "tmp").mkdir()
    for name in LINKED:
        if (ROOT / name).exists():
            (repo / name).symlink_to(ROOT / name)
    for name in COPIED:
        shutil.copytree(ROOT / name, repo / name)
    (repo / ".venv").symlink_to(Path(sys.executable).parent.parent)
    # the README's error example refuses a photo: a JPEG's first bytes
    (repo / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00" + bytes(64))
    if SHARED.is_dir():
        (base / "shared").symlink_to(SHARED)
    return repo


def run_in(argv: list[str], repo: Path) -> subprocess.CompletedProcess[str]:
    """`argv` run in the sandbox `repo`, in its environment, stdout and stderr captured."""
    return subprocess.run(
        argv,
        cwd=repo,
        env=environment(repo),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        check=False,
    )


def sh(cmd: str, cwd: Path) -> tuple[int, str]:
    result = run_in(["bash", "-o", "pipefail", "-c", cmd], cwd)
    return result.returncode, result.stdout + result.stderr


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether `actual` is `expected` with each `…` line standing for any run of lines."""
    # dynamic programming over (expected index, actual index): linear in their product
    ok = [[False] * (len(actual) + 1) for _ in range(len(expected) + 1)]
    ok[len(expected)][len(actual)] = True
    for i in range(len(expected) - 1, -1, -1):
        for j in range(len(actual), -1, -1):
            if expected[i] == ELISION:
                ok[i][j] = ok[i + 1][j] or (j < len(actual) and ok[i][j + 1])
            else:
                ok[i][j] = j < len(actual) and expected[i] == actual[j] and ok[i + 1][j + 1]
    return ok[0][0]


def transcript(body: str) -> Iterator[tuple[str, list[str]]]:
    """(command, the lines shown under it) for each `$ ` line of a transcript block."""
    command: str | None = None
    shown: list[str] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            if command is not None:
                yield command, shown
            command, shown = line[2:], []
        elif command is not None:
            shown.append(line.rstrip())
    if command is not None:
        yield command, shown


def normalise(lines: list[str]) -> list[str]:
    while lines and not lines[-1]:
        lines = lines[:-1]
    return lines


def needs_shared(cmd: str) -> bool:
    return "../shared" in cmd and not SHARED.is_dir()


def check_transcript(block: Block, repo: Path) -> list[str]:
    failures = []
    for cmd, shown in transcript(block.body):
        if needs_shared(cmd):
            print(f"  L{block.line}: skipped (no ../shared): {cmd}")
            continue
        code, out = sh(cmd, repo)
        expected = normalise(shown)
        actual = normalise([line.rstrip() for line in out.splitlines()])
        if not expected and code != 0:
            failures.append(f"L{block.line}: `{cmd}` exited {code}:\n{out[-800:]}")
        elif expected and not matches(expected, actual):
            failures.append(
                f"L{block.line}: `{cmd}` printed other lines than the README shows; it printed:\n"
                + "\n".join(actual[:60])
            )
    return failures


def commands(body: str) -> Iterator[str]:
    """The commands of a ```sh block, continuation lines joined."""
    pending = ""
    for line in body.splitlines():
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        cmd = (pending + line).strip()
        pending = ""
        if cmd and not cmd.startswith("#"):
            yield cmd


def check_sh(block: Block, repo: Path) -> list[str]:
    failures = []
    for cmd in commands(block.body):
        if cmd.startswith(INSTALLS) or needs_shared(cmd):
            continue
        code, out = sh(cmd, repo)
        if code != 0:
            failures.append(f"L{block.line}: `{cmd}` exited {code}:\n{out[-800:]}")
    return failures


def check_program(block: Block, repo: Path, argv: list[str], suffix: str) -> list[str]:
    with tempfile.NamedTemporaryFile(
        "w", suffix=suffix, dir=repo.parent / "tmp", delete=False
    ) as f:
        f.write(block.body)
    result = run_in([*argv, f.name], repo)
    if result.returncode != 0:
        return [f"L{block.line}: the {block.lang} block failed:\n{result.stderr.strip()[-800:]}"]
    return []


DUCKDB = "import sys, duckdb; print(duckdb.sql(open(sys.argv[1], encoding='utf-8').read()))"


def check(block: Block, repo: Path) -> list[str]:
    if block.marker and (block.marker.startswith("run:") or block.marker == "exec"):
        return []  # scripts/readme.py's blocks
    if block.marker and block.marker.startswith("not run"):
        if not block.marker.removeprefix("not run").strip(" :"):
            return [f"L{block.line}: `<!-- not run -->` needs a reason"]
        return []
    if any(line.startswith("$ ") for line in block.body.splitlines()):
        return check_transcript(block, repo)
    if block.lang == "sh":
        return check_sh(block, repo)
    if block.lang == "python":
        return check_program(block, repo, [sys.executable], ".py")
    if block.lang == "sql":
        return check_program(block, repo, [sys.executable, "-c", DUCKDB], ".sql")
    return []  # prose in a box (a table, a file layout): nothing to run


def check_readme(readme: Path) -> list[str]:
    text = readme.read_text(encoding="utf-8")
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="readme-") as tmp:
        repo = make_sandbox(Path(tmp))
        for block in blocks(text):
            failures += check(block, repo)
    return failures


def main(argv: list[str]) -> int:
    readme = Path(argv[0]) if argv else ROOT / "README.md"
    failures = check_readme(readme)
    for failure in failures:
        print(f"README example failed, {failure}\n")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
