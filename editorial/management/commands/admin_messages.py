from django.core.management.base import BaseCommand

from editorial.admin_language import add_missing, counts


class Command(BaseCommand):
    help = (
        "Count the strings of Wagtail, wagtail-localize and wagtailmedia that "
        "the admin would show untranslated, per catalogue and language; with "
        "--add, add them (untranslated) to editorial/admin_locale to be "
        "translated, then run `make messages`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--add",
            action="store_true",
            help="Add the missing strings to editorial/admin_locale/*/*.po.",
        )

    def handle(self, *args, add=False, **options):
        if add:
            for (language, domain), count in sorted(add_missing().items()):
                self.stdout.write(f"{language} {domain}: {count} strings added")
        header = (
            f"{'catalogue':38} {'lang':4} {'strings':>7} {'package':>8} "
            f"{'before':>7} {'after':>6}"
        )
        self.stdout.write(header)
        for row in counts():
            self.stdout.write(
                f"{row['catalogue']:38} {row['language']:4} {row['strings']:>7} "
                f"{row['untranslated_in_package']:>8} {row['missing_before']:>7} "
                f"{row['missing_after']:>6}"
            )
        self.stdout.write(
            "package: untranslated in the package's own catalogue; before/after: "
            "shown untranslated at run time without/with editorial/admin_locale."
        )
