"""The command line: every command has help, bad input gets one line and a non-zero exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from plan_parser.cli import app

from .conftest import ANYANG, ROOT

runner = CliRunner()
# every registered command, so a new command without an example fails (sqlite-utils' test_docs)
COMMANDS = sorted(
    c.name or c.callback.__name__.replace("_", "-")  # type: ignore[union-attr]
    for c in app.registered_commands
)


def test_every_command_is_checked() -> None:
    assert {"parse", "outline", "diff", "build", "export"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_parse_writes_json_and_yaml(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(ANYANG), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "anyang-2022-13.json",
        "anyang-2022-13.yaml",
    ]
    data = json.loads((tmp_path / "anyang-2022-13.json").read_text(encoding="utf-8"))
    assert list(data) == [
        "schema_version",
        "source",
        "metadata",
        "outline",
        "boxes",
        "tables",
        "quantities",
        "projects",
        "diagnostics",
    ]
    yaml_text = (tmp_path / "anyang-2022-13.yaml").read_text(encoding="utf-8")
    assert "安阳市“十四五”教育改革发展规划" in yaml_text
    assert "\\u" not in yaml_text


def test_parse_to_stdout_is_pure_json() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "plan_parser", "parse", str(ANYANG), "-o", "-"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    data = json.loads(proc.stdout)
    assert data["metadata"]["doc_number"] == "安政〔2022〕13号"


def test_outline_tree() -> None:
    result = runner.invoke(app, ["outline", str(ANYANG)])
    assert result.exit_code == 0
    assert "一、规划环境" in result.output
    assert "专栏4 基本公共教育均等化推进工程" in result.output
    assert "missing-box" in result.output


def test_outline_shows_tables_as_nodes(tmp_path: Path) -> None:
    # made up: a main-indicator table under the heading it sits in
    doc = tmp_path / "plan.txt"
    doc.write_text(
        "某省“十四五”教育事业发展规划\n一、主要指标\n表1 主要指标\n"
        "指标\t2020年\t2025年\t属性\n学前教育毛入园率(%)\t90.3\t93\t预期性\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["outline", str(doc)])
    assert result.exit_code == 0
    assert "▦ 表1 主要指标" in result.output and "tbl_1" in result.output


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "blank.txt").write_bytes(b"  \n\t\r\n \xe3\x80\x80\n")
    (tmp / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp / "undecodable.txt").write_bytes(bytes(range(0x80, 0x100)) * 40)
    (tmp / "adir").mkdir()
    return {
        "missing": tmp / "nope.txt",
        "directory": tmp / "adir",
        "empty": tmp / "empty.txt",
        "whitespace": tmp / "blank.txt",
        "binary": tmp / "binary.txt",
        "undecodable": tmp / "undecodable.txt",
    }


BAD = ["missing", "directory", "empty", "whitespace", "binary", "undecodable"]


@pytest.mark.parametrize("case", BAD)
@pytest.mark.parametrize("command", ["parse", "outline", "text"])
def test_bad_input_one_line_no_traceback(tmp_path: Path, case: str, command: str) -> None:
    path = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out"
    args = [sys.executable, "-m", "plan_parser", command, str(path)]
    if command == "parse":
        args += ["-o", str(out)]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert not out.exists() or not any(out.iterdir())


def test_bad_input_does_not_overwrite_existing_output(tmp_path: Path) -> None:
    bad = tmp_path / "anyang-2022-13.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out"
    out.mkdir()
    (out / "anyang-2022-13.json").write_text("old", encoding="utf-8")
    result = runner.invoke(app, ["parse", str(bad), "-o", str(out)])
    assert result.exit_code != 0
    assert (out / "anyang-2022-13.json").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in out.iterdir()) == ["anyang-2022-13.json"]


def test_unwritable_output_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # simulated: CI runs as root, which can write anywhere, so a chmod would test nothing there
    out = tmp_path / "ro"
    out.mkdir()
    real_access = os.access

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        return False if Path(path) == out and mode & os.W_OK else real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    result = runner.invoke(app, ["parse", str(ANYANG), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert f"{out}: output directory is not writable" in result.output
    assert list(out.iterdir()) == []


def test_output_dir_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "plan_parser", "parse", str(ANYANG), "-o", str(blocker / "sub")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode != 0
    assert proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr


def test_output_name_is_stem_only(tmp_path: Path) -> None:
    from plan_parser.serialize.files import output_stem

    assert output_stem("../../etc/passwd.txt") == "passwd"
    assert output_stem("/x/y/..txt") == "plan"  # never a dot-file or a path


def test_validate_reports_where(tmp_path: Path) -> None:
    good = ROOT / "data" / "structured" / "anyang-2022-13.json"
    data = json.loads(good.read_text(encoding="utf-8"))
    data["outline"][0]["line"] = "thirty"
    del data["source"]["sha256"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    ok = runner.invoke(app, ["validate", str(good)])
    assert ok.exit_code == 0
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "outline/0/line" in result.output
    assert "sha256" in result.output


def test_validate_malformed_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("a: [1, 2\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "error: " in result.output and "not valid YAML" in result.output


def test_text_command_prints_decoded_text() -> None:
    result = runner.invoke(app, ["text", str(ANYANG)])
    assert result.exit_code == 0
    assert result.output == ANYANG.read_text(encoding="utf-8")


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("plan-parser ")
