"""The ground every content kind stands on: taxonomies, abstract pages,
blocks, listings, localisation, feeds and sitemaps."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from core import (
            cache_tags,
            redirects,
            request_memo,
            string_fallback,
            wagtail_shortcuts,
        )

        string_fallback.install()
        cache_tags.connect()
        request_memo.connect()
        wagtail_shortcuts.install()
        redirects.install()
