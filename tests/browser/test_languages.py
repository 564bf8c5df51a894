import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class TestLanguageInTheBrowser:
    def test_root_lands_on_the_browser_language_and_switches(self, browser, live_site):
        context = browser.new_context(locale="ru-RU")
        page = context.new_page()

        page.goto(f"{live_site.url}/")
        assert page.url == f"{live_site.url}/ru/"
        assert page.locator("html").get_attribute("lang") == "ru"
        assert page.locator("h1").inner_text() == "Сеть библиотек"

        page.locator("nav.language-switcher").get_by_role(
            "link", name="English"
        ).click()
        page.wait_for_url(f"{live_site.url}/en/")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("h1").inner_text() == "Library network"
        context.close()

    def test_skip_link_moves_focus_to_the_main_content(self, browser, live_site):
        page = browser.new_page()
        page.goto(f"{live_site.url}/pl/")
        page.keyboard.press("Tab")
        skip = page.locator(".skip-link")
        assert skip.evaluate("element => element === document.activeElement")
        assert skip.is_visible()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        page.close()


class TestAccessibility:
    @pytest.mark.parametrize("code", LANGUAGE_CODES)
    def test_home_page_has_no_wcag_21_aa_violation(self, browser, live_site, axe, code):
        page = browser.new_page()
        page.goto(f"{live_site.url}/{code}/")
        assert axe(page) == []
        page.close()

    @pytest.mark.parametrize("width", [360, 1280])
    def test_home_page_fits_narrow_and_wide_screens(
        self, browser, live_site, axe, width
    ):
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.goto(f"{live_site.url}/fi/")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width
        assert axe(page) == []
        page.close()
