"""The admin's home page per role (issue 19, part 2): a library editor's
library, a translator's queue, a moderator's review queue, read through the
admin's own home view."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, WorkflowState
from wagtail_localize.models import Translation

from editorial.roles import MODERATORS, NETWORK_EDITORS, translators
from libraries.models import LibraryPage
from practices.models import PracticeIndexPage, PracticePage
from projects.models import ProjectPage
from tests.editorial.test_library_editors import practice_form
from tests.factories import PracticePageFactory, user_in_group

pytestmark = pytest.mark.django_db


def panel(response, marker):
    """The HTML of the home page's panel holding ``marker``, or ''."""
    html = response.content.decode()
    match = re.search(
        rf'<section[^>]*id="{marker}-section".*?</section>', html, flags=re.DOTALL
    )
    return match.group(0) if match else ""


@pytest.fixture
def morawica(demo):
    return LibraryPage.objects.get(locale__language_code="pl", slug="gbp-morawica")


@pytest.fixture
def library_editor(morawica):
    user = get_user_model().objects.create_user("library-editor", password="x")
    user.groups.add(
        Group.objects.get(library_team__library_key=morawica.translation_key)
    )
    return user


def test_a_library_editor_sees_their_librarys_pages_and_starts_a_practice(
    client, library_editor, morawica
):
    index = PracticeIndexPage.objects.get(locale__language_code="pl")
    own = PracticePageFactory(
        parent=index, title="Czytanie w Morawicy", library=morawica
    )
    own.save_revision()  # a draft of a live page
    other = PracticePage.objects.get(
        locale__language_code="pl", slug="spotkania-w-lazach"
    )
    client.force_login(library_editor)

    home = client.get(reverse("wagtailadmin_home"))

    library = panel(home, "library-pages")
    assert morawica.title in library
    assert "Czytanie w Morawicy" in library
    assert other.title not in library
    new_practice = reverse(
        "wagtailadmin_pages:add", args=("practices", "practicepage", index.pk)
    )
    assert f'href="{new_practice}"' in library
    # The link opens the form with their library chosen.
    form = client.get(new_practice)
    assert form.status_code == 200
    assert form.context["form"]["library"].value() == morawica.pk


def test_what_came_back_shows_the_moderators_comment(client, library_editor, morawica):
    index = PracticeIndexPage.objects.get(locale__language_code="pl")
    client.force_login(library_editor)
    client.post(
        reverse("wagtailadmin_pages:add", args=("practices", "practicepage", index.pk)),
        {
            **practice_form(morawica, "Wystawa w Morawicy"),
            "action-submit": "action-submit",
        },
    )
    practice = PracticePage.objects.get(title="Wystawa w Morawicy")
    state = WorkflowState.objects.get(object_id=str(practice.pk))
    moderator = user_in_group(MODERATORS, "moderator")
    client.force_login(moderator)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(practice.pk, "reject", state.current_task_state.pk),
        ),
        {"comment": "Proszę dodać datę wystawy."},
    )
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(library_editor)
    library = panel(client.get(reverse("wagtailadmin_home")), "library-pages")

    returned = library[library.index("data-returned") :]
    assert "Wystawa w Morawicy" in returned
    assert "Proszę dodać datę wystawy." in returned


def test_a_translator_sees_outdated_translations_first(client, demo):
    russian = Locale.objects.get(language_code="ru")
    network_editor = user_in_group(NETWORK_EDITORS, "network-editor")
    client.force_login(network_editor)
    projects = list(
        ProjectPage.objects.filter(locale__language_code="pl").order_by("pk")
    )
    for project in projects:
        client.post(
            reverse("wagtail_localize:submit_page_translation", args=[project.pk]),
            {"locales": [russian.pk]},
        )
    assert Translation.objects.filter(target_locale=russian).count() >= 2
    # The second project changes after its translation began: outdated.
    changed = projects[-1]
    changed.title = f"{changed.title} (2026)"
    changed.save_revision().publish()

    translator = get_user_model().objects.create_user("translator-ru", password="x")
    translator.groups.add(translators(russian))
    client.force_login(translator)
    waiting = panel(client.get(reverse("wagtailadmin_home")), "waiting-translations")

    statuses = re.findall(r'data-status="(\w+)"', waiting)
    assert statuses[0] == "outdated"
    assert "in_progress" in statuses
    assert waiting.index(changed.title) < waiting.index(projects[0].title)
    # A translator has no library panel, and a library editor no queue.
    assert (
        "library-pages" not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_a_library_editor_has_no_translation_queue(client, library_editor):
    client.force_login(library_editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="library-pages-section"' in home
    assert 'id="waiting-translations-section"' not in home


def test_a_moderator_is_told_when_nothing_waits_and_sees_what_does(
    client, library_editor, morawica
):
    moderator = user_in_group(MODERATORS, "moderator")
    client.force_login(moderator)
    empty = panel(client.get(reverse("wagtailadmin_home")), "awaiting-review")
    assert "data-nothing-waits" in empty

    index = PracticeIndexPage.objects.get(locale__language_code="pl")
    client.force_login(library_editor)
    client.post(
        reverse("wagtailadmin_pages:add", args=("practices", "practicepage", index.pk)),
        {
            **practice_form(morawica, "Wystawa w Morawicy"),
            "action-submit": "action-submit",
        },
    )
    client.force_login(moderator)
    waiting = panel(client.get(reverse("wagtailadmin_home")), "awaiting-review")
    assert "Wystawa w Morawicy" in waiting
    assert "data-nothing-waits" not in waiting
