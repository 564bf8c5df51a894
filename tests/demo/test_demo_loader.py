import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Site
from wagtail_localize.models import Translation

from home.models import HomePage
from tests.conftest import run_command


@pytest.mark.django_db
class TestLoadDemo:
    def test_twice_leaves_one_home_page_per_locale(self, db):
        run_command("load_demo", "--no-superuser")
        run_command("load_demo", "--no-superuser")

        locales = Locale.objects.values_list("language_code", flat=True)
        assert sorted(locales) == ["en", "fi", "pl", "ru"]
        for locale in Locale.objects.all():
            assert HomePage.objects.filter(locale=locale).count() == 1
        site = Site.objects.get(is_default_site=True)
        assert site.root_page.specific.locale.language_code == "pl"

    def test_translations_are_wagtail_localize_translations(self, db):
        run_command("load_demo", "--no-superuser")

        source = HomePage.objects.get(locale__language_code="pl")
        targets = Translation.objects.filter(source__object_id=source.translation_key)
        assert sorted(t.target_locale.language_code for t in targets) == [
            "en",
            "fi",
            "ru",
        ]
        english = source.get_translation(Locale.objects.get(language_code="en"))
        assert english.live
        assert english.title == "Library network"

    def test_creates_the_superuser_with_the_given_password(self, monkeypatch):
        monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a long demo password")
        run_command("load_demo")
        run_command("load_demo")

        admin = get_user_model().objects.get(username="admin")
        assert admin.is_superuser
        assert admin.check_password("a long demo password")

    def test_generates_and_prints_a_password_when_none_is_given(self, monkeypatch):
        monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
        out = run_command("load_demo")

        printed = out.split("with the password ")[1].split()[0]
        assert get_user_model().objects.get(username="admin").check_password(printed)


@pytest.mark.django_db
class TestSetupLocales:
    def test_a_new_language_is_configuration_and_one_command(
        self, home_pages, settings
    ):
        settings.LANGUAGES = [*settings.LANGUAGES, ("uk", "Українська")]
        settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES

        run_command("setup_locales")

        ukrainian = Locale.objects.get(language_code="uk")
        home = home_pages["pl"].get_translation(ukrainian)
        assert home.live
        assert Translation.objects.filter(target_locale=ukrainian).exists()


def analyzed_tables(cursor, vendor):
    """The tables the query planner has statistics of (ANALYZE ran)."""
    if vendor == "postgresql":
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL"
        )
    else:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchall():
            return set()
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
    return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
def test_load_demo_leaves_the_planner_statistics(db):
    """The session's database was filled by load_demo (tests/conftest.py),
    which ends with ANALYZE: the planner knows the tables' sizes."""
    from django.db import connection

    with connection.cursor() as cursor:
        analyzed = analyzed_tables(cursor, connection.vendor)
    assert {"wagtailcore_page", "practices_practicepage"} <= analyzed
