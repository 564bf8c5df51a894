"""What goes into an archive and comes back: the database and the media."""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils.module_loading import import_string
from django.utils.text import slugify

from .archive import (
    DUMPS,
    FORMAT,
    BackupError,
    file_entry,
    signing_key,
    write_archive,
)


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
    key = signing_key()
    kind = engine()
    archive = Path(archive)
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="backup-") as work:
        dump = Path(work) / DUMPS[kind]
        log(f"Dumping the {kind} database…")
        state = migration_state()
        dump_database(dump)
        sources = {dump.name: dump}

        media_root = Path(settings.MEDIA_ROOT)
        media = {"included": False, "files": 0, "bytes": 0}
        if not include_media:
            media["note"] = "left out (--no-media)"
        elif not media_on_disk():
            media["note"] = remote_media_note()
            log(media["note"])
        else:
            names = media_files(media_root)
            media["included"] = True
            log(f"Adding {len(names)} media files from {media_root}…")
            for name in names:
                sources[f"media/{name}"] = media_root / name
        files = {name: file_entry(path) for name, path in sources.items()}
        for name, entry in files.items():
            if name.startswith("media/"):
                media["files"] += 1
                media["bytes"] += entry["size"]

        manifest = {
            "format": FORMAT,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "site": settings.WAGTAIL_SITE_NAME,
            "engine": kind,
            "database": dump.name,
            "migrations": state,
            "media": media,
            "versions": {"django": django.__version__, "wagtail": wagtail.__version__},
            "files": files,
        }
        write_archive(archive, manifest, sources, key)
    return manifest


def restore_media(work, manifest):
    """Copy the archive's media files, checked and unpacked into ``work``, into
    MEDIA_ROOT; return how many."""
    media_root = Path(settings.MEDIA_ROOT)
    count = 0
    for name in manifest["files"]:
        if not name.startswith("media/"):
            continue
        target = media_root / name.removeprefix("media/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(Path(work) / name, target)
        count += 1
    return count
