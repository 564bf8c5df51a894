"""What every search backend of ours does first: a query string read as its
words only (both ``search.backends`` and ``search.sqlite_backend`` stand on it)."""

import unicodedata


def words_of(query):
    """A query string with its blanks as single spaces ("" for blanks alone,
    which Wagtail's backends answer with no results), composed as the
    indexed text is (NFC: "ó" typed as "o" and a combining accent, as some
    keyboards and pasted text give it, was split in two); other queries as
    given."""
    if not isinstance(query, str):
        return query
    return " ".join(unicodedata.normalize("NFC", query).split())


class WordsOnly:
    """A backend reading a query string as its words only."""

    def search(self, query, *args, **kwargs):
        return super().search(words_of(query), *args, **kwargs)

    def autocomplete(self, query, *args, **kwargs):
        return super().autocomplete(words_of(query), *args, **kwargs)
