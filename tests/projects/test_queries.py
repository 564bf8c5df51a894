"""A page's queries do not grow with the number of items it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from core.models import Audience, Format
from projects.models import ProjectIndexPage
from tests.factories import (
    LibraryPageFactory,
    PracticePageFactory,
    ProjectPageFactory,
    TestimonialPageFactory,
    a_picture,
)


def queries_for(client, url):
    client.get(url)  # warm the site's caches first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def polish(db):
    return Locale.objects.get(language_code="pl")


@pytest.fixture
def project_with(polish, home_pages):
    """A project with ``count`` practices and ``count`` testimonials under it."""
    from libraries.models import LibraryIndexPage

    index = ProjectIndexPage.objects.get(locale=polish)
    directory = LibraryIndexPage.objects.get(locale=polish)
    audiences = list(Audience.objects.filter(locale=polish)[:3])
    formats = list(Format.objects.filter(locale=polish)[:2])

    def build(count):
        project = ProjectPageFactory(parent=index, audiences=audiences, formats=formats)
        for _ in range(count):
            library = LibraryPageFactory(parent=directory)
            PracticePageFactory(
                parent=project,
                library=library,
                audiences=audiences,
                formats=formats,
                image=a_picture(),
            )
            TestimonialPageFactory(parent=project, library=library)
        return project

    return build


def test_project_page(client, project_with):
    few, many = project_with(2), project_with(50)
    assert queries_for(client, few.url) == queries_for(client, many.url)


def test_practice_list(client, project_with, polish):
    from practices.models import PracticeIndexPage

    index = PracticeIndexPage.objects.get(locale=polish)
    project_with(2)
    few = queries_for(client, index.url)
    project_with(50)
    assert queries_for(client, index.url) == few


def test_home_page(client, project_with, home_pages):
    project_with(2)
    few = queries_for(client, home_pages["pl"].url)
    for _ in range(3):
        project_with(10)
    assert queries_for(client, home_pages["pl"].url) == few
