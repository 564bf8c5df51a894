"""Machine translation in wagtail-localize's editor, through its real
LibreTranslate client, against a local stand-in for the service."""

import json
import os
import socket
import subprocess
import sys
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import Client, override_settings
from django.urls import resolve, reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from core.roles import translators
from projects.models import ProjectPage

from .stand_in import LibreTranslateStandIn

pytestmark = pytest.mark.django_db

LIBRETRANSLATE = "wagtail_localize.machine_translators.libretranslate.LibreTranslator"
DEEPL = "wagtail_localize.machine_translators.deepl.DeepLTranslator"
DONE = (
    "The missing texts were translated with LibreTranslate: "
    "review them before publishing."
)


@contextmanager
def libretranslate_at(url, api_key="test-key"):
    with override_settings(
        WAGTAILLOCALIZE_MACHINE_TRANSLATOR={
            "CLASS": LIBRETRANSLATE,
            "OPTIONS": {"LIBRETRANSLATE_URL": url, "API_KEY": api_key},
        }
    ):
        yield


@pytest.fixture
def stand_in():
    with LibreTranslateStandIn(api_key="test-key") as server:
        yield server


@pytest.fixture
def libretranslate(stand_in):
    """The site configured to use the stand-in, with the right API key."""
    with libretranslate_at(stand_in.url):
        yield stand_in


@pytest.fixture
def admin(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


@pytest.fixture
def polish_project(db):
    return ProjectPage.objects.get(locale__language_code="pl", slug="biblioteka-online")


@pytest.fixture
def russian_translation(admin, polish_project, django_capture_on_commit_callbacks):
    """The Polish project submitted for translation into Russian, in the admin."""
    russian = Locale.objects.get(language_code="ru")
    assert not polish_project.get_translations().filter(locale=russian).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse(
                "wagtail_localize:submit_page_translation", args=[polish_project.pk]
            ),
            {"locales": [russian.pk]},
            # To the translation's editor, which shows (uses up) the message.
            follow=True,
        )
    translation = Translation.objects.get(
        source__object_id=polish_project.translation_key, target_locale=russian
    )
    assert response.redirect_chain == [(edit_url(translation), 302)]
    assert "was successfully submitted for translation" in response.content.decode()
    # The copy, still in Polish, is a draft: it goes live only through review.
    assert not russian_page(translation).live
    return translation


def russian_page(translation):
    return Page.objects.get(
        translation_key=translation.source.object_id, locale=translation.target_locale
    )


def edit_url(translation):
    return reverse("wagtailadmin_pages:edit", args=[russian_page(translation).pk])


def machine_translate(client, translation, **kwargs):
    return client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]),
        {"next": edit_url(translation)},
        **kwargs,
    )


def messages_of(response):
    return [(m.level_tag, str(m).strip()) for m in get_messages(response.wsgi_request)]


def translations_into(translation):
    return StringTranslation.objects.filter(
        context__object_id=translation.source.object_id,
        locale=translation.target_locale,
    )


def page_state(translation):
    page = russian_page(translation)
    return (
        page.title,
        page.live,
        page.live_revision_id,
        page.latest_revision_id,
        page.revisions.count(),
    )


def source_texts(translation):
    return set(
        StringSegment.objects.filter(source=translation.source).values_list(
            "string__data", flat=True
        )
    )


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


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def failing_with_500(stand_in):
    stand_in.fail_with = 500
    with libretranslate_at(stand_in.url):
        yield


@contextmanager
def with_a_wrong_key(stand_in):
    with libretranslate_at(stand_in.url, api_key="wrong-key"):
        yield


@contextmanager
def unreachable(stand_in):
    with libretranslate_at(f"http://127.0.0.1:{closed_port()}"):
        yield


@contextmanager
def answering_nonsense(stand_in):
    stand_in.answer_instead = {"detail": "Not what LibreTranslate answers"}
    with libretranslate_at(stand_in.url):
        yield


FAILURES = {
    "server error": (
        failing_with_500,
        "LibreTranslate answered with an error (HTTP 500). Nothing was "
        "translated; try again later.",
    ),
    "wrong API key": (
        with_a_wrong_key,
        "LibreTranslate refused the request: check its API key in the settings. "
        "Nothing was translated.",
    ),
    "unreachable": (
        unreachable,
        "LibreTranslate could not be reached. Nothing was translated; try again later.",
    ),
    "unreadable answer": (
        answering_nonsense,
        "LibreTranslate gave an answer that could not be read. Nothing was translated.",
    ),
}


