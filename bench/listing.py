"""Whether the practice list and a search cost the same at any size.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_listing \\
        .venv/bin/python bench/listing.py            # --sizes 100,10000

For each size (good practices generated per language, smallest first, or
largest first when the database holds that many already) it
tops every language up to that many practices (``bench/generate.py``: bulk
inserts, each page indexed by the site's search backend), then asks, through
Django's test client in this process with the page cache off, for each
language's practice list, the same list filtered by an audience, and a
search for a common word of the language, and prints the p50 of each
(uncached: no page cache; Django's and the site's per-process caches warm),
its SQL queries, and the ratio of the largest size's p50 to the smallest's.
The aim (issue 20): at most 1.5× at 10,000 practices per language what it
is at 100.

Three generated practices in four are translations of one another (the same
translation key in every language); the fourth exists in its language alone,
so every other language's list shows it as untranslated content
(``core.localization.with_untranslated``): at 10,000 per language a list
holds 17,500 practices.

``--jit off`` runs every statement with PostgreSQL's JIT compiler off
(``SET jit = off`` on each connection), to compare.
"""

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common, generate  # noqa: E402
from bench.common import log  # noqa: E402
from bench.vocabulary import demo_languages  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["PAGE_CACHE"] = "false"  # uncached, whatever REDIS_URL says

AIM = 1.5  # p50(largest size) / p50(smallest size) should stay under this
SHARED = uuid.UUID("6a1f3c52-9d8e-4b7a-8c0e-2f4d5b6a7c8d")  # keys of translations
KINDS = ("list", "filtered", "search")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="100,10000",
        help="Generated practices per language, comma-separated (default "
        "100,10000). Measured from the smallest up.",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=15,
        help="Timed requests per page and language at each size (default 15).",
    )
    parser.add_argument("--seed", type=int, default=2026, help="Random seed.")
    parser.add_argument(
        "--languages",
        help="Only these languages, comma-separated (default: every one); the "
        "others keep the practices they have.",
    )
    parser.add_argument(
        "--jit",
        choices=("on", "off", "server"),
        default="server",
        help="PostgreSQL's JIT for the measured requests: on, off, or as the "
        "server and the site's settings have it (default).",
    )
    return common.parse_arguments(
        parser,
        sizes_example="100,10000",
        smallest=1,
        too_small="--sizes needs at least one size of 1 or more",
    )


def translated(language):
    """The language, its generated practices translations of one another
    (three in four)."""
    page_content = language.page_content

    def content(seed, number):
        found = page_content(seed, number)
        if number % 4:
            found["translation_key"] = uuid.uuid5(SHARED, f"{seed}:{number}")
        return found

    language.page_content = content
    return language


def pages_of(language, seed):
    """The three addresses measured in ``language``: its practice list, the
    list filtered by its most used audience, a search for a common word."""
    from django.db.models import Count

    from core.models import Audience

    index = language.index.url
    audience = (
        Audience.objects.filter(locale=language.locale)
        .annotate(used=Count("practices_pages"))
        .order_by("-used", "slug")
        .first()
    )
    word = next(word for word, kind in language.query_words(seed) if kind == "common")
    return {
        "list": index,
        "filtered": f"{index}?audience={audience.slug}",
        "search": f"/{language.code}/search/?q={word}",
    }


