"""Words reduced to their lemmas in Python, per language, for search on SQLite.

SQLite's FTS5 matches whole words. So that "bibliotekarkami" finds a story
about "bibliotekarki", the SQLite backend (``search/sqlite_backend.py``)
indexes each page's text followed by the lemmas of its words, in the page's
language, and reads each query word as "the word or its lemma" in the
reader's language. simplemma lemmatizes Polish, Russian, Finnish, English and
about fifty more languages; a language it does not cover is matched by whole
words only (``setup_search`` says which).

The lemmas follow the text after ``LEMMAS``, a character FTS5 treats as a
separator, so the excerpts can cut them off (``search/excerpts.py``).

simplemma reads its dictionaries with its memory-frugal backend
(``low_memory``): the four site languages take about 120 MB and 3 s to load
(7.5 s measured on a loaded 2-core machine) instead of 860 MB and 8 s, for
the same lemmas, each looked up in about
10 µs instead of 3. ``preload`` loads them where a server starts
(``config/wsgi.py``), before gunicorn forks its workers, which share them.
"""

import re
from functools import lru_cache

import simplemma
from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

LEMMAS = "\x1e"  # ASCII record separator: not a word character for FTS5
# FTS5's unicode61 tokenizer: letters, digits and private-use characters.
WORD = re.compile(r"[^\W_]+")


def lemma_language(language_code):
    """The simplemma language for a language code ("pt-br" as "pt"), or None."""
    code = (language_code or "").lower().split("-")[0]
    return code if code in SUPPORTED_LANGUAGES else None


@lru_cache(maxsize=100_000)
def lemma(word, language):
    """The lowercase lemma of a word (the word itself when simplemma knows none)."""
    word = word.lower()
    return simplemma.lemmatize(word, lang=language, low_memory=True).lower()


def preload():
    """Load the dictionaries of the site's languages that simplemma knows."""
    from django.conf import settings

    for code, _name in settings.LANGUAGES:
        language = lemma_language(code)
        if language:
            lemma("a", language)


def other_lemmas(text, language):
    """The lemmas of the text's words that are not the words themselves."""
    if not language or not text:
        return []
    lemmas = []
    for word in WORD.findall(text):
        found = lemma(word, language)
        if found != word.lower():
            lemmas.append(found)
    return lemmas


def with_lemmas(text, language):
    """The text, then (after ``LEMMAS``) the lemmas its words do not spell."""
    lemmas = other_lemmas(text, language)
    if not lemmas:
        return text
    return f"{text} {LEMMAS} {' '.join(lemmas)}"


def without_lemmas(text):
    """The text as written, without the lemmas indexed after it."""
    return (text or "").split(LEMMAS, 1)[0].rstrip()


def query_forms(word, languages):
    """A query word and its lemmas in the given languages, without repeats.

    The lemmas of a word in quotes or before a comma ("„bibliotekarkami”",
    "seniors,") are those of the word within: simplemma knows no word with
    its punctuation, and the query found only the form typed."""
    within = WORD.findall(word)
    core = within[0] if len(within) == 1 else word
    forms = [word]
    for language in languages:
        found = lemma(core, language)
        if found not in (form.lower() for form in forms):
            forms.append(found)
    return forms
