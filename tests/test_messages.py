"""What a user reads: refusals of input that is not a Chinese plan or not an output, page
furniture summarized instead of listed page by page, readable usage lines, and a quantities CSV
that says whether a figure is a change."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_parser import parse_bytes
from plan_parser.cli import app
from plan_parser.errors import InputError

from .conftest import ANYANG, ROOT, SHARED_CORPUS, parsed

runner = CliRunner()

NOT_CHINESE = [
    "hello world\n",
    # an English document
    "National Plan for Smart Manufacturing\n1. Objectives\nBy 2025, output shall grow by 10%.\n",
    # English with a couple of Chinese names: still not a Chinese document
    "Report on the Qingdao (青岛) AI plan\n" + "The city plans computing power of 12 EFLOPS. " * 20,
    "2021,2022,2023\n1,2,3\n",  # numbers only
]
CHINESE = [
    "一、规划环境\n正文。\n",
    "指标\t2020\nA\t93%\n",  # a table flattened one cell per line: few characters, all Chinese
    "到2025年，全市算力规模达到12EFLOPS，建成5G基站2万个，培育AI企业100家。\n",
]


@pytest.mark.parametrize("text", NOT_CHINESE)
def test_not_chinese_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="not a Chinese plan document"):
        parse_bytes(text.encode("utf-8"), path="x.txt")


@pytest.mark.parametrize("text", CHINESE)
def test_chinese_is_read(text: str) -> None:
    parse_bytes(text.encode("utf-8"), path="x.txt")


@pytest.mark.parametrize("command", ["parse", "outline", "quantities"])
def test_not_chinese_one_error_line(tmp_path: Path, command: str) -> None:
    path = tmp_path / "hello.txt"
    path.write_text("hello world\n", encoding="utf-8")
    args = [sys.executable, "-m", "plan_parser", command, str(path)]
    if command == "parse":
        args += ["-o", str(tmp_path / "out")]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert "not a Chinese plan document" in lines[0]
    assert proc.stdout == ""


@pytest.mark.parametrize(
    "name, content",
    [
        ("hello.txt", "hello world\n"),
        ("notes.yaml", "just a sentence\n"),
        ("plan.txt", ANYANG.read_text(encoding="utf-8")),  # a plan, not its output
        ("empty.json", "null\n"),
    ],
)
def test_validate_on_a_file_that_is_not_an_output(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "plan_parser", "validate", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr


@pytest.mark.parametrize("command", ["parse", "outline", "quantities", "validate", "diff"])
def test_usage_has_readable_placeholders(command: str) -> None:
    usage = runner.invoke(app, [command, "--help"]).output.splitlines()[0]
    assert "{" not in usage and "}" not in usage, usage
    assert usage.startswith(f"Usage: plan-parser {command} [OPTIONS] "), usage
    assert usage.split("[OPTIONS] ")[1].isupper(), usage  # INPUTS..., A B, FILES...


# --- page furniture: one summary diagnostic per kind -------------------------------------------

# plan, kind, count, first lines quoted
FURNITURE = [
    ("beijing-2021-eco-restoration-plan.txt", "page-number", 33, "(L26 I, L60 I, L79 I I, …)"),
    ("national-2021-smart-manufacturing.txt", "page-number", 15, "(L19 1, L43 2, L67 3, …)"),
]


@pytest.mark.parametrize("name, code, count, first", FURNITURE, ids=[r[0] for r in FURNITURE])
def test_page_furniture_is_one_summary(name: str, code: str, count: int, first: str) -> None:
    found = [d for d in parsed(SHARED_CORPUS / name).diagnostics if d.code == code]
    assert len(found) == 1
    assert found[0].message == f"bare page number removed: {count} lines {first}"


def test_one_page_number_is_quoted_alone() -> None:
    text = (
        "一、发展基础\n"
        + "这是一段很长的正文，用来说明规划的背景和发展的基础条件。" * 2
        + "\n12\n二、目标\n正文。\n"
    )
    found = [d for d in parse_bytes(text.encode(), path="x.txt").diagnostics]
    assert [d.message for d in found if d.code == "page-number"] == ["bare page number removed: 12"]


# --- quantities --format csv ---------------------------------------------------------------------


def test_quantities_csv_says_change_and_year_stated() -> None:
    result = runner.invoke(app, ["quantities", str(ANYANG), "--format", "csv", "--no-bom"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {"change", "year_stated", "binding"} <= set(rows[0])
    assert any(r["change"] in ("increase", "decrease") for r in rows)  # 降低35%: not a level
    assert {r["year_stated"] for r in rows} <= {"", "true", "false"}
