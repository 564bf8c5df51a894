"""XLIFF 2.0 download and upload, per translation and per project: the views
and their admin URLs.

Only someone who may edit a translation's target (wagtail-localize's
``user_can_edit_instance``, which asks the page's permission tester, that is
the policy) downloads or uploads its file, as for PO files (``po_hooks``). A
project's file holds the translations into the same language of the project
page and of every page under it that the user may edit; its upload must name
only those, and is imported whole or not at all.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.urls import path
from django.utils.text import slugify
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import user_can_edit_instance

from .po import RejectedFile
from .po_hooks import back_to_editor, editable_translation, kept_message
from .xliff import export, import_units, read_upload

CONTENT_TYPE = "application/xliff+xml; charset=utf-8"


def project_translations(user, translation):
    """The translations into the translation's language of its source page
    and the pages under it that the user may edit, in tree order."""
    source_page = translation.source.get_source_instance()
    if not isinstance(source_page, Page):
        return [translation]
    pages = Page.objects.descendant_of(source_page, inclusive=True).filter(
        locale_id=translation.source.locale_id, alias_of__isnull=True
    )
    order = {
        key: index
        for index, key in enumerate(
            pages.order_by("path").values_list("translation_key", flat=True)
        )
    }
    found = []
    for candidate in Translation.objects.filter(
        source__object_id__in=order,
        source__locale_id=translation.source.locale_id,
        target_locale_id=translation.target_locale_id,
        enabled=True,
    ).select_related("source", "source__locale", "target_locale"):
        try:
            target = candidate.get_target_instance()
        except ObjectDoesNotExist:
            continue
        if user_can_edit_instance(user, target):
            found.append(candidate)
    return sorted(found, key=lambda t: order[t.source.object_id])


def attachment(content, translation, suffix=""):
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    name = slugify(translation.source.object_repr) or "translation"
    response["Content-Disposition"] = (
        f"attachment; filename={name}{suffix}-"
        f"{translation.target_locale.language_code}.xlf"
    )
    return response


def download_xliff(request, translation_id):
    translation, _instance = editable_translation(request, translation_id)
    return attachment(export([translation]), translation)


def download_project_xliff(request, translation_id):
    translation, _instance = editable_translation(request, translation_id)
    translations = project_translations(request.user, translation)
    return attachment(export(translations), translation, "-project")


@require_POST
def upload_xliff(request, translation_id):
    translation, instance = editable_translation(request, translation_id)
    return _upload(request, {str(translation.uuid): translation}, instance)


@require_POST
def upload_project_xliff(request, translation_id):
    translation, instance = editable_translation(request, translation_id)
    translations = project_translations(request.user, translation)
    if not translations:
        raise PermissionDenied
    return _upload(request, {str(t.uuid): t for t in translations}, instance)


def _upload(request, translations, instance):
    try:
        files = read_upload(request.FILES.get("file"), translations)
    except RejectedFile as rejected:
        messages.error(request, rejected.message)
        return back_to_editor(request, instance)
    with transaction.atomic():
        imported, kept = import_units(files, request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d translation was imported from the XLIFF file.",
            "%(count)d translations were imported from the XLIFF file.",
            imported,
        )
        % {"count": imported},
    )
    if kept:
        messages.warning(request, kept_message(kept))
    return back_to_editor(request, instance)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "translations/<int:translation_id>/xliff/",
            download_xliff,
            name="translations_download_xliff",
        ),
        path(
            "translations/<int:translation_id>/xliff/upload/",
            upload_xliff,
            name="translations_upload_xliff",
        ),
        path(
            "translations/<int:translation_id>/project/xliff/",
            download_project_xliff,
            name="translations_download_project_xliff",
        ),
        path(
            "translations/<int:translation_id>/project/xliff/upload/",
            upload_project_xliff,
            name="translations_upload_project_xliff",
        ),
    ]
