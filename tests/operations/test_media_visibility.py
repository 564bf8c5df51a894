"""A tutorial's files follow its page: the public loads them while a page it
may see uses them, and gets a 404 otherwise; the admin's users get them all,
privately (core/public_files.py, operations/media.py)."""

from io import BytesIO

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtailmedia.models import get_media_model

from tutorials.models import TutorialCaption, TutorialIndexPage, TutorialPage

pytestmark = pytest.mark.django_db

VIDEO = bytes(range(256)) * 4
CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:02.000\nDzie\xc5\x84 dobry\n"
FILES = ["video", "thumbnail", "poster", "rendition", "captions"]


def jpeg(colour="teal"):
    out = BytesIO()
    PILImage.new("RGB", (64, 36), colour).save(out, "JPEG")
    return out.getvalue()


def new_image(title="Plakat filmu", name="plakat.jpg"):
    return get_image_model().objects.create(
        title=title, file=ContentFile(jpeg(), name=name)
    )


def url(field_file):
    return f"/media/{field_file.name}"


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


class Tutorial:
    """A Polish tutorial of its own (no translation shares its files), with an
    uploaded video and its thumbnail, a poster and a rendition of it, and a
    caption track; published."""

    def __init__(self, index, live=True):
        self.index = index
        self.video = get_media_model().objects.create(
            title="Film o webinariach",
            type="video",
            file=ContentFile(VIDEO, name="webinaria.mp4"),
            thumbnail=ContentFile(jpeg(), name="webinaria.jpg"),
        )
        self.poster = new_image()
        self.rendition = self.poster.get_rendition("fill-32x18")
        page = TutorialPage(
            title="Jak poprowadzić webinarium",
            slug="jak-poprowadzic-webinarium",
            summary="Webinarium krok po kroku.",
            video=self.video,
            poster=self.poster,
            live=live,
        )
        page.captions.add(
            TutorialCaption(
                language="pl", file=ContentFile(CAPTIONS, name="webinaria.pl.vtt")
            )
        )
        self.page = index.add_child(instance=page)
        if live:
            self.page.save_revision().publish()
        self.caption = self.page.captions.get()

    def urls(self):
        return {
            "video": url(self.video.file),
            "thumbnail": url(self.video.thumbnail),
            "poster": url(self.poster.file),
            "rendition": url(self.rendition.file),
            "captions": url(self.caption.file),
        }


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Wagtail keeps renditions in the default cache: one of an earlier test
    # (same image id, rolled back) would stand for a file not made here.
    cache.clear()
    return settings.MEDIA_ROOT


@pytest.fixture
def index(demo):
    return TutorialIndexPage.objects.get(locale__language_code="pl")


@pytest.fixture
def tutorial(media_root, index):
    return Tutorial(index)


def statuses(client, urls):
    return {name: client.get(address).status_code for name, address in urls.items()}


def visible(client, urls):
    assert statuses(client, urls) == dict.fromkeys(urls, 200)


def hidden(client, urls):
    assert statuses(client, urls) == dict.fromkeys(urls, 404)


def queries(client, address):
    with CaptureQueriesContext(connection) as done:
        status = client.get(address).status_code
    return status, len(done.captured_queries)


def restrict(page, kind=PageViewRestriction.PASSWORD):
    PageViewRestriction.objects.create(
        page=page,
        restriction_type=kind,
        password="haslo" if kind == PageViewRestriction.PASSWORD else "",  # noqa: S106 (test data)
    )


def make_draft(tutorial):
    """The same files held only by a tutorial never published: the live one
    is deleted, and a draft has its video, poster and caption file."""
    draft = TutorialPage(
        title="Webinarium (szkic)",
        slug="webinarium-szkic",
        summary="Jeszcze nie gotowe.",
        video=tutorial.video,
        poster=tutorial.poster,
        live=False,
    )
    draft.captions.add(TutorialCaption(language="pl", file=tutorial.caption.file.name))
    tutorial.index.add_child(instance=draft)
    draft.save_revision()
    tutorial.page.delete()


HIDE = {
    "draft": make_draft,
    "unpublished": lambda tutorial: tutorial.page.unpublish(),
    "password": lambda tutorial: restrict(tutorial.page),
    "login": lambda tutorial: restrict(tutorial.page, PageViewRestriction.LOGIN),
    "restricted section": lambda tutorial: restrict(tutorial.index),
}


@pytest.fixture
def editor(django_user_model):
    """A signed-in user who may use the admin (not a superuser)."""
    user = django_user_model.objects.create_user("redaktorka", password="x")
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return user


