"""What every public page's <head> says of it: its description, its icons,
the site's feed of new stories (issue 15)."""

import io

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils import translation
from PIL import Image
from wagtail.models import Locale, Page, PageViewRestriction

from core.descriptions import DESCRIPTION_LENGTH, plain_text
from core.localization import fallback_order, inside_url
from home.models import HomePage
from libraries.models import LibraryIndexPage, LibraryPage
from practices.models import PracticeIndexPage, PracticePage
from projects.models import ProjectIndexPage, ProjectPage, TestimonialPage
from tutorials.models import TutorialIndexPage, TutorialPage

pytestmark = pytest.mark.django_db

# Each page type and where its description comes from.
SOURCES = {
    HomePage: lambda page: page.intro,
    ProjectIndexPage: lambda page: page.intro,
    PracticeIndexPage: lambda page: page.intro,
    TutorialIndexPage: lambda page: page.intro,
    LibraryIndexPage: lambda page: page.intro,
    ProjectPage: lambda page: page.summary,
    PracticePage: lambda page: page.summary,
    TutorialPage: lambda page: page.summary,
    TestimonialPage: lambda page: page.excerpt or page.quote,
}
SITE = {
    "pl": "Platforma publikacji sieci bibliotek",
    "ru": "Издательская платформа сети библиотек",
}


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").head


def reader_page(model, language):
    """A live page of ``model`` for a reader of ``language``, and its address
    for that reader: its own, else the version the lists show read inside
    ``language``."""
    pages = model.objects.live().public().select_related("locale")
    own = pages.filter(locale__language_code=language).order_by("path").first()
    if own is not None:
        return own, own.url
    for code in fallback_order(own or pages.first().locale):
        other = pages.filter(locale__language_code=code).order_by("path").first()
        if other is not None:
            return other, inside_url(other.url, language)
    raise AssertionError(f"no {model.__name__} in the demo")


def description(html):
    found = html.find_all("meta", attrs={"name": "description"})
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("language", ["pl", "ru"])
def test_every_page_type_describes_itself(client, language):
    """Each page type's description is its own summary (the demo sets no
    search description), plain text cut at a word under 160 characters,
    marked with its language where the page is read inside another."""
    for model in [*SOURCES, LibraryPage]:
        page, url = reader_page(model, language)
        meta = description(head(client, url))
        content = meta["content"]
        if model is LibraryPage:  # its kind, then where it is
            assert page.place in content, (url, content)
            expected = plain_text(page.summary_text())
        else:
            expected = plain_text(SOURCES[model](page))
        assert 0 < len(content) <= DESCRIPTION_LENGTH, (url, content)
        if expected:
            assert content.startswith(expected[:40]) or (
                # a list without an introduction says what the site is
                content.startswith(SITE[language])
            ), (url, content, expected)
            if len(expected) > DESCRIPTION_LENGTH:
                assert content.endswith("…"), (url, content)
                assert expected.startswith(content[:-1]), (url, content)
                after = expected[len(content) - 1]
                assert not after.isalnum(), ("cut inside a word", url, content)
        else:
            assert content.startswith(SITE[language]), (url, content)
        own_language = page.locale.language_code
        assert meta.get("lang") == (None if own_language == language else own_language)
        assert "<" not in content and "&lt;" not in content, (url, content)


def test_a_library_says_what_and_where_it_is(client):
    library = LibraryPage.objects.live().get(
        locale__language_code="pl", town="Kroczyce"
    )
    content = description(head(client, library.url))["content"]
    assert content.startswith(library.get_kind_display().capitalize()), content
    assert "Kroczyce, województwo śląskie, Polska" in content


def test_a_search_description_wins_and_a_long_summary_is_cut_at_a_word(client):
    practice = PracticePage.objects.live().get(locale__language_code="pl")
    practice.summary = "Biblioteka " * 40
    practice.save_revision().publish()
    content = description(head(client, practice.url))["content"]
    assert content == ("Biblioteka " * 14).strip() + "…"
    practice.search_description = "Jak <b>biblioteki</b> spotykają się online."
    practice.save_revision().publish()
    content = description(head(client, practice.url))["content"]
    assert content == "Jak biblioteki spotykają się online."


