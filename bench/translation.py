"""How long translating a whole project takes in one admin request.

Run it against a PostgreSQL database of its own (it adds projects to it):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_translation \\
        .venv/bin/python bench/translation.py

For each size N (default 5 and 50) the script builds a fresh Polish project
whose subtree has N pages in all: the project, its good practices and its
testimonials (about three practices to one testimonial), each published from
a revision with realistic fields (a summary, a body of Polish paragraphs,
audiences, formats and topics, a library; the project also a programme,
participating libraries and key figures). It then translates the subtree
into one language the way an editor does: a superuser logged in with Django's
test client POSTs wagtail-localize's "Translate page" form
(``wagtail_localize:submit_page_translation``) with that language and
"Include subtree" ticked. The request is timed and its SQL queries counted
(CaptureQueriesContext, cross-checked with a counting execute wrapper), then
the script checks that the N pages exist in the target language. Each size
is measured ``--repeat`` times (default 3), on a fresh project each time, after
one unmeasured warm-up translation; the median is reported.

It prints seconds and queries, in all and per page, and compares the request
for the largest size with gunicorn's worker ``timeout`` (config/gunicorn.py):
whether one admin request stays within it, and at how many pages it would not
(extrapolating linearly from the two sizes).

The database is created if it does not exist, migrated, given the Polish
text-search configuration (``setup_search --no-reindex``) and the demo content
(``load_demo --no-superuser``) on the first run. Projects left by an earlier
run (slug ``bench-translation-…``) are deleted, with their translations,
before new ones are built.
"""

import argparse
import importlib
import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import admin_translation, common  # noqa: E402
from bench.common import log  # noqa: E402
from bench.sample_projects import ProjectBuilder, delete_earlier_projects  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="5,50",
        help="Pages in each translated subtree, comma-separated (default 5,50).",
    )
    parser.add_argument(
        "--locale",
        default="fi",
        help="The language to translate into (default fi).",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="Requests per size, each on a fresh project (default 3; the "
        "median is reported).",
    )
    parser.add_argument("--seed", type=int, default=2026, help="Random seed.")
    args = common.parse_arguments(
        parser,
        sizes_example="5,50",
        smallest=2,
        too_small="--sizes needs sizes of 2 or more (a project and a child)",
    )
    if args.repeat < 1:
        parser.error("--repeat needs 1 or more")
    return args


# Reporting ------------------------------------------------------------------------


def gunicorn_timeout():
    module = importlib.import_module("config.gunicorn")
    return float(module.timeout)


