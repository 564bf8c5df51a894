"""Load the demo content; run it again and it changes nothing already there.

The content comes from data files in core/demo/. Pages are created in their
source language, then translated through wagtail-localize.
"""

import json
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site

from core.translation import translate
from home.models import HomePage

DEMO_DIR = Path(__file__).resolve().parent.parent.parent / "demo"


def read_demo_file(name):
    with open(DEMO_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


class Command(BaseCommand):
    help = "Load the demo site: locales, pages, their translations and an admin user."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-superuser",
            action="store_true",
            help="Do not create the 'admin' superuser.",
        )

    def handle(self, *args, **options):
        with transaction.atomic():
            for code, _name in settings.LANGUAGES:
                Locale.objects.get_or_create(language_code=code)
            home = self.load_home(read_demo_file("site.json")["home"])
        call_command("setup_locales", stdout=self.stdout)
        if not options["no_superuser"]:
            self.ensure_superuser()
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {home.title}."))

    def load_home(self, data):
        default_locale = Locale.get_default()
        home = HomePage.objects.filter(locale=default_locale).first()
        if home is None:
            # Wagtail's first migration makes the tree's root; a flushed
            # database has none.
            root = Page.get_first_root_node() or Page.add_root(
                instance=Page(title="Root", slug="root", locale=default_locale)
            )
            # Wagtail's own placeholder page, made by its first migration.
            for placeholder in root.get_children().filter(
                content_type__model="page", content_type__app_label="wagtailcore"
            ):
                placeholder.delete()
            home = root.add_child(
                instance=HomePage(locale=default_locale, **data["source"])
            )
            home.save_revision().publish()
            self.stdout.write(f"Created the home page {home.title!r}.")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=settings.WAGTAIL_SITE_NAME,
            )
        elif site.root_page_id != home.id:
            site.root_page = home
            site.save()
        for code, strings in data["translations"].items():
            locale = Locale.objects.filter(language_code=code).first()
            if locale is not None and home.get_translation_or_none(locale) is None:
                translate(home, locale, strings)
                self.stdout.write(f"Translated the home page into {code}.")
        return home

    def ensure_superuser(self):
        User = get_user_model()  # noqa: N806
        if User.objects.filter(username="admin").exists():
            self.stdout.write(
                "The superuser 'admin' exists already; its password is unchanged."
            )
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        User.objects.create_superuser(
            "admin",
            email="",
            password=password or (generated := secrets.token_urlsafe(12)),
        )
        if password:
            self.stdout.write(
                "Created the superuser 'admin' with DJANGO_SUPERUSER_PASSWORD."
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Created the superuser 'admin' with the password {generated} "
                    "(set DJANGO_SUPERUSER_PASSWORD to choose it)."
                )
            )
