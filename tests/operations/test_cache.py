"""Whole pages cached for anonymous readers, cleared when content changes.

See core/page_cache.py. Each test gets a page cache of its own (memory local
to the process), switched on as it is in production with REDIS_URL.
"""

import http.server
import logging
import os
import threading
import uuid

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction
from wagtailcache.cache import clear_cache

from core.models import Topic
from core.page_cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from practices.models import PracticeIndexPage
from projects.models import ProjectIndexPage, ProjectPage
from search.results import MAX_QUERY_LENGTH

pytestmark = pytest.mark.django_db

CDN_SECONDS = 300
PUBLIC = f"public, max-age=0, s-maxage={CDN_SECONDS}"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"pages-{uuid.uuid4()}",
        },
    }
    settings.WAGTAIL_CACHE = True
    settings.PAGE_CACHE_CDN_SECONDS = CDN_SECONDS


def cache_status(response):
    return response.get("X-Wagtail-Cache")


def english(model, **filters):
    return model.objects.get(locale__language_code="en", **filters)


@pytest.fixture
def project():
    return english(ProjectPage, slug="podaj-dalej")


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


def test_a_published_change_is_visible_on_the_next_request(
    client, project, django_capture_on_commit_callbacks
):
    index = project.get_parent().url
    client.get(project.url)
    client.get(index)
    assert cache_status(client.get(project.url)) == "hit"

    project.title = "Freshly published title"
    with django_capture_on_commit_callbacks(execute=True):
        project.save_revision().publish()

    page = client.get(project.url)
    assert cache_status(page) == "miss"
    assert "Freshly published title" in page.content.decode()
    # The whole cache is cleared: the listing shows the new title too.
    assert "Freshly published title" in client.get(index).content.decode()


def test_publishing_through_the_admin_clears_the_cache(
    client, admin_client, home_pages, django_capture_on_commit_callbacks
):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    home = home_pages["pl"]
    client.get("/pl/")
    assert cache_status(client.get("/pl/")) == "hit"

    data = nested_form_data(
        {
            "title": "Sieć bibliotek po zmianie",
            "slug": home.slug,
            "intro": rich_text(home.intro),
            "featured_projects": inline_formset([]),
            "testimonial": "",
            "action-publish": "action-publish",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/pages/{home.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]

    page = client.get("/pl/")
    assert cache_status(page) == "miss"
    assert "Sieć bibliotek po zmianie" in page.content.decode()


def test_unpublishing_clears_the_cache(
    client, project, django_capture_on_commit_callbacks
):
    client.get(project.url)
    with django_capture_on_commit_callbacks(execute=True):
        project.unpublish()
    assert client.get(project.url).status_code == 404


def test_moving_clears_the_cache(client, project, django_capture_on_commit_callbacks):
    old_url = project.url
    index = project.get_parent().url
    client.get(old_url)
    client.get(index)
    target = english(PracticeIndexPage)
    with django_capture_on_commit_callbacks(execute=True):
        project.move(target, pos="last-child")
    moved = Page.objects.get(pk=project.pk)
    assert moved.url.startswith(target.url)
    # Wagtail redirects the old address (a redirect it makes on moving).
    old = client.get(old_url)
    assert old.status_code == 301
    assert old["Location"] == moved.url
    assert cache_status(client.get(index)) == "miss"
    assert client.get(moved.url).status_code == 200


def test_deleting_clears_the_cache(client, project, django_capture_on_commit_callbacks):
    url = project.url
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        project.delete()
    assert client.get(url).status_code == 404


def test_changing_a_snippet_clears_the_cache(
    client, django_capture_on_commit_callbacks
):
    client.get("/en/")
    assert cache_status(client.get("/en/")) == "hit"
    topic = Topic.objects.first()
    topic.name = "A renamed topic"
    with django_capture_on_commit_callbacks(execute=True):
        topic.save()
    assert cache_status(client.get("/en/")) == "miss"
    assert cache_status(client.get("/en/")) == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        topic.delete()
    assert cache_status(client.get("/en/")) == "miss"


def test_logged_in_users_are_never_served_from_or_stored_into_the_cache(
    client, admin_client, project
):
    client.get(project.url)
    # Changed without a signal: only a page served from the cache is stale.
    ProjectPage.objects.filter(pk=project.pk).update(title="Changed behind the cache")

    for _ in range(2):
        response = admin_client.get(project.url)
        assert cache_status(response) == "skip"
        assert "Changed behind the cache" in response.content.decode()
        cache_control = response["Cache-Control"]
        assert "private" in cache_control
        assert "no-cache" in cache_control
        assert "public" not in cache_control
    # An anonymous reader still gets the page as it was cached.
    assert cache_status(client.get(project.url)) == "hit"


def test_a_logged_in_visit_stores_nothing(client, admin_client, project):
    admin_client.get(project.url)
    assert cache_status(client.get(project.url)) == "miss"


@pytest.mark.parametrize(
    "restriction",
    [
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "secret"},
        {"restriction_type": PageViewRestriction.LOGIN},
        {"restriction_type": PageViewRestriction.GROUPS},
    ],
    ids=["password", "login", "groups"],
)
def test_private_pages_are_never_cached(
    client, project, restriction, django_capture_on_commit_callbacks
):
    client.get(project.url)
    assert cache_status(client.get(project.url)) == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=project.get_parent(), **restriction)

    for _ in range(2):
        response = client.get(project.url)
        assert response.status_code in (200, 302)
        assert cache_status(response) == "skip"
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
        assert project.title not in response.content.decode()


