"""The site's feed of new stories, one per language (core.feeds.SiteFeed):
what it lists, in which language, and what it never lists. The matrix
(tests/core/test_hidden_matrix.py, the site-feed door) holds it to every
hidden state; here, the cases of its own."""

from collections import defaultdict

import feedparser
import pytest
from wagtail.models import Locale, Page, PageViewRestriction

from core.feeds import SITE_FEED_LENGTH
from core.localization import fallback_order
from editorial.translation import translate
from practices.models import PracticePage
from projects.models import ProjectPage, TestimonialPage
from tutorials.models import TutorialPage

pytestmark = pytest.mark.django_db

STORIES = (ProjectPage, PracticePage, TestimonialPage, TutorialPage)


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return response, feed


def titles(feed):
    return {entry.title for entry in feed.entries}


def shown_to(language):
    """The titles of the live, public stories a reader of ``language`` is
    shown: one version of each, in ``language`` where there is one, else
    in the first language of ``fallback_order`` it is in (as the lists)."""
    order = [language, *fallback_order(Locale.objects.get(language_code=language))]
    versions = defaultdict(dict)
    for model in STORIES:
        for page in model.objects.live().public().select_related("locale"):
            versions[page.translation_key][page.locale.language_code] = page.title
    shown = {next(v[code] for code in order if code in v) for v in versions.values()}
    assert len(shown) < SITE_FEED_LENGTH, "the demo fits in one feed"
    return shown


def test_the_polish_feed_lists_the_new_stories_of_every_kind(client):
    response, feed = read(client, "/pl/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"
    assert feed.feed.language == "pl"
    assert feed.feed.title == "Nowe historie · Sieć bibliotek"
    assert feed.feed.link == "http://testserver/pl/"
    assert feed.feed.subtitle.startswith("Projekty, dobre praktyki")
    kinds = {entry.tags[0].term for entry in feed.entries}
    assert kinds == {"Projekt", "Dobra praktyka", "Wypowiedź", "Film instruktażowy"}
    assert titles(feed) == shown_to("pl")
    dates = [entry.published_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True), "newest first"
    practice = PracticePage.objects.live().get(locale__language_code="pl")
    entry = next(e for e in feed.entries if e.title == practice.title)
    assert entry.link == f"http://testserver{practice.url}"
    assert entry.summary == practice.summary


def test_the_russian_feed_reads_inside_russian(client):
    """Stories not yet in Russian are listed in the version the Russian
    lists show (English first), marked with its language and linked inside
    Russian: every link answers, under /ru/."""
    response, feed = read(client, "/ru/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10"
    assert feed.feed.language == "ru"
    assert feed.feed.title == "Новые истории · Сеть библиотек"
    assert titles(feed) == shown_to("ru")
    russian = {p.title for p in ProjectPage.objects.filter(locale__language_code="ru")}
    languages = {entry.title: entry.title_detail.language for entry in feed.entries}
    assert {title for title, code in languages.items() if code == "ru"} == russian
    assert {code for title, code in languages.items() if title not in russian} == {"en"}
    for entry in feed.entries:
        assert entry.link.startswith("http://testserver/ru/"), entry.link
        page = client.get(entry.link)
        assert page.status_code == 200, entry.link
        assert entry.title in page.content.decode()


def test_a_translation_takes_its_sources_place(client):
    polish = ProjectPage.objects.get(locale__language_code="pl", slug="podaj-dalej")
    translate(
        polish, Locale.objects.get(language_code="fi"), {polish.title: "Anna eteenpäin"}
    )
    _response, feed = read(client, "/fi/feed/")
    assert "Anna eteenpäin" in titles(feed)
    assert "“Podaj dalej” micro-grants" not in titles(feed)


def test_nothing_hidden_is_listed(client):
    """A draft, an unpublished story, a story under a password and, with
    it, its translations: none is listed in any language."""
    practice = PracticePage.objects.live().get(locale__language_code="pl")
    project = ProjectPage.objects.get(locale__language_code="pl", slug="podaj-dalej")
    restricted = {
        page.title
        for page in Page.objects.filter(
            translation_key__in=[project.translation_key]
        ).live()
    }
    tutorial = TutorialPage.objects.live().filter(locale__language_code="pl").first()
    live_title = tutorial.title
    before = {
        language: titles(read(client, f"/{language}/feed/")[1])
        for language in ("pl", "en")
    }
    assert practice.title in before["pl"] and live_title in before["pl"]
    assert restricted & before["pl"] and restricted & before["en"]

    practice.unpublish()
    draft = tutorial.get_latest_revision_as_object()
    draft.title = "Szkic, którego nikt nie widzi"
    draft.save_revision()
    PageViewRestriction.objects.create(
        page=project,
        restriction_type="password",
        password="secret",  # noqa: S106
    )
    for language in ("pl", "en"):
        after = titles(read(client, f"/{language}/feed/")[1])
        assert practice.title not in after
        assert not restricted & after, language
        assert "Szkic, którego nikt nie widzi" not in after
    assert live_title in titles(read(client, "/pl/feed/")[1]), "the live version"


def test_a_language_without_a_home_page_has_no_feed(client):
    Page.objects.filter(locale__language_code="fi", depth=2).first().unpublish()
    assert client.get("/fi/feed/").status_code == 404
    assert client.get("/fi/feed/atom/").status_code == 404
    assert client.post("/pl/feed/").status_code == 405
