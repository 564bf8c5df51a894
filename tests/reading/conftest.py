"""Fixtures of the readers' machine translation tests: the demo's story not
yet in Russian, and the LibreTranslate stand-in configured as the service."""

import pytest
from django.core.cache import cache

from practices.models import PracticePage
from tests.editorial.machine_translation import libretranslate_at
from tests.editorial.stand_in import LibreTranslateStandIn

# "Podaj dalej" meetings in Łazy: in Polish and English, not in Russian; read
# inside Russian in English, the first of the fallback languages.
INSIDE = "/ru/projects/podaj-dalej/meetings-in-lazy/"
TITLE = "“Podaj dalej” meetings in Łazy"
# A word no page of the demo holds, so search finds the machine's text only.
MARK = "kwyjibo"


def marked(text, source, target):
    return f"{MARK}-{target} {text}"


def the_practice(language):
    polish = PracticePage.objects.get(
        locale__language_code="pl", slug="spotkania-w-lazach"
    )
    return PracticePage.objects.get(
        translation_key=polish.translation_key, locale__language_code=language
    )


@pytest.fixture(autouse=True)
def empty_cache():
    """The translations are kept in the default cache, which lives in the
    test process's memory: each test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def service():
    """The stand-in, configured as the site's machine translator."""
    server = LibreTranslateStandIn(api_key="test-key", translate=marked)
    with server, libretranslate_at(server.url):
        yield server


@pytest.fixture
def english(demo):
    return the_practice("en")


@pytest.fixture
def mt_url(english):
    return f"/ru/machine-translation/{english.pk}/"
