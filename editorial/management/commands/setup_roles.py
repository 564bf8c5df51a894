from django.core.management.base import BaseCommand

from editorial.roles import remove_wagtail_defaults, setup_roles


class Command(BaseCommand):
    help = (
        "Create (or complete) the editorial groups (network editors, moderators, "
        "one per library, one per language of translators) and the moderation "
        "workflow; remove Wagtail's unused default group and workflow. Safe to "
        "run again."
    )

    def handle(self, *args, **options):
        groups = setup_roles()
        for done in remove_wagtail_defaults():
            self.stdout.write(done[0].upper() + done[1:] + ".")
        self.stdout.write(
            f"{groups.count()} editorial groups and the review workflow are ready."
        )
