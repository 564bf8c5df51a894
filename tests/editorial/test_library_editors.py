"""A library editor touches only their own library's pages, in every
language and through wagtail-localize's editor too (issue 13, path 3)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import WorkflowState
from wagtail_localize.models import StringTranslation, Translation

from libraries.models import LibraryPage
from practices.models import PracticeIndexPage, PracticePage
from tests.editorial.refusal import refused
from tests.factories import PracticePageFactory


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
