"""Filtered, sorted listings: facets as plain links and GET parameters.

A filtered listing has a shareable address (/pl/dobre-praktyki/?audience=seniors)
and works without JavaScript. Term values are slugs, the same in every
language; library and project values are page slugs in the reader's language.

Each choice is counted among the items that the *other* chosen filters leave,
so it says how many items choosing it would show. What the facets need of
every item (its terms, libraries, path, year) is read in two queries, however
many facets and items there are, and filtered and counted in Python; the
labels take a query each for libraries and projects (terms come from the
request's memo). The chosen page of items is then read by primary key.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Value
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

SORTS = {"newest": _("newest first"), "title": _("A–Z")}
TERM_FACETS = {
    "audience": ("core.Audience", "audiences", _("Audience")),
    "format": ("core.Format", "formats", _("Format")),
    "topic": ("core.Topic", "topics", _("Topic")),
    "goal": ("core.Goal", "goals", _("Sustainable Development Goal")),
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


def related_model(model, lookup):
    """The model that ``lookup`` (``partners__library__translation_key``)
    leads to from ``model`` before its last field: here, a library."""
    for name in lookup.split("__")[:-1]:
        model = model._meta.get_field(name).related_model
    return model


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

    ``choices(items)`` gives (value, label, count) for the items (rows read
    by ``Listing``); ``condition(value)`` a test that keeps the rows with
    that value, or None when the value names nothing.
    """

    name: str
    label: str
    choices: object
    condition: object
    shown: list = field(default_factory=list)


class Row:
    """What the facets know of one item of the listing."""

    __slots__ = ("pk", "path", "fields", "links")

    def __init__(self, pk, path, fields):
        self.pk = pk
        self.path = path
        self.fields = fields
        self.links = defaultdict(set)


