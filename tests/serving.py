"""The site served for real: gunicorn processes on a copy of the demo database.

Tests that need what a deployment does (several app servers on one database
and cache, production settings, a process to stop) start gunicorn here. Each
copy is made from the pristine demo that ``django_db_setup`` saves right after
loading it, so these tests neither reload the demo (a minute on PostgreSQL)
nor see what other tests changed.
"""

import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import connection

from config.settings.environment import cache_folder_name

BASE_DIR = Path(settings.BASE_DIR)
PRISTINE = "pristine"


def _quoted(name):
    return connection.ops.quote_name(name)


def save_pristine_demo():
    """Keep a copy of the test database as loaded with the demo.

    Called once per session; on PostgreSQL it is a template database, on
    SQLite a file.
    """
    test_name = connection.settings_dict["NAME"]
    if connection.vendor == "postgresql":
        pristine = f"{test_name}_{PRISTINE}"
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {_quoted(pristine)}")
            cursor.execute(
                f"CREATE DATABASE {_quoted(pristine)} TEMPLATE {_quoted(test_name)}"
            )
        return pristine
    path = Path(tempfile.mkdtemp(prefix="library-network-db-")) / "pristine.sqlite3"
    target = sqlite3.connect(path)
    connection.ensure_connection()
    connection.connection.backup(target)
    target.close()
    return str(path)


def drop_pristine_demo(pristine):
    if connection.vendor == "postgresql":
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {_quoted(pristine)} (FORCE)")
    else:
        shutil.rmtree(Path(pristine).parent, ignore_errors=True)


@dataclass
class DemoDatabase:
    """A database of its own for one test, copied from the pristine demo."""

    url: str
    name: str

    def drop(self):
        # The served processes' caches without Redis: a folder of this
        # database's own (config/settings/base.py, CACHE_DIR).
        folder = cache_folder_name(dj_database_url.parse(self.url))
        shutil.rmtree(Path(settings.CACHE_DIR) / folder, ignore_errors=True)
        if self.url.startswith("postgres"):
            with connection._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {_quoted(self.name)} (FORCE)")
        else:
            Path(self.name).unlink(missing_ok=True)


def copy_demo_database(pristine, label="copy"):
    """A new database holding the demo as it was loaded."""
    if connection.vendor == "postgresql":
        name = f"{connection.settings_dict['NAME']}_{label}_{secrets.token_hex(3)}"
        with connection._nodb_cursor() as cursor:
            cursor.execute(
                f"CREATE DATABASE {_quoted(name)} TEMPLATE {_quoted(pristine)}"
            )
        params = connection.settings_dict
        user = params.get("USER") or "postgres"
        password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
        host = params.get("HOST") or "127.0.0.1"
        port = params.get("PORT") or "5432"
        return DemoDatabase(f"postgres://{user}{password}@{host}:{port}/{name}", name)
    path = Path(tempfile.mkdtemp(prefix="library-network-db-")) / f"{label}.sqlite3"
    shutil.copyfile(pristine, path)
    return DemoDatabase(f"sqlite:///{path}", str(path))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


_collected = {}


def collected_static():
    """collectstatic once per session, as a deployment does."""
    if "root" not in _collected:
        root = Path(tempfile.mkdtemp(prefix="library-network-static-"))
        subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=BASE_DIR,
            env={**_base_environment(), "STATIC_ROOT": str(root)},
            check=True,
            timeout=300,
        )
        _collected["root"] = root
    return _collected["root"]


def _base_environment():
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SERVE_MEDIA": "true",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }


def manage(database_url, *args, **environment):
    """manage.py ``args`` in a process of its own, as beside a served site
    (the same settings' environment, ``environment`` added); its output."""
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={
            **_base_environment(),
            "DATABASE_URL": database_url,
            **{key: str(value) for key, value in environment.items()},
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def get(self, path, headers=None, timeout=30):
        """(status, headers, body) of a GET, without following redirects."""
        request = urllib.request.Request(  # noqa: S310 (our own http server)
            self.url + path, headers=headers or {}
        )
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=timeout) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def output(self):
        return self.log.read_text(errors="replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@contextmanager
def gunicorn(database_url, workers=2, **environment):
    """A gunicorn serving the site with production settings; yields a Server.

    ``environment`` adds to or overrides the settings' environment (REDIS_URL,
    say). The server is stopped, gracefully, on leaving.
    """
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="gunicorn-", suffix=".log")[1])
    env = {
        **_base_environment(),
        "STATIC_ROOT": str(collected_static()),
        "DATABASE_URL": database_url,
        "WEB_CONCURRENCY": str(workers),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        **{key: str(value) for key, value in environment.items()},
    }
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 (gunicorn from our virtualenv)
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "--config",
                "config/gunicorn.py",
                "config.wsgi",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until_ready(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_ready(server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{server.output()[-3000:]}")
        try:
            if server.get("/healthz", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not start:\n{server.output()[-3000:]}")
