"""Review inside wagtail-localize's translation editor (issue 19, part 3):
the translator submits from its footer, a moderator approves or requests
changes there, as a workflow step with its comment, and the comment is shown
on the page that comes back. Through the admin's own views."""

import html
import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Locale, TaskState, WorkflowState
from wagtail_localize.models import StringSegment, Translation

from editorial.roles import MODERATORS, NETWORK_EDITORS, TRANSLATORS
from practices.models import PracticePage
from tests.factories import user_in_group

from .translation_editor import put_string_at

NEW_TITLE = "Meetings in Łazy, reviewed in the editor"
COMMENT = "Please say 'reading club', not 'meetings'."

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_admin(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def page(demo):
    return PracticePage.objects.get(
        locale__language_code="en", slug="meetings-in-lazy", live=True
    )


@pytest.fixture
def translation(page):
    return Translation.objects.get(
        source__object_id=page.translation_key,
        target_locale=page.locale,
        enabled=True,
    )


def person(group, username):
    user = user_in_group(group, username)
    user.email = f"{username}@example.org"
    user.first_name = username.capitalize()
    user.save()
    return user


@pytest.fixture
def translator():
    english = Locale.objects.get(language_code="en")
    return person(TRANSLATORS.format(english.get_display_name()), "translator")


@pytest.fixture
def moderator():
    return person(MODERATORS, "moderator")


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def action_url(translation, action):
    return reverse("translations_review_action", args=[translation.pk, action])


def submit_url(translation):
    return reverse("translations_submit_for_review", args=[translation.pk])


def put_string(client, translation, path, value):
    """A string translated as the editor's script saves it (its own API)."""
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    url = reverse(
        "wagtail_localize:edit_string_translation",
        args=[translation.pk, segment.pk],
    )
    put_string_at(client, url, value)


def footer(response):
    """The footer the editor shows: (main action, the other actions), each
    as (label, where it posts or links)."""
    page = response.content.decode()
    match = re.search(r"<footer[^>]*data-editorial-footer.*?</footer>", page, re.S)
    assert match, "the editor has no footer of review"
    buttons = [
        (
            " ".join(re.sub(r"<[^>]+>", " ", html.unescape(inner)).split()),
            (re.search(r'(?:formaction|href)="([^"]*)"', attrs) or [None, None])[1],
            "disabled" in attrs,
        )
        for attrs, inner in re.findall(
            r"<(?:button|a)\b([^>]*)>(.*?)</(?:button|a)>", match.group(0), re.S
        )
        if "w-dropdown__toggle" not in attrs
    ]
    return buttons


def labels(response):
    return [label for label, _url, _disabled in footer(response)]


def shown_messages(response):
    return [str(m) for m in response.context["messages"]]


def seen(response):
    return re.search(r'name="seen" value="([0-9a-f]+)"', response.content.decode())[1]


def refused(response):
    """Wagtail's admin answers a PermissionDenied with its home page and
    "Sorry, you do not have permission" (a 403 for a script)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def submit(client, translation, translator):
    client.force_login(translator)
    response = client.post(submit_url(translation), {"next": "ignored"})
    assert response.status_code == 302


class TestTheTranslatorsFooter:
    def test_the_main_action_is_submitting_never_delete_or_publish(
        self, client, page, translation, translator
    ):
        client.force_login(translator)
        response = client.get(edit_url(page))
        assert response.status_code == 200
        buttons = footer(response)
        main_label, main_url, _disabled = buttons[0]
        assert main_label == "Submit for review"
        assert main_url == submit_url(translation)
        assert not {"Delete", "Approve and publish", "Request changes"} & set(
            labels(response)
        )
        assert not any(label.startswith("Publish") for label in labels(response))
        # wagtail-localize's own footer (drawn by its script) is hidden by
        # the template's stylesheet; its props still say what it may do.
        assert "editorial/translation-editor.css" in response.content.decode()

    def test_submitting_from_the_footer_starts_the_review_and_tells_moderators(
        self, client, page, translation, translator, moderator
    ):
        client.force_login(translator)
        put_string(client, translation, "title", NEW_TITLE)
        response = client.post(submit_url(translation), {"next": edit_url(page)})
        assert response.status_code == 302
        assert response.url == edit_url(page)
        state = page.current_workflow_state
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.requested_by == translator
        assert [m.to for m in mail.outbox] == [["moderator@example.org"]]
        page.refresh_from_db()
        assert page.title != NEW_TITLE  # the public still sees the old one

        response = client.get(edit_url(page))
        label, _url, disabled = footer(response)[0]
        assert (label, disabled) == ("Waiting for review", True)


class TestTheModeratorsFooter:
    def test_approve_and_request_changes_for_what_another_submitted(
        self, client, page, translation, translator, moderator
    ):
        submit(client, translation, translator)
        client.force_login(moderator)
        response = client.get(edit_url(page))
        buttons = footer(response)
        assert buttons[0][:2] == (
            "Approve and publish",
            action_url(translation, "approve"),
        )
        assert "Request changes" in labels(response)
        assert not any(label.startswith("Publish") for label in labels(response))
        assert f'action="{action_url(translation, "reject")}"' in (
            response.content.decode()
        )

    def test_requesting_changes_is_a_workflow_step_the_translator_reads(
        self, client, page, translation, translator, moderator
    ):
        submit(client, translation, translator)
        mail.outbox.clear()
        client.force_login(moderator)
        response = client.post(action_url(translation, "reject"), {"comment": COMMENT})
        assert response.status_code == 302
        assert response.url == edit_url(page)

        state = page.current_workflow_state
        assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
        task_state = state.current_task_state
        assert task_state.status == TaskState.STATUS_REJECTED
        assert task_state.comment == COMMENT
        assert task_state.finished_by == moderator
        [message] = mail.outbox
        assert message.to == ["translator@example.org"]
        assert COMMENT in message.body

        # The translator opens the translation again: the comment is there.
        client.force_login(translator)
        response = client.get(edit_url(page))
        assert f"Changes requested by Moderator: {COMMENT}" in shown_messages(response)
        assert footer(response)[0][0] == "Submit for review"

        # Submitting again resumes the same review; the moderators are told.
        mail.outbox.clear()
        client.post(submit_url(translation))
        resumed = page.current_workflow_state
        assert resumed.pk == state.pk
        assert resumed.status == WorkflowState.STATUS_IN_PROGRESS
        assert [m.to for m in mail.outbox] == [["moderator@example.org"]]

    def test_the_comment_shows_in_wagtails_own_edit_view_too(
        self, client, page, translation, translator, moderator
    ):
        """Once the translation is stopped, the page's edit view is Wagtail's."""
        submit(client, translation, translator)
        client.force_login(moderator)
        client.post(action_url(translation, "reject"), {"comment": COMMENT})
        translation.enabled = False
        translation.save()
        admin = person(NETWORK_EDITORS, "network")
        client.force_login(admin)
        response = client.get(edit_url(page))
        assert response.status_code == 200
        assert "data-editorial-footer" not in response.content.decode()
        assert f"Changes requested by Moderator: {COMMENT}" in shown_messages(response)

    def test_approving_publishes_what_the_moderator_saw(
        self,
        client,
        page,
        translation,
        translator,
        moderator,
        django_capture_on_commit_callbacks,
    ):
        client.force_login(translator)
        put_string(client, translation, "title", NEW_TITLE)
        submit(client, translation, translator)
        mail.outbox.clear()
        client.force_login(moderator)
        response = client.get(edit_url(page))
        # The public page's cached copy goes once the transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                action_url(translation, "approve"), {"seen": seen(response)}
            )
        assert response.status_code == 302
        page.refresh_from_db()
        assert page.title == NEW_TITLE
        state = WorkflowState.objects.for_instance(page).latest("created_at")
        assert state.status == WorkflowState.STATUS_APPROVED
        assert state.current_task_state.status == TaskState.STATUS_APPROVED
        assert state.current_task_state.finished_by == moderator
        assert [m.to for m in mail.outbox] == [["translator@example.org"]]
        client.logout()
        assert NEW_TITLE in client.get(page.url).content.decode()

    def test_a_change_after_loading_is_not_approved_unseen(
        self, client, page, translation, translator, moderator
    ):
        submit(client, translation, translator)
        client.force_login(moderator)
        loaded = seen(client.get(edit_url(page)))
        client.force_login(translator)
        put_string(client, translation, "title", "Slipped in after the review")
        client.force_login(moderator)
        response = client.post(action_url(translation, "approve"), {"seen": loaded})
        assert response.status_code == 302
        page.refresh_from_db()
        assert page.title != "Slipped in after the review"
        assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    def test_a_change_after_the_submission_is_not_approved_either(
        self, client, page, translation, translator, moderator
    ):
        """Wagtail publishes the revision submitted: strings changed after it
        (here by the moderator, whose own edit another moderator reviews)
        are not what the approval would publish."""
        submit(client, translation, translator)
        client.force_login(moderator)
        put_string(client, translation, "title", "The moderator's own wording")
        response = client.post(
            action_url(translation, "approve"),
            {"seen": seen(client.get(edit_url(page)))},
        )
        assert response.status_code == 302
        page.refresh_from_db()
        assert page.title != "The moderator's own wording"
        assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    def test_changes_are_requested_with_a_comment(
        self, client, page, translation, translator, moderator
    ):
        submit(client, translation, translator)
        client.force_login(moderator)
        client.post(action_url(translation, "reject"), {"comment": "  "})
        assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


class TestForbiddenPaths:
    def test_a_translator_cannot_approve(self, client, page, translation, translator):
        client.force_login(translator)
        put_string(client, translation, "title", NEW_TITLE)
        submit(client, translation, translator)
        response = client.get(edit_url(page))
        assert "Approve and publish" not in labels(response)
        for action in ("approve", "reject"):
            response = client.post(
                action_url(translation, action), {"comment": "x", "seen": "x"}
            )
            assert refused(response)
        page.refresh_from_db()
        assert page.title != NEW_TITLE
        assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    def test_a_moderator_cannot_approve_their_own_submission(
        self, client, page, translation, moderator
    ):
        client.force_login(moderator)
        put_string(client, translation, "title", NEW_TITLE)
        submit(client, translation, moderator)
        response = client.get(edit_url(page))
        assert "Approve and publish" not in labels(response)
        response = client.post(
            action_url(translation, "approve"), {"seen": seen_now(translation)}
        )
        assert refused(response)
        page.refresh_from_db()
        assert page.title != NEW_TITLE

    def test_publishing_from_the_editor_does_not_cancel_a_review(
        self, client, page, translation, translator, moderator
    ):
        """wagtail-localize's own "publish" (its hidden footer's form) is
        refused while a review is in progress."""
        client.force_login(translator)
        put_string(client, translation, "title", NEW_TITLE)
        submit(client, translation, translator)
        client.force_login(moderator)
        response = client.post(edit_url(page), {"action": "publish"})
        assert response.status_code == 302
        page.refresh_from_db()
        assert page.title != NEW_TITLE
        assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    def test_no_action_without_a_review(self, client, page, translation, moderator):
        client.force_login(moderator)
        response = client.post(action_url(translation, "approve"), {"seen": "x"})
        assert response.status_code == 302
        assert page.current_workflow_state is None


def seen_now(translation):
    from editorial.translation_review import strings_seen

    return strings_seen(translation)
