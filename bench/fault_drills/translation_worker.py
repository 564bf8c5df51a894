"""Drill C1, translation worker killed: a project with N published
practices, its subtree queued for translation into Finnish, the db_worker
SIGKILLed a moment into its transaction. PASS: nothing half-written (fixtree
finds no problems), and the translation queued again ends with exactly one
Finnish translation per page."""

import signal
import subprocess
import time

from bench.fault_drills.drill import (
    Drill,
    check_fixtree_after_kill,
    fixtree,
    make_project,
)
from bench.servers import TRANSLATION_WORKER, production_environment, start_manage


def start_worker(env, *extra):
    """manage.py db_worker for the translations queue, in the background."""
    return start_manage(*TRANSLATION_WORKER, "--interval", "0.2", *extra, env=env)


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

    from editorial.jobs import translate_subtree
    from practices.models import PracticePage

    drill = Drill("C1", "translation worker killed mid-run")
    pages = max(pages, 24)
    env = production_environment(database_url)
    project = make_project(drill, "Projekt ćwiczebny: tłumaczenie", pages, live=True)
    finnish = Locale.objects.get(language_code="fi")
    TranslationCreator(None, [finnish]).create_translations(project)
    keys = list(
        PracticePage.objects.child_of(project).values_list("translation_key", flat=True)
    )
    translated = PracticePage.objects.filter(locale=finnish, translation_key__in=keys)

    first = translate_subtree.enqueue(project.pk, [finnish.pk], None)
    connection.close()
    worker = start_worker(env)
    started = time.monotonic()
    # The task writes in one transaction, invisible from here until it
    # commits: wait for the worker's write transaction to open, then kill it
    # soon after. A page takes 0.1-0.5 s here, so at 24 pages or more the
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

    check_fixtree_after_kill(drill, env)

    second = translate_subtree.enqueue(project.pk, [finnish.pk], None)
    connection.close()
    started = time.monotonic()
    worker = start_worker(env, "--batch")
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
