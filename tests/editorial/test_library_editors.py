"""A library editor touches only their own library's pages, in every
language and through wagtail-localize's editor too (issue 13, path 3)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield
from wagtail_localize.models import StringTranslation, Translation

from core.models import Audience
from editorial.roles import NETWORK_EDITORS
from libraries.models import LibraryPage
from practices.models import PracticeIndexPage, PracticePage
from tests.editorial.refusal import refused
from tests.factories import PracticePageFactory, user_in_group
from tests.pages import empty_replication, form_data
from tests.snapshot import database_state


@pytest.fixture
def library_editor(demo):
    morawica = LibraryPage.objects.get(locale__language_code="pl", slug="gbp-morawica")
    user = get_user_model().objects.create_user("library-editor", password="x")
    user.groups.add(
        Group.objects.get(library_team__library_key=morawica.translation_key)
    )
    return user


@pytest.fixture
def other_librarys_translation(demo):
    """The English translation of a practice of the library in Łazy."""
    page = PracticePage.objects.get(locale__language_code="en", slug="meetings-in-lazy")
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale
    )
    return page, translation


@pytest.mark.django_db
def test_a_library_editor_cannot_change_another_librarys_translation(
    client, library_editor, other_librarys_translation
):
    page, translation = other_librarys_translation
    strings_before = sorted(
        StringTranslation.objects.filter(locale=page.locale).values_list("pk", "data")
    )
    po = str(translation.export_po()).encode()
    client.force_login(library_editor)

    answers = {
        "editor": client.get(f"/admin/pages/{page.pk}/edit/"),
        "po upload": client.post(
            f"/admin/localize/translate/{translation.pk}/pofile/upload/",
            {"file": SimpleUploadedFile("lazy.po", po, "text/x-gettext-translation")},
        ),
        "disable": client.post(f"/admin/localize/translate/{translation.pk}/disable/"),
        "submit for review": client.post(
            f"/admin/translations/{translation.pk}/review/"
        ),
        "revision": client.get(
            f"/admin/pages/{page.pk}/revisions/{page.latest_revision_id}/view/"
        ),
    }

    assert {path: refused(answer) for path, answer in answers.items()} == (
        dict.fromkeys(answers, True)
    )
    translation.refresh_from_db()
    assert translation.enabled
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()
    assert (
        sorted(
            StringTranslation.objects.filter(locale=page.locale).values_list(
                "pk", "data"
            )
        )
        == strings_before
    )


@pytest.mark.django_db
def test_a_library_editor_still_edits_their_own_practice(client, library_editor):
    morawica = LibraryPage.objects.get(locale__language_code="pl", slug="gbp-morawica")
    own = PracticePageFactory(
        parent=PracticeIndexPage.objects.get(locale__language_code="pl"),
        title="Praktyka z Morawicy",
        library=morawica,
    )
    client.force_login(library_editor)
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200


# The mutation audit of issue 14: nothing failed when a library editor could
# create a practice for another library, or copy another library's page.


def practice_form(library, title):
    """The admin's form for a new practice, complete and valid."""
    return form_data(
        {
            "title": title,
            "slug": slugify(title),
            "summary": "Wystawa zdjęć mieszkańców pokazana online.",
            "library": library.pk,
            "partners": inline_formset([]),
            "events": streamfield([]),
            "body": streamfield([("paragraph", rich_text("<p>Opis wystawy.</p>"))]),
            "links": streamfield([]),
            **empty_replication(),
        },
        audiences=[Audience.objects.get(locale=library.locale, slug="seniors").pk],
    )


@pytest.fixture
def practice_index(demo):
    return PracticeIndexPage.objects.get(locale__language_code="pl")


def add_url(parent):
    return reverse(
        "wagtailadmin_pages:add", args=("practices", "practicepage", parent.pk)
    )


def library_choices(response):
    """The options of the form's library field: (value, label, selected)."""
    field = response.context["form"]["library"]
    html = str(field)
    return [
        (str(value), str(label), f'value="{value}" selected' in html)
        for value, label in field.field.choices
    ]


@pytest.mark.django_db
def test_a_library_editors_form_offers_their_library_chosen_already(
    client, library_editor, practice_index
):
    """Their library, once, in the page's language (a page chooser listed it
    four times, Finnish first)."""
    own = LibraryPage.objects.get(locale__language_code="pl", slug="gbp-morawica")
    client.force_login(library_editor)

    response = client.get(add_url(practice_index))

    assert response.status_code == 200
    assert library_choices(response) == [(str(own.pk), own.title, True)]


@pytest.mark.django_db
def test_a_network_editors_form_offers_every_library_of_the_pages_language(
    admin_client, practice_index
):
    response = admin_client.get(add_url(practice_index))

    choices = library_choices(response)
    polish = LibraryPage.objects.filter(locale__language_code="pl")
    assert {value for value, _, _ in choices} - {""} == {
        str(pk) for pk in polish.values_list("pk", flat=True)
    }
    # In Polish alphabetical order: "Biblioteka Miejska…" before "Centralna…",
    # "Miejska…" before "Miejsko-…"
    titles = [label for value, label, _ in choices if value]
    assert titles.index("Biblioteka Miejska w Helsinkach") < titles.index(
        "Centralna Biblioteka Rejonowa (rejon biełgorodzki)"
    )


