"""What the page cache keys on and how many pages it keeps: only the query
parameters a page reads, and a bounded number of copies however the
addresses vary (operations/page_cache.py).

Each test has the page cache of the autouse ``page_cache`` fixture
(tests/operations/page_cache.py), memory of the process, counted here by
what it holds.
"""

import pickle
import random
import re

import pytest
from django.core.cache import caches
from django.http import HttpResponseBase

from .page_cache import cache_status, page_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def stored_pages():
    """The pages the cache holds (besides its keys' headers and counts)."""
    pages = caches["pages"]
    return [
        value
        # Our own process's cache, which it pickled itself.
        for value in (pickle.loads(raw) for raw in pages._cache.values())  # noqa: S301
        if isinstance(value, HttpResponseBase)
    ]


def title(response):
    return re.search(rb"<title>(.*?)</title>", response.content, re.S)[1].strip()


def test_an_unknown_parameter_stores_no_copy(client):
    bare = client.get("/en/projects/")
    assert cache_status(bare) == "miss"
    held = len(stored_pages())
    for _ in range(2):
        response = client.get("/en/projects/?x=1")
        assert response.status_code == 200
        assert cache_status(response) == "skip"
        assert "public" not in response["Cache-Control"]
    assert len(stored_pages()) == held
    # Nor on a page that reads no parameter at all.
    for _ in range(2):
        assert cache_status(client.get("/en/projects/podaj-dalej/?page=2")) == "skip"
    assert cache_status(client.get("/en/projects/")) == "hit"


def test_known_parameters_are_cached_apart(client):
    bare = client.get("/en/projects/")
    seniors = client.get("/en/projects/?audience=seniors")
    assert cache_status(seniors) == "miss"
    assert cache_status(client.get("/en/projects/?audience=seniors")) == "hit"
    assert client.get("/en/projects/?audience=seniors").content == seniors.content
    assert seniors.content != bare.content
    assert cache_status(client.get("/en/search/?q=library")) == "miss"
    assert cache_status(client.get("/en/search/?q=library")) == "hit"
    assert cache_status(client.get("/en/projects/feed/rss/?audience=seniors")) == (
        "miss"
    )
    assert cache_status(client.get("/en/projects/feed/rss/?audience=seniors")) == "hit"


def test_the_order_of_parameters_makes_no_new_copy(client):
    first = client.get("/en/good-practices/?audience=seniors&sort=title")
    assert cache_status(first) == "miss"
    again = client.get("/en/good-practices/?sort=title&audience=seniors")
    assert cache_status(again) == "hit"
    assert again.content == first.content


def test_an_unknown_filter_value_is_a_400_never_stored(client, settings):
    settings.PAGE_CACHE_VARIANTS = 2
    for _ in range(4):
        response = client.get("/en/projects/?audience=no-such-audience")
        assert response.status_code == 400
        assert cache_status(response) == "skip"
    assert stored_pages() == []
    # Nor did the refusals use up the address's copies.
    assert cache_status(client.get("/en/projects/?audience=seniors")) == "miss"
    assert cache_status(client.get("/en/projects/?audience=seniors")) == "hit"


def noise(words=random.Random(14)):  # noqa: B008, S311 (not cryptography)
    return "".join(words.choice("abcdefghij") for _ in range(8))


def test_each_address_keeps_a_bounded_number_of_queries(client, settings):
    settings.PAGE_CACHE_VARIANTS = 3
    for _ in range(5):
        client.get(f"/en/projects/?page={noise()}")
        client.get(f"/en/search/?q={noise()}")
        client.get(f"/en/{noise()}/")  # not found, at as many addresses
    assert cache_status(client.get(f"/en/search/?q={noise()}")) == "skip"
    # The bare address is not one of its queries.
    assert cache_status(client.get("/en/projects/")) == "miss"
    assert cache_status(client.get("/en/search/?q=library")) == "skip"
    titles = [title(page) for page in stored_pages()]
    assert titles.count(title(client.get("/en/projects/"))) == 4
    assert len([t for t in titles if t.startswith(b"Search: ")]) == 3
    assert titles.count(title(client.get(f"/en/{noise()}/"))) == 3
    assert len(titles) == 10


def test_the_copies_stay_bounded_however_the_addresses_vary(client, settings):
    settings.PAGE_CACHE_MAX_ENTRIES = 12
    client.get("/en/")
    for _ in range(4):
        client.get(f"/en/projects/?x={noise()}")  # not stored at all
        client.get(f"/en/projects/?page={noise()}")
        client.get(f"/en/search/?q={noise()}")
        client.get(f"/en/{noise()}/")  # not found
        client.get(f"/en/{noise()}")  # a redirect to the address with a slash
    assert len(stored_pages()) == 12
    # Past the bound a page is still served, and one already stored is
    # still a hit.
    response = client.get("/en/good-practices/")
    assert response.status_code == 200
    assert cache_status(response) == "skip"
    assert cache_status(client.get("/en/")) == "hit"


def test_the_bounds_start_again_when_the_cache_is_cleared(client, settings):
    from operations.page_cache import _drop_now

    settings.PAGE_CACHE_VARIANTS = 1
    assert cache_status(client.get("/en/search/?q=library")) == "miss"
    assert cache_status(client.get("/en/search/?q=biblioteka")) == "skip"
    _drop_now(None)  # everything, now
    assert cache_status(client.get("/en/search/?q=biblioteka")) == "miss"
