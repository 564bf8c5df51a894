"""The page cache switched on for a test, for the test_cache*.py modules.

``page_cache`` is autouse: a module that imports it has it for every one of
its tests. It is deliberately not in a conftest.py, which would switch the
page cache on for every test of this folder.
"""

import uuid

import pytest

CDN_SECONDS = 300
PUBLIC = f"public, max-age=0, s-maxage={CDN_SECONDS}"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"pages-{uuid.uuid4()}",
        },
    }
    settings.WAGTAIL_CACHE = True
    settings.PAGE_CACHE_CDN_SECONDS = CDN_SECONDS


def cache_status(response):
    return response.get("X-Wagtail-Cache")


def english(model, **filters):
    return model.objects.get(locale__language_code="en", **filters)
