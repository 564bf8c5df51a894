"""`make demo` caches as production does, and its gunicorn keeps a control
socket of its own.

`make demo` has no Redis: its page cache is a folder every process of the
machine shares (operations.file_cache.SharedFileCache). The served test runs the
demo's settings as `make demo` does (config.settings.dev, DEBUG off, several
workers) on a copy of the demo database.
"""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from gunicorn.ctl.client import ControlClient

from tests.serving import BASE_DIR, free_port, gunicorn, manage

MAKE_DEMO = {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "DEBUG": "false"}
# What production sends with a page it cached (no CDN: s-maxage=0).
PRODUCTION_CACHE_CONTROL = "public, max-age=0, s-maxage=0"

# The cache key holds the host the page was asked on: both servers are asked
# as one site (not each on its own port).
SAME_HOST = {"Host": "localhost"}

PUBLISH = """
from home.models import HomePage

page = HomePage.objects.get(locale__language_code="pl")
page.title = "Sieć bibliotek po zmianie"
page.save_revision().publish()
"""


def test_make_demo_answers_a_second_request_for_pl_from_the_cache(demo_database):
    """A page stored by one process is served by another (here a second
    gunicorn on the same database: processes apart, as workers are), with
    production's Cache-Control; a publish from a manage.py process clears it
    for both."""
    url = demo_database.url
    with (
        gunicorn(url, workers=2, **MAKE_DEMO) as demo,
        gunicorn(url, workers=1, **MAKE_DEMO) as other,
    ):
        # Each worker renders each language's home page as it starts
        # (operations/warm_up.py), and the page cache keeps none of them.
        status, headers, body = demo.get("/pl/", SAME_HOST)
        assert status == 200
        assert headers["X-Wagtail-Cache"] == "miss"
        assert headers["Cache-Control"] == PRODUCTION_CACHE_CONTROL
        for _ in range(3):
            again = demo.get("/pl/", SAME_HOST)
            assert again[1]["X-Wagtail-Cache"] == "hit"
            assert again[1]["Cache-Control"] == PRODUCTION_CACHE_CONTROL
            assert again[2] == body
        status, headers, elsewhere = other.get("/pl/", SAME_HOST)
        assert headers["X-Wagtail-Cache"] == "hit", "stored by another process"
        assert elsewhere == body

        manage(url, "shell", "--no-imports", "-c", PUBLISH, **MAKE_DEMO)
        status, headers, body = demo.get("/pl/", SAME_HOST)
        assert headers["X-Wagtail-Cache"] == "miss"
        assert "Sieć bibliotek po zmianie".encode() in body
        status, headers, elsewhere = other.get("/pl/", SAME_HOST)
        assert headers["X-Wagtail-Cache"] == "hit"
        assert "Sieć bibliotek po zmianie".encode() in elsewhere


def _start(port, runtime):
    """gunicorn with our configuration, serving a WSGI app of a few lines (the
    socket is gunicorn's, not the site's: no need to load Django)."""
    return subprocess.Popen(  # noqa: S603 (gunicorn from our virtualenv)
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--config",
            "config/gunicorn.py",
            "tests.operations.tiny_wsgi:application",
        ],
        cwd=BASE_DIR,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(runtime),
            "XDG_RUNTIME_DIR": str(runtime),
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "WEB_CONCURRENCY": "1",
            "LOG_FORMAT": "plain",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for(port, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn exited"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):  # noqa: S310
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("gunicorn did not start")


def test_two_gunicorns_on_one_machine_each_keep_their_control_socket(tmp_path):
    processes = []
    try:
        for _ in range(2):
            port = free_port()  # once the first listens: not the same port
            processes.append(_start(port, tmp_path))
            _wait_for(port, processes[-1])
        # Each opens its socket once serving (in a thread of its master).
        deadline = time.monotonic() + 10
        while len(sockets := sorted(tmp_path.glob("*.ctl"))) < 2:
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert len(sockets) == 2, sockets
        answered = set()
        for path in sockets:
            with ControlClient(str(path), timeout=10) as client:
                answered.add(client.send_command("show stats")["pid"])
        assert answered == {process.pid for process in processes}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
