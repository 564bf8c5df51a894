"""Projects of the network: funders, libraries, dates, key figures."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from libraries.indexing import follow_library
        from projects.models import TestimonialPage

        follow_library(TestimonialPage)
