"""Liveness and readiness, for load balancers and orchestrators."""

import json
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_healthz_says_the_process_lives(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_readyz_is_ready_when_database_and_cache_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "cache": "ok"},
    }


def readyz_with(**environment):
    """/readyz of a fresh process configured by ``environment``."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/readyz');"
        "print(json.dumps([r.status_code, r.json()]))"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "LOG_LEVEL": "CRITICAL",
            **environment,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_readyz_is_503_when_the_database_is_stopped():
    # Nothing listens on port 9: the database is down.
    status, body = readyz_with(DATABASE_URL="postgres://postgres@127.0.0.1:9/none")
    assert status == 503
    assert body["checks"]["database"] == "unavailable"


def test_readyz_is_503_when_the_cache_is_stopped():
    status, body = readyz_with(
        DATABASE_URL="sqlite:///:memory:", REDIS_URL="redis://127.0.0.1:9/0"
    )
    assert status == 503
    assert body["checks"] == {"database": "ok", "cache": "unavailable"}
