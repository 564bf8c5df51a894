"""What readers' machine translation keeps: the network's setting, and how
often readers asked for each story in each language.

The translated text itself is never kept here, nor as a wagtail-localize
translation or a page: it lives in the cache (``reading.translate``)."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="wagtail-localize-language")
class MachineReading(BaseSiteSetting):
    """Whether readers may ask for a machine translation, and into which
    languages. Only network editors may change it (``editorial.roles``)."""

    enabled = models.BooleanField(
        _("offer machine translation to readers"),
        default=True,
        help_text=_(
            "A story not yet translated into the reader's language can be read "
            "machine translated, marked as such, with a link to the original. "
            "It uses the machine translation service configured for editors."
        ),
    )
    languages = models.ManyToManyField(
        "wagtailcore.Locale",
        verbose_name=_("languages"),
        blank=True,
        related_name="+",
        help_text=_(
            "The readers' languages it is offered in. Leave all unticked for "
            "every language of the site."
        ),
    )

    panels = [
        FieldPanel("enabled"),
        FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        verbose_name = _("machine translation for readers")
        verbose_name_plural = _("machine translation for readers")


class ReaderRequest(models.Model):
    """How many readers asked to read a story machine translated into a
    language: a hint of what to translate next. Counted once per reader
    (address) and day, and written in batches (``reading.counts``)."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("language"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    readers = models.PositiveIntegerField(_("readers"), default=0)
    last_asked_at = models.DateTimeField(_("last asked"), null=True)

    class Meta:
        verbose_name = _("reader's request for machine translation")
        verbose_name_plural = _("readers' requests for machine translation")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "locale"], name="reading_one_count_per_language"
            )
        ]
        indexes = [models.Index(fields=["-readers"], name="reading_most_asked")]

    def __str__(self):
        return f"{self.page_id} → {self.locale_id}: {self.readers}"
