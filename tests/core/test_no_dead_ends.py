"""Content not yet translated into the reader's language is still listed."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from editorial.translation import translate
from projects.models import ProjectPage

pytestmark = pytest.mark.django_db


def cards(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return {
        title.get_text(strip=True): title.get("lang")
        for title in html.select(".card__title")
    }


def test_untranslated_projects_are_listed_in_english_and_marked(client):
    found = cards(client, "/fi/hankkeet/")
    assert found["Kirjastoväki digitaitoisemmaksi ja verkottumaan digituessa"] is None
    assert found["“Podaj dalej” micro-grants"] == "en"
    assert found["Online School of Library Mentoring"] == "en"
    html = client.get("/fi/hankkeet/", HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "englanti" in html.lower()  # "In English", said in Finnish


def test_each_project_is_listed_once_in_the_best_language(client):
    found = cards(client, "/ru/proekty/")
    polish_origin = ProjectPage.objects.get(
        locale__language_code="pl", slug="podaj-dalej"
    )
    titles_of_it = [
        page.title
        for page in ProjectPage.objects.filter(
            translation_key=polish_origin.translation_key
        )
    ]
    assert len([title for title in found if title in titles_of_it]) == 1


def test_once_translated_only_the_translation_is_listed(client):
    polish = ProjectPage.objects.get(locale__language_code="pl", slug="podaj-dalej")
    translate(
        polish, Locale.objects.get(language_code="fi"), {polish.title: "Anna eteenpäin"}
    )
    found = cards(client, "/fi/hankkeet/")
    assert found["Anna eteenpäin"] is None
    assert "“Podaj dalej” micro-grants" not in found


def test_a_draft_in_another_language_is_not_listed(client):
    english = ProjectPage.objects.get(locale__language_code="en", slug="podaj-dalej")
    english.unpublish()
    found = cards(client, "/fi/hankkeet/")
    # Then the Polish original stands in for it.
    assert "“Podaj dalej” micro-grants" not in found
    assert found["Mikrogranty „Podaj dalej”"] == "pl"


def test_the_language_switcher_offers_every_language(client):
    html = BeautifulSoup(
        client.get("/ru/proekty/onlain-shkola-nastavnichestva/").content, "html.parser"
    )
    offered = {a["hreflang"]: a["href"] for a in html.select(".language-switcher a")}
    assert offered == {
        "ru": "/ru/proekty/onlain-shkola-nastavnichestva/",
        "en": "/en/projects/online-mentoring-school/",
        # Not in Polish nor Finnish: the English version, read inside them.
        "pl": "/pl/projects/online-mentoring-school/",
        "fi": "/fi/projects/online-mentoring-school/",
    }
