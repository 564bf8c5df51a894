"""What the practices app adds to the pages it stands on."""

from wagtail import hooks

from libraries.models import LIBRARY_PAGE_CONTEXT
from practices.models import PracticePage, practices_of_library
from projects.models import PROJECT_PRACTICES


@hooks.register(PROJECT_PRACTICES)
def practices_under(project):
    return PracticePage.objects.child_of(project).live().public().for_cards()


@hooks.register(LIBRARY_PAGE_CONTEXT)
def library_practices(library):
    return {"practices": practices_of_library(library)}
