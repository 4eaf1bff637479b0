"""Reliability, family 1: bad inputs (attack report, bad-inputs table and defects 2, 9, 10, 14-17,
19). Each row builds an input in a fresh directory, runs one command bounded in time and memory,
and checks the exit code, the one `error:` line or the data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from .conftest import MAX_RSS_MB, Result, anyang_text, run_cli, small_plan_text

Build = Callable[[Path], list[str]]
Check = Callable[[Result, Path], None]


def plain_text_output(tmp: Path) -> bytes:
    """`plan-parser text` of the small plan saved as plain UTF-8: what every BOM must give."""
    (tmp / "plain.txt").write_text(small_plan_text(), encoding="utf-8")
    res = run_cli(["text", tmp / "plain.txt"])
    assert res.rc == 0, res.err
    return res.out


def write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def refused(*needles: str, absent: tuple[str, ...] = ()) -> Check:
    """Exit 1, one `error:` line holding every needle (case-insensitive) and none of `absent`."""

    def check(res: Result, tmp: Path) -> None:
        assert res.rc == 1, (res.rc, res.err[:500])
        line = res.one_error_line().lower()
        for needle in needles:
            assert needle.lower() in line, line
        for needle in absent:
            assert needle.lower() not in line, line

    return check


def same_text_as_plain(res: Result, tmp: Path) -> None:
    assert res.rc == 0, res.err[:500]
    assert res.out == plain_text_output(tmp)


@dataclass(frozen=True)
class Case:
    id: str
    build: Build
    check: Check
    timeout: float = 10.0
    source: str = ""  # where in the attack report
    needs: list[str] = field(default_factory=list)


def bom_case(bom: bytes, encoding: str) -> Build:
    def build(tmp: Path) -> list[str]:
        path = write(tmp, "bom.txt", bom + small_plan_text().encode(encoding))
        return ["text", str(path)]

    return build


def nul_late(tmp: Path) -> list[str]:
    data = anyang_text().encode("utf-8")
    i = data.index("普通高中育人方式改革工程".encode()) + 27
    assert i > 65536
    return [
        "parse",
        str(write(tmp, "nul.txt", data[:i] + b"\0" * 3 + data[i:])),
        "-o",
        str(tmp / "o"),
    ]


def nothing_written(res: Result, tmp: Path) -> None:
    assert not (tmp / "o").exists() or not any((tmp / "o").iterdir())


def refused_nothing_written(*needles: str) -> Check:
    def check(res: Result, tmp: Path) -> None:
        refused(*needles)(res, tmp)
        nothing_written(res, tmp)

    return check


def fifo(tmp: Path, name: str = "p.txt") -> Path:
    path = tmp / name
    os.mkfifo(path)
    return path


def symlink_loop(tmp: Path) -> list[str]:
    (tmp / "a.txt").symlink_to("b.txt")
    (tmp / "b.txt").symlink_to("a.txt")
    return ["parse", str(tmp / "a.txt"), "-o", str(tmp / "o")]


def utf8_cut_at_end(tmp: Path) -> list[str]:
    data = anyang_text().encode("utf-8").rstrip()
    assert data[-3] >= 0xE0  # the last character is a 3-byte one: cut its last byte
    return ["parse", str(write(tmp, "cut.txt", data[:-1])), "-o", str(tmp / "o")]


def nel_twin(tmp: Path) -> list[str]:
    text = anyang_text().replace("人民政府关于印发", "人民政府\x85关于印发")
    (tmp / "nel.txt").write_text(text, encoding="utf-8")
    return ["parse", str(tmp / "nel.txt"), "-o", str(tmp / "o")]


def yaml_twin_equals_json(res: Result, tmp: Path) -> None:
    assert res.rc == 0, res.err
    data = json.loads((tmp / "o" / "nel.json").read_text(encoding="utf-8"))
    assert "\x85" in data["metadata"]["title"] or "\x85" in json.dumps(data, ensure_ascii=False)
    assert yaml.safe_load((tmp / "o" / "nel.yaml").read_text(encoding="utf-8")) == data


def breadcrumb_line(tmp: Path) -> list[str]:
    body = anyang_text().replace("\n", "")
    (tmp / "crumb.txt").write_text("首页 > 政务公开 > " + body * 4 + "\n", encoding="utf-8")
    return ["parse", str(tmp / "crumb.txt"), "-o", str(tmp / "o")]


def breadcrumb_kept(res: Result, tmp: Path) -> None:
    """The line is the document, not page chrome; no diagnostic quotes it whole."""
    assert res.rc == 0, res.err[:300]
    plan = json.loads((tmp / "o" / "crumb.json").read_text(encoding="utf-8"))
    assert not [d for d in plan["diagnostics"] if d["code"] == "page-chrome"]
    assert max((len(d["message"]) for d in plan["diagnostics"]), default=0) < 1000


def unterminated_comment(tmp: Path) -> list[str]:
    hidden = "".join(f"<p>{n}、隐藏标题{n}</p>" for n in "二三四五六七八九")
    page = f"<html><body><p>一、总体要求</p><p>到2025年,学前三年毛入园率达到93%。</p><!-- {hidden}"
    (tmp / "c.html").write_text(page, encoding="utf-8")
    return ["text", str(tmp / "c.html")]


def comment_hidden(res: Result, tmp: Path) -> None:
    assert res.rc == 0, res.err
    text = res.out.decode("utf-8")
    assert "总体要求" in text and "隐藏" not in text


def max_bytes_option(tmp: Path) -> list[str]:
    (tmp / "plan.txt").write_text(small_plan_text(), encoding="utf-8")
    return ["--max-bytes", "1000", "text", str(tmp / "plan.txt")]


def chmod000(tmp: Path) -> list[str]:
    path = write(tmp, "locked.txt", small_plan_text().encode())
    path.chmod(0)
    return ["parse", str(path), "-o", str(tmp / "o")]


NO_DAC = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]

CASES = [
    # --- encodings: the complete BOM table (defects 9, 17) ---
    Case("bom-utf32le", bom_case(b"", "utf-32"), same_text_as_plain, source="defect 9"),
    Case("bom-utf32be", bom_case(b"\x00\x00\xfe\xff", "utf-32-be"), same_text_as_plain),
    Case("bom-gb18030", bom_case(b"\x84\x31\x95\x33", "gb18030"), same_text_as_plain, source="17"),
    Case("bom-utf16be", bom_case(b"\xfe\xff", "utf-16-be"), same_text_as_plain),
    Case("bom-utf8", bom_case(b"\xef\xbb\xbf", "utf-8"), same_text_as_plain),
    # --- NUL anywhere (defect 10) ---
    Case("nul-past-64k", nul_late, refused_nothing_written("NUL"), source="defect 10"),
    # --- precise messages (defect 16) ---
    Case("utf8-cut-last-char", utf8_cut_at_end, refused("utf-8", "line", absent=("convert it",))),
    Case(
        "utf16le-no-bom",
        lambda t: ["text", str(write(t, "u16.txt", small_plan_text().encode("utf-16-le")))],
        refused("utf-16"),
    ),
    Case("symlink-loop", symlink_loop, refused("symbolic link", absent=("no such file",))),
    Case(
        "permission-denied",
        chmod000,
        refused_nothing_written("permission denied"),
        needs=["setpriv"],
        source="defect 16: exit 2 and a usage error before",
    ),
    # --- endless and non-regular files (defects 2, 15) ---
    Case("dev-zero-parse", lambda t: ["parse", "/dev/zero", "-o", str(t / "o")], refused()),
    Case("dev-urandom-text", lambda t: ["text", "/dev/urandom"], refused()),
    Case("dev-zero-quantities", lambda t: ["quantities", "/dev/zero"], refused()),
    Case(
        "dev-zero-synonyms",
        lambda t: [
            "diff",
            "--synonyms",
            "/dev/zero",
            str(write(t, "a.txt", small_plan_text().encode())),
            str(t / "a.txt"),
        ],
        refused(),
    ),
    Case(
        "dev-zero-validate", lambda t: ["validate", "/dev/zero"], refused(absent=("no such file",))
    ),
    Case("dev-zero-export", lambda t: ["export", "/dev/zero", "-o", str(t / "o")], refused()),
    Case("dev-zero-diff", lambda t: ["diff", "/dev/zero", "/dev/zero"], refused()),
    Case("fifo-parse", lambda t: ["parse", str(fifo(t)), "-o", str(t / "o")], refused("fifo")),
    Case("fifo-outline", lambda t: ["outline", str(fifo(t))], refused("fifo")),
    Case("fifo-export", lambda t: ["export", str(fifo(t)), "-o", str(t / "o")], refused("fifo")),
    Case("fifo-diff", lambda t: ["diff", str(fifo(t)), str(t / "p.txt")], refused("fifo")),
    Case(
        "fifo-validate",
        lambda t: ["validate", str(fifo(t, "p.json"))],
        refused("fifo", absent=("no such file",)),
    ),
    Case("directory", lambda t: ["parse", str(t), "-o", str(t / "o")], refused("directory")),
    Case("max-bytes-option", max_bytes_option, refused("1000 byte limit")),
    # --- wrong data with exit 0 (defects 14, 18, 19) ---
    Case("nel-yaml-twin", nel_twin, yaml_twin_equals_json, source="defect 14"),
    Case("breadcrumb-long-line", breadcrumb_line, breadcrumb_kept, timeout=20, source="19"),
    Case("html-unterminated-comment", unterminated_comment, comment_hidden, source="defect 18"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path: Path) -> None:
    for tool in case.needs:
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")
    args = case.build(tmp_path)
    prefix = NO_DAC if case.id == "permission-denied" and os.geteuid() == 0 else []
    res = run_cli(args, timeout=case.timeout, prefix=prefix)
    assert not res.timed_out, f"{case.id}: still running after {case.timeout} s"
    assert res.rss_mb < MAX_RSS_MB, f"{case.id}: {res.rss_mb:.0f} MB"
    assert "Traceback" not in res.err
    case.check(res, tmp_path)


def test_pipe_with_a_writer_is_read(tmp_path: Path) -> None:
    """A pipe that has a writer (`<(cat x.txt)`, `cat x | …`) is read like a file."""
    (tmp_path / "plan.txt").write_text(small_plan_text(), encoding="utf-8")
    with (tmp_path / "plan.txt").open("rb") as fh:
        piped = subprocess.Popen(["cat"], stdin=fh, stdout=subprocess.PIPE)
        assert piped.stdout is not None
        res = run_cli(["text", "/dev/stdin"], stdin=piped.stdout.fileno())
        piped.wait()
    assert res.rc == 0, res.err
    assert res.out.decode("utf-8").strip() == small_plan_text().replace("\r\n", "\n").strip()


def test_pipe_read_is_bounded_by_max_bytes(tmp_path: Path) -> None:
    """The read itself is bounded, not just st_size: an endless pipe stops at --max-bytes."""
    yes = subprocess.Popen(["yes", "一、总体要求"], stdout=subprocess.PIPE)
    assert yes.stdout is not None
    try:
        res = run_cli(["--max-bytes", "1000000", "text", "/dev/stdin"], stdin=yes.stdout.fileno())
    finally:
        yes.kill()
        yes.wait()
    assert not res.timed_out and res.rss_mb < MAX_RSS_MB
    assert res.rc == 1 and "1000000 byte limit" in res.one_error_line()


def test_fifo_with_silent_writer_does_not_hang(tmp_path: Path) -> None:
    """A FIFO whose writer never writes: refused after the idle limit, never a hang."""
    path = fifo(tmp_path)
    holder = subprocess.Popen(["sh", "-c", f"exec 3>'{path}'; sleep 30"])
    try:
        res = run_cli(["text", path], timeout=15)
    finally:
        holder.kill()
        holder.wait()
    assert not res.timed_out
    assert res.rc == 1 and "no data" in res.one_error_line()
