"""The password forms of private pages and documents, throttled like the
sign-in (operations/page_passwords.py), through the forms Wagtail renders."""

import re
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from projects.models import ProjectPage

pytestmark = pytest.mark.django_db

PASSWORD = "open sesame"  # noqa: S105 (test data)
READER = "203.0.113.7"


@pytest.fixture(autouse=True)
def no_counts():
    """The counts live in the default cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


def private(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page


@pytest.fixture
def page():
    return private(
        ProjectPage.objects.get(locale__language_code="en", slug="podaj-dalej")
    )


def form_action(client, url):
    """Where the form Wagtail shows on a private page posts to."""
    response = client.get(url)
    assert response.status_code == 200
    return re.search(r'<form action="([^"]+)"', response.content.decode())[1]


def guess(client, action, password, page_url, address=READER, **headers):
    return client.post(
        action,
        {"password": password, "return_url": page_url},
        REMOTE_ADDR=address,
        **headers,
    )


def fail(client, action, page_url, times, **kwargs):
    return [
        guess(client, action, "wrong", page_url, **kwargs).status_code
        for _ in range(times)
    ]


def test_five_wrong_passwords_pause_the_form_even_for_the_right_one(client, page):
    action = form_action(client, page.url)
    assert fail(client, action, page.url, 5) == [200, 200, 200, 200, 429]
    response = guess(client, action, PASSWORD, page.url)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many wrong passwords" in html
    assert "5 times" in html
    assert "in 15 minutes" in html
    assert response["Retry-After"] == str(15 * 60)
    assert "no-store" in response["Cache-Control"]
    assert page.title not in html
    # The page itself is still closed.
    assert page.title not in client.get(page.url).content.decode()


def test_the_right_password_clears_the_count(client, page):
    action = form_action(client, page.url)
    assert fail(client, action, page.url, 4) == [200] * 4
    response = guess(client, action, PASSWORD, page.url)
    assert response.status_code == 302
    assert response["Location"] == page.url
    assert fail(client, action, page.url, 4) == [200] * 4


def test_another_address_and_another_page_are_not_paused(client, page):
    action = form_action(client, page.url)
    fail(client, action, page.url, 5)
    assert guess(client, action, PASSWORD, page.url, "198.51.100.20").status_code == (
        302
    )
    other = private(
        ProjectPage.objects.get(locale__language_code="pl", slug="podaj-dalej")
    )
    other_action = form_action(client, other.url)
    assert guess(client, other_action, PASSWORD, other.url).status_code == 302


def test_the_pause_ends_a_cool_off_after_the_last_attempt(client, page, monkeypatch):
    action = form_action(client, page.url)
    fail(client, action, page.url, 5)
    start = time.time()

    def minutes_later(minutes):
        # The cache (memory of the process here, Redis in production) expires
        # the count by the clock.
        monkeypatch.setattr(time, "time", lambda: start + minutes * 60)

    minutes_later(10)
    assert guess(client, action, PASSWORD, page.url).status_code == 429
    minutes_later(24)  # 14 minutes after the last attempt, which started it again
    assert guess(client, action, PASSWORD, page.url).status_code == 429
    minutes_later(40)
    assert guess(client, action, PASSWORD, page.url).status_code == 302


def test_the_pause_speaks_the_readers_language(client):
    polish = private(
        ProjectPage.objects.get(locale__language_code="pl", slug="podaj-dalej")
    )
    action = form_action(client, polish.url)
    assert action.startswith("/pl/")
    fail(client, action, polish.url, 5)
    response = guess(client, action, PASSWORD, polish.url)
    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="pl"' in html
    assert "Spróbuj ponownie po" in html


def test_with_no_proxy_count_a_rotating_forwarded_header_does_not_escape(client, page):
    action = form_action(client, page.url)
    statuses = [
        guess(
            client, action, "wrong", page.url, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
        ).status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    response = guess(
        client, action, PASSWORD, page.url, HTTP_X_FORWARDED_FOR="198.51.100.99"
    )
    assert response.status_code == 429


def test_behind_one_proxy_the_address_it_appends_counts(client, page, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    action = form_action(client, page.url)
    for n in range(5):
        # The client forges the left entry; the proxy appends the real address.
        guess(
            client,
            action,
            "wrong",
            page.url,
            address="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {READER}",
        )
    locked = guess(
        client,
        action,
        PASSWORD,
        page.url,
        address="10.0.0.2",
        HTTP_X_FORWARDED_FOR=f"198.51.100.99, {READER}",
    )
    assert locked.status_code == 429
    # Another client behind the same proxy.
    other = guess(
        client,
        action,
        PASSWORD,
        page.url,
        address="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert other.status_code == 302


def test_a_private_collections_password_form_is_paused_too(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=PASSWORD,
    )
    document = get_document_model().objects.create(
        title="Minutes",
        file=ContentFile(b"secret", name="minutes.csv"),
        collection=collection,
    )
    action = form_action(client, document.url)
    assert action.startswith("/documents/")
    assert fail(client, action, document.url, 5) == [200, 200, 200, 200, 429]
    assert guess(client, action, PASSWORD, document.url).status_code == 429


def test_the_limit_follows_the_sign_in_settings(client, page, settings):
    settings.PAGE_PASSWORD_FAILURE_LIMIT = 2
    settings.PAGE_PASSWORD_COOLOFF = timedelta(minutes=1)
    action = form_action(client, page.url)
    assert fail(client, action, page.url, 2) == [200, 429]
    response = guess(client, action, PASSWORD, page.url)
    assert "in 1 minute." in response.content.decode()
    assert response["Retry-After"] == "60"
