"""`make screenshots`: PNGs of the review page and the diff page for the README.

Renders the bundled plan and the Anyang/Henan diff, opens them in Debian's Chromium (headless,
through playwright; never a downloaded browser), clicks a target and writes
docs/screenshots/view.png, view-filtered.png and diff.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plan_parser import parse_file, read_text  # noqa: E402
from plan_parser.diff import diff_paths  # noqa: E402
from plan_parser.view import render_diff, render_plan  # noqa: E402
from tests.browser import browser_missing, chromium  # noqa: E402

PLAN = ROOT / "data" / "raw" / "anyang-2022-13.txt"
SHEET = ROOT / "tests" / "data" / "henan-2021-headline-targets.yaml"
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    if why := browser_missing():
        print(f"error: {why}", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "view.html"
        page_path.write_text(render_plan(parse_file(PLAN), read_text(PLAN)), encoding="utf-8")
        diff = diff_paths(PLAN, SHEET)
        diff_path = Path(tmp) / "diff.html"
        diff_path.write_text(
            render_diff(diff, read_text(PLAN), SHEET.read_text(encoding="utf-8")), encoding="utf-8"
        )
        with chromium() as browser:
            page = browser.new_page(viewport={"width": 1400, "height": 860})
            page.goto(page_path.as_uri())
            page.locator("#search").fill("毛入园率")
            page.locator("#search").press("Enter")
            page.locator('mark.k-target[data-id="chp_3__sec_2__item_1__q_1"]').first.click()
            page.screenshot(path=str(OUT / "view.png"))
            for kind in ("program", "construction", "heading", "box"):
                page.locator(f'#legend input[data-kind="{kind}"]').uncheck()
            page.screenshot(path=str(OUT / "view-filtered.png"))
            page = browser.new_page(viewport={"width": 1400, "height": 860})
            page.goto(diff_path.as_uri())
            page.locator("tr a.go").nth(6).click()
            page.screenshot(path=str(OUT / "diff.png"))
    for name in ("view.png", "view-filtered.png", "diff.png"):
        print(f"wrote {OUT.relative_to(ROOT) / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
