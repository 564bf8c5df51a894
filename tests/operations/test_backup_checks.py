"""`manage.py restore` checks an archive, signature first, then member by
member as it reads it, and refuses a bad one before it writes anything.

Archives are made here with operations.backups.write_archive (what `backup`
writes, from a database dump it is given) and then tampered with. Restoring
runs through call_command in this process: every refusal comes before the
database is touched, which each test checks, with MEDIA_ROOT, after. The
round trip of a real backup is in test_backup.py.
"""

import hashlib
import io
import json
import secrets
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Page, Revision

from operations.backups import (
    FORMAT,
    MANIFEST,
    SIGNATURE,
    file_entry,
    open_backup,
    sign,
    write_archive,
)

pytestmark = pytest.mark.django_db

KEY = secrets.token_urlsafe(48)
DUMP = b"SQLite format 3\x00 a database, as far as the checks go"
PHOTO = b"\x89PNG\r\n\x1a\n a photo"


@pytest.fixture(autouse=True)
def signing(settings, tmp_path):
    settings.BACKUP_SIGNING_KEY = KEY
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()


def database_state():
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    return (len(tables), Page.objects.count(), Revision.objects.count())


@pytest.fixture
def unchanged(settings):
    """Asserts, after the test, that the database and MEDIA_ROOT are as before."""
    before = database_state()
    yield
    assert database_state() == before
    assert list(settings.MEDIA_ROOT.iterdir()) == []


@pytest.fixture
def good(tmp_path):
    """A signed archive as `backup` writes it: a database and two images."""
    sources = {}
    for name, data in (
        ("database.sqlite3", DUMP),
        ("media/original_images/photo.png", PHOTO),
        ("media/images/photo.width-400.png", PHOTO[:12]),
    ):
        path = tmp_path / "sources" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        sources[name] = path
    manifest = {
        "format": FORMAT,
        "created": "2026-12-01T02:00:00+00:00",
        "site": "Library network",
        "engine": "sqlite",
        "database": "database.sqlite3",
        "migrations": {"applied": 1, "latest": {}},
        "media": {"included": True, "files": 2, "bytes": len(PHOTO) + 12},
        "files": {name: file_entry(path) for name, path in sources.items()},
    }
    archive = tmp_path / "good.tar.gz"
    write_archive(archive, manifest, sources, KEY.encode())
    return archive


def members(archive):
    with tarfile.open(archive) as tar:
        return [
            (member, tar.extractfile(member).read() if member.isreg() else b"")
            for member in tar.getmembers()
        ]


def rewrite(archive, entries, name="bad.tar.gz"):
    """An archive of ``entries`` (TarInfo, bytes), in that order."""
    target = archive.with_name(name)
    with tarfile.open(target, "w:gz") as tar:
        for member, data in entries:
            if member.isreg():
                member.size = len(data)
                tar.addfile(member, io.BytesIO(data))
            else:
                tar.addfile(member)
    return target


def with_manifest(entries, change, key=KEY):
    """``entries`` with the manifest changed by ``change`` and signed again
    with ``key`` (None: the old signature kept)."""
    manifest = json.loads(entries[0][1])
    change(manifest)
    body = json.dumps(manifest).encode()
    entries = list(entries)
    entries[0] = (entries[0][0], body)
    if key is not None:
        entries[1] = (entries[1][0], (sign(body, key.encode()) + "\n").encode())
    return entries


def refused(archive, message):
    with pytest.raises(CommandError) as error:
        call_command("restore", str(archive))
    assert message in str(error.value)
    assert "Nothing was changed" in str(error.value)


def member(name, kind=tarfile.REGTYPE, linkname=""):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    return info


def test_a_good_archive_passes_and_unpacks_only_into_its_folder(good, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    manifest = open_backup(good, work)
    assert manifest["engine"] == "sqlite"
    assert (work / "database.sqlite3").read_bytes() == DUMP
    assert (work / "media/original_images/photo.png").read_bytes() == PHOTO
    assert [m.name for m, _data in members(good)][:2] == [MANIFEST, SIGNATURE]


def test_a_tampered_archive_with_recomputed_checksums_is_refused(good, unchanged):
    entries = members(good)
    forged = b"SQLite format 3\x00 a database with another administrator"
    entries[2] = (entries[2][0], forged)

    def recompute(manifest):
        manifest["files"]["database.sqlite3"] = {
            "size": len(forged),
            "sha256": hashlib.sha256(forged).hexdigest(),
        }

    refused(
        rewrite(good, with_manifest(entries, recompute, key=None)),
        "its signature does not match its manifest",
    )


def test_a_wrong_key_is_refused(good, settings, unchanged):
    settings.BACKUP_SIGNING_KEY = secrets.token_urlsafe(48)
    refused(good, "its signature does not match its manifest")


def test_an_archive_signed_with_another_key_is_refused(good, unchanged):
    entries = with_manifest(
        members(good), lambda m: None, key=secrets.token_urlsafe(48)
    )
    refused(rewrite(good, entries), "its signature does not match its manifest")


def test_a_backup_with_an_extra_file_is_refused(good, unchanged):
    entries = [*members(good), (member("media/original_images/extra.png"), PHOTO)]
    refused(rewrite(good, entries), "'media/original_images/extra.png', which its")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (member("../../etc/cron.d/evil"), "which its manifest does not list"),
        (member("/etc/cron.d/evil"), "which its manifest does not list"),
        (member("media/../database.sqlite3"), "which its manifest does not list"),
    ],
    ids=["parent", "absolute", "dot-dot inside"],
)
def test_a_member_outside_the_manifest_is_refused(good, unchanged, bad, message):
    refused(rewrite(good, [*members(good), (bad, PHOTO)]), message)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        (tarfile.SYMTYPE, "is a symbolic link"),
        (tarfile.LNKTYPE, "is a hard link"),
        (tarfile.CHRTYPE, "is a device"),
        (tarfile.FIFOTYPE, "is a pipe"),
        (tarfile.DIRTYPE, "is a folder"),
    ],
)
def test_a_member_that_is_not_a_file_is_refused(good, unchanged, kind, message):
    """Even under a name the (signed) manifest lists."""
    entries = [
        (member(m.name, kind, linkname="/etc/passwd"), b"")
        if m.name == "media/original_images/photo.png"
        else (m, data)
        for m, data in members(good)
    ]
    refused(rewrite(good, entries), message)


