"""A listing's or a search's queries do not grow with its results (10 against
500), and its facet counts stay what following them shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from core.models import Audience, Format
from libraries.models import LibraryIndexPage
from practices.models import PracticeIndexPage
from search.indexing import indexed_at_the_end
from tests.core.test_facet_counts import Counter
from tests.factories import LibraryPageFactory, PracticePageFactory, a_picture

pytestmark = pytest.mark.django_db

PAGES = [
    "/pl/dobre-praktyki/",
    "/pl/dobre-praktyki/?audience=seniors",
    "/pl/search/?q=szachy",
    "/pl/search/?q=szachy&audience=seniors",
]


def queries_for(client, url):
    client.get(url)  # warm the site's caches first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert b"Szachy" in response.content
    return len(queries)


# Each count beside a filter of these, followed (every item on one page).
COUNTED = [
    ("/pl/dobre-praktyki/", ".card__title"),
    ("/pl/dobre-praktyki/?audience=seniors&format={format}", ".card__title"),
    ("/pl/dobre-praktyki/?library={library}", ".card__title"),
    ("/pl/search/?q=szachy&audience=seniors", ".search-result"),
]


def counts_followed(client, monkeypatch, libraries, formats):
    """Each count that differs from what following its link shows."""
    differ = {}
    with monkeypatch.context() as patch:
        patch.setattr(PracticeIndexPage, "per_page", 1000)
        patch.setattr("search.results.PER_PAGE", 1000)
        for path, item in COUNTED:
            url = "http://testserver" + path.format(
                format=formats[0].slug, library=libraries[0].slug
            )
            differ.update(Counter(client, item).differences(url))
    return differ


def test_ten_and_five_hundred_practices_cost_the_same_queries(client, monkeypatch):
    """And at both sizes each facet count is what following it shows."""
    polish = Locale.objects.get(language_code="pl")
    index = PracticeIndexPage.objects.get(locale=polish)
    directory = LibraryIndexPage.objects.get(locale=polish)
    audiences = list(Audience.objects.filter(locale=polish).order_by("slug")[:3])
    seniors = Audience.objects.get(locale=polish, slug="seniors")
    formats = list(Format.objects.filter(locale=polish).order_by("slug")[:2])
    libraries = [LibraryPageFactory(parent=directory) for _ in range(5)]

    def add(count, start):
        # Indexed in one batch at the end (as update_index does), not one
        # at a time as each is saved: half the time of making 500.
        with indexed_at_the_end():
            for n in range(start, start + count):
                PracticePageFactory(
                    parent=index,
                    title=f"Szachy w bibliotece {n}",
                    summary="Szachy dla seniorów i dzieci.",
                    library=libraries[n % len(libraries)],
                    audiences=[seniors, audiences[n % len(audiences)]],
                    formats=formats[: 1 + n % len(formats)],
                    image=a_picture(),
                )

    add(10, 0)
    few = {url: queries_for(client, url) for url in PAGES}
    assert counts_followed(client, monkeypatch, libraries, formats) == {}
    add(490, 10)
    many = {url: queries_for(client, url) for url in PAGES}
    assert many == few
    assert counts_followed(client, monkeypatch, libraries, formats) == {}


def test_a_long_query_that_finds_nothing_costs_what_a_short_one_does(client):
    """A search that finds nothing looks for the nearest words of each word
    it does not know: one query per word, each a scan of the language's
    vocabulary (about 0.1 s on PostgreSQL with 50,000 words a language). A
    query of as many unknown words as 200 characters hold (or one word
    typed twenty times) must not cost twenty of them."""

    def queries(q):
        url = f"/pl/search/?q={q}"
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    words = ["kwzx", "qwyv", "zxqj", "vjqw", "xqzv", "jvxq", "wqxz", "zqvx"]
    short = queries(" ".join(words[:4]))
    assert queries(" ".join(words)) <= short
    assert queries(" ".join(["senoirów"] * 20)) <= queries("senoirów")


def test_a_search_that_finds_its_words_reads_no_vocabulary(client):
    """The vocabulary serves a search that found nothing. "bibliotekarkami"
    is found through its lemma, though no page spells it so: reading its
    nearest words as well cost a scan of the vocabulary on every such
    search."""
    from search.models import Word

    table = Word._meta.db_table
    for q in ["bibliotekarki", "bibliotekarkami", "szkoleniowy bibliotekarkami"]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/pl/search/", {"q": q})
        assert b"search-result__title" in response.content, q
        assert not [query for query in captured if table in query["sql"]], q


def test_indexing_a_page_reads_the_hidden_sections_once():
    """Indexing asks, for the page and for each page it names (its library,
    partners, project), whether the public may see it; outside a request
    nothing kept the answer, and each asking read the site's hidden sections
    again: twelve times for a practice, most of the time of a publish or of
    ``update_index``."""
    from modelsearch.index import insert_or_update_object

    from practices.models import PracticePage

    practice = (
        PracticePage.objects.live().filter(locale__language_code="pl").order_by("pk")
    ).first()
    with CaptureQueriesContext(connection) as queries:
        insert_or_update_object(practice)
    hidden_sections = [
        query
        for query in queries.captured_queries
        if "wagtailcore_pageviewrestriction" in query["sql"]
    ]
    assert len(hidden_sections) == 1
