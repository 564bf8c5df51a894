"""A story not yet in the reader's language opens inside it: under the
reader's prefix, with the site in the reader's language around its text,
which is marked with its own (core.localization.route_inside)."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page, PageViewRestriction

from editorial.translation import translate
from practices.models import PracticePage

pytestmark = pytest.mark.django_db

# "Podaj dalej" meetings in Łazy: in Polish and English, not in Russian.
INSIDE = "/ru/projects/podaj-dalej/meetings-in-lazy/"
TITLE = "“Podaj dalej” meetings in Łazy"


def read(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def the_practice(language):
    polish = PracticePage.objects.get(
        locale__language_code="pl", slug="spotkania-w-lazach"
    )
    return PracticePage.objects.get(
        translation_key=polish.translation_key, locale__language_code=language
    )


class TestAStoryNotYetInRussian:
    def test_its_card_on_the_russian_list_leads_under_ru(self, client):
        html = read(client, "/ru/praktiki/")
        links = {a.get_text(strip=True): a["href"] for a in html.select(".card a")}
        assert links[TITLE] == INSIDE

    def test_it_opens_inside_the_russian_site(self, client):
        html = read(client, INSIDE)
        assert html.html["lang"] == "ru"
        # Its own text is marked with its language.
        assert html.select_one("h1").get_text(strip=True) == TITLE
        assert html.select_one("h1")["lang"] == "en"
        assert html.select_one(".lead")["lang"] == "en"
        # The site around it is Russian: menu, site name, breadcrumbs.
        menu = [a.get_text(strip=True) for a in html.select(".main-navigation a")]
        assert "Лучшие практики" in menu
        assert html.select_one(".site-name").get_text(strip=True) == "Сеть библиотек"
        crumbs = [a["href"] for a in html.select(".breadcrumbs a")]
        assert crumbs[:2] == ["/ru/", "/ru/proekty/"]

    def test_a_notice_names_its_language_and_the_languages_it_exists_in(self, client):
        notice = read(client, INSIDE).select_one(".notice--language")
        text = notice.get_text(" ", strip=True)
        assert "английском" in text or "английский" in text, text
        versions = {a["hreflang"]: a["href"] for a in notice.select("a")}
        assert versions == {
            "pl": "/pl/projekty/podaj-dalej/spotkania-w-lazach/",
            "en": "/en/projects/podaj-dalej/meetings-in-lazy/",
        }

    def test_no_link_leads_out_of_russian_but_to_its_other_versions(self, client):
        html = read(client, INSIDE)
        for chosen in html.select(".notice--language, .language-switcher"):
            chosen.decompose()
        links = [a["href"] for a in html.select("a[href^='/']")]
        assert links and all(link.startswith("/ru/") for link in links), links

    def test_the_switcher_offers_every_language_russian_current(self, client):
        html = read(client, INSIDE)
        links = {a["hreflang"]: a for a in html.select(".language-switcher a")}
        assert set(links) == {"pl", "en", "ru", "fi"}
        assert links["ru"]["href"] == INSIDE
        assert links["ru"].get("aria-current") == "true"
        assert links["en"]["href"] == "/en/projects/podaj-dalej/meetings-in-lazy/"

    def test_its_canonical_address_is_its_own_on_the_readers_host(self, client):
        html = read(client, INSIDE)
        canonical = html.select_one("link[rel=canonical]")["href"]
        assert (
            canonical == "http://testserver/en/projects/podaj-dalej/meetings-in-lazy/"
        )
        assert html.select("link[rel=alternate][hreflang]") == []

    def test_once_translated_its_address_leads_to_the_translation(self, client):
        english = the_practice("en")
        russian = translate(
            english, Locale.objects.get(language_code="ru"), {TITLE: "Встречи в Лазах"}
        )
        response = client.get(INSIDE)
        assert response.status_code == 302
        assert response["Location"] == russian.url
        assert read(client, russian.url).select_one("h1").get("lang") is None


class TestNothingHiddenIsReadInside:
    """The address inside another language is one more door: the rule for
    what the public may see holds there as at the page's own address."""

    def test_a_draft_is_not_found(self, client):
        the_practice("en").unpublish()
        the_practice("pl").unpublish()
        read(client, INSIDE, status=404)

    def test_a_private_page_asks_for_its_password_and_shows_nothing(self, client):
        english = the_practice("en")
        PageViewRestriction.objects.create(
            page=english, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        html = read(client, INSIDE)
        assert html.select_one("input[type=password]")
        assert TITLE not in html.get_text()

    def test_a_page_under_an_unpublished_one_is_not_found(self, client):
        project = the_practice("en").get_parent()
        Page.objects.filter(pk=project.pk).update(live=False)
        read(client, INSIDE, status=404)

    def test_an_unpublished_translation_is_not_offered_as_the_readers(self, client):
        """A Russian draft of the story: the address inside Russian keeps
        showing the public version, and does not lead to the draft."""
        english = the_practice("en")
        russian = translate(english, Locale.objects.get(language_code="ru"), {})
        russian.unpublish()
        html = read(client, INSIDE)
        assert html.select_one("h1")["lang"] == "en"


class TestHomePagesFillTheirSections:
    def test_the_russian_home_shows_stories_not_yet_in_russian(self, client):
        html = read(client, "/ru/")
        cards = html.select(".card__title a")
        assert len(cards) > 3
        inside = [a for a in cards if a.find_parent(attrs={"lang": True})]
        assert inside, "no story in another language on the Russian home page"
        assert all(a["href"].startswith("/ru/") for a in cards)
