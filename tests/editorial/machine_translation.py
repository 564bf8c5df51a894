"""Driving machine translation in wagtail-localize's editor, for the
test_machine_translation*.py modules: the LibreTranslate setting, the
translated page and what became of its texts."""

from contextlib import contextmanager

from django.contrib.messages import get_messages
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation

LIBRETRANSLATE = "wagtail_localize.machine_translators.libretranslate.LibreTranslator"


@contextmanager
def libretranslate_at(url, api_key="test-key"):
    with override_settings(
        WAGTAILLOCALIZE_MACHINE_TRANSLATOR={
            "CLASS": LIBRETRANSLATE,
            "OPTIONS": {"LIBRETRANSLATE_URL": url, "API_KEY": api_key},
        }
    ):
        yield


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