class TestATutorialsFiles:
    @pytest.mark.parametrize("how", HIDE)
    def test_are_public_while_it_is_and_gone_once_hidden(self, client, tutorial, how):
        urls = tutorial.urls()
        visible(client, urls)
        HIDE[how](tutorial)
        hidden(client, urls)

    @pytest.mark.parametrize("how", HIDE)
    def test_stay_with_the_admins_users_privately(self, client, tutorial, editor, how):
        urls = tutorial.urls()
        HIDE[how](tutorial)
        hidden(client, urls)
        client.force_login(editor)
        for name, address in urls.items():
            response = client.get(address)
            assert response.status_code == 200, name
            assert "private" in response["Cache-Control"], name

    def test_a_signed_in_reader_without_the_admin_gets_none(
        self, client, tutorial, django_user_model
    ):
        urls = tutorial.urls()
        tutorial.page.unpublish()
        reader = django_user_model.objects.create_user("czytelnik", password="x")
        client.force_login(reader)
        hidden(client, urls)

    def test_public_ones_keep_their_caching(self, client, tutorial, editor):
        for signed_in in (False, True):
            if signed_in:
                client.force_login(editor)
            for name, address in tutorial.urls().items():
                response = client.get(address)
                assert response.status_code == 200
                assert "Cache-Control" not in response, name
                assert response["Content-Security-Policy"] == (
                    "default-src 'none'; sandbox"
                )

    def test_the_files_are_what_was_uploaded(self, client, tutorial):
        assert body(client.get(url(tutorial.video.file))) == VIDEO
        assert body(client.get(url(tutorial.caption.file))) == CAPTIONS

    def test_a_public_video_still_seeks(self, client, tutorial):
        address = url(tutorial.video.file)
        response = client.get(address, headers={"Range": "bytes=10-19"})
        assert response.status_code == 206
        assert response["Content-Range"] == f"bytes 10-19/{len(VIDEO)}"
        assert body(response) == VIDEO[10:20]
        tutorial.page.unpublish()
        assert client.get(address, headers={"Range": "bytes=10-19"}).status_code == 404

    def test_a_hidden_file_is_not_confirmed_by_any_request(self, client, tutorial):
        address = url(tutorial.video.file)
        last_modified = client.get(address)["Last-Modified"]
        tutorial.page.unpublish()
        asks = [
            client.get(address, headers={"If-Modified-Since": last_modified}),
            client.get(address, headers={"Range": f"bytes={len(VIDEO) + 5}-"}),
            client.head(address),
        ]
        assert [response.status_code for response in asks] == [404, 404, 404]

    def test_one_query_answers_a_file(self, client, tutorial):
        address = url(tutorial.poster.file)
        client.get(address)  # the folders of uploads, found once a process
        # The file; the private sections, read by the first request, are
        # kept across requests until the site changes (core.request_memo).
        assert queries(client, address) == (200, 1)
        tutorial.page.unpublish()
        # At most the 404 page of a file that does not exist and the rule's
        # two (that page reads the private sections too, which are then kept
        # across requests: the rule may cost nothing more, or less).
        _status, missing = queries(client, "/media/original_images/missing.jpg")
        status, done = queries(client, address)
        assert status == 404
        assert done <= missing + 2


class TestAnImage:
    def test_used_by_a_live_page_and_a_draft_stays_public(
        self, client, tutorial, index
    ):
        draft = TutorialPage(
            title="Inny film",
            slug="inny-film",
            summary="Szkic.",
            video_url="https://www.youtube.com/watch?v=demo",
            poster=tutorial.poster,
            live=False,
        )
        index.add_child(instance=draft)
        address = url(tutorial.poster.file)
        assert client.get(address).status_code == 200
        tutorial.page.unpublish()
        assert client.get(address).status_code == 404

    def test_in_a_draft_revision_only_is_not_public_until_published(
        self, client, tutorial
    ):
        old, new = tutorial.poster, new_image("Nowy plakat", "nowy.jpg")
        page = TutorialPage.objects.get(pk=tutorial.page.pk)
        page.poster = new
        revision = page.save_revision()
        assert client.get(url(old.file)).status_code == 200
        assert client.get(url(new.file)).status_code == 404
        revision.publish()
        assert client.get(url(new.file)).status_code == 200
        assert client.get(url(old.file)).status_code == 404

    def test_an_orphan_upload_is_not_public(self, client, tutorial):
        page = TutorialPage.objects.get(pk=tutorial.page.pk)
        address = url(tutorial.poster.file)
        assert client.get(address).status_code == 200
        page.poster = None
        page.save_revision().publish()
        assert client.get(address).status_code == 404
        orphan = new_image("Nigdzie", "nigdzie.jpg")
        assert client.get(url(orphan.file)).status_code == 404


class TestFilesNoRowNames:
    """In a folder uploads go to, a file no row names (left over, pending,
    an avatar) is an upload nobody may vouch for; elsewhere a file was put
    there by whoever runs the site, and is served as before."""

    @pytest.mark.parametrize(
        "name",
        [
            "original_images/left-over.jpg",
            "images/left-over.fill-32x18.jpg",
            "media/left-over.mp4",
            "media_thumbnails/left-over.jpg",
            "tutorials/captions/left-over.vtt",
            "wagtail_uploads/pending.jpg",
            "avatar_images/avatar_x.jpg",
            # A file system that ignores case would find an upload here.
            "Original_Images/left-over.jpg",
        ],
    )
    def test_in_an_upload_folder_only_the_admin_gets_it(
        self, client, media_root, editor, name
    ):
        path = media_root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"left over")
        assert client.get(f"/media/{name}").status_code == 404
        client.force_login(editor)
        response = client.get(f"/media/{name}")
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]

    def test_elsewhere_it_is_served_as_before(self, client, media_root):
        (media_root / "press").mkdir(parents=True)
        (media_root / "press" / "kit.jpg").write_bytes(jpeg())
        response = client.get("/media/press/kit.jpg")
        assert response.status_code == 200
        assert "Cache-Control" not in response
