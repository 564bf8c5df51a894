"""PO upload checks and machine translation errors: hooks registered here.

Two of wagtail-localize's admin views are answered here first, at their own
addresses (so its translation editor, which posts to them, needs no change):

- uploading a PO file: the file is checked (``editorial.po``) and refused
  with a message if it cannot all be imported; then imported as
  wagtail-localize's view does (``Translation.import_po``), except that a
  text changed here after the file was downloaded is kept
  (``hand_edits.edited_since``). Its own view answers some bad files with a
  server error.
- machine translation: wagtail-localize's view fails with a server error
  when the service is unreachable or refuses the request; here the editor is
  told so instead, and nothing is translated. The segments the translation
  memory has an exact match for are filled from it first
  (``memory.fill_exact``), so the service is asked only for the others; its
  output is then checked against the network's glossary
  (``glossary.unfollowed``).

Admin URLs are matched in the order of the ``register_admin_urls`` hooks;
this one runs first (``order=-1``), so the identical paths match here.
"""

import logging

import requests
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation as localize_views

from . import glossary, memory
from .hand_edits import edited_since
from .po import RejectedFile, read_upload

logger = logging.getLogger(__name__)


def editable_translation(request, translation_id):
    """The translation and its target, if the user may edit the target."""
    translation = get_object_or_404(Translation, id=translation_id)
    try:
        instance = translation.get_target_instance()
    except ObjectDoesNotExist:
        raise Http404 from None
    if not localize_views.user_can_edit_instance(request.user, instance):
        raise PermissionDenied
    return translation, instance


def back_to_editor(request, instance):
    """Where the editor came from (the translation editor posts ``next``), or
    the translated object's edit view."""
    next_url = get_valid_next_url_from_request(request)
    if not next_url:
        next_url = AdminURLFinder(request.user).get_edit_url(instance) or reverse(
            "wagtailadmin_home"
        )
    return redirect(next_url)


@require_POST
def upload_pofile(request, translation_id):
    translation, instance = editable_translation(request, translation_id)
    upload = request.FILES.get("file")
    try:
        po = read_upload(upload, translation)
    except RejectedFile as rejected:
        messages.error(request, rejected.message)
        return back_to_editor(request, instance)
    # What wagtail-localize's view does with a good file, except that a text
    # changed here after the file was downloaded is kept (hand_edits).
    texts = {(e.msgctxt, e.msgid): e.msgstr for e in po if e.msgstr}
    newer = edited_since(translation, texts, downloaded_at(po))
    for entry in [e for e in po if (e.msgctxt, e.msgid) in newer]:
        po.remove(entry)
    translation.import_po(po, user=request.user, tool_name="PO File")
    messages.success(request, _("Successfully imported translations from PO File."))
    if newer:
        messages.warning(request, kept_message(len(newer)))
    return back_to_editor(request, instance)


def downloaded_at(po):
    """When wagtail-localize wrote the PO file (its POT-Creation-Date)."""
    value = po.metadata.get("POT-Creation-Date", "")
    try:
        return parse_datetime(value.strip())
    except ValueError:
        return None


def kept_message(count):
    return ngettext(
        "%(count)d text was changed here after the file was downloaded: "
        "it was kept, not replaced by the file's older text.",
        "%(count)d texts were changed here after the file was "
        "downloaded: they were kept, not replaced by the file's older "
        "texts.",
        count,
    ) % {"count": count}


class MachineTranslationFailed(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


class GuardedTranslator:
    """A machine translator whose failures become ``MachineTranslationFailed``
    with a message for the editor (the details go to the log)."""

    def __init__(self, translator):
        self.translator = translator
        self.display_name = translator.display_name

    def can_translate(self, source_locale, target_locale):
        return self.translator.can_translate(source_locale, target_locale)

    def translate(self, source_locale, target_locale, strings):
        service = {"service": self.display_name}
        try:
            return self.translator.translate(source_locale, target_locale, strings)
        except requests.HTTPError as error:
            logger.warning("Machine translation refused: %s", error)
            status = error.response.status_code if error.response is not None else 0
            if status in (401, 403):
                message = _(
                    "%(service)s refused the request: check its API key in the "
                    "settings. Nothing was translated."
                )
            else:
                message = _(
                    "%(service)s answered with an error (HTTP %(status)s). "
                    "Nothing was translated; try again later."
                )
            raise MachineTranslationFailed(
                message % {**service, "status": status}
            ) from error
        except requests.exceptions.InvalidJSONError as error:
            logger.warning("Machine translation unreadable: %s", error)
            raise MachineTranslationFailed(self.unreadable() % service) from error
        except requests.RequestException as error:
            logger.warning("Machine translation unreachable: %s", error)
            raise MachineTranslationFailed(
                _(
                    "%(service)s could not be reached. Nothing was translated; "
                    "try again later."
                )
                % service
            ) from error
        except (KeyError, TypeError, ValueError) as error:
            logger.warning("Machine translation unreadable: %r", error)
            raise MachineTranslationFailed(self.unreadable() % service) from error

    @staticmethod
    def unreadable():
        return _(
            "%(service)s gave an answer that could not be read. Nothing was translated."
        )


def flag_missed_terms(request, translation):
    """After machine translation, say which segments miss a glossary term
    (the panel beside the editor flags each, for the reviewer too)."""
    flagged = glossary.unfollowed(translation)
    if flagged:
        messages.warning(
            request,
            ngettext(
                "%(count)d machine-translated text misses a term of the network "
                "glossary: it is flagged below the editor.",
                "%(count)d machine-translated texts miss terms of the network "
                "glossary: they are flagged below the editor.",
                len(flagged),
            )
            % {"count": len(flagged)},
        )


@require_POST
def machine_translate(request, translation_id):
    translator = get_machine_translator()
    if translator is None:
        raise Http404
    translation, instance = editable_translation(request, translation_id)
    service = {"service": translator.display_name}
    # The memory's exact matches first: the service is asked only for the rest.
    from_memory = memory.fill_exact(translation, request.user)
    if from_memory:
        messages.success(
            request,
            ngettext(
                "%(count)d text was filled with an earlier translation of the "
                "same text: review it before publishing.",
                "%(count)d texts were filled with earlier translations of the "
                "same text: review them before publishing.",
                from_memory,
            )
            % {"count": from_memory},
        )
    try:
        translated = localize_views.apply_machine_translation(
            translation_id, request.user, GuardedTranslator(translator)
        )
    except MachineTranslationFailed as failure:
        messages.error(request, failure.message)
    else:
        flag_missed_terms(request, translation)
        if translated:
            messages.success(
                request,
                _(
                    "The missing texts were translated with %(service)s: "
                    "review them before publishing."
                )
                % service,
            )
        elif not from_memory:
            messages.warning(
                request,
                _(
                    "Every text has a translation already: "
                    "%(service)s had nothing to do."
                )
                % service,
            )
    return back_to_editor(request, instance)


@hooks.register("register_admin_urls", order=-1)
def register_admin_urls():
    # The same paths as wagtail-localize's views (under its "localize/"
    # prefix): see the module's docstring.
    return [
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            upload_pofile,
            name="translations_upload_pofile",
        ),
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            machine_translate,
            name="translations_machine_translate",
        ),
    ]
