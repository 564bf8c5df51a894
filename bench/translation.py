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
import json
import logging
import os
import random
import re
import statistics
import sys
import time
from collections import Counter, deque
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import connect, log, prepare_database  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

PREFIX = "bench-translation-"  # the slug prefix of the generated projects
USERNAME = "bench-translator"
TESTIMONIAL_EVERY = 4  # one page in four under a project is a testimonial

SENTENCES = [
    "Biblioteka od lat prowadzi spotkania dla mieszkańców gminy.",
    "W projekcie wzięło udział dwanaście bibliotek z trzech województw.",
    "Bibliotekarki przygotowały cykl warsztatów dla seniorów i ich wnuków.",
    "Uczestnicy uczyli się, jak bezpiecznie korzystać z bankowości internetowej.",
    "Każde spotkanie kończyło się wspólną dyskusją przy herbacie.",
    "Partnerami były lokalne szkoły, koło gospodyń wiejskich i ośrodek kultury.",
    "Dzięki dotacji biblioteka kupiła tablety i projektor.",
    "Zajęcia odbywały się w czytelni w każdy czwartek po południu.",
    "Młodzież nagrała wspomnienia najstarszych mieszkańców wsi.",
    "Nagrania trafiły do cyfrowego archiwum biblioteki.",
    "Projekt pokazał, że biblioteka może być centrum życia lokalnej społeczności.",
    "Na zakończenie zorganizowano piknik rodzinny z grą terenową.",
    "Wolontariusze pomagali w prowadzeniu zajęć i w promocji wydarzeń.",
    "O spotkaniach informowały plakaty, strona gminy i lokalne radio.",
    "Frekwencja przerosła oczekiwania organizatorów.",
    "Część uczestników zapisała się później na kurs języka angielskiego.",
    "Bibliotekarze wymieniali doświadczenia podczas wizyt studyjnych.",
    "Powstał poradnik dla innych bibliotek, które chcą powtórzyć ten pomysł.",
    "Najwięcej zainteresowania wzbudziły zajęcia z fotografii cyfrowej.",
    "Dzieci z pobliskiej szkoły przygotowały przedstawienie na podstawie "
    "legend regionu.",
    "Spotkania autorskie przyciągnęły czytelników z sąsiednich miejscowości.",
    "W ankiecie dziewięciu na dziesięciu uczestników oceniło zajęcia bardzo dobrze.",
    "Biblioteka nawiązała stałą współpracę z domem pomocy społecznej.",
    "Rezultaty projektu przedstawiono na konferencji w Krakowie.",
]
HEADINGS = [
    "Cele projektu",
    "Przebieg działań",
    "Rezultaty",
    "Co się udało",
    "Czego się nauczyliśmy",
    "Partnerzy",
]
FIGURE_LABELS = ["uczestników", "spotkań", "bibliotek", "godzin warsztatów"]
EVENT_LABELS = [
    "Pierwsze spotkanie w czytelni",
    "Warsztaty z bibliotekarzami",
    "Wizyta studyjna",
    "Podsumowanie projektu",
]
PEOPLE = [
    ("Anna Kowalska", "dyrektorka"),
    ("Jan Nowak", "bibliotekarz"),
    ("Maria Wiśniewska", "instruktorka"),
    ("Piotr Zieliński", "kierownik filii"),
]


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
    parser.add_argument(
        "--any-database",
        action="store_true",
        help="Run even if the database name does not contain 'bench'.",
    )
    args = parser.parse_args()
    try:
        args.sizes = sorted({int(size) for size in args.sizes.split(",") if size})
    except ValueError:
        parser.error("--sizes takes whole numbers, e.g. 5,50")
    if not args.sizes or min(args.sizes) < 2:
        parser.error("--sizes needs sizes of 2 or more (a project and a child)")
    if args.repeat < 1:
        parser.error("--repeat needs 1 or more")
    return args


# Setting up ---------------------------------------------------------------------


def translator_user():
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    user = user_model.objects.filter(username=USERNAME).first()
    if user is None:
        user = user_model.objects.create_superuser(USERNAME, email="", password=None)
    return user


