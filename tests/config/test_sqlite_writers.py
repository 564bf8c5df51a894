"""Two writers on one SQLite file, as under `make demo` (several gunicorn
workers and the translation worker): the second waits its turn instead of
failing with "database is locked" (config/settings/base.py's SQLite options).
"""

import threading

import pytest
from django.db import connection, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the options of the SQLite default"
)


def writer(path, alias):
    """A connection to ``path`` with the site's settings, as a worker's."""
    settings_dict = {**connection.settings_dict, "NAME": str(path)}
    connections[alias] = DatabaseWrapper(settings_dict, alias)
    return connections[alias]


@pytest.fixture
def unblocked(django_db_blocker):
    """Connections of the test's own to a file of its own, not the test
    database."""
    with django_db_blocker.unblock():
        yield


def test_a_second_writer_waits_for_the_first(tmp_path, unblocked):
    path = tmp_path / "demo.sqlite3"
    first = writer(path, "first")
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE visit (n integer)")
    holding = threading.Event()
    done = threading.Event()

    def first_writes():
        worker = writer(path, "first")
        with transaction.atomic(using="first"), worker.cursor() as cursor:
            cursor.execute("INSERT INTO visit VALUES (1)")
            holding.set()
            done.wait(timeout=1)
        worker.close()

    thread = threading.Thread(target=first_writes)
    thread.start()
    try:
        assert holding.wait(timeout=10)
        second = writer(path, "second")
        # A transaction that reads, then writes, while the first holds the
        # lock: the page saved after its tree was read, the task marked done
        # after it was picked.
        with transaction.atomic(using="second"), second.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM visit")
            done.set()
            cursor.execute("INSERT INTO visit VALUES (2)")
    finally:
        done.set()
        thread.join()
    with second.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM visit")
        assert cursor.fetchone() == (2,)
    second.close()
    first.close()
