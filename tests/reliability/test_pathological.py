"""Reliability, family 5: pathological sizes and shapes (attack report defects 7, 8, 19). Each
case is sized so that the quadratic code it guards takes well past its bound."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import MAX_RSS_MB, anyang_text, run_cli

HTML_HEAD = "<html><body><p>一、总体要求</p><p>到2025年,学前三年毛入园率达到93%。</p>"


@pytest.mark.parametrize(
    ("name", "tail"),
    [
        ("unterminated-a", "<a" * 80_000),  # was 13 s (check_for_whole_start_tag)
        ("unterminated-end-tag", "</" * 200_000),  # was ~15 s
        ("unterminated-comment", "<!--" + "<p>x</p>" * 50_000),
        ("unterminated-bang", "<!" * 80_000),
        ("unterminated-pi", "<?" * 80_000),
    ],
)
def test_html_unterminated_constructs_are_linear(tmp_path: Path, name: str, tail: str) -> None:
    page = tmp_path / "p.html"
    page.write_text(HTML_HEAD + tail, encoding="utf-8")
    res = run_cli(["text", page], timeout=6)
    assert not res.timed_out, f"{name}: still running after 6 s"
    assert res.rc == 0, res.err
    assert "总体要求" in res.out.decode("utf-8")


def test_diff_is_not_quadratic_in_plan_size(tmp_path: Path) -> None:
    """The plan ×8 against itself (1.1 MB; 1 592 quantities a side): 13 s and more before."""
    (tmp_path / "a8.txt").write_text(anyang_text() * 8, encoding="utf-8")
    assert run_cli(["parse", tmp_path / "a8.txt", "-o", tmp_path], timeout=30).rc == 0
    res = run_cli(
        ["diff", tmp_path / "a8.json", tmp_path / "a8.json", "--format", "json"], timeout=8
    )
    assert not res.timed_out, "diff ×8 still running after 12 s (31 s before the fix)"
    assert res.rc == 0, res.err
    assert res.rss_mb < MAX_RSS_MB
    diff = json.loads(res.out)
    assert len(diff["indicators"]["pairs"]) >= 1500


def test_breadcrumb_long_line_is_bounded(tmp_path: Path) -> None:
    body = anyang_text().replace("\n", "")
    (tmp_path / "crumb.txt").write_text("首页 > 政务公开 > " + body * 8 + "\n", encoding="utf-8")
    res = run_cli(["parse", tmp_path / "crumb.txt", "-o", tmp_path / "o"], timeout=30)
    assert res.rc == 0, res.err
    plan = json.loads((tmp_path / "o" / "crumb.json").read_text(encoding="utf-8"))
    assert max((len(d["message"]) for d in plan["diagnostics"]), default=0) < 1000
