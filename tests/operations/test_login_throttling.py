"""Sign-in throttling (django-axes) through Wagtail's own admin login view."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # noqa: S105 (test data)


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        username="editor", email="editor@example.org", password=PASSWORD
    )


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",  # the messages the tests read
    )


def fail_five_times(client, username="editor", address="203.0.113.7"):
    responses = [sign_in(client, username, "wrong password", address) for _ in range(5)]
    assert [r.status_code for r in responses[:4]] == [200] * 4
    return responses[-1]


def test_a_right_password_signs_in(client, editor):
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_five_failures_lock_even_the_right_password_out(client, editor):
    fifth = fail_five_times(client)
    assert fifth.status_code == 429
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert "Sign-in paused" in html
    assert "5 failed attempts" in html
    assert "in 15 minutes" in html
    retry_at = timezone.localtime(timezone.now() + timedelta(minutes=15))
    assert retry_at.strftime("%H:") in html
    assert response["Retry-After"] == str(15 * 60)
    assert "no-store" in response["Cache-Control"]


def test_the_lockout_page_speaks_the_editors_language(client, editor):
    fail_five_times(client)
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        HTTP_ACCEPT_LANGUAGE="pl",
    )
    assert response.status_code == 429
    assert 'lang="pl"' in response.content.decode()


def test_another_username_is_not_locked(client, editor):
    get_user_model().objects.create_superuser(
        username="colleague", email="colleague@example.org", password=PASSWORD
    )
    fail_five_times(client)
    response = sign_in(client, "colleague", PASSWORD)
    assert response.status_code == 302


def test_the_same_username_from_another_address_is_not_locked(client, editor):
    fail_five_times(client)
    response = sign_in(client, "editor", PASSWORD, address="198.51.100.20")
    assert response.status_code == 302


def test_the_lock_ends_after_the_cool_off(client, editor):
    fail_five_times(client)
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    # Sixteen minutes later (the cool-off is fifteen).
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 302


def test_the_cool_off_is_configurable(client, editor, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=1)
    fail_five_times(client)
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert "in 1 minute." in response.content.decode()
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=2))
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_behind_the_proxy_the_forwarded_address_counts(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for attempt in range(5):
        # The client forges the left entry; the proxy appends the real address.
        client.post(
            "/admin/login/",
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 203.0.113.7",
        )
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
    locked = client.post(
        "/admin/login/",
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7",
    )
    assert locked.status_code == 429


def test_behind_two_proxies_the_second_entry_from_the_right_counts(
    client, editor, settings
):
    settings.TRUSTED_PROXY_COUNT = 2
    client.post(
        "/admin/login/",
        {"username": "editor", "password": "wrong"},
        REMOTE_ADDR="10.0.0.2",
        # forged by the client, the client as the CDN saw it, the CDN as
        # the inner proxy saw it
        HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7, 198.51.100.1",
    )
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"


def test_with_no_proxy_count_a_rotating_forwarded_header_does_not_escape(
    client, editor
):
    """The default everywhere, production included: REMOTE_ADDR counts."""
    for attempt in range(5):
        client.post(
            "/admin/login/",
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}",
        )
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "203.0.113.7"
    }


def test_directly_exposed_the_forwarded_header_is_ignored(client, editor):
    sign_in_forged = client.post(
        "/admin/login/",
        {"username": "editor", "password": "wrong"},
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="192.0.2.1",
    )
    assert sign_in_forged.status_code == 200
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"


def test_tests_may_still_sign_in_without_a_request(client, editor):
    """Django's test Client.login() authenticates without a request."""
    assert client.login(username="editor", password=PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_production_puts_axes_first():
    from config.settings import base

    assert base.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert base.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert base.AXES_FAILURE_LIMIT == 5
    assert base.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "203.0.113.7"),
        (1, "192.0.2.1, 198.51.100.4", "198.51.100.4"),
        (1, "198.51.100.4:51234", "198.51.100.4"),
        (1, "[2001:DB8::1]:443", "2001:db8::1"),
        (1, "::ffff:198.51.100.4", "198.51.100.4"),
        (1, "", "203.0.113.7"),
        # Not an address: the proxies are not as configured; REMOTE_ADDR.
        (1, "192.0.2.1, unknown", "203.0.113.7"),
        # Fewer entries than proxies: the first, which a proxy of ours wrote.
        (3, "198.51.100.4, 192.0.2.9", "198.51.100.4"),
    ],
)
def test_the_client_address(rf, settings, proxies, forwarded, expected):
    from operations.security import client_ip_address

    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip_address(request) == expected
