"""The site under load: gunicorn, PostgreSQL and Redis, as in production.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_load \\
        .venv/bin/python bench/load.py            # --quick for a short try

For home, a project, the practices listing, a search and a tutorial it
measures requests per second and p99 latency with ``wrk``, each as a ratio to
a static file (the site's stylesheet, served by whitenoise) measured in the
same server run: once with the whole-page cache on and warm, once in a second
server run with it off (PAGE_CACHE=false). It prints the SQL queries each
page costs uncached, runs 50 connections for 60 seconds against a mix of the
pages counting non-2xx answers and errors, and samples the gunicorn workers'
memory (RSS from /proc) every few seconds over that run.

The aims, printed PASS/FAIL: a cached page at least half the static file's
requests per second; no page over 16 queries uncached; no error under 50
connections for 60 s; worker memory flat.

The database (its name must contain "bench") is created, migrated and given
the demo content on the first run (bench/common.py). Redis database 7 at
127.0.0.1:6379 (REDIS_URL to change it) is flushed at the start.
"""

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common, servers, wrk  # noqa: E402
from bench.common import log  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault(
    "MEDIA_ROOT", str(Path(tempfile.gettempdir()) / "library-network-bench-load-media")
)

PAGES = {
    "home": "/pl/",
    "project": "/pl/projekty/podaj-dalej/",
    "practices": "/pl/dobre-praktyki/",
    "search": "/pl/search/?q=biblioteki",
    "tutorial": "/pl/filmy/spotkanie-online/",
}
BUDGET = 16  # queries per page, uncached (tests/operations/test_query_budget.py)
CACHED_AIM = 0.5  # cached page rps / static file rps
MEMORY_AIM_MB = 20  # a worker may grow this much over the mixed run


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="Short runs, to try.")
    parser.add_argument(
        "--seconds", type=int, help="Seconds per page measurement (default 10)."
    )
    parser.add_argument(
        "--mix-seconds", type=int, help="Seconds of the mixed run (default 60)."
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--mix-connections", type=int, default=50)
    parser.add_argument(
        "--workers",
        type=int,
        default=multiprocessing.cpu_count() * 2 + 1,
        help="gunicorn workers (default as config/gunicorn.py: 2 × CPUs + 1).",
    )
    args = common.parse_arguments(parser)
    args.seconds = args.seconds or (3 if args.quick else 10)
    args.mix_seconds = args.mix_seconds or (10 if args.quick else 60)
    return args


# Query counts ---------------------------------------------------------------------


def query_counts():
    """Each page's queries, uncached, as tests/operations/test_query_budget.py
    counts them: the page cache off, the page asked once to warm what every
    production request finds warm (Wagtail's site paths in the cache), then
    counted."""
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    counts = {}
    with override_settings(WAGTAIL_CACHE=False, ALLOWED_HOSTS=["localhost"]):
        for name, url in PAGES.items():
            caches["pages"].clear()
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            if response.status_code != 200:
                sys.exit(f"{url} answered {response.status_code}")
            counts[name] = len(queries)
    return counts


# Load -----------------------------------------------------------------------------


def static_path():
    """The stylesheet's collected (hashed) address, as the pages link it."""
    manifest = json.loads((servers.collected_static() / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def warm(server, paths, cached):
    """Ask for each page until the cache holds it (or a few times)."""
    for path in paths:
        for _ in range(5):
            status, headers, _body = server.get(path)
            if status != 200:
                sys.exit(f"{path} answered {status}:\n{server.output()[-2000:]}")
            if not cached or (headers.get("X-Wagtail-Cache") or "").lower() == "hit":
                break


def measure_run(database_url, redis_url, args, cached):
    """rps and p99 of each page and of the static file, in one server run."""
    static = static_path()
    results = {}
    environment = {
        "REDIS_URL": redis_url,
        "PAGE_CACHE": "true" if cached else "false",
    }
    with servers.gunicorn(database_url, args.workers, **environment) as server:
        warm(server, [static, *PAGES.values()], cached)
        hit = server.get(PAGES["home"])[1].get("X-Wagtail-Cache")
        log(f"  page cache {'on' if cached else 'off'} (X-Wagtail-Cache: {hit})")
        for name, path in [("static", static), *PAGES.items()]:
            results[name] = wrk.run(server.url, [path], args.seconds, args.connections)
            log(
                f"  {name:10} {results[name]['rps']:8.0f} rps, "
                f"p99 {results[name]['p99_us'] / 1000:7.1f} ms"
            )
    return results, hit


def mixed_run(database_url, redis_url, args):
    """The mix under many connections, with the workers' memory sampled."""
    samples = {}  # pid -> [(seconds, MB)]
    stop = threading.Event()
    with servers.gunicorn(database_url, args.workers, REDIS_URL=redis_url) as server:
        warm(server, PAGES.values(), cached=True)
        started = time.monotonic()

        def sample():
            while not stop.is_set():
                now = time.monotonic() - started
                for pid in servers.worker_pids(server.process.pid):
                    mb = servers.rss_mb(pid)
                    if mb is not None:
                        samples.setdefault(pid, []).append((now, mb))
                stop.wait(2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            figures = wrk.run(
                server.url,
                list(PAGES.values()),
                args.mix_seconds,
                args.mix_connections,
            )
        finally:
            stop.set()
            sampler.join()
        recycled = server.output().count("Autorestarting worker")
    return figures, samples, recycled


# Report ---------------------------------------------------------------------------


def verdict(ok):
    return "PASS" if ok else "FAIL"


def main():
    args = parse_args()
    if not wrk.installed():
        sys.exit("wrk is needed: apt-get install -y wrk")
    connection = common.connect(
        "bench/load.py", "bench_load", "the demo content", args.any_database
    )
    from home.models import HomePage

    common.prepare_database(HomePage)
    database_url = common.postgres_url(connection.settings_dict)
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/7")
    import redis

    redis.Redis.from_url(redis_url).flushdb()

    log("Counting queries (uncached)…")
    queries = query_counts()
    connection.close()
    load = os.getloadavg()[0]
    log(f"{args.workers} gunicorn workers, {os.cpu_count()} CPUs, load {load:.1f}")
    log("Page cache on, warm:")
    cached, hit = measure_run(database_url, redis_url, args, cached=True)
    log("Page cache off:")
    uncached, _ = measure_run(database_url, redis_url, args, cached=False)
    log(f"Mixed run: {args.mix_connections} connections, {args.mix_seconds} s…")
    mix, samples, recycled = mixed_run(database_url, redis_url, args)

    cache_works = (hit or "").lower() == "hit"
    print()
    print(
        f"wrk, {args.connections} connections, {args.seconds} s each; "
        f"{args.workers} workers on {os.cpu_count()} CPUs (wrk shares them)"
    )
    print(
        "| page | queries | cached rps | × static | p99 ms | × static "
        "| uncached rps | × static | p99 ms | × static |"
    )
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for name in ["static", *PAGES]:
        row = [name, "" if name == "static" else str(queries[name])]
        for run in (cached, uncached):
            figures, static = run[name], run["static"]
            row += [
                f"{figures['rps']:.0f}",
                f"{figures['rps'] / static['rps']:.2f}",
                f"{figures['p99_us'] / 1000:.1f}",
                f"{figures['p99_us'] / max(static['p99_us'], 1):.1f}",
            ]
        print("| " + " | ".join(row) + " |")
    errors = {name: run[name]["errors"] for run in (cached, uncached) for name in run}
    if any(errors.values()):
        print(f"errors in the single-page runs: {errors}")

    print()
    print(
        f"Mixed run: {mix['requests']} requests in {mix['duration_us'] / 1e6:.0f} s "
        f"({mix['rps']:.0f} rps), p50 {mix['p50_us'] / 1000:.1f} ms, "
        f"p99 {mix['p99_us'] / 1000:.1f} ms; non-2xx/3xx {mix['status']}, "
        f"connect {mix['connect']}, read {mix['read']}, write {mix['write']}, "
        f"timeouts {mix['timeout']}"
    )
    print(f"workers replaced by max_requests during the run: {recycled}")
    print("| worker | samples | first MB | last MB | max MB | growth MB |")
    print("|---|--:|--:|--:|--:|--:|")
    growths = []
    for pid, points in sorted(samples.items(), key=lambda item: item[1][0][0]):
        values = [mb for _t, mb in points]
        growth = values[-1] - values[0]
        if len(points) >= 3:
            growths.append(growth)
        print(
            f"| {pid} | {len(points)} | {values[0]:.0f} | {values[-1]:.0f} "
            f"| {max(values):.0f} | {growth:+.0f} |"
        )

    print()
    worst_cached = min(cached[name]["rps"] / cached["static"]["rps"] for name in PAGES)
    over = {name: n for name, n in queries.items() if n > BUDGET}
    mix_errors = mix["errors"]
    # Workers replaced by max_requests start small and grow as they import
    # the site: flat means no worker ever outgrows the warm workers of the
    # first sample by more than the aim.
    first = min(points[0][0] for points in samples.values()) if samples else 0
    warm_rss = max(
        (points[0][1] for points in samples.values() if points[0][0] == first),
        default=0,
    )
    peak = max((mb for points in samples.values() for _t, mb in points), default=0)
    memory_ok = bool(samples) and peak - warm_rss <= MEMORY_AIM_MB
    aims = [
        (
            f"cached page ≥ {CACHED_AIM}× static file rps (worst {worst_cached:.2f}×"
            + ("" if cache_works else "; the page cache did not answer HIT")
            + ")",
            cache_works and worst_cached >= CACHED_AIM,
        ),
        (
            f"no page over {BUDGET} queries uncached"
            + (f" (over: {over})" if over else ""),
            not over,
        ),
        (
            f"no error under {args.mix_connections} connections for "
            f"{args.mix_seconds} s ({mix_errors})",
            mix_errors == 0,
        ),
        (
            f"worker memory flat (warm workers {warm_rss:.0f} MB at the start, "
            f"largest {peak:.0f} MB over the run, aim ≤ +{MEMORY_AIM_MB} MB; "
            f"growth within a worker, start-up included: "
            f"{max(growths) if growths else float('nan'):+.0f} MB)",
            memory_ok,
        ),
    ]
    for text, ok in aims:
        print(f"{verdict(ok)}  {text}")


if __name__ == "__main__":
    main()
