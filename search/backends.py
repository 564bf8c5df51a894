"""Wagtail's database search backend, with each language analysed as itself.

Wagtail's PostgreSQL backend takes one text-search configuration
(``SEARCH_CONFIG``) for everything it indexes. A Polish page stemmed as
English is found only by its exact words, so this backend reads each object
in its own language, from the page's (or snippet's) locale. How a language
is read on PostgreSQL (its ``Reading``) is one of three analyses, chosen per
language by the recall each gives on the relevance set
(``tests/search/cases/``, ``bench/search.py --recall``; ``ANALYSIS`` in the
backend's settings overrides it):

- ``dictionary``: PostgreSQL's own text-search configuration for the
  language (Snowball's stemmers, Hunspell for Polish);
- ``lemmas``: the words and their lemmas in Python (simplemma,
  ``search/lemmas.py``), as on SQLite, kept as they are (``simple``);
- ``both``: the words and their lemmas, each stemmed by the dictionary.

So:

- indexing: each object's text becomes a ``tsvector`` made with its own
  language's configuration, and where its reading has lemmas, the lemmas of
  its words follow (at the lowest weight, so the words themselves rank
  first);
- searching: ``backend.for_language("ru")`` gives a backend whose queries are
  read as Russian: each word, or, with lemmas, the word or its lemma. Without
  a language (the admin's search, the API's), a query is tried in every site
  language's reading at once, so an editor finds a page whatever its
  language.

On SQLite and other databases the backend is Wagtail's own database backend;
on SQLite (FTS5, whole words) with each page indexed with its words' lemmas
and each query word read as itself or its lemma, in Python by simplemma, and
a double quote in a word escaped (``search/sqlite_backend.py``).
The backend is a setting (``WAGTAILSEARCH_BACKENDS``): a network that
outgrows PostgreSQL points it at Wagtail's OpenSearch or Elasticsearch backend
and the search page keeps working, since it only calls ``search()`` and,
where a backend has it, ``for_language()``.

On both databases a query of blanks alone is no query: modelsearch built
nothing from it and failed (``/api/v2/pages/?search=%20`` was a 500).

PostgreSQL has no Polish stemmer; ``search/text_search.py`` builds the
``polish`` configuration from Debian's Hunspell dictionary.
"""

import copy
import re
from functools import reduce
from itertools import groupby
from typing import NamedTuple

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import Fuzzy, MatchAll, Not, PlainText
from modelsearch.utils import get_content_type_pk

from core.request_memo import remembering
from search import vocabulary
from search.languages import LocaleLanguages
from search.lemmas import lemma_language, other_lemmas, query_forms
from search.query_words import WordsOnly

# PostgreSQL's built-in Snowball configurations (PostgreSQL 13 and later),
# by language code, and ours for Polish (see search/text_search.py).
TEXT_SEARCH_CONFIGS = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
FALLBACK_CONFIG = "simple"

DICTIONARY, LEMMAS, BOTH = "dictionary", "lemmas", "both"
# Chosen by recall at 10 on the relevance set (README, "Search"): see
# bench/search.py --recall. A language not listed is read with ``both``.
ANALYSIS = {"pl": BOTH, "ru": BOTH, "fi": BOTH, "en": BOTH}
DEFAULT_ANALYSIS = BOTH


def config_for_language(language_code, overrides=None):
    """The text-search configuration for a language code ("pt-br" as "pt")."""
    configs = {**TEXT_SEARCH_CONFIGS, **(overrides or {})}
    code = (language_code or "").lower()
    return configs.get(code) or configs.get(code.split("-")[0]) or FALLBACK_CONFIG


class Reading(NamedTuple):
    """How a language is read on PostgreSQL: a text-search configuration,
    and the simplemma language whose lemmas are added (None for none)."""

    config: str
    lemmas: str | None = None

    @property
    def analysis(self):
        if not self.lemmas:
            return DICTIONARY
        return LEMMAS if self.config == FALLBACK_CONFIG else BOTH


