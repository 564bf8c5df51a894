"""A listing's or a search's queries do not grow with its results (10 against 500)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from core.models import Audience, Format
from libraries.models import LibraryIndexPage
from practices.models import PracticeIndexPage
from tests.factories import LibraryPageFactory, PracticePageFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "/pl/dobre-praktyki/",
    "/pl/search/?q=szachy",
    "/pl/search/?q=szachy&audience=seniors",
]


def queries_for(client, url):
    client.get(url)  # warm the site's caches first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert b"Szachy" in response.content
    return len(queries)


def test_ten_and_five_hundred_practices_cost_the_same_queries(client):
    polish = Locale.objects.get(language_code="pl")
    index = PracticeIndexPage.objects.get(locale=polish)
    directory = LibraryIndexPage.objects.get(locale=polish)
    audiences = list(Audience.objects.filter(locale=polish, slug="seniors"))
    formats = list(Format.objects.filter(locale=polish)[:2])
    libraries = [LibraryPageFactory(parent=directory) for _ in range(5)]

    def add(count, start):
        for n in range(start, start + count):
            PracticePageFactory(
                parent=index,
                title=f"Szachy w bibliotece {n}",
                summary="Szachy dla seniorów i dzieci.",
                library=libraries[n % len(libraries)],
                audiences=audiences,
                formats=formats,
            )

    add(10, 0)
    few = {url: queries_for(client, url) for url in PAGES}
    add(490, 10)
    many = {url: queries_for(client, url) for url in PAGES}
    assert many == few
