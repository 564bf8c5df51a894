"""What a fresh gunicorn worker's first pages cost, against a warm one's.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_cold \\
        .venv/bin/python bench/cold_start.py          # --rounds 5

For each round it starts a gunicorn with the production settings and one
worker, the page cache off (every page rendered), waits until it answers,
then asks for home, the practice list and a search in Polish, one after the
other, and then once more each. It prints, per page, the median of the
first requests over the rounds, the median of the later ones, and their
ratio. Issue 20 measured a fresh worker's first home, list and search at
211, 218 and 448 ms before workers were warmed (operations/warm_up.py).

The database is prepared as for the other benchmarks (bench/common.py).
"""

import argparse
import os
import statistics
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common, servers  # noqa: E402
from bench.common import log  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

PAGES = {
    "home": "/pl/",
    "practices": "/pl/dobre-praktyki/",
    "search": "/pl/search/?q=biblioteki",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = common.parse_arguments(parser)
    connection = common.connect(
        "bench/cold_start.py", "bench_cold", "the demo", args.any_database
    )
    from practices.models import PracticeIndexPage

    common.prepare_database(PracticeIndexPage)
    url = common.postgres_url(connection.settings_dict)
    connection.close()
    first, later = {name: [] for name in PAGES}, {name: [] for name in PAGES}
    for round_number in range(1, args.rounds + 1):
        with servers.gunicorn(url, 1, PAGE_CACHE="false") as server:
            for times in (first, later):
                for name, path in PAGES.items():
                    started = time.perf_counter()
                    address = server.url + path  # http://127.0.0.1:<port>
                    with urllib.request.urlopen(address) as response:  # noqa: S310
                        response.read()
                    times[name].append((time.perf_counter() - started) * 1000)
        log(f"Round {round_number} of {args.rounds} done.")
    print(f"\n{'page':<10} {'first ms':>9} {'warm ms':>8} {'ratio':>6}")
    for name in PAGES:
        cold = statistics.median(first[name])
        warm = statistics.median(later[name])
        print(f"{name:<10} {cold:9.0f} {warm:8.0f} {cold / warm:6.1f}")


if __name__ == "__main__":
    main()
