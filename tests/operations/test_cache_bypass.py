"""What the page cache never serves nor stores: pages for signed-in users,
private pages, posts, bad search input, the admin and the API, responses that
set cookies.

Each test has the page cache of the autouse ``page_cache`` fixture
(tests/operations/page_cache.py).
"""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from operations.page_cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from projects.models import ProjectPage
from search.results import MAX_QUERY_LENGTH

from .page_cache import cache_status, page_cache  # noqa: F401

pytestmark = pytest.mark.django_db


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
