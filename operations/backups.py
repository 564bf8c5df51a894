"""Backups: the database and the uploaded media in one archive, and back.

``manage.py backup`` writes a .tar.gz holding

- ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or
  ``database.sqlite3`` (SQLite, a copy made with sqlite3's online backup API);
- ``media/``, the files under MEDIA_ROOT (unless media are on S3 or another
  remote storage, which is backed up with that storage's own tools);
- ``manifest.json``: when and from what it was made, the migration state, the
  number and size of the files and the SHA-256 of each.

``manage.py restore`` checks all of that before it changes anything, then
loads the dump into an empty database and the files into MEDIA_ROOT.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import django
import wagtail
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils.module_loading import import_string
from django.utils.text import slugify

MANIFEST = "manifest.json"
FORMAT = 1
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def engine():
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def media_on_disk():
    """True when uploads are files under MEDIA_ROOT (not S3 or other storage)."""
    backend = import_string(settings.STORAGES["default"]["BACKEND"])
    return issubclass(backend, FileSystemStorage)


def remote_media_note():
    bucket = getattr(settings, "AWS_STORAGE_BUCKET_NAME", "")
    where = f"the S3 bucket {bucket!r}" if bucket else type(default_storage).__name__
    return (
        f"Media are stored in {where}, not under MEDIA_ROOT: they are not in this "
        "archive. Back them up with the storage's own tools (bucket versioning "
        "or replication, or `aws s3 sync`)."
    )


def migration_state():
    """Applied migrations: how many, and the latest of each app."""
    applied = sorted(MigrationRecorder(connection).applied_migrations())
    latest = {}
    for app, name in applied:
        latest[app] = max(latest.get(app, name), name)
    return {"applied": len(applied), "latest": latest}


def database_tables():
    """The tables of the configured database (none when it is empty)."""
    if engine() == "sqlite" and not _sqlite_path().exists():
        return []  # a new file, made on restoring
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def _pg_command(program, *arguments):
    params = connection.settings_dict
    _args, env = connection.client.settings_to_cmd_args_env(params, [])
    command = [program]
    if params.get("USER"):
        command += ["--username", params["USER"]]
    if params.get("HOST"):
        command += ["--host", params["HOST"]]
    if params.get("PORT"):
        command += ["--port", str(params["PORT"])]
    command += [f"--dbname={params['NAME']}", *arguments]
    if shutil.which(program) is None:
        raise BackupError(
            f"{program} is not installed (Debian: apt-get install postgresql-client)."
        )
    result = subprocess.run(  # noqa: S603 (PostgreSQL's own tools, no shell)
        command,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{program} failed:\n{result.stderr.strip()}")


def _sqlite_path():
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError(f"Cannot back up or restore the SQLite database {name!r}.")
    return Path(name)


def dump_database(target):
    """Write the configured database to ``target``."""
    if engine() == "postgresql":
        connection.close()
        _pg_command(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-acl",
            f"--file={target}",
        )
        return
    path = _sqlite_path()
    if not path.is_file():
        raise BackupError(f"There is no SQLite database at {path}.")
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy)
    except sqlite3.Error as error:
        raise BackupError(f"Could not copy the SQLite database: {error}") from error
    finally:
        copy.close()
        source.close()


def load_database(dump):
    """Load ``dump`` into the configured database (checked empty by the caller)."""
    connection.close()
    if engine() == "postgresql":
        _pg_command(
            "pg_restore",
            "--no-owner",
            "--no-acl",
            "--clean",
            "--if-exists",
            "--single-transaction",
            str(dump),
        )
        return
    path = _sqlite_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".restoring")
    shutil.copyfile(dump, partial)
    for suffix in ("-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(partial, path)


def media_files(root):
    """Files under ``root``, as POSIX paths relative to it, sorted."""
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def default_archive_path(output=None):
    """Where a new archive goes: ``output`` (a file or a folder), else BACKUP_DIR,
    else backups/ in the project, named after the site and the UTC time."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    name = f"{slugify(settings.WAGTAIL_SITE_NAME) or 'site'}-{stamp}.tar.gz"
    if output:
        output = Path(output)
        if output.name.endswith((".tar.gz", ".tgz")):
            return output
        return output / name
    folder = os.environ.get("BACKUP_DIR") or Path(settings.BASE_DIR) / "backups"
    return Path(folder) / name


