"""Query strings no view can use answer 400 for every reader, not 500, and
change nothing."""

import pytest

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
