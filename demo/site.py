"""The site itself: its locales, its home page in every language, and where
the demo's files are."""

import json
from pathlib import Path

from django.conf import settings
from wagtail.models import Collection, Locale, Page, Site

from editorial.translation import translate
from home.models import HomePage

DEMO_DIR = Path(__file__).resolve().parent / "content"


def read_json(name):
    with open(DEMO_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


def ensure_home(log=print):
    """The site's home page in the default language, and its translations."""
    data = read_json("site.json")["home"]
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    default_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    # Images and media belong to a collection; a flushed database has none.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = HomePage.objects.filter(locale=default_locale).first()
    if home is None:
        # Wagtail's first migration makes the tree's root; a flushed database has none.
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
        log(f"Created the home page “{home.title}”.")
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
            log(f"Translated the home page into {code}.")
    return home
