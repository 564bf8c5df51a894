"""Logs in production: one JSON object per line, from Django and from gunicorn."""

import json
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

from tests.serving import collected_static, gunicorn

KEYS = {"time", "level", "logger", "message"}

SCRIPT = """
import logging

import django

django.setup()
from django.test import Client

try:
    {}["missing"]
except KeyError:
    logging.getLogger("library.drill").warning(
        'Lookup "failed"', exc_info=True, extra={"page_id": 7}
    )
response = Client().get('/no-such-page/"quoted"/', HTTP_USER_AGENT='bot "x" \\\\ y')
assert response.status_code == 404, response.status_code
"""


def json_lines(text):
    lines = [line for line in text.splitlines() if line.strip()]
    records = []
    for line in lines:
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            pytest.fail(f"not a JSON line: {line!r}\n--- whole log:\n{text[-3000:]}")
        assert isinstance(records[-1], dict), line
        assert records[-1].keys() >= KEYS, line
    return records


def test_production_logs_are_json_lines(demo_database):
    result = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", SCRIPT],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64)[:64],
            "ALLOWED_HOSTS": "testserver",
            # A copy of the demo, the test's own: the 404 looks for a page.
            "DATABASE_URL": demo_database.url,
            "STATIC_ROOT": str(collected_static()),
            "SECURE_SSL_REDIRECT": "false",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    records = json_lines(result.stdout + result.stderr)

    warning = next(r for r in records if r["logger"] == "library.drill")
    assert warning["level"] == "WARNING"
    assert warning["message"] == 'Lookup "failed"'
    assert "KeyError: 'missing'" in warning["exception"]
    assert warning["page_id"] == 7
    assert warning["time"].endswith("+00:00")

    not_found = next(r for r in records if r["logger"] == "django.request")
    assert not_found["level"] == "WARNING"
    assert not_found["status"] == 404
    assert not_found["method"] == "GET"
    assert not_found["path"] == '/no-such-page/"quoted"/'


def test_plain_logs_when_asked(tmp_path):
    result = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [
            sys.executable,
            "-c",
            "import django, logging; django.setup();"
            "logging.getLogger('library.drill').warning('plain text')",
        ],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64)[:64],
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
            "LOG_FORMAT": "plain",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING library.drill plain text" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


def test_gunicorn_access_and_error_logs_are_json_lines(demo_database):
    agent = 'Mozilla/5.0 "quoted" \\ backslash'
    with gunicorn(demo_database.url, workers=1, LOG_LEVEL="INFO") as server:
        assert server.get("/pl/", headers={"User-Agent": agent})[0] == 200
        assert server.get('/pl/"quoted"/?q="x"', headers={"User-Agent": agent})[0] in (
            400,
            404,
        )
    records = json_lines(server.output())

    access = [r for r in records if r["logger"] == "gunicorn.access"]
    (home,) = [r for r in access if r["path"] == "/pl/"]  # logged once
    assert home["status"] == 200
    assert home["method"] == "GET"
    assert home["user_agent"] == agent
    assert isinstance(home["duration_ms"], int)
    quoted = next(r for r in access if r["path"] != "/pl/" and r["path"] != "/healthz")
    assert '"' in quoted["path"] + (quoted["query"] or "")
    assert quoted["user_agent"] == agent
    assert any(r["logger"] == "gunicorn.error" for r in records), "startup lines"
