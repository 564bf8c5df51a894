"""The demo: five documents from library networks, and the loader that makes
them pages (``manage.py load_demo``). Nothing imports this app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = _("Demo content")
