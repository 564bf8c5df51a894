"""Search result excerpts with the matched words marked.

The text is what the search index holds for each page (its summary, body,
quote, transcript...). On PostgreSQL, ``ts_headline`` picks the passages and
marks the words with the text-search configuration that found them, so an
inflected form is marked too ("bibliotekach" marks "biblioteki"). Where the
language is read with lemmas (on SQLite, and on PostgreSQL for a language
whose reading has them), a simpler marker looks for words that start like
the query's words or share a query word's lemma (``search/lemmas.py``).
"""

import re

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.search.models import IndexEntry

from search.backends import Reading, tsquery_text
from search.lemmas import WORD, lemma, without_lemmas

EXCERPT_WORDS = 30
STEM = 4  # letters a query word needs to mark the words it begins
START, STOP = "\ue000", "\ue001"  # private-use characters: never in real text
HEADLINE_OPTIONS = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def index_texts(pages):
    """The indexed text of each page, by page id (one query)."""
    field = "body_text" if _has_field("body_text") else "body"
    if not pages or not _has_field(field):
        return {}
    wanted = {(page.content_type_id, str(page.pk)): page.pk for page in pages}
    entries = IndexEntry.objects.filter(
        object_id__in={object_id for _ct, object_id in wanted},
        content_type_id__in={ct for ct, _object_id in wanted},
    ).values_list("content_type_id", "object_id", field)
    return {
        wanted[(ct, object_id)]: without_lemmas(text)
        for ct, object_id, text in entries
        if (ct, object_id) in wanted
    }


def _has_field(name):
    return any(f.name == name for f in IndexEntry._meta.get_fields())


def fallback_text(page):
    for name in ("summary", "search_description", "description", "quote"):
        value = getattr(page, name, "")
        if value:
            return re.sub(r"<[^>]+>", " ", str(value))
    return ""


def excerpts(pages, query, backend=None, any_word=False):
    """Marked-up excerpts by page id, for the words of ``query`` as the
    ``backend`` (one reading a language: ``for_language``) read them."""
    texts = index_texts(pages)
    texts = {page.pk: texts.get(page.pk) or fallback_text(page) for page in pages}
    reading = getattr(backend, "reading", None)
    if isinstance(reading, Reading) and reading.lemmas:
        # Found by a word's lemma, which the configuration may not stem
        # alike (or, as "lemmas" reads, not stem at all): the lemmas mark.
        return {
            pk: marked(text, query, (reading.lemmas,)) for pk, text in texts.items()
        }
    if getattr(backend, "language", None) and connection.vendor == "postgresql":
        return dict(
            zip(
                texts,
                headlines(list(texts.values()), query, reading, any_word),
                strict=True,
            )
        )
    # On SQLite, the simplemma languages the backend reads queries in.
    languages = getattr(backend, "config", None)
    languages = languages if isinstance(languages, tuple) else ()
    return {pk: marked(text, query, languages) for pk, text in texts.items()}


def headlines(texts, query, reading, any_word):
    """``ts_headline`` of each text for the query as ``reading`` reads it."""
    if not texts:
        return []
    operator = "or" if any_word else "and"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ts_headline(%s::regconfig, text, "
            "to_tsquery(%s::regconfig, %s), %s) "
            "FROM unnest(%s::text[]) WITH ORDINALITY AS texts(text, n) ORDER BY n",
            [
                reading.config,
                reading.config,
                tsquery_text(query, reading.lemmas, operator),
                HEADLINE_OPTIONS,
                texts,
            ],
        )
        return [_to_html(row[0]) for row in cursor.fetchall()]


def _to_html(text):
    html = escape(" ".join(text.split()))
    return mark_safe(html.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def marked(text, query, languages=()):
    """The passage around the first word that starts like a query word or,
    in ``languages`` (simplemma's, on SQLite), shares a query word's lemma."""
    words = text.split()
    query_words = WORD.findall(query.lower())
    if not query_words:
        return _to_html(" ".join(words[:EXCERPT_WORDS]))
    # A word of four letters or more marks the words it begins (less its
    # last two letters); a shorter one ("w", "a", "and") only itself, or it
    # marked every word that starts with its letters.
    stems = tuple(
        word[: max(STEM, len(word) - 2)] for word in query_words if len(word) >= STEM
    )
    whole = {word for word in query_words if len(word) < STEM}
    lemmas = {lemma(word, language) for word in query_words for language in languages}

    def matches(word):
        lowered = word.lower()
        return (
            lowered in whole
            or lowered.startswith(stems)
            or any(lemma(word, language) in lemmas for language in languages)
        )

    def mark(found):
        word = found.group(0)
        return f"{START}{word}{STOP}" if matches(word) else word

    first = next(
        (i for i, word in enumerate(words) if any(map(matches, WORD.findall(word)))),
        0,
    )
    start = max(0, first - EXCERPT_WORDS // 3)
    passage = " ".join(words[start : start + EXCERPT_WORDS])
    passage = WORD.sub(mark, passage)
    prefix = "… " if start else ""
    suffix = " …" if start + EXCERPT_WORDS < len(words) else ""
    return _to_html(prefix + passage + suffix)
