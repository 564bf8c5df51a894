"""With the page cache on: a machine translation is never stored (each
request is counted, its 404s follow the setting and the page at once),
and the offer on a cached page goes with the setting."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from reading.models import MachineReading
from tests.operations.page_cache import cache_status, page_cache  # noqa: F401

from .conftest import INSIDE

pytestmark = pytest.mark.django_db


def setting():
    return MachineReading.for_site(Site.objects.get(is_default_site=True))


def offered(client):
    html = BeautifulSoup(client.get(INSIDE).content, "html.parser")
    return bool(html.select("a[data-offer=machine-translation]"))


class TestThePageCache:
    def test_stores_no_machine_translation(self, client, service, mt_url):
        for _ in range(2):
            response = client.get(mt_url)
            assert response.status_code == 200
            assert cache_status(response) == "skip"
            assert "private" in response["Cache-Control"]
        assert len(service.requests) == 1

    def test_stores_no_refusal(
        self, client, service, mt_url, django_capture_on_commit_callbacks
    ):
        chosen = setting()
        chosen.enabled = False
        with django_capture_on_commit_callbacks(execute=True):
            chosen.save()
        for _ in range(2):
            response = client.get(mt_url)
            assert response.status_code == 404
            assert cache_status(response) == "skip"

    def test_a_cached_offer_goes_when_the_setting_is_turned_off(
        self, client, service, django_capture_on_commit_callbacks
    ):
        # The setting's row made first (a change waits for the commit that
        # the test's transaction never makes, and later changes join it).
        with django_capture_on_commit_callbacks(execute=True):
            setting()
        assert offered(client)
        assert cache_status(client.get(INSIDE)) == "hit"
        chosen = setting()
        chosen.enabled = False
        with django_capture_on_commit_callbacks(execute=True):
            chosen.save()
        assert not offered(client)
