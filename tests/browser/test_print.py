"""The print stylesheet: a page on paper without the site's navigation, its
dated events and facts kept on one sheet."""

import pytest

from practices.models import PracticePage

pytestmark = pytest.mark.browser

HIDDEN_ON_PAPER = [
    ".skip-links",
    ".main-navigation",
    ".language-switcher",
    ".site-search",
    ".breadcrumbs",
    ".site-footer__links",
]


def displayed(page, selector):
    return page.locator(selector).first.evaluate(
        "element => getComputedStyle(element).display !== 'none'"
    )


def test_a_practice_prints_without_navigation(browser, live_site):
    practice = PracticePage.objects.get(locale__language_code="pl")
    page = browser.new_page()
    page.goto(f"{live_site.url}{practice.url}")
    assert all(displayed(page, selector) for selector in HIDDEN_ON_PAPER[1:])

    page.emulate_media(media="print")
    for selector in HIDDEN_ON_PAPER:
        assert not displayed(page, selector), selector
    assert page.locator("h1").is_visible()
    for selector in (".events", ".facts"):
        assert (
            page.locator(selector).first.evaluate(
                "element => getComputedStyle(element).breakInside"
            )
            == "avoid"
        ), selector
    page.close()


def test_the_list_prints_without_its_filters_or_booklet_link(browser, live_site):
    page = browser.new_page()
    page.goto(f"{live_site.url}/pl/dobre-praktyki/")
    assert displayed(page, ".booklet-link")
    page.emulate_media(media="print")
    assert not displayed(page, ".booklet-link")
    assert not displayed(page, ".filters")
    page.close()
