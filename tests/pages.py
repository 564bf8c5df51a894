"""Shared ground for the page-type tests: the demo's pages, found by type."""

from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data

from libraries.models import LibraryIndexPage, LibraryPage
from practices.models import PracticeIndexPage
from projects.models import ProjectIndexPage, ProjectPage
from tutorials.models import TutorialIndexPage


class DemoPageTestCase(WagtailPageTestCase):
    """A superuser in the admin, over the demo content (loaded per session)."""

    def setUp(self):
        self.login()
        self.polish = Locale.objects.get(language_code="pl")

    def polish_page(self, model, **filters):
        return model.objects.filter(locale=self.polish, **filters).first()

    @property
    def project_index(self):
        return self.polish_page(ProjectIndexPage)

    @property
    def practice_index(self):
        return self.polish_page(PracticeIndexPage)

    @property
    def tutorial_index(self):
        return self.polish_page(TutorialIndexPage)

    @property
    def library_index(self):
        return self.polish_page(LibraryIndexPage)

    @property
    def project(self):
        return self.polish_page(ProjectPage, slug="podaj-dalej")

    @property
    def library(self):
        return self.polish_page(LibraryPage, slug="bpmig-lazy")


def empty_replication():
    """The replication fields of a story's form (core.replication), left
    empty, as the admin posts them: a form without them is incomplete."""
    from wagtail.test.utils.form_data import streamfield

    return {
        "key_figures": streamfield([]),
        "steps": streamfield([]),
        "materials": streamfield([]),
        "licence": "cc-by-4.0",
    }


def form_data(fields, **choices):
    """An admin form's POST data: nested fields flattened, and multiple
    choices (audiences, formats…) as plain lists, which nested_form_data
    would otherwise number like formset rows."""
    return {**nested_form_data(fields), **choices}
