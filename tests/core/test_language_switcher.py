"""The switcher on a page that is translated into some languages only: each
language it exists in leads to its version, each other language to the page
read inside that language (core.localization.inside_url)."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import Locale, Page

from editorial.translation import translate


def render_switcher(page):
    request = RequestFactory().get(page.url, SERVER_NAME="localhost")
    template = Template("{% load core_tags %}{% language_switcher page %}")
    html = template.render(Context({"page": page, "request": request}))
    return {
        a["hreflang"]: a["href"]
        for a in BeautifulSoup(html, "html.parser").find_all("a")
    }


@pytest.mark.django_db
class TestLanguageSwitcher:
    def test_offers_every_language_the_others_inside_it(self, home_pages):
        about = home_pages["pl"].add_child(
            instance=Page(title="O sieci", slug="o-sieci")
        )
        about.save_revision().publish()
        english = translate(
            about, Locale.objects.get(language_code="en"), {"O sieci": "About"}
        )
        english.slug = "about"
        english.save_revision().publish()

        links = render_switcher(about)

        # Russian and Finnish readers get the English version (English comes
        # first among the other languages), read inside their own.
        assert links == {
            "pl": "/pl/o-sieci/",
            "en": "/en/about/",
            "ru": "/ru/about/",
            "fi": "/fi/about/",
        }

    def test_a_translation_that_is_not_live_is_read_inside_instead(
        self, home_pages, client
    ):
        about = home_pages["pl"].add_child(
            instance=Page(title="O sieci", slug="o-sieci")
        )
        about.save_revision().publish()
        english = translate(about, Locale.objects.get(language_code="en"), {})
        english.unpublish()

        assert render_switcher(about)["en"] == "/en/o-sieci/"
        response = client.get("/en/o-sieci/")
        assert response.status_code == 200
        assert b"O sieci" in response.content
