"""The main admin screens of each role say nothing in English in the Polish
or Russian admin: the dashboard, the explorer, the page editor,
wagtail-localize's translation editor, the translation dashboard and the
workflow's screens, as the test client renders them (what their scripts
write is checked in a browser: tests/browser/test_admin_language.py)."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.translation import trans_real
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation

from editorial.admin_language import catalogues
from editorial.roles import MODERATORS, NETWORK_EDITORS, TRANSLATORS
from home.models import HomePage
from practices.models import PracticePage
from projects.models import TestimonialPage

pytestmark = pytest.mark.django_db

# Seen in English in the Polish, Russian and Finnish admin before (issue 19).
KNOWN_ENGLISH = [
    "More actions",
    "Profile",
    "Autosave",
    "autosaved",
    "Saved",
    "Review before publishing",
    "Moderator approval",
    "Network editors",
    "Moderators",
    "Translators:",
    "Library editors:",
    "Library network [",  # the site, as a filter names it (not the English home)
    "Actions",
    "to English translation",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class VisibleText(HTMLParser):
    """What a reader or a screen reader meets: text, and the labels of
    aria-label, title, placeholder and alt (not scripts, templates or the
    data a script is given)."""

    hidden = ("script", "style", "template", "textarea")

    def __init__(self):
        super().__init__()
        self.texts = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.hidden:
            self.depth += 1
        for name, value in attrs:
            if name in ("aria-label", "title", "placeholder", "alt") and value:
                self.texts.append(" ".join(value.split()))

    def handle_endtag(self, tag):
        if tag in self.hidden:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth and data.strip():
            self.texts.append(" ".join(data.split()))


def visible_texts(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.texts


def package_msgids():
    """Every string of Wagtail's, wagtail-localize's and wagtailmedia's
    catalogues, as a screen would show it (whitespace joined)."""
    found = {}
    for catalogue in catalogues():
        if catalogue.domain == "django":
            for _context, msgid in catalogue.msgids():
                found.setdefault(" ".join(msgid.split()), msgid)
    return found


@pytest.fixture(scope="module")
def english_strings():
    return package_msgids()


def untranslated(texts, language, english_strings):
    """Texts that are one of the packages' strings, left in English where
    the language has a translation of it."""
    catalogue = trans_real.DjangoTranslation(language)
    found = []
    for text in texts:
        if text == "None":
            continue  # a value Wagtail prints in a hidden counter, not a word
        msgid = english_strings.get(text)
        if msgid is None:
            continue
        translation = catalogue.gettext(msgid)
        if " ".join(translation.split()) != text:
            found.append(text)
    return found


@pytest.fixture
def screens(demo, client):
    """Each role's user and main screens, with a translation in review."""
    english = Locale.objects.get(language_code="en")
    polish = Locale.objects.get(language_code="pl")
    User = get_user_model()  # noqa: N806
    from libraries.models import LibraryPage

    morawica = LibraryPage.objects.get(locale=polish, slug="gbp-morawica")
    users = {}
    for role, group in {
        "network editor": Group.objects.get(name=NETWORK_EDITORS),
        "moderator": Group.objects.get(name=MODERATORS),
        "library editor": Group.objects.get(
            library_team__library_key=morawica.translation_key
        ),
        "translator": Group.objects.get(
            name=TRANSLATORS.format(english.get_display_name())
        ),
    }.items():
        user = User.objects.create_user(role.replace(" ", "-"), password="x")
        user.groups.add(group)
        users[role] = user

    practice = PracticePage.objects.get(locale=english, slug="meetings-in-lazy")
    translation = Translation.objects.get(
        source__object_id=practice.translation_key, target_locale=english
    )
    client.force_login(users["translator"])
    assert client.post(f"/admin/translations/{translation.pk}/review/").status_code
    home = HomePage.objects.get(locale=polish)
    project = Page.objects.get(locale=english, slug="podaj-dalej")
    own = TestimonialPage.objects.filter(locale=polish, library=morawica).first()
    practices = Page.objects.get(locale=polish, slug="dobre-praktyki")
    return {
        "network editor": (
            users["network editor"],
            [
                "/admin/",
                f"/admin/pages/{home.pk}/",
                f"/admin/pages/{home.pk}/edit/",
                f"/admin/pages/{project.pk}/edit/",
                "/admin/translations/",
                f"/admin/pages/{practice.pk}/workflow_history/",
            ],
        ),
        "moderator": (
            users["moderator"],
            [
                "/admin/",
                f"/admin/pages/{home.pk}/",
                f"/admin/pages/{practice.pk}/edit/",
                "/admin/translations/",
                f"/admin/pages/{practice.pk}/workflow_history/",
            ],
        ),
        "library editor": (
            users["library editor"],
            [
                "/admin/",
                f"/admin/pages/{practices.pk}/",
                f"/admin/pages/{own.pk}/edit/",
            ],
        ),
        "translator": (
            users["translator"],
            ["/admin/", f"/admin/pages/{project.pk}/edit/", "/admin/translations/"],
        ),
    }


@pytest.mark.parametrize("language", ["pl", "ru"])
def test_no_english_on_the_main_screens(client, screens, english_strings, language):
    found = {}
    for role, (user, urls) in screens.items():
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (role, url)
            html = response.content.decode()
            assert f'<html lang="{language}"' in html, (role, url)
            texts = visible_texts(html)
            english = [
                text
                for text in texts
                for known in KNOWN_ENGLISH + MONTHS
                if re.search(rf"\b{re.escape(known)}", text)
            ]
            english += untranslated(texts, language, english_strings)
            if english:
                found[(role, url)] = sorted(set(english))
    assert found == {}, "\n".join(f"{where}: {texts}" for where, texts in found.items())
