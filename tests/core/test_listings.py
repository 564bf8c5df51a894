"""Listings narrow by facets given as GET parameters, and feeds follow them."""

import feedparser
import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from wagtail.models import Locale

from core.models import Audience, Format
from practices.models import PracticeIndexPage
from tests.factories import PracticePageFactory
from tests.snapshot import database_state

INDEX = "/pl/dobre-praktyki/"


@pytest.fixture
def practices(db):
    polish = Locale.objects.get(language_code="pl")
    index = PracticeIndexPage.objects.get(locale=polish)

    def terms(model, *slugs):
        return list(model.objects.filter(locale=polish, slug__in=slugs))

    made = {}
    for title, audiences, formats in [
        ("Cyfrowe ABC dla seniorów", ["seniors"], ["webinar"]),
        ("Klub seniora w bibliotece", ["seniors"], ["meeting"]),
        ("Bajki online", ["children"], ["webinar"]),
    ]:
        made[title] = PracticePageFactory(
            parent=index,
            title=title,
            audiences=terms(Audience, *audiences),
            formats=terms(Format, *formats),
        )
        made[title].save_revision().publish()
    return made


def titles(response):
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in html.select(".card__title a")]


@pytest.mark.django_db
class TestPracticeListing:
    def test_filters_by_audience(self, client, practices):
        found = titles(client.get(INDEX, {"audience": "seniors"}))
        assert sorted(found) == [
            "Cyfrowe ABC dla seniorów",
            "Klub seniora w bibliotece",
        ]

    def test_combines_filters(self, client, practices):
        found = titles(client.get(INDEX, {"audience": "seniors", "format": "webinar"}))
        assert found == ["Cyfrowe ABC dla seniorów"]

    def test_counts_each_choice_and_links_it(self, client, practices):
        html = BeautifulSoup(client.get(INDEX).content, "html.parser")
        seniors = html.find("a", href="?audience=seniors")
        assert seniors.get_text() == "seniorzy"
        assert seniors.find_next_sibling("span").get_text() == "(2)"
        html = BeautifulSoup(
            client.get(INDEX, {"format": "webinar"}).content, "html.parser"
        )
        chosen = html.select_one(".filters a[aria-current]")
        assert chosen.get_text() == "webinarium"
        assert chosen["href"] == "?"  # choosing it again removes it

    def test_each_choice_is_counted_within_the_other_filters(self, client, practices):
        def count(params, value):
            html = BeautifulSoup(client.get(INDEX, params).content, "html.parser")
            return html.select_one(f'.filters a[href*="audience={value}"]').find_next(
                "span"
            )

        assert count({}, "seniors").get_text() == "(2)"
        assert count({"format": "webinar"}, "seniors").get_text() == "(1)"
        assert count({"format": "webinar"}, "children").get_text() == "(1)"
        assert count({"format": "meeting"}, "librarians").get_text() == "(1)"

    def test_the_same_filter_works_in_every_language(self, client, practices):
        found = titles(client.get("/en/good-practices/", {"audience": "librarians"}))
        assert found == ["“Podaj dalej” meetings in Łazy"]

    def test_filters_by_library_and_region(self, client, practices):
        assert titles(client.get(INDEX, {"library": "bpmig-lazy"})) == [
            "Spotkania „Podaj dalej” w Łazach"
        ]
        assert titles(client.get(INDEX, {"library": "mgbp-pilica"})) == [
            "Spotkania „Podaj dalej” w Łazach"
        ]
        assert titles(client.get(INDEX, {"region": "województwo śląskie"})) == [
            "Spotkania „Podaj dalej” w Łazach"
        ]

    def test_sorts_newest_first_or_by_title(self, client, practices):
        by_title = titles(client.get(INDEX, {"sort": "title"}))
        assert by_title == sorted(by_title)
        newest = titles(client.get(INDEX))
        assert newest[0] == "Bajki online"

    @pytest.mark.parametrize(
        "params",
        [{"audience": "astronauts"}, {"sort": "random"}, {"library": "nowhere"}],
    )
    def test_an_unknown_value_is_a_clear_400_that_lists_nothing(
        self, client, practices, params
    ):
        response = client.get(INDEX, params)
        assert response.status_code == 400
        html = BeautifulSoup(response.content, "html.parser")
        assert html.find(role="alert")
        assert not html.select(".card__title")

    def test_a_draft_is_not_listed_or_counted(self, client, practices):
        practices["Klub seniora w bibliotece"].unpublish()
        assert titles(client.get(INDEX, {"audience": "seniors"})) == [
            "Cyfrowe ABC dla seniorów"
        ]
        html = BeautifulSoup(client.get(INDEX).content, "html.parser")
        count = html.find("a", href="?audience=seniors").find_next_sibling("span")
        assert count.get_text() == "(1)"

    def test_projects_filter_by_year_and_tutorials_by_audience(self, client):
        assert client.get("/pl/projekty/", {"year": "1999"}).status_code == 400
        found = titles(client.get("/pl/filmy/", {"audience": "special-needs"}))
        assert found == ["Wirtualna wystawa ze zeskanowanych zdjęć"]


