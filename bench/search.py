"""How the public search page's latency grows with the number of pages, and
(``--recall``) how much of the relevance set it finds, per language and backend.

Run it against a PostgreSQL database of its own (it adds thousands of pages):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search \\
        .venv/bin/python bench/search.py --sizes 1000,10000

For each size (generated good practices per language, smallest first) the
script tops the database up to that many practice pages in every language,
then requests the real page /<lang>/search/?q=<word> through Django's test
client for a fixed list of words per language and prints p50/p95 latency and
the SQL queries one request costs. Everything random uses a fixed seed, so two
runs generate the same pages and ask the same questions.

The database is created if it does not exist, migrated, given the Polish
text-search configuration (``setup_search --no-reindex``) and the demo content
(``load_demo --no-superuser``) on the first run. Generated pages are the
children of each language's PracticeIndexPage whose slug starts with
``bench-``: later runs reuse them, add what is missing and delete those beyond
a smaller size (``--reset`` deletes them all first).

Pages are written in bulk (treebeard paths computed here, one INSERT per few
thousand rows, no revisions) and indexed through the search backend itself,
so each page is stemmed with its language's configuration as the site would.

Recall (``--recall``): the relevance set of ``tests/search/cases/`` (queries
in forms the demo's text lacks, and a few misspellings) asked through the
search page's own path on the demo, on SQLite (a new database file) and on
PostgreSQL (``--postgres``, a database of its own, by default
``bench_recall``): recall at 10 per language, on PostgreSQL for each
analysis a language can be read with (``search/backends.py``: its
dictionary, simplemma's lemmas, or both) and for the one the site chooses.

    .venv/bin/python bench/search.py --recall
"""

import argparse
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common, generate  # noqa: E402
from bench.common import log  # noqa: E402
from bench.vocabulary import QUERIES_PER_LANGUAGE, demo_languages  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

AIM = 2.0  # p95(largest size) / p95(smallest size) should stay under this


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000",
        help="Generated practice pages per language, comma-separated (default "
        "1000,10000). Measured from the smallest up.",
    )
    parser.add_argument(
        "--requests",
        type=int,
        default=100,
        help="At least this many timed requests per size (default 100).",
    )
    parser.add_argument("--seed", type=int, default=2026, help="Random seed.")
    parser.add_argument(
        "--reset",
        action="store_true",
        help="Delete every generated page first and generate them again.",
    )
    parser.add_argument(
        "--recall",
        action="store_true",
        help="Print recall at 10 of the relevance set per language and backend "
        "(on the demo, SQLite and PostgreSQL) instead of latency.",
    )
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432/bench_recall",
        help="With --recall: the PostgreSQL database to load the demo into "
        "(created if missing; default %(default)s).",
    )
    parser.add_argument("--recall-worker", action="store_true", help=argparse.SUPPRESS)
    return common.parse_arguments(
        parser,
        sizes_example="1000,10000",
        smallest=1,
        too_small="--sizes needs at least one size of 1 or more",
    )


# Measuring ------------------------------------------------------------------------


def allowed_host():
    from django.conf import settings

    for host in settings.ALLOWED_HOSTS:
        if host and "*" not in host and not host.startswith("."):
            return host
    return "localhost"


def matches(language, word):
    """How many pages the search finds for ``word`` before MAX_HITS cuts it,
    and the page types among the hits the page reads."""
    from django.test import RequestFactory

    from search.results import PER_PAGE, Search

    request = RequestFactory().get("/", {"q": word})
    search = Search(request, language.locale)
    count = (
        search.backend().search(word, search.searched_pages(), operator="and").count()
    )
    hits = search.find()
    kinds = ",".join(sorted({hit.kind for hit in hits}))
    shown = ",".join(sorted({hit.kind for hit in hits[:PER_PAGE]}))
    return count, f"{kinds} (first page: {shown})"


