"""wagtail-localize's own views follow the policy (issue 13, path 2): a
translator neither publishes through "Update translations" nor starts
translations outside their language, nor makes a live alias by translating
a page whose parent has no translation yet."""

import pytest
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.models import Translation, TranslationSource

from editorial.roles import NETWORK_EDITORS, TRANSLATORS
from libraries.models import LibraryPage
from practices.models import PracticeIndexPage, PracticePage
from projects.models import ProjectIndexPage
from tests.editorial.refusal import refused
from tests.factories import PracticePageFactory, ProjectPageFactory, user_in_group


@pytest.fixture
def translator(demo):
    return user_in_group(TRANSLATORS.format("English"), "translator-en")


@pytest.fixture
def locales(demo):
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def retitled_source(demo):
    """A Polish practice translated into English, its title changed and
    published since: "Update translations" would carry the change over."""
    page = PracticePage.objects.get(
        locale__language_code="pl", slug="spotkania-w-lazach"
    )
    page.title = "Spotkania w Łazach, nowy tytuł"
    page.save_revision().publish()
    return page


@pytest.fixture
def source(retitled_source):
    return TranslationSource.objects.get(
        object_id=retitled_source.translation_key,
        specific_content_type__model="practicepage",
    )


def english_title(page):
    return Page.objects.get(
        translation_key=page.translation_key, locale__language_code="en"
    ).specific.title


def new_polish_practice(parent):
    page = PracticePageFactory(parent=parent, title="Nowa praktyka", slug="nowa")
    page.save_revision().publish()
    return page


@pytest.mark.django_db
class TestUpdateTranslations:
    def test_a_translator_cannot_publish_through_sync(
        self, client, translator, retitled_source, source
    ):
        before = english_title(retitled_source)
        client.force_login(translator)
        response = client.post(
            f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"}
        )
        assert refused(response)
        assert english_title(retitled_source) == before

    def test_a_translator_cannot_sync_other_languages(
        self, client, translator, locales
    ):
        """A sync changes every translation (and copies the source's privacy
        onto them at once): not for someone who may edit only one."""
        library = LibraryPage.objects.get(locale=locales["pl"], slug="mgbp-korsze")
        PageViewRestriction.objects.create(
            page=library, restriction_type="password", password="x"
        )
        source = TranslationSource.objects.get(
            object_id=library.translation_key, locale=locales["pl"]
        )
        russian = Page.objects.get(
            translation_key=library.translation_key, locale=locales["ru"]
        )
        client.force_login(translator)
        response = client.post(f"/admin/localize/update/{source.pk}/", {})
        assert refused(response)
        # No restriction of its own was copied onto it (the original's covers
        # it anyway: TRANSLATIONS_SHARE_PRIVACY).
        assert not PageViewRestriction.objects.filter(page=russian).exists()

    def test_a_network_editor_publishes_through_sync(
        self, client, retitled_source, source, django_capture_on_commit_callbacks
    ):
        client.force_login(user_in_group(NETWORK_EDITORS, "network-editor"))
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"}
            )
        assert response.status_code == 302
        # The new title has no English yet: the published page falls back to it.
        assert english_title(retitled_source) == retitled_source.title


@pytest.fixture
def translate(client, translator, django_capture_on_commit_callbacks):
    """The translator posts wagtail-localize's "Translate" form."""

    def post(page, locale):
        client.force_login(translator)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale.pk]}
            )

    return post


@pytest.mark.django_db
class TestTranslate:
    def test_a_translator_cannot_translate_into_another_language(
        self, translate, locales
    ):
        page = new_polish_practice(PracticeIndexPage.objects.get(locale=locales["pl"]))
        response = translate(page, locales["ru"])
        assert refused(response)
        assert page.get_translation_or_none(locales["ru"]) is None

    def test_a_translator_translates_into_their_language_as_a_draft(
        self, translate, locales
    ):
        page = new_polish_practice(PracticeIndexPage.objects.get(locale=locales["pl"]))
        response = translate(page, locales["en"])
        assert response.status_code == 302
        english = page.get_translation_or_none(locales["en"])
        assert english is not None and not english.live

    def test_a_translator_makes_no_live_alias_of_the_parent(self, translate, locales):
        project = ProjectPageFactory(
            parent=ProjectIndexPage.objects.get(locale=locales["pl"]),
            title="Projekt bez przekładu",
            slug="bez-przekladu",
        )
        project.save_revision().publish()
        page = new_polish_practice(project)
        response = translate(page, locales["en"])
        assert refused(response)
        assert project.get_translation_or_none(locales["en"]) is None
        assert page.get_translation_or_none(locales["en"]) is None


