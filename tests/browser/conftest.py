"""A real Chromium (Debian's) driven by Playwright against a live server."""

import os
import shutil
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 A and AA (2.0 and 2.1 included), and axe's best practices.
WCAG_22_AA = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
]


def chromium_path():
    return os.environ.get("CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        message = "Chromium is not installed (apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls
    # that the tests make around it are still synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def axe():
    """Run axe-core's WCAG 2.2 A and AA and best-practice rules on a page;
    return its violations."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")

    def check(page):
        # Evaluated, not added as a <script>: the site's Content-Security-Policy
        # (rightly) refuses inline script.
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_22_AA,
        )
        return [
            {
                "rule": violation["id"],
                "impact": violation["impact"],
                "nodes": [node["target"] for node in violation["nodes"]],
            }
            for violation in result["violations"]
        ]

    return check
