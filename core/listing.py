"""Filtered, sorted listings: facets as plain links and GET parameters.

A filtered listing has a shareable address (/pl/dobre-praktyki/?audience=seniors)
and works without JavaScript. Term values are slugs, the same in every
language; library and project values are page slugs in the reader's language.

Each choice is counted among the items that the *other* chosen filters leave,
so it says how many items choosing it would show. The database counts them,
in one statement however many facets and items there are: the listing's
items (its queryset, with whatever decides what the public may see, such as
``.live().public()`` and ``core.localization.with_untranslated``) are
selected once, as a common table expression, with a flag per chosen filter;
each facet's values of those items (a term's or library's translation key,
a region, a year, the page an item lives under) are another, one row per
item and value; and one grouped count over the second, each facet's rows
kept where the other facets' flags hold, gives every choice's count. The same
statement counts the items every filter keeps and, for each chosen filter,
the values the items have at all (a value none of them has is a 400). No
item is read into Python: the page of cards alone is read, sorted and sliced
by the database. The labels take a query each for libraries (every library of
the listing's language: few, whatever the number of items) and projects
(terms come from the request's memo). So the cost follows the number of
facets' values, not of items, in Python, and the database reads each item
once for the counts and once for the page of cards.
"""

import uuid
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, ExtractYear, Length, Substr
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

SORTS = {"newest": _("newest first"), "title": _("A–Z")}
TERM_FACETS = {
    "audience": ("core.Audience", "audiences", _("Audience")),
    "format": ("core.Format", "formats", _("Format")),
    "topic": ("core.Topic", "topics", _("Topic")),
    "goal": ("core.Goal", "goals", _("Sustainable Development Goal")),
}
# The names of the statement's two common table expressions.
ITEMS = "listing_items"
VALUES = "listing_values"


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


