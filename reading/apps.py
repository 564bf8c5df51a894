"""Readers' machine translation: a story not in the reader's language, read
machine translated inside the reader's site (ARCHITECTURE.md)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadingConfig(AppConfig):
    name = "reading"
    verbose_name = _("Reading in every language")
