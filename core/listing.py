"""Filtered, sorted listings: facets as plain links and GET parameters.

A filtered listing has a shareable address (/pl/dobre-praktyki/?audience=seniors)
and works without JavaScript. Term values are slugs, the same in every
language; library and project values are page slugs in the reader's language.

Each choice is counted among the items that the *other* chosen filters leave,
so it says how many items choosing it would show. Counting takes a query or
two per facet, whatever the number of items.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

SORTS = {"newest": _("newest first"), "title": _("A–Z")}
TERM_FACETS = {
    "audience": ("core.Audience", "audiences", _("Audience")),
    "format": ("core.Format", "formats", _("Format")),
    "topic": ("core.Topic", "topics", _("Topic")),
}


def query_url(params, **changes):
    """A query string: ``params`` with some changed (None drops), page dropped."""
    query = QueryDict(mutable=True)
    for key, value in params.items():
        if key != "page":
            query[key] = value
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


class BadFilter(ValueError):
    """A filter value that names nothing: a clear 400, nothing filtered."""


@dataclass
class Choice:
    value: str
    label: str
    count: int
    url: str = ""
    active: bool = False


@dataclass
class Facet:
    """One way of narrowing a listing.

    ``choices(items)`` gives (value, label, count) for the items;
    ``condition(value)`` the Q that keeps the items with that value, or
    None when the value names nothing.
    """

    name: str
    label: str
    choices: object
    condition: object
    shown: list = field(default_factory=list)


class Listing:
    """The items of an index page, filtered and sorted as the request asks."""

    def __init__(self, index, request, items):
        self.index = index
        self.locale = index.locale
        self.params = request.GET
        self.base = items
        self.registered = []
        self.facets = []
        self.active = {}
        self.sort_choices = []

    def url(self, **changes):
        return query_url(self.params, **changes)

    # Facets ----------------------------------------------------------------

    def add_terms(self, name):
        """Audience, format or topic: the terms of the listing's language."""
        model_name, relation, label = TERM_FACETS[name]
        terms = list(apps.get_model(model_name).objects.filter(locale=self.locale))
        by_key = {term.translation_key: term for term in terms}

        def choices(items):
            counts = (
                items.order_by()  # an ordering would split the groups
                .values_list(f"{relation}__translation_key")
                .annotate(n=Count("pk", distinct=True))
                .values_list(f"{relation}__translation_key", "n")
            )
            found = [(by_key[key], n) for key, n in counts if key in by_key]
            return [
                (term.slug, term.name, n)
                for term, n in sorted(found, key=lambda f: f[0].name)
            ]

        def condition(value):
            term = next((t for t in terms if t.slug == value), None)
            return (
                Q(**{f"{relation}__translation_key": term.translation_key})
                if term
                else None
            )

        self.registered.append(Facet(name, label, choices, condition))

    def add_pages(self, name, label, pages, lookup):
        """Related pages (libraries, projects): ``pages(items)`` gives
        (page, count); ``lookup(page)`` the Q that keeps its items."""

        def choices(items):
            return [(page.slug, page.title, n) for page, n in pages(items)]

        def condition(value):
            page = next((p for p, _n in pages(self.base) if p.slug == value), None)
            return lookup(page) if page else None

        self.registered.append(Facet(name, label, choices, condition))

    def add_libraries(self, lookups):
        """Library and region: the libraries (in this language) that the items
        name through ``lookups`` (paths to a library's translation key)."""
        from libraries.models import LibraryPage

        def library_counts(items):
            items = items.order_by()
            pairs = set()
            for lookup in lookups:
                pairs |= set(items.values_list(lookup, "pk"))
            counts = Counter(key for key, _pk in pairs if key)
            libraries = (
                LibraryPage.objects.live()
                .public()
                .filter(locale_id=self.locale.pk, translation_key__in=counts)
                .order_by("title")
            )
            return [(library, counts[library.translation_key]) for library in libraries]

        def libraries_q(keys):
            condition = Q()
            for lookup in lookups:
                condition |= Q(**{f"{lookup}__in": keys})
            return condition

        self.add_pages(
            "library",
            _("Library"),
            library_counts,
            lambda library: libraries_q([library.translation_key]),
        )

        def region_counts(items):
            regions = Counter()
            for library, count in library_counts(items):
                if library.region:
                    regions[library.region] += count
            return sorted(regions.items())

        def in_region(region):
            libraries = LibraryPage.objects.filter(
                locale_id=self.locale.pk, region=region
            )
            return libraries_q(libraries.values("translation_key"))

        self.add_values("region", _("Region"), region_counts, in_region)

    def add_values(self, name, label, values, lookup):
        """Plain values (a year, a region): ``values(items)`` gives (value, count)."""

        def choices(items):
            return [(str(value), str(value), n) for value, n in values(items)]

        def condition(value):
            known = {str(v) for v, _n in values(self.base)}
            return lookup(value) if value in known else None

        self.registered.append(Facet(name, label, choices, condition))

    # The result ------------------------------------------------------------

    def apply(self, by_title):
        """The items every chosen filter keeps, sorted; each facet counted."""
        conditions = {}
        for facet in self.registered:
            wanted = self.params.get(facet.name)
            if wanted is not None:
                condition = facet.condition(wanted)
                if condition is None:
                    raise BadFilter(facet.name)
                conditions[facet.name] = condition
        sort = self.params.get("sort", "newest")
        if sort not in SORTS:
            raise BadFilter("sort")

        for facet in self.registered:
            others = [q for name, q in conditions.items() if name != facet.name]
            wanted = self.params.get(facet.name)
            shown = facet.choices(self.filtered(others))
            if wanted is not None and wanted not in {value for value, _l, _n in shown}:
                shown.append((wanted, wanted, 0))
            for value, label, count in shown:
                active = value == wanted
                choice = Choice(
                    value,
                    label,
                    count,
                    self.url(**{facet.name: None if active else value}),
                    active,
                )
                facet.shown.append(choice)
                if active:
                    self.active[facet.name] = choice
            if facet.shown:
                self.facets.append(facet)

        self.sort_choices = [
            Choice(key, label, 0, url=self.url(sort=key), active=key == sort)
            for key, label in SORTS.items()
        ]
        items = self.filtered(conditions.values())
        return items.order_by(*by_title) if sort == "title" else items

    def filtered(self, conditions):
        items = self.base
        for condition in conditions:
            items = items.filter(condition)
        return items.distinct() if conditions else items
