"""Which stories readers asked for, counted cheaply (reading/counts.py) and
shown to editors (reading/report.py); the setting is the network editors'."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Site

from editorial.roles import MODERATORS, NETWORK_EDITORS, translators
from reading.models import ReaderRequest
from tests.factories import user_in_group

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/machine-translated-by-readers/"


def reader(client, url, address):
    response = client.get(url, REMOTE_ADDR=address)
    assert response.status_code == 200
    return response


def counted(english):
    row = ReaderRequest.objects.filter(page=english).first()
    return row.readers if row else 0


def report_rows(client):
    response = client.get(REPORT)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [
        [cell.get_text(strip=True) for cell in row.select("td")]
        for row in html.select(".reading-most-asked tbody tr")
    ]


class TestCounting:
    def test_a_reader_counts_once_however_often_they_ask(
        self, client, service, english, mt_url
    ):
        for _ in range(5):
            reader(client, mt_url, "192.0.2.1")
        assert counted(english) == 1
        row = ReaderRequest.objects.get(page=english)
        assert row.locale.language_code == "ru"

    def test_readers_are_written_in_batches_not_at_each_request(
        self, client, service, english, mt_url
    ):
        # The first reader: the service is asked, and the count written.
        reader(client, mt_url, "192.0.2.1")
        assert counted(english) == 1
        # The next nine: from the cache, with no write to the database.
        with CaptureQueriesContext(connection) as queries:
            for n in range(2, 11):
                reader(client, mt_url, f"192.0.2.{n}")
        writes = [
            q["sql"]
            for q in queries.captured_queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        assert writes == []
        assert counted(english) == 1
        assert len(service.requests) == 1
        # The tenth new reader since the last write writes them all.
        reader(client, mt_url, "192.0.2.11")
        assert counted(english) == 11

    def test_the_report_adds_readers_not_written_yet(
        self, admin_client, client, service, english, mt_url
    ):
        for n in range(1, 4):
            reader(client, mt_url, f"192.0.2.{n}")
        assert counted(english) == 1
        (row,) = report_rows(admin_client)
        assert row[0] == english.title
        assert row[2] == Locale.objects.get(language_code="ru").get_display_name()
        assert row[3] == "3"

    def test_a_story_translated_since_leaves_the_report(
        self, admin_client, client, service, english, mt_url
    ):
        from editorial.translation import translate

        reader(client, mt_url, "192.0.2.1")
        assert len(report_rows(admin_client)) == 1
        translate(english, Locale.objects.get(language_code="ru"), {})
        assert report_rows(admin_client) == []


class TestWhoSeesWhat:
    def test_translators_see_the_report_moderators_do_not(
        self, client, service, english, mt_url
    ):
        reader(client, mt_url, "192.0.2.1")
        russian = Locale.objects.get(language_code="ru")
        client.force_login(user_in_group(translators(russian).name, "translator"))
        assert report_rows(client)[0][0] == english.title
        client.force_login(user_in_group(MODERATORS, "moderator"))
        response = client.get(REPORT)
        assert response.status_code == 302
        assert english.title not in client.get(REPORT, follow=True).content.decode()

    def test_only_network_editors_change_the_setting(self, client):
        site = Site.objects.get(is_default_site=True)
        url = f"/admin/settings/reading/machinereading/{site.pk}/"
        client.force_login(user_in_group(NETWORK_EDITORS, "network-editor"))
        response = client.get(url)
        assert response.status_code == 200
        assert b'name="languages"' in response.content
        russian = Locale.objects.get(language_code="ru")
        client.force_login(user_in_group(translators(russian).name, "translator"))
        assert client.get(url).status_code != 200
        client.force_login(user_in_group(MODERATORS, "moderator"))
        assert client.get(url).status_code != 200
