"""The review pages: marks nest and cross correctly, pages are self-contained and deterministic,
and in a real headless Chromium a click shows a fact's fields, a filter hides a kind, search finds
text, the diff's links reach each side's line, and no page logs an error."""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from plan_parser import read_text
from plan_parser.diff import diff_paths
from plan_parser.view import render_diff, render_plan
from plan_parser.view.marks import Mark, line_spans, render_lines

from .browser import browser_missing, chromium
from .conftest import ANYANG, HENAN_SHEET, SHARED_CORPUS, parsed

SHANGHAI = SHARED_CORPUS / "shanghai-14th-fyp-outline-partial.txt"


# --- marks --------------------------------------------------------------------------------------


def test_line_spans_follow_the_parsers_lines() -> None:
    assert line_spans("a\r\nbc\rd\n") == [(0, 1), (3, 5), (6, 7)]
    assert line_spans("") == [(0, 0)]


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        # nested: the longer span outside
        (
            [Mark("o", "program", 0, 6), Mark("i", "target", 2, 4)],
            '<mark class="f k-program" data-id="o">ab<mark class="f k-target" data-id="i">cd'
            "</mark>ef</mark>",
        ),
        # crossing: the second is cut where the first closes and reopened after it
        (
            [Mark("x", "target", 0, 4), Mark("y", "baseline", 2, 6)],
            '<mark class="f k-target" data-id="x">ab<mark class="f k-baseline" data-id="y">cd'
            '</mark></mark><mark class="f k-baseline" data-id="y">ef</mark>',
        ),
        # a span outside the text is dropped, not drawn
        ([Mark("z", "target", 4, 99)], "abcdef"),
    ],
)
def test_marks_nest_and_cross(marks: list[Mark], expected: str) -> None:
    html = render_lines("abcdef", marks)
    body = re.search(r'<span class="t">(.*)</span></div>', html)
    assert body is not None and body.group(1) == expected


def test_a_mark_over_a_line_break_is_cut_at_the_line_end() -> None:
    html = render_lines("ab\ncd", [Mark("m", "program", 1, 4)])
    assert html.count('data-id="m"') == 2
    assert 'id="L1"' in html and 'id="L2"' in html


def test_text_is_escaped() -> None:
    html = render_lines("<b>&</b>", [])
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in html


# --- the plan page -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def anyang_page() -> str:
    return render_plan(parsed(ANYANG), read_text(ANYANG))


