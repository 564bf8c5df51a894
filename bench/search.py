"""How the public search page's latency grows with the number of pages.

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
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
import unicodedata
import uuid
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import connect, log, prepare_database  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

PREFIX = "bench-"  # the slug prefix of generated pages
CHUNK = 2000  # pages per bulk INSERT (and per transaction)
INDEX_BATCH = 500  # pages per search-index INSERT
QUERIES_PER_LANGUAGE = 10
AIM = 2.0  # p95(largest size) / p95(smallest size) should stay under this
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


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
        "--any-database",
        action="store_true",
        help="Run even if the database name does not contain 'bench'.",
    )
    args = parser.parse_args()
    try:
        args.sizes = sorted({int(size) for size in args.sizes.split(",") if size})
    except ValueError:
        parser.error("--sizes takes whole numbers, e.g. 1000,10000")
    if not args.sizes or min(args.sizes) < 1:
        parser.error("--sizes needs at least one size of 1 or more")
    return args


# Setting up ---------------------------------------------------------------------


# What the pages say ---------------------------------------------------------------


class Language:
    """One language: its index page, its words, its terms and libraries."""

    def __init__(self, locale, config):
        from libraries.models import LibraryPage
        from practices.models import PracticeIndexPage, PracticePage

        self.locale = locale
        self.code = locale.language_code
        self.config = config
        self.index = PracticeIndexPage.objects.get(locale=locale)
        self.tokens = self.demo_tokens()
        self.counts = Counter(self.tokens)
        self.terms = {}
        for name in ("audiences", "formats", "topics"):
            model = PracticePage._meta.get_field(name).related_model
            self.terms[name] = list(
                model.objects.filter(locale=locale)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
        self.libraries = list(
            LibraryPage.objects.live().filter(locale=locale).order_by("pk")
        )

    def demo_tokens(self):
        """Every word the demo's own live pages in this language are indexed
        with, in order (so sampling from it follows the words' frequencies)."""
        from wagtail.models import Page
        from wagtail.search.models import IndexEntry

        pages = (
            Page.objects.live()
            .filter(locale=self.locale, depth__gt=1)
            .exclude(slug__startswith=PREFIX)
        )
        wanted = set(pages.values_list("content_type_id", "pk"))
        entries = (
            IndexEntry.objects.filter(object_id__in=[str(pk) for _ct, pk in wanted])
            .order_by("content_type_id", "object_id")
            .values_list("content_type_id", "object_id", "title_text", "body_text")
        )
        tokens = []
        for ct, object_id, title, body in entries:
            if (ct, int(object_id)) in wanted:
                tokens += WORD.findall(f"{title or ''} {body or ''}".lower())
        if len(tokens) < 50:
            sys.exit(
                f"The demo pages in {self.code!r} have only {len(tokens)} indexed "
                "words: run `manage.py update_index` on this database first."
            )
        return tokens

    def page_content(self, seed, number):
        """Page ``number``'s title, summary, dates and terms: the same in every run."""
        rng = random.Random(f"{seed}:{self.code}:{number}")
        title = " ".join(rng.choices(self.tokens, k=rng.randint(3, 6)))
        words = rng.choices(self.tokens, k=rng.randint(40, 80))
        sentences = []
        while words:
            size = rng.randint(6, 14)
            sentences.append(words[:size])
            words = words[size:]

        def text():
            return " ".join(
                " ".join(sentence).capitalize() + "." for sentence in sentences
            )

        summary = text()
        while len(summary) > 500:  # the field's limit
            sentences[-1].pop()
            if not sentences[-1]:
                sentences.pop()
            summary = text()
        published = datetime(2015, 1, 1, tzinfo=UTC) + timedelta(
            seconds=rng.randrange(11 * 365 * 86400)
        )
        return {
            "title": title[:1].upper() + title[1:],
            "summary": summary,
            "published": published,
            "translation_key": uuid.UUID(int=rng.getrandbits(128), version=4),
            "audiences": rng.sample(self.terms["audiences"], rng.randint(1, 2)),
            "formats": rng.sample(self.terms["formats"], 1),
            "topics": rng.sample(self.terms["topics"], rng.randint(1, 2)),
            "library": rng.choice(self.libraries) if self.libraries else None,
        }

    def query_words(self, seed):
        """(word, kind) pairs: common, inflected, middling and rare words of this
        language's vocabulary that its configuration does not drop as stop words."""
        rng = random.Random(f"{seed}:{self.code}:queries")
        words = sorted(
            (w for w in self.counts if len(w) >= 4 and "-" not in w),
            key=lambda w: (-self.counts[w], w),
        )
        lexemes = to_lexemes(self.config, words)
        # Not stop words, and in the language's own script (the Russian pages
        # quote a few Latin-script addresses).
        script = Counter(script_of(w) for w in self.tokens).most_common(1)[0][0]
        words = [w for w in words if lexemes[w] and script_of(w) == script]
        chosen = {}

        def pick(kind, pool, k):
            pool = [w for w in pool if w not in chosen]
            for word in rng.sample(pool, min(k, len(pool))):
                chosen[word] = kind

        n = len(words)
        pick("common", words[: max(8, n // 20)], 4)
        # Inflected: a less frequent form of a word whose other forms the pages
        # also use; the configuration should find them all.
        forms = defaultdict(list)
        for word in words:
            forms[lexemes[word]].append(word)
        groups = sorted(
            (group for group in forms.values() if len(group) > 1),
            key=lambda group: group[0],
        )
        for group in rng.sample(groups, min(2, len(groups))):
            form = min(group, key=lambda w: (self.counts[w], w))
            if form not in chosen:
                chosen[form] = "inflected"
        pick("middling", words[n // 3 : 2 * n // 3], 2)
        pick("rare", [w for w in words if self.counts[w] == 1] or words[-n // 5 :], 2)
        pick("middling", words, QUERIES_PER_LANGUAGE - len(chosen))
        return list(chosen.items())


def script_of(word):
    """LATIN, CYRILLIC…: the script of a word's first letter."""
    return unicodedata.name(word[0], "?").split(" ")[0]


def to_lexemes(config, words):
    """Each word's lexemes in ``config`` (a tuple; empty for a stop word)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, tsvector_to_array(to_tsvector(%s::regconfig, w)) "
            "FROM unnest(%s::text[]) AS w",
            [config, words],
        )
        return {word: tuple(sorted(lexemes)) for word, lexemes in cursor.fetchall()}


# Generating pages in bulk -------------------------------------------------------


def generated(language):
    from wagtail.models import Page

    index = language.index
    return Page.objects.filter(
        path__startswith=index.path, depth=index.depth + 1, slug__startswith=PREFIX
    )


def delete_generated(language, keep=0):
    """Delete the generated pages numbered ``keep`` and above, with their rows."""
    from django.db import connection, transaction
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    from practices.models import PracticePage

    ids = list(
        generated(language)
        .filter(slug__gte=f"{PREFIX}{keep:06d}")
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {IndexEntry._meta.db_table} "  # noqa: S608
            "WHERE content_type_id = %s AND object_id = ANY(%s)",
            [language.content_type_id, [str(pk) for pk in ids]],
        )
        for name in ("audiences", "formats", "topics"):
            field = PracticePage._meta.get_field(name)
            cursor.execute(
                f"DELETE FROM {field.remote_field.through._meta.db_table} "  # noqa: S608
                f"WHERE {field.m2m_column_name()} = ANY(%s)",
                [ids],
            )
        for relation in PracticePage._meta.related_objects:
            if (
                relation.one_to_many
                and relation.related_model._meta.db_table.startswith("practices_")
            ):
                cursor.execute(
                    f"DELETE FROM {relation.related_model._meta.db_table} "  # noqa: S608
                    f"WHERE {relation.field.column} = ANY(%s)",
                    [ids],
                )
        cursor.execute(
            f"DELETE FROM {PracticePage._meta.db_table} WHERE page_ptr_id = ANY(%s)",  # noqa: S608
            [ids],
        )
        cursor.execute("DELETE FROM wagtailcore_page WHERE id = ANY(%s)", [ids])
        index = language.index
        Page.objects.filter(pk=index.pk).update(
            numchild=Page.objects.filter(
                path__startswith=index.path, depth=index.depth + 1
            ).count()
        )
    return len(ids)


def top_up(language, size, seed, backend):
    """Generate practice pages under the language's index until it has ``size``."""
    from django.db import transaction
    from django.db.models import F
    from wagtail.models import Page

    from practices.models import PracticePage

    have = generated(language).count()
    if have >= size:
        return 0
    index = language.index
    last = (
        Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
    depth = index.depth + 1
    page_fields = PracticePage._meta.local_concrete_fields
    search_index = backend.get_index_for_model(PracticePage)
    m2m = {
        name: PracticePage._meta.get_field(name) for name in ("audiences", "formats")
    }
    m2m["topics"] = PracticePage._meta.get_field("topics")

    for start in range(have, size, CHUNK):
        numbers = range(start, min(start + CHUNK, size))
        contents = [language.page_content(seed, number) for number in numbers]
        pages = []
        for offset, (number, content) in enumerate(zip(numbers, contents, strict=True)):
            slug = f"{PREFIX}{number:06d}"
            pages.append(
                Page(
                    content_type_id=language.content_type_id,
                    path=Page._get_path(index.path, depth, step + offset),
                    depth=depth,
                    numchild=0,
                    title=content["title"],
                    draft_title=content["title"],
                    slug=slug,
                    url_path=f"{index.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    seo_title="",
                    search_description="",
                    show_in_menus=False,
                    expired=False,
                    locked=False,
                    first_published_at=content["published"],
                    last_published_at=content["published"],
                    latest_revision_created_at=content["published"],
                    locale_id=language.locale.pk,
                    translation_key=content["translation_key"],
                )
            )
        step += len(pages)
        with transaction.atomic():
            Page.objects.bulk_create(pages)
            practices = []
            for page, content in zip(pages, contents, strict=True):
                practice = PracticePage(
                    **{
                        f.attname: getattr(page, f.attname)
                        for f in Page._meta.concrete_fields
                    },
                    page_ptr_id=page.pk,
                    summary=content["summary"],
                    body=[],
                    links=[],
                    events=[],
                )
                practice.library = content["library"]
                practices.append(practice)
            # Django's bulk_create refuses multi-table inheritance: insert the
            # practice rows (the page's own table) directly.
            PracticePage._base_manager._insert(practices, fields=page_fields)
            for name, field in m2m.items():
                through = field.remote_field.through
                through.objects.bulk_create(
                    through(
                        **{
                            field.m2m_column_name(): page.pk,
                            field.m2m_reverse_name(): term,
                        }
                    )
                    for page, content in zip(pages, contents, strict=True)
                    for term in content[name]
                )
            Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(pages))
            for i in range(0, len(practices), INDEX_BATCH):
                search_index.add_items(PracticePage, practices[i : i + INDEX_BATCH])
    return size - have


def check_tree(languages, size):
    """Cheap treebeard sanity checks (``fixtree`` reads every page one by one)."""
    from django.db import connection
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    problems = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM wagtailcore_page WHERE length(path) <> depth * %s",
            [Page.steplen],
        )
        if cursor.fetchone()[0]:
            problems.append("pages whose depth does not match their path")
        for language in languages:
            index = Page.objects.get(pk=language.index.pk)
            children = Page.objects.filter(
                path__startswith=index.path, depth=index.depth + 1
            ).count()
            if index.numchild != children:
                problems.append(
                    f"{language.code}: numchild {index.numchild}, {children} children"
                )
            ids = [str(pk) for pk in generated(language).values_list("pk", flat=True)]
            indexed = IndexEntry.objects.filter(
                content_type_id=language.content_type_id, object_id__in=ids
            ).count()
            if len(ids) != size or indexed != size:
                problems.append(
                    f"{language.code}: {len(ids)} generated pages, {indexed} indexed, "
                    f"{size} wanted"
                )
    for problem in problems:
        log(f"  TREE PROBLEM: {problem}")
    return not problems


def vacuum_analyze():
    from django.db import connection
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    from practices.models import PracticePage

    tables = [
        IndexEntry._meta.db_table,
        Page._meta.db_table,
        PracticePage._meta.db_table,
    ]
    tables += [
        PracticePage._meta.get_field(name).remote_field.through._meta.db_table
        for name in ("audiences", "formats", "topics")
    ]
    with connection.cursor() as cursor:
        # Indexing writes each entry twice (the insert, then its title norm)
        # and the full title-norm refresh once more: compact the index table so
        # that an incremental run and a fresh one measure the same table.
        cursor.execute(f"VACUUM (FULL, ANALYZE) {tables[0]}")
        for table in tables[1:]:
            cursor.execute(f"VACUUM ANALYZE {table}")


# Measuring ------------------------------------------------------------------------


def allowed_host():
    from django.conf import settings

    for host in settings.ALLOWED_HOSTS:
        if host and "*" not in host and not host.startswith("."):
            return host
    return "localhost"


def percentile(values, fraction):
    """The ``fraction`` percentile, interpolated between the closest ranks."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


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
        result["p50"] = percentile(times, 0.50)
        result["p95"] = percentile(times, 0.95)
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
                f"{size}: {percentile(times, 0.5):6.1f} / "
                f"{percentile(times, 0.95):6.1f} ms, "
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


def main():
    args = parse_args()
    run_started = time.perf_counter()
    connect("bench/search.py", "bench_search", "thousands of pages", args.any_database)
    from practices.models import PracticeIndexPage

    prepare_database(PracticeIndexPage)

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.models import Locale, Page
    from wagtail.search.backends import get_search_backend

    from practices.models import PracticePage

    backend = get_search_backend()
    practice_type = ContentType.objects.get_for_model(PracticePage)
    languages = []
    for locale in Locale.objects.order_by("pk"):
        config = (
            backend.for_language(locale.language_code).config
            if hasattr(backend, "for_language")
            else "simple"
        )
        language = Language(locale, config)
        language.content_type_id = practice_type.pk
        languages.append(language)
    queries = {language: language.query_words(args.seed) for language in languages}
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        log(cursor.fetchone()[0].split(",")[0])

    results = {}
    for size in args.sizes:
        log(f"\n== {size} practice pages per language ==")
        started = time.perf_counter()
        changed = False
        for language in languages:
            keep = 0 if args.reset else size
            deleted = delete_generated(language, keep=keep)
            if deleted:
                changed = True
                log(f"  {language.code}: deleted {deleted} generated pages")
        args.reset = False
        for language in languages:
            t0 = time.perf_counter()
            added = top_up(language, size, args.seed, backend)
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
            vacuum_analyze()
            log(f"  title norms + VACUUM ANALYZE: {time.perf_counter() - t0:.1f} s")
        if not check_tree(languages, size):
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
