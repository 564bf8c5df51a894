"""Translating content through wagtail-localize's own path.

The demo loader and `setup_locales` use this, so that translated pages are real
wagtail-localize translations: the admin shows them as translations of their
source, and the translation editor, sync and PO export all work on them.
"""

from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue, extract_strings


def segments_of_html(source_html, translated_html):
    """Pair the segments wagtail-localize extracts from a rich text and its
    translation, in the form it stores them (links replaced by ids)."""
    _, source = extract_strings(source_html)
    _, target = extract_strings(translated_html)
    if len(source) != len(target):
        raise ValueError("the translation does not have the source's structure")
    return {s.data: t.data for (s, _a), (t, _b) in zip(source, target, strict=True)}


def translate(
    instance,
    locale: Locale,
    strings: dict[str, str],
    *,
    segments: dict[str, str] | None = None,
    keep_the_rest: bool = False,
    user=None,
):
    """Translate a page or snippet into ``locale`` and publish the result.

    ``strings`` maps plain source texts (titles, fields, headings) to their
    translations; ``segments`` maps segments of rich text, as
    ``segments_of_html`` gives them. A segment that has no translation keeps
    the source text, as wagtail-localize does when it publishes an
    incomplete translation; with ``keep_the_rest`` the source text is
    recorded as its translation instead (proper names, addresses), so the
    translation counts as complete. Returns the translated instance.
    """
    lookup = {
        StringValue.from_plaintext(source).data: StringValue.from_plaintext(target).data
        for source, target in strings.items()
    }
    lookup.update(segments or {})
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
        text = lookup.get(segment.string.data)
        if text is None and keep_the_rest:
            text = segment.string.data
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
    if isinstance(instance, Page):
        # wagtail-localize would publish in an on-commit callback, with the
        # page as it was then: children added before the commit would be
        # lost from the tree's count. Publish the saved revision now instead.
        translation.save_target(user=user, publish=False)
        instance.get_translation(locale).get_latest_revision().publish(user=user)
        return instance.get_translation(locale).specific
    translation.save_target(user=user, publish=True)
    return instance.get_translation(locale)
