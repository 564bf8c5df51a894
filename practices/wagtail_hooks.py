"""What the practices app adds to the pages it stands on."""

from wagtail import hooks

from core.cache_tags import kids_tag, related_listing
from libraries.models import LIBRARY_PAGE_CONTEXT
from practices.models import PracticePage, practices_of_library
from projects.models import PROJECT_PRACTICES


@hooks.register(PROJECT_PRACTICES)
def practices_under(project):
    # A practice joins this list by being put under the project (its kids-).
    with related_listing(kids_tag(project.translation_key)):
        return PracticePage.objects.child_of(project).live().public().for_cards()


@hooks.register(LIBRARY_PAGE_CONTEXT)
def library_practices(library):
    return {"practices": practices_of_library(library)}
