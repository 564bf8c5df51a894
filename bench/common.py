"""What the benchmarks share: messages, their command-line options, a
PostgreSQL database of their own set up with the demo, and percentiles."""

import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the project, where manage.py is


def log(message):
    """Progress, on stderr (the figures go to stdout)."""
    print(message, file=sys.stderr, flush=True)


# Command line ---------------------------------------------------------------------


def parse_arguments(parser, sizes_example=None, smallest=1, too_small=""):
    """The command line, with --any-database added to ``parser``; with a
    ``sizes_example``, --sizes ("5,50") read as sorted whole numbers, each at
    least ``smallest``."""
    parser.add_argument(
        "--any-database",
        action="store_true",
        help="Run even if the database name does not contain 'bench'.",
    )
    args = parser.parse_args()
    if sizes_example:
        try:
            args.sizes = sorted({int(size) for size in args.sizes.split(",") if size})
        except ValueError:
            parser.error(f"--sizes takes whole numbers, e.g. {sizes_example}")
        if not args.sizes or min(args.sizes) < smallest:
            parser.error(too_small)
    return args


# The database ---------------------------------------------------------------------


def create_database(settings_dict):
    """CREATE DATABASE, from a connection to the server's `postgres` database."""
    import psycopg
    from psycopg import sql

    params = {
        "dbname": "postgres",
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
    }
    with psycopg.connect(
        **{key: value for key, value in params.items() if value}, autocommit=True
    ) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {}").format(sql.Identifier(settings_dict["NAME"]))
        )


def connect(script, example, adds, any_database=False):
    """Django set up on a PostgreSQL benchmark database (created if missing);
    exit with a reason otherwise."""
    import django

    django.setup()
    from django.db import OperationalError, connection

    if connection.vendor != "postgresql":
        sys.exit(
            f"{script} needs PostgreSQL, and the database is {connection.vendor}. "
            "Point DATABASE_URL at a database of its own, e.g. "
            f"DATABASE_URL=postgres://postgres@127.0.0.1:5432/{example}"
        )
    name = connection.settings_dict["NAME"]
    if "bench" not in name and not any_database:
        sys.exit(
            f"The database {name!r} does not look like a benchmark database: this "
            f"script adds {adds} to it. Use one whose name contains 'bench' (it is "
            "created if missing), or pass --any-database."
        )
    try:
        connection.ensure_connection()
    except OperationalError as error:
        if "does not exist" not in str(error):
            raise
        log(f"Creating the database {name}…")
        create_database(connection.settings_dict)
        connection.ensure_connection()
    return connection


def prepare_database(index_model):
    """Migrated, with the Polish configuration and the demo content (present
    when every language has an ``index_model`` page)."""
    from django.conf import settings
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("setup_search", no_reindex=True, stdout=io.StringIO())
    codes = {code for code, _name in settings.LANGUAGES}
    present = set(index_model.objects.values_list("locale__language_code", flat=True))
    if not codes <= present:
        log("Loading the demo content (about 40 s)…")
        call_command("load_demo", no_superuser=True, stdout=io.StringIO())
    log(f"Database ready in {time.perf_counter() - started:.0f} s.")


def log_server_version(connection):
    """'PostgreSQL 15.20 on …', on stderr."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        log(cursor.fetchone()[0].split(",")[0])


def postgres_url(settings_dict):
    """postgres://user[:password]@host:port/name of Django's database settings."""
    password = settings_dict.get("PASSWORD")
    return (
        f"postgres://{settings_dict.get('USER') or 'postgres'}"
        f"{':' + password if password else ''}"
        f"@{settings_dict.get('HOST') or '127.0.0.1'}"
        f":{settings_dict.get('PORT') or 5432}/{settings_dict['NAME']}"
    )


# Figures --------------------------------------------------------------------------


def percentile(values, fraction, interpolate=True):
    """The ``fraction`` percentile of ``values``: interpolated between the two
    closest ranks, or with ``interpolate=False`` the value at rank
    ``int(n × fraction)`` (the nearest rank above)."""
    ordered = sorted(values)
    if not interpolate:
        return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
