"""The words of the public pages, per language: what a misspelt search is
matched against (``search/spelling.py``).

Both backends call ``record`` as they index objects, with each object's
language and plain text (never the lemmas indexed after it), and ``clear``
when the index is rebuilt from scratch. Only pages the public may see when
they are indexed give their words: not a draft's, a private page's or those
of a page under an unpublished one. The vocabulary still holds words no
public page holds now: a page hidden after it was indexed leaves its words
until the next rebuild, and Wagtail saves (and so indexes) a copy or an
alias of a private page before it copies the page's restrictions. So the
vocabulary only proposes words; ``search/spelling.py`` names one only while
a search for it finds public pages.
"""

from search.lemmas import WORD

MIN_LENGTH = 3  # shorter words are left as typed: too many neighbours
MAX_LENGTH = 64  # Word.word's length


def words_of(text):
    """The text's words, lowercase, that a reader could misspell.

    Measured once lowercased: a word may grow ("İ" becomes "i" and a dot),
    and one longer than the column stopped the page's publication on
    PostgreSQL."""
    words = (word.lower() for word in WORD.findall(text or ""))
    return {
        word
        for word in words
        if MIN_LENGTH <= len(word) <= MAX_LENGTH and not word.isdigit()
    }


def record(objs, language_of, text_of):
    """Add the words of the objects that are pages the public may see.

    ``language_of(obj)`` gives an object's language code, ``text_of(obj)``
    its indexed text."""
    from wagtail.models import Page

    from search.models import Word

    pages = {obj.pk: obj for obj in objs if isinstance(obj, Page)}
    if not pages:
        return
    public = Page.objects.filter(pk__in=pages).live().public()
    rows = set()
    for pk in public.values_list("pk", flat=True):
        page = pages[pk]
        language = language_of(page)
        if language:
            rows.update((language, word) for word in words_of(text_of(page)))
    Word.objects.bulk_create(
        (Word(language=language, word=word) for language, word in sorted(rows)),
        batch_size=2000,
        ignore_conflicts=True,
    )


def clear():
    from search.models import Word

    Word.objects.all()._raw_delete(Word.objects.db)