def test_a_name_twice_is_refused(good, unchanged):
    entries = members(good)
    name = entries[-1][0].name
    refused(rewrite(good, [*entries, entries[-1]]), f"it holds {name!r} twice")


def test_a_missing_file_is_refused(good, unchanged):
    refused(rewrite(good, members(good)[:-1]), "files are missing")


def test_a_size_other_than_the_manifests_is_refused(good, unchanged):
    entries = members(good)
    entries[2] = (entries[2][0], DUMP + b"!")
    refused(
        rewrite(good, entries),
        f"'database.sqlite3' is {len(DUMP) + 1} bytes, its manifest says {len(DUMP)}",
    )


def test_a_file_of_the_right_size_but_other_content_is_refused(good, unchanged):
    entries = members(good)
    entries[3] = (entries[3][0], PHOTO.replace(b"photo", b"PHOTO"))
    refused(rewrite(good, entries), "the checksum of media/original_images/photo.png")


@pytest.mark.parametrize(
    "name",
    ["../outside", "media/../../outside", "/etc/passwd", "media/a\\..\\b", "media"],
)
def test_a_signed_manifest_naming_a_path_outside_is_refused(good, unchanged, name):
    """Checked even though the manifest is signed: whoever holds the key
    still cannot make a restore write outside MEDIA_ROOT."""
    entries = with_manifest(
        members(good),
        lambda m: m["files"].update({name: {"size": 1, "sha256": "0" * 64}}),
    )
    refused(rewrite(good, entries), "manifest.json names an unexpected file")


def test_an_unsigned_archive_is_refused(good, unchanged):
    entries = [entry for entry in members(good) if entry[0].name != SIGNATURE]
    refused(rewrite(good, entries), "it is not signed")


def test_an_archive_not_starting_with_its_manifest_is_refused(good, unchanged):
    entries = members(good)
    refused(rewrite(good, [entries[2], *entries[:2], *entries[3:]]), "does not start")


def test_a_signed_manifest_that_is_not_json_is_refused(good, unchanged):
    entries = members(good)
    body = b"{not json"
    entries[0] = (entries[0][0], body)
    entries[1] = (entries[1][0], sign(body, KEY.encode()).encode())
    refused(rewrite(good, entries), "manifest.json is not valid JSON")


def test_without_a_key_production_neither_backs_up_nor_restores(
    good, settings, tmp_path, unchanged
):
    settings.BACKUP_SIGNING_KEY = ""
    settings.BACKUP_KEY_FROM_SECRET_KEY = False  # as config/settings/production.py
    with pytest.raises(CommandError, match="Set BACKUP_SIGNING_KEY"):
        call_command("backup", "--output", str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()
    refused(good, "Set BACKUP_SIGNING_KEY")


def test_a_short_key_is_refused(good, settings, unchanged):
    settings.BACKUP_SIGNING_KEY = "library"
    refused(good, "BACKUP_SIGNING_KEY is too short (7 characters)")


def test_without_a_key_the_demo_signs_with_one_from_its_secret_key(
    good, settings, tmp_path
):
    from operations.backups import signing_key

    settings.BACKUP_SIGNING_KEY = ""
    settings.BACKUP_KEY_FROM_SECRET_KEY = True
    entries = with_manifest(members(good), lambda m: None, key=None)
    body = entries[0][1]
    entries[1] = (entries[1][0], sign(body, signing_key()).encode())
    derived = rewrite(good, entries, "derived.tar.gz")
    work = tmp_path / "work"
    work.mkdir()
    assert open_backup(derived, work)["engine"] == "sqlite"
    settings.SECRET_KEY = "another-installation-" + secrets.token_urlsafe(40)
    refused(derived, "its signature does not match its manifest")