class Listed:
    """The kept items, in order, as a sequence for a Paginator or a feed: its
    length known without a query, its slices read by primary key."""

    def __init__(self, queryset, pks):
        self.queryset = queryset
        self.pks = pks

    def __len__(self):
        return len(self.pks)

    def count(self):
        return len(self.pks)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else self[len(self) + index]
        pks = self.pks[index]
        found = {item.pk: item for item in self.queryset.filter(pk__in=pks)}
        return [found[pk] for pk in pks if pk in found]

    def __iter__(self):
        return iter(self[:])


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
        self.links = {}  # a name for each many-valued lookup (a translation key)
        self.fields = []  # single values read with each item
        self.rows = None
        self.library_lookups = []
        self.library_model = None
        self._libraries = None

    def url(self, **changes):
        return query_url(self.params, **changes)

    def _link(self, lookup):
        """Read ``lookup`` (a path to translation keys) for every item."""
        self.links.setdefault(lookup, len(self.links))
        return lookup

    def _read(self, order):
        """Each item of the listing in ``order``, with what the facets need."""
        items = self.base.order_by(*order) if order else self.base
        rows = [
            Row(pk, path, fields)
            for pk, path, *fields in items.values_list("pk", "path", *self.fields)
        ]
        if self.links:
            by_pk = {row.pk: row for row in rows}
            pks = self.base.order_by().values("pk")
            lookups = list(self.links)
            first, *others = (
                self.base.model.objects.filter(
                    pk__in=pks, **{f"{lookup}__isnull": False}
                )
                .order_by()
                .values_list(Value(index), "pk", lookup)
                for index, lookup in enumerate(lookups)
            )
            for index, pk, key in first.union(*others, all=True) if others else first:
                if pk in by_pk:
                    by_pk[pk].links[lookups[index]].add(key)
        return rows

    # Facets ----------------------------------------------------------------

    def add_terms(self, name):
        """Audience, format or topic: the terms of the listing's language."""
        from core.request_memo import all_terms

        model_name, relation, label = TERM_FACETS[name]
        model = apps.get_model(model_name)
        terms = sorted(
            (
                term
                for term in all_terms()[model].values()
                if term.locale_id == self.locale.pk
            ),
            key=lambda term: term._rank,
        )
        by_key = {term.translation_key: term for term in terms}
        lookup = self._link(f"{relation}__translation_key")

        def choices(rows):
            counts = Counter(key for row in rows for key in row.links[lookup])
            found = [(by_key[key], n) for key, n in counts.items() if key in by_key]
            # Goals by their number ("4. Quality Education"), other terms by name.
            return [
                (term.slug, str(term), n)
                for term, n in sorted(
                    found,
                    key=lambda f: (getattr(f[0], "number", 0), f[0].name, f[0]._rank),
                )
            ]

        def condition(value):
            term = next((t for t in terms if t.slug == value), None)
            if term is None:
                return None
            key = term.translation_key
            return lambda row: key in row.links[lookup]

        self.registered.append(Facet(name, label, choices, condition))

    def add_pages(self, name, label, pages, lookup):
        """Related pages (libraries, projects): ``pages(rows)`` gives
        (page, count); ``lookup(page)`` the test that keeps its rows."""

        def choices(rows):
            return [(page.slug, page.title, n) for page, n in pages(rows)]

        def condition(value):
            page = next((p for p, _n in pages(self.rows) if p.slug == value), None)
            return lookup(page) if page else None

        self.registered.append(Facet(name, label, choices, condition))

    def libraries(self):
        """The libraries of the listing's language that its items name (all of
        them, live or not; by title), in one query once the items are read."""
        if self._libraries is None:
            keys = self.library_keys()
            self._libraries = list(
                self.library_model.objects.filter(
                    locale_id=self.locale.pk, translation_key__in=keys
                ).order_by("title")
            )
        return self._libraries

    def library_keys(self):
        """The translation keys of the libraries the listing's items name."""
        return {
            key
            for row in self.rows
            for lookup in self.library_lookups
            for key in row.links[lookup]
        }

    def add_libraries(self, lookups):
        """Library and region: the libraries (in this language) that the items
        name through ``lookups`` (paths to a library's translation key). The
        library page type is the one the first lookup leads to."""
        from core.request_memo import is_private

        self.library_model = related_model(self.base.model, lookups[0])
        lookups = [self._link(lookup) for lookup in lookups]
        self.library_lookups = lookups

        def keys_of(row):
            keys = set()
            for lookup in lookups:
                keys |= row.links[lookup]
            return keys

        def library_counts(rows):
            counts = Counter(key for row in rows for key in keys_of(row))
            return [
                (library, counts[library.translation_key])
                for library in self.libraries()
                if library.translation_key in counts
                and library.live
                and not is_private(library)
            ]

        self.add_pages(
            "library",
            _("Library"),
            library_counts,
            lambda library: lambda row: library.translation_key in keys_of(row),
        )

        def region_counts(rows):
            regions = Counter()
            for library, count in library_counts(rows):
                if library.region:
                    regions[library.region] += count
            return sorted(regions.items())

        def in_region(region):
            keys = {
                library.translation_key
                for library in self.libraries()
                if library.region == region
            }
            return lambda row: bool(keys & keys_of(row))

        self.add_values("region", _("Region"), region_counts, in_region)

    def add_field(self, name, label, field_name, value_of, reverse=False):
        """A value read with each item (a year from a date): ``value_of``
        gives it from the field, None for none; choices in its order."""
        position = len(self.fields)
        self.fields.append(field_name)

        def value(row):
            return value_of(row.fields[position])

        def values(rows):
            counts = Counter(value(row) for row in rows)
            counts.pop(None, None)
            return sorted(counts.items(), reverse=reverse)

        def lookup(wanted):
            return lambda row: str(value(row)) == wanted

        self.add_values(name, label, values, lookup)

    def add_values(self, name, label, values, lookup):
        """Plain values (a year, a region): ``values(rows)`` gives (value, count)."""

        def choices(rows):
            return [(str(value), str(value), n) for value, n in values(rows)]

        def condition(value):
            known = {str(v) for v, _n in values(self.rows)}
            return lookup(value) if value in known else None

        self.registered.append(Facet(name, label, choices, condition))

    # The result ------------------------------------------------------------

    def apply(self, by_title):
        """The items every chosen filter keeps, sorted; each facet counted."""
        sort = self.params.get("sort", "newest")
        self.rows = self._read(by_title if sort == "title" else None)
        conditions = {}
        for facet in self.registered:
            wanted = self.params.get(facet.name)
            if wanted is not None:
                condition = facet.condition(wanted)
                if condition is None:
                    raise BadFilter(facet.name)
                conditions[facet.name] = condition
        if sort not in SORTS:
            raise BadFilter("sort")

        for facet in self.registered:
            others = [test for name, test in conditions.items() if name != facet.name]
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
        kept = [row.pk for row in self.filtered(conditions.values())]
        return Listed(self.base, kept)

    def filtered(self, conditions):
        conditions = list(conditions)
        return [row for row in self.rows if all(test(row) for test in conditions)]
