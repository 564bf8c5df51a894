"""An image a published page shows changes only through review (issue 13):
whoever uploaded it may replace or delete it only while no page uses it."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import ReferenceIndex

from editorial.roles import NETWORK_EDITORS
from libraries.models import LibraryPage
from projects.models import ProjectPage
from tests.editorial.refusal import refused
from tests.factories import user_in_group


@pytest.fixture
def library_editor(demo):
    morawica = LibraryPage.objects.get(locale__language_code="pl", slug="gbp-morawica")
    return user_in_group(
        Group.objects.get(library_team__library_key=morawica.translation_key).name,
        "library-editor",
    )


@pytest.fixture
def their_image(library_editor):
    return Image.objects.create(
        title="Zdjęcie ze spotkania",
        file=get_test_image_file(),
        uploaded_by_user=library_editor,
    )


@pytest.fixture
def shown_on_a_page(their_image):
    """A network editor put the image on a published project."""
    project = ProjectPage.objects.get(locale__language_code="pl", slug="podaj-dalej")
    project.image = their_image
    project.save_revision().publish()
    ReferenceIndex.create_or_update_for_object(project)
    return project


def new_file():
    return SimpleUploadedFile(
        "other.png", get_test_image_file(colour="red").file.getvalue(), "image/png"
    )


@pytest.mark.django_db
class TestImagesInUse:
    def test_the_uploader_changes_and_deletes_an_image_no_page_uses(
        self, client, library_editor, their_image
    ):
        client.force_login(library_editor)
        response = client.post(f"/admin/images/{their_image.pk}/delete/")
        assert response.status_code == 302
        assert not Image.objects.filter(pk=their_image.pk).exists()

    def test_the_uploader_cannot_replace_the_file_of_an_image_a_page_shows(
        self, client, library_editor, their_image, shown_on_a_page
    ):
        before = their_image.file.name
        client.force_login(library_editor)
        response = client.post(
            f"/admin/images/{their_image.pk}/",
            {"title": their_image.title, "file": new_file(), "collection": 1},
        )
        assert refused(response)
        their_image.refresh_from_db()
        assert their_image.file.name == before

    def test_the_uploader_cannot_delete_an_image_a_page_shows(
        self, client, library_editor, their_image, shown_on_a_page
    ):
        client.force_login(library_editor)
        for response in (
            client.post(f"/admin/images/{their_image.pk}/delete/"),
            client.post(f"/admin/images/multiple/{their_image.pk}/delete/"),
            client.post(
                f"/admin/bulk/wagtailimages/image/delete/?id={their_image.pk}"
                "&next=/admin/images/"
            ),
        ):
            assert refused(response)
        assert Image.objects.filter(pk=their_image.pk).exists()
        shown_on_a_page.refresh_from_db()
        assert shown_on_a_page.image_id == their_image.pk

    def test_a_network_editor_still_deletes_it(
        self, client, their_image, shown_on_a_page
    ):
        client.force_login(user_in_group(NETWORK_EDITORS, "network-editor"))
        client.post(f"/admin/images/{their_image.pk}/delete/")
        assert not Image.objects.filter(pk=their_image.pk).exists()
