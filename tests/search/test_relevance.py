"""The relevance set: inflected forms the demo's text does not use, and a few
misspellings, find its stories, on SQLite and on PostgreSQL.

``tests/search/cases/<language>.json`` holds at least 30 queries per language,
each a form (case, plural, verb form) or a misspelling that no searched page
of that language spells, with the slugs of the stories it must find among its
first 10 results (and, for a misspelling, the word the search corrects it
to, where it does not find it as typed). The queries go through the search
page's own path (``search.results.Search``, read in ``relevance.py``): on
SQLite the words are matched through simplemma's lemmas, on PostgreSQL
through each language's reading (``search/backends.py``); recall at 10 must
be 100% in every language on both. ``bench/search.py --recall`` prints the
same figures for each analysis.
"""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from wagtail.models import Locale, Page
from wagtail.search.models import IndexEntry

from search.excerpts import index_texts
from search.lemmas import LEMMAS, WORD
from search.results import Search
from tests.conftest import run_command
from tests.search.relevance import LANGUAGES, Request, cases, recall, searched

pytestmark = pytest.mark.django_db

on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's index holds the words themselves"
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_thirty_cases_in_forms_its_text_lacks(demo, language):
    locale = Locale.objects.get(language_code=language)
    pages = list(Search(Request(""), locale).searched_pages())
    texts = index_texts(pages)
    words = {
        word.lower()
        for page in pages
        for word in WORD.findall(f"{page.title} {texts.get(page.pk, '')}")
    }
    found = cases(language)
    assert len(found) >= 30
    assert sum("suggests" in case for case in found) >= 2
    slugs = {page.slug for page in pages}
    for case in found:
        assert case["q"].lower() not in words, f"the text spells {case['q']!r}"
        assert case["finds"] and set(case["finds"]) <= slugs, case


@pytest.mark.parametrize("language", LANGUAGES)
def test_recall_at_10_is_complete(demo, language):
    found, missed = recall(language)
    assert not missed, f"{language}: recall at 10 is {found:.0%}; missed {missed}"


README = Path(__file__).resolve().parents[2] / "README.md"
# "`/pl/search/?q=bibliotekarkami`\n  finds “Biblioteka online: …”"
EXAMPLE = re.compile(r"`(/\w+/search/\?q=[^`]+)`\s+finds\s+“([^”]+)”")


def readme_examples():
    text = " ".join(README.read_text("utf-8").split())
    return EXAMPLE.findall(text)


def test_the_readme_promises_its_two_example_searches():
    paths = [path for path, _title in readme_examples()]
    assert paths == ["/pl/search/?q=bibliotekarkami", "/ru/search/?q=наставничеством"]


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
    assert "biblioteka-online" in searched(locale, "bibliotekarkami")[0]
