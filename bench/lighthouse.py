"""Lighthouse's scores for each page type of the public site (not a test).

    .venv/bin/python bench/lighthouse.py              # serves the demo itself
    .venv/bin/python bench/lighthouse.py --url http://127.0.0.1:8000

Without ``--url`` the script loads the demo into a new SQLite database and
serves it with gunicorn and the production settings (static files collected,
as `make demo` serves it). It installs Lighthouse from bench/lighthouse/'s
lock (`npm ci`, once), runs it in Debian's Chromium on one page of every
indexable type in Polish and Russian (Lighthouse's default: a mobile phone,
simulated slow 4G), and prints each category's score, then every audit that
kept a category below 100. The aims (issue 15): accessibility, best practices
and SEO 100, performance at least 95.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import log  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
AIMS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# One page of every indexable type, in Polish and in Russian (search pages
# are noindex, so SEO does not apply to them).
PAGES = [
    "/pl/",
    "/ru/",
    "/pl/projekty/",
    "/ru/proekty/onlain-shkola-nastavnichestva/",
    "/pl/projekty/podaj-dalej/",
    "/pl/projekty/podaj-dalej/spotkania-w-lazach/",
    "/ru/projects/podaj-dalej/meetings-in-lazy/",
    "/pl/projekty/podaj-dalej/morawica/",
    "/pl/dobre-praktyki/?audience=librarians",
    "/ru/praktiki/",
    "/pl/filmy/spotkanie-online/",
    "/pl/filmy/",
    "/pl/biblioteki/",
    "/ru/biblioteki/muk-cb-belgorodskogo-rayona/",
    "/pl/deklaracja-dostepnosci/",
    "/ru/kontakty/",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="A site already served (default: the demo).")
    parser.add_argument(
        "--chromium", default=shutil.which("chromium") or "/usr/bin/chromium"
    )
    parser.add_argument(
        "--pages", help="Comma-separated paths instead of the default page types."
    )
    return parser.parse_args()


def install_lighthouse():
    cli = LIGHTHOUSE / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        log("Installing Lighthouse (npm ci in bench/lighthouse/)…")
        subprocess.run(  # noqa: S603 (npm from PATH)
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],  # noqa: S607
            cwd=LIGHTHOUSE,
            check=True,
        )
    return cli


@contextmanager
def served_demo():
    """The demo in a new SQLite database, served by gunicorn (production settings)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from bench import servers

    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as folder:
        url = f"sqlite:///{folder}/demo.sqlite3"
        os.environ["MEDIA_ROOT"] = f"{folder}/media"
        env = servers.production_environment(url)
        log("Loading the demo into a new SQLite database…")
        servers.manage("migrate", "--noinput", env=env)
        servers.manage("load_demo", "--no-superuser", env=env)
        servers.collected_static()
        with servers.gunicorn(url, workers=2) as server:
            yield server.url


def lighthouse(cli, chromium, url):
    """Lighthouse's JSON report of one address."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-profile-") as profile:
        done = subprocess.run(  # noqa: S603 (node from PATH, our lock's Lighthouse)
            [  # noqa: S607
                "node",
                str(cli),
                url,
                "--output=json",
                "--quiet",
                f"--only-categories={','.join(CATEGORIES)}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
                "--disable-background-networking --disable-component-update "
                f"--no-first-run --user-data-dir={profile}",
            ],
            env={**os.environ, "CHROME_PATH": chromium},
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode:
        raise SystemExit(f"Lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def main():
    args = parse_args()
    cli = install_lighthouse()
    pages = args.pages.split(",") if args.pages else PAGES
    with served_demo() if not args.url else _given(args.url) as base:
        reports = {}
        for path in pages:
            log(f"Lighthouse: {path}")
            reports[path] = lighthouse(cli, args.chromium, base.rstrip("/") + path)
    print()
    print("Lighthouse (mobile, simulated slow 4G), scores out of 100")
    header = f"{'page':<48}" + "".join(f"{name[:13]:>15}" for name in CATEGORIES)
    print(header)
    print("-" * len(header))
    shortfalls = []
    for path, report in reports.items():
        scores = {
            name: round(report["categories"][name]["score"] * 100)
            for name in CATEGORIES
        }
        print(f"{path:<48}" + "".join(f"{scores[name]:>15}" for name in CATEGORIES))
        for name in CATEGORIES:
            if scores[name] < AIMS[name]:
                shortfalls.append((path, name, scores[name]))
            if scores[name] < 100:
                for ref in report["categories"][name]["auditRefs"]:
                    audit = report["audits"][ref["id"]]
                    if (
                        ref["weight"]
                        and audit["score"] is not None
                        and audit["score"] < 1
                    ):
                        print(f"    {name}: {audit['id']} ({audit['score']:.2f})")
    print()
    aims = ", ".join(f"{name} {aim}" for name, aim in AIMS.items())
    if shortfalls:
        print(
            f"Below the aims ({aims}): "
            + "; ".join(f"{path} {name} {score}" for path, name, score in shortfalls)
        )
    else:
        print(f"Every page meets the aims ({aims}).")


@contextmanager
def _given(url):
    yield url


if __name__ == "__main__":
    main()
