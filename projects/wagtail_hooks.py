"""What the projects app adds to the pages it stands on."""

from wagtail import hooks

from libraries.models import LIBRARY_PAGE_CONTEXT
from projects.models import roles_of_library, testimonials_of_library


@hooks.register(LIBRARY_PAGE_CONTEXT)
def library_projects_and_testimonials(library):
    return {
        "project_roles": roles_of_library(library),
        "testimonials": testimonials_of_library(library),
    }
