"""No public page costs more than 17 SQL queries, anonymous and uncached.

"Uncached" means that the whole-page cache is bypassed, not that every cache
is empty. Each page is asked for once first (a warm-up: renditions, embeds
and the like are made, and what every production request finds warm is
warmed: Wagtail's site root paths in Django's default cache, the content
type cache of the process). Then the same page is asked for again with the
whole-page cache bypassed (its setting turned off and a
``Cache-Control: no-cache`` request header, which it never serves from),
and that second request's queries are counted. Django's caches are *not*
emptied between the two requests: the count is what a reader pays when the
whole-page cache misses, on a site that has served any page before.
"""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

# 15 until Wagtail's own Locale.get_active was put back (core/wagtail_shortcuts.py
# says why): its routing asks for the active locale once per request. 17 since
# pages show pictures: the renditions of all the cards' pictures in one query,
# or a page's lead picture with its rendition in one (core/images.py). 20
# since the footer: the site's identity (core/identity.py), its pages in the
# reader's language, and the funders of the reader's home page (none on the
# home page itself), one query each.
BUDGET = 20

PAGES = [
    "/pl/",
    "/en/",
    "/pl/projekty/",
    "/pl/projekty/podaj-dalej/",
    "/en/projects/online-mentoring-school/",
    "/pl/projekty/podaj-dalej/spotkania-w-lazach/",
    "/pl/projekty/podaj-dalej/morawica/",
    "/pl/dobre-praktyki/",
    "/en/good-practices/",
    "/pl/filmy/",
    "/pl/filmy/spotkanie-online/",
    "/pl/biblioteki/",
    "/en/libraries/bpmig-lazy/",
    "/pl/search/",
    "/pl/search/?q=biblioteki",
]

# Whichever whole-page cache is installed, it is off for these requests.
NO_PAGE_CACHE = {"WAGTAIL_CACHE": False}


def queries_for(client, url):
    # The warm-up: renditions and embeds made, site root paths and content
    # types cached. Django's caches are kept, only the page cache is bypassed.
    client.get(url, HTTP_CACHE_CONTROL="no-cache")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 200, url
    return queries


@pytest.mark.django_db
@override_settings(**NO_PAGE_CACHE)
@pytest.mark.parametrize("url", PAGES)
def test_page_within_query_budget(client, url):
    queries = queries_for(client, url)
    listed = "\n".join(q["sql"][:200] for q in queries.captured_queries)
    assert len(queries) <= BUDGET, f"{url}: {len(queries)} queries\n{listed}"
