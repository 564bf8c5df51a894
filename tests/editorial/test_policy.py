"""The permission policy on Wagtail's own paths (issue 13, paths 4 and 5):
deleting, moving and copying are the network editors', whether through a
page's own view, a bulk action or a menu; a library editor touches only their
own library's pages."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, WorkflowState

from editorial.roles import MODERATORS, NETWORK_EDITORS, TRANSLATORS
from libraries.models import LibraryPage
from practices.models import PracticeIndexPage, PracticePage
from projects.models import ProjectPage
from tests.editorial.refusal import refused
from tests.factories import PracticePageFactory, user_in_group


@pytest.fixture
def people(demo):
    morawica = LibraryPage.objects.get(locale__language_code="pl", slug="gbp-morawica")
    return {
        "network editor": user_in_group(NETWORK_EDITORS, "network-editor"),
        "moderator": user_in_group(MODERATORS, "moderator"),
        "library editor": user_in_group(
            Group.objects.get(library_team__library_key=morawica.translation_key).name,
            "library-editor",
        ),
        "translator": user_in_group(TRANSLATORS.format("English"), "translator-en"),
    }


@pytest.fixture
def live_page(demo):
    return PracticePage.objects.get(locale__language_code="en", slug="meetings-in-lazy")


@pytest.fixture
def drafts(demo):
    """A draft practice of another library (Korsze), and one of Morawica."""
    index = PracticeIndexPage.objects.get(locale__language_code="pl")

    def draft(title, slug):
        library = LibraryPage.objects.get(locale__language_code="pl", slug=slug)
        page = PracticePageFactory(parent=index, title=title, library=library)
        if page.live:
            page.unpublish()
        return page

    return {
        "other": draft("Szkic z Korsz", "mgbp-korsze"),
        "own": draft("Szkic z Morawicy", "gbp-morawica"),
    }


def exists(page):
    return Page.objects.filter(pk=page.pk).exists()


def bulk(client, action, page, data=None):
    return client.post(
        f"/admin/bulk/wagtailcore/page/{action}/?id={page.pk}&next=/admin/pages/",
        data or {},
    )


@pytest.mark.django_db
class TestModeratorsNeverDelete:
    def test_a_moderator_cannot_delete_a_live_page(self, client, people, live_page):
        client.force_login(people["moderator"])
        response = client.post(f"/admin/pages/{live_page.pk}/delete/")
        assert response.status_code in (302, 403)
        assert exists(live_page)

    def test_a_moderator_cannot_bulk_delete_a_live_page(
        self, client, people, live_page
    ):
        client.force_login(people["moderator"])
        bulk(client, "delete", live_page)
        assert exists(live_page)

    def test_a_moderator_is_not_offered_delete_or_move(self, client, people, live_page):
        source = PracticePage.objects.get(
            locale__language_code="pl", slug="spotkania-w-lazach"
        )
        client.force_login(people["moderator"])
        for page in (source, live_page):
            listing = client.get(f"/admin/pages/{page.get_parent().pk}/")
            assert listing.status_code == 200
            assert f"/admin/pages/{page.pk}/delete/" not in listing.content.decode()
            assert f"/admin/pages/{page.pk}/move/" not in listing.content.decode()
        html = client.get(f"/admin/pages/{source.pk}/edit/").content.decode()
        assert f"/admin/pages/{source.pk}/delete/" not in html
        assert f"/admin/pages/{source.pk}/move/" not in html
        # A translation opens in wagtail-localize's editor, which asks too.
        html = client.get(f"/admin/pages/{live_page.pk}/edit/").content.decode()
        assert "&quot;canDelete&quot;: false" in html

    def test_a_network_editor_still_deletes(self, client, people, drafts):
        client.force_login(people["network editor"])
        response = client.post(f"/admin/pages/{drafts['other'].pk}/delete/")
        assert response.status_code == 302
        assert not exists(drafts["other"])


@pytest.mark.django_db
class TestTranslatorsNeverDeleteAnothersWork:
    def test_a_translator_cannot_delete_a_library_editors_draft(
        self, client, people, drafts
    ):
        client.force_login(people["translator"])
        client.post(f"/admin/pages/{drafts['own'].pk}/delete/")
        bulk(client, "delete", drafts["own"])
        assert exists(drafts["own"])


@pytest.mark.django_db
class TestBulkActionsFollowTheLibraryRules:
    def test_a_library_editor_cannot_bulk_delete_another_librarys_draft(
        self, client, people, drafts
    ):
        client.force_login(people["library editor"])
        bulk(client, "delete", drafts["other"])
        assert exists(drafts["other"])

    def test_a_library_editor_cannot_bulk_move_another_librarys_draft(
        self, client, people, drafts
    ):
        page = drafts["other"]
        parent_path = page.get_parent().path
        target = ProjectPage.objects.get(locale__language_code="pl", slug="podaj-dalej")
        assert (
            Page.objects.get(pk=page.pk)
            .permissions_for_user(people["network editor"])
            .can_move_to(target)
        )
        client.force_login(people["library editor"])
        bulk(client, "move", page, {"chooser": target.pk})
        page.refresh_from_db()
        assert page.get_parent().path == parent_path

    def test_a_library_editor_edits_only_their_own_librarys_pages(
        self, client, people, drafts
    ):
        editor = people["library editor"]
        assert drafts["own"].permissions_for_user(editor).can_edit()
        assert not drafts["other"].permissions_for_user(editor).can_edit()
        client.force_login(editor)
        listing = client.get(f"/admin/pages/{drafts['own'].get_parent().pk}/")
        html = listing.content.decode()
        assert f"/admin/pages/{drafts['own'].pk}/edit/" in html
        assert f"/admin/pages/{drafts['other'].pk}/edit/" not in html
        # No "History" that would end in "permission denied".
        assert f"/admin/pages/{drafts['own'].pk}/history/" in html
        assert f"/admin/pages/{drafts['other'].pk}/history/" not in html
        assert (
            client.get(f"/admin/pages/{drafts['own'].pk}/history/").status_code == 200
        )

    def test_a_library_editor_adds_pages_only_where_a_practice_may_go(
        self, client, people
    ):
        """No "Add child page" that would end in "permission denied"."""
        practices = PracticeIndexPage.objects.get(locale__language_code="pl")
        project = ProjectPage.objects.get(
            locale__language_code="pl", slug="podaj-dalej"
        )
        client.force_login(people["library editor"])
        response = client.get(f"/admin/pages/{practices.pk}/add_subpage/")
        # One type they may add there: straight to its form.
        assert response["Location"] == (
            f"/admin/pages/add/practices/practicepage/{practices.pk}/"
        )
        response = client.get(f"/admin/pages/{project.get_parent().pk}/add_subpage/")
        assert refused(response)
        listing = client.get(
            f"/admin/pages/{project.get_parent().pk}/"
        ).content.decode()
        assert f"/admin/pages/{project.get_parent().pk}/add_subpage/" not in listing


@pytest.mark.django_db
class TestModeratorsPublishWhatWasSubmitted:
    def test_a_moderator_cannot_bulk_publish_a_draft_nobody_submitted(
        self, client, people, drafts
    ):
        client.force_login(people["moderator"])
        bulk(client, "publish", drafts["other"])
        assert not Page.objects.get(pk=drafts["other"].pk).live

    def test_a_moderator_publishes_a_submitted_draft(self, client, people, drafts):
        page = drafts["own"]
        page.save_revision(user=people["library editor"])
        page.get_workflow().start(page, people["library editor"])
        client.force_login(people["moderator"])
        bulk(client, "publish", page)
        assert Page.objects.get(pk=page.pk).live

    def test_a_moderator_cannot_make_a_page_private(self, client, people, live_page):
        client.force_login(people["moderator"])
        client.post(
            f"/admin/pages/{live_page.pk}/privacy/", {"restriction_type": "login"}
        )
        assert not live_page.get_view_restrictions().exists()

    def test_a_moderator_cannot_unpublish_a_page_nobody_submitted(
        self, client, people, live_page
    ):
        client.force_login(people["moderator"])
        client.post(f"/admin/pages/{live_page.pk}/unpublish/")
        bulk(client, "unpublish", live_page, {"include_descendants": "on"})
        assert Page.objects.get(pk=live_page.pk).live
        html = client.get(f"/admin/pages/{live_page.get_parent().pk}/").content
        assert f"/admin/pages/{live_page.pk}/unpublish/" not in html.decode()

    def test_a_moderator_cannot_approve_their_own_submission(self, client, people):
        """Nothing reaches readers unreviewed, a moderator's own edit included:
        it waits for another moderator."""
        moderator = people["moderator"]
        live_page = PracticePage.objects.get(
            locale__language_code="pl", slug="spotkania-w-lazach"
        )
        draft = PracticePage.objects.get(pk=live_page.pk)
        draft.title = "Published by its own moderator"
        revision = draft.save_revision(user=moderator)
        state = live_page.get_workflow().start(live_page, moderator)
        approve = f"/admin/pages/workflow/action/{live_page.pk}/approve/"
        client.force_login(moderator)
        # Not offered: not on the page, not among the reviews awaiting them.
        edit = client.get(f"/admin/pages/{live_page.pk}/edit/").content.decode()
        assert 'data-workflow-action-name="approve"' not in edit
        assert approve not in client.get("/admin/").content.decode()
        client.post(
            f"/admin/pages/workflow/action/{live_page.pk}/approve/"
            f"{state.current_task_state.pk}/",
            {"comment": ""},
        )
        bulk(client, "publish", live_page)
        live_page.refresh_from_db()
        assert live_page.title != "Published by its own moderator"
        assert live_page.live_revision_id != revision.pk
        # Refused outright: the review still waits for another moderator.
        state.refresh_from_db()
        assert state.status == WorkflowState.STATUS_IN_PROGRESS

        other = user_in_group(MODERATORS, "second-moderator")
        client.force_login(other)
        assert approve in client.get("/admin/").content.decode()
        client.post(
            f"/admin/pages/workflow/action/{live_page.pk}/approve/"
            f"{state.current_task_state.pk}/",
            {"comment": ""},
        )
        live_page.refresh_from_db()
        assert live_page.title == "Published by its own moderator"


@pytest.mark.django_db
def test_a_translator_edits_translations_not_pages_written_in_their_language(
    client, people, live_page
):
    """The role table: "translate into their own language(s) only, edit those
    translations". An English original is the network's, not the translator's."""
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    original = PracticePageFactory(parent=index, title="Written in English")
    translator = people["translator"]
    assert live_page.permissions_for_user(translator).can_edit()
    assert not original.permissions_for_user(translator).can_edit()
    client.force_login(translator)
    assert client.get(f"/admin/pages/{live_page.pk}/edit/").status_code == 200
    assert refused(client.get(f"/admin/pages/{original.pk}/edit/"))
