"""The dashboard's statuses, its kinds of rows, and who may use it."""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, OuterRef, Subquery
from django.utils.text import capfirst
from django.utils.translation import ngettext
from wagtail.admin.paginator import WagtailPaginator
from wagtail.models import (
    Locale,
    Page,
    TranslatableMixin,
    get_page_models,
)
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import TranslationSource

SOURCE = "source"
MISSING = "missing"
IN_PROGRESS = "in_progress"
UP_TO_DATE = "up_to_date"
OUTDATED = "outdated"
NOT_SYNCED = "not_synced"

# What counts as a change of a snippet in the admin's log.
SNIPPET_CHANGES = ("wagtail.edit", "wagtail.publish", "wagtail.revert")


def user_can_translate(user):
    return user.has_perm("wagtail_localize.submit_translation")


def user_can_use_dashboard(user):
    """Translators, and anyone who may edit pages somewhere."""
    return user.is_active and (
        user_can_translate(user)
        or page_permission_policy.user_has_permission(user, "change")
    )


@dataclass(frozen=True)
class Kind:
    """A kind of row: a page type or a translatable snippet model."""

    model: type

    @property
    def key(self):
        return self.model._meta.label_lower

    @property
    def label(self):
        return capfirst(self.model._meta.verbose_name)

    @property
    def is_page(self):
        return issubclass(self.model, Page)

    @cached_property
    def content_type(self):
        return ContentType.objects.get_for_model(self.model)


def page_kinds():
    return [
        Kind(model)
        for model in get_page_models()
        if model is not Page and issubclass(model, TranslatableMixin)
    ]


def snippet_kinds():
    models = [m for m in get_snippet_models() if issubclass(m, TranslatableMixin)]
    return [Kind(model) for model in sorted(models, key=lambda m: m._meta.label)]


def sorted_locales():
    """The locales, in the order of ``settings.LANGUAGES``."""
    order = {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}
    return sorted(
        Locale.objects.all(),
        key=lambda locale: (order.get(locale.language_code, len(order)), locale.id),
    )


def originals(queryset):
    """The originals of the translation groups in ``queryset``: in each
    group, the object in the locale of the earliest TranslationSource, or
    else the oldest object."""
    model = queryset.model
    if model is Page:
        base = Page.objects.filter(alias_of__isnull=True)
    else:
        base = model.objects.all()
    first = (
        base.filter(translation_key=OuterRef("translation_key"))
        .annotate(
            source_created=Subquery(
                TranslationSource.objects.filter(
                    object_id=OuterRef("translation_key"),
                    locale_id=OuterRef("locale_id"),
                ).values("created_at")[:1]
            )
        )
        .order_by(F("source_created").asc(nulls_last=True), "pk")
        .values("pk")[:1]
    )
    return queryset.filter(pk=Subquery(first))


class Rows:
    """The originals of several querysets one after the other, for the
    paginator: one count per queryset, one query per queryset a page spans."""

    def __init__(self, querysets):
        self.querysets = querysets

    @cached_property
    def counts(self):
        return [queryset.count() for queryset in self.querysets]

    def count(self):
        return sum(self.counts)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("Rows can only be sliced")
        start, stop = index.start or 0, index.stop
        found, offset = [], 0
        for queryset, count in zip(self.querysets, self.counts, strict=True):
            low = max(start - offset, 0)
            high = count if stop is None else min(stop - offset, count)
            if low < high:
                found.extend(queryset[low:high])
            offset += count
        return found


class DashboardPaginator(WagtailPaginator):
    @cached_property
    def items_count_label(self):
        return ngettext(
            "%(count)s translatable item", "%(count)s translatable items", self.count
        ) % {"count": self.count}


@dataclass
class Cell:
    locale: Locale
    status: str
    url: str = ""  # the status's action
    edit_url: str = ""  # the translation's editor, for outdated translations
    files_url: str = ""  # its files and changed texts (translation_files)
    alias: bool = False
    percent: int | None = None
    total: int | None = None
    translated: int | None = None
    since: datetime | None = None


@dataclass
class Row:
    kind: Kind
    translation_key: object
    title: str
    locale: Locale
    edit_url: str
    cells: list = field(default_factory=list)
    unpublished_changes: bool = False


@dataclass
class Member:
    """An object of a translation group, as far as the table needs it."""

    pk: object
    locale_id: int
    alias: bool = False
    last_published_at: datetime | None = None
    latest_revision_created_at: datetime | None = None
    has_unpublished_changes: bool = False
    instance: object = None


class BadFilter(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message
