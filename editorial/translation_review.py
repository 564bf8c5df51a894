"""Review inside wagtail-localize's translation editor.

The editor (wagtail-localize's ``edit_translation``, which answers a
translated page's edit view) draws its footer in its script from the page's
publish, lock and delete permissions: a translator met "Stop Synced
translation" as its main action, a moderator only "Publish", which records a
review in progress as cancelled. The project's template
(``templates/wagtail_localize/admin/edit_translation.html``, extending
wagtail-localize's) hides that footer and draws its own from the same props
(``editorial/templatetags/translation_editor.py``):

- whoever may act on the page's review task (``ReviewTask.get_actions``: a
  moderator who did not submit it) gets "Approve and publish" and "Request
  changes" with a comment, posted to ``review_action`` here, which performs
  them as Wagtail's own workflow views do: ``Task.on_action``, so the task
  state is approved or rejected with the comment and Wagtail's signals send
  the e-mails. An approval publishes the revision submitted, so it is
  refused once the strings changed after the submission or since the page
  was loaded: the moderator approves what they saw;
- anyone else, while no review is in progress, "Submit for review"
  (``review.submit_for_review``); "Publish" stays only for those the policy
  lets publish without review (network editors);
- its other actions (preview, stop synced translation, lock, unpublish,
  delete, convert to alias) as the props allow them.

A moderator's request for changes is shown, with the comment, to whoever
opens the page's edit view next (the translation editor or Wagtail's own),
and the editor says in one line why machine translation is missing when it
is. While a review is in progress, the editor's own "publish" (a POST with
``action=publish``) is refused: Wagtail would cancel the review.
"""

import hashlib

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, WorkflowState
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import SegmentOverride, StringTranslation, Translation

REVIEW_ACTIONS = ("approve", "reject")


def enabled_translation(page):
    """The wagtail-localize translation the page is the target of, if any."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source__locale", "target_locale")
        .first()
    )


def review_actions(page, user):
    """The names of the actions the user may take on the page's review in
    progress (none if no review is in progress)."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return set()
    task = state.current_task_state.task.specific
    return {name for name, _label, _modal in task.get_actions(page, user)}


def strings_seen(translation):
    """A fingerprint of the translation's strings as they stand: an approval
    names the strings the moderator saw, and is refused if they changed
    since (the translator may still be editing)."""
    context = {
        "locale_id": translation.target_locale_id,
        "context__object_id": translation.source.object_id,
    }
    rows = sorted(
        [
            *StringTranslation.objects.filter(**context).values_list("pk", "data"),
            *SegmentOverride.objects.filter(**context).values_list("pk", "data_json"),
        ]
    )
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def changed_since(translation, revision):
    """A string or synchronised value of the translation changed after the
    revision was saved."""
    if revision is None:
        return True
    changed = {
        "locale_id": translation.target_locale_id,
        "context__object_id": translation.source.object_id,
        "updated_at__gt": revision.created_at,
    }
    return (
        StringTranslation.objects.filter(**changed).exists()
        or SegmentOverride.objects.filter(**changed).exists()
    )


def changes_requested(page):
    """ "Changes requested by X: comment" while the page's review waits for
    changes, else None."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = state.current_task_state
    who = (
        get_user_display_name(task_state.finished_by)
        if task_state.finished_by
        else _("a moderator")
    )
    if task_state.comment.strip():
        return _("Changes requested by %(user)s: %(comment)s") % {
            "user": who,
            "comment": task_state.comment.strip(),
        }
    return _("Changes requested by %(user)s.") % {"user": who}


def machine_translation_hint(translation):
    """Why the editor offers no machine translation, in one line (None when
    it does)."""
    translator = get_machine_translator()
    if translator is None:
        return _(
            "Machine translation is not set up: ask the site's administrator "
            "(setting DEEPL_API_KEY or LIBRETRANSLATE_URL)."
        )
    if not translator.can_translate(
        translation.source.locale, translation.target_locale
    ):
        return _(
            "Machine translation does not translate %(source)s into %(target)s."
        ) % {
            "source": translation.source.locale.get_display_name(),
            "target": translation.target_locale.get_display_name(),
        }
    return None


@hooks.register("before_edit_page", order=-1)
def review_in_the_editor(request, page):
    """Before wagtail-localize's own hook answers the edit view: its
    "publish" refused during a review; the moderator's comment and the
    machine translation hint shown."""
    if request.method == "POST":
        if request.POST.get("action") == "publish" and page.workflow_in_progress:
            messages.error(
                request,
                _(
                    "This translation is being reviewed: a moderator approves it "
                    "(publishing would cancel the review)."
                ),
            )
            return redirect("wagtailadmin_pages:edit", page.id)
        return None
    note = changes_requested(page)
    if note:
        messages.warning(request, note)
    translation = enabled_translation(page)
    if translation is not None:
        hint = machine_translation_hint(translation)
        if hint:
            messages.info(request, hint)
    return None


@require_POST
def review_action(request, translation_id, action):
    """Approve (and so publish) or request changes, from the translation
    editor: the same step as Wagtail's workflow action view takes, on the
    strings the moderator saw."""
    if action not in REVIEW_ACTIONS:
        raise Http404
    translation = get_object_or_404(Translation, id=translation_id, enabled=True)
    try:
        page = translation.get_target_instance()
    except ObjectDoesNotExist:
        raise Http404 from None
    if not isinstance(page, Page):
        raise Http404
    back = redirect("wagtailadmin_pages:edit", page.id)
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        messages.error(request, _("This translation is not waiting for review."))
        return back
    if action not in review_actions(page, request.user):
        raise PermissionDenied
    task_state = state.current_task_state.specific
    task = task_state.task.specific
    form = task.get_form_for_action(action)(request.POST)
    comment = form.cleaned_data["comment"].strip() if form.is_valid() else ""
    if action == "reject" and not comment:
        messages.error(
            request, _("Say what should change: the comment goes to the translator.")
        )
        return back
    if action == "approve" and (
        request.POST.get("seen") != strings_seen(translation)
        or changed_since(translation, task_state.revision)
    ):
        # Wagtail publishes the revision submitted: strings changed since
        # (by the translator, or by the moderator, whose own edit another
        # moderator reviews) would not be what the moderator approves.
        messages.error(
            request,
            _(
                "The translation changed after it was submitted or since this "
                "page was loaded: what you see is not what would be published. "
                "Request changes, so that it is submitted again."
            ),
        )
        return back
    task.on_action(task_state, request.user, action, comment=comment)
    state.refresh_from_db()
    page.refresh_from_db()
    requester = state.requested_by
    if action == "reject":
        messages.success(
            request,
            _("Changes requested: %(user)s will see your comment.")
            % {"user": get_user_display_name(requester) if requester else "—"},
        )
    elif state.status == WorkflowState.STATUS_APPROVED:
        messages.success(
            request,
            _("“%(title)s” in %(language)s was approved and published.")
            % {"title": page.title, "language": page.locale.get_display_name()},
        )
    else:
        messages.success(request, _("Approved."))
    return back


@hooks.register("register_admin_urls")
def review_action_urls():
    return [
        path(
            "translations/<int:translation_id>/review/<slug:action>/",
            review_action,
            name="translations_review_action",
        )
    ]
