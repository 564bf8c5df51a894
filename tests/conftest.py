from io import StringIO

import pytest
from django.core.management import call_command

from tests import database_snapshot
from tests.search.dictionary import ensure_polish_dictionary
from tests.serving import copy_demo_database, drop_pristine_demo, save_pristine_demo


def run_command(*args, **kwargs):
    """Run a management command; return what it printed."""
    kwargs.setdefault("stdout", StringIO())
    call_command(*args, **kwargs)
    return kwargs["stdout"].getvalue()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the demo content, loaded once for the session
    (on PostgreSQL, after the Polish dictionary is put in place where it can
    be: tests/search/dictionary.py).

    Each test runs in a transaction that is rolled back, so it starts from
    the demo as loaded. Tests on a live server flush the database instead
    (pytest-django runs them last), and the demo is then restored from a
    serialized copy. Tests that serve the site with gunicorn get a database
    copied from a pristine one saved here (``demo_database``).
    """
    with django_db_blocker.unblock():
        from django.db import connections

        # On PostgreSQL, Polish stemmed with Hunspell before the demo is indexed.
        ensure_polish_dictionary(connections["default"])
        run_command("load_demo", "--no-superuser")

        # What a live-server test restores after each flush (Django's
        # serialized rollback). On the connection's class, not only on this
        # connection object: a later test's thread may hold another one.
        # On PostgreSQL the tables are copied back instead (live_site,
        # tests/database_snapshot.py), and Django's restore has nothing to do;
        # it still keeps the flush from re-creating content types.
        connection = connections["default"]
        if connection.vendor == "postgresql":
            _pristine["tables"] = database_snapshot.take(connection)
            demo = "[]"
        else:
            demo = connection.creation.serialize_db_to_string()
        connection._test_serialized_contents = demo
        type(connection)._test_serialized_contents = demo
        _pristine["database"] = save_pristine_demo()
    yield
    with django_db_blocker.unblock():
        drop_pristine_demo(_pristine.pop("database"))


_pristine = {}


@pytest.fixture(autouse=True)
def _site_wide_answers_forgotten():
    """Each test starts without the site-wide answers that an earlier test's
    requests kept across requests, and what they key (core.request_memo):
    its database was rolled back, or flushed, under them, and no signal
    said so."""
    from core.request_memo import renew_stamp

    renew_stamp()
    yield
    renew_stamp()


@pytest.fixture
def demo_database(db):
    """A database of the test's own, holding the demo as first loaded; its
    ``url`` is a DATABASE_URL for a process to serve it (tests/serving.py)."""
    database = copy_demo_database(_pristine["database"])
    yield database
    database.drop()


@pytest.fixture
def demo(db):
    """The demo site: four languages, the seed stories and their libraries."""


@pytest.fixture
def home_pages(demo):
    from home.models import HomePage

    return {
        page.locale.language_code: page
        for page in HomePage.objects.select_related("locale")
    }


@pytest.fixture
def locales(db):
    from wagtail.models import Locale

    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def live_site(django_db_serialized_rollback, live_server, transactional_db):
    """The live server with the demo content.

    The database is flushed after each live-server test and the demo, as
    first loaded, restored before the next (Django's serialized rollback;
    on PostgreSQL, the tables copied back).
    """
    if "tables" in _pristine:
        from django.db import connection

        database_snapshot.restore(connection, _pristine["tables"])
    return live_server


# The tests that take longest (tens of seconds each: servers started, whole
# databases copied, every admin URL asked as each role) are started first,
# each within the group pytest-django runs it in (tests in a transaction
# first, then those that flush the database, then those without one; the
# groups computed here as pytest-django does, so the order holds whichever
# hook sorts last). Started last, one of them could leave a pytest-xdist
# worker alone at the end while the other has finished.
LONGEST_FIRST = (
    "tests/operations/test_drills.py",
    "tests/operations/test_backup.py",
    "tests/search/test_budget.py",
    "tests/operations/test_scale_out.py",
    "tests/editorial/test_permission_matrix.py",
    "tests/operations/test_demo_serving.py",
    "tests/editorial/test_migrations.py",
    "tests/browser/test_accessibility.py",
    "tests/browser/test_journeys.py",
)


def _django_group(item):
    """0: in a transaction rolled back; 1: flushes the database; 2: no
    database (pytest-django's ``pytest_collection_modifyitems``)."""
    from django.test import TestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return 0 if issubclass(cls, TestCase) else 1
    fixtures = getattr(item, "fixturenames", [])
    marker = item.get_closest_marker("django_db")
    flushes = "transactional_db" in fixtures or "live_server" in fixtures
    if marker is not None:
        flushes = flushes or bool(
            marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
        )
    if flushes:
        return 1
    return 0 if marker is not None or "db" in fixtures else 2


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    def order(item):
        path = item.nodeid.split("::", 1)[0]
        rank = (
            LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)
        )
        return (_django_group(item), rank)

    items.sort(key=order)
