"""The rows of one page of the dashboard, read in a fixed number of queries."""

import json

from django.contrib.admin.utils import quote
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, F, OuterRef, Subquery
from django.urls import reverse
from django.utils.http import urlencode
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import (
    ModelLogEntry,
    Page,
    PageLogEntry,
)
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from editorial.dashboard.rows import (
    IN_PROGRESS,
    MISSING,
    NOT_SYNCED,
    OUTDATED,
    SNIPPET_CHANGES,
    SOURCE,
    UP_TO_DATE,
    Cell,
    Member,
    Row,
    page_kinds,
    snippet_kinds,
    user_can_translate,
)
from editorial.policy import is_network_editor, user_languages


class TableBuilder:
    """The rows for a page of originals, in a fixed number of queries."""

    def __init__(self, request, locales, columns):
        self.request = request
        self.locales = {locale.id: locale for locale in locales}
        self.columns = columns
        self.can_translate = user_can_translate(request.user)
        self.languages = {locale.pk for locale in user_languages(request.user)}
        self.broad = is_network_editor(request.user)
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
        self.load_page_permissions(pages)
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

    def load_page_permissions(self, originals):
        """What the policy lets the user do with the pages of these groups:
        edit which (``self.editable``), and translate the originals into
        which languages (``self.translatable``: only where the parent page
        has that language already, unless the user may publish)."""
        self.editable = None  # everything
        self.translatable = {}
        if self.broad or not originals:
            return
        ids = [m.pk for group in self.members.values() for m in group.values()]
        user = self.request.user
        self.editable = {
            page.pk
            for page in Page.objects.filter(pk__in=ids).specific()
            if page.permissions_for_user(user).can_edit()
        }
        parent_paths = {page.path[: -Page.steplen] for page in originals}
        parents = dict(
            Page.objects.filter(path__in=parent_paths, depth__gt=1).values_list(
                "path", "translation_key"
            )
        )
        locales_of = {}
        for key, locale_id in Page.objects.filter(
            translation_key__in=parents.values()
        ).values_list("translation_key", "locale_id"):
            locales_of.setdefault(key, set()).add(locale_id)
        for page in originals:
            key = parents.get(page.path[: -Page.steplen])
            if key is not None:
                self.translatable[page.pk] = locales_of.get(key, set())

    def may_edit(self, kind, pk):
        if not kind.is_page:
            opts = kind.model._meta
            return self.request.user.has_perm(
                f"{opts.app_label}.change_{opts.model_name}"
            )
        return self.editable is None or pk in self.editable

    def may_translate(self, kind, original, locale):
        if not self.can_translate or locale.pk not in self.languages:
            return False
        if not kind.is_page:
            opts = kind.model._meta
            return self.request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}")
        allowed = self.translatable.get(original.pk)
        return allowed is None or locale.pk in allowed

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
        if not self.may_edit(kind, pk):
            return ""
        if kind.is_page:
            return reverse("wagtailadmin_pages:edit", args=[pk])
        viewset = kind.model.snippet_viewset
        return reverse(viewset.get_url_name("edit"), args=[quote(pk)])

    def translate_url(self, kind, original, locale):
        if not self.may_translate(kind, original, locale):
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
        # A sync changes every language's translation: for those who may
        # edit them all (editorial.localize_paths.UpdateTranslations).
        if not self.can_translate or not self.broad:
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
        # The files page is for those who may edit the translation.
        files_url = (
            reverse("translations_files", args=[translation.pk]) if edit_url else ""
        )
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
                files_url=files_url,
                **progress,
            )
        status = IN_PROGRESS if translated < total else UP_TO_DATE
        return Cell(locale, status, url=edit_url, files_url=files_url, **progress)
