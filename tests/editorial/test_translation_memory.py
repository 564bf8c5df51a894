"""The translation memory (editorial/memory.py) beside wagtail-localize's
editor: earlier translations of the same text from another page (exact) and
of a similar one (fuzzy, with its score), one click to use, and machine
translation asked only for what the memory cannot fill exactly."""

import pytest
from django.urls import reverse
from rapidfuzz import fuzz
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from editorial.roles import TRANSLATORS
from tests.factories import ProjectPageFactory, user_in_group

from .machine_translation import (
    edit_url,
    libretranslate_at,
    machine_translate,
    messages_of,
    translations_into,
)

pytestmark = pytest.mark.django_db

TITLE = "Biblioteka online: program szkoleniowy"
SIMILAR = "Biblioteka online: program szkoleniowy dla seniorów"
TITLE_RU = "Онлайн-библиотека: учебная программа"
SIMILAR_RU = "Онлайн-библиотека: учебная программа для пожилых"


def translate_title(page, russian, text):
    """The page translated into Russian through wagtail-localize, its title
    translated by hand."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=russian)
    translation.save_target()
    title = StringSegment.objects.get(source=source, context__path="title")
    StringTranslation.objects.create(
        translation_of=title.string,
        context=title.context,
        locale=russian,
        data=text,
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )
    return translation.get_target_instance()


@pytest.fixture
def earlier(russian_translation, polish_project):
    """Two other Polish projects translated into Russian earlier: one whose
    title is the project's, one whose title is close to it."""
    russian = russian_translation.target_locale
    parent = polish_project.get_parent()
    same = ProjectPageFactory(parent=parent, title=TITLE, slug="ta-sama")
    similar = ProjectPageFactory(parent=parent, title=SIMILAR, slug="podobna")
    return {
        "same": translate_title(same, russian, TITLE_RU),
        "similar": translate_title(similar, russian, SIMILAR_RU),
    }


def aids(client, translation):
    response = client.get(reverse("translations_aids", args=[translation.pk]))
    assert response.status_code == 200
    return {segment["source"]: segment for segment in response.json()["segments"]}


def title_segment(translation):
    return StringSegment.objects.get(source=translation.source, context__path="title")


class TestTheMemoryOffers:
    def test_an_exact_match_from_another_page(
        self, admin, russian_translation, earlier
    ):
        (exact, *_rest) = aids(admin, russian_translation)[TITLE]["matches"]
        assert exact["text"] == TITLE_RU
        assert (exact["score"], exact["exact"]) == (100, True)
        assert exact["page"]["id"] == earlier["same"].pk

        html = admin.get(edit_url(russian_translation)).content.decode()
        panel = html[html.index("data-editorial-aids") :]
        assert "Same text" in panel
        assert f'<span lang="ru">{TITLE_RU}</span>' in panel
        assert reverse("wagtailadmin_pages:edit", args=[earlier["same"].pk]) in panel

    def test_a_fuzzy_match_with_its_score(self, admin, russian_translation, earlier):
        matches = aids(admin, russian_translation)[TITLE]["matches"]
        fuzzy = next(match for match in matches if not match["exact"])
        score = round(fuzz.ratio(TITLE, SIMILAR))
        assert 70 <= score < 100
        assert (fuzzy["text"], fuzzy["source"], fuzzy["score"]) == (
            SIMILAR_RU,
            SIMILAR,
            score,
        )
        assert fuzzy["page"]["id"] == earlier["similar"].pk
        html = admin.get(edit_url(russian_translation)).content.decode()
        assert f"{score}% similar" in html

    def test_nothing_for_a_segment_translated_already(
        self, admin, russian_translation, earlier
    ):
        title = title_segment(russian_translation)
        StringTranslation.objects.create(
            translation_of=title.string,
            context=title.context,
            locale=russian_translation.target_locale,
            data="Другое",
        )
        assert TITLE not in aids(admin, russian_translation)

    def test_nothing_from_another_language(self, admin, russian_translation, earlier):
        StringTranslation.objects.filter(data=TITLE_RU).update(
            locale=Locale.objects.get(language_code="fi")
        )
        assert [
            m["text"] for m in aids(admin, russian_translation)[TITLE]["matches"]
        ] == [SIMILAR_RU]


