"""Create the UN's 17 Sustainable Development Goals in the site's languages."""

from django.core.management.base import BaseCommand

from core.goals import ensure_goals


class Command(BaseCommand):
    help = (
        "Create the 17 Sustainable Development Goals, with their official names, "
        "in each language of the site; run again, it adds only what is missing."
    )

    def handle(self, *args, **options):
        created = ensure_goals()
        self.stdout.write(
            f"Sustainable Development Goals: {created} created "
            "(goals and translations)."
        )
