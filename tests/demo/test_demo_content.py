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


@pytest.mark.django_db
class TestReplicationFieldsOfTheSeeds:
    """What the seeds say of outcomes, funding and a person to ask fills the
    replication fields (core/replication.py); what they do not say stays empty."""

    def test_the_figures_of_001_and_002_are_outcomes(self):
        podaj_dalej = ProjectPage.objects.get(
            slug="podaj-dalej", locale__language_code="pl"
        )
        assert {
            (str(block.value["value"]), block.value["unit"])
            for block in podaj_dalej.key_figures
        } == {("15", ""), ("67", "%")}
        mentoring = ProjectPage.objects.get(slug="onlain-shkola-nastavnichestva")
        values = {str(block.value["value"]) for block in mentoring.key_figures}
        assert {"28", "7", "4", "15", "2", "761", "7745"} <= values

    def test_the_author_of_004_is_the_contact_with_the_email_it_published(self, client):
        project = ProjectPage.objects.get(slug="kirjastovaki-digitaitoisemmaksi")
        assert project.contact_name == "Päivi Litmanen-Peitsala"
        assert project.contact_role == "valtakunnalliset kehittämispalvelut"
        assert project.contact_library.slug == "helsingin-kaupunginkirjasto"
        assert project.public_contact_email == "plp@kirjastot.fi"
        html = client.get(project.url).content.decode()
        assert '<a href="mailto:plp@kirjastot.fi">' in html
        english = project.get_translation(
            project.locale.__class__.objects.get(language_code="en")
        )
        assert english.contact_role == "National Development Services"
        assert english.public_contact_email == "plp@kirjastot.fi"

    def test_000_names_its_funder_and_nothing_the_seeds_do_not_say(self):
        training = ProjectPage.objects.get(
            slug="biblioteka-online", locale__language_code="pl"
        )
        assert training.funded_by == "Ministerstwo Kultury i Dziedzictwa Narodowego"
        for page in [
            *ProjectPage.objects.filter(locale__language_code__in=["pl", "ru", "fi"]),
            *PracticePage.objects.filter(locale__language_code="pl"),
        ]:
            assert page.people_reached is None, page
            assert page.cost is None, page
            assert page.duration_amount is None, page
            assert not page.steps and not page.materials, page
            assert not page.goals.exists(), page
            # No seed states a licence: all rights stay reserved.
            assert page.licence == "all-rights-reserved", page
