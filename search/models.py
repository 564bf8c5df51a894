"""The words a misspelt search is matched against (``search/spelling.py``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Word(models.Model):
    """A word of a page the public could see when the page was indexed, in
    the page's language.

    Filled as pages are indexed (``search/vocabulary.py``) and refilled when
    the index is rebuilt. It may hold words no public page holds now (a page
    hidden since, a copy of a private page indexed before its restrictions
    were copied): the suggestions name only words a search finds
    (``search/spelling.py``).
    """

    language = models.CharField(_("language"), max_length=16)
    word = models.CharField(_("word"), max_length=64)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "word"], name="search_word_language_word"
            )
        ]

    def __str__(self):
        return f"{self.word} ({self.language})"
