"""Submitting a translation for review.

wagtail-localize's editor can only publish, which only editors with publish
permission may do. A translator (or anyone after a machine translation) sends
the translation to moderation instead: the strings as they stand become a
draft revision of the translated page, and the page's workflow starts, so a
moderator reviews it, machine output included, before the public sees it.
"""

from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation


def submit_for_review(request, translation_id):
    translation = get_object_or_404(Translation, id=translation_id, enabled=True)
    page = translation.get_target_instance()
    if not isinstance(page, Page):
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    edit_url = redirect("wagtailadmin_pages:edit", page.id)
    if request.method != "POST":
        return TemplateResponse(
            request,
            "editorial/submit_for_review.html",
            {"page": page, "translation": translation},
        )
    workflow = page.get_workflow()
    if workflow is None:
        messages.error(request, _("No review workflow applies to this page."))
        return edit_url
    if page.workflow_in_progress:
        messages.warning(request, _("This translation is already being reviewed."))
        return edit_url
    state = page.current_workflow_state
    page = save_draft(translation, request.user)
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        # Sent back with a comment: the same review goes on (as Wagtail's
        # edit view resumes it), with the new draft.
        state.resume(request.user)
    else:
        workflow.start(page, request.user)
    messages.success(
        request,
        _("“%(title)s” in %(language)s was sent for review.")
        % {"title": page.title, "language": page.locale.get_display_name()},
    )
    return edit_url


def save_draft(translation, user):
    """The translation as it stands, saved as the latest revision of its page
    (a draft); what the public sees stays as last published.

    wagtail-localize's ``save_target(publish=False)`` makes a revision, but it
    also writes the translated content onto the page's row, which is what a
    live page shows: the reviewed text would be public at once. So the row
    gets the live content back (with its child rows), and keeps the new
    revision as its latest, as Wagtail leaves a live page with a draft.
    """
    page = translation.get_target_instance().specific
    live_content = page.serializable_data() if page.live else None
    with transaction.atomic(), redirects_kept():
        translation.save_target(user=user, publish=False)
        draft = Page.objects.get(pk=page.pk).specific
        if live_content is None:
            return draft
        published = draft.with_content_json(live_content)
        published.save(clean=False)
    return Page.objects.get(pk=page.pk).specific


@contextmanager
def redirects_kept():
    """The site's redirects as they were: a translated slug written onto the
    live row and taken back makes Wagtail create redirects for both changes
    (once the transaction commits), which readers would follow before any
    review. Used inside ``transaction.atomic``: the restore is the last of
    the block's on-commit callbacks, after Wagtail's."""
    before = {kept.pk: kept for kept in Redirect.objects.all()}
    yield

    def restore():
        after = {now.pk: now for now in Redirect.objects.all()}
        Redirect.objects.filter(pk__in=after.keys() - before.keys()).delete()
        for pk, kept in before.items():
            if pk not in after or model_to_dict(after[pk]) != model_to_dict(kept):
                kept.save()

    transaction.on_commit(restore)


def review_button(page, user):
    """The 'Submit for review' button for a page translated in wagtail-localize."""
    from django.urls import reverse
    from wagtail.admin.widgets import Button

    translation = Translation.objects.filter(
        source__object_id=page.translation_key,
        target_locale_id=page.locale_id,
        enabled=True,
    ).first()
    if translation is None or not page.permissions_for_user(user).can_edit():
        return None
    return Button(
        _("Submit translation for review"),
        reverse("translations_submit_for_review", args=[translation.id]),
        priority=70,
        icon_name="resubmit",
    )
