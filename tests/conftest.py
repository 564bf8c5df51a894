from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def run_commands(db, django_capture_on_commit_callbacks):
    """Run a management command as if its transaction committed.

    wagtail-localize publishes translations in on-commit callbacks, which a
    test's enclosing transaction would otherwise never run.
    """

    def run(*args, **kwargs):
        kwargs.setdefault("stdout", StringIO())
        with django_capture_on_commit_callbacks(execute=True):
            call_command(*args, **kwargs)
        return kwargs["stdout"]

    return run


@pytest.fixture
def demo(run_commands):
    """The demo site: locales, and the home page in each language."""
    run_commands("load_demo", "--no-superuser")


@pytest.fixture
def home_pages(demo):
    from home.models import HomePage

    return {
        page.locale.language_code: page
        for page in HomePage.objects.select_related("locale")
    }


@pytest.fixture
def publish_translation(django_capture_on_commit_callbacks):
    """core.translation.translate, with its on-commit publishing run."""
    from core.translation import translate

    def run(instance, locale, strings):
        with django_capture_on_commit_callbacks(execute=True):
            translate(instance, locale, strings)
        return instance.get_translation(locale)

    return run
