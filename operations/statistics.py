"""The query planner's statistics, gathered after a bulk load.

A database filled at once (the demo by ``load_demo``, a backup by ``restore``)
has none until PostgreSQL's autovacuum gets round to it, and SQLite never
gathers any by itself: until then the planner guesses, and the practice list
took 40 ms instead of 31. ``ANALYZE`` reads every table's; on the demo it
takes well under a second.
"""

from django.db import DEFAULT_DB_ALIAS, connections


def analyze(using=DEFAULT_DB_ALIAS):
    """ANALYZE the whole database (PostgreSQL or SQLite)."""
    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
