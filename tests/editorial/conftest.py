"""Fixtures shared by the editorial tests: the demo's Polish project, and the
LibreTranslate stand-in with a translation to try it on (test_machine_translation*.py).

None of them is autouse: a test gets one only by asking for it, and a module
that defines a fixture of the same name (test_translation.py's polish_project,
test_po_files.py's admin) keeps its own.
"""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation

from projects.models import ProjectPage

from .machine_translation import edit_url, russian_page
from .stand_in import LibreTranslateStandIn


@pytest.fixture
def polish_project(demo):
    return ProjectPage.objects.get(locale__language_code="pl", slug="biblioteka-online")


@pytest.fixture
def stand_in():
    with LibreTranslateStandIn(api_key="test-key") as server:
        yield server


@pytest.fixture
def admin(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


@pytest.fixture
def russian_translation(admin, polish_project, django_capture_on_commit_callbacks):
    """The Polish project submitted for translation into Russian, in the admin."""
    russian = Locale.objects.get(language_code="ru")
    assert not polish_project.get_translations().filter(locale=russian).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse(
                "wagtail_localize:submit_page_translation", args=[polish_project.pk]
            ),
            {"locales": [russian.pk]},
            # To the translation's editor, which shows (uses up) the message.
            follow=True,
        )
    translation = Translation.objects.get(
        source__object_id=polish_project.translation_key, target_locale=russian
    )
    assert response.redirect_chain == [(edit_url(translation), 302)]
    assert "was successfully submitted for translation" in response.content.decode()
    # The copy, still in Polish, is a draft: it goes live only through review.
    assert not russian_page(translation).live
    return translation
