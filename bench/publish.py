"""What one publish costs the page cache: how many cached pages stay hits,
and the latency around it under load.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_publish \\
        .venv/bin/python bench/publish.py

A gunicorn with the production settings and Redis (database 7 at
127.0.0.1:6379, flushed; REDIS_URL to change it) serves the demo. Every
public page the sitemap lists, in every language, and each language's
practice list, search and home are asked until cached. Then readers (10
threads by default, each asking in turn for the Polish home, the practice
list and a practice, as issue 20's measure did) run for 2 × ``--seconds``;
halfway, one Polish practice is published again from a manage.py process
(as an editor's publish would be, in another process), changed as
``--change`` says: ``text`` (the default) adds a paragraph to its body, a
correction an editor makes most often; ``title`` changes its title, which
every list that shows its card shows too. It prints:

- the share of the cached pages still hits after the publish (each asked
  once, after the load), and which were dropped;
- the p50 and p99 of the readers' requests in the window before the publish
  and in the window after it, and their ratio.

The aims (issue 20): at least 90 % still hits; the p99 after at most twice
the p99 before.
"""

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common, servers  # noqa: E402
from bench.common import log, percentile  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

HITS_AIM = 0.9
P99_AIM = 2.0
PUBLISH = """
import time
from practices.models import PracticePage
page = PracticePage.objects.get(pk={pk})
if {change!r} == "title":
    page.title = page.title + " (" + str(int(time.time())) + ")"
else:
    page.body.append(("paragraph", "<p>Poprawka " + str(time.time()) + "</p>"))
page.save_revision().publish()
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--readers", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--change",
        choices=["text", "title"],
        default="text",
        help="What the publish changes: the body (default) or the title.",
    )
    return common.parse_arguments(parser)


def cacheable_paths(server):
    """Every address the sitemap lists, plus each language's lists and a search."""
    from xml.etree import ElementTree

    status, _headers, body = server.get("/sitemap.xml")
    if status != 200:
        sys.exit(f"/sitemap.xml answered {status}")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.fromstring(body)  # noqa: S314 (our own server's sitemap)
    paths = [urlsplit(loc.text).path for loc in root.findall("s:url/s:loc", namespace)]
    return sorted(set(paths))


def status_of(server, path):
    status, headers, _body = server.get(path)
    return status, (headers.get("X-Wagtail-Cache") or "").lower()


def warm(server, paths):
    cached = []
    for path in paths:
        for _ in range(3):
            status, cache = status_of(server, path)
            if cache == "hit":
                cached.append(path)
                break
            if status != 200:
                break
    return cached


def readers(server, paths, seconds, count):
    """(started, seconds) of each request, from ``count`` threads asking for
    ``paths`` in turn for ``seconds``."""
    timings = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def read(offset):
        mine = []
        index = offset
        while time.monotonic() < stop_at:
            path = paths[index % len(paths)]
            index += 1
            started = time.monotonic()
            server.get(path)
            mine.append((started, time.monotonic() - started))
        with lock:
            timings.extend(mine)

    threads = [threading.Thread(target=read, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    return threads, timings


def main():
    args = parse_args()
    connection = common.connect(
        "bench/publish.py", "bench_publish", "the demo", args.any_database
    )
    from practices.models import PracticeIndexPage, PracticePage

    common.prepare_database(PracticeIndexPage)
    practice = (
        PracticePage.objects.live()
        .filter(locale__language_code="pl")
        .order_by("path")
        .first()
    )
    url = common.postgres_url(connection.settings_dict)
    connection.close()
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/7")
    _flush(redis_url)
    environment = {"REDIS_URL": redis_url, "PAGE_CACHE": "true"}
    with servers.gunicorn(url, args.workers, **environment) as server:
        paths = cacheable_paths(server)
        cached = warm(server, paths)
        log(f"{len(cached)} of {len(paths)} sitemap pages cached.")
        load_paths = ["/pl/", "/pl/dobre-praktyki/", practice.url]
        threads, timings = readers(server, load_paths, 2 * args.seconds, args.readers)
        time.sleep(args.seconds)
        published_at = time.monotonic()
        env = {**servers.production_environment(url), "REDIS_URL": redis_url}
        servers.manage(
            "shell",
            "--no-imports",
            "-c",
            PUBLISH.format(pk=practice.pk, change=args.change),
            env=env,
        )
        took = time.monotonic() - published_at
        log(f"Published {practice.url} ({args.change} changed) in {took:.1f} s.")
        for thread in threads:
            thread.join()
        still = [path for path in cached if status_of(server, path)[1] == "hit"]
    dropped = sorted(set(cached) - set(still))
    before = [s for started, s in timings if started < published_at]
    after = [s for started, s in timings if started >= published_at]
    share = len(still) / len(cached) if cached else 0
    p99_before = percentile(before, 0.99) * 1000
    p99_after = percentile(after, 0.99) * 1000
    print(
        f"\nCached pages still hits after one publish: {len(still)} of "
        f"{len(cached)} ({share:.1%}); aim ≥ {HITS_AIM:.0%}: "
        f"{'PASS' if share >= HITS_AIM else 'FAIL'}"
    )
    print("Dropped:", ", ".join(dropped))
    print(f"Readers' requests: {len(before)} before, {len(after)} after.")
    print(
        f"p50 before {statistics.median(before) * 1000:.1f} ms, after "
        f"{statistics.median(after) * 1000:.1f} ms"
    )
    ratio = p99_after / p99_before
    print(
        f"p99 before {p99_before:.1f} ms, after {p99_after:.1f} ms: "
        f"{ratio:.2f}x; aim ≤ {P99_AIM:.0f}x: {'PASS' if ratio <= P99_AIM else 'FAIL'}"
    )


def _flush(redis_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()


if __name__ == "__main__":
    main()
