"""Editorial work: roles, the permission policy, review and translation tools."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial work")

    def ready(self):
        from editorial import hand_edits, localize_dates, translated_names
        from editorial.roles import connect_signals

        connect_signals()
        translated_names.connect()
        localize_dates.install()
        hand_edits.connect()
