from wagtail.test.utils.form_data import (
    inline_formset,
    rich_text,
    streamfield,
)

from core.models import Audience, Format
from home.models import HomePage
from libraries.models import LibraryPage
from practices.models import PracticeIndexPage, PracticePage
from projects.models import ProjectPage
from tests.pages import DemoPageTestCase, form_data


class TestPracticeIndexPage(DemoPageTestCase):
    def test_lives_under_the_home_page_and_holds_practices(self):
        self.assertAllowedParentPageTypes(PracticeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PracticeIndexPage, {PracticePage})

    def test_renders(self):
        self.assertPageIsRenderable(self.practice_index)

    def test_lists_practices_that_live_under_projects(self):
        response = self.client.get(self.practice_index.url)
        self.assertContains(response, "Spotkania „Podaj dalej” w Łazach")
        self.assertContains(response, "Biblioteka Publiczna Miasta i Gminy w Łazach")


class TestPracticePage(DemoPageTestCase):
    def test_lives_under_a_project_or_the_practice_list(self):
        self.assertAllowedParentPageTypes(
            PracticePage, {ProjectPage, PracticeIndexPage}
        )
        self.assertAllowedSubpageTypes(PracticePage, set())

    def test_renders(self):
        self.assertPageIsRenderable(
            PracticePage.objects.filter(locale=self.polish).first()
        )

    def test_can_be_created_in_the_admin(self):
        partner = self.polish_page(LibraryPage, slug="mgbp-pilica")
        data = form_data(
            {
                "title": "Wirtualna wystawa w Pilicy",
                "slug": "wirtualna-wystawa",
                "summary": "Wystawa zdjęć mieszkańców pokazana online.",
                "library": self.library.pk,
                "partners": inline_formset([{"library": partner.pk}]),
                "events": streamfield(
                    [("event", {"date": "2021-05-10", "label": "Otwarcie wystawy"})]
                ),
                "body": streamfield([("paragraph", rich_text("<p>Opis wystawy.</p>"))]),
                "key_figures": streamfield([]),
                "steps": streamfield([]),
                "materials": streamfield([]),
                "licence": "cc-by-4.0",
                "links": streamfield(
                    [
                        (
                            "link",
                            {"title": "Wystawa", "url": "https://example.org/wystawa"},
                        )
                    ]
                ),
            },
            audiences=[Audience.objects.get(locale=self.polish, slug="seniors").pk],
            formats=[
                Format.objects.get(locale=self.polish, slug="virtual-exhibition").pk
            ],
        )
        self.assertCanCreate(self.practice_index, PracticePage, data)
        practice = PracticePage.objects.get(slug="wirtualna-wystawa")
        assert [p.library for p in practice.partners.all()] == [partner]
        assert str(practice.events[0].value["date"]) == "2021-05-10"
        assert [a.slug for a in practice.audiences.all()] == ["seniors"]


class TestPracticeOfTheSeeds(DemoPageTestCase):
    """Seed 003: the Łazy practice shows its library, partners, terms and events."""

    def test_shows_library_partners_audiences_formats_and_dated_events(self):
        practice = PracticePage.objects.get(
            locale=self.polish, slug="spotkania-w-lazach"
        )
        response = self.client.get(practice.url)
        for text in [
            "Biblioteka Publiczna Miasta i Gminy w Łazach",
            "Miejsko-Gminna Biblioteka Publiczna w Pilicy",
            "Gminna Biblioteka Publiczna w Kroczycach",
            "Miejska Biblioteka Publiczna w Andrychowie",
            "bibliotekarze",
            "spotkanie",
            "panel na czacie",
            '<time datetime="2010-12-16">16 grudnia 2010</time>',
            '<time datetime="2011-03-03">3 marca 2011</time>',
            "Pierwsze spotkanie w Bibliotece w Łazach",
        ]:
            self.assertContains(response, text)

    def test_english_translation_shows_english_terms_and_dates(self):
        practice = PracticePage.objects.get(
            locale__language_code="en", slug="meetings-in-lazy"
        )
        response = self.client.get(practice.url)
        for text in [
            "“Podaj dalej” meetings in Łazy",
            "librarians",
            "chat panel",
            '<time datetime="2010-12-16">Dec. 16, 2010</time>',
            "First meeting at the library in Łazy",
            "The second meeting took place on 3 March 2011",
        ]:
            self.assertContains(response, text)
