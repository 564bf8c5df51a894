from io import StringIO

import pytest
from django.core.management import call_command


def run_command(*args, **kwargs):
    """Run a management command; return what it printed."""
    kwargs.setdefault("stdout", StringIO())
    call_command(*args, **kwargs)
    return kwargs["stdout"].getvalue()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the demo content, loaded once for the session.

    Each test runs in a transaction that is rolled back, so it starts from
    the demo as loaded. (Tests on a live server flush the database instead;
    pytest-django runs them last, and they load what they need.)
    """
    with django_db_blocker.unblock():
        run_command("load_demo", "--no-superuser")


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
def live_site(live_server, transactional_db):
    """The live server with the demo content loaded (the database is flushed
    after each live-server test, so each loads it again)."""
    # A flush empties the permission and content type tables too; migrate
    # would make them again through its post_migrate signal, so send it.
    from django.core.management.sql import emit_post_migrate_signal

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    run_command("load_demo", "--no-superuser")
    return live_server
