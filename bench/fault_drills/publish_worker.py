"""Drill C2, gunicorn worker killed mid-publish: a draft project with 2N
draft practices, published with its descendants through the admin's bulk
action over HTTP, the gunicorn worker SIGKILLed while it runs. PASS: all or
nothing is live, fixtree finds no problems, and publishing again completes."""

import os
import re
import secrets
import signal
import threading
import time
import urllib.parse

from bench.fault_drills.drill import Drill, check_fixtree_after_kill, make_project
from bench.fault_drills.traffic import http_request
from bench.servers import gunicorn, production_environment, wait_for, worker_pids


class AdminSession:
    """Logged in to the Wagtail admin over HTTP (cookies kept by hand: the
    production settings mark them Secure, and this is plain HTTP)."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = {}

    def request(self, method, path, data=None, timeout=60):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        status, response_headers, content = http_request(
            self.base_url, method, path, body, headers, timeout=timeout
        )
        for cookie in response_headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return status, response_headers, content

    def csrf_token(self, path):
        status, _headers, content = self.request("GET", path)
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if not found:
            raise RuntimeError(f"no CSRF token on {path} ({status})")
        return found.group(1).decode()

    def login(self, username, password):
        token = self.csrf_token("/admin/login/")
        status, headers, _ = self.request(
            "POST",
            "/admin/login/",
            {
                "csrfmiddlewaretoken": token,
                "username": username,
                "password": password,
                "next": "/admin/",
            },
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"could not log in to the admin ({status})")


def drill_publish_worker(database_url, pages):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from wagtail.models import Page

    drill = Drill("C2", "gunicorn worker killed mid-publish")
    # A page publishes in 0.04-0.13 s here: with 48 or more, a kill 0.5 s in
    # lands well before the end.
    pages = max(pages, 48)
    env = production_environment(database_url)
    project = make_project(drill, "Projekt ćwiczebny: publikacja", pages, live=False)
    password = secrets.token_urlsafe(16)
    get_user_model().objects.create_superuser(
        f"drill-{secrets.token_hex(3)}", password=password
    )
    username = get_user_model().objects.latest("pk").get_username()
    subtree = Page.objects.descendant_of(project, inclusive=True)
    connection.close()
    path = f"/admin/bulk/wagtailcore/page/publish/?id={project.pk}&next=/admin/"

    def publish(session, outcome):
        try:
            token = session.csrf_token(path)
            outcome["status"] = session.request(
                "POST",
                path,
                {"csrfmiddlewaretoken": token, "include_descendants": "on"},
                timeout=120,
            )[0]
        except Exception as error:  # noqa: BLE001 (the kill shows as an error)
            outcome["status"] = type(error).__name__
        outcome["finished"] = time.monotonic()

    with gunicorn(database_url, workers=1) as server:
        session = AdminSession(server.url)
        session.login(username, password)
        # Kill 0.5 s in: the publish of 48 pages or more takes seconds.
        outcome = {}
        workers = worker_pids(server.process.pid)
        thread = threading.Thread(target=publish, args=(session, outcome))
        began = time.monotonic()
        thread.start()
        time.sleep(0.5)
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        killed = time.monotonic()
        thread.join(timeout=120)
        drill.figure(
            f"worker SIGKILLed {killed - began:.1f} s into the publish; the "
            f"client got {outcome.get('status')}"
        )
        drill.check(
            not isinstance(outcome.get("status"), int),
            "the publish finished before the kill (use more pages)",
        )
        live = subtree.live().count()
        drill.figure(f"live after the kill: {live}/{pages + 1} (all or nothing)")
        drill.check(live in (0, pages + 1), "the publish was left half done")
        inconsistent = subtree.filter(live=True, live_revision=None).count()
        drill.check(not inconsistent, f"{inconsistent} live pages without revision")
        connection.close()
        check_fixtree_after_kill(drill, env)

        # The master starts a new worker; publishing again completes.
        wait_for(
            lambda: server.get("/healthz", timeout=2)[0] == 200,
            timeout=60,
            interval=0.2,
        )
        outcome = {}
        began = time.monotonic()
        publish(session, outcome)
        drill.figure(
            f"published again: {outcome.get('status')} in "
            f"{outcome['finished'] - began:.1f} s"
        )
        drill.check(outcome.get("status") == 302, "publishing again did not complete")
    live = subtree.live().count()
    drill.figure(f"live after publishing again: {live}/{pages + 1}")
    drill.check(live == pages + 1, "not every page is live")
    connection.close()
    return drill
