"""Query strings no view can use answer 400 for every reader, not 500, and
change nothing."""

import pytest
from django.db import connection

from tests.snapshot import database_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def unchanged(demo):
    """Asserts, after the test, that the database is as before it."""
    before = database_state()
    yield
    assert database_state() == before


@pytest.mark.parametrize(
    "url",
    [
        "/en/search/?q=%00",
        "/pl/search/?q=bajki%00",
        "/api/v2/pages/?search=%00",
        "/api/v2/pages/?search%00=x",
        "/pl/dobre-praktyki/?audience=%00",
    ],
)
def test_a_nul_in_the_query_string_is_a_400(client, unchanged, url):
    response = client.get(url)
    assert response.status_code == 400


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_an_unknown_search_operator_is_a_400(client, unchanged, endpoint):
    response = client.get(
        f"/api/v2/{endpoint}/", {"search": "biblioteka", "search_operator": "xx"}
    )
    assert response.status_code == 400
    assert response.json() == {"message": "search_operator must be 'and' or 'or'"}
    for operator in ("and", "or"):
        response = client.get(
            f"/api/v2/{endpoint}/",
            {"search": "biblioteka", "search_operator": operator},
        )
        assert response.status_code == 200


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("pl", "Nieprawidłowe żądanie"),
        ("ru", "Неверный запрос"),
        ("fi", "Virheellinen pyyntö"),
    ],
)
def test_the_400_page_speaks_the_readers_language(client, demo, language, title):
    response = client.get(f"/{language}/search/?q=%00")
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert title in html
    assert f'href="/{language}/"' in html


# Found by tests/operations/test_any_query.py -------------------------------


class TestQuotesAndBlanksInASearch:
    """A double quote was an FTS5 syntax error on SQLite (the search page and
    the API answered with the 503 page); a search of blanks alone made
    modelsearch fail (500)."""

    @pytest.mark.parametrize(
        "url",
        [
            "/pl/search/?q=%22",
            "/pl/search/?q=bajki%22",
            "/api/v2/pages/?search=%22",
            "/api/v2/images/?search=%22",
            "/api/v2/documents/?search=%22",
        ],
    )
    def test_a_double_quote_is_searched_for_as_text(self, client, unchanged, url):
        assert client.get(url).status_code == 200

    def test_a_quoted_word_still_finds_its_pages(self, client):
        response = client.get("/api/v2/pages/", {"search": '"bibliotekarki"'})
        assert response.status_code == 200
        titles = {item["title"] for item in response.json()["items"]}
        assert "Biblioteka online: program szkoleniowy" in titles

    @pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
    def test_a_search_of_blanks_alone_is_no_search(self, client, unchanged, endpoint):
        blanks = client.get(f"/api/v2/{endpoint}/", {"search": " \t "})
        empty = client.get(f"/api/v2/{endpoint}/", {"search": ""})
        assert blanks.status_code == empty.status_code == 200
        assert blanks.json() == empty.json()


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_a_search_longer_than_the_search_pages_is_a_400(client, unchanged, endpoint):
    """The search page takes 200 characters; the API took any number. Five
    hundred words were a RecursionError on SQLite (a 500: the backend nests
    one expression per word, and each word's lemmas in every language), and
    on PostgreSQL 2,000 one-letter words took about 10 s."""
    response = client.get(f"/api/v2/{endpoint}/", {"search": " ".join(["kot"] * 500)})
    assert response.status_code == 400
    assert response.json() == {"message": "search cannot be longer than 200 characters"}
    at_most = client.get(f"/api/v2/{endpoint}/", {"search": "kot " * 49 + "kota"})
    assert at_most.status_code == 200


# PostgreSQL takes these values as they are: the filter works there.
converted_in_python = pytest.mark.skipif(
    connection.vendor == "postgresql",
    reason="PostgreSQL converts the value itself",
)


