import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
class TestHomePage:
    @pytest.mark.parametrize("code", LANGUAGE_CODES)
    def test_renders_in_its_language(self, client, home_pages, code):
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        html = soup(response)
        assert html.html["lang"] == code
        assert html.h1.get_text(strip=True) == home_pages[code].title

    @pytest.mark.parametrize("code", LANGUAGE_CODES)
    def test_links_every_translation_and_x_default(self, client, demo, code):
        html = soup(client.get(f"/{code}/"))
        alternates = {
            link["hreflang"]: link["href"]
            for link in html.find_all("link", rel="alternate", hreflang=True)
        }
        assert set(alternates) == {*LANGUAGE_CODES, "x-default"}
        for other in LANGUAGE_CODES:
            assert re.fullmatch(rf"https?://[^/]+/{other}/", alternates[other])
        assert alternates["x-default"] == alternates[settings.LANGUAGE_CODE]

    @pytest.mark.parametrize("code", LANGUAGE_CODES)
    def test_switcher_names_each_language_in_itself(self, client, demo, code):
        html = soup(client.get(f"/{code}/"))
        links = html.select("nav.language-switcher a")
        assert [a["hreflang"] for a in links] == LANGUAGE_CODES
        assert [a["lang"] for a in links] == LANGUAGE_CODES
        assert [a.get_text(strip=True) for a in links] == [
            "polski",
            "English",
            "Русский",
            "suomi",
        ]
        assert [a["href"] for a in links] == [f"/{other}/" for other in LANGUAGE_CODES]
        current = html.select('nav.language-switcher a[aria-current="true"]')
        assert [a["hreflang"] for a in current] == [code]

    def test_skip_link_leads_to_main_content(self, client, demo):
        html = soup(client.get("/en/"))
        skip = html.find("a", class_="skip-link")
        assert skip["href"] == "#main"
        assert html.find("main", id="main") is not None

    def test_interface_strings_follow_the_language(self, client, demo):
        polish = soup(client.get("/pl/")).find("a", class_="skip-link").get_text()
        russian = soup(client.get("/ru/")).find("a", class_="skip-link").get_text()
        english = soup(client.get("/en/")).find("a", class_="skip-link").get_text()
        assert len({polish, russian, english}) == 3

    def test_unknown_address_is_a_404_in_the_language(self, client, demo):
        response = client.get("/fi/no-such-page/")
        assert response.status_code == 404
        assert soup(response).html["lang"] == "fi"


@pytest.mark.django_db
class TestRootRedirect:
    @pytest.mark.parametrize(
        ("accept_language", "expected"),
        [
            ("ru-RU,ru;q=0.9,en;q=0.5", "/ru/"),
            ("fi-FI,fi;q=0.9", "/fi/"),
            ("en-GB,en;q=0.8", "/en/"),
            ("pl", "/pl/"),
            ("de-DE,de;q=0.9", "/pl/"),
        ],
    )
    def test_follows_accept_language(self, client, demo, accept_language, expected):
        response = client.get("/", headers={"accept-language": accept_language})
        assert response.status_code == 302
        assert response["Location"] == expected

    def test_without_a_preference_goes_to_the_default_language(self, client, demo):
        response = client.get("/")
        assert response["Location"] == f"/{settings.LANGUAGE_CODE}/"
