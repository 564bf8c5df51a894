import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from core.request_memo import site_changed
from operations.backups import (
    BackupError,
    database_tables,
    engine,
    load_database,
    media_files,
    media_on_disk,
    migration_state,
    open_backup,
    remote_media_note,
    restore_media,
    signing_key,
)
from operations.page_cache import clear_page_cache
from operations.statistics import analyze


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into an empty database "
        "and MEDIA_ROOT. Its signature (BACKUP_SIGNING_KEY) and every file are "
        "checked first; if anything is wrong with it nothing is changed."
    )
    # The database may be empty: no check should need its tables.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz written by `backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "restore even though the database already holds tables (they are "
                "replaced by the archive's) or MEDIA_ROOT already holds files "
                "(those of the same name are overwritten)"
            ),
        )

    def handle(self, *args, **options):
        try:
            self.restore(Path(options["archive"]), options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error

    def restore(self, archive, force):
        signing_key()  # none: refused before the archive is opened
        kind = engine()
        with tempfile.TemporaryDirectory(prefix="restore-") as work:
            manifest = open_backup(archive, work)
            if manifest["engine"] != kind:
                raise BackupError(
                    f"{archive} holds a {manifest['engine']} database, but the "
                    f"configured database is {kind}. Nothing was changed."
                )
            name = connection.settings_dict["NAME"]
            try:
                tables = database_tables()
            except DatabaseError as error:
                raise BackupError(
                    f"Cannot open the database {name}: {error}. Create it, empty, "
                    "first. Nothing was changed."
                ) from error
            if tables and not force:
                raise BackupError(
                    f"The database {name} is not empty ({len(tables)} tables). "
                    "Restore into an empty database, or pass --force to replace "
                    "its content. Nothing was changed."
                )

            media = manifest["media"]
            media_root = Path(settings.MEDIA_ROOT)
            restore_files = media["included"] and media_on_disk()
            if restore_files and media_files(media_root) and not force:
                raise BackupError(
                    f"MEDIA_ROOT ({media_root}) already holds files. Restore into "
                    "an empty folder, or pass --force to overwrite. Nothing was "
                    "changed."
                )

            self.stdout.write(
                f"Restoring the {kind} database from {archive} "
                f"(made {manifest['created']})…"
            )
            load_database(Path(work) / manifest["database"])
            restored = 0
            if restore_files:
                restored = restore_media(work, manifest)
            elif media["included"]:
                self.stdout.write(
                    self.style.WARNING(
                        f"{remote_media_note()} The archive's {media['files']} "
                        "media files were not restored."
                    )
                )
            elif media.get("note"):
                self.stdout.write(f"The archive holds no media: {media['note']}")

        connection.close()
        # pg_restore brings no statistics; the planner's, gathered now.
        analyze()
        # A site still running forgets what it kept of the old database: its
        # cached pages and its site-wide answers (core.request_memo).
        clear_page_cache()
        site_changed()
        state = migration_state()
        files = f" and {restored} media files into {media_root}" if restored else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the {kind} database {name} "
                f"({state['applied']} migrations applied; the archive says "
                f"{manifest['migrations']['applied']}){files}."
            )
        )
        self.stdout.write(
            "Run `manage.py migrate` if this code is newer than the backup."
        )
