"""How much of a new translation the translation memory would fill exactly.

    manage.py memory_coverage [--like en] [--into fi]

For each source that has a translation into ``--like`` (by default the
demo's English translations), the segments a new translation of that source
into ``--into`` would get from memory (``editorial.memory.exact_coverage``),
and the total. Nothing is written.
"""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale
from wagtail_localize.models import Translation

from editorial.memory import exact_coverage


class Command(BaseCommand):
    help = "Count the segments the translation memory would fill exactly."

    def add_arguments(self, parser):
        parser.add_argument("--like", default="en", help="the translations to read")
        parser.add_argument(
            "--into", default="fi", help="the new translation's language"
        )

    def handle(self, *args, **options):
        try:
            target = Locale.objects.get(language_code=options["into"])
        except Locale.DoesNotExist:
            raise CommandError(f"No locale {options['into']!r}.") from None
        translations = (
            Translation.objects.filter(target_locale__language_code=options["like"])
            .exclude(source__locale=target)
            .select_related("source__locale")
            .order_by("source__locale__language_code", "source_id")
        )
        filled_total = segments_total = 0
        for translation in translations:
            source = translation.source
            filled, segments = exact_coverage(source, target)
            filled_total += filled
            segments_total += segments
            self.stdout.write(
                f"{source.locale.language_code}→{target.language_code} "
                f"{filled:4d}/{segments:4d}  {source.get_source_instance()}"
            )
        share = 100 * filled_total / segments_total if segments_total else 0
        self.stdout.write(
            f"The memory would fill {filled_total} of {segments_total} segments "
            f"({share:.1f}%) exactly, over {translations.count()} sources translated "
            f"into {options['like']}, for a new translation into "
            f"{target.language_code}."
        )