def delete_earlier_projects():
    """Projects of earlier runs, in every language, and what wagtail-localize
    recorded about them."""
    from wagtail.models import Page
    from wagtail_localize.models import TranslationSource

    from projects.models import ProjectPage

    roots = ProjectPage.objects.filter(slug__startswith=PREFIX)
    keys = set()
    for root in roots:
        keys |= set(
            Page.objects.descendant_of(root, inclusive=True).values_list(
                "translation_key", flat=True
            )
        )
    if not keys:
        return 0
    project_keys = set(roots.values_list("translation_key", flat=True))
    deleted = Page.objects.filter(translation_key__in=keys).count()
    for page in Page.objects.filter(translation_key__in=project_keys).order_by(
        "-depth"
    ):
        page.delete()
    # Anything of theirs left outside a deleted project.
    for page in Page.objects.filter(translation_key__in=keys).order_by("-depth"):
        page.delete()
    TranslationSource.objects.filter(object_id__in=keys).delete()
    return deleted


# Building a project ---------------------------------------------------------------


class Builder:
    """Polish projects with their practices and testimonials, as editors make them."""

    def __init__(self, seed, user):
        from wagtail.models import Locale

        from core.models import Audience, Format, Topic
        from libraries.models import LibraryPage
        from projects.models import Programme, ProjectIndexPage

        self.rng = random.Random(seed)
        self.user = user
        self.locale = Locale.get_default()
        self.index = ProjectIndexPage.objects.get(locale=self.locale)
        self.terms = {
            name: list(model.objects.filter(locale=self.locale).order_by("pk"))
            for name, model in (
                ("audiences", Audience),
                ("formats", Format),
                ("topics", Topic),
            )
        }
        self.libraries = list(
            LibraryPage.objects.live().filter(locale=self.locale).order_by("pk")
        )
        self.programmes = list(
            Programme.objects.filter(locale=self.locale).order_by("pk")
        )
        if not self.libraries:
            sys.exit("The demo has no Polish libraries: load the demo first.")

    def sentences(self, low, high):
        return " ".join(self.rng.sample(SENTENCES, self.rng.randint(low, high)))

    def summary(self):
        return self.sentences(2, 3)[:500]

    def body(self, paragraphs):
        blocks = [
            {
                "type": "heading",
                "value": {"text": self.rng.choice(HEADINGS), "level": "h2"},
            },
        ]
        for number in range(paragraphs):
            blocks.append(
                {"type": "paragraph", "value": f"<p>{self.sentences(2, 4)}</p>"}
            )
            if number == 1:
                blocks.append(
                    {
                        "type": "heading",
                        "value": {"text": self.rng.choice(HEADINGS), "level": "h2"},
                    }
                )
        blocks.append(
            {
                "type": "quote",
                "value": {
                    "quote": self.sentences(1, 2),
                    "attribution": self.rng.choice(self.libraries).title,
                },
            }
        )
        return json.dumps(blocks)

    def links(self):
        return json.dumps(
            [
                {
                    "type": "link",
                    "value": {
                        "title": "Strona projektu",
                        "url": "https://www.example.org/projekt",
                    },
                }
            ]
        )

    def set_terms(self, page):
        page.audiences.set(self.rng.sample(self.terms["audiences"], 2))
        page.formats.set(self.rng.sample(self.terms["formats"], 1))
        page.topics.set(self.rng.sample(self.terms["topics"], 1))

    def publish(self, page):
        page.save_revision(user=self.user).publish(user=self.user)
        return page

    def project(self, size, number):
        """A live project whose subtree has ``size`` pages in all."""
        from practices.models import PracticePartner
        from projects.models import ProjectLibrary
        from tests.factories import (
            PracticePageFactory,
            ProjectPageFactory,
            TestimonialPageFactory,
        )

        rng = self.rng
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(365))
        project = ProjectPageFactory(
            parent=self.index,
            title=f"Biblioteka łączy pokolenia {number} ({size} stron)",
            slug=f"{PREFIX}{size}-{number}",
            summary=self.summary(),
            body=self.body(4),
            links=self.links(),
            programme=rng.choice(self.programmes) if self.programmes else None,
            start_date=start,
            end_date=start + timedelta(days=300),
            key_figures=json.dumps(
                [
                    {
                        "type": "figure",
                        "value": {
                            "value": str(rng.randint(10, 900)),
                            "unit": "",
                            "label": label,
                        },
                    }
                    for label in rng.sample(FIGURE_LABELS, 2)
                ]
            ),
        )
        participants = rng.sample(self.libraries, min(3, len(self.libraries)))
        self.set_terms(project)
        project.project_libraries = [
            ProjectLibrary(library=library, role="leading" if i == 0 else "partner")
            for i, library in enumerate(participants)
        ]
        self.publish(project)
        for child in range(1, size):
            if child % TESTIMONIAL_EVERY == 0:
                person, function = rng.choice(PEOPLE)
                testimonial = TestimonialPageFactory(
                    parent=project,
                    title=f"Wypowiedź {child}: {person}",
                    slug=f"wypowiedz-{child}",
                    quote="".join(f"<p>{self.sentences(2, 3)}</p>" for _ in range(2)),
                    library=rng.choice(participants),
                    role="partner",
                    person=person,
                    function=function,
                    excerpt=self.sentences(1, 1),
                )
                self.publish(testimonial)
            else:
                practice = PracticePageFactory(
                    parent=project,
                    title=f"Dobra praktyka {child}: {rng.choice(HEADINGS).lower()}",
                    slug=f"praktyka-{child}",
                    summary=self.summary(),
                    body=self.body(3),
                    links=self.links(),
                    library=rng.choice(participants),
                    events=json.dumps(
                        [
                            {
                                "type": "event",
                                "value": {
                                    "date": (
                                        start + timedelta(days=30 * step)
                                    ).isoformat(),
                                    "label": label,
                                },
                            }
                            for step, label in enumerate(
                                rng.sample(EVENT_LABELS, 2), start=1
                            )
                        ]
                    ),
                )
                self.set_terms(practice)
                practice.partners = [
                    PracticePartner(library=library)
                    for library in rng.sample(participants, 1)
                ]
                self.publish(practice)
        return project


