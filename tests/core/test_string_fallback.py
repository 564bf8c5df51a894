"""A string missing from a language shows in English, not in the site's
default language (core/string_fallback.py); the default stays Polish."""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

from core import string_fallback

# Django admin's, translated into Polish and not into Finnish; any string of
# that kind would do.
POLISH_ONLY = "Forgotten your login credentials?"


def test_djangos_method_is_the_one_replaced():
    assert (
        string_fallback.fingerprint(string_fallback.original)
        == string_fallback.FINGERPRINT
    ), (
        "Django changed DjangoTranslation._add_fallback: read its new source, "
        "make core/string_fallback.py fit it, then record the new fingerprint"
    )


def test_the_replacement_is_in_place():
    assert trans_real.DjangoTranslation._add_fallback is string_fallback._add_fallback


def test_a_missing_string_shows_in_english_not_in_polish():
    assert settings.LANGUAGE_CODE == "pl"
    with translation.override("pl"):
        polish = translation.gettext(POLISH_ONLY)
    assert polish != POLISH_ONLY
    with translation.override("fi"):
        assert translation.gettext(POLISH_ONLY) == POLISH_ONLY
        assert translation.ngettext("%d apple", "%d apples", 3) == "%d apples"


def test_without_the_replacement_finnish_fell_back_to_polish(monkeypatch):
    """What Django does by itself: the reason for the replacement."""
    monkeypatch.setattr(
        trans_real.DjangoTranslation, "_add_fallback", string_fallback.original
    )
    finnish = trans_real.DjangoTranslation("fi")
    assert finnish.gettext(POLISH_ONLY) != POLISH_ONLY  # Polish


@pytest.mark.django_db
def test_the_public_default_language_is_still_polish(client, home_pages):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 302
    assert response["Location"] == "/pl/"