def create_backup(archive, include_media=True, log=print):
    """Write the archive; return its manifest."""
    kind = engine()
    archive = Path(archive)
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="backup-") as work:
        dump = Path(work) / DUMPS[kind]
        log(f"Dumping the {kind} database…")
        state = migration_state()
        dump_database(dump)
        checksums = {dump.name: sha256(dump)}

        media_root = Path(settings.MEDIA_ROOT)
        media = {"included": False, "files": 0, "bytes": 0}
        files = []
        if not include_media:
            media["note"] = "left out (--no-media)"
        elif not media_on_disk():
            media["note"] = remote_media_note()
            log(media["note"])
        else:
            files = media_files(media_root)
            media["included"] = True
            log(f"Adding {len(files)} media files from {media_root}…")
            for name in files:
                path = media_root / name
                checksums[f"media/{name}"] = sha256(path)
                media["files"] += 1
                media["bytes"] += path.stat().st_size

        manifest = {
            "format": FORMAT,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "site": settings.WAGTAIL_SITE_NAME,
            "engine": kind,
            "database": dump.name,
            "migrations": state,
            "media": media,
            "versions": {"django": django.__version__, "wagtail": wagtail.__version__},
            "checksums": checksums,
        }
        manifest_path = Path(work) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False))

        # Readable by its owner only: it holds the users' password hashes.
        partial = archive.with_name(archive.name + ".partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with (
                os.fdopen(descriptor, "wb") as raw,
                tarfile.open(fileobj=raw, mode="w:gz") as tar,
            ):
                tar.add(manifest_path, arcname=MANIFEST)
                tar.add(dump, arcname=dump.name)
                for name in files:
                    path = media_root / name
                    tar.add(path, arcname=f"media/{name}", recursive=False)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        os.replace(partial, archive)
    return manifest


def _invalid(archive, reason):
    return BackupError(
        f"{archive} is not a usable backup archive: {reason}. Nothing was changed."
    )


def _check_manifest(archive, manifest):
    if not isinstance(manifest, dict):
        raise _invalid(archive, "manifest.json is not an object")
    missing = {
        "format",
        "created",
        "engine",
        "database",
        "migrations",
        "media",
        "checksums",
    } - manifest.keys()
    if missing:
        raise _invalid(archive, f"manifest.json lacks {', '.join(sorted(missing))}")
    if manifest["format"] != FORMAT:
        raise _invalid(archive, f"unknown archive format {manifest['format']!r}")
    if manifest["engine"] not in DUMPS or manifest["database"] != DUMPS.get(
        manifest["engine"]
    ):
        raise _invalid(archive, f"unknown database engine {manifest['engine']!r}")
    checksums = manifest["checksums"]
    if not isinstance(checksums, dict) or manifest["database"] not in checksums:
        raise _invalid(archive, "manifest.json has no checksum for the database")
    for name in checksums:
        parts = PurePosixPath(name).parts
        if (
            PurePosixPath(name).is_absolute()
            or ".." in parts
            or (name != manifest["database"] and parts[0] != "media")
        ):
            raise _invalid(archive, f"manifest.json names an unexpected file {name!r}")


def open_backup(archive, work):
    """Unpack ``archive`` into the folder ``work`` and check it against its
    manifest: every file there, none more, each checksum right. Returns the
    manifest; raises BackupError (and the caller changes nothing) otherwise."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"No backup archive at {archive}. Nothing was changed.")
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            names = {member.name for member in members if member.isfile()}
            if MANIFEST not in names:
                raise _invalid(archive, "it holds no manifest.json")
            tar.extractall(work, filter="data")
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise _invalid(archive, f"it cannot be read ({error})") from error

    try:
        manifest = json.loads((Path(work) / MANIFEST).read_text())
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _invalid(archive, f"manifest.json is not valid JSON ({error})") from error
    _check_manifest(archive, manifest)

    expected = set(manifest["checksums"])
    present = names - {MANIFEST}
    if expected - present:
        raise _invalid(
            archive, f"files are missing: {', '.join(sorted(expected - present)[:5])}"
        )
    if present - expected:
        raise _invalid(
            archive,
            f"files not in its manifest: {', '.join(sorted(present - expected)[:5])}",
        )
    for name, checksum in manifest["checksums"].items():
        if sha256(Path(work) / name) != checksum:
            raise _invalid(archive, f"the checksum of {name} does not match")
    return manifest


def restore_media(source):
    """Copy the archive's media files into MEDIA_ROOT; return how many."""
    media_root = Path(settings.MEDIA_ROOT)
    count = 0
    for name in media_files(source):
        target = media_root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(Path(source) / name, target)
        count += 1
    return count