class TestUsingAMatch:
    def use(self, client, translation, match):
        return client.post(
            reverse("translations_use_match", args=[translation.pk]),
            {
                "segment": title_segment(translation).pk,
                "match": match.pk,
                "next": edit_url(translation),
            },
        )

    def test_one_click_makes_it_the_translation(
        self, admin, admin_user, russian_translation, earlier
    ):
        match = StringTranslation.objects.get(data=SIMILAR_RU)
        response = self.use(admin, russian_translation, match)
        assert response.status_code == 302
        assert response.url == edit_url(russian_translation)
        made = translations_into(russian_translation).get(
            context=title_segment(russian_translation).context
        )
        assert (made.data, made.translation_type, made.last_translated_by) == (
            SIMILAR_RU,
            StringTranslation.TRANSLATION_TYPE_MANUAL,
            admin_user,
        )
        # Translated now: no longer offered.
        assert TITLE not in aids(admin, russian_translation)

    def test_refused_to_a_translator_of_another_language(
        self, client, russian_translation, earlier
    ):
        client.force_login(user_in_group(TRANSLATORS.format("English"), "tr-en"))
        match = StringTranslation.objects.get(data=TITLE_RU)
        assert self.use(client, russian_translation, match).status_code in (302, 403)
        assert not translations_into(russian_translation).exists()
        response = client.get(
            reverse("translations_aids", args=[russian_translation.pk])
        )
        assert response.status_code in (302, 403)

    def test_a_match_into_another_language_is_refused(
        self, admin, russian_translation, earlier
    ):
        match = StringTranslation.objects.get(data=TITLE_RU)
        match.locale = Locale.objects.get(language_code="fi")
        match.save()
        assert self.use(admin, russian_translation, match).status_code == 404
        assert not translations_into(russian_translation).exists()

    def test_a_translation_the_memory_would_not_offer_is_refused(
        self, admin, russian_translation, earlier, polish_project
    ):
        """Only a match of a similar text: else any translation into the
        language (of a page the user may not edit) could be read through
        one's own translation, by its id."""
        other = ProjectPageFactory(
            parent=polish_project.get_parent(), title="Tajny projekt", slug="tajny"
        )
        translate_title(other, russian_translation.target_locale, "Секретный проект")
        match = StringTranslation.objects.get(data="Секретный проект")
        assert self.use(admin, russian_translation, match).status_code == 404
        assert not translations_into(russian_translation).exists()


class TestExactMatchesBeforeTheMachine:
    def test_machine_translation_is_not_asked_for_them(
        self, admin, stand_in, russian_translation, earlier
    ):
        segments = StringSegment.objects.filter(source=russian_translation.source)
        with libretranslate_at(stand_in.url):
            response = machine_translate(admin, russian_translation)
        (request,) = stand_in.requests
        assert TITLE not in request["json"]["q"]
        # Every other text went to the service (the title alone had a match).
        asked = {segment.string.data for segment in segments} - {TITLE}
        assert set(request["json"]["q"]) == asked
        title = translations_into(russian_translation).get(
            context=title_segment(russian_translation).context
        )
        assert (title.data, title.translation_type) == (
            TITLE_RU,
            StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
        assert messages_of(response)[0] == (
            "success",
            "1 text was filled with an earlier translation of the same text: "
            "review it before publishing.",
        )

    def test_nothing_is_asked_when_the_memory_fills_everything(
        self, admin, stand_in, russian_translation, earlier
    ):
        russian = russian_translation.target_locale
        # (Its summary's place: a title's translation becomes the page's
        # draft title, which is limited in length.)
        other = StringSegment.objects.get(
            source__object_id=earlier["same"].translation_key,
            context__path="summary",
        )
        for segment in StringSegment.objects.filter(
            source=russian_translation.source
        ).exclude(context__path="title"):
            # The same texts translated on another page, earlier.
            StringTranslation.objects.create(
                translation_of=segment.string,
                context=other.context,
                locale=russian,
                data=f"ru: {segment.string.data}",
            )
        with libretranslate_at(stand_in.url):
            machine_translate(admin, russian_translation)
        assert stand_in.requests == []
        assert translations_into(russian_translation).count() == (
            StringSegment.objects.filter(source=russian_translation.source).count()
        )

    def test_fill_without_machine_translation(
        self, admin, russian_translation, earlier
    ):
        response = admin.post(
            reverse("translations_fill_from_memory", args=[russian_translation.pk]),
            {"next": edit_url(russian_translation)},
        )
        assert response.status_code == 302
        assert list(
            translations_into(russian_translation).values_list("data", flat=True)
        ) == [TITLE_RU]


class TestWhichMatchComesFirst:
    def test_a_persons_translation_before_a_machines(
        self, admin, polish_project, russian_translation, earlier
    ):
        # A newer machine translation of the same title, on a third page.
        other = ProjectPageFactory(
            parent=polish_project.get_parent(), title=TITLE, slug="trzecia"
        )
        translate_title(other, russian_translation.target_locale, "Машина")
        StringTranslation.objects.filter(data="Машина").update(
            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
        )
        (first, second, *_rest) = aids(admin, russian_translation)[TITLE]["matches"]
        assert (first["text"], first["exact"]) == (TITLE_RU, True)
        assert (second["text"], second["exact"]) == ("Машина", True)


class TestInTheEditorsLanguage:
    def test_the_panel_speaks_finnish_to_a_finnish_editor(
        self, admin, admin_user, russian_translation, earlier
    ):
        profile = UserProfile.get_for_user(admin_user)
        profile.preferred_language = "fi"
        profile.save()
        html = admin.get(edit_url(russian_translation)).content.decode()
        panel = html[html.index("data-editorial-aids") :]
        assert "Käännösmuisti ja sanasto" in panel
        assert "Sama teksti" in panel
        assert ">Käytä<" in panel
