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
import logging
import os
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import servers  # noqa: E402
from bench.fault_drills.demo_database import prepare_demo  # noqa: E402
from bench.fault_drills.drill import Drill, say  # noqa: E402
from bench.fault_drills.postgres_restarted import drill_postgres  # noqa: E402
from bench.fault_drills.publish_worker import drill_publish_worker  # noqa: E402
from bench.fault_drills.redis_stopped import drill_redis  # noqa: E402
from bench.fault_drills.translation_worker import (  # noqa: E402
    drill_translation_worker,
)

SKIPPED = 77  # the prerequisites are missing (tests/operations/test_drills.py)


def run_drill(key, run):
    """Run one drill, a crash counting as a failure; say its verdict."""
    say()
    started = time.monotonic()
    try:
        drill = run()
    except Exception as error:  # noqa: BLE001 (a crashed drill fails)
        traceback.print_exc()
        drill = Drill(key, "crashed")
        drill.failures.append(f"{type(error).__name__}: {error}")
    for failure in drill.failures:
        say(f"  failed: {failure}")
    say(
        f"Drill {drill.key}: {'PASS' if drill.passed else 'FAIL'} "
        f"({drill.title}, {time.monotonic() - started:.0f} s)"
    )
    return drill


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
        pg = servers.PrivatePostgres()
        servers.PrivateRedis()
    except servers.Unavailable as error:
        say(f"SKIP: {error}")
        return SKIPPED
    drills = []
    total = time.monotonic()
    try:
        pg.initdb()
        pg.start()
        name = "drills"
        prepare_demo(pg, name, options.demo_url)
        os.environ.update(servers.production_environment(pg.url(name)))
        os.environ.pop("REDIS_URL", None)
        import django

        django.setup()
        # The editor of drill B fails while PostgreSQL is down, on purpose:
        # Wagtail's immediate tasks would log a traceback for each failure.
        logging.getLogger("django_tasks").setLevel(logging.CRITICAL)
        servers.collected_static()
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
            if key in only:
                drills.append(run_drill(key, run))
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
