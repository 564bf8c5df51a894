"""Who may edit, publish and translate what, checked through the admin's views."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import (
    GroupApprovalTask,
    Locale,
    Page,
    Workflow,
    WorkflowState,
    WorkflowTask,
)
from wagtail.test.utils.form_data import inline_formset, streamfield

from editorial.models import ReviewTask
from editorial.roles import (
    MODERATORS,
    NETWORK_EDITORS,
    REVIEW_TASK,
    TRANSLATORS,
    WORKFLOW,
    setup_roles,
)
from libraries.models import LibraryIndexPage, LibraryPage
from practices.models import PracticeIndexPage, PracticePage
from projects.models import ProjectPage
from tests.factories import LibraryPageFactory, PracticePageFactory
from tests.pages import empty_replication, form_data

pytestmark = pytest.mark.django_db

ROLES = ["network editor", "moderator", "library editor", "translator (en)"]


def practice_form(title, library, slug="praktyka"):
    return form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Co zrobiła biblioteka.",
            "library": library.pk if library else "",
            "partners": inline_formset([]),
            "events": streamfield([]),
            "body": streamfield([]),
            "links": streamfield([]),
            **empty_replication(),
        }
    )


@pytest.fixture
def world(db):
    polish = Locale.objects.get(language_code="pl")
    english = Locale.objects.get(language_code="en")
    morawica = LibraryPage.objects.get(locale=polish, slug="gbp-morawica")
    korsze = LibraryPage.objects.get(locale=polish, slug="mgbp-korsze")
    index = PracticeIndexPage.objects.get(locale=polish)

    def practice(title, library):
        page = PracticePageFactory(parent=index, title=title, library=library)
        page.save_revision().publish()
        return page

    users = {}
    User = get_user_model()  # noqa: N806
    groups = {
        "network editor": Group.objects.get(name=NETWORK_EDITORS),
        "moderator": Group.objects.get(name=MODERATORS),
        "library editor": Group.objects.get(
            library_team__library_key=morawica.translation_key
        ),
        "translator (en)": Group.objects.get(
            name=TRANSLATORS.format(english.get_display_name())
        ),
    }
    for role, group in groups.items():
        user = User.objects.create_user(role.replace(" ", "-"), password="x")
        user.groups.add(group)
        users[role] = user
    return {
        "users": users,
        "index": index,
        "morawica": morawica,
        "korsze": korsze,
        "own": practice("Praktyka z Morawicy", morawica),
        "other": practice("Praktyka z Korsz", korsze),
        "project": ProjectPage.objects.get(locale=polish, slug="podaj-dalej"),
        "translation": PracticePage.objects.get(
            locale=english, slug="meetings-in-lazy"
        ),
    }


def can_open_editor(client, page):
    return client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def can_save(client, page, library):
    """A changed title saved as a draft through the edit view."""
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        practice_form("Zmieniony tytuł", library, slug=page.slug),
    )
    return Page.objects.get(pk=page.pk).get_latest_revision_as_object().title == (
        "Zmieniony tytuł"
    )


def can_publish(client, page, library):
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            **practice_form("Opublikowany tytuł", library, slug=page.slug),
            "action-publish": "action-publish",
        },
    )
    return Page.objects.get(pk=page.pk).title == "Opublikowany tytuł"


def can_create(client, world):
    before = PracticePage.objects.count()
    client.post(
        f"/admin/pages/add/practices/practicepage/{world['index'].pk}/",
        practice_form("Nowa praktyka", world["morawica"], slug="nowa-praktyka"),
    )
    return PracticePage.objects.count() == before + 1


def can_start_translation(client, page):
    url = f"/admin/localize/submit/page/{page.pk}/"
    return client.get(url).status_code == 200


EXPECTED = {
    # action: network editor, moderator, library editor, translator (en)
    "edit own library's practice": (True, True, True, False),
    "edit another library's practice": (True, True, False, False),
    # A moderator publishes what was submitted for review, nothing else.
    "publish what nobody submitted": (True, False, False, False),
    "create a practice": (True, False, True, False),
    "edit a project": (True, True, False, False),
    "edit an English translation": (True, True, False, True),
    "start a translation": (True, False, False, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_do_what(client, world, role):
    client.force_login(world["users"][role])
    column = ROLES.index(role)
    done = {
        "edit own library's practice": can_save(
            client, world["own"], world["morawica"]
        ),
        "edit another library's practice": can_save(
            client, world["other"], world["korsze"]
        ),
        "publish what nobody submitted": can_publish(
            client, world["own"], world["morawica"]
        ),
        "create a practice": can_create(client, world),
        "edit a project": can_open_editor(client, world["project"]),
        "edit an English translation": can_open_editor(client, world["translation"]),
        "start a translation": can_start_translation(client, world["own"]),
    }
    assert done == {action: allowed[column] for action, allowed in EXPECTED.items()}


def test_a_library_editor_cannot_give_their_practice_to_another_library(client, world):
    client.force_login(world["users"]["library editor"])
    assert not can_save(client, world["own"], world["korsze"])
    assert PracticePage.objects.get(pk=world["own"].pk).library == world["morawica"]


def test_a_translator_cannot_change_a_source_page(client, world):
    client.force_login(world["users"]["translator (en)"])
    source = world["translation"].get_translation(
        Locale.objects.get(language_code="pl")
    )
    response = client.get(f"/admin/pages/{source.pk}/edit/")
    assert response.status_code != 200
    assert not can_save(client, source, source.specific.library)


def test_a_new_library_and_a_new_language_get_their_groups(world):
    library = LibraryPageFactory(
        parent=LibraryIndexPage.objects.get(locale__language_code="pl"),
        title="Biblioteka w Nowym Mieście",
    )
    assert Group.objects.filter(library_team__library_key=library.translation_key)
    locale = Locale.objects.create(language_code="de")
    assert Group.objects.filter(name=TRANSLATORS.format(locale.get_display_name()))


def test_setting_up_the_roles_again_changes_nothing(world):
    before = sorted(Group.objects.values_list("name", flat=True))
    setup_roles()
    assert sorted(Group.objects.values_list("name", flat=True)) == before


def test_every_content_page_in_every_language_is_moderated(world):
    for page in Page.objects.filter(depth__gt=1).specific()[:200]:
        workflow = page.get_workflow()
        assert workflow is not None and workflow.active, page


def test_a_library_editors_practice_goes_through_review_in_polish_and_english(
    client, world, django_capture_on_commit_callbacks
):
    editor = world["users"]["library editor"]
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/add/practices/practicepage/{world['index'].pk}/",
        {
            **practice_form("Czytanie z seniorami", world["morawica"], slug="czytanie"),
            "action-submit": "action-submit",
        },
    )
    assert response.status_code == 302
    practice = PracticePage.objects.get(slug="czytanie")
    assert not practice.live
    state = WorkflowState.objects.get(
        base_content_type__isnull=False, object_id=str(practice.pk)
    )
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    moderator = world["users"]["moderator"]
    client.force_login(moderator)
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{practice.pk}/approve/{task_state.pk}/",
        {"comment": "Dobrze."},
    )
    assert response.status_code in (200, 302)
    practice.refresh_from_db()
    assert practice.live and practice.title == "Czytanie z seniorami"

    # A network editor starts the English translation; the translator
    # sends it for review; the moderator publishes it.
    english = Locale.objects.get(language_code="en")
    client.force_login(world["users"]["network editor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/localize/submit/page/{practice.pk}/", {"locales": [english.pk]}
        )
    assert response.status_code == 302
    translated = PracticePage.objects.get(
        translation_key=practice.translation_key, locale=english
    )
    assert not translated.live

    from wagtail_localize.models import Translation

    translation = Translation.objects.get(
        source__object_id=practice.translation_key, target_locale=english
    )
    client.force_login(world["users"]["translator (en)"])
    response = client.post(f"/admin/translations/{translation.pk}/review/")
    assert response.status_code == 302
    translated.refresh_from_db()
    assert not translated.live
    state = translated.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(moderator)
    client.post(
        f"/admin/pages/workflow/action/{translated.pk}/approve/"
        f"{state.current_task_state.pk}/",
        {"comment": ""},
    )
    translated.refresh_from_db()
    assert translated.live


@pytest.mark.django_db
def test_setting_up_the_roles_replaces_a_plain_approval_task(world):
    """A database from before the review by another: its plain group
    approval task gives way to the ReviewTask, the workflow keeps one task."""
    workflow = Workflow.objects.get(name=WORKFLOW)
    WorkflowTask.objects.filter(workflow=workflow).delete()
    old = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    WorkflowTask.objects.create(workflow=workflow, task=old, sort_order=0)
    setup_roles()
    tasks = [task.specific for task in workflow.tasks]
    assert [type(task) for task in tasks] == [ReviewTask]
    old.refresh_from_db()
    assert not old.active
