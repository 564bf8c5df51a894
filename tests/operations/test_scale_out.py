"""Two app servers on one database and one Redis: a page published through one
is served new by the other on the very next request.

Needs PostgreSQL (the test database) and Redis on 127.0.0.1:6379; skipped
without them, unless the CI environment variable is set (then it fails).
"""

import http.cookies
import os
import re
import secrets
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.db import connection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from tests.serving import BASE_DIR, _base_environment, gunicorn

REDIS_URL = os.environ.get("SCALE_OUT_REDIS_URL", "redis://127.0.0.1:6379/5")


def _redis_answers():
    parts = urllib.parse.urlsplit(REDIS_URL)
    try:
        with socket.create_connection(
            (parts.hostname, parts.port or 6379), timeout=2
        ) as probe:
            probe.sendall(b"PING\r\n")
            return probe.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _require(condition, reason):
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required when CI is set)")
    pytest.skip(reason)


def create_superuser(database_url, username, password):
    subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [
            sys.executable,
            "manage.py",
            "createsuperuser",
            "--noinput",
            "--username",
            username,
            "--email",
            f"{username}@example.org",
        ],
        cwd=BASE_DIR,
        env={
            **_base_environment(),
            "DATABASE_URL": database_url,
            "DJANGO_SUPERUSER_PASSWORD": password,
        },
        check=True,
        capture_output=True,
        timeout=120,
    )


class Browser:
    """A sign-in session with one server, through its real forms.

    Cookies are kept by hand: production settings mark them Secure, and the
    test servers speak plain HTTP.
    """

    def __init__(self, server):
        self.server = server
        self.cookies = {}
        self.opener = urllib.request.build_opener(_NoRedirect)

    def request(self, path, data=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.server.url
            headers["Referer"] = self.server.url + path
        request = urllib.request.Request(  # noqa: S310 (our own server)
            self.server.url + path, data=body, headers=headers
        )
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in http.cookies.SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.headers, response.read().decode()

    def csrf_token(self, path):
        status, _headers, html = self.request(path)
        assert status == 200, html[:2000]
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]

    def log_in(self, username, password):
        token = self.csrf_token("/admin/login/")
        status, headers, html = self.request(
            "/admin/login/",
            {
                "csrfmiddlewaretoken": token,
                "username": username,
                "password": password,
                "next": "/admin/",
            },
        )
        assert status == 302, html[:3000]
        assert "sessionid" in self.cookies


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def cache_key_prefix():
    """A key prefix of the test's own; its keys are deleted afterwards."""
    prefix = f"scale-out-{secrets.token_hex(4)}"
    yield prefix
    if _redis_answers():
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(match=f"{prefix}*"):
            client.delete(key)


def test_a_page_published_on_one_server_is_new_on_the_other(
    demo_database, home_pages, cache_key_prefix
):
    _require(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    _require(_redis_answers(), f"needs Redis at {REDIS_URL}")

    password = secrets.token_urlsafe(24)
    create_superuser(demo_database.url, "scale-admin", password)
    home = home_pages["pl"]
    shared = {"REDIS_URL": REDIS_URL, "CACHE_KEY_PREFIX": cache_key_prefix}
    with (
        gunicorn(demo_database.url, workers=2, **shared) as a,
        gunicorn(demo_database.url, workers=2, **shared) as b,
    ):
        # B's cache holds the page (from any of its workers: it is shared).
        status, headers, body = b.get("/pl/")
        assert status == 200
        status, headers, body = b.get("/pl/")
        assert headers["X-Wagtail-Cache"] == "hit", b.output()[-3000:]
        assert home.title.encode() in body

        editor = Browser(a)
        editor.log_in("scale-admin", password)
        edit = f"/admin/pages/{home.pk}/edit/"
        token = editor.csrf_token(edit)
        new_title = f"Sieć bibliotek {secrets.token_hex(3)}"
        status, headers, html = editor.request(
            edit,
            {
                **nested_form_data(
                    {
                        "title": new_title,
                        "slug": home.slug,
                        "intro": rich_text(home.intro),
                        "featured_projects": inline_formset([]),
                        "testimonial": "",
                    }
                ),
                "csrfmiddlewaretoken": token,
                "action-publish": "action-publish",
            },
        )
        assert status == 302, html[:3000]

        status, headers, body = b.get("/pl/")
        assert status == 200
        assert headers["X-Wagtail-Cache"] == "miss"
        assert new_title.encode() in body
        status, headers, body = b.get("/pl/")
        assert headers["X-Wagtail-Cache"] == "hit"
        assert new_title.encode() in body
