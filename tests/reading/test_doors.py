"""Who is offered a machine translation, and what its address refuses: the
network's setting (off, or not for the reader's language), a page the public
may not see (core.visibility's rule), a bad language, a page that is not a
story, a story already translated (reading/offers.py, reading/views.py)."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page, PageViewRestriction, Site

from editorial.translation import translate
from libraries.models import LibraryPage
from reading.models import MachineReading

from .conftest import INSIDE

pytestmark = pytest.mark.django_db


def offers(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    html = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in html.select("a[data-offer=machine-translation]")]


def setting():
    return MachineReading.for_site(Site.objects.get(is_default_site=True))


class TestTheNetworksSetting:
    def test_turned_off_it_is_neither_offered_nor_served(self, client, service, mt_url):
        assert offers(client, INSIDE) == [mt_url]
        chosen = setting()
        chosen.enabled = False
        chosen.save()
        assert offers(client, INSIDE) == []
        assert mt_url not in offers(client, "/ru/praktiki/")
        assert client.get(mt_url).status_code == 404
        assert service.requests == []

    def test_only_in_the_languages_chosen(self, client, service, english, mt_url):
        chosen = setting()
        chosen.languages.set([Locale.objects.get(language_code="fi")])
        assert offers(client, INSIDE) == []
        assert client.get(mt_url).status_code == 404
        chosen.languages.add(Locale.objects.get(language_code="ru"))
        assert client.get(mt_url).status_code == 200


class TestHiddenPagesAreNotFound:
    """The address is one more door of the rule for what the public may see."""

    def test_a_draft(self, client, service, english, mt_url):
        english.unpublish()
        assert client.get(mt_url).status_code == 404

    def test_a_private_page(self, client, service, english, mt_url):
        PageViewRestriction.objects.create(
            page=english, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        assert client.get(mt_url).status_code == 404

    def test_a_translation_of_a_restricted_original(
        self, client, service, english, mt_url
    ):
        polish = Page.objects.get(
            translation_key=english.translation_key, locale__language_code="pl"
        )
        PageViewRestriction.objects.create(
            page=polish, restriction_type=PageViewRestriction.LOGIN
        )
        assert client.get(mt_url).status_code == 404

    def test_a_page_under_an_unpublished_one(self, client, service, english, mt_url):
        Page.objects.filter(pk=english.get_parent().pk).update(live=False)
        assert client.get(mt_url).status_code == 404
        assert service.requests == []


class TestOtherAddresses:
    def test_a_bad_language(self, client, service, english):
        for code in ("xx", "de", "RU", "ru-x"):
            response = client.get(f"/{code}/machine-translation/{english.pk}/")
            assert response.status_code == 404, code
        assert service.requests == []

    def test_no_such_page(self, client, service):
        assert client.get("/ru/machine-translation/999999/").status_code == 404

    def test_a_page_that_is_not_a_story(self, client, service, home_pages):
        index = home_pages["en"].get_children().live().first()
        assert client.get(f"/ru/machine-translation/{index.pk}/").status_code == 404
        library = LibraryPage.objects.get(locale__language_code="pl", slug="bpmig-lazy")
        assert client.get(f"/ru/machine-translation/{library.pk}/").status_code == 404

    def test_a_story_translated_since_leads_to_its_translation(
        self, client, service, english, mt_url
    ):
        russian = translate(english, Locale.objects.get(language_code="ru"), {})
        response = client.get(mt_url)
        assert response.status_code == 302
        assert response["Location"] == russian.url
        assert service.requests == []

    def test_in_the_storys_own_language_it_is_the_story(self, client, english):
        response = client.get(f"/en/machine-translation/{english.pk}/")
        assert response.status_code == 302
        assert response["Location"] == english.url
