"""The command line's cache of compiled patterns (`plan_parser.regex_cache`): patterns come back
the same from it, a damaged file is ignored, and the output does not depend on it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ANYANG, ROOT

# compile some patterns; with "strict", re's own parser must not run: all from the cache
PROBE = r"""
import os, re, sys
from plan_parser.regex_cache import install
install()
if os.environ.get("PROBE_MODE") == "strict":
    import re._compiler
    def refuse(*args, **kwargs):
        raise AssertionError("compiled, not read from the cache")
    re._compiler._parser.parse = refuse
year = re.compile(r"(?P<year>(?:19|20)\d\d)\s*年", re.I)
alt = re.compile("|".join(["新建", "改扩建", "扩建"]))
print(year.search("到 2025 年").group("year"), year.groupindex["year"], alt.findall("新建扩建"))
"""


def run(args: list[str], cache: Path | None, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "PLAN_PARSER_REGEX_CACHE"}
    environ.update(env)
    if cache is not None:
        environ["XDG_CACHE_HOME"] = str(cache)
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=ROOT, env=environ
    )


def test_patterns_come_back_from_the_cache(tmp_path: Path) -> None:
    first = run(["-c", PROBE], tmp_path)
    assert first.returncode == 0, first.stderr
    files = list((tmp_path / "plan-parser").glob("regex-*.marshal"))
    assert len(files) == 1
    second = run(["-c", PROBE], tmp_path, PROBE_MODE="strict")
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout == "2025 1 ['新建', '扩建']\n"


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    run(["-c", PROBE], tmp_path)
    (path,) = (tmp_path / "plan-parser").glob("regex-*.marshal")
    for damage in (b"", b"\x00garbage", path.read_bytes()[: len(path.read_bytes()) // 2]):
        path.write_bytes(damage)
        proc = run(["-c", PROBE], tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == "2025 1 ['新建', '扩建']\n"


def test_off_by_environment(tmp_path: Path) -> None:
    proc = run(["-c", PROBE], tmp_path, PLAN_PARSER_REGEX_CACHE="0")
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "plan-parser").exists()


def test_parse_output_does_not_depend_on_the_cache(tmp_path: Path) -> None:
    args = ["-m", "plan_parser", "parse", str(ANYANG), "-o", "-"]
    outputs = [
        run(args, tmp_path, PLAN_PARSER_REGEX_CACHE="0").stdout,
        run(args, tmp_path).stdout,  # writes the cache
        run(args, tmp_path).stdout,  # reads it
    ]
    assert outputs[0].startswith("{") and outputs[0] == outputs[1] == outputs[2]


# a dataclass and a string annotation: their code from the cache the second time ("strict")
CODE_PROBE = r"""
import os, sys, typing
from plan_parser import regex_cache
regex_cache.install()
if os.environ.get("PROBE_MODE") == "strict":
    def refuse(*args, **kwargs):
        raise AssertionError("compiled, not read from the cache")
    regex_cache._compile = refuse
import dataclasses
@dataclasses.dataclass(frozen=True)
class Probe:
    name: str
    count: int = 2
ref = typing.ForwardRef("dict[str, list[int]]")
print(Probe("a"), Probe("a") == Probe("a", 2), typing._eval_type(ref, {}, {}))
"""


def test_dataclass_and_annotation_code_comes_back_from_the_cache(tmp_path: Path) -> None:
    first = run(["-c", CODE_PROBE], tmp_path)
    assert first.returncode == 0, first.stderr
    assert len(list((tmp_path / "plan-parser").glob("code-*.marshal"))) == 1
    second = run(["-c", CODE_PROBE], tmp_path, PROBE_MODE="strict")
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout == "Probe(name='a', count=2) True dict[str, list[int]]\n"
    (path,) = (tmp_path / "plan-parser").glob("code-*.marshal")
    path.write_bytes(path.read_bytes()[:100])  # damaged: compiled again, same result
    third = run(["-c", CODE_PROBE], tmp_path)
    assert third.returncode == 0, third.stderr
    assert third.stdout == first.stdout


def test_each_command_keeps_its_own_cache(tmp_path: Path) -> None:
    """A run of another command (`--version`, `outline`) leaves `parse`'s caches as they are."""
    parse = ["-m", "plan_parser", "parse", str(ANYANG), "-o", "-"]
    run(parse, tmp_path)
    files = sorted((tmp_path / "plan-parser").glob("*-parse.marshal"))
    assert [f.name.split("-")[0] for f in files] == ["code", "regex"]
    before = [f.read_bytes() for f in files]
    run(["-m", "plan_parser", "--version"], tmp_path)
    assert [f.read_bytes() for f in files] == before
    assert list((tmp_path / "plan-parser").glob("regex-*-other.marshal"))
