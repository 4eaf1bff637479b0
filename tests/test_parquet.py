"""`build --parquet TABLES`: the dataset as Parquet tables partitioned by province, that DuckDB,
Spark and pyarrow read as they are."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plan_parser.dataset.build import build
from plan_parser.dataset.export import build_tables, load_documents
from plan_parser.dataset.parquet import TABLE_NAMES, write_tables
from plan_parser.dataset.storage import open_store

from .conftest import ALL_PLANS, ANYANG, needs_corpus
from .test_build import files_of

pa_dataset = pytest.importorskip("pyarrow.dataset")


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    raw = tmp_path / "raw"
    raw.mkdir()
    for plan in ALL_PLANS:
        shutil.copy(plan, raw / plan.name)
    out = tmp_path / "out"
    build(raw, out)
    return raw, out


def read(tables: Path, name: str) -> list[dict[str, object]]:
    dataset = pa_dataset.dataset(tables / name, format="parquet", partitioning="hive")
    rows: list[dict[str, object]] = dataset.to_table().to_pylist()
    return rows


def test_tables_hold_every_record_by_province(built: tuple[Path, Path], tmp_path: Path) -> None:
    raw, out = built
    manifest = build(raw, out).manifest
    tables = tmp_path / "tables"
    report = write_tables(open_store(out), manifest, open_store(tables))
    assert "河南省" in report.provinces  # 安阳市人民政府办公室 -> 安阳市 -> 河南省
    assert {p.split("/")[0] for p in report.written} == set(TABLE_NAMES)
    plans = read(tables, "plans")
    assert sorted(str(r["input"]) for r in plans) == sorted(p.name for p in ALL_PLANS)
    anyang = next(r for r in plans if r["doc_id"] == ANYANG.stem)
    assert (anyang["province"], anyang["jurisdiction_name"]) == ("河南省", "安阳市")
    assert anyang["province_code"] == "410000"
    totals = manifest.totals
    assert len(read(tables, "quantities")) == totals.quantities
    assert len(read(tables, "projects")) == totals.projects
    assert len(read(tables, "diagnostics")) == totals.diagnostics
    exported = build_tables(load_documents(sorted(out.glob("*.json"))))
    for table in exported:
        # the export's rows, by province (the `tables` cells are the export's own, not partitioned)
        if table.name != "plans" and table.name in TABLE_NAMES:
            assert len(read(tables, table.name)) == len(table.rows), table.name
    quantities = read(tables, "quantities")
    q = next(r for r in quantities if r["doc_id"] == ANYANG.stem and r["unit"] == "%")
    assert isinstance(q["value"], float) and isinstance(q["line"], int)
    # the same dataset gives the same bytes
    again = tmp_path / "again"
    write_tables(open_store(out), manifest, open_store(again))
    assert files_of(again) == files_of(tables)


def test_duckdb_reads_the_partitions(built: tuple[Path, Path], tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    raw, out = built
    manifest = build(raw, out).manifest
    tables = tmp_path / "tables"
    write_tables(open_store(out), manifest, open_store(tables))
    sql = f"""
        SELECT province, count(*) AS n
        FROM read_parquet('{tables}/quantities/*/*.parquet', hive_partitioning = true)
        WHERE province = '河南省' AND unit = '%'
        GROUP BY province
    """
    (province, n), *_ = duckdb.sql(sql).fetchall()
    assert province == "河南省" and n > 10


@needs_corpus  # plans of other provinces stay
def test_a_province_without_plans_loses_its_partition(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    raw, out = built
    tables = tmp_path / "tables"
    write_tables(open_store(out), build(raw, out).manifest, open_store(tables))
    assert (tables / "plans" / "province=河南省").is_dir()
    for p in raw.iterdir():
        if p.name != ANYANG.name and p.name.startswith(("anyang", "henan")):
            p.unlink()
    (raw / ANYANG.name).unlink()
    report = write_tables(open_store(out), build(raw, out).manifest, open_store(tables))
    assert "河南省" not in report.provinces
    assert "plans/province=河南省/part-0.parquet" in report.removed
    assert not (tables / "plans" / "province=河南省").exists()
