"""The translation dashboard: every translatable object, by locale.

Rows are translation groups (objects sharing a ``translation_key``): pages of
every page type of the site (home and index pages included) and the
translatable snippets. A group's *original* is its object in the locale of its
earliest wagtail-localize ``TranslationSource``; a group that was never
submitted for translation has none, and its oldest object (lowest id) is the
original. Aliases are never originals. Rows are in tree order for pages, then
by the snippet models' own ordering; they are paginated.

Columns are the site's locales. Each cell has one status, always shown as text:

``source``
    The original's locale.
``missing``
    No object in that locale, or only a page alias (an alias shows the
    source's content and wagtail-localize offers to translate it). Links to
    wagtail-localize's "Translate" view, with the locale preselected.
``in_progress``
    A wagtail-localize ``Translation`` into the locale exists and not every
    string segment of its source has a translation (without an error): the
    progress is ``Translation.get_progress()``'s, computed here for the whole
    table at once. Links to the translation's edit view, which is
    wagtail-localize's translation editor.
``up_to_date``
    Every segment is translated (a source without string segments is up to
    date, as for ``Translation.get_status_display``). Links to the editor.
``outdated``
    The source changed after wagtail-localize last extracted its content
    (``TranslationSource.last_updated_at``), so its translations do not have
    the change: what "Sync translated pages" (``update_translations``) would
    bring. Takes precedence over the progress. wagtail-localize extracts a
    page's content from the database row, which is the *live* content (saving
    a draft does not change it), so a page source is outdated when its
    ``last_published_at`` is later; a draft saved after the sync only puts a
    note on the row ("unpublished changes"), as syncing would not take it. A
    snippet is outdated when its current content differs from the source's
    ``content_json``, wagtail-localize's own test in
    ``update_or_create_from_instance`` (for a snippet with child relations,
    whose serialisation would query each row, when the admin logged an edit
    after the sync). The date shown is the first publish (pages) or edit
    (snippets) logged after the sync, or the last publish if none was logged.
    Links to wagtail-localize's sync view (which returns to the dashboard),
    and to the translation's editor.
``not_synced``
    An object exists in the locale but no enabled wagtail-localize
    ``Translation`` makes it: it was created otherwise (``copy_for_translation``,
    by hand) or its synced translation was stopped. It is edited like any
    other object and syncing the source does not change it, so the dashboard
    does not claim it is up to date or not. Links to its edit view.

An enabled ``Translation`` whose target object does not exist (deleted, or
never saved) counts as ``missing``: submitting it again makes the object.

The number of queries does not depend on the number of rows: counts and one
slice per kind of object (pages, then each snippet model), then, for the
rows shown, one query each for the groups' pages, for each snippet model's
groups, the sources, the translations, the segment totals, the translated
segments and the publish and edit logs.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, F, OuterRef, Subquery
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import (
    Locale,
    ModelLogEntry,
    Page,
    PageLogEntry,
    TranslatableMixin,
    get_page_models,
)
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, Translation, TranslationSource

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


class TranslationDashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "translations/dashboard.html"
    page_title = _("Translation dashboard")
    header_icon = "wagtail-localize-language"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not user_can_use_dashboard(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    # Filters -----------------------------------------------------------

    @cached_property
    def locales(self):
        return sorted_locales()

    @cached_property
    def kinds(self):
        return page_kinds() + snippet_kinds()

    def get_filters(self):
        """The locale and kind asked for (None for all); BadFilter if unknown."""
        locale = kind = None
        code = self.request.GET.get("locale", "")
        if code:
            locale = next((x for x in self.locales if x.language_code == code), None)
            if locale is None:
                raise BadFilter(
                    gettext("Unknown language: “%(value)s”.") % {"value": code}
                )
        key = self.request.GET.get("type", "")
        if key:
            kind = next((k for k in self.kinds if k.key == key), None)
            if kind is None:
                raise BadFilter(
                    gettext("Unknown content type: “%(value)s”.") % {"value": key}
                )
        return locale, kind

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        try:
            locale, kind = self.get_filters()
        except BadFilter as bad:
            context["error"] = bad.message
            return self.render_to_response(context, status=400)
        context.update(self.get_table(locale, kind))
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            locales=self.locales,
            kinds=self.kinds,
            selected_locale=self.request.GET.get("locale", ""),
            selected_type=self.request.GET.get("type", ""),
        )
        return context

    # The table -----------------------------------------------------------

    def get_querysets(self, kind):
        kinds = [kind] if kind else self.kinds
        page_types = [k.content_type.id for k in kinds if k.is_page]
        querysets = []
        if page_types:
            pages = Page.objects.filter(
                content_type_id__in=page_types, alias_of__isnull=True
            )
            querysets.append(originals(pages).order_by("path"))
        for snippet_kind in kinds:
            if not snippet_kind.is_page:
                model = snippet_kind.model
                ordering = model._meta.ordering or ["pk"]
                querysets.append(
                    originals(model.objects.all()).order_by(*ordering, "pk")
                )
        return querysets

    def get_table(self, locale, kind):
        paginator = DashboardPaginator(Rows(self.get_querysets(kind)), self.paginate_by)
        page = paginator.get_page(self.request.GET.get("p"))
        columns = [locale] if locale else self.locales
        return {
            "columns": columns,
            "page_obj": page,
            "paginator": paginator,
            "elided_page_range": paginator.get_elided_page_range(page.number),
            "rows": TableBuilder(self.request, self.locales, columns).rows(
                page.object_list
            ),
        }


class TableBuilder:
    """The rows for a page of originals, in a fixed number of queries."""

    def __init__(self, request, locales, columns):
        self.request = request
        self.locales = {locale.id: locale for locale in locales}
        self.columns = columns
        self.can_translate = user_can_translate(request.user)
        self.kinds = {}
        for kind in page_kinds() + snippet_kinds():
            self.kinds[kind.content_type.id] = kind
            self.kinds[kind.model] = kind

    def rows(self, objects):
        if not objects:
            return []
        pages = [obj for obj in objects if isinstance(obj, Page)]
        snippets = {}
        for obj in objects:
            if not isinstance(obj, Page):
                snippets.setdefault(type(obj), []).append(obj)

        self.members = {}  # translation_key -> {locale_id: Member}
        self.load_pages(pages)
        for model, instances in snippets.items():
            self.load_snippets(model, instances)
        keys = [obj.translation_key for obj in objects]
        self.load_sources(keys)
        self.load_translations(keys)
        self.load_progress()
        self.load_change_dates()
        return [self.row(obj) for obj in objects]

    # Loading ---------------------------------------------------------------

    def load_pages(self, pages):
        if not pages:
            return
        for values in Page.objects.filter(
            translation_key__in=[page.translation_key for page in pages]
        ).values(
            "id",
            "translation_key",
            "locale_id",
            "alias_of_id",
            "last_published_at",
            "latest_revision_created_at",
            "has_unpublished_changes",
        ):
            self.members.setdefault(values["translation_key"], {})[
                values["locale_id"]
            ] = Member(
                pk=values["id"],
                locale_id=values["locale_id"],
                alias=values["alias_of_id"] is not None,
                last_published_at=values["last_published_at"],
                latest_revision_created_at=values["latest_revision_created_at"],
                has_unpublished_changes=values["has_unpublished_changes"],
            )

    def load_snippets(self, model, instances):
        for instance in model.objects.filter(
            translation_key__in=[obj.translation_key for obj in instances]
        ):
            self.members.setdefault(instance.translation_key, {})[
                instance.locale_id
            ] = Member(pk=instance.pk, locale_id=instance.locale_id, instance=instance)

    def load_sources(self, keys):
        """The groups' sources, each with the first publish of its page
        logged after its last sync (None for snippets)."""
        self.sources = {}  # id -> TranslationSource
        self.sources_by_key = {}
        first_publish = (
            PageLogEntry.objects.filter(
                page__translation_key=OuterRef("object_id"),
                page__locale_id=OuterRef("locale_id"),
                action="wagtail.publish",
                timestamp__gt=OuterRef("last_updated_at"),
            )
            .order_by("timestamp")
            .values("timestamp")[:1]
        )
        for source in (
            TranslationSource.objects.filter(object_id__in=keys)
            .annotate(first_publish_since_sync=Subquery(first_publish))
            .order_by("created_at")
        ):
            self.sources[source.id] = source
            self.sources_by_key.setdefault(source.object_id, []).append(source)

    def load_translations(self, keys):
        # (translation_key, locale_id) -> Translation, enabled ones first
        self.translations = {}
        for translation in Translation.objects.filter(
            source__object_id__in=keys
        ).order_by("enabled"):
            source = self.sources[translation.source_id]
            self.translations[(source.object_id, translation.target_locale_id)] = (
                translation
            )

    def load_progress(self):
        """``Translation.get_progress()`` for every translation at once: the
        source's string segments, and those with a translation in the target
        locale (in the segment's context, without an error)."""
        source_ids = list(self.sources)
        self.totals = dict(
            StringSegment.objects.filter(source_id__in=source_ids)
            .values("source_id")
            .annotate(count=Count("id"))
            .values_list("source_id", "count")
            .order_by()
        )
        self.translated = {
            (row["source_id"], row["string__translations__locale_id"]): row["count"]
            for row in StringSegment.objects.filter(
                source_id__in=source_ids,
                string__translations__context_id=F("context_id"),
                string__translations__has_error=False,
            )
            .values("source_id", "string__translations__locale_id")
            .annotate(count=Count("id"))
            .order_by()
        }

    def source_member(self, source):
        return self.members.get(source.object_id, {}).get(source.locale_id)

    def load_change_dates(self):
        """The sources changed since their last sync, with the date of the
        change when it is known (see the module's docstring)."""
        self.changed = {}  # source id -> the date, or None
        snippet_sources = {}
        for source in self.sources.values():
            member = self.source_member(source)
            if member is None:
                continue
            if member.instance is None:
                if (
                    member.last_published_at
                    and member.last_published_at > source.last_updated_at
                ):
                    self.changed[source.id] = (
                        source.first_publish_since_sync or member.last_published_at
                    )
            else:
                key = (source.specific_content_type_id, str(member.pk))
                snippet_sources[key] = source
        if not snippet_sources:
            return
        edits = {}
        for entry in ModelLogEntry.objects.filter(
            content_type_id__in={content_type for content_type, _pk in snippet_sources},
            object_id__in=[pk for _content_type, pk in snippet_sources],
            action__in=SNIPPET_CHANGES,
            timestamp__gt=min(s.last_updated_at for s in snippet_sources.values()),
        ).order_by("timestamp"):
            source = snippet_sources.get((entry.content_type_id, entry.object_id))
            if source and entry.timestamp > source.last_updated_at:
                edits.setdefault(source.id, entry.timestamp)
        for source in snippet_sources.values():
            instance = self.source_member(source).instance
            if isinstance(instance, ClusterableModel):
                changed = source.id in edits
            else:
                current = json.dumps(
                    get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder
                )
                changed = json.loads(current) != json.loads(source.content_json)
            if changed:
                self.changed[source.id] = edits.get(source.id)

    # Building ----------------------------------------------------------------

    def edit_url(self, kind, pk):
        if kind.is_page:
            return reverse("wagtailadmin_pages:edit", args=[pk])
        viewset = kind.model.snippet_viewset
        return reverse(viewset.get_url_name("edit"), args=[quote(pk)])

    def translate_url(self, kind, original, locale):
        if not self.can_translate:
            return ""
        if kind.is_page:
            url = reverse(
                "wagtail_localize:submit_page_translation", args=[original.pk]
            )
        else:
            opts = kind.model._meta
            url = reverse(
                "wagtail_localize:submit_snippet_translation",
                args=[opts.app_label, opts.model_name, quote(original.pk)],
            )
        return f"{url}?{urlencode({'select_locale': locale.language_code})}"

    def sync_url(self, source):
        if not self.can_translate:
            return ""
        url = reverse("wagtail_localize:update_translations", args=[source.id])
        return f"{url}?{urlencode({'next': self.request.get_full_path()})}"

    def row(self, original):
        if isinstance(original, Page):
            kind = self.kinds[original.content_type_id]
            title = original.title
        else:
            kind = self.kinds[type(original)]
            title = str(original)
        row = Row(
            kind=kind,
            translation_key=original.translation_key,
            title=title,
            locale=self.locales.get(original.locale_id),
            edit_url=self.edit_url(kind, original.pk),
        )
        members = self.members.get(original.translation_key, {})
        if kind.is_page:
            member = members.get(original.locale_id)
            own_source = next(
                (
                    s
                    for s in self.sources_by_key.get(original.translation_key, [])
                    if s.locale_id == original.locale_id
                ),
                None,
            )
            row.unpublished_changes = bool(
                own_source
                and member
                and member.has_unpublished_changes
                and member.latest_revision_created_at
                and member.latest_revision_created_at > own_source.last_updated_at
            )
        for locale in self.columns:
            row.cells.append(self.cell(kind, original, members, locale))
        return row

    def cell(self, kind, original, members, locale):
        if locale.id == original.locale_id:
            return Cell(locale, SOURCE)
        member = members.get(locale.id)
        if member is None or member.alias:
            return Cell(
                locale,
                MISSING,
                url=self.translate_url(kind, original, locale),
                alias=member is not None,
            )
        edit_url = self.edit_url(kind, member.pk)
        translation = self.translations.get((original.translation_key, locale.id))
        if translation is None or not translation.enabled:
            return Cell(locale, NOT_SYNCED, url=edit_url)
        source = self.sources[translation.source_id]
        total = self.totals.get(source.id, 0)
        translated = self.translated.get((source.id, locale.id), 0)
        progress = {
            "total": total,
            "translated": translated,
            "percent": translated * 100 // total if total else 100,
        }
        if source.id in self.changed:
            return Cell(
                locale,
                OUTDATED,
                url=self.sync_url(source),
                edit_url=edit_url,
                since=self.changed[source.id],
                **progress,
            )
        if translated < total:
            return Cell(locale, IN_PROGRESS, url=edit_url, **progress)
        return Cell(locale, UP_TO_DATE, url=edit_url, **progress)
