"""Shared building blocks: base page, blocks, template tags, demo loader."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from core import request_memo
        from core.page_cache import connect_signals as connect_page_cache
        from core.roles import connect_signals

        connect_signals()
        connect_page_cache()
        request_memo.connect()
