"""wagtail-localize's translation editor in the editor's language, as the
browser draws it (its words come from a script and a JavaScript catalogue,
which the test client does not run)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from editorial.roles import NETWORK_EDITORS
from projects.models import ProjectPage

pytestmark = pytest.mark.browser

PASSWORD = "admin-language-password"  # noqa: S105 (a test user's)

EXPECTED = {
    "pl": ("Tłumaczenie: polski → English", "Opublikuj w języku: English", "grudnia"),
    "ru": ("Перевод: polski → English", "Опубликовать на языке: English", "декабря"),
    "fi": ("Käännös: polski → English", "Julkaise kielellä: English", "joulukuuta"),
}
ENGLISH = ("polski to English translation", "Publish in", "December")


def test_the_translation_editor_speaks_the_editors_language(browser, live_site):
    """One live server for the three languages (each live test reloads the
    demo)."""
    project = ProjectPage.objects.get(locale__language_code="en", slug="podaj-dalej")
    for language, (title, publish, month) in EXPECTED.items():
        user = get_user_model().objects.create_user(
            f"editor-{language}", password=PASSWORD
        )
        user.groups.add(Group.objects.get(name=NETWORK_EDITORS))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()

        context = browser.new_context(locale="en-US")
        page = context.new_page()
        page.goto(f"{live_site.url}/admin/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_site.url}/admin/")
        page.goto(f"{live_site.url}/admin/pages/{project.pk}/edit/")
        page.get_by_text(title, exact=True).first.wait_for(timeout=15000)
        text = page.locator("body").inner_text()
        assert publish in text, language
        assert month in text, language
        assert [english for english in ENGLISH if english in text] == [], language
        context.close()
