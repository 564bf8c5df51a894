"""Whole pages cached for anonymous readers: hits, languages, headers, and
pages still served when Redis is down.

See operations/page_cache.py. Each test gets a page cache of its own (memory local
to the process), switched on as it is in production with REDIS_URL: the autouse
``page_cache`` fixture of tests/operations/page_cache.py. The cache cleared when
content changes is in test_cache_clearing.py, what is never cached in
test_cache_bypass.py.
"""

import logging

import pytest

from .page_cache import PUBLIC, cache_status, page_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_second_anonymous_request_is_a_hit(client):
    first = client.get("/en/")
    second = client.get("/en/")
    assert first.status_code == second.status_code == 200
    assert cache_status(first) == "miss"
    assert cache_status(second) == "hit"
    assert second.content == first.content


def test_a_hit_for_a_reader_without_a_session_carries_the_same_headers(client):
    """Served before the middleware that adds them (EarlyFetchFromCache), a
    hit still carries every header the page had when it was stored."""
    headers = [
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "Referrer-Policy",
        "X-Content-Type-Options",
        "Content-Language",
    ]
    first = client.get("/en/tutorials/spotkanie-online/embed/")
    client.cookies["csrftoken"] = "a-visitor-of-the-login-page"
    second = client.get("/en/tutorials/spotkanie-online/embed/")
    assert cache_status(second) == "hit"
    assert [second.get(name) for name in headers] == [
        first.get(name) for name in headers
    ]
    assert "frame-ancestors *" in second["Content-Security-Policy"]
    assert "X-Frame-Options" not in second  # the embed page may be framed


def test_a_reader_with_a_session_is_checked_after_authentication(client, admin_client):
    client.get("/en/")
    assert cache_status(client.get("/en/")) == "hit"
    # An editor's session cookie: not served early, and, once known as
    # signed in, not from the cache at all.
    response = admin_client.get("/en/")
    assert response.status_code == 200
    assert cache_status(response) != "hit"


def test_each_language_is_cached_apart(client):
    polish = client.get("/pl/")
    english_page = client.get("/en/")
    assert cache_status(polish) == cache_status(english_page) == "miss"
    assert client.get("/pl/").content == polish.content
    assert client.get("/en/").content == english_page.content
    assert polish.content != english_page.content


def test_a_page_is_a_hit_whichever_language_was_served_before(client):
    """The lookup runs before the language is chosen for the request; its
    key once took the language the worker had served last, so a Polish page
    stored after a Polish request was missed after an English one."""
    assert cache_status(client.get("/pl/")) == "miss"
    client.get("/en/")
    assert cache_status(client.get("/pl/")) == "hit"
    client.get("/ru/")
    assert cache_status(client.get("/en/")) == "hit"


def test_the_root_redirect_by_accept_language_is_never_cached(client):
    polish = client.get("/", headers={"Accept-Language": "pl"})
    english_reader = client.get("/", headers={"Accept-Language": "en"})
    assert polish.status_code == english_reader.status_code == 302
    assert polish["Location"] == "/pl/"
    assert english_reader["Location"] == "/en/"
    assert cache_status(english_reader) is None


def test_cached_pages_say_public_with_a_shared_max_age(client):
    assert client.get("/en/")["Cache-Control"] == PUBLIC
    hit = client.get("/en/")
    assert hit["Cache-Control"] == PUBLIC
    assert not hit.has_header("Expires")
    assert not hit.cookies


def test_pages_are_served_when_redis_is_down(client, settings, caplog):
    # Nothing listens on port 9.
    down = {
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", **down},
        "pages": {"BACKEND": "operations.page_cache.RedisPageCache", **down},
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    with caplog.at_level(logging.ERROR):
        for _ in range(2):
            response = client.get("/en/")
            assert response.status_code == 200
            assert "public" in response["Cache-Control"]
    assert any(record.name.startswith("django_redis") for record in caplog.records)
    assert client.get("/readyz").status_code == 503