def measure(languages, queries, minimum_requests):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=allowed_host())
    asks = [
        (language, word) for language in languages for word, _kind in queries[language]
    ]

    def get(language, word):
        response = client.get(f"/{language.code}/search/", {"q": word})
        if response.status_code != 200:
            raise SystemExit(
                f"/{language.code}/search/?q={word} answered {response.status_code}"
            )
        return response

    for language, word in asks:  # warm-up: connections, dictionaries, templates
        get(language, word)
    query_counts = {}
    for language, word in asks:
        with CaptureQueriesContext(connection) as captured:
            get(language, word)
        query_counts[language.code, word] = len(captured.captured_queries)

    rounds = -(-minimum_requests // len(asks))
    load = [os.getloadavg()[0]]
    rng = random.Random(0)
    timings = defaultdict(list)
    for _round in range(rounds):
        order = asks[:]
        rng.shuffle(order)
        for language, word in order:
            started = time.perf_counter()
            get(language, word)
            timings[language.code, word].append((time.perf_counter() - started) * 1000)
    load.append(os.getloadavg()[0])
    found, kinds = {}, {}
    for language, word in asks:
        found[language.code, word], kinds[language.code, word] = matches(language, word)
    return {
        "timings": timings,
        "queries": query_counts,
        "found": found,
        "kinds": kinds,
        "load": load,
    }


def report(args, results, languages, queries):
    print()
    print(
        "Search page latency, /<lang>/search/?q=<one word>, "
        f"{len(languages)} languages x {QUERIES_PER_LANGUAGE} words"
    )
    print()
    header = (
        f"{'size/lang':>9}  {'total pages':>11}  {'requests':>8}  {'p50 ms':>7}  "
        f"{'p95 ms':>7}  {'queries/request':>15}  {'load':>9}"
    )
    print(header)
    print("-" * len(header))
    for size in args.sizes:
        result = results[size]
        times = [t for series in result["timings"].values() for t in series]
        counts = list(result["queries"].values())
        # The first word asked (a common word in the first language), and the
        # range over all words: the page types among the hits decide it.
        queries_text = str(counts[0])
        if min(counts) != max(counts):
            queries_text += f" ({min(counts)}-{max(counts)})"
        result["p50"] = common.percentile(times, 0.50)
        result["p95"] = common.percentile(times, 0.95)
        print(
            f"{size:>9}  {result['total']:>11}  {len(times):>8}  "
            f"{result['p50']:>7.1f}  {result['p95']:>7.1f}  {queries_text:>15}  "
            f"{result['load'][0]:>4.1f}-{result['load'][1]:<4.1f}"
        )
    print(
        "queries/request: for the first word asked, (range over all words); "
        "load: the machine's 1-minute load average before-after the timed requests."
    )
    print()
    print("By language: p50 / p95 ms, median pages found (the page reads at most 1000)")
    for language in languages:
        cells = []
        for size in args.sizes:
            result = results[size]
            times = [
                t
                for (code, _w), series in result["timings"].items()
                if code == language.code
                for t in series
            ]
            found = [
                n for (code, _w), n in result["found"].items() if code == language.code
            ]
            cells.append(
                f"{size}: {common.percentile(times, 0.5):6.1f} / "
                f"{common.percentile(times, 0.95):6.1f} ms, "
                f"{statistics.median(found):>6.0f} found"
            )
        print(f"  {language.code}  " + "   ".join(cells))
    print()
    print("Words asked (kind: pages found at each size):")
    for language in languages:
        words = ", ".join(
            f"{word} ({kind[0]}: "
            + "/".join(
                str(results[size]["found"][language.code, word]) for size in args.sizes
            )
            + ")"
            for word, kind in queries[language]
        )
        print(f"  {language.code}: {words}")
    print("  (c = common, i = inflected form, m = middling, r = rare)")
    if len(args.sizes) > 1:
        small, large = results[args.sizes[0]], results[args.sizes[-1]]
        p50_ratio = large["p50"] / small["p50"]
        p95_ratio = large["p95"] / small["p95"]
        print()
        print(f"p50({args.sizes[-1]}) / p50({args.sizes[0]}) = {p50_ratio:.2f}x")
        print(f"p95({args.sizes[-1]}) / p95({args.sizes[0]}) = {p95_ratio:.2f}x")
        verdict = "holds" if p95_ratio <= AIM else "does NOT hold"
        print(f"Aim (p95 ratio <= {AIM:g}x): {verdict}.")
        before, after = small["queries"], large["queries"]
        differ = [
            f"  {code}:{word} {before[code, word]} -> {after[code, word]} queries, "
            f"types among the hits {small['kinds'][code, word]} -> "
            f"{large['kinds'][code, word]}"
            for code, word in before
            if before[code, word] != after[code, word]
        ]
        if differ:
            print(
                f"Queries per request changed with the size for {len(differ)} of "
                f"{len(before)} words (facets take one or two queries per page "
                "type among the hits, the first page one per type shown):"
            )
            print("\n".join(differ))
        else:
            print(
                f"Queries per request: the same at both sizes for each of the "
                f"{len(before)} words."
            )


# Recall ---------------------------------------------------------------------------


def recall_worker():
    """In a process of its own, on the database DATABASE_URL names: the demo,
    then recall per language for each analysis, as JSON lines on stdout."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from search.backends import BOTH, DICTIONARY, LEMMAS
    from search.text_search import configure
    from tests.search.relevance import LANGUAGES, recall

    if connection.vendor == "postgresql":
        common.connect("bench/search.py --recall", "bench_recall", "the demo")
        from practices.models import PracticeIndexPage

        common.prepare_database(PracticeIndexPage)
        hunspell = configure(connection)
        log(f"Polish stemmed with Hunspell: {'yes' if hunspell else 'NO'}")
        analyses = [DICTIONARY, LEMMAS, BOTH, None]
    else:
        call_command("migrate", verbosity=0)
        log("Loading the demo content into SQLite…")
        call_command("load_demo", no_superuser=True, stdout=io.StringIO())
        analyses = [LEMMAS]
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    for analysis in analyses:
        if connection.vendor == "postgresql":
            # None: the analysis the site chooses for each language.
            backend["ANALYSIS"] = {code: analysis for code in LANGUAGES if analysis}
            call_command("update_index", verbosity=0, stdout=io.StringIO())
        for language in LANGUAGES:
            started = time.perf_counter()
            found, missed = recall(language)
            print(
                json.dumps(
                    {
                        "backend": connection.vendor,
                        "analysis": analysis or "chosen",
                        "language": language,
                        "recall": found,
                        "missed": missed,
                        "seconds": time.perf_counter() - started,
                    }
                ),
                flush=True,
            )


def recall_main(args):
    """Recall at 10 on SQLite and on PostgreSQL, in one table."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-recall-") as folder:
        runs = [
            ("SQLite", f"sqlite:///{folder}/demo.sqlite3"),
            ("PostgreSQL", args.postgres),
        ]
        for name, url in runs:
            log(f"== {name} ({url}) ==")
            started = time.perf_counter()
            env = {**os.environ, "DATABASE_URL": url}
            env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
            command = [sys.executable, __file__, "--recall-worker"]
            if args.any_database:
                command.append("--any-database")
            done = subprocess.run(  # noqa: S603 (this script, this Python)
                command, env=env, stdout=subprocess.PIPE, text=True, check=False
            )
            if done.returncode:
                sys.exit(f"The {name} run failed (exit status {done.returncode}).")
            rows += [json.loads(line) for line in done.stdout.splitlines() if line]
            log(f"   done in {time.perf_counter() - started:.0f} s")
    from tests.search.relevance import LANGUAGES, cases

    counts = {
        language: (
            len(cases(language)),
            sum(len(case["finds"]) for case in cases(language)),
        )
        for language in LANGUAGES
    }
    print()
    print("Recall at 10 of the relevance set (tests/search/cases/), on the demo")
    print(
        "cases (expected results): "
        + ", ".join(f"{code} {n} ({m})" for code, (n, m) in counts.items())
    )
    print()
    header = f"{'backend':<11} {'analysis':<11}" + "".join(
        f"{code:>8}" for code in LANGUAGES
    )
    print(header)
    print("-" * len(header))
    table = {}
    for row in rows:
        key = (row["backend"], row["analysis"])
        table.setdefault(key, {})[row["language"]] = row
    for (backend, analysis), by_language in table.items():
        cells = "".join(f"{by_language[code]['recall']:>8.1%}" for code in LANGUAGES)
        print(f"{backend:<11} {analysis:<11}{cells}")
    print()
    print("Missed (backend, analysis, language: query → slug or correction):")
    missed_any = False
    for row in rows:
        for query, what in row["missed"]:
            missed_any = True
            print(
                f"  {row['backend']}, {row['analysis']}, {row['language']}: "
                f"{query} → {what}"
            )
    if not missed_any:
        print("  none")


