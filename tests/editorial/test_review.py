"""Review means review: a translation sent for review changes nothing the
public sees until a moderator approves it (issue 13, path 1)."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from editorial.roles import MODERATORS, TRANSLATORS
from practices.models import PracticePage
from tests.factories import user_in_group

NEW_TITLE = "Meetings in Łazy, reviewed"


@pytest.fixture
def english_practice(demo):
    return PracticePage.objects.get(
        locale__language_code="en", slug="meetings-in-lazy", live=True
    )


@pytest.fixture
def translation(english_practice):
    return Translation.objects.get(
        source__object_id=english_practice.translation_key,
        target_locale=english_practice.locale,
        enabled=True,
    )


def retitle(translation, title):
    """The translator's edit of the title, as the editor stores it."""
    source_title = translation.source.get_source_instance().title
    segment = StringSegment.objects.get(
        source=translation.source, string__data=source_title
    )
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=translation.target_locale,
        context=segment.context,
        defaults={"data": title},
    )


def public_titles(client, page):
    """The title as the page, the API and search show it to anyone."""
    client.logout()
    html = client.get(page.url).content.decode()
    api = client.get(f"/api/v2/pages/{page.pk}/").json()["title"]
    found = client.get("/en/search/", {"q": "reviewed"}).content.decode()
    return {
        "page": NEW_TITLE in html,
        "api": api,
        "search": NEW_TITLE in found,
    }


@pytest.mark.django_db
class TestSubmittingATranslationForReview:
    def test_the_live_page_keeps_its_text_until_a_moderator_approves(
        self, client, english_practice, translation
    ):
        old_title = english_practice.title
        english = Locale.objects.get(language_code="en")
        translator = user_in_group(
            TRANSLATORS.format(english.get_display_name()), "translator"
        )
        retitle(translation, NEW_TITLE)

        client.force_login(translator)
        response = client.post(f"/admin/translations/{translation.pk}/review/")
        assert response.status_code == 302

        english_practice.refresh_from_db()
        assert english_practice.title == old_title
        assert english_practice.live
        assert english_practice.has_unpublished_changes
        draft = english_practice.get_latest_revision_as_object()
        assert draft.title == NEW_TITLE
        assert public_titles(client, english_practice) == {
            "page": False,
            "api": old_title,
            "search": False,
        }
        state = english_practice.current_workflow_state
        assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS

        client.force_login(user_in_group(MODERATORS, "moderator"))
        response = client.post(
            f"/admin/pages/workflow/action/{english_practice.pk}/approve/"
            f"{state.current_task_state.pk}/",
            {"comment": ""},
        )
        assert response.status_code in (200, 302)
        english_practice.refresh_from_db()
        assert english_practice.title == NEW_TITLE
        assert public_titles(client, english_practice)["api"] == NEW_TITLE

    def test_the_live_page_keeps_its_partners_and_body_too(
        self, client, english_practice, translation
    ):
        """What the translation changes besides the title (child rows, the
        body) stays as published as well."""
        published = english_practice.get_latest_revision_as_object()
        english = Locale.objects.get(language_code="en")
        retitle(translation, NEW_TITLE)
        client.force_login(
            user_in_group(TRANSLATORS.format(english.get_display_name()), "translator")
        )
        client.post(f"/admin/translations/{translation.pk}/review/")

        live = PracticePage.objects.get(pk=english_practice.pk)
        assert live.title == published.title
        assert live.summary == published.summary
        assert str(live.body) == str(published.body)
        assert [p.library_id for p in live.partners.all()] == [
            p.library_id for p in published.partners.all()
        ]


@pytest.mark.django_db
def test_a_translated_slug_sent_for_review_makes_no_redirect(
    client, english_practice, translation, django_capture_on_commit_callbacks
):
    """wagtail-localize writes the translated slug onto the live row, which
    the review takes back; Wagtail would make redirects for both changes,
    public before any review (a reader following /…/evil-slug/)."""
    segment = StringSegment.objects.get(source=translation.source, context__path="slug")
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=translation.target_locale,
        context=segment.context,
        defaults={"data": "chosen-by-the-translator"},
    )
    redirects = set(Redirect.objects.values_list("pk", "old_path", "redirect_page"))
    english = Locale.objects.get(language_code="en")
    client.force_login(
        user_in_group(TRANSLATORS.format(english.get_display_name()), "translator")
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/translations/{translation.pk}/review/")
    assert response.status_code == 302
    english_practice.refresh_from_db()
    assert english_practice.slug == "meetings-in-lazy"
    assert english_practice.get_latest_revision_as_object().slug == (
        "chosen-by-the-translator"
    )
    assert set(Redirect.objects.values_list("pk", "old_path", "redirect_page")) == (
        redirects
    )
    client.logout()
    guessed = english_practice.url.replace(
        "meetings-in-lazy", "chosen-by-the-translator"
    )
    assert client.get(guessed).status_code == 404


@pytest.mark.django_db
def test_an_approval_publishes_once(client, english_practice, translation):
    """Strings changed after a moderator approved are a new submission: the
    moderator cannot publish them from the translation editor."""
    english = Locale.objects.get(language_code="en")
    translator = user_in_group(
        TRANSLATORS.format(english.get_display_name()), "translator"
    )
    moderator = user_in_group(MODERATORS, "moderator")
    retitle(translation, NEW_TITLE)
    client.force_login(translator)
    client.post(f"/admin/translations/{translation.pk}/review/")
    state = english_practice.current_workflow_state
    client.force_login(moderator)
    client.post(
        f"/admin/pages/workflow/action/{english_practice.pk}/approve/"
        f"{state.current_task_state.pk}/",
        {"comment": ""},
    )
    english_practice.refresh_from_db()
    assert english_practice.title == NEW_TITLE

    retitle(translation, "Changed after the approval")
    response = client.post(
        f"/admin/pages/{english_practice.pk}/edit/", {"action": "publish"}
    )
    assert response.status_code in (302, 403)
    english_practice.refresh_from_db()
    assert english_practice.title == NEW_TITLE
