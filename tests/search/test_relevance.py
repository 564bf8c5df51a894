"""The relevance set: inflected forms the demo's text does not use find its stories.

``tests/search/cases/<language>.json`` holds at least 30 queries per language,
each a form (case, plural, verb form) that no searched page of that language
spells, with the slugs of the stories it must find among its first 10
results. On SQLite the words are matched through simplemma's lemmas
(``search/lemmas.py``); recall at 10 must be 100% in every language.
"""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from wagtail.models import Locale
from wagtail.search.models import IndexEntry

from search.lemmas import LEMMAS, WORD, without_lemmas
from search.results import Search
from tests.conftest import run_command

pytestmark = pytest.mark.django_db

CASES = Path(__file__).parent / "cases"
LANGUAGES = ["pl", "ru", "fi", "en"]
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="PostgreSQL stems with its dictionaries; the set is not yet required there",
)


def cases(language):
    data = json.loads((CASES / f"{language}.json").read_text("utf-8"))
    assert data["language"] == language
    return data["cases"]


class Request:
    def __init__(self, q):
        self.GET = {"q": q}


def top_slugs(locale, q, n=10):
    search = Search(Request(q), locale)
    pages = search.searched_pages().only("id", "slug")
    found = search.backend().search(search.query, pages, operator="and")[:n]
    return [page.slug for page in found]


@on_sqlite  # it reads the words from SQLite's index; PostgreSQL's holds lexemes
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_thirty_cases_in_forms_its_text_lacks(demo, language):
    locale = Locale.objects.get(language_code=language)
    pages = Search(Request(""), locale).searched_pages()
    slugs = set(pages.values_list("slug", flat=True))
    entries = IndexEntry.objects.filter(object_id__in=[str(p.pk) for p in pages])
    words = {
        word.lower()
        for title, body in entries.values_list("title", "body")
        for word in WORD.findall(f"{without_lemmas(title)} {without_lemmas(body)}")
    }
    found = cases(language)
    assert len(found) >= 30
    for case in found:
        assert case["q"].lower() not in words, f"the text spells {case['q']!r}"
        assert case["finds"] and set(case["finds"]) <= slugs, case


@on_sqlite
@pytest.mark.parametrize("language", LANGUAGES)
def test_recall_at_10_is_complete(demo, language):
    locale = Locale.objects.get(language_code=language)
    missed, expected = [], 0
    for case in cases(language):
        top = top_slugs(locale, case["q"])
        expected += len(case["finds"])
        missed += [(case["q"], slug) for slug in case["finds"] if slug not in top]
    recall = 1 - len(missed) / expected
    assert not missed, f"{language}: recall at 10 is {recall:.0%}; missed {missed}"


README = Path(__file__).resolve().parents[2] / "README.md"
# "`/pl/search/?q=bibliotekarkami`\n  finds “Biblioteka online: …”"
EXAMPLE = re.compile(r"`(/\w+/search/\?q=[^`]+)`\s+finds\s+“([^”]+)”")


def readme_examples():
    text = " ".join(README.read_text("utf-8").split())
    return EXAMPLE.findall(text)


def test_the_readme_promises_its_two_example_searches():
    paths = [path for path, _title in readme_examples()]
    assert paths == ["/pl/search/?q=bibliotekarkami", "/ru/search/?q=наставничеством"]


@on_sqlite
@pytest.mark.parametrize(("path", "title"), readme_examples())
def test_the_readmes_example_searches_find_what_it_promises(demo, client, path, title):
    response = client.get(path)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    found = [item.get_text(strip=True) for item in html.select(".search-result__title")]
    assert title in found, (path, found)


@on_sqlite
def test_the_demo_index_holds_lemmas_as_loaded_and_as_rebuilt(demo):
    """``load_demo`` indexes the lemmas as it saves the pages, and so does
    ``update_index`` (``setup_search``) when it rebuilds the index."""
    from wagtail.models import Page

    page = Page.objects.get(slug="biblioteka-online", locale__language_code="pl")

    def indexed():
        entry = IndexEntry.objects.get(
            content_type_id=page.content_type_id, object_id=str(page.pk)
        )
        return entry.body.split(LEMMAS, 1)

    def assert_lemmas():
        text, lemmas = indexed()
        assert "bibliotekarki" in text.split()
        assert "bibliotekarka" in lemmas.split()

    assert_lemmas()
    run_command("update_index", verbosity=0)
    assert_lemmas()
    locale = Locale.objects.get(language_code="pl")
    assert "biblioteka-online" in top_slugs(locale, "bibliotekarkami")
