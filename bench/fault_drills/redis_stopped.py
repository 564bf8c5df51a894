"""Drill A, Redis stopped under load: gunicorn with the page cache in a
private Redis, clients on three pages, Redis terminated and started again.
PASS: no 5xx and no failed connection at all; /readyz answers 503 with the
cache "unavailable" while Redis is down, and 200 after."""

import time

from bench.fault_drills.drill import Drill, check_pages_answer, demo_paths
from bench.fault_drills.traffic import (
    Load,
    is_server_error,
    latencies,
    latency_summary,
    milliseconds,
    status_counts,
)
from bench.servers import PrivateRedis, gunicorn


def drill_redis(database_url, seconds, clients):
    drill = Drill("A", "Redis stopped under load")
    redis = PrivateRedis()
    redis.start()
    paths = demo_paths()
    try:
        with gunicorn(database_url, workers=2, REDIS_URL=redis.url) as server:
            check_pages_answer(drill, server, paths)
            load = Load(server.url, paths, clients).start()
            time.sleep(seconds)
            stopped = time.monotonic()
            redis.stop()
            time.sleep(seconds)
            restarting = time.monotonic()
            redis.start()
            up = time.monotonic()
            time.sleep(seconds)
            load.stop()
    finally:
        redis.stop()

    pages = load.pages()
    errors = [record for record in pages if is_server_error(record[3])]
    drill.figure(f"page requests: {len(pages)}, statuses {status_counts(pages)}")
    drill.figure(
        "latency before:  " + latency_summary(latencies(load.pages(end=stopped)))
    )
    drill.figure(
        "latency, Redis down: "
        + latency_summary(latencies(load.pages(stopped, restarting)))
    )
    drill.figure("latency after:   " + latency_summary(latencies(load.pages(start=up))))
    drill.check(not errors, f"{len(errors)} page answers were 5xx or no answer")

    down = load.readyz(stopped + 0.5, restarting)
    down_ok = [
        sample
        for sample in down
        if sample[2] == 503 and sample[3].get("cache") == "unavailable"
    ]
    drill.figure(
        f"/readyz while Redis is down: {len(down_ok)}/{len(down)} answered 503 "
        "with the cache unavailable"
    )
    drill.check(down and len(down_ok) == len(down), "/readyz did not say 503/cache")
    after = load.readyz(start=up)
    recovered = next((sample for sample in after if sample[2] == 200), None)
    if drill.check(recovered, "/readyz never answered 200 after Redis restarted"):
        drill.figure(
            f"/readyz 200 again {milliseconds(recovered[1] - up)} after Redis was back"
        )
    drill.check(
        after and after[-1][2] == 200, "/readyz is not 200 at the end of the drill"
    )
    readyz_5xx = [s for s in load.readyz() if is_server_error(s[2]) and s[2] != 503]
    drill.check(not readyz_5xx, f"/readyz gave {len(readyz_5xx)} non-503 failures")
    return drill
