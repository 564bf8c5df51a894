"""Make the site's locales match settings.LANGUAGES.

A network adds a language by adding its code to SITE_LANGUAGES and running
this command: it creates the Wagtail locale and a translation of the home
page (through wagtail-localize, so editors then translate it in the admin).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Site

from editorial.translation import translate


class Command(BaseCommand):
    help = "Create a locale and a home page translation for each configured language."

    @transaction.atomic
    def handle(self, *args, **options):
        for code, name in settings.LANGUAGES:
            _locale, created = Locale.objects.get_or_create(language_code=code)
            if created:
                self.stdout.write(f"Created the locale {code} ({name}).")
        site = (
            Site.objects.filter(is_default_site=True)
            .select_related("root_page")
            .first()
        )
        if (
            site is None
            or site.root_page.depth < 2
            or not site.root_page.specific_class
        ):
            return
        home = site.root_page
        for code, _name in settings.LANGUAGES:
            locale = Locale.objects.get(language_code=code)
            if home.get_translation_or_none(locale) is None:
                translate(home, locale, {})
                self.stdout.write(
                    f"Created the {code} home page; translate it in the admin."
                )
