"""The switcher on a page that is translated into some languages only."""

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
    def test_offers_only_the_languages_the_page_exists_in(self, home_pages):
        about = home_pages["pl"].add_child(
            instance=Page(title="O sieci", slug="o-sieci")
        )
        about.save_revision().publish()
        translate(about, Locale.objects.get(language_code="en"), {"O sieci": "About"})

        links = render_switcher(about)

        assert links == {"pl": "/pl/o-sieci/", "en": "/en/o-sieci/"}

    def test_skips_a_translation_that_is_not_live(self, home_pages):
        about = home_pages["pl"].add_child(
            instance=Page(title="O sieci", slug="o-sieci")
        )
        about.save_revision().publish()
        english = translate(about, Locale.objects.get(language_code="en"), {})
        english.unpublish()

        assert "en" not in render_switcher(about)
