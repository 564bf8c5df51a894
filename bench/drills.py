"""Fault drills: what the site does when Redis or PostgreSQL goes away under
load, and when a process is killed in the middle of a write.

    .venv/bin/python bench/drills.py            # the full drills (~5 min)
    .venv/bin/python bench/drills.py --short    # shorter windows (~2 min)

Everything runs on private services started here, never on the shared ones:
a PostgreSQL cluster of its own (initdb into a temporary directory, run as the
`postgres` OS user through runuser, so the script must run as root), a
redis-server of its own, and gunicorn with the production settings. The demo
content is loaded into the private cluster from --demo-url (pg_dump), from a
dump cached by an earlier run, or by migrate + load_demo (about a minute).

The drills, each printed with its figures and PASS or FAIL:

A   Redis stopped under load, then started again: no 5xx at all; /readyz
    says 503 with the cache "unavailable" while it is down, 200 after.
B   PostgreSQL stopped (pg_ctl stop -m fast) under load while an editor
    publishes revisions, then started again: pages answer 503 quickly (not a
    500, not a hang), /readyz 503 with the database "unavailable"; the same
    gunicorn recovers; every edit that was answered with success is stored.
C1  A translation worker (manage.py db_worker) SIGKILLed in the middle of a
    subtree translation: fixtree finds no problems, and the translation
    queued again runs to completion with one translation per page.
C2  A gunicorn worker SIGKILLed in the middle of an admin bulk publish of a
    project and its draft pages: fixtree finds no problems, the publish is
    all or nothing, and publishing again completes.

Exit status: 0 when every drill passes, 1 when one fails, 77 when the
prerequisites are missing (not root, no PostgreSQL binaries, no redis-server).
"""

import argparse
import contextlib
import hashlib
import http.client
import json
import logging
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

SKIPPED = 77
PYTHON = sys.executable


def log(message):
    print(message, file=sys.stderr, flush=True)


def say(message=""):
    print(message, flush=True)


class Unavailable(Exception):
    """A prerequisite of the drills is missing."""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def milliseconds(seconds):
    return f"{seconds * 1000:.0f} ms"


def latency_summary(latencies):
    if not latencies:
        return "no requests"
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"n={len(ordered)} median {milliseconds(statistics.median(ordered))}, "
        f"p95 {milliseconds(p95)}, max {milliseconds(ordered[-1])}"
    )


# Private services ----------------------------------------------------------


def postgres_bin_dir():
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda path: [int(part) for part in re.findall(r"\d+", path.parts[-3])],
    )
    if not candidates:
        raise Unavailable("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin")
    return candidates[-1].parent


class PrivatePostgres:
    """A PostgreSQL cluster of the drills' own, in a temporary directory."""

    def __init__(self):
        if os.geteuid() != 0:
            raise Unavailable(
                "a private PostgreSQL cluster is started as the postgres OS user "
                "through runuser, which needs root"
            )
        self.runuser = shutil.which("runuser")
        if not self.runuser:
            raise Unavailable("runuser is missing")
        try:
            self.owner = pwd.getpwnam("postgres")
        except KeyError as error:
            raise Unavailable("there is no postgres OS user") from error
        self.bin = postgres_bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="drills-pg-"))
        os.chown(self.root, self.owner.pw_uid, self.owner.pw_gid)
        self.data = self.root / "data"
        self.port = free_port()
        self.running = False

    def _as_postgres(self, *args, timeout=120):
        result = subprocess.run(  # noqa: S603 (PostgreSQL's own programs)
            [self.runuser, "-u", "postgres", "--", *map(str, args)],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.root,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{Path(str(args[0])).name} failed:\n{result.stdout}{result.stderr}"
            )
        return result

    def initdb(self):
        self._as_postgres(
            self.bin / "initdb",
            "-D",
            self.data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )

    def start(self):
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c max_connections=100"
        )
        self._as_postgres(
            self.bin / "pg_ctl",
            "-D",
            self.data,
            "-l",
            self.root / "server.log",
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )
        self.running = True

    def stop(self, mode="fast"):
        self._as_postgres(
            self.bin / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop"
        )
        self.running = False

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def psql(self, *args, database="postgres", **kwargs):
        return subprocess.run(  # noqa: S603 (PostgreSQL's own client)
            [
                str(self.bin / "psql"),
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                database,
                *args,
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=600,
            **kwargs,
        )

    def destroy(self):
        if self.running:
            try:
                self.stop("immediate")
            except Exception as error:  # noqa: BLE001 (cleaning up, say why)
                log(f"Stopping the private PostgreSQL: {error}")
        shutil.rmtree(self.root, ignore_errors=True)


class PrivateRedis:
    def __init__(self):
        self.binary = shutil.which("redis-server")
        if not self.binary:
            raise Unavailable("redis-server is missing")
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 (redis-server from PATH)
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), 1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the private redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


