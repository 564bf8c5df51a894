"""Machine translation in wagtail-localize's editor, through its real
LibreTranslate client, against a local stand-in for the service.

What it translates, for whom, and what it leaves alone. A failing service is
in test_machine_translation_failures.py, the settings that choose a machine
translator in test_machine_translation_settings.py.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import resolve, reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation

from editorial.roles import translators

from .machine_translation import (
    edit_url,
    libretranslate_at,
    machine_translate,
    messages_of,
    page_state,
    russian_page,
    source_texts,
    translations_into,
)

pytestmark = pytest.mark.django_db

DONE = (
    "The missing texts were translated with LibreTranslate: "
    "review them before publishing."
)


@pytest.fixture
def libretranslate(stand_in):
    """The site configured to use the stand-in, with the right API key."""
    with libretranslate_at(stand_in.url):
        yield stand_in


class TestTheEditorOffersIt:
    def test_with_libretranslate_configured(
        self, admin, libretranslate, russian_translation
    ):
        html = admin.get(edit_url(russian_translation)).content.decode()
        url = f"/admin/localize/translate/{russian_translation.pk}/machine_translate/"
        assert (
            f"&quot;machineTranslator&quot;: {{&quot;name&quot;: "
            f"&quot;LibreTranslate&quot;, &quot;url&quot;: &quot;{url}&quot;}}"
        ) in html
        # The address is answered by our view, which reports failures.
        assert resolve(url).url_name == "translations_machine_translate"

    def test_not_without_a_machine_translator(self, admin, russian_translation):
        with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=None):
            html = admin.get(edit_url(russian_translation)).content.decode()
            response = machine_translate(admin, russian_translation)
        assert "&quot;machineTranslator&quot;: null" in html
        assert response.status_code == 404


class TestMachineTranslation:
    def test_fills_in_every_text_for_review_without_publishing(
        self, admin, admin_user, libretranslate, russian_translation
    ):
        before = page_state(russian_translation)
        assert not translations_into(russian_translation).exists()
        texts = source_texts(russian_translation)
        assert "Biblioteka online: program szkoleniowy" in texts

        response = machine_translate(admin, russian_translation)

        assert response.status_code == 302
        assert response.url == edit_url(russian_translation)
        assert messages_of(response) == [("success", DONE)]
        # One request, with the Polish texts, from Polish into Russian.
        (request,) = libretranslate.requests
        assert request["path"] == "/translate"
        sent = request["json"]
        assert (sent["source"], sent["target"]) == ("pl", "ru")
        assert (sent["api_key"], sent["format"]) == ("test-key", "html")
        assert sorted(sent["q"]) == sorted(texts)
        # Each text is translated, and marked as the machine's work.
        rows = translations_into(russian_translation).select_related("translation_of")
        assert (
            len(rows)
            == StringSegment.objects.filter(source=russian_translation.source).count()
        )
        assert {row.data for row in rows} == {f"[ru] {text}" for text in texts}
        assert {
            (row.translation_type, row.tool_name, row.last_translated_by)
            for row in rows
        } == {
            (StringTranslation.TRANSLATION_TYPE_MACHINE, "LibreTranslate", admin_user)
        }
        # The page is as it was: nothing saved, nothing published.
        assert page_state(russian_translation) == before
        # The public sees no Russian page yet: a draft waits for review.
        page = russian_page(russian_translation)
        assert not page.live
        assert Client().get(f"/ru/{page.slug}/").status_code == 404
        # The reviewer sees in the editor that the machine translated them.
        html = admin.get(edit_url(russian_translation)).content.decode()
        assert "[ru] Biblioteka online: program szkoleniowy" in html
        assert "Translated with LibreTranslate on" in html

    def test_keeps_what_is_translated_already(
        self, admin, libretranslate, russian_translation
    ):
        title = StringSegment.objects.get(
            source=russian_translation.source, context__path="title"
        )
        StringTranslation.objects.create(
            translation_of=title.string,
            context=title.context,
            locale=russian_translation.target_locale,
            data="Онлайн-библиотека",
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )

        # (Followed to the editor, which shows its message.)
        machine_translate(admin, russian_translation, follow=True)

        (request,) = libretranslate.requests
        assert title.string.data not in request["json"]["q"]
        kept = translations_into(russian_translation).get(context=title.context)
        assert (kept.data, kept.translation_type) == (
            "Онлайн-библиотека",
            StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
        assert (
            translations_into(russian_translation)
            .filter(translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE)
            .count()
            == StringSegment.objects.filter(source=russian_translation.source).count()
            - 1
        )

        response = machine_translate(admin, russian_translation)

        assert messages_of(response) == [
            (
                "warning",
                "Every text has a translation already: LibreTranslate had nothing "
                "to do.",
            )
        ]
        assert len(libretranslate.requests) == 1

    def test_only_for_those_who_may_edit_the_translation(
        self, client, libretranslate, russian_translation
    ):
        User = get_user_model()  # noqa: N806
        translator = User.objects.create_user("translator-en", password="x")
        translator.groups.add(translators(Locale.objects.get(language_code="en")))
        client.force_login(translator)
        before = page_state(russian_translation)

        response = machine_translate(client, russian_translation)

        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
        assert libretranslate.requests == []
        assert not translations_into(russian_translation).exists()
        assert page_state(russian_translation) == before

    def test_a_translator_of_the_language_may(
        self, client, libretranslate, russian_translation
    ):
        User = get_user_model()  # noqa: N806
        translator = User.objects.create_user("translator-ru", password="x")
        translator.groups.add(translators(russian_translation.target_locale))
        client.force_login(translator)

        response = machine_translate(client, russian_translation)

        assert response.status_code == 302
        assert response.url == edit_url(russian_translation)
        assert {
            row.last_translated_by for row in translations_into(russian_translation)
        } == {translator}
