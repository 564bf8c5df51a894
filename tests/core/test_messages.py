"""Every visible string of ours is translated into every language of the site."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def catalogue(code):
    return BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("code", LANGUAGES)
class TestCatalogues:
    def test_every_message_is_translated(self, code):
        po = polib.pofile(str(catalogue(code)))
        untranslated = [entry.msgid for entry in po if not entry.translated()]
        assert untranslated == []
        assert po.fuzzy_entries() == []

    def test_compiled_catalogue_matches_its_source(self, code):
        po = polib.pofile(str(catalogue(code)))
        mo = polib.mofile(str(catalogue(code).with_suffix(".mo")))
        compiled = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in mo}
        source = {
            (entry.msgctxt, entry.msgid): entry.msgstr
            for entry in po.translated_entries()
        }
        assert compiled == source, "run `make messages` to recompile the catalogues"


def test_catalogues_hold_every_string_in_the_code(tmp_path):
    """makemessages, run on a copy of the project, finds no string we lack."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("gettext is not installed; .ci/run installs it")
        pytest.skip("gettext is not installed (apt-get install gettext)")
    copy = tmp_path / "project"
    shutil.copytree(
        BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv",
            "node_modules",
            "staticfiles",
            "media",
            ".git",
            "*.sqlite3",
            "tests",
        ),
    )
    subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", "makemessages", "--no-location", "-l", "pl"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    found = {
        e.msgid for e in polib.pofile(str(copy / "locale/pl/LC_MESSAGES/django.po"))
    }
    known = {e.msgid for e in polib.pofile(str(catalogue("pl")))}
    assert sorted(found - known) == [], (
        "run `make messages` and translate the new strings"
    )
