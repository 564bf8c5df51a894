"""The page cache cleared when content changes (publishing, unpublishing,
moving, deleting, a snippet), the CDN purged, and other keys left in Redis.

Each test has the page cache of the autouse ``page_cache`` fixture
(tests/operations/page_cache.py).
"""

import http.server
import os
import threading
import uuid

import pytest
from wagtail.models import Page
from wagtailcache.cache import clear_cache

from core.models import Topic
from practices.models import PracticeIndexPage
from projects.models import ProjectIndexPage

from .page_cache import cache_status, english, page_cache  # noqa: F401

pytestmark = pytest.mark.django_db


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
            "BACKEND": "operations.page_cache.RedisPageCache",
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


@pytest.mark.parametrize("what", ["page", "collection"])
def test_making_something_private_clears_the_cache(
    client, project, django_capture_on_commit_callbacks, what
):
    """A restriction on a page (covering its translations) or on a collection
    (whose documents pages name) must not leave a public copy behind."""
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        PageViewRestriction,
    )

    with django_capture_on_commit_callbacks(execute=True):
        collection = Collection.get_first_root_node().add_child(name="Wewnętrzne")
    client.get("/en/")
    assert cache_status(client.get("/en/")) == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        if what == "page":
            PageViewRestriction.objects.create(
                page=project, restriction_type=PageViewRestriction.LOGIN
            )
        else:
            CollectionViewRestriction.objects.create(
                collection=collection,
                restriction_type=CollectionViewRestriction.LOGIN,
            )
    assert cache_status(client.get("/en/")) == "miss"