def reading_for_language(language_code, analysis=None, overrides=None):
    """The reading of a language code under an analysis (by default, the
    one chosen for the language); a language PostgreSQL cannot stem and
    simplemma does not know is read word for word (``simple``)."""
    code = (language_code or "").lower()
    analysis = analysis or ANALYSIS.get(code.split("-")[0], DEFAULT_ANALYSIS)
    config = config_for_language(code, overrides)
    lemmas = lemma_language(code) if analysis in (LEMMAS, BOTH) else None
    if analysis == LEMMAS and lemmas:
        config = FALLBACK_CONFIG
    return Reading(config, lemmas)


def tsquery_text(query_string, lemmas=None, operator="and", invert=False):
    """A plain query as ``to_tsquery`` text: each word quoted, with its
    lemma as an alternative where the reading has lemmas
    (``('bibliotekarkami' | 'bibliotekarka') & 'seniorzy'``)."""
    terms = [term for term in re.split(r"[\s\-]+", query_string) if term]
    groups = []
    for term in terms:
        forms = query_forms(term, [lemmas]) if lemmas else [term]
        group = " | ".join(_quoted(form) for form in forms)
        groups.append(f"!({group})" if invert else f"({group})")
    return (" & " if operator == "and" else " | ").join(groups)


def _quoted(word):
    escaped = word.replace("'", "''").replace("\\", "\\\\")
    return f"'{escaped}'"


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for)
    """The backend for the default database, as Wagtail's database backend does."""
    if connection.vendor == "postgresql":
        return MultilingualPostgresSearchBackend(params)
    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite":
        # Imported here: its module reads a model that exists on SQLite only.
        from search.sqlite_backend import SQLiteSearchBackend, sqlite

        if type(backend) is sqlite.SQLiteSearchBackend:  # FTS5, not the fallback
            return SQLiteSearchBackend(params)
    return backend


class MultilingualIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Index each language's objects with that language's reading, then
        record the words of the public pages among them."""
        if not model.get_search_fields():
            return
        # Which sections of the site are hidden is asked for each object and
        # each of its related fields; outside a request nothing keeps the
        # answer, and it costs three queries each time.
        with remembering():
            self._add_items(model, list(objs))

    def _add_items(self, model, objs):
        backend = self.backend
        # Each object's plain title and body, read once for the lemmas and
        # the vocabulary.
        texts = {}

        def text_of(obj):
            if obj.pk not in texts:
                indexer = ObjectIndexer(obj, backend)
                texts[obj.pk] = (indexer.title_text, indexer.body_text)
            return texts[obj.pk]

        keyed = sorted(objs, key=backend.reading_for_object)
        for reading, group in groupby(keyed, key=backend.reading_for_object):
            group = list(group)
            index = type(self)(backend.with_config(reading.config))
            super(MultilingualIndex, index).add_items(model, group)
            if reading.lemmas:
                self.add_lemmas(model, group, reading, text_of)
        vocabulary.record(
            objs, backend.language_code_of, lambda o: " ".join(text_of(o))
        )

    def add_lemmas(self, model, objs, reading, text_of):
        """Each entry's title and body vectors followed by their words'
        lemmas, at the lowest weight (one statement for the objects)."""
        rows = []
        for obj in objs:
            title, body = text_of(obj)
            title = " ".join(other_lemmas(title, reading.lemmas))
            body = " ".join(other_lemmas(body, reading.lemmas))
            if title or body:
                rows.append((str(obj.pk), title, body))
        if not rows:
            return
        values = ", ".join(["(%s, %s, %s)"] * len(rows))
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {IndexEntry._meta.db_table} AS entry "  # noqa: S608
                "SET title = entry.title || setweight(to_tsvector(%s::regconfig, "
                "lemmas.title), 'D'), body = entry.body || setweight("
                "to_tsvector(%s::regconfig, lemmas.body), 'D') "
                f"FROM (VALUES {values}) AS lemmas(object_id, title, body) "
                "WHERE entry.content_type_id = %s "
                "AND entry.object_id = lemmas.object_id",
                [
                    reading.config,
                    reading.config,
                    *(value for row in rows for value in row),
                    get_content_type_pk(model),
                ],
            )

    def delete_stale_entries(self):
        """Before a rebuild: the vocabulary is refilled as the index is."""
        super().delete_stale_entries()
        vocabulary.clear()


def _plain_config(config):
    """A configuration Wagtail's own code can use for a reading or readings."""
    if isinstance(config, Reading):  # a tuple itself: asked first
        return config.config
    if isinstance(config, tuple):
        return tuple(dict.fromkeys(_plain_config(one) for one in config))
    return config


class MultilingualQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        """The backend's reading (or, without a language, its readings)."""
        return backend.reading

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(config, tuple) and not isinstance(config, Reading):
            # No language given: the query as it reads in any site language.
            parts = [self.build_tsquery_content(query, one, invert) for one in config]
            parts = [part for part in parts if part is not None]
            if not parts:
                return None
            # A negated term must be absent in every reading (De Morgan).
            return reduce(
                (lambda a, b: a & b) if invert else (lambda a, b: a | b), parts
            )
        if not isinstance(config, Reading):
            return super().build_tsquery_content(query, config, invert)
        if isinstance(query, PlainText):
            text = tsquery_text(
                query.query_string, config.lemmas, query.operator, invert
            )
            if not text:
                return None
            return SearchQuery(text, search_type="raw", config=config.config)
        return super().build_tsquery_content(query, config, invert)

    def search(self, config, start, stop, score_field=None, backend=None):
        """As Wagtail's, but the documents' vectors are only filtered on
        (``alias``), not selected with every hit (``annotate``)."""
        query = self.query
        if isinstance(query, MatchAll | Fuzzy) or (
            isinstance(query, Not) and isinstance(query.subquery, MatchAll)
        ):
            return super().search(
                _plain_config(config), start, stop, score_field, backend
            )
        search_query = self.build_tsquery(query, config=config)
        vectors = self.get_search_vectors(search_query)
        rank_expression = self._build_rank_expression(vectors, config)
        combined = vectors[0][0]
        for vector, _boost in vectors[1:]:
            combined = combined._combine(vector, "||", False)
        queryset = self.queryset.alias(_vector_=combined).filter(_vector_=search_query)
        return self._apply_ordering_and_scoring(
            queryset, rank_expression, start, stop, score_field
        )


class MultilingualPostgresSearchBackend(
    LocaleLanguages, WordsOnly, PostgresSearchBackend
):
    query_compiler_class = MultilingualQueryCompiler
    autocomplete_query_compiler_class = PostgresAutocompleteQueryCompiler
    index_class = MultilingualIndex

    def __init__(self, params):
        super().__init__(params)
        overrides = params.get("LANGUAGE_CONFIGS")
        analysis = params.get("ANALYSIS") or {}
        self.readings = {
            code: reading_for_language(code, analysis.get(code), overrides)
            for code, _name in settings.LANGUAGES
        }
        self.overrides = overrides
        self.analysis = analysis
        self.language = None
        # Without a language, queries are read in every site language's way.
        self.reading = tuple(dict.fromkeys(self.readings.values()))
        self.config = params.get("SEARCH_CONFIG") or _plain_config(self.reading)

    def with_config(self, config):
        backend = copy.copy(self)
        backend.config = config
        return backend

    def reading_of(self, language_code):
        """The reading of a language code, site language or not."""
        code = (language_code or "").lower()
        return self.readings.get(code) or reading_for_language(
            code, self.analysis.get(code), self.overrides
        )

    def for_language(self, language_code):
        """This backend, reading queries as ``language_code``."""
        reading = self.reading_of(language_code)
        backend = self.with_config(reading.config)
        backend.reading = reading
        backend.language = language_code
        return backend

    def reading_for_object(self, obj):
        """The reading for an object's language; ``simple`` without one."""
        language_code = self.language_code_of(obj)
        if language_code is None:
            return Reading(FALLBACK_CONFIG)
        return self.reading_of(language_code)