@pytest.mark.django_db
def test_a_translator_cannot_turn_a_live_translation_into_an_alias(client, translator):
    english = PracticePage.objects.get(
        locale__language_code="en", slug="meetings-in-lazy", live=True
    )
    client.force_login(translator)
    response = client.post(f"/admin/localize/page/{english.pk}/convert_to_alias/")
    assert refused(response)
    english.refresh_from_db()
    assert english.alias_of_id is None


@pytest.mark.django_db
class TestFormsOfferOnlyWhatIsAllowed:
    """Every action a user is shown is one they may take (issue 13, point 4)."""

    def test_translate_lists_only_the_translators_language(
        self, client, translator, locales
    ):
        page = new_polish_practice(PracticeIndexPage.objects.get(locale=locales["pl"]))
        client.force_login(translator)
        html = client.get(f"/admin/localize/submit/page/{page.pk}/").content.decode()
        offered = {
            code for code, locale in locales.items() if f'value="{locale.pk}"' in html
        }
        assert offered == {"en"}

    def test_a_network_editor_is_offered_every_other_language(self, client, locales):
        page = new_polish_practice(PracticeIndexPage.objects.get(locale=locales["pl"]))
        client.force_login(user_in_group(NETWORK_EDITORS, "network-editor"))
        html = client.get(f"/admin/localize/submit/page/{page.pk}/").content.decode()
        offered = {
            code for code, locale in locales.items() if f'value="{locale.pk}"' in html
        }
        assert offered == set(locales) - {"pl"}

    def test_publish_immediately_is_not_offered_to_a_translator(
        self, client, translator, source
    ):
        client.force_login(translator)
        html = client.get(f"/admin/localize/update/{source.pk}/").content.decode()
        assert 'type="checkbox" name="publish_translations"' not in html
        client.force_login(user_in_group(NETWORK_EDITORS, "network-editor"))
        html = client.get(f"/admin/localize/update/{source.pk}/").content.decode()
        assert 'type="checkbox" name="publish_translations"' in html

    def test_translate_this_page_is_offered_only_where_a_language_is_left(
        self, client, translator, locales
    ):
        """An English practice nobody translated yet: the network editor is
        offered "Translate this page"; the English translator, who has no
        other language, is not (the form would list nothing)."""
        index = PracticeIndexPage.objects.get(locale=locales["en"])
        page = new_polish_practice(index)
        translate_url = f"/admin/localize/submit/page/{page.pk}/"
        client.force_login(user_in_group(NETWORK_EDITORS, "network-editor"))
        assert translate_url in client.get(f"/admin/pages/{index.pk}/").content.decode()
        client.force_login(translator)
        listing = client.get(f"/admin/pages/{index.pk}/")
        assert listing.status_code == 200
        assert translate_url not in listing.content.decode()
        header = client.get(f"/admin/pages/{page.pk}/").content.decode()
        assert translate_url not in header

    def test_convert_to_alias_is_not_offered_to_a_translator(self, client, translator):
        english = PracticePage.objects.get(
            locale__language_code="en", slug="meetings-in-lazy", live=True
        )
        translation = Translation.objects.get(
            source__object_id=english.translation_key, target_locale=english.locale
        )
        client.force_login(translator)
        client.post(f"/admin/localize/translate/{translation.pk}/disable/")
        edit = f"/admin/pages/{english.pk}/edit/"
        assert "localize-convert-to-alias" not in client.get(edit).content.decode()
        client.force_login(user_in_group(NETWORK_EDITORS, "network-editor"))
        assert "localize-convert-to-alias" in client.get(edit).content.decode()
