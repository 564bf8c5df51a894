"""Workers warmed before they serve (operations/warm_up.py): what a fresh
worker's first page used to pay for is done in gunicorn's master, and the
workers forked from it start with it. How much it saves is measured by
bench/cold_start.py; here, that it is done."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver
from django.utils import translation

from operations.warm_up import warm_master, warm_worker


def cached_templates():
    loader = engines["django"].engine.template_loaders[0]
    return {name for name in loader.get_template_cache}


def test_the_master_compiles_the_public_templates_and_the_urls_of_each_language():
    engines["django"].engine.template_loaders[0].reset()
    resolver = get_resolver()
    resolver._reverse_dict.clear()  # as in a process that served nothing yet

    warm_master()

    assert {
        "base.html",
        "pages/home_page.html",
        "pages/practice_index_page.html",
        "pages/practice_page.html",
        "search/search.html",
    } <= cached_templates()
    # The reverse lookup is kept per language: each is made.
    assert {code for code, _name in settings.LANGUAGES} <= set(resolver._reverse_dict)


@pytest.mark.django_db
def test_a_worker_loads_each_search_configuration_and_renders_the_homes(settings):
    """On PostgreSQL, each language's text-search configuration used once
    (its dictionaries loaded into the connection); each home page rendered
    through the whole site, and kept by no page cache."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "warm-up-pages",
        },
    }
    settings.WAGTAIL_CACHE = True
    with CaptureQueriesContext(connection) as queries:
        warm_worker()
    configurations = [q for q in queries.captured_queries if "to_tsvector" in q["sql"]]
    homes = [q for q in queries.captured_queries if "home_homepage" in q["sql"]]
    assert len(configurations) == (4 if connection.vendor == "postgresql" else 0)
    assert homes  # the homes were rendered
    assert caches["pages"]._cache == {}  # and not stored


def test_nothing_is_left_in_a_language_other_than_the_one_active():
    with translation.override("ru"):
        warm_master()
        assert translation.get_language() == "ru"
