from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, create_backup, default_archive_path


class Command(BaseCommand):
    help = (
        "Write the database and the uploaded media into one .tar.gz archive "
        "(with a manifest of checksums, signed with BACKUP_SIGNING_KEY) and "
        "print its path. Restore it with `manage.py restore ARCHIVE`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help=(
                "the archive's path (ending in .tar.gz) or a folder for it; by "
                "default BACKUP_DIR, else backups/ in the project"
            ),
        )
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="leave the media files out (the database only)",
        )

    def handle(self, *args, **options):
        archive = default_archive_path(options["output"])
        try:
            manifest = create_backup(
                archive,
                include_media=not options["no_media"],
                log=lambda line: self.stdout.write(line),
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        media = manifest["media"]
        media_line = (
            f"{media['files']} media files ({media['bytes']} bytes)"
            if media["included"]
            else "no media files"
        )
        self.stdout.write(
            f"Backed up the {manifest['engine']} database "
            f"({manifest['migrations']['applied']} migrations applied) and "
            f"{media_line} into:"
        )
        self.stdout.write(str(archive.resolve()))
