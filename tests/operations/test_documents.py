"""Uploaded files never run script in the site's origin, and documents are
served only through Wagtail's view, which checks collection privacy."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><script>fetch('/admin/')</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def document(db, settings, tmp_path):
    """Make a document as an upload from before the limits would be stored,
    used by a published page (documents nothing public uses are not served:
    ``test_a_document_no_public_page_uses_is_not_served``)."""
    settings.MEDIA_ROOT = tmp_path

    def make(name, content, used=True):
        doc = get_document_model().objects.create(
            title=name,
            file=ContentFile(content, name=name),
            collection=Collection.get_first_root_node(),
        )
        if used:
            use_on_a_public_page(doc)
        return doc

    return make


def use_on_a_public_page(doc):
    from practices.models import PracticePage

    page = PracticePage.objects.live().public().first()
    page.materials = [
        *page.materials.raw_data,
        {"type": "material", "value": {"document": doc.pk, "title": doc.title}},
    ]
    page.save_revision().publish()


def test_a_document_no_public_page_uses_is_not_served(
    client, document, django_user_model
):
    doc = document("report.csv", b"a,b\n1,2\n", used=False)
    assert client.get(doc.url).status_code == 404
    # The admin's users get it, as they get every media file.
    admin = django_user_model.objects.create_superuser("files", "f@example.org", "x")
    client.force_login(admin)
    assert client.get(doc.url).status_code == 200


@pytest.mark.parametrize(
    ("name", "content"), [("page.html", HTML), ("drawing.svg", SVG)]
)
def test_html_and_svg_documents_download_sandboxed(client, document, name, content):
    doc = document(name, content)
    assert doc.url.startswith("/documents/")
    response = client.get(doc.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == content


def test_a_document_download_keeps_the_site_headers(client, document):
    doc = document("report.csv", b"a,b\n1,2\n")
    response = client.get(doc.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_a_pdf_opens_in_the_browser_without_running_anything(client, document):
    doc = document("report.pdf", b"%PDF-1.4\n")
    response = client.get(doc.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    # No sandbox: browsers refuse to run their PDF viewer in one.
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "prefix", ["documents", "Documents", "./documents", "images/../documents"]
)
def test_media_never_serves_documents(client, document, prefix):
    doc = document("page.html", HTML)
    name = doc.file.name.split("/", 1)[1]
    response = client.get(f"/media/{prefix}/{name}")
    assert response.status_code == 404


def test_a_private_collections_document_stays_private(client, document):
    from wagtail.models import CollectionViewRestriction

    private = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=private,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="board",  # noqa: S106 (test data)
    )
    doc = document("minutes.csv", b"secret")
    doc.collection = private
    doc.save()
    response = client.get(doc.url)
    assert response.status_code == 200
    assert b"secret" not in body(response)  # the password form instead
    assert "sandbox" not in response["Content-Security-Policy"]
    assert client.get(f"/media/{doc.file.name}").status_code == 404


def test_documents_go_through_wagtails_view(settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    for extension in ("html", "htm", "svg", "js", "exe"):
        assert extension not in settings.WAGTAILDOCS_EXTENSIONS


@pytest.fixture
def media(settings, tmp_path):
    """Files outside the upload folders, served to anyone (an upload's own
    headers: test_media_visibility.py)."""
    root = tmp_path / "media"
    (root / "press").mkdir(parents=True)
    (root / "press" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "clip.svg").write_bytes(SVG)
    (root / "captions.vtt").write_text("WEBVTT\n")
    settings.MEDIA_ROOT = root
    return root


@pytest.mark.parametrize("name", ["press/photo.png", "clip.svg", "captions.vtt"])
def test_every_media_file_is_sandboxed(client, media, name):
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_byte_range_is_sandboxed_too(client, media):
    response = client.get("/media/captions.vtt", headers={"Range": "bytes=0-2"})
    assert response.status_code == 206
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_an_svg_in_media_downloads(client, media):
    response = client.get("/media/clip.svg")
    assert response["Content-Disposition"].startswith("attachment")
