"""A reader reads a story not in their language machine translated, through
the LibreTranslate stand-in: inside the reader's site, labelled, with a
link back to the original, kept out of search engines, translated once per
published revision, and never a page, translation, sitemap entry, search
result or API item (reading/views.py, reading/translate.py)."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringTranslation, Translation

from reading.models import MachineReading
from tests.editorial.machine_translation import libretranslate_at

from .conftest import INSIDE, MARK, TITLE

pytestmark = pytest.mark.django_db


def read(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return response, BeautifulSoup(response.content, "html.parser")


class TestItIsOffered:
    def test_on_the_notice_of_a_story_read_inside_russian(
        self, client, service, mt_url
    ):
        _response, html = read(client, INSIDE)
        offer = html.select_one(".notice--language a[data-offer=machine-translation]")
        assert offer["href"] == mt_url
        assert offer.get_text(strip=True) == "Прочитать в машинном переводе"

    def test_on_the_card_of_a_story_not_yet_in_russian(self, client, service, mt_url):
        _response, html = read(client, "/ru/praktiki/")
        offers = {a["href"]: a for a in html.select(".card__language a")}
        assert mt_url in offers
        # Its hidden words name the story, in the story's language.
        named = offers[mt_url].select_one(".visually-hidden [lang]")
        assert (named["lang"], named.get_text()) == ("en", TITLE)

    def test_the_offers_of_a_list_cost_two_queries_however_many_cards(
        self, client, english
    ):
        def queries_of_the_list():
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/ru/praktiki/").status_code == 200
            return len(queries)

        MachineReading.for_site(Site.objects.get(is_default_site=True))
        queries_of_the_list()  # what a first request reads once
        without = queries_of_the_list()
        with libretranslate_at("http://127.0.0.1:9"):  # not asked
            # The setting and its languages, once for all the cards.
            assert queries_of_the_list() <= without + 2

    def test_not_without_a_machine_translator(self, client, english, mt_url):
        _response, html = read(client, INSIDE)
        assert not html.select("a[data-offer]")
        read(client, mt_url, status=404)


class TestAReaderReadsIt:
    def test_inside_the_russian_site_labelled_with_the_original_a_link_away(
        self, client, service, english, mt_url
    ):
        response, html = read(client, mt_url)
        # The site around it is Russian: language, menu, footer.
        assert html.html["lang"] == "ru"
        menu = [a.get_text(strip=True) for a in html.select(".main-navigation a")]
        assert "Лучшие практики" in menu
        assert "Сеть библиотек" in html.select_one(".site-footer").get_text()
        # Its text is the machine's, in Russian: no lang of its own.
        title = html.select_one("h1")
        assert title.get_text(strip=True) == f"{MARK}-ru {TITLE}"
        assert title.get("lang") is None
        assert html.select_one(".lead").get("lang") is None
        assert MARK in html.select_one(".body").get_text()
        # The label, in words (not a colour), in Russian.
        notice = html.select_one(".notice--machine")
        assert notice["role"] == "note"
        label = notice.select_one(".notice__label").get_text(strip=True)
        assert label == "Машинный перевод, не проверен"
        # "Show original": a plain link to the story read inside Russian.
        switch = notice.select_one("a[data-switch=original]")
        assert switch.get_text(strip=True) == "Показать оригинал"
        assert switch["href"] == INSIDE
        assert switch["hreflang"] == "en"
        # Kept out of search engines, in the page and in the header.
        assert html.select_one("meta[name=robots]")["content"] == "noindex"
        assert response["X-Robots-Tag"] == "noindex"
        assert "private" in response["Cache-Control"]
        # Asked once, from English (the version read inside) into Russian.
        (request,) = service.requests
        assert (request["json"]["source"], request["json"]["target"]) == ("en", "ru")
        assert TITLE in request["json"]["q"]

    def test_the_original_is_marked_with_its_language_and_offers_it_back(
        self, client, service, mt_url
    ):
        _response, html = read(client, INSIDE)
        assert html.select_one("h1")["lang"] == "en"
        assert html.select_one("h1").get_text(strip=True) == TITLE
        assert html.select_one("a[data-offer]")["href"] == mt_url
        assert service.requests == []

    def test_translated_once_per_published_revision(
        self, client, service, english, mt_url
    ):
        read(client, mt_url)
        read(client, mt_url)
        assert len(service.requests) == 1
        english.title = "Meetings in Łazy, revised"
        english.save_revision().publish()
        _response, html = read(client, mt_url)
        assert len(service.requests) == 2
        assert html.select_one("h1").get_text(strip=True) == (
            f"{MARK}-ru Meetings in Łazy, revised"
        )
        read(client, mt_url)
        assert len(service.requests) == 2

    def test_a_draft_is_not_what_readers_get(self, client, service, english, mt_url):
        english.title = "A draft title"
        english.save_revision()
        _response, html = read(client, mt_url)
        assert html.select_one("h1").get_text(strip=True) == f"{MARK}-ru {TITLE}"
        assert "A draft title" not in str(service.requests)

    def test_never_stored_as_a_page_or_a_translation(
        self, client, service, english, mt_url
    ):
        russian = Locale.objects.get(language_code="ru")
        before = (
            Page.objects.count(),
            Translation.objects.count(),
            StringTranslation.objects.count(),
            english.revisions.count(),
        )
        read(client, mt_url)
        assert not Page.objects.filter(
            translation_key=english.translation_key, locale=russian
        ).exists()
        after = (
            Page.objects.count(),
            Translation.objects.count(),
            StringTranslation.objects.count(),
            english.revisions.count(),
        )
        assert after == before

    def test_never_in_the_sitemap_search_or_api(self, client, service, english, mt_url):
        read(client, mt_url)
        sitemap = client.get("/sitemap.xml").content.decode()
        assert "machine-translation" not in sitemap
        assert MARK not in sitemap
        for language in ("ru", "en"):
            _response, found = read(client, f"/{language}/search/?q={MARK}")
            assert MARK not in found.select_one("main").get_text(" ").replace(
                f"«{MARK}»", ""
            ).replace(f"“{MARK}”", ""), language
            assert not found.select(".search-result, .card")
        api = client.get(f"/api/v2/pages/?search={MARK}").json()
        assert api["meta"]["total_count"] == 0
        api = client.get(
            f"/api/v2/pages/?translation_of={english.pk}&locale=ru&fields=title"
        )
        assert api.status_code == 200
        assert api.json()["meta"]["total_count"] == 0
        russian = client.get(
            "/api/v2/pages/?type=practices.PracticePage&locale=ru&fields=title,summary"
        )
        assert russian.status_code == 200
        assert MARK not in russian.content.decode()


class TestWhenTheServiceFails:
    def test_the_original_with_a_message_not_an_error(self, client, service, mt_url):
        service.fail_with = 503
        response, html = read(client, mt_url)
        assert html.select_one("h1").get_text(strip=True) == TITLE
        assert html.select_one("h1")["lang"] == "en"
        notice = html.select_one(".notice--machine").get_text(" ", strip=True)
        assert "Машинный перевод сейчас недоступен" in notice
        assert not html.select(".notice__label")
        assert response["X-Robots-Tag"] == "noindex"
        # Nothing kept: once the service is back, the reader gets the translation.
        service.fail_with = None
        _response, html = read(client, mt_url)
        assert html.select_one("h1").get_text(strip=True) == f"{MARK}-ru {TITLE}"

    def test_an_unreachable_service(self, client, english, mt_url):
        with libretranslate_at("http://127.0.0.1:9"):
            _response, html = read(client, mt_url)
        assert html.select_one("h1").get_text(strip=True) == TITLE
