"""In a real browser, the public pages run under their strict policy without
a single violation: the copy button and the embedded player work."""

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    "/pl/",
    "/en/tutorials/spotkanie-online/",
    "/en/tutorials/spotkanie-online/embed/",
    "/en/search/?q=library",
]


def watch_violations(page):
    """Violations as the page reports them (a listener the policy allows,
    installed by the browser's tooling), and as the console logs them."""
    found = []
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (event) => {"
        " (window.__violations ||= []).push("
        "  `${event.disposition} ${event.effectiveDirective} ${event.blockedURI}`);"
        "});"
    )
    page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return found


def test_public_pages_break_no_rule_of_their_policy(browser, live_site):
    """One test for all the pages: a live-server test restores the demo
    after it (about 6 s each on PostgreSQL)."""
    violations = {}
    for path in PAGES:
        context = browser.new_context()
        page = context.new_page()
        logged = watch_violations(page)
        response = page.goto(f"{live_site.url}{path}")
        assert response.ok, path
        assert response.header_value("content-security-policy"), path
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)  # for late loads (poster, captions)
        found = page.evaluate("window.__violations || []") + logged
        if found:
            violations[path] = found
        context.close()
    assert violations == {}


def test_the_copy_button_works_under_the_policy(browser, live_site):
    context = browser.new_context()
    context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_site.url
    )
    page = context.new_page()
    logged = watch_violations(page)
    page.goto(f"{live_site.url}/en/tutorials/spotkanie-online/")
    button = page.locator(".copy-button")
    button.wait_for(state="visible")  # shown by static/js/copy.js
    button.click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("<iframe ")
    assert page.evaluate("window.__violations || []") == []
    assert logged == []
    context.close()
