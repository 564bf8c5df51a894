"""Site-wide answers kept across requests (core/request_memo.py): the rows
that hide sections, the collections, the locales and the taxonomies are read
once per process while the site's stamp is unchanged, and forgotten by any
change, made here or in another process, so nothing hidden shows and no
renamed term stays."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core.models import Topic
from core.request_memo import STAMP_KEY
from practices.models import PracticePage

pytestmark = pytest.mark.django_db

HIDING_ROWS = "wagtailcore_pageviewrestriction"  # in the hiding rows' query


def english_practice(**filters):
    return (
        PracticePage.objects.live()
        .filter(locale__language_code="en", **filters)
        .order_by("path")
        .first()
    )


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries.captured_queries]


def test_a_second_page_reads_none_of_the_site_wide_answers_again(client):
    practice = english_practice()
    index = practice.get_parent().url
    first = queries_of(client, index)
    second = queries_of(client, practice.url)
    assert any(HIDING_ROWS in sql for sql in first)
    assert not any(HIDING_ROWS in sql for sql in second)
    assert len(queries_of(client, index)) <= len(first) - 3


def test_a_page_made_private_here_leaves_the_list_at_once(client):
    practice = english_practice()
    index = practice.get_parent().url
    assert practice.title in client.get(index).content.decode()

    PageViewRestriction.objects.create(
        page=practice, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    assert practice.title not in client.get(index).content.decode()
    assert "password" in client.get(practice.url).content.decode().lower()


def test_a_change_made_in_another_process_is_seen_by_its_new_stamp(client):
    """Another process's change: written without this process's signals
    (``update``), announced only by the stamp it replaced in the shared
    cache, as ``site_changed`` does there."""
    practice = english_practice()
    project = practice.get_parent()
    client.get(project.get_parent().url)  # the answers kept
    Page.objects.filter(pk=project.pk).update(live=False)

    caches["default"].set(STAMP_KEY, "stamp-of-another-process", None)

    assert client.get(practice.url).status_code == 404


def test_a_term_renamed_here_is_shown_renamed_at_once(client):
    practice = english_practice(topics__isnull=False)
    index = practice.get_parent().url
    client.get(index)
    topic = Topic.objects.get(
        translation_key=practice.topics.first().translation_key,
        locale__language_code="en",
    )
    topic.name = "A topic renamed meanwhile"
    topic.save()
    assert "A topic renamed meanwhile" in client.get(index).content.decode()


def test_a_home_page_s_cards_are_read_once_until_the_site_changes(
    client, django_capture_on_commit_callbacks
):
    """The home page's cards (the newest practices, tutorials, featured
    projects, a testimonial) cost most of its queries: kept across requests,
    and new as soon as a practice is published."""
    cards = "practices_practicepage"  # the newest practices' table
    assert any(cards in sql for sql in queries_of(client, "/en/"))
    assert not any(cards in sql for sql in queries_of(client, "/en/"))

    practice = english_practice()
    practice.title = "The newest practice of all"
    practice.first_published_at = None  # published again as new
    with django_capture_on_commit_callbacks(execute=True):
        practice.save_revision().publish()

    assert "The newest practice of all" in client.get("/en/").content.decode()
