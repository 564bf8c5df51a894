"""Translation through wagtail-localize's own path, and what it synchronises."""

from datetime import date
from decimal import Decimal

import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from core.models import Audience
from libraries.models import LibraryPage
from projects.models import ProjectIndexPage
from tests.factories import ProjectPageFactory


@pytest.fixture
def polish_project(home_pages):
    polish = Locale.objects.get(language_code="pl")
    lazy = LibraryPage.objects.get(locale=polish, slug="bpmig-lazy")
    project = ProjectPageFactory(
        parent=ProjectIndexPage.objects.get(locale=polish),
        title="Seniorzy w sieci",
        slug="seniorzy-w-sieci",
        summary="Warsztaty dla seniorów.",
        start_date=date(2021, 3, 1),
        key_figures=[
            {
                "type": "figure",
                "value": {"value": Decimal("120"), "unit": "", "label": "uczestników"},
            }
        ],
        audiences=[Audience.objects.get(locale=polish, slug="seniors")],
    )
    project.project_libraries.create(library=lazy, role="leading")
    project.save_revision().publish()
    return project


@pytest.mark.django_db
class TestTranslationOfAProject:
    def test_translated_page_shows_synchronised_fields_in_its_language(
        self, client, polish_project
    ):
        english = Locale.objects.get(language_code="en")
        source, _created = TranslationSource.get_or_create_from_instance(polish_project)
        translation = Translation.objects.create(source=source, target_locale=english)
        for segment in source.stringsegment_set.select_related("string", "context"):
            text = {
                "Seniorzy w sieci": "Seniors online",
                "Warsztaty dla seniorów.": "Workshops for seniors.",
                "uczestników": "participants",
            }.get(segment.string.data)
            if text:
                StringTranslation.objects.create(
                    translation_of=segment.string,
                    locale=english,
                    context=segment.context,
                    data=text,
                )
        translation.save_target(publish=False)
        page = polish_project.get_translation(english)
        page.get_latest_revision().publish()

        response = client.get(page.url)
        html = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Seniors online</h1>" in html
        # Dates and numbers are synchronised, shown in the page's language.
        assert '<time datetime="2021-03-01">March 1, 2021</time>' in html
        assert "<dd>120</dd>" in html and "participants" in html
        # Relations point to the English library and audience.
        assert (
            "Biblioteka Publiczna Miasta i Gminy w Łazach</a> – leading library" in html
        )
        assert ">seniors</span>" in html
        assert ">seniorzy<" not in html

    def test_a_term_keeps_its_slug_in_every_language(self, db):
        seniors = Audience.objects.filter(slug="seniors").order_by(
            "locale__language_code"
        )
        names = {a.locale.language_code: a.name for a in seniors}
        assert names == {
            "en": "seniors",
            "fi": "ikääntyneet",
            "pl": "seniorzy",
            "ru": "пожилые люди",
        }
        assert len({a.translation_key for a in seniors}) == 1


@pytest.mark.django_db
def test_an_untranslated_library_keeps_its_own_language_on_the_page(client, home_pages):
    from libraries.models import LibraryIndexPage
    from practices.models import PracticePage
    from tests.factories import LibraryPageFactory

    polish = Locale.objects.get(language_code="pl")
    only_polish = LibraryPageFactory(
        parent=LibraryIndexPage.objects.get(locale=polish),
        title="Biblioteka w Zawierciu",
    )
    only_polish.save_revision().publish()
    practice = PracticePage.objects.get(slug="meetings-in-lazy")
    practice.library = only_polish
    practice.save_revision().publish()

    html = client.get(practice.url).content.decode()
    assert 'lang="pl">Biblioteka w Zawierciu</a>' in html
    lazy_pilica = "Miejsko-Gminna Biblioteka Publiczna w Pilicy</a>"
    assert lazy_pilica in html and f'lang="pl">{lazy_pilica}' not in html
