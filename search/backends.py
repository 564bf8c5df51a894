"""Wagtail's database search backend, with each language stemmed as itself.

Wagtail's PostgreSQL backend takes one text-search configuration
(``SEARCH_CONFIG``) for everything it indexes. A Polish page stemmed as
English is found only by its exact words, so this backend chooses the
configuration per object, from the page's (or snippet's) locale:

- indexing: each object's text becomes a ``tsvector`` made with its own
  language's configuration;
- searching: ``backend.for_language("ru")`` gives a backend whose queries are
  parsed as Russian. Without a language (the admin's search), a query is tried
  in every configured language at once, so an editor finds a page whatever
  its language.

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
from functools import reduce
from itertools import groupby

from django.conf import settings
from django.db import connection
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import Fuzzy, MatchAll, Not

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


def config_for_language(language_code, overrides=None):
    """The text-search configuration for a language code ("pt-br" as "pt")."""
    configs = {**TEXT_SEARCH_CONFIGS, **(overrides or {})}
    code = (language_code or "").lower()
    return configs.get(code) or configs.get(code.split("-")[0]) or FALLBACK_CONFIG


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
        """Index each language's objects with that language's configuration."""
        backend = self.backend
        keyed = sorted(objs, key=backend.config_for_object)
        for config, group in groupby(keyed, key=backend.config_for_object):
            super(MultilingualIndex, type(self)(backend.with_config(config))).add_items(
                model, list(group)
            )


class MultilingualQueryCompiler(PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        if not isinstance(config, tuple):
            return super().build_tsquery_content(query, config, invert)
        # No language given: the query as it reads in any configured language.
        build = super().build_tsquery_content
        parts = [build(query, one, invert) for one in config]
        parts = [part for part in parts if part is not None]
        if not parts:
            return None
        # A negated term must be absent in every reading (De Morgan).
        return reduce((lambda a, b: a & b) if invert else (lambda a, b: a | b), parts)

    def search(self, config, start, stop, score_field=None, backend=None):
        """As Wagtail's, but the documents' vectors are only filtered on
        (``alias``), not selected with every hit (``annotate``)."""
        query = self.query
        if isinstance(query, MatchAll | Fuzzy) or (
            isinstance(query, Not) and isinstance(query.subquery, MatchAll)
        ):
            return super().search(config, start, stop, score_field, backend)
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


class MultilingualPostgresSearchBackend(WordsOnly, PostgresSearchBackend):
    query_compiler_class = MultilingualQueryCompiler
    autocomplete_query_compiler_class = PostgresAutocompleteQueryCompiler
    index_class = MultilingualIndex

    def __init__(self, params):
        super().__init__(params)
        overrides = params.get("LANGUAGE_CONFIGS")
        self.language_configs = {
            code: config_for_language(code, overrides)
            for code, _name in settings.LANGUAGES
        }
        self.language = None
        # Without a language, queries are read in every configured language.
        self.config = params.get("SEARCH_CONFIG") or tuple(
            dict.fromkeys(self.language_configs.values())
        )
        self._languages_by_locale = {}

    def with_config(self, config):
        backend = copy.copy(self)
        backend.config = config
        return backend

    def for_language(self, language_code):
        """This backend, reading queries as ``language_code``."""
        backend = self.with_config(
            config_for_language(language_code, self.language_configs)
        )
        backend.language = language_code
        return backend

    def config_for_object(self, obj):
        """The configuration for an object's language; ``simple`` without one."""
        locale_id = getattr(obj, "locale_id", None)
        if locale_id is None:
            return FALLBACK_CONFIG
        if locale_id not in self._languages_by_locale:
            from wagtail.models import Locale

            self._languages_by_locale = dict(
                Locale.objects.values_list("pk", "language_code")
            )
        return config_for_language(
            self._languages_by_locale.get(locale_id), self.language_configs
        )
