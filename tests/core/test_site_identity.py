"""The site's identity (core.identity.SiteIdentity): every footer links the
accessibility statement, contact and privacy pages in the reader's language,
and only while the public may see them; the accent colour is refused when
white text on it would not reach 4.5:1, and reaches readers as a stylesheet
of the site's own origin; a chosen logo replaces the drawn one; only network
editors change any of it."""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, PageViewRestriction, Site

from core.identity import DEFAULT_ACCENT, SiteIdentity, contrast
from editorial.roles import MODERATORS, NETWORK_EDITORS
from information.models import AccessibilityStatementPage
from tests.factories import a_picture, user_in_group

pytestmark = pytest.mark.django_db

# A page of each kind, in Polish and in Russian (the last two not yet in
# Russian: read inside the Russian site).
PAGES = {
    "pl": [
        "/pl/",
        "/pl/dobre-praktyki/",
        "/pl/projekty/podaj-dalej/spotkania-w-lazach/",
        "/pl/search/?q=biblioteki",
        "/pl/kontakt/",
    ],
    "ru": [
        "/ru/",
        "/ru/praktiki/",
        "/ru/projects/podaj-dalej/meetings-in-lazy/",
        "/ru/search/?q=библиотеки",
        "/ru/kontakty/",
    ],
}
FOOTER = {
    "pl": {
        "/pl/deklaracja-dostepnosci/": "Deklaracja dostępności",
        "/pl/kontakt/": "Kontakt",
        "/pl/prywatnosc/": "Prywatność",
    },
    "ru": {
        "/ru/zayavlenie-o-dostupnosti/": "Заявление о доступности",
        "/ru/kontakty/": "Контакты",
        "/ru/konfidentsialnost/": "Конфиденциальность",
    },
}


