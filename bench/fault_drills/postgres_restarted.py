"""Drill B, PostgreSQL restarted under load: gunicorn without Redis (so
every page needs the database), clients on three pages and an editor
publishing revisions; pg_ctl stop -m fast, then start. PASS: during the
outage pages and /readyz answer 503 (database "unavailable") in under 2 s;
the same gunicorn workers serve 200 again; every edit answered with success
is stored, and the page shows the last one."""

import threading
import time

from bench.fault_drills.drill import Drill, check_pages_answer, demo_paths
from bench.fault_drills.traffic import (
    Load,
    latencies,
    latency_summary,
    milliseconds,
    status_counts,
)
from bench.servers import gunicorn, wait_for, worker_pids


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


def drill_postgres(pg, name, seconds, clients):
    from django.db import connection

    from practices.models import PracticePage

    drill = Drill("B", "PostgreSQL restarted under load")
    paths = demo_paths()
    edited = PracticePage.objects.filter(locale__language_code="pl").live().first()
    connection.close()
    with gunicorn(pg.url(name), workers=2) as server:
        check_pages_answer(drill, server, paths)
        workers_before = worker_pids(server.process.pid)
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
        if wait_for(
            lambda: server.get("/readyz", timeout=5)[0] == 200,
            timeout=60,
            interval=0.1,
            tolerate=(),
        ):
            recovered_at = time.monotonic()
        time.sleep(seconds)
        editor.stopping.set()
        editor.join(timeout=30)
        load.stop()
        workers_after = worker_pids(server.process.pid)
        master_alive = server.process.poll() is None

    drill.figure(
        f"pg_ctl stop -m fast took {milliseconds(down - stopping)}, "
        f"pg_ctl start {milliseconds(up - starting)}; PostgreSQL away "
        f"{up - stopping:.1f} s"
    )
    pages = load.pages()
    drill.figure(f"page requests: {len(pages)}, statuses {status_counts(pages)}")
    outage = load.pages(down, starting)
    outage_latencies = latencies(outage)
    drill.figure(
        f"during the outage: statuses {status_counts(outage)} "
        f"({sum(record[4] == 'hit' for record in outage)} from the page cache), "
        "latency " + latency_summary(outage_latencies)
    )
    drill.check(outage, "no page request fell within the outage")
    # A page the page cache holds is still served (it never reaches the
    # database); every other page is a 503.
    drill.check(
        all(
            record[3] == 503 or (record[3] == 200 and record[4] == "hit")
            for record in outage
        ),
        "pages during the outage were neither 503 nor served from the page cache",
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
