"""Reliability, family 4: determinism and locale (attack report, determinism table; defect 21).
Byte-identical files and stdout in any locale; UTF-8 on stdout and stderr even under the legacy
POSIX locale with UTF-8 mode off."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from .conftest import anyang_text, run_cli, small_plan_text

LEGACY = {"LANG": "POSIX", "LC_ALL": "POSIX", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
ENVIRONMENTS = {
    "legacy-posix": LEGACY,
    "hashseed-random": {"PYTHONHASHSEED": "random"},
    "tz-shanghai-lang-c": {"TZ": "Asia/Shanghai", "LANG": "C", "LC_ALL": "C"},
}


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("plans")
    (d / "安阳.txt").write_text(anyang_text()[:30000], encoding="utf-8")
    (d / "henan.txt").write_text(small_plan_text(), encoding="utf-8")
    return d


def stdout_commands(d: Path) -> dict[str, list[str | Path]]:
    return {
        "parse-stdout": ["parse", d / "安阳.txt", "-o", "-"],
        "parse-stdout-yaml": ["parse", d / "安阳.txt", "-o", "-", "--format", "yaml"],
        "outline": ["outline", d / "安阳.txt"],
        "text": ["text", d / "安阳.txt"],
        "quantities-table": ["quantities", d / "henan.txt"],
        "diff-json": ["diff", d / "安阳.txt", d / "henan.txt", "--format", "json"],
        "diff-markdown": ["diff", d / "安阳.txt", d / "henan.txt", "--format", "markdown"],
        "diff-table": ["diff", d / "安阳.txt", d / "henan.txt"],
    }


@pytest.mark.parametrize("name", list(stdout_commands(Path())))
def test_stdout_is_utf8_in_the_legacy_posix_locale(plans: Path, name: str) -> None:
    args = stdout_commands(plans)[name]
    base = run_cli(args, timeout=20)
    assert base.rc == 0, base.err
    legacy = run_cli(args, env=LEGACY, timeout=20)
    assert legacy.rc == 0, legacy.err
    assert legacy.out == base.out


def test_stderr_is_utf8_in_the_legacy_posix_locale(tmp_path: Path) -> None:
    res = run_cli(["parse", tmp_path / "没有这个文件.txt", "-o", tmp_path], env=LEGACY)
    assert res.rc == 1
    assert "没有这个文件.txt" in res.one_error_line()


def digests(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


@pytest.mark.parametrize("env", list(ENVIRONMENTS))
def test_build_is_byte_identical_across_environments(plans: Path, tmp_path: Path, env: str) -> None:
    assert run_cli(["build", plans, tmp_path / "base"], timeout=30).rc == 0
    res = run_cli(["build", plans, tmp_path / "other"], env=ENVIRONMENTS[env], timeout=30)
    assert res.rc == 0, res.err
    assert digests(tmp_path / "other") == digests(tmp_path / "base")
    csv_base = run_cli(["export", tmp_path / "base" / "henan.json", "-o", tmp_path / "xb"])
    csv_env = run_cli(
        ["export", tmp_path / "base" / "henan.json", "-o", tmp_path / "xe"], env=ENVIRONMENTS[env]
    )
    assert csv_base.rc == csv_env.rc == 0
    assert digests(tmp_path / "xb") == digests(tmp_path / "xe")
