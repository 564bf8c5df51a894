from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, rich_text

from home.models import HomePage
from information.models import AccessibilityStatementPage, InformationPage
from libraries.models import LibraryIndexPage
from practices.models import PracticeIndexPage
from projects.models import ProjectIndexPage, ProjectPage
from tests.pages import DemoPageTestCase, form_data
from tutorials.models import TutorialIndexPage


class TestHomePageType(DemoPageTestCase):
    def test_lives_under_the_root_and_holds_the_index_pages(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                *(ProjectIndexPage, PracticeIndexPage, TutorialIndexPage),
                *(LibraryIndexPage, InformationPage, AccessibilityStatementPage),
            },
        )

    def test_renders(self):
        self.assertPageIsRenderable(self.polish_page(HomePage))

    def test_can_be_created_in_the_admin(self):
        self.assertCanCreate(
            Page.get_first_root_node(),
            HomePage,
            form_data(
                {
                    "title": "Druga sieć",
                    "slug": "druga-siec",
                    "intro": rich_text("<p>Inna sieć bibliotek.</p>"),
                    "featured_projects": inline_formset([]),
                    "testimonial": "",
                }
            ),
        )

    def test_featured_projects_come_first(self):
        home = self.polish_page(HomePage)
        chosen = self.polish_page(ProjectPage, slug="podaj-dalej")
        home.featured_projects.create(project=chosen, sort_order=0)
        home.save_revision().publish()

        html = self.client.get(home.url).content.decode()
        section = html.split('id="featured-projects"')[1].split("</section>")[0]
        assert "Mikrogranty „Podaj dalej”" in section
        assert "Biblioteka online" not in section
