"""A story's text machine translated, kept in the cache per live revision.

The texts are the ones wagtail-localize would send for translation
(``extract_segments``), translated by the service configured for editors
(``WAGTAILLOCALIZE_MACHINE_TRANSLATOR``: DeepL or LibreTranslate, see
config/settings/publishing.py) and put back into the page in memory
(``ingest_segments``), so every field a translator would translate reads
translated, in the page's own template. Nothing is saved: no page, no
revision, no wagtail-localize translation. The cache holds, under the page's
id, its live revision's id and the language, the pairs (original text,
translation); a newly published revision has another key, so it is
translated again, and the old pairs expire.
"""

import logging

from django.conf import settings
from django.core.cache import caches
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.segments import (
    OverridableSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.ingest import ingest_segments
from wagtail_localize.strings import StringValue

logger = logging.getLogger(__name__)

# Fields a reader does not read: the address stays the original's.
UNTRANSLATED_FIELDS = {"slug"}


class TranslationUnavailable(Exception):
    """The service could not translate the page now (unreachable, refused,
    an answer that cannot be read)."""


def translator():
    """The configured machine translator, or None."""
    return get_machine_translator()


def can_translate(source_locale, target_locale):
    found = translator()
    return found is not None and found.can_translate(source_locale, target_locale)


def cache_key(page, locale):
    return f"reading:mt:{page.pk}:{page.live_revision_id}:{locale.language_code}"


def _cache():
    return caches["default"]


def _segments(page):
    """The page's texts as wagtail-localize extracts them, without what is
    not read (the slug) and without related objects (a term, a library,
    shown in the reader's language by the page itself)."""
    kept = []
    for segment in extract_segments(page):
        if segment.path.split(".", 1)[0] in UNTRANSLATED_FIELDS:
            continue
        if isinstance(
            segment, StringSegmentValue | TemplateSegmentValue | OverridableSegmentValue
        ):
            kept.append(segment)
    return kept


def translations(page, locale):
    """{original text (HTML): translation} for the page's live revision in
    ``locale``, and whether the service was asked now (False: from the cache).
    TranslationUnavailable if it had to be asked and failed."""
    key = cache_key(page, locale)
    cache = _cache()
    found = cache.get(key)
    if found is not None:
        return found, False
    strings = list(
        dict.fromkeys(
            segment.string
            for segment in _segments(page)
            if isinstance(segment, StringSegmentValue)
        )
    )
    service = translator()
    if service is None:
        raise TranslationUnavailable
    try:
        answer = service.translate(page.locale, locale, strings) if strings else {}
        pairs = {
            original.data: answer[original].data
            for original in strings
            if isinstance(answer.get(original), StringValue)
        }
    except Exception as error:
        # Whatever the service or its client raise (HTTP errors, timeouts,
        # JSON that is not what was expected): the reader gets the original.
        logger.warning(
            "Machine translation for readers failed (page %s into %s): %r",
            page.pk,
            locale.language_code,
            error,
        )
        raise TranslationUnavailable from error
    if len(pairs) < len(strings):
        logger.warning(
            "Machine translation for readers incomplete (page %s into %s)",
            page.pk,
            locale.language_code,
        )
        raise TranslationUnavailable
    cache.set(key, pairs, settings.READING_CACHE_SECONDS)
    return pairs, True


def translate_page(page, locale):
    """Put the machine translation of ``page`` (its live content, as read)
    into ``page`` itself, in memory; return whether the service was asked.
    TranslationUnavailable if it failed (``page`` is then unchanged)."""
    pairs, asked = translations(page, locale)
    segments = []
    for segment in _segments(page):
        if isinstance(segment, StringSegmentValue):
            translated = pairs.get(segment.string.data, segment.string.data)
            segment = StringSegmentValue(
                segment.path, StringValue(translated), attrs=segment.attrs
            ).with_order(segment.order)
        segments.append(segment)
    ingest_segments(page, page, page.locale, locale, segments)
    return asked