def _data(page: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="plan-data">(.*?)</script>', page, re.S)
    assert m is not None
    result: dict[str, Any] = json.loads(m.group(1))
    return result


def test_page_is_self_contained(anyang_page: str) -> None:
    assert not re.search(r"<(link|img|iframe)\b", anyang_page)
    assert not re.search(r"<script[^>]+src=", anyang_page)
    assert not re.search(r"(src|href)=\"(https?:)?//", anyang_page)
    assert "url(" not in anyang_page and "@import" not in anyang_page
    assert "default-src 'none'" in anyang_page  # and the browser is told to fetch nothing


def test_page_is_deterministic(anyang_page: str) -> None:
    assert render_plan(parsed(ANYANG), read_text(ANYANG)) == anyang_page


def test_every_fact_is_drawn_and_described(anyang_page: str) -> None:
    plan = parsed(ANYANG)
    data = _data(anyang_page)
    drawn = set(re.findall(r'<mark class="f k-[a-z]+" data-id="([^"]+)"', anyang_page))
    ids = [q.id for q in plan.quantities] + [p.id for p in plan.projects]
    ids += [n.id for n in plan.iter_nodes()] + [b.id for b in plan.boxes]
    assert set(ids) <= drawn
    assert set(ids) <= set(data["facts"])
    assert all(f["fields"].get("span_ok", True) for f in data["facts"].values())
    q = plan.quantities[0]
    assert data["facts"][q.id]["fields"]["quote"] == q.quote
    assert any(f["kind"] == "noise" for f in data["facts"].values())


# --- in the browser ------------------------------------------------------------------------------

needs_browser = pytest.mark.skipif(
    browser_missing() is not None and not os.environ.get("CI"),
    reason=str(browser_missing()),
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


class Page:
    """A page open in the browser, collecting console errors and uncaught exceptions."""

    def __init__(self, browser: Any, path: Path, width: int = 1400) -> None:
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.requests: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        start = time.perf_counter()
        self.page.goto(path.as_uri(), wait_until="load")
        self.load_seconds = time.perf_counter() - start


@pytest.fixture
def anyang_html(tmp_path: Path, anyang_page: str) -> Path:
    path = tmp_path / "anyang.html"
    path.write_text(anyang_page, encoding="utf-8")
    return path


@needs_browser
def test_clicking_a_highlight_shows_its_fields(browser: Any, anyang_html: Path) -> None:
    plan = parsed(ANYANG)
    q = next(q for q in plan.quantities if q.indicator == "学前三年毛入园率" and q.kind == "target")
    view = Page(browser, anyang_html)
    view.page.locator(f'mark.f[data-id="{q.id}"]').first.click()
    panel = view.page.locator("#panel-body")
    assert panel.locator('tr[data-field="indicator"] td').inner_text() == "学前三年毛入园率"
    assert panel.locator('tr[data-field="value"] td').inner_text() == "93"
    assert panel.locator('tr[data-field="unit"] td').inner_text() == "%"
    assert panel.locator('tr[data-field="year"] td').inner_text() == "2025"
    assert panel.locator('tr[data-field="quote"] td').inner_text() == q.quote
    assert "text[span] is the quote" in panel.inner_text()
    assert view.page.locator(f'mark.f.sel[data-id="{q.id}"]').count() >= 1
    assert view.errors == [] and view.requests == [anyang_html.as_uri()]


@needs_browser
def test_a_filter_hides_a_kind(browser: Any, anyang_html: Path) -> None:
    view = Page(browser, anyang_html)
    target = view.page.locator("mark.k-target").first
    background = "getComputedStyle(el).backgroundColor"
    assert target.evaluate(f"el => {background}") != "rgba(0, 0, 0, 0)"
    view.page.locator('#legend input[data-kind="target"]').uncheck()
    assert target.evaluate(f"el => {background}") == "rgba(0, 0, 0, 0)"
    assert target.evaluate("el => getComputedStyle(el).pointerEvents") == "none"
    baseline = view.page.locator("mark.k-baseline").first
    assert baseline.evaluate(f"el => {background}") != "rgba(0, 0, 0, 0)"  # others stay
    view.page.locator('#legend input[data-kind="target"]').check()
    assert target.evaluate(f"el => {background}") != "rgba(0, 0, 0, 0)"
    assert view.errors == []


@needs_browser
def test_search_and_outline_navigation(browser: Any, anyang_html: Path) -> None:
    view = Page(browser, anyang_html)
    view.page.fill("#search", "毛入园率")
    view.page.press("#search", "Enter")
    assert re.match(r"1 / \d+ lines", view.page.inner_text("#search-count"))
    assert view.page.locator(".l.hit").count() == 2  # lines 40 and 266
    view.page.locator("#nav a", has_text="保障机制").first.click()
    assert view.page.evaluate("location.hash").startswith("#L")
    assert view.errors == []


@needs_browser
def test_the_largest_corpus_plan_stays_responsive(browser: Any, tmp_path: Path) -> None:
    if not SHANGHAI.exists():
        pytest.skip("corpus absent")
    path = tmp_path / "shanghai.html"
    path.write_text(render_plan(parsed(SHANGHAI), read_text(SHANGHAI)), encoding="utf-8")
    view = Page(browser, path)
    assert view.load_seconds < 3.0
    start = time.perf_counter()
    view.page.locator("mark.k-target").nth(50).click()
    view.page.wait_for_selector('#panel-body tr[data-field="indicator"]')
    view.page.fill("#search", "亿元")
    view.page.press("#search", "Enter")
    assert time.perf_counter() - start < 2.0
    assert view.errors == []


@needs_browser
def test_a_narrow_window_still_shows_the_panel(browser: Any, anyang_html: Path) -> None:
    view = Page(browser, anyang_html, width=600)
    view.page.locator("mark.k-target").first.click()
    assert view.page.locator('#panel-body tr[data-field="value"]').is_visible()
    assert view.errors == []


# --- the diff page -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def diff_page() -> str:
    diff = diff_paths(ANYANG, HENAN_SHEET)
    return render_diff(diff, read_text(ANYANG), HENAN_SHEET.read_text(encoding="utf-8"))


def test_diff_page_lists_every_pair(diff_page: str) -> None:
    diff = diff_paths(ANYANG, HENAN_SHEET)
    assert diff_page.count('<tr class="r-') == len(diff.indicators.pairs)
    for p in diff.indicators.pairs:
        assert f'href="#A-L{p.a.line}"' in diff_page and f'href="#B-L{p.b.line}"' in diff_page


@needs_browser
def test_diff_links_reach_both_sides(browser: Any, tmp_path: Path, diff_page: str) -> None:
    path = tmp_path / "diff.html"
    path.write_text(diff_page, encoding="utf-8")
    view = Page(browser, path)
    view.page.locator("tr a.go").first.click()
    assert view.page.locator("#pane-A .l.flash").count() == 1
    assert view.page.locator("#pane-B .l.flash").count() == 1
    assert view.page.locator("#pane-A mark.sel").first.is_visible()
    view.page.locator('#filters input[data-relation="same"]').uncheck()
    assert view.page.locator('tr[data-relation="same"]').first.is_hidden()
    assert view.errors == []
