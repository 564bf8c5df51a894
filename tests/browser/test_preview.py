"""The editor's preview panel shows the page, for every page type.

A preview is the public page rendered inside an admin view, with the public
site's framing policy (which refuses every frame) reaching it: the panel then
said "refused to connect". operations/security.py lets the admin's own origin
frame a preview, and no one else (tests/operations/test_headers.py).
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, get_page_models

from editorial.roles import NETWORK_EDITORS

pytestmark = pytest.mark.browser

PASSWORD = "preview-panel-password"  # noqa: S105 (a test user's)


def our_page_types():
    return [
        model
        for model in get_page_models()
        if model is not Page and not model.__module__.startswith("wagtail")
    ]


def signed_in(browser, live_site, username):
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=NETWORK_EDITORS))
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{live_site.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_site.url}/admin/")
    return context, page


def watch_refusals(page):
    """Frames the browser refused, as its console says."""
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "frame-ancestors" in message.text or "X-Frame-Options" in message.text
            else None
        ),
    )
    return refused


def test_the_preview_panel_shows_each_page_type(browser, live_site):
    types = our_page_types()
    assert len(types) >= 10  # home, the four indexes, their pages, testimonials
    context, page = signed_in(browser, live_site, "preview-editor")
    refused = watch_refusals(page)
    shown = {}
    for model in types:
        example = model.objects.filter(locale__language_code="pl").first()
        assert example is not None, f"the demo has no {model.__name__}"
        # The admin remembers an open panel; each editor starts with it closed.
        page.evaluate("localStorage.clear()")
        page.goto(f"{live_site.url}/admin/pages/{example.pk}/edit/")
        toggle = page.locator("button[data-side-panel-toggle='preview']")
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        frame = page.frame_locator("#w-preview-iframe")
        heading = frame.locator("main h1")
        heading.wait_for(timeout=15000)
        shown[model.__name__] = heading.inner_text().strip()
    expected = {
        model.__name__: model.objects.filter(locale__language_code="pl")
        .first()
        .title.strip()
        for model in types
    }
    assert shown == expected
    assert refused == []
    context.close()
