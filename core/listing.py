"""Filtered, sorted listings: facets as plain links and GET parameters.

A filtered listing has a shareable address (/pl/dobre-praktyki/?audience=seniors)
and works without JavaScript. Term values are slugs, the same in every
language; library and project values are page slugs in the reader's language.
Each facet counts its values with one query, whatever the number of items.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

SORTS = {"newest": _("newest first"), "title": _("A–Z")}


@dataclass
class Choice:
    value: str
    label: str
    count: int
    url: str = ""
    active: bool = False
    lang: str = ""


@dataclass
class Facet:
    name: str
    label: str
    choices: list = field(default_factory=list)


class BadFilter(ValueError):
    """A filter value that names nothing: a clear 400, nothing filtered."""


TERM_FACETS = {
    "audience": ("core.Audience", "audiences", _("Audience")),
    "format": ("core.Format", "formats", _("Format")),
    "topic": ("core.Topic", "topics", _("Topic")),
}


class Listing:
    """The items of an index page, filtered and sorted as the request asks."""

    def __init__(self, index, request, items):
        self.index = index
        self.locale = index.locale
        self.params = request.GET
        self.base = items
        self.facets = []
        self.active = {}

    def url(self, **changes):
        """This listing's query string with some parameters changed (None drops)."""
        query = QueryDict(mutable=True)
        for key, value in self.params.items():
            if key != "page":
                query[key] = value
        for key, value in changes.items():
            if value is None:
                query.pop(key, None)
            else:
                query[key] = value
        encoded = query.urlencode()
        return f"?{encoded}" if encoded else "?"

    def filter_terms(self, items, name):
        model_name, relation, label = TERM_FACETS[name]
        model = apps.get_model(model_name)
        terms = {t.translation_key: t for t in model.objects.filter(locale=self.locale)}
        counts = dict(
            self.base.order_by()  # an ordering would split the groups
            .values_list(f"{relation}__translation_key")
            .annotate(n=Count("pk", distinct=True))
            .values_list(f"{relation}__translation_key", "n")
        )
        wanted = self.params.get(name)
        facet = Facet(name, label)
        for key, term in sorted(terms.items(), key=lambda kv: kv[1].name):
            if counts.get(key) or term.slug == wanted:
                facet.choices.append(Choice(term.slug, term.name, counts.get(key, 0)))
        if wanted is not None:
            match = next((t for t in terms.values() if t.slug == wanted), None)
            if match is None:
                raise BadFilter(name)
            items = items.filter(
                **{f"{relation}__translation_key": match.translation_key}
            )
        self.add(facet, wanted)
        return items

    def filter_pages(self, items, name, label, pages, lookup):
        """A facet over related pages: ``lookup(page)`` is the Q that selects
        the items related to it."""
        wanted = self.params.get(name)
        facet = Facet(name, label)
        for page, count in pages:
            facet.choices.append(Choice(page.slug, page.title, count, lang=""))
        if wanted is not None:
            match = next((page for page, _count in pages if page.slug == wanted), None)
            if match is None:
                raise BadFilter(name)
            items = items.filter(lookup(match)).distinct()
        self.add(facet, wanted)
        return items

    def filter_values(self, items, name, label, counts, lookup):
        """A facet over plain values (a year, a region)."""
        wanted = self.params.get(name)
        facet = Facet(name, label)
        for value, count in counts:
            facet.choices.append(Choice(str(value), str(value), count))
        if wanted is not None:
            if wanted not in {str(value) for value, _count in counts}:
                raise BadFilter(name)
            items = items.filter(lookup(wanted)).distinct()
        self.add(facet, wanted)
        return items

    def add(self, facet, wanted):
        for choice in facet.choices:
            choice.active = choice.value == wanted
            choice.url = self.url(
                **{facet.name: None if choice.active else choice.value}
            )
        if wanted is not None:
            self.active[facet.name] = next(c for c in facet.choices if c.active)
        if facet.choices:
            self.facets.append(facet)

    def sort(self, items, by_title):
        sort = self.params.get("sort", "newest")
        if sort not in SORTS:
            raise BadFilter("sort")
        self.sort_choices = [
            Choice(key, label, 0, url=self.url(sort=key), active=key == sort)
            for key, label in SORTS.items()
        ]
        return items.order_by(*by_title) if sort == "title" else items
