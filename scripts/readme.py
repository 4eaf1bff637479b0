"""The README's generated blocks (cog-style): each block after `<!-- run: COMMAND -->` is what
COMMAND prints today, and each ```python block after `<!-- exec -->` runs without error.

    python scripts/readme.py --write   # rewrite the blocks (make readme), then review the diff
    python scripts/readme.py --check   # fail when a block has drifted (tests/test_readme.py)

Commands run in bash from the repository root with .venv/bin first on PATH, stdout and stderr
together, COLUMNS=100 and no colour, so the output is the same on every machine.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
RUN = re.compile(r"<!-- run: (?P<cmd>.+?) -->\n```(?P<lang>\w*)\n(?P<body>.*?)```\n", re.S)
EXEC = re.compile(r"<!-- exec -->\n```python\n(?P<code>.*?)```\n", re.S)


def environment() -> dict[str, str]:
    env = dict(os.environ)
    bin_dir = Path(sys.executable).parent
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        COLUMNS="100",
        NO_COLOR="1",
        TERM="dumb",
        PYTHONIOENCODING="utf-8",
        LC_ALL="C.UTF-8",
    )
    env.pop("FORCE_COLOR", None)
    return env


def run(cmd: str) -> str:
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", cmd],
        cwd=ROOT,
        env=environment(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    out = result.stdout + result.stderr
    if result.returncode != 0:
        out += f"[exit {result.returncode}]\n"
    return out


def regenerate(text: str) -> str:
    def block(m: re.Match[str]) -> str:
        cmd = m.group("cmd")
        return f"<!-- run: {cmd} -->\n```{m.group('lang')}\n$ {cmd}\n{run(cmd)}```\n"

    return RUN.sub(block, text)


def exec_blocks(text: str) -> list[str]:
    """Run every <!-- exec --> python block in a fresh interpreter; the failures' messages."""
    failures = []
    for m in EXEC.finditer(text):
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False, encoding="utf-8") as f:
            f.write(m.group("code"))
        result = subprocess.run(
            [sys.executable, f.name],
            cwd=ROOT,
            env=environment(),
            capture_output=True,
            text=True,
            check=False,
        )
        Path(f.name).unlink()
        if result.returncode != 0:
            failures.append(f"{m.group('code')[:60]}…: {result.stderr.strip()[-500:]}")
    return failures


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    new = regenerate(text)
    if "--write" in argv:
        README.write_text(new, encoding="utf-8")
        print(f"wrote {README.name}: {len(RUN.findall(new))} generated blocks")
    elif new != text:
        print("README.md: generated blocks drifted; run `make readme` and review the diff")
        return 1
    failures = exec_blocks(new)
    for f in failures:
        print(f"README python block failed: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
