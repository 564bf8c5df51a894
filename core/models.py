"""Taxonomies that readers filter by: one identity across all languages.

Each term is a translatable snippet. Its translations share a translation key
and a slug, so a filter such as ?audience=seniors means the same in every
language, and a page tagged with the Polish term shows the reader's own.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


class Term(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Used in addresses of filtered lists; the same in every language."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Audience(Term):
    class Meta(Term.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Format(Term):
    class Meta(Term.Meta):
        verbose_name = _("format")
        verbose_name_plural = _("formats")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Topic(Term):
    class Meta(Term.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
