"""Reliability, family 3: injection (attack report, injection table; defects 3, 5, 12). No
formula cell in any CSV, no YAML bomb or deep nesting taking a command down, exit 1 and one line
naming the field for every bad user document, never the expanded value."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import MAX_RSS_MB, Result, anyang_text, run_cli, small_plan_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EVIL = (
    "一、总体要求\n\n"
    '=HYPERLINK("http://evil.example","学前三年毛入园率")达到93%。\n'
    "@SUM(1+1)普通高中毛入学率达到92%以上。\n"
    "二、=CMD|' /C calc'!A0重点任务\n\n"
    "专栏1 +重点工程\n"
    "1.-2+3普惠性幼儿园建设工程。新建幼儿园20所。\n"
)


def csv_cells(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def dangerous(cells: list[str]) -> list[str]:
    return [c for c in cells if c.startswith(FORMULA_START)]


@pytest.fixture
def evil(tmp_path: Path) -> Path:
    path = tmp_path / "evil.txt"
    path.write_text(EVIL + anyang_text()[:4000], encoding="utf-8")
    return path


def test_export_csv_has_no_formula_cell(evil: Path, tmp_path: Path) -> None:
    res = run_cli(["export", evil, "-o", tmp_path / "x"])
    assert res.rc == 0, res.err
    tables = sorted((tmp_path / "x").glob("*.csv"))
    assert len(tables) >= 4
    texts = [c for t in tables for c in csv_cells(t.read_bytes())]
    assert any("HYPERLINK" in c for c in texts)  # the text is kept, neutralised
    assert dangerous(texts) == []


@pytest.mark.parametrize(
    "command", [["quantities", "--format", "csv"], ["projects", "--format", "csv"]]
)
def test_table_commands_csv_has_no_formula_cell(evil: Path, command: list[str]) -> None:
    res = run_cli([command[0], evil, *command[1:]])
    assert res.rc == 0, res.err
    assert dangerous(csv_cells(res.out)) == []


def test_diff_csv_has_no_formula_cell(evil: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "# title: evil\nkind,indicator,value,unit,year\n"
        'target,"=HYPERLINK(""x"",""学前三年毛入园率"")",93,%,2025\n'
        "target,-普通高中毛入学率,92,%,2025\n",
        encoding="utf-8",
    )
    res = run_cli(["diff", evil, sheet, "--format", "csv"])
    assert res.rc == 0, res.err
    cells = csv_cells(res.out)
    assert any("HYPERLINK" in c for c in cells)
    assert dangerous(cells) == []


def test_xlsx_cells_stay_text(evil: Path, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    res = run_cli(["export", evil, "--format", "xlsx", "-o", tmp_path / "x"])
    assert res.rc == 0, res.err
    with zipfile.ZipFile(tmp_path / "x" / "plans.xlsx") as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert all(b"<f>" not in s and b"<f " not in s for s in sheets)
    assert any(b"HYPERLINK" in s for s in sheets)


# --- YAML and JSON budgets ---------------------------------------------------------------------

LAUGHS = ["a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]"] + [
    f"{n}: &{n} [{','.join(['*' + p] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
]


def bomb_output(tmp: Path) -> Path:
    path = tmp / "bomb.yaml"
    path.write_text(
        "\n".join(LAUGHS) + '\nschema_version: "1.0"\noutline: [*i]\n', encoding="utf-8"
    )
    return path


def bomb_sheet(tmp: Path) -> Path:
    path = tmp / "bomb_sheet.yaml"
    path.write_text(
        "\n".join(LAUGHS)
        + "\ndocument: {title: *i}\nquantities: [{kind: target, indicator: a, value: 1}]\n",
        encoding="utf-8",
    )
    return path


def bomb_synonyms(tmp: Path) -> Path:
    path = tmp / "syn.yaml"
    path.write_text("\n".join(LAUGHS) + "\ngroups: [*i]\n", encoding="utf-8")
    return path


def plan(tmp: Path) -> Path:
    path = tmp / "plan.txt"
    path.write_text(small_plan_text(), encoding="utf-8")
    return path


def deep(tmp: Path, suffix: str) -> Path:
    path = tmp / f"deep.{suffix}"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    return path


def sheet(tmp: Path, name: str, body: str) -> Path:
    path = tmp / name
    path.write_text(body, encoding="utf-8")
    return path


Build = Callable[[Path], list[str | Path]]
BAD_DOCUMENTS: list[tuple[str, Build, tuple[str, ...]]] = [
    # id, command, words the one error line must hold
    ("bomb-validate", lambda t: ["validate", bomb_output(t)], ("alias",)),
    ("bomb-export", lambda t: ["export", bomb_output(t), "-o", t / "x"], ("alias",)),
    ("bomb-diff-output", lambda t: ["diff", plan(t), bomb_output(t)], ("alias",)),
    ("bomb-diff-sheet-title", lambda t: ["diff", plan(t), bomb_sheet(t)], ("alias",)),
    (
        "bomb-synonyms",
        lambda t: ["diff", "--synonyms", bomb_synonyms(t), plan(t), plan(t)],
        ("alias",),
    ),
    ("deep-json-validate", lambda t: ["validate", deep(t, "json")], ("deep",)),
    ("deep-yaml-validate", lambda t: ["validate", deep(t, "yaml")], ("deep",)),
    ("deep-json-diff", lambda t: ["diff", plan(t), deep(t, "json")], ("deep",)),
    ("deep-yaml-diff", lambda t: ["diff", plan(t), deep(t, "yaml")], ("deep",)),
    ("deep-json-export", lambda t: ["export", deep(t, "json"), "-o", t / "x"], ("deep",)),
    (
        "sheet-title-list",
        lambda t: [
            "diff",
            plan(t),
            sheet(
                t,
                "h.yaml",
                "document: {title: [1, 2]}\nquantities: [{kind: target, indicator: a, value: 1}]\n",
            ),
        ],
        ("document.title",),
    ),
    (
        "sheet-1e999-json",
        lambda t: [
            "diff",
            plan(t),
            sheet(
                t,
                "s.json",
                '{"quantities": [{"kind": "target", "indicator": "a", "value": 1e999}]}',
            ),
        ],
        ("value",),
    ),
    (
        "sheet-nan-json",
        lambda t: [
            "diff",
            plan(t),
            sheet(
                t, "s.json", '{"quantities": [{"kind": "target", "indicator": "a", "value": NaN}]}'
            ),
        ],
        ("value",),
    ),
    (
        "sheet-nan-yaml",
        lambda t: [
            "diff",
            plan(t),
            sheet(t, "s.yaml", "quantities: [{kind: target, indicator: a, value: .nan}]\n"),
        ],
        ("value",),
    ),
    (
        "sheet-1e999-yaml",
        lambda t: [
            "diff",
            plan(t),
            sheet(t, "s.yaml", "quantities: [{kind: target, indicator: a, value: 1e999}]\n"),
        ],
        ("value",),
    ),
    (
        "sheet-1e999-csv",
        lambda t: ["diff", plan(t), sheet(t, "s.csv", "kind,indicator,value\ntarget,a,1e999\n")],
        ("value",),
    ),
    (
        "python-tag",
        lambda t: [
            "validate",
            sheet(t, "t.yaml", "outline: !!python/object/apply:os.system ['touch pwned']\n"),
        ],
        (),
    ),
]


@pytest.mark.parametrize("case", BAD_DOCUMENTS, ids=[c[0] for c in BAD_DOCUMENTS])
def test_bad_user_document(case: tuple[str, Build, tuple[str, ...]], tmp_path: Path) -> None:
    _, build, words = case
    res: Result = run_cli(build(tmp_path), timeout=10, cwd=tmp_path)
    assert not res.timed_out, "still running after 10 s"
    assert res.rss_mb < MAX_RSS_MB, f"{res.rss_mb:.0f} MB"
    assert res.rc == 1, (res.rc, res.err[:300])
    line = res.one_error_line()
    assert "internal error" not in line
    assert len(line) < 400, "the error line holds the (expanded) value"
    for word in words:
        assert word in line, line
    assert not (tmp_path / "pwned").exists()
