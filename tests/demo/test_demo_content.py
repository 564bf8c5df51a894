"""What `make demo` promises: every seed, in its language and in English."""

import pytest
from wagtail.models import Page

from demo.loader import DemoLoader
from libraries.models import LibraryPage
from practices.models import PracticePage
from projects.models import ProjectPage, TestimonialPage
from tests.conftest import run_command

# Each seed, the language it was written in, and a line of its text.
SEEDS = [
    ("pl", "biblioteka-online", "Pandemia spowodowała spektakularne zmiany"),
    (
        "pl",
        "podaj-dalej",
        "Szacunkowa liczba uczestników jednego spotkania wynosiła 15 osób.",
    ),
    ("ru", "onlain-shkola-nastavnichestva", "Видеоматериалы курса (6 мастер-классов"),
    ("pl", "spotkania-w-lazach", "Dwa pierwsze spotkania już za nami."),
    ("fi", "kirjastovaki-digitaitoisemmaksi", "Yleisille kirjastoille osoitettiin"),
]


@pytest.mark.django_db
class TestSeedsArePublished:
    @pytest.mark.parametrize(("code", "slug", "text"), SEEDS)
    def test_in_their_source_language_and_in_english(self, client, code, slug, text):
        source = Page.objects.get(locale__language_code=code, slug=slug).specific
        response = client.get(source.url)
        assert response.status_code == 200
        assert f'<html lang="{code}"' in response.content.decode()
        assert text in response.content.decode()

        english = source.get_translation(
            source.locale.__class__.objects.get(language_code="en")
        )
        response = client.get(english.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert '<html lang="en"' in html
        assert text not in html
        assert f'hreflang="{code}"' in html

    def test_no_public_page_carries_scraped_boilerplate(self, client):
        for page in Page.objects.live().filter(depth__gt=1):
            html = client.get(page.url).content.decode()
            assert "Skip to content" not in html, page.url
            assert "Proszę pozostawić" not in html, page.url

    def test_four_quotes_become_four_attributed_testimonials(self):
        testimonials = TestimonialPage.objects.filter(locale__language_code="pl")
        roles = {t.library.slug: t.role for t in testimonials.select_related("library")}
        assert roles == {
            "gbp-morawica": "leading",
            "mgbp-korsze": "leading",
            "pimbp-brzesko": "leading",
            "gbp-komarowka-podlaska": "partner",
        }

    def test_figures_become_key_figures(self):
        project = ProjectPage.objects.get(slug="onlain-shkola-nastavnichestva")
        figures = {
            str(block.value["value"]): block.value["label"]
            for block in project.key_figures
        }
        assert figures["28"] == "проектных заявок на конкурс «Открытая библиотека»"
        assert figures["7745"].startswith("просмотров")

    def test_every_library_named_in_the_seeds_has_a_page_in_every_language(self):
        data = DemoLoader(log=lambda message: None).content["libraries"]
        for library in data:
            page = LibraryPage.objects.get(
                slug=library["slug"], locale__language_code=library["locale"]
            )
            assert page.get_translations(inclusive=True).live().count() == 4

    def test_the_practice_keeps_its_dated_events(self):
        practice = PracticePage.objects.get(slug="spotkania-w-lazach")
        assert [str(e.value["date"]) for e in practice.events] == [
            "2010-12-16",
            "2011-03-03",
        ]


@pytest.mark.django_db
def test_loading_again_changes_nothing():
    before = {
        model.__name__: model.objects.count()
        for model in (Page, LibraryPage, TestimonialPage)
    }
    run_command("load_demo", "--no-superuser")
    after = {
        model.__name__: model.objects.count()
        for model in (Page, LibraryPage, TestimonialPage)
    }
    assert after == before
