"""The admin is in the editor's language: every string of Wagtail's,
wagtail-localize's and wagtailmedia's catalogues is translated into each
admin language by what Django loads at run time (their catalogues, and
editorial/admin_locale where they fall short)."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import trans_real
from django.views.i18n import JavaScriptCatalog

from editorial import admin_language

LANGUAGES = admin_language.admin_languages()
CATALOGUES = admin_language.catalogues()


def catalogue_id(catalogue):
    return catalogue.label


def loaded(catalogue, language):
    """The messages Django translates in the language for this catalogue's
    domain, as it loads them (the compiled .mo files), without fallback."""
    if catalogue.domain == "django":
        translation = trans_real.DjangoTranslation(language)
    else:
        view = JavaScriptCatalog()
        translation = trans_real.DjangoTranslation(
            language,
            domain=catalogue.domain,
            localedirs=view.get_paths([catalogue.app]),
        )
    return translation._catalog


def translated_by_django(messages, key, entry):
    context, msgid = key
    name = f"{context}\x04{msgid}" if context else msgid
    if entry.msgid_plural:
        return bool(messages.get((name, 0)))
    return bool(messages.get(name))


def test_the_languages_checked():
    assert set(LANGUAGES) >= {"pl", "ru", "fi"}
    assert {c.app for c in CATALOGUES} >= {
        "wagtail",
        "wagtail.admin",
        "wagtail_localize",
        "wagtailmedia",
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("catalogue", CATALOGUES, ids=catalogue_id)
def test_every_string_is_translated(catalogue, language):
    messages = loaded(catalogue, language)
    untranslated = sorted(
        key[1]
        for key, entry in catalogue.msgids().items()
        if not translated_by_django(messages, key, entry)
    )
    assert untranslated == [], (
        f"{len(untranslated)} strings of {catalogue.label} show untranslated in "
        f"{language}: run `manage.py admin_messages --add`, translate them in "
        "editorial/admin_locale and run `make messages`"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_our_catalogues_are_compiled_and_complete(language):
    for domain in admin_language.DOMAINS:
        path = admin_language.ours(language, domain)
        if not path.exists():
            continue
        po = polib.pofile(str(path))
        assert [e.msgid for e in po if not e.translated()] == []
        compiled = {
            (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
            for e in polib.mofile(str(path.with_suffix(".mo")))
        }
        source = {
            (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
            for e in po.translated_entries()
        }
        assert compiled.keys() == source.keys(), "run `make messages`"


def test_our_folder_is_a_locale_path():
    """LOCALE_PATHS come before every app's catalogues."""
    assert admin_language.OURS in [Path(p).resolve() for p in settings.LOCALE_PATHS]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("pl", "Opublikuj w języku: "),
        ("ru", "Опубликовать на языке: "),
        ("fi", "Julkaise kielellä: "),
    ],
)
def test_publish_in_a_language_reads_right(language, expected):
    """wagtail-localize writes gettext('Publish in ') + the language's name:
    the translation must end in a space and take a name in the nominative."""
    messages = trans_real.DjangoTranslation(
        language,
        domain="djangojs",
        localedirs=JavaScriptCatalog().get_paths(["wagtail_localize"]),
    )._catalog
    assert messages.get("Publish in ") == expected


class TestTheTranslationEditorsDates:
    def test_wagtail_localizes_method_is_the_one_wrapped(self):
        from editorial import localize_dates

        assert (
            localize_dates.fingerprint(localize_dates.original)
            == localize_dates.FINGERPRINT
        ), (
            "wagtail-localize changed StringTranslation.get_comment: read it, "
            "make editorial/localize_dates.py fit, then record the fingerprint"
        )

    @pytest.mark.django_db
    @pytest.mark.parametrize(
        ("language", "month"),
        [
            ("pl", "grudnia"),
            ("ru", "декабря"),
            ("fi", "joulukuuta"),
            ("en", "Dec. 7, 2026"),
        ],
    )
    def test_a_strings_date_is_in_the_editors_language(self, demo, language, month):
        import datetime

        from django.utils import timezone, translation
        from wagtail_localize.models import StringTranslation

        string = StringTranslation.objects.filter(
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL
        ).first()
        StringTranslation.objects.filter(pk=string.pk).update(
            updated_at=datetime.datetime(2026, 12, 7, 12, tzinfo=datetime.UTC)
        )
        string.refresh_from_db()
        with translation.override(language), timezone.override("Europe/Warsaw"):
            comment = string.get_comment()
        assert month in comment
        if language != "en":
            assert "December" not in comment


def test_the_header_actions_label_is_wagtails_translated():
    """templates/wagtailadmin/shared/headers/_actions.html is Wagtail's
    template with its hard-coded aria-label translated: a Wagtail upgrade
    that changes the original fails here, to be copied again."""
    import wagtail

    name = "wagtailadmin/shared/headers/_actions.html"
    wagtails = (
        Path(wagtail.__file__).parent / "admin" / "templates" / name
    ).read_text()
    ours = (Path(settings.BASE_DIR) / "templates" / name).read_text()
    assert ours.split("\n", 1)[1] == wagtails.replace(
        'aria-label="Actions"', 'aria-label="{% translate "Actions" %}"'
    )
