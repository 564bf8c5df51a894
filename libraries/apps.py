"""The network's directory of member libraries."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibrariesConfig(AppConfig):
    name = "libraries"
    verbose_name = _("Libraries")
