"""The demo database of the fault drills, in their private PostgreSQL
cluster: copied from --demo-url, restored from a dump cached by an earlier
run (keyed on the migrations and the demo's sources), or loaded with
migrate + load_demo and then cached."""

import hashlib
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, log
from bench.servers import manage, production_environment


def demo_cache_key():
    """A digest of what the demo database is made from."""
    digest = hashlib.sha256()
    sources = [
        *ROOT.glob("*/migrations/*.py"),
        *ROOT.glob("demo/content/**/*"),  # the demo's pages, images, videos
        *ROOT.glob("demo/*.py"),  # its loader
        *ROOT.glob("*/management/commands/*.py"),  # load_demo, setup_search…
        ROOT / "requirements.lock",
    ]
    for path in sorted(sources):
        if path.is_file():
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def prepare_demo(pg, name, demo_url=None):
    """The database `name` in the private cluster ``pg``, holding the demo."""
    started = time.monotonic()
    pg.psql("-c", f'CREATE DATABASE "{name}"')
    cache = Path(tempfile.gettempdir()) / "library-network-drills"
    dump = cache / f"demo-{demo_cache_key()}.sql"
    if demo_url:
        log("Copying the demo database (pg_dump | psql)…")
        dumped = pg.pg_dump(demo_url, capture_output=True)
        pg.psql(database=name, input=dumped.stdout.decode())
    elif dump.exists():
        log(f"Restoring the demo from {dump}…")
        pg.psql("-f", str(dump), database=name)
    else:
        log("Loading the demo into the private cluster (about a minute)…")
        env = production_environment(pg.url(name))
        manage("migrate", "--noinput", env=env)
        manage("setup_search", "--no-reindex", env=env)
        manage("load_demo", "--no-superuser", env=env)
        cache.mkdir(exist_ok=True)
        partial = dump.with_suffix(".partial")
        with partial.open("wb") as output:
            pg.pg_dump(pg.url(name), stdout=output)
        partial.rename(dump)
    log(f"Demo database ready in {time.monotonic() - started:.0f} s.")
