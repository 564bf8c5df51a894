"""The language of an indexed object, read from its locale.

Both backends (``search/backends.py`` on PostgreSQL, ``search/sqlite_backend.py``)
index each object in its own language, and the vocabulary records its words
under it (``search/vocabulary.py``).
"""


class LocaleLanguages:
    """A backend's reading of each object's language code, locales read once."""

    _languages_by_locale = None

    def language_code_of(self, obj):
        """The object's locale's language code ("pl"); None without a locale."""
        locale_id = getattr(obj, "locale_id", None)
        if locale_id is None:
            return None
        languages = self._languages_by_locale
        if languages is None or locale_id not in languages:
            # Imported here: backends are loaded before the apps are ready.
            from wagtail.models import Locale

            languages = dict(Locale.objects.values_list("pk", "language_code"))
            self._languages_by_locale = languages
        return languages.get(locale_id)
