"""The public search: full-text hits in the reader's language, narrowed by facets.

The search backend finds and ranks the pages (at most ``MAX_HITS``): those
with every word, else, where there are none, those with its words corrected
(``search/spelling.py``: only words that find public pages now are known
or offered), else those with some of its words, else those with some of the
corrected words. The
facets (type, audience, format, topic, project, library, region, year) are
then read for those pages in a fixed number of queries, one or two per facet
and page type, and filtered and counted in Python. So the page costs the same
number of queries for 10 hits as for 1,000, whichever backend ranks them.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Value
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from core.listing import TERM_FACETS, BadFilter, Choice, Facet, query_url
from core.request_memo import all_terms, with_locale
from search import spelling
from search.query_words import words_of

MAX_QUERY_LENGTH = 200
MAX_HITS = 1000
PER_PAGE = 10

# The page types readers search, by the value of the ``type`` filter.
SEARCHED_TYPES = {
    "project": "projects.ProjectPage",
    "practice": "practices.PracticePage",
    "testimonial": "projects.TestimonialPage",
    "tutorial": "tutorials.TutorialPage",
    "library": "libraries.LibraryPage",
}
# Which page types carry which terms, and how each names its libraries.
TERM_RELATIONS = {
    "audience": ["project", "practice", "tutorial"],
    "format": ["project", "practice"],
    "topic": ["project", "practice"],
}
LIBRARY_LOOKUPS = {
    "project": ["project_libraries__library__translation_key"],
    "practice": [
        "library__translation_key",
        "partners__library__translation_key",
    ],
    "testimonial": ["library__translation_key"],
    "tutorial": ["library__translation_key"],
    "library": ["translation_key"],
}


class QueryTooLong(ValueError):
    pass


@dataclass
class Hit:
    pk: int
    kind: str
    path: str
    values: dict = field(default_factory=lambda: defaultdict(set))


class Search:
    """One search request: its words, its filters, its results."""

    facet_names = ("type", "audience", "format", "topic", "project", "library")
    facet_names += ("region", "year")

    def __init__(self, request, locale):
        self.params = request.GET
        self.locale = locale
        self.query = words_of(self.params.get("q", ""))
        if len(self.query) > MAX_QUERY_LENGTH:
            raise QueryTooLong
        self.models = {
            kind: apps.get_model(name) for kind, name in SEARCHED_TYPES.items()
        }
        self.hits = []
        self.any_word = False
        # The words searched for instead of the query's, when it found nothing.
        self.corrected = None
        # ?as_typed=1: no correction (the link on "Showing results for …").
        self.as_typed = self.params.get("as_typed") is not None
        if self.as_typed and self.params["as_typed"] != "1":
            raise BadFilter("as_typed")
        self.facets = []
        self.active = {}

    def url(self, **changes):
        return query_url(self.params, **changes)

    # Finding ----------------------------------------------------------------

    def backend(self):
        backend = get_search_backend()
        if hasattr(backend, "for_language"):
            backend = backend.for_language(self.locale.language_code)
        return backend

    def searched_pages(self):
        return (
            Page.objects.live()
            .public()
            .filter(locale_id=self.locale.pk)
            .type(*self.models.values())
        )

    def find(self):
        """The hits in order of relevance: every word, else every corrected
        word, else any of the words, else any of the corrected words."""
        if not self.query:
            return []
        backend = self.backend()
        # Only what the facets need: a thousand full pages cost more to build.
        pages = self.searched_pages().only("id", "content_type_id", "path")

        def search(words, operator):
            return list(backend.search(words, pages, operator=operator)[:MAX_HITS])

        @cache
        def finds_public_pages(word):
            return bool(list(backend.search(word, pages)[:1]))

        def attempts():
            yield self.query, "and"
            # Corrections only for a search that found nothing: a word the
            # vocabulary lacks (an inflected form the lemmas find, say)
            # costs a scan of the vocabulary.
            corrections = []
            if not self.as_typed:
                language = self.locale.language_code
                corrections = spelling.corrections(
                    self.query, language, finds_public_pages
                )
            yield from ((corrected, "and") for corrected in corrections)
            if len(self.query.split()) > 1:
                yield self.query, "or"
            for corrected in corrections:
                if len(corrected.split()) > 1:
                    yield corrected, "or"

        found = []
        for words, operator in attempts():
            found = search(words, operator)
            if found:
                self.any_word = operator == "or"
                self.corrected = words if words != self.query else None
                break
        kinds = {page_type.pk: kind for kind, page_type in self.content_types().items()}
        return [
            Hit(page.pk, kinds.get(page.content_type_id), page.path) for page in found
        ]

    @property
    def words(self):
        """The words the results were found with: the query's, or the corrected ones."""
        return self.corrected or self.query

    def as_typed_url(self):
        """This search for the words as typed, without correction."""
        return self.url(as_typed="1", page=None)

    def content_types(self):
        from django.contrib.contenttypes.models import ContentType

        return {
            kind: ContentType.objects.get_for_model(model)
            for kind, model in self.models.items()
        }

    # Facets -----------------------------------------------------------------

    def read_facets(self, hits):
        """Each hit's values for each facet, and each value's label."""
        labels = {name: {} for name in self.facet_names}
        by_kind = defaultdict(list)
        for hit in hits:
            by_kind[hit.kind].append(hit.pk)
            hit.values["type"].add(hit.kind)
        for kind in by_kind:
            labels["type"][kind] = self.models[kind]._meta.verbose_name

        by_pk = {hit.pk: hit for hit in hits}
        # Every hit's terms and libraries (their translation keys), in one
        # query for all the page types and relations; the terms themselves
        # from the request's memo.
        branches = []
        for name, kinds in TERM_RELATIONS.items():
            _model_name, relation, _label = TERM_FACETS[name]
            branches += [(name, kind, f"{relation}__translation_key") for kind in kinds]
        for kind, lookups in LIBRARY_LOOKUPS.items():
            branches += [("library", kind, lookup) for lookup in lookups]
        branches = [branch for branch in branches if by_kind.get(branch[1])]
        queries = [
            # isnull=False, not exclude(None): an exclude through a
            # many-to-many is an anti-join over every page of the type.
            self.models[kind]
            .objects.filter(pk__in=by_kind[kind], **{f"{lookup}__isnull": False})
            .order_by()
            .values_list(Value(index), "pk", lookup)
            for index, (_name, kind, lookup) in enumerate(branches)
        ]
        pairs = defaultdict(list)
        if queries:
            first, *others = queries
            rows = first.union(*others, all=True) if others else first
            for index, pk, key in rows:
                pairs[branches[index][0]].append((pk, key))

        terms_by_model = all_terms()
        for name in TERM_RELATIONS:
            model_name, _relation, _label = TERM_FACETS[name]
            keys = {key for _pk, key in pairs[name]}
            terms = sorted(
                (
                    term
                    for term in terms_by_model[apps.get_model(model_name)].values()
                    if term.locale_id == self.locale.pk and term.translation_key in keys
                ),
                key=lambda term: term._rank,
            )
            slugs = {term.translation_key: term.slug for term in terms}
            labels[name] = {term.slug: term.name for term in terms}
            for pk, key in pairs[name]:
                if key in slugs:
                    by_pk[pk].values[name].add(slugs[key])

        library_pairs = pairs["library"]
        libraries = {
            library.translation_key: library
            for library in self.models["library"]
            .objects.live()
            .public()
            .filter(
                locale_id=self.locale.pk,
                translation_key__in={key for _pk, key in library_pairs},
            )
        }
        for pk, key in library_pairs:
            library = libraries.get(key)
            if library:
                by_pk[pk].values["library"].add(library.slug)
                labels["library"][library.slug] = library.title
                if library.region:
                    by_pk[pk].values["region"].add(library.region)
                    labels["region"][library.region] = library.region

        # A project stands for itself and for the pages under it.
        steplen = Page.steplen
        prefixes = {
            hit.path[:end]
            for hit in hits
            for end in range(steplen, len(hit.path) + 1, steplen)
        }
        projects = (
            self.models["project"]
            .objects.live()
            .public()
            .filter(locale_id=self.locale.pk, path__in=prefixes)
            .only("pk", "path", "slug", "title", "start_date")
        )
        projects = {project.path: project for project in projects}
        for hit in hits:
            for end in range(steplen, len(hit.path) + 1, steplen):
                project = projects.get(hit.path[:end])
                if project:
                    hit.values["project"].add(project.slug)
                    labels["project"][project.slug] = project.title
                    if project.start_date:
                        year = str(project.start_date.year)
                        hit.values["year"].add(year)
                        labels["year"][year] = year
        return labels

    def facet_label(self, name):
        if name in TERM_FACETS:
            return TERM_FACETS[name][2]
        return {
            "type": _("Type"),
            "project": _("Project"),
            "library": _("Library"),
            "region": _("Region"),
            "year": _("Year"),
        }[name]

    def narrow(self, hits, labels):
        """The hits every chosen filter keeps; each facet's choices counted
        among the hits the other chosen filters keep."""
        wanted = {
            name: self.params[name] for name in self.facet_names if name in self.params
        }
        for name, value in wanted.items():
            if value not in labels[name]:
                raise BadFilter(name)

        def keeps(hit, names):
            return all(wanted[n] in hit.values[n] for n in names)

        for name in self.facet_names:
            others = [n for n in wanted if n != name]
            counts = defaultdict(int)
            for hit in hits:
                if keeps(hit, others):
                    for value in hit.values[name]:
                        counts[value] += 1
            ordered = sorted(
                counts.items(),
                key=lambda item: (
                    -int(item[0]) if name == "year" else 0,
                    str(labels[name][item[0]]).lower(),
                ),
            )
            facet = Facet(name, self.facet_label(name), None, None)
            for value, count in ordered:
                active = wanted.get(name) == value
                choice = Choice(
                    value,
                    labels[name][value],
                    count,
                    self.url(**{name: None if active else value}),
                    active,
                )
                facet.shown.append(choice)
                if active:
                    self.active[name] = choice
            if facet.shown:
                self.facets.append(facet)
        return [hit for hit in hits if keeps(hit, wanted)]

    # The result ---------------------------------------------------------------

    def run(self):
        """Find, narrow and paginate; the current page's hits as pages."""
        hits = self.find()
        kept = self.narrow(hits, self.read_facets(hits))
        page = Paginator(kept, PER_PAGE).get_page(self.params.get("page"))
        ids = [hit.pk for hit in page.object_list]
        # Each type's pages read from its own model: a query per type, and
        # none for the pages' common fields alone.
        by_kind = defaultdict(list)
        for hit in page.object_list:
            by_kind[hit.kind].append(hit.pk)
        by_id = {}
        for kind, pks in by_kind.items():
            model = self.models.get(kind)
            found = (
                model.objects.filter(pk__in=pks)
                if model is not None
                else Page.objects.filter(pk__in=pks).specific()
            )
            by_id.update((result.pk, with_locale(result)) for result in found)
        page.object_list = [by_id[pk] for pk in ids if pk in by_id]
        return page

    @property
    def query_string(self):
        return self.url()

    def clear_url(self):
        return query_url({"q": self.query} if self.query else {})
