"""Show translatable things in the reader's language, in a constant number of queries.

A page keeps its relations to terms, libraries and programmes as they were
chosen in its source language (wagtail-localize synchronises them). When it is
shown, each related object is swapped for its version in the page's locale,
where one exists: one query per model, however many objects there are.

A related page that the public may not see (a draft, a private page) is never
shown: it becomes None, unless it has a live, public translation.
"""

from collections import defaultdict

from wagtail.models import Page


class Localizer:
    def __init__(self, locale):
        self.locale = locale
        self._found = {}
        self._visible_pages = set()

    def prepare(self, objects):
        """Look up, in bulk, the locale's versions of these objects."""
        wanted = defaultdict(set)
        pages = defaultdict(set)
        for obj in objects:
            if isinstance(obj, Page):
                pages[self._model(obj)].add(obj.pk)
            if obj is not None and obj.locale_id != self.locale.id:
                key = (self._model(obj), obj.translation_key)
                if key not in self._found:
                    wanted[self._model(obj)].add(obj.translation_key)
        for model, keys in wanted.items():
            queryset = model._default_manager.filter(
                translation_key__in=keys, locale=self.locale
            )
            if issubclass(model, Page):
                queryset = queryset.live().public()
            for translation in queryset:
                self._found[(model, translation.translation_key)] = translation
            for key in keys:
                self._found.setdefault((model, key), None)
        for model, ids in pages.items():
            visible = model._default_manager.filter(pk__in=ids).live().public()
            self._visible_pages.update(visible.values_list("pk", flat=True))
        return self

    def __call__(self, obj):
        """The object in the locale, or itself where it has no translation there;
        None for a page the public may not see."""
        if obj is None:
            return None
        if obj.locale_id != self.locale.id:
            translation = self._found.get((self._model(obj), obj.translation_key))
            if translation is not None:
                return translation
        if isinstance(obj, Page) and obj.pk not in self._visible_pages:
            return None
        return obj

    def all(self, objects):
        objects = list(objects)
        self.prepare(objects)
        return [self(obj) for obj in objects]

    @staticmethod
    def _model(obj):
        return obj.specific_class if isinstance(obj, Page) else type(obj)


def attach(items, locale, single=(), many=()):
    """Give each item ``localized_<name>`` for its relations, in the locale.

    ``single`` names foreign keys (select them first), ``many`` names
    many-to-many relations (prefetch them first). Returns the items as a list.
    """
    items = list(items)
    localize = Localizer(locale)
    related = [getattr(item, name) for item in items for name in single]
    related += [
        obj for item in items for name in many for obj in getattr(item, name).all()
    ]
    localize.prepare(related)
    for item in items:
        for name in single:
            setattr(item, f"localized_{name}", localize(getattr(item, name)))
        for name in many:
            setattr(
                item,
                f"localized_{name}",
                [localize(obj) for obj in getattr(item, name).all()],
            )
    return items


def fallback_order(locale):
    """Languages to show untranslated content in, best first, after ``locale``'s
    own: FALLBACK_LANGUAGES (English first by default), then the site's others."""
    from django.conf import settings

    codes = [*settings.FALLBACK_LANGUAGES, *(code for code, _n in settings.LANGUAGES)]
    return [code for code in dict.fromkeys(codes) if code != locale.language_code]


def with_untranslated(pages, locale):
    """``pages`` (live, public) of ``locale``, and of content not yet translated
    into it, one version each: the first in ``fallback_order``. So a reader's
    listing is no dead end, whatever has been translated so far."""
    from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, When
    from wagtail.models import Locale

    ids = dict(Locale.objects.values_list("language_code", "pk"))
    order = [ids[code] for code in fallback_order(locale) if code in ids]
    rank = Case(
        *(When(locale_id=pk, then=n) for n, pk in enumerate(order)),
        default=len(order),
        output_field=IntegerField(),
    )
    versions = pages.model.objects.live().public()
    translated = versions.filter(
        translation_key=OuterRef("translation_key"), locale_id=locale.pk
    )
    best = (
        versions.filter(translation_key=OuterRef("translation_key"))
        .annotate(rank=rank)
        .order_by("rank")
        .values("rank")[:1]
    )
    return pages.annotate(fallback_rank=rank).filter(
        Q(locale_id=locale.pk) | (~Exists(translated) & Q(fallback_rank=Subquery(best)))
    )
