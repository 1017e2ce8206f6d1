"""A real headless Chromium (Debian's, driven by Playwright) for the home page's tests."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from tools import missing

REPO = Path(__file__).resolve().parents[2]
# Where a failing browser test leaves its screenshot (named in its failure report).
FAILURES = REPO / "test-screenshots"
# The flags a sandboxed, offline machine needs (no first-run, no background connections out).
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


def chromium_or_skip() -> str:
    """The system Chromium; missing, a skip, or a failure under REQUIRE_BROWSER=1 (CI)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return found or missing("chromium", "chromium", "REQUIRE_BROWSER")


@pytest.fixture(scope="session")
def chromium() -> Iterator:
    """One headless Chromium for the whole run."""
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()