def test_a_password_form_says_nothing_of_its_page(client):
    """The form is drawn in base.html with the page in its context: its
    description is the site's, not the page's summary."""
    practice = PracticePage.objects.live().get(locale__language_code="pl")
    PageViewRestriction.objects.create(
        page=practice,
        restriction_type="password",
        password="secret",  # noqa: S106
    )
    html = head(client, practice.url)
    assert html.title.get_text() == "Wymagane hasło"
    assert description(html)["content"].startswith(SITE["pl"])
    assert practice.summary[:30] not in str(html)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/pl/search/", "Szukaj projektów, dobrych praktyk"),
        ("/ru/search/?q=библиотека", "Поиск проектов, практик"),
    ],
)
def test_the_search_page_has_a_description_of_its_own(client, url, expected):
    assert description(head(client, url))["content"].startswith(expected)


class TestIcons:
    def icons(self, client):
        html = head(client, "/ru/")
        return {
            (link["rel"][0], link.get("type")): link["href"]
            for link in html.select("link[rel=icon], link[rel=apple-touch-icon]")
        }

    def image(self, client, url):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content)
        return Image.open(io.BytesIO(body)), body

    def test_every_page_names_an_svg_icon_an_ico_and_a_touch_icon(self, client):
        icons = self.icons(client)
        assert set(icons) == {
            ("icon", None),
            ("icon", "image/svg+xml"),
            ("apple-touch-icon", None),
        }
        svg = client.get(icons[("icon", "image/svg+xml")])
        assert svg.status_code == 200
        assert b"<svg" in b"".join(svg.streaming_content)
        ico, _body = self.image(client, icons[("icon", None)])
        assert ico.format == "ICO" and (32, 32) in ico.info["sizes"]

    def test_the_touch_icon_is_an_opaque_square_of_180(self, client):
        touch, _body = self.image(
            client, self.icons(client)[("apple-touch-icon", None)]
        )
        assert (touch.format, touch.size, touch.mode) == ("PNG", (180, 180), "RGB")

    def test_favicon_ico_answers_with_the_icon(self, client):
        response = client.get("/favicon.ico")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/x-icon"
        assert "max-age=86400" in response["Cache-Control"]
        served = b"".join(response.streaming_content)
        _ico, static = self.image(client, self.icons(client)[("icon", None)])
        assert served == static
        assert client.head("/favicon.ico").status_code == 200
        assert client.post("/favicon.ico").status_code == 405


def test_every_page_links_the_sites_feed_in_its_readers_language(client):
    """The switcher's pages too: a story read inside Russian links the
    Russian feed, a 404 its language's."""
    practice, url = reader_page(PracticePage, "ru")
    assert practice.locale.language_code != "ru"
    for address, language in ((url, "ru"), ("/pl/search/", "pl")):
        html = head(client, address)
        links = html.select("link[rel=alternate][type$='+xml']")
        assert {link["type"]: link["href"] for link in links} == {
            "application/rss+xml": f"/{language}/feed/",
            "application/atom+xml": f"/{language}/feed/atom/",
        }
    missing = client.get("/ru/no-such-page/")
    assert missing.status_code == 404
    assert b'href="/ru/feed/"' in missing.content


def test_site_feed_url_gives_the_feed_of_the_language_a_page_is_read_in():
    english = Page.objects.get(locale__language_code="en", depth=3, slug="projects")
    template = Template(
        "{% load core_tags %}{% site_feed_url page as feed_url %}{{ feed_url }} "
        '{% site_feed_url page "atom" %}'
    )
    with translation.override("pl"):
        assert template.render(Context({"page": english})) == "/en/feed/ /en/feed/atom/"
        english.shown_inside = Locale.objects.get(language_code="ru")
        assert template.render(Context({"page": english})) == "/ru/feed/ /ru/feed/atom/"
        assert template.render(Context({})) == "/pl/feed/ /pl/feed/atom/"
