"""Texts whose source changed after they were translated: the old source, the
new source and the old translation, side by side.

wagtail-localize keeps a translation per source text and place (a
``StringTranslation`` of a ``String`` in a ``TranslationContext``). When the
source's text in a place changes, the new text has no translation and the
old one's stays, unused: it is what the translator wrote (by hand, in the
translation editor, or kept from the page by ``hand_edits``). Here each new
text without a translation is paired with an unused translation of the same
place, the most similar old text first.
"""

from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from wagtail_localize.models import StringSegment, StringTranslation


@dataclass
class Change:
    path: str
    segment: StringSegment  # the new source text, untranslated
    old_source: str
    old_translation: StringTranslation

    @property
    def new_source(self):
        return self.segment.string.data


def changed_sources(translation):
    """The changes of the translation's source that have an earlier
    translation, in the source's order."""
    segments = list(
        StringSegment.objects.filter(source=translation.source)
        .order_by("order")
        .select_related("string", "context")
    )
    current = {(s.string_id, s.context_id) for s in segments}
    translations = StringTranslation.objects.filter(
        locale=translation.target_locale,
        context__object_id=translation.source.object_id,
    ).select_related("translation_of", "context", "last_translated_by")
    translated = set()
    unused = defaultdict(list)
    for row in translations:
        key = (row.translation_of_id, row.context_id)
        if key in current:
            translated.add(key)
        else:
            unused[row.context_id].append(row)
    changes = []
    for segment in segments:
        key = (segment.string_id, segment.context_id)
        candidates = unused.get(segment.context_id)
        if key in translated or not candidates:
            continue
        best = max(
            candidates,
            key=lambda row: SequenceMatcher(
                None, row.translation_of.data, segment.string.data
            ).ratio(),
        )
        candidates.remove(best)
        changes.append(
            Change(
                path=segment.context.path,
                segment=segment,
                old_source=best.translation_of.data,
                old_translation=best,
            )
        )
    return changes
