"""What the translation editor asks a translator to translate (issue 19, part
4): the slug among the strings, beside the title, so that a translation whose
every shown string is translated counts as complete (100%) in the editor's
props, wagtail-localize's progress and the translation dashboard; machine
translation explained in one line when it is missing."""

import html
import json
import re

import pytest
from django.urls import reverse

from .dashboard_pages import get, statuses
from .machine_translation import libretranslate_at, russian_page
from .translation_editor import put_string_at


def editor_props(response):
    match = re.search(r'data-props="([^"]*)"', response.content.decode())
    return json.loads(html.unescape(match[1]))


def strings_shown(props):
    return [s for s in props["segments"] if s["type"] == "string"]


@pytest.mark.django_db
def test_the_slug_is_beside_the_title_on_the_strings_tab(admin, russian_translation):
    page = russian_page(russian_translation)
    props = editor_props(admin.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    paths = [s["contentPath"] for s in strings_shown(props)]
    assert paths[paths.index("title") + 1] == "slug"
    tabs = {s["contentPath"]: s["location"]["tab"] for s in strings_shown(props)}
    assert tabs["slug"] == tabs["title"]
    assert (
        "address"
        in strings_shown(props)[paths.index("slug")]["location"]["fieldHelpText"]
    )


@pytest.mark.django_db
def test_every_shown_string_translated_is_complete_everywhere(
    admin, polish_project, russian_translation
):
    page = russian_page(russian_translation)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    shown = strings_shown(editor_props(admin.get(url)))
    for segment in shown:
        put_string_at(admin, segment["editUrl"], f"[ru] {segment['source']}")

    total, translated = russian_translation.get_progress()
    assert (total, translated) == (len(shown), len(shown))
    assert statuses(get(admin), polish_project)["ru"] != "in_progress"
    props = editor_props(admin.get(url))
    assert {t["segment_id"] for t in props["initialStringTranslations"]} == {
        s["id"] for s in shown
    }


@pytest.mark.django_db
def test_without_machine_translation_the_editor_says_why(
    admin, russian_translation, settings
):
    page = russian_page(russian_translation)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    messages = [str(m) for m in admin.get(url).context["messages"]]
    assert (
        "Machine translation is not set up: ask the site's administrator "
        "(setting DEEPL_API_KEY or LIBRETRANSLATE_URL)."
    ) in messages


@pytest.mark.django_db
def test_with_machine_translation_the_editor_offers_it(
    admin, russian_translation, stand_in
):
    page = russian_page(russian_translation)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    with libretranslate_at(stand_in.url):
        response = admin.get(url)
    assert editor_props(response)["machineTranslator"]["url"]
    assert not [m for m in response.context["messages"] if "Machine" in str(m)]


@pytest.mark.django_db
def test_the_hint_is_in_the_admins_language(admin, russian_translation, settings):
    page = russian_page(russian_translation)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    for language, words in {
        "pl": "tłumaczenie maszynowe",
        "ru": "машинный перевод",
        "fi": "konekäännös",
    }.items():
        response = admin.get(url, headers={"accept-language": language})
        messages = " ".join(str(m) for m in response.context["messages"]).lower()
        assert words in messages, language
