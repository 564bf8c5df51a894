"""Translating a project's subtree into another language as an editor does,
for bench/translation.py: a superuser POSTs wagtail-localize's "Translate
page" form with "Include subtree" through Django's test client, timed and
with its SQL statements counted; the background worker then runs what the
request queued; and what exists in the target language afterwards."""

import re
import sys
import time
from collections import Counter, deque

from bench.common import log
from bench.servers import TRANSLATION_WORKER

USERNAME = "bench-translator"


# The editor ---------------------------------------------------------------------


def translator_user():
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    user = user_model.objects.filter(username=USERNAME).first()
    if user is None:
        user = user_model.objects.create_superuser(USERNAME, email="", password=None)
    return user


# Measuring ------------------------------------------------------------------------

TABLE = re.compile(r'(?:FROM|INTO|UPDATE)\s+"([^"]+)"', re.IGNORECASE)


def describe(sql):
    """'SELECT wagtailcore_page', 'INSERT wagtail_localize_string'…"""
    verb = sql.lstrip().split(None, 1)[0].upper()
    match = TABLE.search(sql)
    return f"{verb} {match.group(1) if match else ''}".strip()


def request_translation(client, project, locale):
    """POST the admin's Translate page form, timed, with its queries counted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    url = reverse("wagtail_localize:submit_page_translation", args=[project.pk])
    # What the editor sees first (and what warms this process up): the form.
    started = time.perf_counter()
    response = client.get(url)
    form_seconds = time.perf_counter() - started
    if response.status_code != 200:
        sys.exit(f"GET {url} answered {response.status_code}")
    if 'name="include_subtree"' not in response.content.decode():
        sys.exit("The form has no include_subtree field: is the project a leaf?")

    if connection.in_atomic_block:
        sys.exit("Already inside a transaction: on-commit callbacks would not run.")
    # CaptureQueriesContext reads connection.queries_log, which keeps only the
    # last 9000 queries by default: room for far more.
    connection.queries_log = deque(maxlen=1_000_000)
    counted = 0

    def count(execute, sql, params, many, context):
        nonlocal counted
        counted += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count), CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        response = client.post(
            url, {"locales": [str(locale.pk)], "include_subtree": "on"}
        )
        seconds = time.perf_counter() - started
    if response.status_code != 302:
        sys.exit(
            f"POST {url} answered {response.status_code}, not a redirect: the "
            "form was refused."
        )
    queries = len(ctx.captured_queries)
    # The log also holds BEGIN and COMMIT, which go past execute wrappers.
    commits = sum(
        q["sql"] in ("BEGIN", "COMMIT", "ROLLBACK") for q in ctx.captured_queries
    )
    if queries - commits != counted:
        log(
            f"  !! the query log holds {queries} queries ({commits} BEGIN/COMMIT), an "
            f"execute wrapper counted {counted}"
        )
    sql_seconds = sum(float(q.get("time") or 0) for q in ctx.captured_queries)
    kinds = Counter(describe(q["sql"]) for q in ctx.captured_queries)
    return {
        "seconds": seconds,
        "queries": queries,
        "sql_seconds": sql_seconds,
        "kinds": kinds,
        "form_seconds": form_seconds,
        "location": response.headers.get("Location", ""),
    }


def run_worker():
    """Seconds the background worker takes for what the request queued (the
    pages under the project, with WAGTAILLOCALIZE_JOBS on django-tasks)."""
    from django.core.management import call_command

    started = time.perf_counter()
    call_command(*TRANSLATION_WORKER, "--batch", verbosity=0)
    return time.perf_counter() - started


def check_translated(project, locale):
    """How many of the subtree's pages exist in the target language, and live."""
    from wagtail.models import Page

    keys = list(
        Page.objects.descendant_of(project, inclusive=True).values_list(
            "translation_key", flat=True
        )
    )
    translated = Page.objects.filter(translation_key__in=keys, locale=locale)
    return len(keys), translated.count(), translated.filter(live=True).count()
