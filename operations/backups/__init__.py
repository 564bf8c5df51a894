"""Backups: the database and the uploaded media in one signed archive, and back.

``manage.py backup`` writes a .tar.gz holding, in this order,

- ``manifest.json``: when and from what it was made, the migration state, and
  each file of the archive with its size and SHA-256;
- ``manifest.sig``: the HMAC-SHA256 of manifest.json's bytes, keyed with
  BACKUP_SIGNING_KEY (``signing_key``);
- ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or
  ``database.sqlite3`` (SQLite, a copy made with sqlite3's online backup API);
- ``media/``, the files under MEDIA_ROOT (unless media are on S3 or another
  remote storage, which is backed up with that storage's own tools).

``manage.py restore`` reads the archive as a stream and checks it as it goes
(``open_backup``): the signature first, so a manifest changed by anyone without
the key (checksums recomputed or not) is refused before anything else is
trusted; then each member against the signed manifest as it is read (a
regular file that the manifest names, once, of the size it says, with its
checksum), into a folder of its own; then that none is missing. Only then does
it touch the database, and then MEDIA_ROOT. A refusal says what is wrong and
changes nothing.
"""

from .archive import (
    FORMAT,
    MANIFEST,
    SIGNATURE,
    BackupError,
    file_entry,
    open_backup,
    sign,
    signing_key,
    write_archive,
)
from .contents import (
    create_backup,
    database_tables,
    default_archive_path,
    engine,
    load_database,
    media_files,
    media_on_disk,
    migration_state,
    remote_media_note,
    restore_media,
)

__all__ = [
    "FORMAT",
    "MANIFEST",
    "SIGNATURE",
    "BackupError",
    "create_backup",
    "database_tables",
    "default_archive_path",
    "engine",
    "file_entry",
    "load_database",
    "media_files",
    "media_on_disk",
    "migration_state",
    "open_backup",
    "remote_media_note",
    "restore_media",
    "sign",
    "signing_key",
    "write_archive",
]
