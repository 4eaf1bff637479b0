"""A real headless browser for tests and screenshots: Debian's Chromium driven by playwright.

Never downloads a browser: playwright launches the system's /usr/bin/chromium (install it with
`apt-get install chromium`; `.ci/run` does so on CI). Outside CI, tests that need it are skipped
when it is absent; on CI (CI=true) they fail instead, so a missing browser cannot pass unseen.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("PLAN_PARSER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_missing() -> str | None:
    """Why no browser test can run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    if not (CHROMIUM.exists() or shutil.which(str(CHROMIUM))):
        return f"{CHROMIUM} is absent (apt-get install chromium)"
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
