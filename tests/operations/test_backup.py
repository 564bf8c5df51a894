"""`manage.py backup` and `restore`: the site comes back whole, or not at all.

Each test works on a database of its own (a copy of the demo, or a new empty
one) and media folders of its own, through subprocesses with production
settings, as `make backup` and `make restore` run them.
"""

import hashlib
import io
import json
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.serving import DemoDatabase, gunicorn

SNAPSHOT = """
import json

import django

django.setup()
from django.contrib.auth import get_user_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

print(json.dumps({
    "pages": sorted(
        [page.url_path, page.title, page.live, page.locale.language_code,
         page.content_type.model]
        for page in Page.objects.select_related("locale", "content_type")
    ),
    "revisions": Revision.objects.count(),
    "sites": sorted(
        [site.hostname, site.port, site.root_page.url_path]
        for site in Site.objects.all()
    ),
    "images": sorted(image.file.name for image in get_image_model().objects.all()),
    "users": get_user_model().objects.count(),
}))
"""


# The key the backups of these tests are signed with, as production needs one.
SIGNING_KEY = secrets.token_urlsafe(48)


def environment(database_url, media_root, **extra):
    return {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64)[:64],
        "BACKUP_SIGNING_KEY": SIGNING_KEY,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(*args, database_url, media_root, **extra):
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment(database_url, media_root, **extra),
        capture_output=True,
        text=True,
        timeout=300,
    )


def snapshot(database_url, media_root):
    result = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", SNAPSHOT],
        cwd=settings.BASE_DIR,
        env=environment(database_url, media_root),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def checksums(root):
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).digest()
        for path in Path(root).rglob("*")
        if path.is_file()
    }


def table_count(database):
    if database.url.startswith("postgres"):
        import psycopg

        with psycopg.connect(database.url) as db:
            return db.execute(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema = 'public'"
            ).fetchone()[0]
    if not Path(database.name).exists():
        return 0
    with sqlite3.connect(database.name) as db:
        return db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]


def analyzed_tables(database):
    """The tables the query planner has statistics of (ANALYZE ran)."""
    if database.url.startswith("postgres"):
        import psycopg

        with psycopg.connect(database.url) as db:
            rows = db.execute(
                "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL"
            ).fetchall()
        return {row[0] for row in rows}
    with sqlite3.connect(database.name) as db:
        if not db.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
        ).fetchall():
            return set()
        return {row[0] for row in db.execute("SELECT DISTINCT tbl FROM sqlite_stat1")}


@pytest.fixture
def empty_database(db, tmp_path):
    """A new, empty database, on the engine the tests run on."""
    if connection.vendor == "postgresql":
        name = f"{connection.settings_dict['NAME']}_restore_{secrets.token_hex(3)}"
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
        params = connection.settings_dict
        user = params.get("USER") or "postgres"
        password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
        host = params.get("HOST") or "127.0.0.1"
        port = params.get("PORT") or "5432"
        url = f"postgres://{user}{password}@{host}:{port}/{name}"
        database = DemoDatabase(url, name)
    else:
        path = tmp_path / "restored" / "db.sqlite3"
        database = DemoDatabase(f"sqlite:///{path}", str(path))
    yield database
    database.drop()


@pytest.fixture
def demo_media(tmp_path):
    """A copy of the demo's media (the test settings' MEDIA_ROOT)."""
    media = tmp_path / "media"
    shutil.copytree(settings.MEDIA_ROOT, media)
    assert any(media.rglob("*.*")), "the demo's images are there"
    return media