def refused_in_form(response, title):
    """The form comes back with the library refused, said in the editor's
    language, and the work kept."""
    errors = response.context["form"].errors
    with translation.override("pl"):
        message = gettext("Choose your own library.")
    page = response.content.decode()
    return (
        response.status_code == 200
        and errors == {"library": [message]}
        and message in page
        and title in page
    )


@pytest.mark.django_db
def test_a_library_editor_cannot_create_a_practice_for_another_library(
    client, library_editor, practice_index
):
    other = LibraryPage.objects.get(locale__language_code="pl", slug="bpmig-lazy")
    client.force_login(library_editor)
    before = database_state()

    response = client.post(
        add_url(practice_index), practice_form(other, "Wystawa w Łazach")
    )

    assert refused_in_form(response, "Wystawa w Łazach")
    assert not PracticePage.objects.filter(title="Wystawa w Łazach").exists()
    assert database_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["save", "autosave"])
def test_a_library_editor_cannot_move_their_practice_to_another_library(
    client, library_editor, own_practice, how
):
    other = LibraryPage.objects.get(locale__language_code="pl", slug="bpmig-lazy")
    client.force_login(library_editor)
    before = database_state()
    data = practice_form(other, "Praktyka z Morawicy, poprawiona")
    headers = {"HTTP_ACCEPT": "application/json"} if how == "autosave" else {}

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[own_practice.pk]), data, **headers
    )

    if how == "autosave":
        # The editor's script says the form has errors; nothing is lost.
        assert response.status_code == 400
        assert response.json()["error_code"] == "validation_error"
    else:
        assert refused_in_form(response, "Praktyka z Morawicy, poprawiona")
    assert database_state() == before
    own_practice.refresh_from_db()
    assert own_practice.library.slug == "gbp-morawica"


@pytest.mark.django_db
def test_the_same_form_for_their_own_library_creates_a_draft(
    client, library_editor, practice_index
):
    own = LibraryPage.objects.get(locale__language_code="pl", slug="gbp-morawica")
    client.force_login(library_editor)

    response = client.post(
        add_url(practice_index), practice_form(own, "Wystawa w Morawicy")
    )

    practice = PracticePage.objects.get(title="Wystawa w Morawicy")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[practice.pk]
    )
    assert practice.library_id == own.pk
    assert practice.get_parent().pk == practice_index.pk
    assert not practice.live


@pytest.fixture
def other_librarys_practice(demo):
    return PracticePage.objects.get(
        locale__language_code="pl", slug="spotkania-w-lazach"
    )


def copy_form(page):
    return {
        "new_title": "Kopia spotkań w Łazach",
        "new_slug": "kopia-spotkan",
        "new_parent_page": page.get_parent().pk,
        "copy_subpages": "",
        "publish_copies": "",
        "alias": "",
    }


@pytest.fixture
def own_practice(demo):
    morawica = LibraryPage.objects.get(locale__language_code="pl", slug="gbp-morawica")
    return PracticePageFactory(
        parent=PracticeIndexPage.objects.get(locale__language_code="pl"),
        title="Praktyka z Morawicy",
        library=morawica,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("whose", ["another library's", "their own library's"])
def test_a_library_editor_cannot_copy_a_page(
    client, library_editor, other_librarys_practice, own_practice, whose
):
    """Another library's page they may not even edit; their own they may
    edit, but only network editors copy pages."""
    page = other_librarys_practice if whose == "another library's" else own_practice
    url = reverse("wagtailadmin_pages:copy", args=[page.pk])
    client.force_login(library_editor)
    before = database_state()

    assert refused(client.get(url))
    assert refused(client.post(url, copy_form(page)))

    assert not PracticePage.objects.filter(slug="kopia-spotkan").exists()
    assert database_state() == before


@pytest.mark.django_db
def test_the_same_copy_form_copies_for_a_network_editor(
    client, other_librarys_practice
):
    """The form the library editor was refused is one that copies."""
    page = other_librarys_practice
    client.force_login(user_in_group(NETWORK_EDITORS, "network-editor"))

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]), copy_form(page)
    )

    assert response.status_code == 302
    copy = PracticePage.objects.get(slug="kopia-spotkan")
    assert copy.title == "Kopia spotkań w Łazach"
    assert copy.library_id == page.library_id


@pytest.mark.django_db
def test_the_explorer_offers_a_library_editor_only_their_own_pages(
    client, library_editor, own_practice, other_librarys_practice
):
    """A title links to the editor only where she may edit (it led to "Sorry,
    you do not have permission"), and no row's menu offers copy, move or
    delete."""
    client.force_login(library_editor)

    page = client.get(
        reverse("wagtailadmin_explore", args=[own_practice.get_parent().pk])
    ).content.decode()
    # The rows and their menus (Wagtail's bulk-action bar, shown once rows
    # are ticked, lists every action and refuses per page).
    rows = page[page.index("data-listing-page-title") :]
    listing = rows[: rows.index("</table>")]

    assert reverse("wagtailadmin_pages:edit", args=[own_practice.pk]) in listing
    assert (
        reverse("wagtailadmin_pages:edit", args=[other_librarys_practice.pk])
        not in listing
    )
    for action in ("copy", "move", "delete"):
        assert f"/{action}/" not in listing, action