def test_a_page_opened_with_its_password_is_not_cached(client, project):
    restriction = PageViewRestriction.objects.create(
        page=project,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    with translation.override("en"):
        action = reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.pk, project.pk]
        )
    response = client.post(action, {"password": "secret", "return_url": project.url})
    assert response.status_code == 302
    assert response["Location"] == project.url
    for _ in range(2):
        response = client.get(project.url)
        assert project.title in response.content.decode()
        assert cache_status(response) == "skip"
        assert "private" in response["Cache-Control"]


def test_posts_are_never_cached(client):
    for _ in range(2):
        assert cache_status(client.post("/en/")) is None
    assert cache_status(client.get("/en/")) == "miss"


def test_search_results_with_bad_input_are_not_cached(client):
    url = "/en/search/?q=" + "a" * (MAX_QUERY_LENGTH + 1)
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 400
        assert cache_status(response) == "skip"
    client.get("/en/search/?q=library")
    assert cache_status(client.get("/en/search/?q=library")) == "hit"


def test_the_admin_and_the_api_are_left_alone(client):
    for url in ("/admin/login/", "/api/v2/pages/", "/sitemap.xml", "/robots.txt"):
        client.get(url)
        assert cache_status(client.get(url)) is None, url


def test_responses_that_set_cookies_are_not_cached(settings):
    def view(request):
        from django.http import HttpResponse

        response = HttpResponse("hello")
        response.set_cookie("choice", "1")
        return response

    def handle(request):
        return update.process_response(
            request, fetch.process_request(request) or view(request)
        )

    from django.contrib.auth.models import AnonymousUser

    fetch = FetchFromCacheMiddleware(view)
    update = UpdateCacheMiddleware(view)
    for _ in range(2):
        request = RequestFactory().get("/en/cookie/")
        request.user = AnonymousUser()
        response = handle(request)
        assert cache_status(response) == "skip"
        assert "private" in response["Cache-Control"]


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
        "pages": {"BACKEND": "core.page_cache.RedisPageCache", **down},
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    with caplog.at_level(logging.ERROR):
        for _ in range(2):
            response = client.get("/en/")
            assert response.status_code == 200
            assert "public" in response["Cache-Control"]
    assert any(record.name.startswith("django_redis") for record in caplog.records)
    assert client.get("/readyz").status_code == 503


class _Purges(http.server.BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):  # noqa: N802 (http.server's naming)
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    received = []
    handler = type("Purges", (_Purges,), {"received": received})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.received = received
    yield server
    server.shutdown()
    server.server_close()


def test_publishing_purges_the_cdn(
    settings, project, purge_server, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{purge_server.server_port}",
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        project.save_revision().publish()

    paths = {path for _host, path in purge_server.received}
    # The page and the listing above it, in every language of the site.
    index = english(ProjectIndexPage)
    for code in ("pl", "en", "ru", "fi"):
        assert project.url.replace("/en/", f"/{code}/") in paths
        assert index.url.replace("/en/", f"/{code}/") in paths
    assert "/en/" in paths
    hosts = {host for host, _path in purge_server.received}
    assert hosts == {project.get_site().hostname}


def test_clearing_the_page_cache_leaves_other_keys_in_redis(settings):
    redis_url = "redis://127.0.0.1:6379/5"
    options = {"IGNORE_EXCEPTIONS": False}
    prefix = f"cache-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
            "OPTIONS": options,
        },
        "pages": {
            "BACKEND": "core.page_cache.RedisPageCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"{prefix}:pages",
            "OPTIONS": options,
        },
    }
    from django.core.cache import caches

    default, pages = caches["default"], caches["pages"]
    try:
        default.set("session-ish", "kept")
    except Exception:  # noqa: BLE001
        if os.environ.get("CI"):
            raise
        pytest.skip("needs Redis on 127.0.0.1:6379")
    try:
        pages.set("a-page", "gone")
        clear_cache()  # what publishing does
        assert pages.get("a-page") is None
        assert default.get("session-ish") == "kept"
    finally:
        default.delete_pattern("*")
        pages.delete_pattern("*")