def back_up(database, media_root, folder):
    result = manage(
        "backup",
        "--output",
        str(folder),
        database_url=database.url,
        media_root=media_root,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    archive = Path(result.stdout.strip().splitlines()[-1])
    assert archive.is_file() and archive.parent == folder, result.stdout
    assert archive.name.endswith(".tar.gz")
    return archive


def normalized(html):
    """A page without what differs on each request or each server."""
    html = html.decode()
    html = re.sub(r'(csrfmiddlewaretoken" value=|nonce=)"[^"]*"', r"\1", html)
    # Absolute addresses are on the host the page was asked on: each server's port.
    html = re.sub(r"http://127\.0\.0\.1:\d+/", "http://127.0.0.1/", html)
    # A rendition made by each server, named apart by the storage where the
    # session's media folder already holds a file of that name.
    html = re.sub(r'(/media/images/[^"]*?)_[A-Za-z0-9]{7}(\.)', r"\1\2", html)
    return html


def test_round_trip_into_an_empty_database(
    demo_database, demo_media, empty_database, tmp_path
):
    archive = back_up(demo_database, demo_media, tmp_path / "backups")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["engine"] == connection.vendor
    assert manifest["media"]["included"] is True
    assert manifest["media"]["files"] == len(checksums(demo_media))
    assert manifest["migrations"]["applied"] > 0

    restored_media = tmp_path / "restored-media"
    restored_media.mkdir()
    result = manage(
        "restore",
        str(archive),
        database_url=empty_database.url,
        media_root=restored_media,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Restored the" in result.stdout
    assert f"{manifest['media']['files']} media files" in result.stdout

    assert checksums(restored_media) == checksums(demo_media)
    # pg_restore brings no statistics: restore gathers them (SQLite's copy
    # holds the original's).
    assert "practices_practicepage" in analyzed_tables(empty_database)
    original = snapshot(demo_database.url, demo_media)
    restored = snapshot(empty_database.url, restored_media)
    assert restored == original
    assert len(original["pages"]) > 20 and original["revisions"] > 0

    pages = {}
    for label, database, media in (
        ("original", demo_database, demo_media),
        ("restored", empty_database, restored_media),
    ):
        with gunicorn(database.url, workers=1, MEDIA_ROOT=media) as server:
            status, _headers, body = server.get("/pl/")
            assert status == 200, label
            pages[label] = normalized(body)
    assert "Sieć bibliotek" in pages["restored"]
    assert pages["restored"] == pages["original"]


def test_a_bad_archive_changes_nothing(
    demo_database, demo_media, empty_database, tmp_path
):
    empty_media = tmp_path / "empty-media"
    empty_media.mkdir()

    def restore(archive, database=empty_database, *options):
        return manage(
            "restore",
            str(archive),
            *options,
            database_url=database.url,
            media_root=empty_media,
        )

    result = restore(tmp_path / "no-such-backup.tar.gz")
    assert result.returncode != 0
    assert "No backup archive at" in result.stderr

    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"\x1f\x8b this is not a gzip stream")
    result = restore(garbage)
    assert result.returncode != 0
    assert "is not a usable backup archive" in result.stderr
    assert "Nothing was changed" in result.stderr

    archive = back_up(demo_database, demo_media, tmp_path / "backups")

    # A truncated archive.
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    result = restore(truncated)
    assert result.returncode != 0
    assert "is not a usable backup archive" in result.stderr

    # A manifest whose checksums were changed, in an archive in the order
    # `backup` writes: refused for its signature.
    with tarfile.open(archive) as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar.getmembers()]
    manifest = json.loads(members[0][1])
    manifest["files"][manifest["database"]]["sha256"] = "0" * 64
    members[0] = (members[0][0], json.dumps(manifest).encode())
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(tampered, "w:gz") as tar:
        for member, data in members:
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))
    result = restore(tampered)
    assert result.returncode != 0
    assert "its signature does not match its manifest" in result.stderr
    assert "Nothing was changed" in result.stderr

    # The right archive, but another key.
    result = manage(
        "restore",
        str(archive),
        database_url=empty_database.url,
        media_root=empty_media,
        BACKUP_SIGNING_KEY=secrets.token_urlsafe(48),
    )
    assert result.returncode != 0
    assert "its signature does not match its manifest" in result.stderr

    assert table_count(empty_database) == 0
    assert not any(empty_media.iterdir())

    # A good archive, but a database that is not empty.
    result = restore(archive, demo_database)
    assert result.returncode != 0
    assert "is not empty" in result.stderr and "--force" in result.stderr
    assert not any(empty_media.iterdir())


def test_media_on_s3_are_left_out_and_force_replaces_a_database(
    demo_database, tmp_path
):
    empty_media = tmp_path / "media"
    empty_media.mkdir()
    before = snapshot(demo_database.url, empty_media)
    result = manage(
        "backup",
        "--output",
        str(tmp_path / "site.tar.gz"),
        database_url=demo_database.url,
        media_root=empty_media,
        AWS_STORAGE_BUCKET_NAME="library-media",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "S3 bucket 'library-media'" in result.stdout
    archive = tmp_path / "site.tar.gz"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert not [name for name in names if name.startswith("media")]
    assert manifest["media"]["included"] is False

    result = manage(
        "restore",
        str(archive),
        "--force",
        database_url=demo_database.url,
        media_root=empty_media,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "The archive holds no media" in result.stdout
    assert snapshot(demo_database.url, empty_media) == before