class TestAPIParameters:
    """Values Wagtail passed on to the database unchecked, and failed on
    with a server error: now a 400 that names the parameter."""

    @pytest.mark.parametrize(
        ("params", "message"),
        [
            (
                {"type": "projects.ProjectPage", "start_date": "abc"},
                "field filter error. 'abc' is not a valid value for start_date",
            ),
            (
                {"type": "libraries.LibraryPage", "latitude": "1e400"},
                "field filter error. '1e400' is not a valid value for latitude",
            ),
            pytest.param(
                # SQLite's dates are text in UTC: year 10000 (PostgreSQL's
                # timestamps take it).
                {"first_published_at": "9999-12-31T23:59:59-10:00"},
                "field filter error. first_published_at cannot be filtered by "
                "'9999-12-31T23:59:59-10:00'",
                marks=converted_in_python,
            ),
            (
                {"type": "tutorials.TutorialPage", "duration": "abc"},
                "field filter error. 'abc' is not a valid value for duration",
            ),
            pytest.param(
                # A duration Django reads, but Wagtail filters with the text
                # as given, which SQLite's duration column cannot take.
                {"type": "tutorials.TutorialPage", "duration": "00:04:30"},
                "field filter error. duration cannot be filtered by '00:04:30'",
                marks=converted_in_python,
            ),
            (
                {"type": "projects.ProjectPage", "audiences": "seniors"},
                "field filter error. 'seniors' is not a valid value for audiences",
            ),
            (
                {"type": "practices.PracticePage", "library": "9" * 20},
                f"field filter error. '{'9' * 20}' is not a valid value for library",
            ),
            (
                {"type": "projects.ProjectPage", "body": "1e400"},
                "field filter error. '1e400' is not a valid value for body",
            ),
        ],
    )
    def test_a_field_filter_the_field_cannot_hold_is_a_400(
        self, client, unchanged, params, message
    ):
        response = client.get("/api/v2/pages/", params)
        assert response.status_code == 400
        assert response.json() == {"message": message}

    def test_a_field_filter_the_field_can_hold_still_filters(self, client):
        from libraries.models import LibraryPage
        from projects.models import ProjectPage

        project = ProjectPage.objects.get(
            locale__language_code="pl", slug="podaj-dalej"
        )
        # The demo gives no project a start date.
        ProjectPage.objects.filter(pk=project.pk).update(start_date="2010-11-01")
        library = LibraryPage.objects.get(locale__language_code="pl", slug="bpmig-lazy")
        for params, title in [
            (
                {"type": "projects.ProjectPage", "start_date": "2010-11-01"},
                project.title,
            ),
            (
                {"type": "practices.PracticePage", "library": library.pk},
                "Spotkania „Podaj dalej” w Łazach",
            ),
        ]:
            response = client.get("/api/v2/pages/", params)
            assert response.status_code == 200
            assert title in {item["title"] for item in response.json()["items"]}

    @pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
    def test_an_offset_past_the_databases_integers_is_a_400(
        self, client, unchanged, endpoint
    ):
        response = client.get(f"/api/v2/{endpoint}/", {"offset": "9" * 25})
        assert response.status_code == 400
        assert response.json() == {"message": "offset cannot be higher than 1000000000"}
        assert (
            client.get(f"/api/v2/{endpoint}/", {"offset": "1000"}).json()["items"] == []
        )

    @pytest.mark.parametrize(
        ("site", "message"),
        [
            ("nowhere.example", "site doesn't exist"),
            ("", "site doesn't exist"),
            ("localhost:abc", "site port must be a number below 65536"),
            ("localhost:" + "9" * 20, "site port must be a number below 65536"),
        ],
    )
    def test_a_site_that_names_no_site_is_a_400(self, client, unchanged, site, message):
        from wagtail.models import Site

        home = Site.objects.get(is_default_site=True).root_page
        for url in ("/api/v2/pages/", f"/api/v2/pages/{home.pk}/"):
            response = client.get(url, {"site": site})
            assert response.status_code == 400, url
            assert response.json() == {"message": message}

    def test_the_sites_own_name_still_chooses_it(self, client):
        from wagtail.models import Site

        site = Site.objects.get(is_default_site=True)
        for value in (site.hostname, f"{site.hostname}:{site.port}"):
            response = client.get("/api/v2/pages/", {"site": value})
            assert response.status_code == 200
            assert response.json()["meta"]["total_count"] > 0
