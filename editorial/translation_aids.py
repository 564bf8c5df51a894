"""The translation memory and the glossary beside wagtail-localize's editor.

wagtail-localize's editor is a React app drawn from its props; it has no
place for suggestions. The project's template of the editor
(``templates/wagtail_localize/admin/edit_translation.html``) adds a panel
below it, in the admin's language, drawn on the server
(``templatetags/translation_editor.py``: ``translation_aids``). For each
segment it names the field, and

- for a segment without a translation (new, or its source changed), the
  memory's matches (``memory.py``): the earlier translation, its score (100
  for the same text) and the page it was made for, with a "Use" button that
  posts here (``use_match``) and makes it the segment's translation as the
  editor's own field does; "Fill exact matches" fills every segment that
  has one (``fill_from_memory``);
- the glossary's terms its source contains (``glossary.py``), and a flag
  where the machine translation misses one.

The same, for a script, as JSON at ``translations/<id>/aids/``. Every view
here asks what wagtail-localize's own views ask: that the user may edit the
translated object.

The glossary itself is a snippet (admin menu *Glossary*): network editors
add, change and delete terms; the other roles may read it (``setup_roles``).
"""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_localize.models import StringSegment, StringTranslation

from editorial import glossary, memory
from editorial.models import GlossaryTerm
from editorial.po_hooks import back_to_editor, editable_translation


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "list-ul"
    menu_label = gettext_lazy("Glossary")
    menu_order = 850
    add_to_admin_menu = True
    list_display = ["__str__", "note"]
    search_fields = ["note", "entries__text"]

    def get_queryset(self, request):
        return GlossaryTerm.objects.prefetch_related("entries")


register_snippet(GlossaryViewSet)


def segment_aids(translation):
    """[{segment, matches, terms, missed}] for the translation's string
    segments that have any: memory matches (untranslated segments only),
    glossary terms in the source, terms the machine output missed."""
    source_locale = translation.source.locale
    matches = memory.suggestions(translation)
    terms = glossary.entries(source_locale, translation.target_locale)
    missed = glossary.unfollowed(translation) if terms else {}
    aids = []
    for segment in translation.source.stringsegment_set.select_related(
        "string", "context"
    ).order_by("order"):
        found = matches.get(segment, [])
        in_source = glossary.entries_in(segment.string.data, terms, source_locale)
        if found or in_source:
            aids.append(
                {
                    "segment": segment,
                    "matches": found,
                    "terms": in_source,
                    "missed": missed.get(segment.pk, []),
                }
            )
    return aids


def translation_and_segment(request, translation_id):
    translation, instance = editable_translation(request, translation_id)
    segment = get_object_or_404(
        StringSegment,
        pk=request.POST.get("segment") or 0,
        source=translation.source,
    )
    return translation, instance, segment


@require_POST
def use_match(request, translation_id):
    """Make a memory match the segment's translation: the match must be a
    translation from the same language into the same one, of a text the
    memory would offer for the segment's (else any translation of the site
    could be read through one's own, by its id)."""
    translation, instance, segment = translation_and_segment(request, translation_id)
    match = get_object_or_404(
        StringTranslation.objects.select_related("translation_of"),
        pk=request.POST.get("match") or 0,
        locale=translation.target_locale,
        translation_of__locale=translation.source.locale,
        has_error=False,
    )
    if not memory.similar_enough(segment.string.data, match.translation_of.data):
        raise Http404
    memory.use(translation, segment, match.data, request.user)
    messages.success(request, _("The earlier translation was used."))
    return back_to_editor(request, instance)


@require_POST
def fill_from_memory(request, translation_id):
    translation, instance = editable_translation(request, translation_id)
    filled = memory.fill_exact(translation, request.user)
    if filled:
        messages.success(
            request,
            ngettext(
                "%(count)d text was filled with an earlier translation of the "
                "same text: review it before publishing.",
                "%(count)d texts were filled with earlier translations of the "
                "same text: review them before publishing.",
                filled,
            )
            % {"count": filled},
        )
    else:
        messages.warning(request, _("The memory has no exact match to fill in."))
    return back_to_editor(request, instance)


def aids_json(request, translation_id):
    if request.method != "GET":
        raise Http404
    translation, _instance = editable_translation(request, translation_id)
    return JsonResponse(
        {
            "segments": [
                {
                    "id": aid["segment"].pk,
                    "source": aid["segment"].string.data,
                    "matches": [
                        {
                            "id": match.string_translation_id,
                            "text": match.text,
                            "source": match.source,
                            "score": match.score,
                            "exact": match.exact,
                            "page": (
                                {
                                    "id": match.page.pk,
                                    "title": match.page.get_admin_display_title(),
                                }
                                if match.page
                                else None
                            ),
                        }
                        for match in aid["matches"]
                    ],
                    "terms": [
                        {
                            "source": term.source,
                            "target": term.target,
                            "note": term.note,
                        }
                        for term in aid["terms"]
                    ],
                    "missed": [
                        {"source": term.source, "target": term.target}
                        for term in aid["missed"]
                    ],
                }
                for aid in segment_aids(translation)
            ]
        }
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "translations/<int:translation_id>/aids/",
            aids_json,
            name="translations_aids",
        ),
        path(
            "translations/<int:translation_id>/memory/use/",
            use_match,
            name="translations_use_match",
        ),
        path(
            "translations/<int:translation_id>/memory/fill/",
            fill_from_memory,
            name="translations_fill_from_memory",
        ),
    ]
