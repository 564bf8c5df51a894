"""axe-core finds no WCAG 2.1 A or AA violation on any kind of page, in any language."""

import pytest

pytestmark = pytest.mark.browser

# One page of every type, in every language it exists in.
PAGES = [
    *[f"/{code}/" for code in ("pl", "en", "ru", "fi")],
    "/pl/projekty/",
    "/en/projects/",
    "/pl/projekty/podaj-dalej/",
    "/en/projects/podaj-dalej/",
    "/ru/proekty/onlain-shkola-nastavnichestva/",
    "/fi/hankkeet/kirjastovaki-digitaitoisemmaksi/",
    "/pl/projekty/podaj-dalej/spotkania-w-lazach/",
    "/en/projects/podaj-dalej/meetings-in-lazy/",
    "/pl/projekty/podaj-dalej/morawica/",
    "/en/projects/podaj-dalej/korsze/",
    "/pl/dobre-praktyki/",
    "/ru/praktiki/",
    "/fi/opetusvideot/",
    "/pl/filmy/",
    "/pl/filmy/webinarium/",
    "/pl/filmy/spotkanie-online/",
    "/en/tutorials/wirtualna-wystawa/",
    "/en/tutorials/wirtualna-wystawa/embed/",
    "/pl/biblioteki/",
    "/en/libraries/",
    "/ru/biblioteki/muk-cb-belgorodskogo-rayona/",
    "/en/libraries/bpmig-lazy/",
    "/pl/search/?q=biblioteki",
    "/ru/search/?q=библиотеки&type=project",
    "/fi/search/?q=xylophonequartz",
    "/en/search/",
]
MISSING = "/fi/ei-ole/"  # the 404 page must be accessible too


def test_every_page_type_in_every_language(browser, live_site, axe):
    from tests.factories import TutorialPageFactory
    from tutorials.models import TutorialIndexPage

    tutorial = TutorialPageFactory(
        parent=TutorialIndexPage.objects.get(locale__language_code="pl"),
        slug="webinarium",
        transcript="<p>Dzień dobry, dziś pokażę, jak zaplanować webinarium.</p>",
    )
    tutorial.save_revision().publish()
    page = browser.new_page()
    violations = {}
    statuses = {}
    for path in [*PAGES, MISSING]:
        statuses[path] = page.goto(f"{live_site.url}{path}").status
        found = axe(page)
        if found:
            violations[path] = found
    page.close()
    assert violations == {}
    assert statuses == {**dict.fromkeys(PAGES, 200), MISSING: 404}


@pytest.mark.parametrize("width", [360, 1280])
def test_pages_fit_narrow_and_wide_screens(browser, live_site, axe, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    overflowing = []
    for path in (
        "/fi/",
        "/en/projects/podaj-dalej/",
        "/pl/projekty/podaj-dalej/spotkania-w-lazach/",
    ):
        page.goto(f"{live_site.url}{path}")
        if page.evaluate("document.documentElement.scrollWidth") > width:
            overflowing.append(path)
        assert axe(page) == [], path
    page.close()
    assert overflowing == []