# The demo database ----------------------------------------------------------


def demo_cache_key():
    digest = hashlib.sha256()
    sources = [
        *BASE_DIR.glob("*/migrations/*.py"),
        *BASE_DIR.glob("core/demo*/**/*"),
        *BASE_DIR.glob("core/demo_loader.py"),
        *BASE_DIR.glob("core/management/commands/*.py"),
        BASE_DIR / "requirements.lock",
    ]
    for path in sorted(sources):
        if path.is_file():
            digest.update(str(path.relative_to(BASE_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def manage(*args, env, timeout=600, check=True):
    result = subprocess.run(  # noqa: S603 (our own manage.py)
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and result.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
        )
    return result


def environment(database_url):
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        # The demo's uploaded files (images, video, captions): the test suite
        # hands over its own folder; otherwise the settings' default.
        **(
            {"MEDIA_ROOT": os.environ["MEDIA_ROOT"]}
            if "MEDIA_ROOT" in os.environ
            else {}
        ),
    }


def prepare_demo(pg, name, demo_url=None):
    """The database `name` in the private cluster, holding the demo."""
    started = time.monotonic()
    pg.psql("-c", f'CREATE DATABASE "{name}"')
    cache = Path(tempfile.gettempdir()) / "library-network-drills"
    dump = cache / f"demo-{demo_cache_key()}.sql"
    if demo_url:
        log("Copying the demo database (pg_dump | psql)…")
        dumped = subprocess.run(  # noqa: S603 (PostgreSQL's own client)
            [str(pg.bin / "pg_dump"), "--no-owner", "--no-privileges", demo_url],
            check=True,
            capture_output=True,
            timeout=600,
        )
        pg.psql(database=name, input=dumped.stdout.decode())
    elif dump.exists():
        log(f"Restoring the demo from {dump}…")
        pg.psql("-f", str(dump), database=name)
    else:
        log("Loading the demo into the private cluster (about a minute)…")
        env = environment(pg.url(name))
        manage("migrate", "--noinput", env=env)
        manage("setup_search", "--no-reindex", env=env)
        manage("load_demo", "--no-superuser", env=env)
        cache.mkdir(exist_ok=True)
        partial = dump.with_suffix(".partial")
        with partial.open("wb") as output:
            subprocess.run(  # noqa: S603 (PostgreSQL's own client)
                [
                    str(pg.bin / "pg_dump"),
                    "--no-owner",
                    "--no-privileges",
                    pg.url(name),
                ],
                check=True,
                stdout=output,
                timeout=600,
            )
        partial.rename(dump)
    log(f"Demo database ready in {time.monotonic() - started:.0f} s.")


# HTTP ------------------------------------------------------------------------


def http_request(base_url, method, path, body=None, headers=None, timeout=15):
    """(status, headers, body bytes); exceptions propagate."""
    parts = urllib.parse.urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


class Load:
    """Clients requesting paths in turn, each on a new connection; every
    answer is recorded as (started, finished, path, status, body or None)."""

    def __init__(self, base_url, paths, clients=4, readyz_every=0.2):
        self.base_url = base_url
        self.paths = paths
        self.clients = clients
        self.readyz_every = readyz_every
        self.records = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = []

    def _one(self, path):
        started = time.monotonic()
        try:
            status, _headers, body = http_request(self.base_url, "GET", path)
        except Exception as error:  # noqa: BLE001 (every failure is a figure)
            status, body = type(error).__name__, b""
        finished = time.monotonic()
        kept = body if path == "/readyz" else None
        with self.lock:
            self.records.append((started, finished, path, status, kept))

    def _client(self, offset):
        index = offset
        while not self.stopping.is_set():
            self._one(self.paths[index % len(self.paths)])
            index += 1
            time.sleep(0.01)

    def _readyz(self):
        while not self.stopping.is_set():
            self._one("/readyz")
            self.stopping.wait(self.readyz_every)

    def start(self):
        self.threads = [
            threading.Thread(target=self._client, args=(n,), daemon=True)
            for n in range(self.clients)
        ] + [threading.Thread(target=self._readyz, daemon=True)]
        for thread in self.threads:
            thread.start()
        return self

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def pages(self, start=None, end=None):
        return [
            record
            for record in self.records
            if record[2] != "/readyz"
            and (start is None or record[0] >= start)
            and (end is None or record[1] <= end)
        ]

    def readyz(self, start=None, end=None):
        return [
            (started, finished, status, _checks(body))
            for started, finished, path, status, body in self.records
            if path == "/readyz"
            and (start is None or started >= start)
            and (end is None or finished <= end)
        ]


def _checks(body):
    try:
        return json.loads(body or b"{}").get("checks", {})
    except ValueError:
        return {}


def status_counts(records):
    counts = {}
    for record in records:
        counts[record[3]] = counts.get(record[3], 0) + 1
    return dict(sorted(counts.items(), key=lambda item: str(item[0])))


def is_server_error(status):
    return not isinstance(status, int) or status >= 500


class Drill:
    def __init__(self, key, title):
        self.key = key
        self.title = title
        self.failures = []

    def check(self, condition, message):
        if not condition:
            self.failures.append(message)
        return condition

    def figure(self, message):
        say(f"  {message}")

    @property
    def passed(self):
        return not self.failures


# The drills -----------------------------------------------------------------


def demo_paths():
    from practices.models import PracticeIndexPage
    from tutorials.models import TutorialPage

    listing = PracticeIndexPage.objects.live().get(locale__language_code="pl")
    tutorial = TutorialPage.objects.live().filter(locale__language_code="pl").first()
    return ["/pl/", listing.get_url(), tutorial.get_url()]


def drill_redis(database_url, seconds, clients):
    from tests.serving import gunicorn

    drill = Drill("A", "Redis stopped under load")
    redis = PrivateRedis()
    redis.start()
    paths = demo_paths()
    try:
        with gunicorn(database_url, workers=2, REDIS_URL=redis.url) as server:
            for path in paths:
                status = server.get(path)[0]
                drill.check(status == 200, f"{path} answers {status} before the drill")
            load = Load(server.url, paths, clients).start()
            time.sleep(seconds)
            stopped = time.monotonic()
            redis.stop()
            time.sleep(seconds)
            restarting = time.monotonic()
            redis.start()
            up = time.monotonic()
            time.sleep(seconds)
            load.stop()
    finally:
        redis.stop()

    pages = load.pages()
    errors = [record for record in pages if is_server_error(record[3])]
    drill.figure(f"page requests: {len(pages)}, statuses {status_counts(pages)}")
    drill.figure(
        "latency before:  " + latency_summary(_latencies(load.pages(end=stopped)))
    )
    drill.figure(
        "latency, Redis down: "
        + latency_summary(_latencies(load.pages(stopped, restarting)))
    )
    drill.figure(
        "latency after:   " + latency_summary(_latencies(load.pages(start=up)))
    )
    drill.check(not errors, f"{len(errors)} page answers were 5xx or no answer")

    down = load.readyz(stopped + 0.5, restarting)
    down_ok = [
        sample
        for sample in down
        if sample[2] == 503 and sample[3].get("cache") == "unavailable"
    ]
    drill.figure(
        f"/readyz while Redis is down: {len(down_ok)}/{len(down)} answered 503 "
        "with the cache unavailable"
    )
    drill.check(down and len(down_ok) == len(down), "/readyz did not say 503/cache")
    after = load.readyz(start=up)
    recovered = next((sample for sample in after if sample[2] == 200), None)
    if drill.check(recovered, "/readyz never answered 200 after Redis restarted"):
        drill.figure(
            f"/readyz 200 again {milliseconds(recovered[1] - up)} after Redis was back"
        )
    drill.check(
        after and after[-1][2] == 200, "/readyz is not 200 at the end of the drill"
    )
    readyz_5xx = [s for s in load.readyz() if is_server_error(s[2]) and s[2] != 503]
    drill.check(not readyz_5xx, f"/readyz gave {len(readyz_5xx)} non-503 failures")
    return drill


def _latencies(records):
    return [finished - started for started, finished, *_ in records]


class Editor(threading.Thread):
    """Publishes a revision of one page again and again, as an editor would,
    and records which publications were answered with success."""

    def __init__(self, page_id):
        super().__init__(daemon=True)
        self.page_id = page_id
        self.succeeded = []  # (title, revision id)
        self.failed = []  # (title, error)
        self.stopping = threading.Event()

    def run(self):
        from django.db import close_old_connections, connection

        from practices.models import PracticePage

        number = 0
        while not self.stopping.is_set():
            number += 1
            title = f"Drill edit {number}"
            close_old_connections()  # what Django does between two requests
            try:
                page = PracticePage.objects.get(pk=self.page_id)
                page.title = title
                revision = page.save_revision()
                revision.publish()
            except Exception as error:  # noqa: BLE001 (a failed edit is a figure)
                self.failed.append((title, type(error).__name__))
                self.stopping.wait(0.2)
            else:
                self.succeeded.append((title, revision.pk))
                self.stopping.wait(0.05)
        connection.close()


def gunicorn_workers(master_pid):
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            workers.append(int(stat.parent.name))
    return sorted(workers)


def drill_postgres(pg, name, seconds, clients):
    from django.db import connection

    from practices.models import PracticePage
    from tests.serving import gunicorn

    drill = Drill("B", "PostgreSQL restarted under load")
    paths = demo_paths()
    edited = PracticePage.objects.filter(locale__language_code="pl").live().first()
    connection.close()
    with gunicorn(pg.url(name), workers=2) as server:
        for path in paths:
            status = server.get(path)[0]
            drill.check(status == 200, f"{path} answers {status} before the drill")
        workers_before = gunicorn_workers(server.process.pid)
        load = Load(server.url, paths, clients).start()
        editor = Editor(edited.pk)
        editor.start()
        time.sleep(seconds)
        stopping = time.monotonic()
        pg.stop("fast")
        down = time.monotonic()
        time.sleep(seconds)
        starting = time.monotonic()
        pg.start()
        up = time.monotonic()
        # Wait for the site to answer again (give up after 60 s), then some more.
        recovered_at = None
        while time.monotonic() - up < 60:
            if server.get("/readyz", timeout=5)[0] == 200:
                recovered_at = time.monotonic()
                break
            time.sleep(0.1)
        time.sleep(seconds)
        editor.stopping.set()
        editor.join(timeout=30)
        load.stop()
        workers_after = gunicorn_workers(server.process.pid)
        master_alive = server.process.poll() is None

    drill.figure(
        f"pg_ctl stop -m fast took {milliseconds(down - stopping)}, "
        f"pg_ctl start {milliseconds(up - starting)}; PostgreSQL away "
        f"{up - stopping:.1f} s"
    )
    pages = load.pages()
    drill.figure(f"page requests: {len(pages)}, statuses {status_counts(pages)}")
    outage = load.pages(down, starting)
    outage_latencies = _latencies(outage)
    drill.figure(
        f"during the outage: statuses {status_counts(outage)}, latency "
        + latency_summary(outage_latencies)
    )
    drill.check(outage, "no page request fell within the outage")
    drill.check(
        all(record[3] == 503 for record in outage),
        "pages during the outage were not all 503",
    )
    drill.check(
        not outage_latencies or max(outage_latencies) < 2,
        "a request during the outage took 2 s or more",
    )
    unexpected = [r for r in pages if r[3] != 200 and r[3] != 503]
    drill.check(
        not unexpected,
        f"{len(unexpected)} page answers were neither 200 nor 503: "
        f"{status_counts(unexpected)}",
    )
    readyz_down = load.readyz(down, starting)
    readyz_ok = [
        s for s in readyz_down if s[2] == 503 and s[3].get("database") == "unavailable"
    ]
    drill.figure(
        f"/readyz during the outage: {len(readyz_ok)}/{len(readyz_down)} answered "
        "503 with the database unavailable, latency "
        + latency_summary([s[1] - s[0] for s in readyz_down])
    )
    drill.check(
        readyz_down and len(readyz_ok) == len(readyz_down),
        "/readyz did not say 503/database during the outage",
    )
    if drill.check(recovered_at, "the site did not recover within 60 s"):
        last_failure = max(
            (r[1] for r in load.pages(start=up) if r[3] != 200), default=up
        )
        drill.figure(
            f"recovered without restarting gunicorn: /readyz 200 "
            f"{milliseconds(recovered_at - up)} after PostgreSQL was up, last "
            f"non-200 page {milliseconds(max(0, last_failure - up))} after"
        )
        late = [r for r in load.pages(start=recovered_at + 1) if r[3] != 200]
        drill.check(not late, f"{len(late)} page answers were not 200 after recovery")
    drill.check(master_alive, "the gunicorn master died")
    drill.figure(
        f"gunicorn workers {workers_before} before, {workers_after} after"
        + (" (the same)" if workers_before == workers_after else " (replaced)")
    )
    drill.check(workers_before == workers_after, "gunicorn workers were replaced")

    # Every edit answered with success is in the database.
    from wagtail.models import Revision

    drill.figure(
        f"edits: {len(editor.succeeded)} answered with success, "
        f"{len(editor.failed)} failed ({sorted({e for _t, e in editor.failed})})"
    )
    stored = dict(
        Revision.objects.filter(
            pk__in=[revision for _title, revision in editor.succeeded]
        ).values_list("pk", "content")
    )
    lost = [
        title
        for title, revision in editor.succeeded
        if revision not in stored or stored[revision].get("title") != title
    ]
    drill.figure(f"edits answered with success but missing: {len(lost)}")
    drill.check(not lost, f"edits lost: {lost[:5]}")
    page = PracticePage.objects.get(pk=edited.pk)
    if drill.check(editor.succeeded, "no edit succeeded"):
        last_title, last_revision = editor.succeeded[-1]
        drill.check(
            page.title == last_title and page.live_revision_id == last_revision,
            f"the page is {page.title!r} (revision {page.live_revision_id}), the "
            f"last successful edit {last_title!r} (revision {last_revision})",
        )
    drill.check(editor.failed, "no edit was attempted during the outage")
    return drill


def fixtree(env):
    result = manage("fixtree", "--noinput", env=env, check=False)
    output = result.stdout + result.stderr
    clean = (
        result.returncode == 0
        and output.count("No problems found.") >= 1
        and "Remaining problems" not in output
        and "found:" not in output
    )
    return clean, output


def make_project(title, children, live):
    """A project under the Polish projects index, with `children` practices."""
    from wagtail.models import Locale

    from practices.models import PracticePage
    from projects.models import ProjectIndexPage, ProjectPage

    polish = Locale.objects.get(language_code="pl")
    index = ProjectIndexPage.objects.get(locale=polish)
    suffix = secrets.token_hex(3)
    project = index.add_child(
        instance=ProjectPage(
            title=title,
            slug=f"drill-{suffix}",
            summary="Projekt na ćwiczenia awaryjne.",
            live=live,
        )
    )
    project.save_revision().publish() if live else project.save_revision()
    for number in range(children):
        practice = project.add_child(
            instance=PracticePage(
                title=f"Praktyka ćwiczebna {number}",
                slug=f"drill-{suffix}-{number}",
                summary="Co zrobiła biblioteka.",
                live=live,
            )
        )
        revision = practice.save_revision()
        if live:
            revision.publish()
    return project


def run_worker(env, *extra):
    return subprocess.Popen(  # noqa: S603 (our own manage.py)
        [
            PYTHON,
            "manage.py",
            "db_worker",
            "--backend",
            "background",
            "--queue-name",
            "translations",
            "--interval",
            "0.2",
            "--no-startup-delay",
            *extra,
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _write_transactions():
    """Other connections to the database holding a write transaction open."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = "
            "current_database() AND pid <> pg_backend_pid() "
            "AND backend_xid IS NOT NULL"
        )
        return cursor.fetchone()[0]


def drill_translation_worker(database_url, pages):
    from django.db import connection
    from django_tasks_db.models import DBTaskResult
    from wagtail.models import Locale
    from wagtail_localize.operations import TranslationCreator

    from practices.models import PracticePage
    from translations.jobs import translate_subtree

    drill = Drill("C1", "translation worker killed mid-run")
    pages = max(pages, 40)
    env = environment(database_url)
    started = time.monotonic()
    project = make_project("Projekt ćwiczebny: tłumaczenie", pages, live=True)
    drill.figure(
        f"project with {pages} pages made in {time.monotonic() - started:.1f} s"
    )
    finnish = Locale.objects.get(language_code="fi")
    TranslationCreator(None, [finnish]).create_translations(project)
    keys = list(
        PracticePage.objects.child_of(project).values_list("translation_key", flat=True)
    )
    translated = PracticePage.objects.filter(locale=finnish, translation_key__in=keys)

    first = translate_subtree.enqueue(project.pk, [finnish.pk], None)
    connection.close()
    worker = run_worker(env)
    started = time.monotonic()
    # The task writes in one transaction, invisible from here until it
    # commits: wait for the worker's write transaction to open, then kill it
    # soon after. A page takes 0.1-0.3 s here, so at 40 pages or more the
    # kill lands well before the end, however fast the machine is that day.
    writing = None
    while time.monotonic() - started < 120 and worker.poll() is None:
        if writing is None and _write_transactions():
            writing = time.monotonic()
        if writing is not None and time.monotonic() - writing >= 0.5:
            break
        time.sleep(0.05)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    killed = time.monotonic()
    time.sleep(0.5)
    at_kill = translated.count()
    status = DBTaskResult.objects.get(pk=first.id).status
    drill.figure(
        f"worker SIGKILLed {killed - (writing or started):.1f} s into its "
        f"transaction; {at_kill}/{pages} pages translated after the kill; the "
        f"task is left {status}"
    )
    drill.check(
        status == "RUNNING" and at_kill < pages,
        "the worker was not killed in mid-run",
    )

    clean, output = fixtree(env)
    drill.figure("fixtree after the kill: " + ("no problems" if clean else "PROBLEMS"))
    drill.check(clean, f"fixtree reported problems:\n{output}")

    second = translate_subtree.enqueue(project.pk, [finnish.pk], None)
    connection.close()
    started = time.monotonic()
    worker = run_worker(env, "--batch")
    try:
        worker.wait(timeout=300)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
    drill.figure(
        f"queued again: the worker finished in {time.monotonic() - started:.1f} s"
    )
    result = DBTaskResult.objects.get(pk=second.id)
    drill.check(result.status == "SUCCESSFUL", f"the second run ended {result.status}")
    final = translated.count()
    distinct = translated.values("translation_key").distinct().count()
    drill.figure(
        f"Finnish translations: {final} for {pages} pages ({distinct} distinct)"
    )
    drill.check(final == pages == distinct, "not one translation per page")
    clean, output = fixtree(env)
    drill.check(clean, f"fixtree after the re-run reported problems:\n{output}")
    return drill


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

    from tests.serving import gunicorn

    drill = Drill("C2", "gunicorn worker killed mid-publish")
    # A page publishes in ~0.04 s here: with 80 or more, a kill 0.5 s in lands
    # well before the end.
    pages = max(pages, 80)
    env = environment(database_url)
    started = time.monotonic()
    project = make_project("Projekt ćwiczebny: publikacja", pages, live=False)
    drill.figure(
        f"draft project with {pages} draft pages made in "
        f"{time.monotonic() - started:.1f} s"
    )
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
        # Kill 0.5 s in: the publish of 80 pages or more takes several seconds.
        outcome = {}
        worker_pids = gunicorn_workers(server.process.pid)
        thread = threading.Thread(target=publish, args=(session, outcome))
        began = time.monotonic()
        thread.start()
        time.sleep(0.5)
        for pid in worker_pids:
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
        clean, output = fixtree(env)
        drill.figure(
            "fixtree after the kill: " + ("no problems" if clean else "PROBLEMS")
        )
        drill.check(clean, f"fixtree reported problems:\n{output}")

        # The master starts a new worker; publishing again completes.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if server.get("/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
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


# Main -----------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="the CI form, ~2 min")
    parser.add_argument(
        "--demo-url",
        help="a PostgreSQL database holding the demo, to copy (else cached/loaded)",
    )
    parser.add_argument(
        "--only", help="comma-separated drills to run (A,B,C1,C2); all by default"
    )
    options = parser.parse_args()
    seconds = 4 if options.short else 15
    clients = 4
    pages = 16 if options.short else 60
    only = set((options.only or "A,B,C1,C2").upper().split(","))

    try:
        pg = PrivatePostgres()
        PrivateRedis()
    except Unavailable as error:
        say(f"SKIP: {error}")
        return SKIPPED
    drills = []
    total = time.monotonic()
    try:
        pg.initdb()
        pg.start()
        name = "drills"
        prepare_demo(pg, name, options.demo_url)
        os.environ.update(environment(pg.url(name)))
        os.environ.pop("REDIS_URL", None)
        import django

        django.setup()
        # The editor of drill B fails while PostgreSQL is down, on purpose:
        # Wagtail's immediate tasks would log a traceback for each failure.
        logging.getLogger("django_tasks").setLevel(logging.CRITICAL)
        from tests.serving import collected_static

        collected_static()
        say(
            f"Fault drills ({'short' if options.short else 'full'}: {seconds} s "
            f"windows, {clients} clients, {pages} pages), PostgreSQL "
            f"{pg.bin.parent.name} at port {pg.port}"
        )
        plan = [
            ("A", lambda: drill_redis(pg.url(name), seconds, clients)),
            ("B", lambda: drill_postgres(pg, name, seconds, clients)),
            ("C1", lambda: drill_translation_worker(pg.url(name), pages)),
            ("C2", lambda: drill_publish_worker(pg.url(name), pages * 2)),
        ]
        for key, run in plan:
            if key not in only:
                continue
            say()
            started = time.monotonic()
            try:
                drill = run()
            except Exception as error:  # noqa: BLE001 (a crashed drill fails)
                import traceback

                traceback.print_exc()
                drill = Drill(key, "crashed")
                drill.failures.append(f"{type(error).__name__}: {error}")
            drills.append(drill)
            for failure in drill.failures:
                say(f"  failed: {failure}")
            say(
                f"Drill {drill.key}: {'PASS' if drill.passed else 'FAIL'} "
                f"({drill.title}, {time.monotonic() - started:.0f} s)"
            )
    finally:
        from django.db import connections

        with contextlib.suppress(Exception):  # Django may not be set up
            connections.close_all()
        pg.destroy()
    say()
    say(f"All drills: {time.monotonic() - total:.0f} s")
    return 0 if drills and all(drill.passed for drill in drills) else 1


if __name__ == "__main__":
    sys.exit(main())
