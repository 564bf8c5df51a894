"""The site's own pages: its accessibility statement, contact and privacy."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformationConfig(AppConfig):
    name = "information"
    verbose_name = _("Information about the site")
