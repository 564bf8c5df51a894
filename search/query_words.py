"""What every search backend of ours does first: a query string read as its
words only (both ``search.backends`` and ``search.sqlite_backend`` stand on it)."""


def words_of(query):
    """A query string with its blanks as single spaces ("" for blanks alone,
    which Wagtail's backends answer with no results); other queries as given."""
    return " ".join(query.split()) if isinstance(query, str) else query


class WordsOnly:
    """A backend reading a query string as its words only."""

    def search(self, query, *args, **kwargs):
        return super().search(words_of(query), *args, **kwargs)

    def autocomplete(self, query, *args, **kwargs):
        return super().autocomplete(words_of(query), *args, **kwargs)