def measure(addresses, rounds):
    """p50 ms and queries of each (kind, language)'s address."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.search import allowed_host

    client = Client(HTTP_HOST=allowed_host())

    def get(url):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return response

    for url in addresses.values():  # warm-up: connections, templates, catalogues
        get(url)
    queries = {}
    for key, url in addresses.items():
        with CaptureQueriesContext(connection) as captured:
            get(url)
        queries[key] = len(captured.captured_queries)
    timings = defaultdict(list)
    order = list(addresses.items())
    rng = random.Random(0)
    load = [os.getloadavg()[0]]
    for _round in range(rounds):
        rng.shuffle(order)
        for key, url in order:
            started = time.perf_counter()
            get(url)
            timings[key].append((time.perf_counter() - started) * 1000)
    load.append(os.getloadavg()[0])
    return {"timings": timings, "queries": queries, "load": load}


def report(args, results, languages, addresses):
    print()
    print(
        "Uncached p50 (ms) of each language's practice list, the list filtered "
        "by an audience, and a search; queries per request"
    )
    print()
    sizes = args.sizes
    header = f"{'page':<9} {'lang':<4}" + "".join(
        f"{f'{size}/lang p50':>16} {'queries':>7}" for size in sizes
    )
    if len(sizes) > 1:
        header += f" {'ratio':>6}"
    print(header)
    print("-" * len(header))
    summary = {}
    for kind in KINDS:
        for language in [*languages, None]:
            codes = [language.code] if language else [lang.code for lang in languages]
            cells = []
            p50s = []
            for size in sizes:
                result = results[size]
                times = [t for code in codes for t in result["timings"][kind, code]]
                p50 = statistics.median(times)
                p50s.append(p50)
                counts = sorted({result["queries"][kind, code] for code in codes})
                count = "-".join(str(n) for n in (counts[0], counts[-1])[: len(counts)])
                cells.append(f"{p50:>16.1f} {count:>7}")
            line = f"{kind:<9} {language.code if language else 'all':<4}" + "".join(
                cells
            )
            if len(sizes) > 1:
                line += f" {p50s[-1] / p50s[0]:>5.2f}×"
            print(line)
            if language is None:
                summary[kind] = p50s
    print()
    for size in sizes:
        load = results[size]["load"]
        print(
            f"{size}/lang: {results[size]['practices']} practices in all, "
            f"load average {load[0]:.1f}-{load[1]:.1f}"
        )
    print("Addresses: " + ", ".join(addresses[sizes[0]].values()))
    if len(sizes) > 1:
        worst = max(p50s[-1] / p50s[0] for p50s in summary.values())
        verdict = "holds" if worst <= AIM else "does NOT hold"
        print(
            f"\nAim (p50 at {sizes[-1]} ≤ {AIM:g}× p50 at {sizes[0]}, all languages "
            f"pooled): {verdict} (worst {worst:.2f}×)."
        )


def set_jit(setting):
    """``SET jit`` on every new connection (and the current one)."""
    from django.db import connection
    from django.db.backends.signals import connection_created

    if setting == "server":
        return

    def set_it(connection, **_kwargs):
        with connection.cursor() as cursor:
            cursor.execute(f"SET jit = {setting}")

    connection_created.connect(set_it, weak=False)
    if connection.connection is not None:
        set_it(connection)


def main():
    args = parse_args()
    run_started = time.perf_counter()
    common.connect(
        "bench/listing.py", "bench_listing", "thousands of pages", args.any_database
    )
    from practices.models import PracticeIndexPage

    common.prepare_database(PracticeIndexPage)

    from django.db import connection
    from django.test.utils import override_settings
    from wagtail.search.backends import get_search_backend

    from practices.models import PracticePage

    # No DEBUG query log, and static addresses without collectstatic's manifest.
    override_settings(
        DEBUG=False,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
            },
        },
    ).enable()
    backend = get_search_backend()
    languages = [translated(language) for language in demo_languages(backend)]
    if args.languages:
        wanted = args.languages.split(",")
        languages = [lang for lang in languages if lang.code in wanted]
    common.log_server_version(connection)
    set_jit(args.jit)
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        log(f"jit: {cursor.fetchone()[0]}")

    # From the smallest up, unless the largest is there already: then down,
    # deleting (quick) instead of generating.
    have = min(generate.generated(language).count() for language in languages)
    results, addresses = {}, {}
    for size in sorted(args.sizes, reverse=have >= args.sizes[-1]):
        log(f"\n== {size} practices per language ==")
        changed = False
        for language in languages:
            deleted = generate.delete_generated(language, keep=size)
            added = generate.top_up(language, size, args.seed, backend)
            changed = changed or bool(deleted or added)
            if deleted or added:
                log(f"  {language.code}: {deleted} deleted, {added} generated")
        if changed:
            backend.get_index_for_model(PracticePage)._refresh_title_norms(full=True)
            generate.vacuum_analyze()
        if not generate.check_tree(languages, size):
            sys.exit("The page tree is inconsistent; delete the generated pages.")
        addresses[size] = {
            (kind, language.code): url
            for language in languages
            for kind, url in pages_of(language, args.seed).items()
        }
        started = time.perf_counter()
        results[size] = measure(addresses[size], args.rounds)
        results[size]["practices"] = PracticePage.objects.live().count()
        log(f"  measured in {time.perf_counter() - started:.0f} s")
    report(
        args,
        results,
        languages,
        {
            size: dict(zip(KINDS, list(found.values())[:3], strict=True))
            for size, found in addresses.items()
        },
    )
    print(f"\nTotal run time: {time.perf_counter() - run_started:.0f} s")


if __name__ == "__main__":
    main()
