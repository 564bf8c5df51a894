"""Wagtail's SQLite backend (FTS5), finding inflected forms through lemmas.

- **Lemmas.** FTS5 matches whole words. Each page is indexed with its title
  and body followed by the lemmas of their words in the page's language
  (``search/lemmas.py``, simplemma), and each query word is read as "the word
  or its lemma" in the reader's language (``for_language``; without one, in
  every site language). "bibliotekarkami" is then found in a story about
  "bibliotekarki" (both "bibliotekarka"). A page holding the very word the
  reader typed matches both forms, so it ranks first. A language simplemma
  does not cover is matched by whole words.
- **Quotes.** modelsearch writes each word of a query as an FTS5 string,
  ``"word"``, escaping apostrophes but not double quotes, so a query holding
  one was an FTS5 syntax error (``/pl/search/?q="`` answered with the site's
  503 page). FTS5 escapes a double quote by doubling it.

Imported only on SQLite: modelsearch's module reads a model that exists
there only.
"""

import copy

from django.conf import settings
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.query import (
    CombinedLexeme,
    Lexeme,
    SearchQueryExpression,
)
from modelsearch.query import PlainText
from modelsearch.utils import get_content_type_pk

from core.request_memo import remembering
from search import vocabulary
from search.languages import LocaleLanguages
from search.lemmas import lemma_language, query_forms, with_lemmas
from search.query_words import WordsOnly


class Either(CombinedLexeme):
    """``("form" OR "lemma")``: FTS5 binds AND tighter than OR."""

    def as_sql(self, compiler, connection):
        sql, params = super().as_sql(compiler, connection)
        return sql, [f"({params[0]})"]


def either(forms):
    lexemes = [Lexeme(form.replace('"', '""')) for form in forms]
    if len(lexemes) == 1:
        return lexemes[0]
    combined = Either(lexemes[0], "OR", lexemes[1])
    for lexeme in lexemes[2:]:
        combined = Either(combined, "OR", lexeme)
    return combined


class LemmaQueries:
    """Plain-text queries as their words or the words' lemmas, quotes escaped.

    ``config`` is the tuple of simplemma languages queries are read in."""

    def build_search_query_content(self, query, config=None):
        if not isinstance(query, PlainText):
            return super().build_search_query_content(query, config)
        terms = query.query_string.split()
        if not terms:
            return None
        languages = config or ()
        prefix = self.LAST_TERM_IS_PREFIX
        parts = []
        for i, term in enumerate(terms):
            if prefix and i == len(terms) - 1:  # autocomplete: "term"*
                parts.append(Lexeme(term.replace('"', '""'), prefix=True))
            else:
                parts.append(either(query_forms(term, languages)))
        combined = parts[0]
        for part in parts[1:]:
            combined = (
                combined & part if query.operator.upper() == "AND" else combined | part
            )
        return SearchQueryExpression(combined, config=config)


class SQLiteQueryCompiler(LemmaQueries, sqlite.SQLiteSearchQueryCompiler):
    pass


class SQLiteAutocompleteQueryCompiler(
    LemmaQueries, sqlite.SQLiteAutocompleteQueryCompiler
):
    pass


class LemmaIndexer(sqlite.ObjectIndexer):
    """An object's title and body, each followed by its words' lemmas."""

    def __init__(self, obj, backend, language):
        super().__init__(obj, backend)
        self.language = language

    @property
    def lemma_title(self):
        return with_lemmas(self.title, self.language)

    @property
    def lemma_body(self):
        return with_lemmas(self.body, self.language)


class LemmaIndex(sqlite.SQLiteIndex):
    def add_items(self, model, objs):
        """As modelsearch's, with the lemmas of each object's language."""
        if not model.get_search_fields():
            return
        # As the PostgreSQL index: the hidden sections read once for the batch.
        with remembering():
            self._add_items(model, objs)

    def _add_items(self, model, objs):
        backend = self.backend
        indexers = [
            LemmaIndexer(obj, backend, backend.language_of(obj)) for obj in objs
        ]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {
            indexer.id: (indexer.lemma_title, indexer.autocomplete, indexer.lemma_body)
            for indexer in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = frozenset(
            entries.filter(object_id__in=data).values_list("object_id", flat=True)
        )
        for object_id in indexed:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create(
            sqlite.IndexEntry(
                content_type_id=content_type_pk,
                object_id=object_id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
            for object_id, (title, autocomplete, body) in data.items()
            if object_id not in indexed
        )
        self._refresh_title_norms()
        texts = {
            indexer.obj.pk: f"{indexer.title} {indexer.body}" for indexer in indexers
        }
        vocabulary.record(objs, backend.language_code_of, lambda obj: texts[obj.pk])

    def delete_stale_entries(self):
        """Before a rebuild: the vocabulary is refilled as the index is."""
        super().delete_stale_entries()
        vocabulary.clear()


class SQLiteSearchBackend(LocaleLanguages, WordsOnly, sqlite.SQLiteSearchBackend):
    query_compiler_class = SQLiteQueryCompiler
    autocomplete_query_compiler_class = SQLiteAutocompleteQueryCompiler
    index_class = LemmaIndex

    def __init__(self, params):
        super().__init__(params)
        self.language = None
        # Without a language, queries are read in every site language at once.
        self.config = tuple(
            dict.fromkeys(
                language
                for code, _name in settings.LANGUAGES
                if (language := lemma_language(code))
            )
        )

    def for_language(self, language_code):
        """This backend, reading queries as ``language_code``."""
        backend = copy.copy(self)
        language = lemma_language(language_code)
        backend.config = (language,) if language else ()
        backend.language = language_code
        return backend

    def language_of(self, obj):
        """The simplemma language of an object's locale; None without one."""
        return lemma_language(self.language_code_of(obj))
