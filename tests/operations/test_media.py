"""Uploaded media are served with byte ranges, so self-hosted videos seek."""

import pytest
from django.utils.http import http_date

pytestmark = pytest.mark.django_db

CONTENT = bytes(range(256)) * 3
SIZE = len(CONTENT)


@pytest.fixture
def media(settings, tmp_path):
    """MEDIA_ROOT holds clip.mp4; secret.txt lies next to it, outside."""
    (tmp_path / "secret.txt").write_text("secret")
    root = tmp_path / "media"
    root.mkdir()
    (root / "clip.mp4").write_bytes(CONTENT)
    settings.MEDIA_ROOT = root
    return root


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def get(client, range_header=None, name="clip.mp4", **headers):
    if range_header is not None:
        headers["Range"] = range_header
    return client.get(f"/media/{name}", headers=headers)


def test_a_plain_get_answers_the_whole_file(client, media):
    response = get(client)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(SIZE)
    assert response["Content-Type"] == "video/mp4"
    assert response["Last-Modified"]
    assert body(response) == CONTENT


def test_a_closed_range_answers_exactly_those_bytes(client, media):
    response = get(client, "bytes=10-19")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 10-19/{SIZE}"
    assert response["Content-Length"] == "10"
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == CONTENT[10:20]


def test_an_open_ended_range_runs_to_the_end(client, media):
    response = get(client, "bytes=100-")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-{SIZE - 1}/{SIZE}"
    assert response["Content-Length"] == str(SIZE - 100)
    assert body(response) == CONTENT[100:]


def test_a_suffix_range_answers_the_last_bytes(client, media):
    response = get(client, "bytes=-5")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {SIZE - 5}-{SIZE - 1}/{SIZE}"
    assert body(response) == CONTENT[-5:]


def test_a_suffix_longer_than_the_file_answers_all_of_it(client, media):
    response = get(client, f"bytes=-{SIZE * 2}")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-{SIZE - 1}/{SIZE}"
    assert body(response) == CONTENT


def test_a_range_past_the_end_is_clamped(client, media):
    response = get(client, f"bytes=700-{SIZE + 1000}")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 700-{SIZE - 1}/{SIZE}"
    assert body(response) == CONTENT[700:]


@pytest.mark.parametrize(
    "range_header", [f"bytes={SIZE}-", f"bytes={SIZE + 5}-{SIZE + 9}", "bytes=20-10"]
)
def test_an_unsatisfiable_range_is_refused(client, media, range_header):
    response = get(client, range_header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"


@pytest.mark.parametrize(
    "range_header",
    [
        "bytes=0-9,20-29",  # several ranges
        "bytes=abc",
        "bytes=-",
        "items=0-9",
        "bytes=1-2-3",
    ],
)
def test_a_range_it_does_not_serve_is_ignored(client, media, range_header):
    response = get(client, range_header)
    assert response.status_code == 200
    assert "Content-Range" not in response
    assert body(response) == CONTENT


def test_if_range_with_another_date_answers_the_whole_file(client, media):
    response = get(client, "bytes=10-19", If_Range=http_date(0))
    assert response.status_code == 200
    assert body(response) == CONTENT


def test_if_range_with_the_current_date_answers_the_range(client, media):
    last_modified = get(client)["Last-Modified"]
    response = get(client, "bytes=10-19", If_Range=last_modified)
    assert response.status_code == 206
    assert body(response) == CONTENT[10:20]


def test_an_unchanged_file_is_not_sent_again(client, media):
    last_modified = get(client)["Last-Modified"]
    response = get(client, If_Modified_Since=last_modified)
    assert response.status_code == 304


@pytest.mark.parametrize(
    ("range_header", "status", "length"), [(None, 200, SIZE), ("bytes=10-19", 206, 10)]
)
def test_head_answers_the_headers_without_a_body(
    client, media, range_header, status, length
):
    headers = {"Range": range_header} if range_header else {}
    response = client.head("/media/clip.mp4", headers=headers)
    assert response.status_code == status
    assert response["Content-Length"] == str(length)
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert body(response) == b""


def test_other_methods_are_not_allowed(client, media):
    assert client.post("/media/clip.mp4").status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/media/../config/settings/base.py",
        "/media/../secret.txt",
        "/media/%2e%2e/secret.txt",
        "/media/%2E%2E%2Fsecret.txt",
        "/media/folder/../../secret.txt",
        "/media/%2e%2e/config/settings/base.py",
        "/media/%2e%2e%2fconfig%2fsettings%2fbase.py",
        "/media//etc/passwd",
        "/media/missing.mp4",
        "/media/",
        "/media/folder",
    ],
)
def test_only_files_under_media_root_are_served(client, media, url):
    (media / "folder").mkdir()
    assert client.get(url).status_code == 404


def test_an_uploaded_page_is_downloaded_not_rendered(client, media):
    (media / "page.html").write_bytes(b"<script>alert(1)</script>")
    (media / "drawing.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    for name in ["page.html", "drawing.svg"]:
        response = get(client, name=name)
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("clip.webm", "video/webm"),
        ("clip.vtt", "text/vtt"),
        ("photo.jpg", "image/jpeg"),
    ],
)
def test_media_the_site_shows_are_served_inline(client, media, name, content_type):
    (media / name).write_bytes(CONTENT)
    response = get(client, "bytes=0-99", name=name)
    assert response.status_code == 206
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert body(response) == CONTENT[:100]
