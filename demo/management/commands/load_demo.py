"""Load the demo content; run it again and it changes nothing already there."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from demo.loader import DemoLoader
from demo.site import ensure_home
from operations.statistics import analyze
from search.indexing import indexed_at_the_end


def demo_address(username):
    """The demo users' addresses: on example.org, which mail never reaches;
    the demo writes its mail to a folder (README, "E-mail")."""
    return f"{username}@example.org"


class Command(BaseCommand):
    help = "Load the demo site: locales, pages, their translations and an admin user."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-superuser",
            action="store_true",
            help="Create neither the 'admin' superuser nor the demo role users.",
        )

    def handle(self, *args, **options):
        log = self.stdout.write
        # Each page is saved several times as it is built and translated: it
        # is indexed once, when all is built (search/indexing.py).
        with indexed_at_the_end():
            with transaction.atomic():
                home = ensure_home(log=log)
            # wagtail-localize publishes translations when their transaction
            # commits: the home pages must be live before the rest is built.
            with transaction.atomic():
                DemoLoader(log=log).load(home)
        call_command("setup_locales", stdout=self.stdout)
        call_command("setup_roles", stdout=self.stdout)
        if not options["no_superuser"]:
            self.ensure_superuser()
            self.ensure_role_users()
        # The planner's statistics of what was just loaded.
        analyze()
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {home.title}."))

    def ensure_superuser(self):
        User = get_user_model()  # noqa: N806
        if User.objects.filter(username="admin").exists():
            User.objects.filter(username="admin", email="").update(
                email=demo_address("admin")
            )
            self.stdout.write(
                "The superuser 'admin' exists already; its password is unchanged."
            )
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        generated = secrets.token_urlsafe(12)
        User.objects.create_superuser(
            "admin", email=demo_address("admin"), password=password or generated
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

    def ensure_role_users(self):
        """One demo user per role, sharing one password, printed once."""
        from django.contrib.auth.models import Group

        from editorial.roles import (
            MODERATORS,
            NETWORK_EDITORS,
            TRANSLATORS,
            library_team,
        )
        from libraries.models import LibraryPage

        User = get_user_model()  # noqa: N806
        library = LibraryPage.objects.filter(slug="gbp-morawica").first()
        english = Locale.objects.filter(language_code="en").first()
        roles = {
            "network-editor": NETWORK_EDITORS,
            "moderator": MODERATORS,
            "library-editor": library and library_team(library).name,
            "translator-en": english and TRANSLATORS.format(english.get_display_name()),
        }
        password = os.environ.get("DJANGO_DEMO_PASSWORD") or secrets.token_urlsafe(9)
        made = []
        for username, group_name in roles.items():
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                continue
            # Users of an earlier demo, made without an address, get one.
            User.objects.filter(username=username, email="").update(
                email=demo_address(username)
            )
            if User.objects.filter(username=username).exists():
                continue
            user = User.objects.create_user(
                username, email=demo_address(username), password=password
            )
            user.groups.add(group)
            # The network works in Polish: the admin speaks it to them.
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = settings.LANGUAGE_CODE
            profile.save(update_fields=["preferred_language"])
            made.append(f"  {username:15} {user.email:28} {group.name}")
        if made:
            self.stdout.write(
                self.style.WARNING(
                    f"Demo users, each with the password {password}:\n"
                    + "\n".join(made)
                )
            )
