"""A translation's files and changed texts: one admin page per translation.

Reached from the translation dashboard (each translation's cell) and from
the translated page's header ("Files and changed texts"). It offers the
translation's PO and XLIFF 2.0 files, and for a page with pages under it
(a project) one XLIFF file of them all, each to download and upload; and it
lists the texts whose source changed since they were translated
(``source_changes``): old source, new source and the old translation side
by side, the old translation one click from being used again.

Only someone who may edit the translation's target sees it (``po_hooks.
editable_translation``, the policy).
"""

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.widgets import Button
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from .po_hooks import editable_translation
from .source_changes import changed_sources
from .xliff_hooks import project_translations


def translation_files(request, translation_id):
    translation, instance = editable_translation(request, translation_id)
    project = project_translations(request.user, translation)
    here = request.get_full_path()
    return TemplateResponse(
        request,
        "editorial/translation_files.html",
        {
            "translation": translation,
            "instance": instance,
            "edit_url": AdminURLFinder(request.user).get_edit_url(instance),
            "changes": changed_sources(translation),
            "project_size": len(project) if len(project) > 1 else 0,
            "next": here,
            "header_title": _("Files and changed texts"),
        },
    )


@require_POST
def use_old_translation(request, translation_id, string_segment_id):
    """The old translation of a changed text, as the new text's translation:
    the translator then corrects it in the editor."""
    translation, _instance = editable_translation(request, translation_id)
    segment = get_object_or_404(
        StringSegment, pk=string_segment_id, source=translation.source
    )
    old = get_object_or_404(
        StringTranslation,
        pk=request.POST.get("old"),
        locale=translation.target_locale,
        context=segment.context,
    )
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=translation.target_locale,
        context=segment.context,
        defaults={
            "data": old.data,
            "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            "tool_name": "",
            "last_translated_by": request.user,
            "has_error": False,
            "field_error": "",
        },
    )
    messages.success(
        request,
        _(
            "Your earlier translation is now the translation of the new text: "
            "correct it in the translation editor."
        ),
    )
    return redirect("translations_files", translation.pk)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "translations/<int:translation_id>/files/",
            translation_files,
            name="translations_files",
        ),
        path(
            "translations/<int:translation_id>/files/use/<int:string_segment_id>/",
            use_old_translation,
            name="translations_use_old_translation",
        ),
    ]


@hooks.register("register_page_header_buttons")
def files_button(page, user, view_name=None, next_url=None):
    """On a translated page's own header (one query, not in listings)."""
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    ).first()
    if translation is None:
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Files and changed texts"),
        reverse("translations_files", args=[translation.pk]),
        icon_name="doc-full",
        priority=60,
    )