def as_key(value):
    """A translation key as the statement gives it (text, with or without
    dashes as the database writes a UUID)."""
    return uuid.UUID(value)


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

    ``values()`` gives querysets of the item model, each annotated with
    ``value`` (text; None for none) for each of its items, a row per item
    and value; ``condition(value)`` a Q that keeps the items with that
    value, or None when it names nothing; ``choices(counts)`` the choices
    in order, (value, label, count), from {value: count}. With ``known``,
    a chosen value that no item has is refused (otherwise it is shown with
    a count of 0).
    """

    name: str
    label: str
    choices: object = None
    condition: object = None
    values: object = None
    known: bool = False
    shown: list = field(default_factory=list)


class Listed:
    """The kept items, in order, as a sequence for a Paginator or a feed: its
    length counted with the facets, its slices read by the database."""

    def __init__(self, queryset, count):
        self.queryset = queryset
        self.total = count

    def __len__(self):
        return self.total

    def count(self):
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else self[len(self) + index]
        start, stop, _step = index.indices(self.total)
        if stop <= start:
            return []
        return list(self.queryset[start:stop])

    def __iter__(self):
        return iter(self[:])


class Listing:
    """The items of an index page, filtered and sorted as the request asks."""

    def __init__(self, index, request, items):
        self.index = index
        self.locale = index.locale
        self.params = request.GET
        self.base = items
        self.model = items.model
        self.registered = []
        self.facets = []
        self.active = {}
        self.sort_choices = []
        self.counted = False
        self._libraries = None

    def url(self, **changes):
        return query_url(self.params, **changes)

    def _values(self, value):
        """The item model's rows, one per item and ``value`` (an expression
        that may follow many-valued relations), as text."""
        return self.model._default_manager.annotate(
            value=Cast(value, output_field=CharField())
        )

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
        lookup = f"{relation}__translation_key"

        def choices(counts):
            found = [
                (by_key[key], n)
                for key, n in ((as_key(value), n) for value, n in counts.items())
                if key in by_key
            ]
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
            return self._having(lookup, [term.translation_key])

        self.registered.append(
            Facet(
                name,
                label,
                choices,
                condition,
                values=lambda: [self._values(F(lookup))],
            )
        )

    def _having(self, lookup, keys):
        """A Q keeping the items whose ``lookup`` is among ``keys``."""
        return Q(
            pk__in=self.model._default_manager.filter(**{f"{lookup}__in": keys})
            .order_by()
            .values("pk")
        )

    def libraries(self):
        """Every library of the listing's language, whatever its state (by
        title), in one query: few, however many items name them."""
        if self._libraries is None:
            self._libraries = list(
                self.library_model.objects.filter(locale_id=self.locale.pk).order_by(
                    "title"
                )
            )
        return self._libraries

    def public_libraries(self):
        from core.request_memo import is_private

        return [
            library
            for library in self.libraries()
            if library.live and not is_private(library)
        ]

    def add_libraries(self, lookups):
        """Library and region: the libraries (in this language) that the items
        name through ``lookups`` (paths to a library's translation key),
        those the public may see. The library page type is the one the first
        lookup leads to."""
        self.library_model = related_model(self.model, lookups[0])

        def keys_having(keys):
            condition = Q()
            for lookup in lookups:
                condition |= self._having(lookup, keys)
            return condition

        def library_choices(counts):
            counts = {as_key(value): n for value, n in counts.items()}
            return [
                (library.slug, library.title, counts[library.translation_key])
                for library in self.public_libraries()
                if library.translation_key in counts
            ]

        def library(value):
            found = next(
                (lib for lib in self.public_libraries() if lib.slug == value), None
            )
            return keys_having([found.translation_key]) if found else None

        self.registered.append(
            Facet(
                "library",
                _("Library"),
                library_choices,
                library,
                values=lambda: [self._values(F(lookup)) for lookup in lookups],
                known=True,
            )
        )

        def regions():
            found = {}
            for library in self.public_libraries():
                if library.region:
                    found.setdefault(library.region, []).append(library.translation_key)
            return found

        def region_values():
            whens = [
                When(library_key__in=keys, then=Value(region))
                for region, keys in regions().items()
            ]
            if not whens:
                return []
            return [
                self.model._default_manager.annotate(library_key=F(lookup)).annotate(
                    value=Case(*whens, default=None, output_field=CharField())
                )
                for lookup in lookups
            ]

        def in_region(value):
            keys = regions().get(value)
            return keys_having(keys) if keys else None

        self.registered.append(
            Facet(
                "region",
                _("Region"),
                lambda counts: [(r, r, n) for r, n in sorted(counts.items())],
                in_region,
                values=region_values,
                known=True,
            )
        )

    def add_year(self, name, label, field_name):
        """The year of a date of each item, latest first."""

        def condition(value):
            if not value.isdigit():
                return None
            return Q(**{f"{field_name}__year": int(value)})

        self.registered.append(
            Facet(
                name,
                label,
                lambda counts: sorted(
                    ((v, v, n) for v, n in counts.items()),
                    key=lambda c: int(c[0]),
                    reverse=True,
                ),
                condition,
                values=lambda: [self._values(ExtractYear(field_name))],
                known=True,
            )
        )

    def add_parents(self, name, label, model):
        """The pages of ``model`` (live, public, any language) that items live
        directly under: a project its practices, say. Read, once counted, in
        one query."""
        from wagtail.models import Page

        parent_path = Substr("path", 1, Length("path") - Page.steplen)
        parents = {}

        def read(paths):
            missing = set(paths) - set(parents)
            if missing:
                for page in model.objects.live().public().filter(path__in=missing):
                    parents[page.path] = page
                for path in missing:
                    parents.setdefault(path, None)
            return parents

        def choices(counts):
            read(counts)
            by_slug = {}
            for path, n in counts.items():
                page = parents.get(path)
                if page is not None:
                    found = by_slug.setdefault(page.slug, [page, 0])
                    found[1] += n
            return [
                (page.slug, page.title, n)
                for page, n in sorted(by_slug.values(), key=lambda f: f[0].title)
            ]

        def condition(value):
            paths = model.objects.live().public().filter(slug=value).values("path")
            return Q(
                pk__in=self.model._default_manager.annotate(parent=parent_path)
                .filter(parent__in=paths)
                .order_by()
                .values("pk")
            )

        def known(values):
            read(values)
            return {
                parents[path].slug for path in values if parents.get(path) is not None
            }

        facet = Facet(
            name,
            label,
            choices,
            condition,
            values=lambda: [self._values(parent_path)],
            known=True,
        )
        facet.known_values = known
        self.registered.append(facet)

    # The result ------------------------------------------------------------

    def apply(self, by_title):
        """The items every chosen filter keeps, sorted; each facet counted."""
        sort = self.params.get("sort", "newest")
        if sort not in SORTS:
            raise BadFilter("sort")
        conditions = {}
        for facet in self.registered:
            wanted = self.params.get(facet.name)
            if wanted is not None:
                condition = facet.condition(wanted)
                if condition is None:
                    raise BadFilter(facet.name)
                conditions[facet.name] = condition

        counts, total, known = self._count(conditions)
        for facet in self.registered:
            wanted = self.params.get(facet.name)
            if wanted is not None and facet.known:
                values = known.get(facet.name, {})
                have = getattr(facet, "known_values", None)
                have = have(values) if have else {c[0] for c in facet.choices(values)}
                if wanted not in have:
                    raise BadFilter(facet.name)
        self.counted = True

        for facet in self.registered:
            wanted = self.params.get(facet.name)
            shown = facet.choices(counts.get(facet.name, {}))
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
        items = self.base.filter(*conditions.values())
        if sort == "title":
            items = items.order_by(*by_title)
        return Listed(items, total)

    def _count(self, conditions):
        """In one statement: each facet's {value: count} among the items the
        other chosen filters keep, how many items all of them keep, and each
        chosen facet's {value: count} among all the items."""
        names = list(conditions)
        flags = {
            f"chosen_{n}": ExpressionWrapper(condition, output_field=BooleanField())
            for n, condition in enumerate(conditions.values())
        }
        items = (
            self.base.order_by()
            .annotate(listing_item=F("pk"), **flags)
            .values_list("listing_item", *flags)
        )
        within = RawSQL(f'SELECT "item" FROM "{ITEMS}"', ())  # noqa: S608, S611
        branches = []
        facets = []
        for facet in self.registered:
            for values in facet.values():
                branches.append(
                    values.filter(pk__in=within, value__isnull=False)
                    .order_by()
                    .annotate(listing_facet=Value(len(facets), IntegerField()))
                    .values_list("listing_facet", "pk", "value")
                )
            facets.append(facet)
        connection = connections[self.base.db]
        qn = connection.ops.quote_name

        def flag(name):
            return f"i.{qn(f'chosen_{names.index(name)}')}"

        kept = " AND ".join(flag(name) for name in names) or "1 = 1"
        if not branches:
            sql = f"SELECT -1, NULL, COUNT(*) FROM {qn(ITEMS)} i WHERE {kept}"  # noqa: S608
            values_sql, values_params = "", ()
        else:
            first, *others = branches
            union = first.union(*others, all=True) if others else first
            values_sql, values_params = union.query.sql_with_params()
            each = " OR ".join(
                "(l.facet = {} AND {})".format(
                    n,
                    " AND ".join(flag(name) for name in names if name != facet.name)
                    or "1 = 1",
                )
                for n, facet in enumerate(facets)
            )
            chosen = [n for n, facet in enumerate(facets) if facet.name in names]
            sql = (
                f"SELECT l.facet, l.value, COUNT(DISTINCT l.item) "  # noqa: S608
                f"FROM {qn(VALUES)} l INNER JOIN {qn(ITEMS)} i ON i.item = l.item "
                f"WHERE {each} GROUP BY l.facet, l.value "
                f"UNION ALL SELECT -1, NULL, COUNT(*) FROM {qn(ITEMS)} i WHERE {kept}"
            )
            if chosen:
                sql += (
                    " UNION ALL SELECT -2 - l.facet, l.value, COUNT(DISTINCT l.item) "  # noqa: S608
                    f"FROM {qn(VALUES)} l WHERE l.facet IN "
                    f"({', '.join(str(n) for n in chosen)}) GROUP BY l.facet, l.value"
                )
        items_sql, items_params = items.query.sql_with_params()
        columns = ", ".join(["item", *(qn(name) for name in flags)])
        with_sql = f"WITH {qn(ITEMS)} ({columns}) AS ({items_sql})"
        params = list(items_params)
        if values_sql:
            with_sql += f", {qn(VALUES)} (facet, item, value) AS ({values_sql})"
            params += list(values_params)
        counts, known, total = {}, {}, 0
        with connection.cursor() as cursor:
            cursor.execute(f"{with_sql} {sql}", params)
            for index, value, count in cursor.fetchall():
                if index == -1:
                    total = count
                elif index >= 0:
                    counts.setdefault(facets[index].name, {})[value] = count
                else:
                    known.setdefault(facets[-2 - index].name, {})[value] = count
        return counts, total, known
