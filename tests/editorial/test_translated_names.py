"""The roles', the workflow's and the task's names in the reader's language
(editorial/translated_names.py), and Wagtail's unused defaults removed by
setup_roles."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation
from wagtail.models import GroupApprovalTask, Task, Workflow, WorkflowTask

from editorial.policy import user_languages
from editorial.roles import (
    MODERATORS,
    NETWORK_EDITORS,
    REVIEW_TASK,
    TRANSLATORS,
    WAGTAIL_EDITORS,
    WAGTAIL_WORKFLOW,
    WORKFLOW,
)
from tests.conftest import run_command

pytestmark = pytest.mark.django_db

SHOWN = {
    "pl": {
        NETWORK_EDITORS: "Redaktorzy sieci",
        MODERATORS: "Moderatorzy",
        "Translators: English": "Tłumacze: angielski",
        "Translators: suomi": "Tłumacze: fiński",
        WORKFLOW: "Przegląd przed publikacją",
        REVIEW_TASK: "Zatwierdzenie przez moderatora",
    },
    "ru": {
        NETWORK_EDITORS: "Редакторы сети",
        "Translators: English": "Переводчики: английский",
        WORKFLOW: "Проверка перед публикацией",
        REVIEW_TASK: "Одобрение модератора",
    },
    "fi": {
        MODERATORS: "Moderaattorit",
        "Translators: polski": "Kääntäjät: puola",
        WORKFLOW: "Tarkastus ennen julkaisua",
    },
    "en": {"Translators: suomi": "Translators: Finnish", WORKFLOW: WORKFLOW},
}


def shown(name):
    """The name as a template prints it, from a freshly loaded instance."""
    for model in (Group, Workflow, Task):
        instance = model.objects.filter(name=name).first()
        if instance is not None:
            return f"{instance.name}"
    raise AssertionError(f"nothing is named {name!r}")


@pytest.mark.parametrize("language", sorted(SHOWN))
def test_names_are_shown_in_the_language(demo, language):
    with translation.override(language):
        assert {name: shown(name) for name in SHOWN[language]} == SHOWN[language]


def test_a_library_team_keeps_the_librarys_name(demo):
    group = Group.objects.filter(name__startswith="Library editors: ").first()
    library = group.name.removeprefix("Library editors: ")
    with translation.override("pl"):
        assert str(Group.objects.get(pk=group.pk).name) == (
            f"Redaktorzy biblioteki: {library}"
        )


def test_the_stored_names_stay_english_for_the_code(demo):
    with translation.override("pl"):
        group = Group.objects.get(name=MODERATORS)
        assert group.name == MODERATORS
        assert Group.objects.filter(name=group.name).count() == 1
        translator = get_user_model().objects.create_user("t", password="x")
        translator.groups.add(Group.objects.get(name=TRANSLATORS.format("English")))
        assert [locale.language_code for locale in user_languages(translator)] == ["en"]


def test_a_name_saved_as_the_form_showed_it_stays_english(demo):
    with translation.override("pl"):
        workflow = Workflow.objects.get(name=WORKFLOW)
        workflow.name = "Przegląd przed publikacją"  # what the form posted back
        workflow.save()
        group = Group.objects.get(name=MODERATORS)
        group.name = "Moderatorzy"
        group.save()
    assert Workflow.objects.filter(pk=workflow.pk, name=WORKFLOW).exists()
    assert Group.objects.filter(pk=group.pk, name=MODERATORS).exists()


def test_a_name_changed_in_the_form_is_changed(demo):
    workflow = Workflow.objects.get(name=WORKFLOW)
    workflow.name = "Our own review"
    workflow.save()
    assert Workflow.objects.get(pk=workflow.pk).name == "Our own review"


def test_the_groups_screen_shows_them_in_the_admins_language(admin_client, demo):
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.get(username="admin")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ru"
    profile.save()
    html = admin_client.get("/admin/groups/").content.decode()
    assert "Переводчики: английский" in html
    assert "Translators: English" not in html
    assert "Network editors" not in html


def wagtails_defaults():
    editors = Group.objects.create(name=WAGTAIL_EDITORS)
    workflow = Workflow.objects.create(name=WAGTAIL_WORKFLOW)
    task = GroupApprovalTask.objects.create(name=WAGTAIL_WORKFLOW)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return editors, workflow, task


class TestWagtailsDefaults:
    def test_setup_roles_removes_them(self, demo):
        wagtails_defaults()
        output = run_command("setup_roles")
        assert not Group.objects.filter(name=WAGTAIL_EDITORS).exists()
        assert not Workflow.objects.filter(name=WAGTAIL_WORKFLOW).exists()
        assert not Task.objects.filter(name=WAGTAIL_WORKFLOW).exists()
        assert "Removed Wagtail's unused group 'Editors'" in output
        assert Workflow.objects.filter(name=WORKFLOW, active=True).exists()
        assert run_command("setup_roles").count("Removed") == 0

    def test_a_group_with_members_is_kept(self, demo):
        editors, _workflow, _task = wagtails_defaults()
        get_user_model().objects.create_user("old-editor").groups.add(editors)
        output = run_command("setup_roles")
        assert Group.objects.filter(name=WAGTAIL_EDITORS).exists()
        assert "Kept the group 'Editors'" in output

    def test_a_workflow_that_was_used_is_deactivated(self, demo, home_pages):
        _editors, workflow, task = wagtails_defaults()
        admin = get_user_model().objects.create_superuser("old-admin", "", "x")
        page = home_pages["fi"]
        workflow.start(page, admin)
        run_command("setup_roles")
        workflow.refresh_from_db()
        task.refresh_from_db()
        assert not workflow.active
        assert not task.active


@pytest.mark.parametrize(
    ("language", "name"),
    [("pl", "Sieć bibliotek"), ("ru", "Сеть библиотек"), ("fi", "Kirjastoverkosto")],
)
def test_the_dashboard_names_the_site_in_the_admins_language(
    admin_client, demo, settings, language, name
):
    from wagtail.models import Site
    from wagtail.users.models import UserProfile

    site = Site.objects.get(is_default_site=True)
    assert site.site_name == settings.WAGTAIL_SITE_NAME == "Library network"
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="admin"))
    profile.preferred_language = language
    profile.save()
    html = admin_client.get("/admin/").content.decode()
    assert name in html
    assert "Library network" not in html


def test_what_is_written_is_the_english_name(demo):
    """Outside a request (a command: dumpdata, a backup, the test database's
    copy) a name is its English value; inside one, only what prints it
    translates it, never what stores it."""
    import json

    from django.core import serializers

    dumped = json.loads(serializers.serialize("json", Group.objects.all()))
    names = {row["fields"]["name"] for row in dumped}
    assert {NETWORK_EDITORS, MODERATORS, "Translators: English"} <= names
    with translation.override("pl"):
        group = Group.objects.get(name=MODERATORS)
        assert json.dumps(group.name) == '"Moderators"'
        group.save()
        assert f"{group.name}" == "Moderatorzy"
    assert Group.objects.filter(name=MODERATORS).exists()