def main():
    args = parse_args()
    if args.recall_worker:
        recall_worker()
        return
    if args.recall:
        recall_main(args)
        return
    run_started = time.perf_counter()
    common.connect(
        "bench/search.py", "bench_search", "thousands of pages", args.any_database
    )
    from practices.models import PracticeIndexPage

    common.prepare_database(PracticeIndexPage)

    from django.db import connection
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from practices.models import PracticePage

    backend = get_search_backend()
    languages = demo_languages(backend)
    queries = {language: language.query_words(args.seed) for language in languages}
    common.log_server_version(connection)

    results = {}
    for size in args.sizes:
        log(f"\n== {size} practice pages per language ==")
        started = time.perf_counter()
        changed = False
        for language in languages:
            keep = 0 if args.reset else size
            deleted = generate.delete_generated(language, keep=keep)
            if deleted:
                changed = True
                log(f"  {language.code}: deleted {deleted} generated pages")
        args.reset = False
        for language in languages:
            t0 = time.perf_counter()
            added = generate.top_up(language, size, args.seed, backend)
            if added:
                changed = True
                log(
                    f"  {language.code}: generated and indexed {added} pages in "
                    f"{time.perf_counter() - t0:.1f} s"
                )
        if changed:
            t0 = time.perf_counter()
            # As update_index finishes: every title's weight against the mean.
            backend.get_index_for_model(PracticePage)._refresh_title_norms(full=True)
            generate.vacuum_analyze()
            log(f"  title norms + VACUUM ANALYZE: {time.perf_counter() - t0:.1f} s")
        if not generate.check_tree(languages, size):
            sys.exit("The page tree is inconsistent; run with --reset.")
        log(f"  pages ready in {time.perf_counter() - started:.1f} s; measuring…")
        t0 = time.perf_counter()
        results[size] = measure(languages, queries, args.requests)
        results[size]["total"] = Page.objects.count()
        log(f"  measured in {time.perf_counter() - t0:.1f} s")

    report(args, results, languages, queries)
    print(f"\nTotal run time: {time.perf_counter() - run_started:.0f} s")


if __name__ == "__main__":
    main()