@pytest.mark.parametrize("case", FAILURES.keys())
def test_a_failing_service_is_reported_and_translates_nothing(
    admin, stand_in, russian_translation, case
):
    configure, message = FAILURES[case]
    before = page_state(russian_translation)

    with configure(stand_in):
        response = machine_translate(admin, russian_translation)

    assert response.status_code == 302
    assert response.url == edit_url(russian_translation)
    assert messages_of(response) == [("error", message)]
    assert not translations_into(russian_translation).exists()
    assert page_state(russian_translation) == before
    if case == "wrong API key":
        assert [r["json"]["api_key"] for r in stand_in.requests] == ["wrong-key"]


def test_the_editor_shows_the_failure(admin, stand_in, russian_translation):
    with unreachable(stand_in):
        response = admin.post(
            reverse(
                "wagtail_localize:machine_translate", args=[russian_translation.pk]
            ),
            follow=True,
        )
    # Without a "next" address, back to the translated page's editor.
    assert response.redirect_chain == [(edit_url(russian_translation), 302)]
    assert "LibreTranslate could not be reached." in response.content.decode()


def run_with_settings(code, **env):
    """Run Python ``code`` in a new process with the test settings and only
    these machine translation variables in its environment."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name
        not in {
            "DEEPL_API_KEY",
            "LIBRETRANSLATE_URL",
            "LIBRETRANSLATE_API_KEY",
            "MACHINE_TRANSLATION_TIMEOUT",
        }
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings.test")
    result = subprocess.run(  # noqa: S603 (our own code)
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def machine_translator_setting(**env):
    return run_with_settings(
        "import json\n"
        "from django.conf import settings\n"
        "print(json.dumps(getattr(settings, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', "
        "'absent')))",
        **env,
    )


class TestTheSettingsChooseByEnvironment:
    def test_libretranslate_with_its_url(self):
        assert machine_translator_setting(
            LIBRETRANSLATE_URL="http://x/",
            LIBRETRANSLATE_API_KEY="secret",
            MACHINE_TRANSLATION_TIMEOUT="5",
        ) == {
            "CLASS": LIBRETRANSLATE,
            "OPTIONS": {
                "LIBRETRANSLATE_URL": "http://x",
                "API_KEY": "secret",
                "TIMEOUT": 5,
            },
        }

    def test_libretranslate_without_a_key(self):
        assert machine_translator_setting(LIBRETRANSLATE_URL="http://x") == {
            "CLASS": LIBRETRANSLATE,
            "OPTIONS": {"LIBRETRANSLATE_URL": "http://x", "API_KEY": "", "TIMEOUT": 30},
        }

    def test_deepl_with_its_key(self):
        assert machine_translator_setting(DEEPL_API_KEY="k") == {
            "CLASS": DEEPL,
            "OPTIONS": {"AUTH_KEY": "k"},
        }

    def test_deepl_when_both_are_set(self):
        setting = machine_translator_setting(
            DEEPL_API_KEY="k", LIBRETRANSLATE_URL="http://x"
        )
        assert setting["CLASS"] == DEEPL

    def test_none_without_either(self):
        assert machine_translator_setting() == "absent"

    def test_the_configured_client_reaches_the_service(self, stand_in):
        """The settings built from the environment drive the real client."""
        stand_in.api_key = "from-the-environment"
        translated = run_with_settings(
            "import json, django\n"
            "django.setup()\n"
            "from wagtail.models import Locale\n"
            "from wagtail_localize.machine_translators import get_machine_translator\n"
            "from wagtail_localize.strings import StringValue\n"
            "translator = get_machine_translator()\n"
            "result = translator.translate(Locale(language_code='pl'),\n"
            "    Locale(language_code='fi'), [StringValue('Dzień dobry')])\n"
            "print(json.dumps({s.data: t.data for s, t in result.items()}))",
            LIBRETRANSLATE_URL=stand_in.url + "/",
            LIBRETRANSLATE_API_KEY="from-the-environment",
        )
        assert translated == {"Dzień dobry": "[fi] Dzień dobry"}
        (request,) = stand_in.requests
        assert request["json"] == {
            "q": ["Dzień dobry"],
            "source": "pl",
            "target": "fi",
            "api_key": "from-the-environment",
            "format": "html",
        }