def footer_links(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    footer = BeautifulSoup(response.content, "html.parser").select_one(
        "footer nav.site-footer__links"
    )
    return {
        a["href"]: a.get_text(strip=True)
        for a in footer.select("a:not(.site-footer__feed)")
    }


@pytest.mark.parametrize("language", ["pl", "ru"])
def test_every_footer_links_the_statement_contact_and_privacy_in_its_language(
    client, language
):
    for url in PAGES[language]:
        assert footer_links(client, url) == FOOTER[language], url


@pytest.mark.parametrize("language", ["pl", "ru"])
def test_every_footer_links_the_feed_of_new_stories_in_its_language(client, language):
    for url in PAGES[language]:
        footer = BeautifulSoup(client.get(url).content, "html.parser").select_one(
            "footer"
        )
        feed = footer.select_one("a.site-footer__feed")["href"]
        assert feed == f"/{language}/feed/", url
    response = client.get(feed)
    assert response.status_code == 200
    assert f"<language>{language}</language>" in response.content.decode()


def test_each_footer_page_answers_in_every_language(client):
    for language in FOOTER:
        for url in FOOTER[language]:
            assert client.get(url).status_code == 200, url
    for url in ("/en/accessibility-statement/", "/fi/saavutettavuusseloste/"):
        assert client.get(url).status_code == 200, url


def russian_statement():
    return AccessibilityStatementPage.objects.get(locale__language_code="ru")


def test_a_statement_not_in_russian_is_linked_inside_the_russian_site(client):
    russian_statement().unpublish()
    links = footer_links(client, "/ru/")
    # The English statement (FALLBACK_LANGUAGES first), read inside /ru/.
    assert links["/ru/accessibility-statement/"] == "Accessibility statement"
    assert "/ru/zayavlenie-o-dostupnosti/" not in links
    assert client.get("/ru/accessibility-statement/").status_code == 200


def test_the_russian_statement_is_linked_while_the_chosen_polish_one_is_not_live(
    client,
):
    """The settings name the statement in the site's first language; its
    being unpublished hides only that version."""
    AccessibilityStatementPage.objects.get(locale__language_code="pl").unpublish()
    links = footer_links(client, "/ru/")
    assert links["/ru/zayavlenie-o-dostupnosti/"] == "Заявление о доступности"
    assert "/pl/deklaracja-dostepnosci/" not in footer_links(client, "/pl/")


def test_a_statement_the_public_may_not_see_is_not_linked(client):
    for statement in AccessibilityStatementPage.objects.all():
        statement.unpublish()
    for language in FOOTER:
        links = footer_links(client, f"/{language}/")
        assert len(links) == 2
        assert not any("dost" in url or "dostupnosti" in url for url in links)


def test_a_private_statement_is_not_linked(client):
    PageViewRestriction.objects.create(
        page=Page.objects.get(pk=russian_statement().pk),
        restriction_type=PageViewRestriction.LOGIN,
    )
    links = footer_links(client, "/ru/")
    assert "/ru/zayavlenie-o-dostupnosti/" not in links
    # Another language's version stands in, as for an untranslated page.
    assert "/ru/accessibility-statement/" in links


# The colour ------------------------------------------------------------------


def settings_url():
    site = Site.objects.get(is_default_site=True)
    return f"/admin/settings/core/siteidentity/{site.pk}/"


def identity_form(client, **changes):
    """The settings form's own fields as the admin shows them, changed."""
    response = client.get(settings_url())
    assert response.status_code == 200
    form = next(
        form
        for form in BeautifulSoup(response.content, "html.parser").select("form")
        if form.select_one("[name=accent_colour]")
    )
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "select":
            chosen = field.select_one("option[selected]")
            data[field["name"]] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            data[field["name"]] = field.get_text()
        else:
            data[field["name"]] = field.get("value", "")
    data.update(changes)
    return data


@pytest.fixture
def coordinator(client):
    client.force_login(user_in_group(NETWORK_EDITORS, "coordinator"))
    return client


def stylesheet_links(client):
    html = client.get("/pl/").content.decode()
    return re.findall(r'href="(/site-colours\.css\?v=\w+)"', html)


@pytest.mark.parametrize(
    ("colour", "message"),
    [
        # The admin speaks the site's first language, Polish.
        ("#ffd700", "ma kontrast 1.4:1"),  # gold: white text unreadable on it
        ("#0b5c8", "sześć cyfr szesnastkowych"),
        ("blue", "sześć cyfr szesnastkowych"),
    ],
)
def test_a_colour_white_text_cannot_be_read_on_is_refused(
    coordinator, client, colour, message
):
    response = client.post(settings_url(), identity_form(client, accent_colour=colour))
    assert response.status_code == 200
    assert message in response.content.decode()
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    assert identity.accent_colour == DEFAULT_ACCENT
    client.logout()
    assert stylesheet_links(client) == []


def test_a_dark_colour_reaches_readers_as_a_same_origin_stylesheet(coordinator, client):
    response = client.post(
        settings_url(), identity_form(client, accent_colour="#6a1b4d")
    )
    assert response.status_code == 302
    client.logout()
    [link] = stylesheet_links(client)
    css = client.get(link)
    assert css.status_code == 200
    assert css["Content-Type"].startswith("text/css")
    assert "--accent: #6a1b4d;" in css.content.decode()
    assert "immutable" in css["Cache-Control"]
    # Each shade it derives still carries white text (buttons, the header).
    shades = dict(re.findall(r"--([\w-]+): (#\w{6})", css.content.decode()))
    assert contrast(shades["accent-dark"], "#ffffff") >= 4.5
    assert contrast(shades["accent-tint"], "#1b1b1b") >= 4.5


def test_the_default_colour_costs_no_stylesheet(client):
    assert stylesheet_links(client) == []


def test_a_chosen_logo_replaces_the_drawn_one(client):
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.logo = a_picture()
    identity.save()
    header = BeautifulSoup(client.get("/ru/").content, "html.parser").select_one(
        ".site-name"
    )
    logo = header.select_one("img")
    assert "site-name__logo--chosen" in logo["class"]
    assert logo["src"].startswith("/media/images/")
    assert logo["alt"] == ""  # the site's name follows it
    assert client.get(logo["src"]).status_code == 200


def test_only_network_editors_change_the_site_identity(client):
    client.force_login(user_in_group(MODERATORS, "moderator"))
    response = client.post(settings_url(), {"accent_colour": "#6a1b4d"})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/" in response["Location"]
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    assert identity.accent_colour == DEFAULT_ACCENT


# Kept across requests (core.request_memo) ---------------------------------------


def test_a_footer_read_before_a_change_is_read_again_after_it(client):
    """The footer's pages are kept between requests; a page of theirs made
    private, or the identity's choice changed, is seen on the next one."""
    assert "/ru/zayavlenie-o-dostupnosti/" in footer_links(client, "/ru/")
    PageViewRestriction.objects.create(
        page=Page.objects.get(pk=russian_statement().pk),
        restriction_type=PageViewRestriction.LOGIN,
    )
    assert "/ru/zayavlenie-o-dostupnosti/" not in footer_links(client, "/ru/")

    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.contact_page = None
    identity.save()
    assert "/ru/kontakty/" not in footer_links(client, "/ru/")


def test_a_logo_chosen_after_a_page_was_served_is_on_the_next(client):
    client.get("/ru/")
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.logo = a_picture()
    identity.save()
    header = BeautifulSoup(client.get("/ru/").content, "html.parser")
    assert "site-name__logo--chosen" in header.select_one(".site-name img")["class"]
