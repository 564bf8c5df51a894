import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import nested_form_data, rich_text

from home.models import HomePage
from libraries.models import LibraryIndexPage, LibraryPage
from tests.factories import LibraryPageFactory
from tests.pages import DemoPageTestCase

SEED_LIBRARIES = [
    "Gminna Biblioteka Publiczna im. Jana Pawła II w Morawicy",
    "Miejsko-Gminna Biblioteka Publiczna w Korszach",
    "Powiatowa i Miejska Biblioteka Publiczna w Brzesku",
    "Gminna Biblioteka Publiczna w Komarówce Podlaskiej",
    "Biblioteka Publiczna Miasta i Gminy w Łazach",
    "Miejsko-Gminna Biblioteka Publiczna w Pilicy",
    "Gminna Biblioteka Publiczna w Kroczycach",
    "Miejska Biblioteka Publiczna w Andrychowie",
    "Helsinki City Library",
    "Central Library System of Belgorod District (MUK TsB)",
    "Central District Library (Belgorod District)",
    "Bessonovka Settlement Library (branch No. 6)",
    "Pushkarnoye Settlement Library (branch No. 22)",
    "District Children&#x27;s Library (Belgorod District)",
]


class TestLibraryIndexPage(DemoPageTestCase):
    def test_lives_under_the_home_page_and_holds_libraries(self):
        self.assertAllowedParentPageTypes(LibraryIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(LibraryIndexPage, {LibraryPage})

    def test_renders(self):
        self.assertPageIsRenderable(self.library_index)

    def test_lists_every_library_named_in_the_seeds(self):
        response = self.client.get("/en/libraries/")
        for name in SEED_LIBRARIES:
            self.assertContains(response, name)
        self.assertContains(response, "<h3", count=3)  # Poland, Russia, Finland


class TestLibraryPage(DemoPageTestCase):
    def test_lives_in_the_directory(self):
        self.assertAllowedParentPageTypes(LibraryPage, {LibraryIndexPage})
        self.assertAllowedSubpageTypes(LibraryPage, set())

    def test_renders(self):
        self.assertPageIsRenderable(self.library)

    def test_lists_its_projects_with_role_practices_and_testimonials(self):
        response = self.client.get(self.library.url)
        self.assertContains(
            response, "Mikrogranty „Podaj dalej”</a> – biblioteka wiodąca"
        )
        self.assertContains(response, "Spotkania „Podaj dalej” w Łazach")
        morawica = self.polish_page(LibraryPage, slug="gbp-morawica")
        response = self.client.get(morawica.url)
        self.assertContains(
            response,
            "Gminna Biblioteka Publiczna im. Jana Pawła II w Morawicy "
            "(Biblioteka Wiodąca)</a>",
        )

    def test_partner_library_lists_the_practice_it_took_part_in(self):
        pilica = self.polish_page(LibraryPage, slug="mgbp-pilica")
        response = self.client.get(pilica.url)
        self.assertContains(response, "Spotkania „Podaj dalej” w Łazach")
        self.assertContains(response, "biblioteka partnerska")

    def test_can_be_created_in_the_admin(self):
        data = nested_form_data(
            {
                "title": "Biblioteka Publiczna w Zawierciu",
                "slug": "bp-zawiercie",
                "kind": "city",
                "member_of": "",
                "town": "Zawiercie",
                "region": "województwo śląskie",
                "country": "Polska",
                "latitude": "50.4875",
                "longitude": "19.4167",
                "website": "https://example.org/",
                "description": rich_text("<p>Biblioteka miejska.</p>"),
            }
        )
        self.assertCanCreate(self.library_index, LibraryPage, data)


@pytest.mark.django_db
def test_directory_queries_do_not_grow_with_libraries(client, home_pages):
    from wagtail.models import Locale

    index = LibraryIndexPage.objects.get(locale=Locale.objects.get(language_code="pl"))

    def count_queries():
        client.get(index.url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(index.url)
        assert response.status_code == 200
        return len(queries)

    LibraryPageFactory.create_batch(2, parent=index)
    few = count_queries()
    LibraryPageFactory.create_batch(48, parent=index)
    many = count_queries()
    assert few == many
