"""Upload limits through the admin's own upload views: a clear error, nothing saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.users.models import UserProfile
from wagtailmedia.models import Media

from tests.snapshot import database_state, media_files

pytestmark = pytest.mark.django_db


def png(width=40, height=30):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()


@pytest.fixture(autouse=True)
def english_admin(admin_user):
    """The admin in English, whose messages the tests read."""
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()


def upload(admin_client, url, name, content, collection, **fields):
    return admin_client.post(
        url,
        {
            "title": name,
            "collection": collection.id,
            "file": SimpleUploadedFile(name, content),
            **fields,
        },
    )


def errors(response, field="file"):
    form = response.context["form"]
    return [str(error) for error in form.errors.get(field, [])]


class TestImages:
    url = "/admin/images/add/"

    def count(self):
        return get_image_model().objects.count()

    def test_a_small_image_is_saved(self, admin_client, root_collection):
        before = self.count()
        response = upload(admin_client, self.url, "a.png", png(), root_collection)
        assert response.status_code == 302
        assert self.count() == before + 1

    def test_a_too_big_image_is_refused(self, admin_client, root_collection, settings):
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20
        before = self.count()
        response = upload(admin_client, self.url, "a.png", png(), root_collection)
        assert response.status_code == 200
        assert any("too big" in error for error in errors(response)), errors(response)
        assert self.count() == before

    def test_an_image_of_too_many_pixels_is_refused(
        self, admin_client, root_collection, settings
    ):
        settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
        before = self.count()
        response = upload(admin_client, self.url, "a.png", png(), root_collection)
        assert response.status_code == 200
        assert any("pixels" in error for error in errors(response))
        assert self.count() == before

    def test_svg_is_refused(self, admin_client, root_collection):
        before = self.count()
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        response = upload(admin_client, self.url, "a.svg", svg, root_collection)
        assert response.status_code == 200
        assert errors(response)
        assert self.count() == before

    def test_a_truncated_jpeg_is_refused(self, admin_client, root_collection):
        """Its header reads, its picture does not: the first thumbnail of it
        was a server error (issue 14). Refused on both views, with the
        database and the uploaded files as before."""
        buffer = io.BytesIO()
        PILImage.new("RGB", (400, 300), "teal").save(buffer, "JPEG")
        truncated = buffer.getvalue()[: len(buffer.getvalue()) // 2]
        self.assert_refused_on_both_views(
            admin_client, root_collection, "a.jpg", truncated, "damaged or incomplete"
        )

    def test_a_decompression_bomb_is_refused(self, admin_client, root_collection):
        """13,000 pixels square in 20 KB of PNG: refused on both views, with
        the database and the uploaded files as before."""
        buffer = io.BytesIO()
        PILImage.new("1", (13000, 13000)).save(buffer, "PNG", optimize=True)
        self.assert_refused_on_both_views(
            admin_client, root_collection, "b.png", buffer.getvalue(), "pixels"
        )

    def assert_refused_on_both_views(self, client, collection, name, content, why):
        before = database_state(), media_files()
        response = upload(client, self.url, name, content, collection)
        assert response.status_code == 200
        assert any(why in error for error in errors(response)), errors(response)
        assert (database_state(), media_files()) == before

        response = client.post(
            "/admin/images/multiple/add/",
            {"collection": collection.id, "files[]": SimpleUploadedFile(name, content)},
        )
        assert response.status_code == 200
        assert response.json()["success"] is False
        assert why in response.json()["error_message"]
        assert (database_state(), media_files()) == before

    def test_the_limits_are_set(self, settings):
        assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
        assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40 * 1000 * 1000
        assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS


class TestDocuments:
    url = "/admin/documents/add/"

    def count(self):
        return get_document_model().objects.count()

    def test_a_small_document_is_saved(self, admin_client, root_collection):
        before = self.count()
        response = upload(admin_client, self.url, "a.pdf", b"%PDF-1.4", root_collection)
        assert response.status_code == 302
        assert self.count() == before + 1

    def test_a_too_big_document_is_refused(
        self, admin_client, root_collection, settings
    ):
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
        before = self.count()
        response = upload(
            admin_client, self.url, "a.pdf", b"%PDF" + b"x" * 2000, root_collection
        )
        assert response.status_code == 200
        # Wagtail's own message (and only it: not a second one about the
        # extension of a file that is not there).
        assert errors(response) == [
            "This file is too big (2.0\xa0KB). Maximum filesize 1000\xa0bytes."
        ]
        assert self.count() == before

    def test_the_multiple_uploader_refuses_it_too(
        self, admin_client, root_collection, settings
    ):
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
        before = self.count()
        response = admin_client.post(
            "/admin/documents/multiple/add/",
            {
                "collection": root_collection.id,
                "files[]": SimpleUploadedFile("a.pdf", b"%PDF" + b"x" * 2000),
            },
        )
        assert response.status_code == 200
        assert response.json()["success"] is False
        assert "too big" in response.json()["error_message"]
        assert self.count() == before

    @pytest.mark.parametrize("name", ["page.html", "drawing.svg", "app.js", "a.exe"])
    def test_script_types_are_refused(self, admin_client, root_collection, name):
        before = self.count()
        response = upload(admin_client, self.url, name, b"<b>x</b>", root_collection)
        assert response.status_code == 200
        assert errors(response)
        assert self.count() == before

    def test_the_limit_is_set(self, settings):
        assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 50 * 1024 * 1024
        assert (
            settings.WAGTAILDOCS_DOCUMENT_FORM_BASE == "operations.uploads.DocumentForm"
        )


class TestMedia:
    url = "/admin/media/video/add/"

    def test_a_too_big_video_is_refused(self, admin_client, root_collection, settings):
        settings.WAGTAILMEDIA_MAX_UPLOAD_SIZE = 1000
        before = Media.objects.count()
        response = upload(
            admin_client,
            self.url,
            "clip.mp4",
            b"\x00" * 2000,
            root_collection,
            duration="10",
        )
        assert response.status_code == 200
        assert any("too big" in error for error in errors(response)), errors(response)
        assert Media.objects.count() == before

    def test_a_small_video_is_saved(self, admin_client, root_collection):
        before = Media.objects.count()
        response = upload(
            admin_client,
            self.url,
            "clip.mp4",
            b"\x00" * 2000,
            root_collection,
            duration="10",
        )
        assert response.status_code == 302
        assert Media.objects.count() == before + 1


def test_request_bodies_stay_bounded(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 5 * 1024 * 1024


@pytest.mark.django_db
def test_a_truncated_jpeg_is_refused_after_a_booklet_was_made(
    admin_client, root_collection
):
    """WeasyPrint tells Pillow to accept truncated images as it is imported:
    once a worker had made a booklet (core.pdf), a damaged JPEG passed."""
    import core.pdf  # noqa: F401 (what making a booklet imports)

    TestImages().test_a_truncated_jpeg_is_refused(admin_client, root_collection)
