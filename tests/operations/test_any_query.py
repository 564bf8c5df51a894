"""No query string gives a server error (issue 14): generated ones (unicode,
control characters, very long values, repeated keys, the facets' own names
with any value, any ``page``, percent-encoded bytes) against every listing in
two languages, their feeds, the search page and the pages API.

An answer may be 200, a 400 that says what is wrong, or a 404 (the library
directory has no feed); never a 5xx, which includes the 503 page that the
site shows when a query fails in the database. Each property is bounded (a
few seconds); a failure prints the smallest query string that fails.
"""

import string
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

LISTINGS = [
    "/pl/dobre-praktyki/",
    "/ru/praktiki/",
    "/pl/projekty/",
    "/ru/proekty/",
    "/pl/filmy/",
    "/ru/videouroki/",
    "/pl/biblioteki/",
    "/ru/biblioteki/",
]
FEEDS = [f"{path}feed/{kind}/" for path in LISTINGS for kind in ("rss", "atom")]
SEARCHES = ["/pl/search/", "/ru/search/"]
API = "/api/v2/pages/"

# The facets' names, and values that mean something to them.
FACETS = ["audience", "format", "topic", "library", "region", "project", "year"]
LISTING_KEYS = [*FACETS, "sort", "page"]
SEARCH_KEYS = ["q", "type", *FACETS, "page"]
API_KEYS = [
    *("search", "search_operator", "fields", "type", "locale", "order"),
    *("limit", "offset", "child_of", "descendant_of", "ancestor_of"),
    *("translation_of", "site", "id", "title", "slug", "show_in_menus"),
    # Fields of the page types (``type`` chooses one): dates, numbers,
    # durations, relations, StreamFields.
    *("start_date", "end_date", "first_published_at", "latitude", "duration"),
    *("library", "programme", "project", "audiences", "partners", "body"),
    *("key_figures", "kind", "level", "testimonial", "featured_projects"),
]
MEANINGFUL = [
    *("seniors", "children", "librarians", "webinar", "meeting"),
    *("bpmig-lazy", "gbp-morawica", "podaj-dalej", "województwo śląskie"),
    *("2010", "2021", "title", "newest", "and", "or", "pl", "ru", "*", "-title"),
    *("projects.ProjectPage", "practices.PracticePage", "libraries.LibraryPage"),
    *("tutorials.TutorialPage", "home.HomePage", "title,-id", "body(x)"),
    *("library(*)", "random", "3", "0", "-1", "00:04:30", "2020-01-01"),
    *("testserver", "localhost:80", '"', "библиотеки", "kirjasto"),
]

texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40
)
control = st.text(alphabet=[chr(c) for c in (*range(32), 127)], max_size=8)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["1e309", "nan", "inf", "-0", "1.5", "+7", "1_000", "٣"]),
)
long_values = st.builds(
    lambda chunk, times: chunk * times,
    st.text(alphabet=string.ascii_letters + " ąłж\"'", min_size=1, max_size=5),
    st.integers(min_value=40, max_value=2000),
)
values = st.one_of(st.sampled_from(MEANINGFUL), texts, control, numbers, long_values)
percent_bytes = st.binary(max_size=12).map(
    lambda raw: "".join(f"%{byte:02X}" for byte in raw)
)


def encoded(text):
    return quote(text, safe="")


def query_strings(keys):
    """A query string: pairs of a known key (or any text) and any value,
    percent-encoded as a browser would, or given as raw percent-encoded
    bytes; keys may repeat."""
    key = st.one_of(st.sampled_from(keys).map(encoded), texts.map(encoded))
    value = st.one_of(values.map(encoded), percent_bytes)
    pair = st.tuples(key, value).map("=".join)
    bare = st.one_of(key, percent_bytes)  # "?page" with no "=", or bytes alone
    return st.lists(st.one_of(pair, pair, bare), max_size=6).map("&".join)


def assert_answers(client, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code < 500, (path, query, response.content[:300])


checked = settings(
    max_examples=200,
    deadline=None,
    # One client and one database transaction for all the examples: the
    # requests read only.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    database=None,
    print_blob=True,
)


# Besides the generated examples, each property tries the queries that failed
# before (tests/operations/test_bad_queries.py names each one).
@checked
@given(path=st.sampled_from(LISTINGS + FEEDS), query=query_strings(LISTING_KEYS))
@example(path="/pl/dobre-praktyki/", query="audience=seniors&audience=x&page=2")
@example(path="/ru/praktiki/feed/atom/", query="library=bpmig-lazy&page=%FF")
def test_no_listing_or_feed_fails(client, path, query):
    assert_answers(client, path, query)


@checked
@given(path=st.sampled_from(SEARCHES), query=query_strings(SEARCH_KEYS))
@example(path="/pl/search/", query="q=%22")
@example(path="/ru/search/", query="q=%20%09&type=project&page=-1")
def test_no_search_fails(client, path, query):
    assert_answers(client, path, query)


@checked
@given(query=query_strings(API_KEYS))
@example(query="search=%22")
@example(query="search=%20")
@example(query="type=tutorials.TutorialPage&duration=00%3A04%3A30")
@example(query="type=projects.ProjectPage&start_date=abc&audiences=x")
@example(query=f"offset={'9' * 25}")
@example(query="site=nowhere")
def test_no_pages_api_query_fails(client, query):
    assert_answers(client, API, query)