@pytest.mark.django_db
class TestFeeds:
    @pytest.mark.parametrize("kind", ["rss", "atom"])
    def test_parse_and_follow_the_filters(self, client, practices, kind):
        response = client.get(f"{INDEX}feed/{kind}/", {"audience": "seniors"})
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == ("rss20" if kind == "rss" else "atom10")
        if kind == "rss":
            assert feed.feed.language == "pl"
        assert sorted(entry.title for entry in feed.entries) == [
            "Cyfrowe ABC dla seniorów",
            "Klub seniora w bibliotece",
        ]
        assert all(
            entry.link.startswith("http://testserver/pl/") for entry in feed.entries
        )

    @pytest.mark.parametrize(
        ("path", "title"),
        [
            ("/en/projects/feed/rss/", "Online School of Library Mentoring"),
            ("/en/tutorials/feed/atom/", "A library's first online meeting"),
            ("/ru/proekty/feed/rss/", "Онлайн-школа библиотечного наставничества"),
        ],
    )
    def test_projects_and_tutorials_in_each_language(self, client, path, title):
        feed = feedparser.parse(client.get(path).content)
        assert not feed.bozo
        assert title in {entry.title for entry in feed.entries}

    def test_drafts_stay_out(self, client, practices):
        practices["Bajki online"].unpublish()
        feed = feedparser.parse(client.get(f"{INDEX}feed/rss/").content)
        assert "Bajki online" not in {entry.title for entry in feed.entries}

    def test_an_unknown_filter_is_a_400(self, client):
        assert (
            client.get(f"{INDEX}feed/rss/", {"audience": "astronauts"}).status_code
            == 400
        )

    def test_the_library_directory_has_no_feed(self, client):
        assert client.get("/pl/biblioteki/feed/rss/").status_code == 404

    def test_listings_link_their_feeds_with_their_filters(self, client):
        html = BeautifulSoup(
            client.get(INDEX, {"audience": "librarians"}).content, "html.parser"
        )
        rss = html.find("link", type="application/rss+xml")["href"]
        atom = html.find("link", type="application/atom+xml")["href"]
        assert rss == f"{INDEX}feed/rss/?audience=librarians"
        assert atom == f"{INDEX}feed/atom/?audience=librarians"
        assert not feedparser.parse(client.get(rss).content).bozo


@pytest.mark.django_db
def test_the_count_uses_the_languages_plural_forms(client, practices):
    def count(params):
        html = BeautifulSoup(client.get(INDEX, params).content, "html.parser")
        return html.select_one(".result-count").get_text()

    # Counted as what they are, in Polish's plural forms.
    assert count({"audience": "children"}) == "1 dobra praktyka"
    assert count({}) == "4 dobre praktyki"
    assert count({"audience": "seniors"}) == "2 dobre praktyki"


@pytest.mark.django_db
def test_tutorials_filter_by_library_and_region(client):
    from libraries.models import LibraryPage
    from tests.factories import TutorialPageFactory
    from tutorials.models import TutorialIndexPage

    polish = Locale.objects.get(language_code="pl")
    library = LibraryPage.objects.get(locale=polish, slug="gbp-morawica")
    tutorial = TutorialPageFactory(
        parent=TutorialIndexPage.objects.get(locale=polish),
        title="Jak nagrać podcast",
        library=library,
        transcript="<p>Nagrywamy podcast.</p>",
    )
    tutorial.save_revision().publish()

    by_library = client.get("/pl/filmy/", {"library": library.slug})
    assert titles(by_library) == ["Jak nagrać podcast"]
    by_region = client.get("/pl/filmy/", {"region": library.region})
    assert titles(by_region) == ["Jak nagrać podcast"]
    assert client.get("/pl/filmy/", {"library": "nowhere"}).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_control_character_pasted_from_word_keeps_the_feeds_working(
    client, practices, kind
):
    """Word pastes U+000B for Shift+Enter; XML cannot carry it. The feed is
    well-formed XML without it, and reading it changes nothing."""
    page = practices["Bajki online"]
    page.summary = "Bajki\x0bczytane online\x01"
    page.title = "Bajki\x0conline"
    page.save_revision().publish()
    # The list once, so that its cards' pictures have their renditions.
    assert client.get(INDEX).status_code == 200
    before = database_state()
    response = client.get(f"{INDEX}feed/{kind}/")
    assert response.status_code == 200
    ElementTree.fromstring(response.content)  # well-formed, or it raises
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    entry = next(e for e in feed.entries if e.title == "Bajkionline")
    assert entry.summary == "Bajkiczytane online"
    assert client.get(INDEX).status_code == 200
    assert database_state() == before
