"""Translating content through wagtail-localize's own path.

The demo loader and `setup_locales` use this, so that translated pages are real
wagtail-localize translations: the admin shows them as translations of their
source, and the translation editor, sync and PO export all work on them.
"""

from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


def translate(instance, locale: Locale, strings: dict[str, str], *, user=None):
    """Translate a page or snippet into ``locale`` and publish the result.

    ``strings`` maps each source string (as wagtail-localize segments it) to
    its translation. A segment that has none keeps the source text, as
    wagtail-localize does when it publishes an incomplete translation.
    Returns the translated instance.
    """
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source,
        target_locale=locale,
        defaults={"enabled": True},
    )
    segments = StringSegment.objects.filter(source=source).select_related(
        "string", "context"
    )
    for segment in segments:
        text = strings.get(segment.string.data)
        if text is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
    translation.save_target(user=user, publish=True)
    return instance.get_translation(locale)
