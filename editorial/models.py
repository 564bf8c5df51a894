"""What editorial work keeps in the database of its own."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LibraryTeam(models.Model):
    """The editors of one member library: a Wagtail group tied to the library
    in every language (by its translation key). Made when a library is first
    saved, so a new library gets its group without code changes."""

    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="library_team"
    )
    library_key = models.UUIDField(_("library"), unique=True)

    class Meta:
        verbose_name = _("library team")
        verbose_name_plural = _("library teams")

    def __str__(self):
        return self.group.name
