from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from core.models import Audience, Format, Topic
from home.models import HomePage
from practices.models import PracticePage
from projects.models import Programme, ProjectIndexPage, ProjectPage, TestimonialPage
from tests.pages import DemoPageTestCase, form_data


class TestProjectIndexPage(DemoPageTestCase):
    def test_lives_under_the_home_page_and_holds_projects(self):
        self.assertAllowedParentPageTypes(ProjectIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ProjectIndexPage, {ProjectPage})

    def test_renders(self):
        self.assertPageIsRenderable(self.project_index)

    def test_lists_its_projects(self):
        response = self.client.get(self.project_index.url)
        self.assertContains(response, "Mikrogranty „Podaj dalej”")
        self.assertContains(response, "Biblioteka online: program szkoleniowy")


class TestProjectPage(DemoPageTestCase):
    def test_lives_under_a_project_list(self):
        self.assertAllowedParentPageTypes(ProjectPage, {ProjectIndexPage})
        self.assertAllowedSubpageTypes(ProjectPage, {PracticePage, TestimonialPage})

    def test_renders(self):
        self.assertPageIsRenderable(self.project)

    def test_lists_the_live_practices_under_it(self):
        """The practices app gives them (the ``project_practices`` hook)."""
        project = ProjectPage.objects.get(locale=self.polish, slug="podaj-dalej")
        practice = PracticePage.objects.child_of(project).get(slug="spotkania-w-lazach")
        response = self.client.get(project.url)
        self.assertContains(response, "Spotkania „Podaj dalej” w Łazach")
        self.assertContains(response, practice.url)

        practice.unpublish()
        self.client.logout()
        response = self.client.get(project.url)
        self.assertNotContains(response, "Spotkania „Podaj dalej” w Łazach")

    def test_can_be_created_in_the_admin(self):
        library = self.library
        audience = Audience.objects.get(locale=self.polish, slug="seniors")
        data = form_data(
            {
                "title": "Seniorzy w sieci",
                "slug": "seniorzy-w-sieci",
                "summary": "Warsztaty cyfrowe dla seniorów w bibliotekach gminnych.",
                "programme": Programme.objects.get(
                    locale=self.polish, name="Kultura w sieci"
                ).pk,
                "start_date": "2021-03-01",
                "end_date": "2021-12-31",
                "project_libraries": inline_formset(
                    [{"library": library.pk, "role": "leading"}]
                ),
                "key_figures": streamfield(
                    [("figure", {"value": "120", "unit": "", "label": "uczestników"})]
                ),
                "body": streamfield(
                    [
                        (
                            "paragraph",
                            rich_text("<p>Spotkania odbywały się co tydzień.</p>"),
                        )
                    ]
                ),
                "links": streamfield([]),
                "events": streamfield(
                    [
                        (
                            "event",
                            {
                                "date": "2021-03-01",
                                "label": "Pierwsze warsztaty",
                                "start_time": "10:00",
                                "end_time": "12:30",
                            },
                        )
                    ]
                ),
                "steps": streamfield([]),
                "materials": streamfield([]),
                "licence": "cc-by-4.0",
            },
            audiences=[audience.pk],
            formats=[Format.objects.get(locale=self.polish, slug="webinar").pk],
            topics=[Topic.objects.get(locale=self.polish, slug="digital-skills").pk],
        )
        self.assertCanCreate(self.project_index, ProjectPage, data)

        project = ProjectPage.objects.get(slug="seniorzy-w-sieci")
        assert project.project_libraries.get().library == library
        assert project.key_figures[0].value["label"] == "uczestników"
        event = project.events[0].value
        assert (
            str(event["date"]),
            str(event["start_time"]),
            str(event["end_time"]),
        ) == (
            "2021-03-01",
            "10:00:00",
            "12:30:00",
        )
        assert list(project.audiences.all()) == [audience]


class TestTestimonialPage(DemoPageTestCase):
    def test_lives_under_its_project(self):
        self.assertAllowedParentPageTypes(TestimonialPage, {ProjectPage})
        self.assertAllowedSubpageTypes(TestimonialPage, set())

    def test_renders(self):
        self.assertPageIsRenderable(
            TestimonialPage.objects.filter(locale=self.polish).first()
        )

    def test_shows_its_library_and_role(self):
        testimonial = TestimonialPage.objects.get(
            locale=self.polish, slug="komarowka-podlaska"
        )
        response = self.client.get(testimonial.url)
        self.assertContains(
            response, "Gminna Biblioteka Publiczna w Komarówce Podlaskiej</a>"
        )
        self.assertContains(response, "(biblioteka partnerska)")
        self.assertContains(
            response, "zorganizowaliśmy konkurs na logo naszej biblioteki"
        )

    def test_can_be_created_in_the_admin(self):
        data = nested_form_data(
            {
                "title": "Głos z Łaz",
                "slug": "glos-z-laz",
                "quote": rich_text(
                    "<p>Spotkania dały nam odwagę.</p><p>Chcemy więcej.</p>"
                ),
                "library": self.library.pk,
                "role": "leading",
                "person": "Anna Nowak",
                "function": "dyrektorka",
                "excerpt": "",
            }
        )
        self.assertCanCreate(self.project, TestimonialPage, data)
        testimonial = TestimonialPage.objects.get(slug="glos-z-laz")
        assert testimonial.library == self.library
        assert testimonial.role == "leading"


class TestTermChoicesInTheAdmin(DemoPageTestCase):
    def test_a_russian_project_offers_russian_terms_only(self):
        from django.urls import reverse

        russian_index = ProjectIndexPage.objects.get(locale__language_code="ru")
        url = reverse(
            "wagtailadmin_pages:add", args=("projects", "projectpage", russian_index.pk)
        )
        form = self.client.get(url).context["form"]
        names = {term.name for term in form.fields["audiences"].queryset}
        assert "библиотекари" in names
        assert names.isdisjoint({"bibliotekarze", "librarians", "kirjastohenkilöstö"})
