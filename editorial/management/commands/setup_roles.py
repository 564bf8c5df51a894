from django.core.management.base import BaseCommand

from editorial.roles import setup_roles


class Command(BaseCommand):
    help = (
        "Create (or complete) the editorial groups (network editors, moderators, "
        "one per library, one per language of translators) and the moderation "
        "workflow. Safe to run again."
    )

    def handle(self, *args, **options):
        groups = setup_roles()
        self.stdout.write(
            f"{groups.count()} editorial groups and the review workflow are ready."
        )
