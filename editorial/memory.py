"""Translation memory: what the site has translated before, offered again.

Every translation wagtail-localize keeps (a ``StringTranslation``: the
translation of a source ``String`` into a language, in the context of one
page's field) is memory. For a segment of a translation that has no
translation yet (a new segment, or one whose source text changed: a changed
text is a new ``String``), the memory offers the translations of the same
text (exact matches, score 100) and of similar texts (fuzzy matches, scored
by rapidfuzz's ``ratio``, 0 to 100, from ``FUZZY_SCORE`` up) from the same
source language into the same target language, anywhere on the site, each
with the page it was made for. rapidfuzz runs in Python, so the memory
works the same on SQLite and PostgreSQL; the candidates are read in one
query per translation, not per segment.

Before machine translation, the segments with an exact match are filled
from memory (``fill_exact``), so the service is asked only for the rest
(``po_hooks.machine_translate``).
"""

from collections import defaultdict
from dataclasses import dataclass, replace

from django.db import transaction
from rapidfuzz import fuzz, process
from wagtail.models import Page
from wagtail_localize.models import StringTranslation

FUZZY_SCORE = 70
MATCHES = 3


@dataclass(frozen=True)
class Match:
    """An earlier translation offered for a segment."""

    text: str  # the earlier translation
    source: str  # the text it translated
    score: int  # 100 for the same text
    exact: bool
    string_translation_id: int
    object_id: object  # translation key of the page (or snippet) it belongs to
    page: Page | None = None


class Memory:
    """The site's translations from one language into another."""

    def __init__(self, source_locale, target_locale):
        self.source_locale = source_locale
        self.target_locale = target_locale
        # source text -> [(string translation id, translation, context id, object id)]
        self.by_source = defaultdict(list)
        rows = (
            StringTranslation.objects.filter(
                locale=target_locale,
                translation_of__locale=source_locale,
                has_error=False,
            )
            .exclude(data="")
            # People's translations ("manual") before machines' ("machine"),
            # the latest first.
            .order_by("-translation_type", "-updated_at", "-pk")
            .values_list(
                "pk",
                "data",
                "translation_of__data",
                "context_id",
                "context__object_id",
            )
        )
        for pk, data, source, context_id, object_id in rows:
            self.by_source[source].append((pk, data, context_id, object_id))
        self.sources = list(self.by_source)

    def exact(self, text, context_id=None):
        """The first translation of the same text (not the segment's own)."""
        for pk, data, context, object_id in self.by_source.get(text, ()):
            if context != context_id:
                return Match(data, text, 100, True, pk, object_id)
        return None

    def matches(self, text, context_id=None, limit=MATCHES):
        """Exact, then fuzzy matches, best first, each translation offered
        once, at most ``limit``."""
        found, seen = [], set()

        def offer(source, score, exact):
            for pk, data, context, object_id in self.by_source[source]:
                if (exact and context == context_id) or data in seen:
                    continue
                seen.add(data)
                found.append(Match(data, source, round(score), exact, pk, object_id))

        if text in self.by_source:
            offer(text, 100, True)
        similar = process.extract(
            text,
            self.sources,
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_SCORE,
            limit=limit + 1,
        )
        for source, score, _index in similar:
            if source != text:
                offer(source, score, False)
        return found[:limit]


def similar_enough(text, source):
    """The memory would offer a translation of ``source`` for ``text``."""
    return source == text or fuzz.ratio(text, source) >= FUZZY_SCORE


def with_pages(matches, locale):
    """The matches with the page each came from (its translation in the
    target language, where the translation was made)."""
    keys = {match.object_id for match in matches}
    pages = {
        page.translation_key: page
        for page in Page.objects.filter(translation_key__in=keys, locale=locale)
    }
    return [replace(match, page=pages.get(match.object_id)) for match in matches]


def untranslated_segments(translation):
    """The translation's string segments with no translation yet."""
    done = set(
        StringTranslation.objects.filter(
            locale=translation.target_locale,
            context__object_id=translation.source.object_id,
        ).values_list("translation_of_id", "context_id")
    )
    return [
        segment
        for segment in translation.source.stringsegment_set.select_related(
            "string"
        ).order_by("order")
        if (segment.string_id, segment.context_id) not in done
    ]


def suggestions(translation):
    """{string segment: [matches]} for the untranslated segments that have any."""
    memory = Memory(translation.source.locale, translation.target_locale)
    offered = {}
    for segment in untranslated_segments(translation):
        found = memory.matches(segment.string.data, segment.context_id)
        if found:
            offered[segment] = found
    everything = with_pages(
        [match for found in offered.values() for match in found],
        translation.target_locale,
    )
    pages = {match.string_translation_id: match.page for match in everything}
    return {
        segment: [
            replace(match, page=pages[match.string_translation_id]) for match in found
        ]
        for segment, found in offered.items()
    }


def use(translation, segment, text, user):
    """Make ``text`` the segment's translation, as the editor's own field does."""
    string_translation, _created = StringTranslation.objects.update_or_create(
        translation_of_id=segment.string_id,
        locale_id=translation.target_locale_id,
        context_id=segment.context_id,
        defaults={
            "data": text,
            "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            "tool_name": "",
            "last_translated_by": user,
            "has_error": False,
            "field_error": "",
        },
    )
    return string_translation


def fill_exact(translation, user):
    """Fill every untranslated segment that has an exact match; return how
    many were filled."""
    memory = Memory(translation.source.locale, translation.target_locale)
    filled = 0
    with transaction.atomic():
        for segment in untranslated_segments(translation):
            match = memory.exact(segment.string.data, segment.context_id)
            if match is not None:
                use(translation, segment, match.text, user)
                filled += 1
    return filled


def exact_coverage(source, target_locale):
    """(segments the memory would fill exactly, segments) for a new
    translation of the source (a ``TranslationSource``) into the locale."""
    memory = Memory(source.locale, target_locale)
    segments = list(source.stringsegment_set.select_related("string"))
    filled = sum(
        1
        for segment in segments
        if memory.exact(segment.string.data, segment.context_id) is not None
    )
    return filled, len(segments)
