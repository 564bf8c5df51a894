"""Hand edits of a translated page kept as translations, so no sync loses them.

wagtail-localize writes a translation's target from its string translations
(``Translation.save_target``): whatever was typed into the page itself, after
"Edit manually" stopped the synced translation, is overwritten when the
translation is restarted and published, and gone when the page is converted
to an alias (wagtail-localize issues #876, #607, #861). Here, before each of
those, the page's texts that differ from what wagtail-localize would write
are recorded as manual string translations of the source texts they stand
for (``keep_hand_edits``). They then show in the translation editor, go
into the page at the next publish, and come back when an alias is
translated again.

The page's texts are paired with the source's segments field by field, in
order (``extract_segments`` gives both the same paths). A field whose number
of texts differs from the source's (a paragraph added by hand) cannot be
paired text by text: it is reported, not guessed, and its version stays in
the page's revisions. A text whose translation was changed after the page
was last saved (in the translation editor, not yet published) is the
page's older text, not a hand edit: the newer translation stays.

Captured where the text could be lost:

- before wagtail-localize reads the source again (``update_from_db``: the
  sync, a new translation of the same source), while the source's segments
  are still those the page was made from: a ``pre_save`` of
  ``TranslationSource`` with ``content_json`` among the fields saved;
- before "Start synced translation" enables a stopped translation
  (``before_edit_page``/``before_edit_snippet``, ahead of wagtail-localize's);
- before "Convert to alias" (``localize_paths.convert_to_alias``).
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import pre_save
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

# The tool_name of a string translation taken from the page itself.
HAND_EDIT_TOOL = "Page editor"


@dataclass
class Kept:
    """What ``keep_hand_edits`` recorded, and the fields it could not pair."""

    kept: int = 0
    unpaired: list = field(default_factory=list)


def latest_content(instance):
    """The object as last saved, draft included."""
    if hasattr(instance, "get_latest_revision_as_object"):
        return instance.get_latest_revision_as_object()
    return instance


def texts_by_path(instance):
    texts = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            texts[segment.path].append(segment.string.data)
    return texts


def keep_hand_edits(translation):
    """Record the target's texts that differ from what wagtail-localize would
    write as manual translations of the source's segments."""
    result = Kept()
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist:
        return result
    if isinstance(target, Page) and target.alias_of_id:
        # An alias shows the source's content: nothing of its own to keep.
        return result
    content = latest_content(target)
    revision = getattr(target, "get_latest_revision", lambda: None)()
    editor = revision.user if revision is not None else None
    saved_at = revision.created_at if revision is not None else None
    texts = texts_by_path(content)

    segments = defaultdict(list)
    for segment in (
        StringSegment.objects.filter(source=translation.source)
        .order_by("order")
        .select_related("string", "context")
    ):
        segments[segment.context.path].append(segment)
    existing = {
        (row.translation_of_id, row.context_id): row
        for row in StringTranslation.objects.filter(
            locale=translation.target_locale,
            context__object_id=translation.source.object_id,
        )
    }
    current = {(s.string_id, s.context_id) for v in segments.values() for s in v}
    # Texts kept as translations of what the source said before: the page
    # still shows one where the source changed since it was written, and it
    # is no translation of the new text (source_changes offers it).
    earlier = {
        (context_id, row.data)
        for (string_id, context_id), row in existing.items()
        if (string_id, context_id) not in current
    }

    for path, source_segments in segments.items():
        values = texts.get(path, [])
        written = [
            _written(existing.get((s.string_id, s.context_id)), s)
            for s in source_segments
        ]
        if values == written:
            continue
        if len(values) != len(source_segments):
            result.unpaired.append(path)
            continue
        for segment, value, expected in zip(
            source_segments, values, written, strict=True
        ):
            row = existing.get((segment.string_id, segment.context_id))
            if (
                value == expected
                or (segment.context_id, value) in earlier
                or (path == "slug" and _deduplicated(value, expected))
                or _newer_than_page(row, saved_at)
            ):
                continue
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=translation.target_locale,
                context=segment.context,
                defaults={
                    "data": value,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "tool_name": HAND_EDIT_TOOL,
                    "last_translated_by": editor,
                    "has_error": False,
                    "field_error": "",
                },
            )
            result.kept += 1
    return result


def warn_unpaired(request, kept):
    """Tell the editor which fields could not be kept text by text."""
    if kept.unpaired:
        messages.warning(
            request,
            _(
                "These fields were edited by hand with more or fewer paragraphs "
                "than the source, so they could not be kept text by text: "
                "%(fields)s. Their hand-edited version stays in the page's "
                "history."
            )
            % {"fields": ", ".join(kept.unpaired)},
        )


def _newer_than_page(string_translation, saved_at):
    """The translation was changed (in the translation editor, from memory
    or a file) after the page was last saved: the page shows an older text
    not yet published over, not an edit by hand, and must not replace it."""
    return (
        string_translation is not None
        and saved_at is not None
        and string_translation.updated_at > saved_at
    )


def _deduplicated(slug, written):
    """wagtail-localize makes a translated page's slug unique among its
    siblings (``find_available_slug``: "home" becomes "home-1"): that is
    its own doing, not a hand edit."""
    return any(
        re.fullmatch(rf"{re.escape(base)}(-\d+)?", slug)
        for base in {written, slugify(written), slugify(written, allow_unicode=True)}
        if base
    )


def _written(string_translation, segment):
    """What wagtail-localize writes for the segment: its translation, else
    (publishing an incomplete translation) the source's text."""
    if string_translation is not None and not string_translation.has_error:
        return string_translation.data
    return segment.string.data


def keep_hand_edits_of_source(source):
    """``keep_hand_edits`` for every translation of the source."""
    for translation in Translation.objects.filter(source=source).select_related(
        "source", "target_locale"
    ):
        keep_hand_edits(translation)


def before_source_is_read_again(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None or not update_fields or "content_json" not in update_fields:
        return
    keep_hand_edits_of_source(instance)


def connect():
    pre_save.connect(
        before_source_is_read_again,
        sender=TranslationSource,
        dispatch_uid="editorial.hand_edits",
    )


def edited_since(translation, texts, downloaded_at):
    """Of ``texts`` (``{(context path, source text): translation}``, what an
    uploaded file brings), those whose translation here was changed after
    the file was downloaded, to something else: importing the file would
    put its older text over that work."""
    if downloaded_at is None:
        return set()
    newer = StringTranslation.objects.filter(
        context__object_id=translation.source.object_id,
        locale=translation.target_locale,
        updated_at__gt=downloaded_at,
    ).values_list("context__path", "translation_of__data", "data")
    return {
        (path, source)
        for path, source, data in newer
        if (path, source) in texts and texts[(path, source)] != data
    }
