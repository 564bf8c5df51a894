import pytest

pytestmark = pytest.mark.browser


def test_root_lands_on_the_browser_language_switches_and_skips(browser, live_site):
    context = browser.new_context(locale="ru-RU")
    page = context.new_page()

    page.goto(f"{live_site.url}/")
    assert page.url == f"{live_site.url}/ru/"
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text() == "Сеть библиотек"

    page.locator("nav.language-switcher").get_by_role("link", name="English").click()
    page.wait_for_url(f"{live_site.url}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Library network"

    # From a translated story, the switcher leads to the same story.
    page.goto(f"{live_site.url}/en/projects/online-mentoring-school/")
    page.locator("nav.language-switcher").get_by_role("link", name="Русский").click()
    page.wait_for_url(f"{live_site.url}/ru/proekty/onlain-shkola-nastavnichestva/")
    assert (
        page.locator("h1").inner_text() == "Онлайн-школа библиотечного наставничества"
    )

    # The first Tab reaches the skip link; Enter moves focus to the content.
    page.goto(f"{live_site.url}/pl/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    context.close()
