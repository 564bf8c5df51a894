"""Operations: the page cache, security, uploads, media, backups and health."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = _("Operations")

    def ready(self):
        from operations import checks  # noqa: F401 (registers them)
        from operations.page_cache import connect_signals

        connect_signals()
