"""What a member library did, for which audience, in what format."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Good practices")

    def ready(self):
        from libraries.indexing import follow_library
        from practices.models import PracticePage

        follow_library(PracticePage)