def summarise(runs):
    """The median run's figures, with the spread of the seconds."""
    ordered = sorted(runs, key=lambda run: run["seconds"])
    median = dict(ordered[(len(ordered) - 1) // 2])
    median["seconds"] = statistics.median(run["seconds"] for run in runs)
    median["queries"] = round(statistics.median(run["queries"] for run in runs))
    median["sql_seconds"] = statistics.median(run["sql_seconds"] for run in runs)
    median["form_seconds"] = statistics.median(run["form_seconds"] for run in runs)
    median["translated"] = min(run["translated"] for run in runs)
    median["min"] = ordered[0]["seconds"]
    median["max"] = ordered[-1]["seconds"]
    return median


def report(results, timeout, locale_code, repeat):
    results = {size: summarise(runs) for size, runs in results.items()}
    print()
    print(f"Translating a project's whole subtree into {locale_code!r} in one admin")
    print("request (POST wagtail_localize:submit_page_translation, include_subtree)")
    if repeat > 1:
        print(f"median of {repeat} requests, each on a fresh project:")
    print()
    header = (
        f"{'pages':>6} {'seconds':>8} {'min-max':>12} {'s/page':>7} "
        f"{'queries':>8} {'q/page':>7} {'SQL s':>6} {'form GET s':>10} "
        f"{'translated':>10}"
    )
    print(header)
    print("-" * len(header))
    for size, r in sorted(results.items()):
        spread = f"{r['min']:.1f}-{r['max']:.1f}"
        print(
            f"{size:>6} {r['seconds']:>8.2f} {spread:>12} "
            f"{r['seconds'] / size:>7.3f} {r['queries']:>8} "
            f"{r['queries'] / size:>7.0f} {r['sql_seconds']:>6.2f} "
            f"{r['form_seconds']:>10.2f} {str(r['translated']) + '/' + str(size):>10}"
        )
    print(
        "(SQL s: time inside the database driver; the rest is Python. "
        "form GET s: the form the editor opens first. translated: pages of the "
        "subtree in the target language afterwards, fewest of the runs.)"
    )
    print()
    largest = max(results)
    r = results[largest]
    print(f"Most frequent statements for {largest} pages, per page:")
    for kind, n in r["kinds"].most_common(10):
        print(f"  {n / largest:>6.1f}  {kind}")
    print()

    share = r["seconds"] / timeout
    verdict = "stays within" if r["max"] < timeout else "does NOT stay within"
    print(
        f"gunicorn worker timeout (config/gunicorn.py): {timeout:.0f} s. The request "
        f"for {largest} pages took {r['seconds']:.1f} s ({share:.0%} of it; slowest "
        f"{r['max']:.1f} s): one admin request {verdict} the timeout."
    )
    sizes = sorted(results)
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        slope = (results[large]["seconds"] - results[small]["seconds"]) / (
            large - small
        )
        intercept = results[large]["seconds"] - slope * large
        fit = f"{intercept:.2f} s + {slope:.3f} s × pages"
    else:
        slope = r["seconds"] / largest
        intercept = 0.0
        fit = f"{slope:.3f} s × pages"
    if slope > 0:
        at_timeout = (timeout - intercept) / slope
        at_third = (timeout / 3 - intercept) / slope
        print(
            f"Linear extrapolation ({fit}): from about {at_timeout:.0f} pages one "
            f"request would outlast the timeout; from about {at_third:.0f} pages it "
            f"would take more than a third of it ({timeout / 3:.0f} s)."
        )
    else:
        print(f"Linear extrapolation ({fit}): the time does not grow with pages.")
    if share > 1 / 3:
        print(
            "More than a third of the timeout: the subtree should be translated "
            "off the request, in a background task."
        )


def main():
    args = parse_args()
    run_started = time.perf_counter()
    connection = common.connect(
        "bench/translation.py",
        "bench_translation",
        "projects and their translations",
        args.any_database,
    )
    from projects.models import ProjectIndexPage

    common.prepare_database(ProjectIndexPage)

    from django.conf import settings
    from django.test import Client
    from wagtail.models import Locale

    # No INFO line for each page created, published or deleted.
    for name in ("wagtail", "wagtail_localize", "wagtail.contrib.redirects"):
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        locale = Locale.objects.get(language_code=args.locale)
    except Locale.DoesNotExist:
        sys.exit(f"No locale {args.locale!r} in this database.")
    if locale == Locale.get_default():
        sys.exit("Pick a target language other than the default one.")
    atomic_requests = connection.settings_dict.get("ATOMIC_REQUESTS", False)
    jobs = getattr(settings, "WAGTAILLOCALIZE_JOBS", None)
    tasks = getattr(settings, "TASKS", None)
    common.log_server_version(connection)
    jobs_backend = (jobs or {}).get("BACKEND", "wagtail_localize ImmediateBackend")
    tasks_backend = (
        (tasks or {}).get("default", {}).get("BACKEND", "django_tasks ImmediateBackend")
    )
    log(
        f"DEBUG={settings.DEBUG}; ATOMIC_REQUESTS={atomic_requests} (the view's own "
        "atomic block commits, and runs its on-commit callbacks, inside the "
        f"request); WAGTAILLOCALIZE_JOBS: {jobs_backend}"
        f"{' (default)' if jobs is None else ''}; TASKS: {tasks_backend}"
        f"{' (default)' if tasks is None else ''}"
    )

    deleted = delete_earlier_projects()
    if deleted:
        log(f"Deleted {deleted} pages of earlier runs.")
    # As Django's test runner does: the test client's requests come from
    # "testserver".
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user = admin_translation.translator_user()
    client = Client()
    client.force_login(user)
    builder = ProjectBuilder(args.seed, user)
    numbers = iter(range(1, 1_000_000))

    # A long-running worker has imported and cached what the first
    # translation needs: so has this process, before anything is measured.
    project = builder.project(2, next(numbers))
    warm_up = admin_translation.request_translation(client, project, locale)
    admin_translation.run_worker()
    log(f"Warm-up (2 pages, not counted): {warm_up['seconds']:.2f} s")

    results = {}
    for size in args.sizes:
        log(f"\n== {size} pages ==")
        for _ in range(args.repeat):
            started = time.perf_counter()
            project = builder.project(size, next(numbers))
            built = time.perf_counter() - started
            result = admin_translation.request_translation(client, project, locale)
            result["worker_seconds"] = admin_translation.run_worker()
            total, translated, live = admin_translation.check_translated(
                project, locale
            )
            log(
                f"  built and published in {built:.1f} s; request "
                f"{result['seconds']:.2f} s with {result['queries']} queries; "
                f"worker {result['worker_seconds']:.2f} s; "
                f"{translated} of {total} pages now in {locale.language_code} "
                f"({live} live); redirected to {result['location']}"
            )
            if translated != size or total != size:
                log(f"  !! expected {size} pages in {locale.language_code}")
            result["translated"] = translated
            results.setdefault(size, []).append(result)

    report(results, gunicorn_timeout(), locale.language_code, args.repeat)
    for size, runs in results.items():
        worker = sorted(run["worker_seconds"] for run in runs)[len(runs) // 2]
        log(
            f"{size} pages: the request took {summarise(runs)['seconds']:.2f} s; "
            f"the background worker then took {worker:.2f} s for the rest"
        )
    print(f"\nRun time: {time.perf_counter() - run_started:.0f} s")


if __name__ == "__main__":
    main()