# Measuring ------------------------------------------------------------------------

TABLE = re.compile(r'(?:FROM|INTO|UPDATE)\s+"([^"]+)"', re.IGNORECASE)


def describe(sql):
    """'SELECT wagtailcore_page', 'INSERT wagtail_localize_string'…"""
    verb = sql.lstrip().split(None, 1)[0].upper()
    match = TABLE.search(sql)
    return f"{verb} {match.group(1) if match else ''}".strip()


def translate_subtree(client, project, locale):
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
    call_command(
        "db_worker",
        "--batch",
        "--backend=background",
        "--queue-name=translations",
        "--no-startup-delay",
        verbosity=0,
    )
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


def gunicorn_timeout():
    module = importlib.import_module("config.gunicorn")
    return float(module.timeout)


# Reporting ------------------------------------------------------------------------


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
    connection = connect(
        "bench/translation.py",
        "bench_translation",
        "projects and their translations",
        args.any_database,
    )
    from projects.models import ProjectIndexPage

    prepare_database(ProjectIndexPage)

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
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        log(cursor.fetchone()[0].split(",")[0])
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
    user = translator_user()
    client = Client()
    client.force_login(user)
    builder = Builder(args.seed, user)
    numbers = iter(range(1, 1_000_000))

    # A long-running worker has imported and cached what the first
    # translation needs: so has this process, before anything is measured.
    project = builder.project(2, next(numbers))
    warm_up = translate_subtree(client, project, locale)
    run_worker()
    log(f"Warm-up (2 pages, not counted): {warm_up['seconds']:.2f} s")

    results = {}
    for size in args.sizes:
        log(f"\n== {size} pages ==")
        for _ in range(args.repeat):
            started = time.perf_counter()
            project = builder.project(size, next(numbers))
            built = time.perf_counter() - started
            result = translate_subtree(client, project, locale)
            result["worker_seconds"] = run_worker()
            total, translated, live = check_translated(project, locale)
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
