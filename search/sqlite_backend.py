"""Wagtail's SQLite backend (FTS5), with a double quote in a word escaped.

modelsearch writes each word of a query as an FTS5 string, ``"word"``,
escaping apostrophes but not double quotes, so a query holding one was an
FTS5 syntax error (``/pl/search/?q="`` answered with the site's 503 page).
FTS5 escapes a double quote by doubling it.

Imported only on SQLite: modelsearch's module reads a model that exists
there only.
"""

from modelsearch.backends.database.sqlite import sqlite
from modelsearch.query import PlainText

from search.backends import WordsOnly


class QuotesInWords:
    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            query = PlainText(
                query.query_string.replace('"', '""'), query.operator, query.boost
            )
        return super().build_search_query_content(query, config)


class SQLiteQueryCompiler(QuotesInWords, sqlite.SQLiteSearchQueryCompiler):
    pass


class SQLiteAutocompleteQueryCompiler(
    QuotesInWords, sqlite.SQLiteAutocompleteQueryCompiler
):
    pass


class SQLiteSearchBackend(WordsOnly, sqlite.SQLiteSearchBackend):
    query_compiler_class = SQLiteQueryCompiler
    autocomplete_query_compiler_class = SQLiteAutocompleteQueryCompiler
