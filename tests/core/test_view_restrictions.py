"""Wagtail's view restrictions hold on every door core/request_memo.py
shortcuts: the page, its children, an alias of it, an alias of an alias
(request_memo reads the restrictions once per request instead of asking
Wagtail's per-page query)."""

import pytest
from wagtail.models import Locale, PageViewRestriction

from projects.models import ProjectPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(db):
    english = Locale.objects.get(language_code="en")
    return ProjectPage.objects.get(locale=english, slug="podaj-dalej")


def restrict(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


def shows(client, page):
    """Whether an anonymous reader gets the page itself, not the password form."""
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return "password" not in response.content.decode().lower()


def test_an_unrestricted_page_its_child_and_its_alias_are_shown(client, project):
    alias = project.create_alias(update_slug="podaj-dalej-alias")
    child = project.get_children().live().first()
    assert shows(client, project)
    assert shows(client, child)
    assert shows(client, alias)


def test_a_restricted_page_its_child_and_its_aliases_are_not(client, project):
    alias = project.create_alias(update_slug="podaj-dalej-alias")
    alias_of_alias = alias.create_alias(update_slug="podaj-dalej-alias-2")
    child = project.get_children().live().first()
    restrict(project)
    for page in (project, child, alias, alias_of_alias):
        assert not shows(client, page), page.url


def test_a_restriction_on_the_alias_alone_is_as_wagtail_reads_it(client, project):
    """Wagtail checks an alias's source, not the alias: the same here."""
    alias = project.create_alias(update_slug="podaj-dalej-alias")
    restrict(alias)
    expected = alias.specific.get_view_restrictions().exists()
    assert shows(client, alias) is not expected
    assert shows(client, project)


def test_a_child_of_an_alias_of_a_restricted_section(client, project):
    restrict(project)
    alias = project.create_alias(update_slug="podaj-dalej-alias", recursive=True)
    alias_child = alias.get_children().live().first()
    assert alias_child is not None
    assert not shows(client, alias_child)


def test_the_translations_of_a_restricted_original_ask_its_password(client):
    """A password on the Polish original covers its translations: their
    readers get the same password form, and the password opens them."""
    original = ProjectPage.objects.get(locale__language_code="pl", slug="podaj-dalej")
    translations = [page.specific for page in original.get_translations()]
    children = [page.get_children().live().first() for page in translations]
    assert translations
    for page in [*translations, *children]:
        assert shows(client, page), page.url
    restrict(original)
    for page in [*translations, *children]:
        assert not shows(client, page), page.url
    response = client.post(
        _password_url(client, translations[0]),
        {"password": "secret", "return_url": translations[0].url},
    )
    assert response.status_code == 302
    for page in [original, *translations]:
        assert shows(client, page), page.url


def _password_url(client, page):
    """The address the password form of ``page`` posts to."""
    import re

    html = client.get(page.url).content.decode()
    return re.search(
        r'<form action="([^"]*authenticate_with_password[^"]*)"', html
    ).group(1)


def test_a_live_page_under_an_unpublished_one_is_not_served(client):
    project = ProjectPage.objects.get(locale__language_code="pl", slug="podaj-dalej")
    child = project.get_children().live().first()
    assert client.get(child.url).status_code == 200
    project.unpublish()
    child.refresh_from_db()
    assert child.live
    assert client.get(child.url).status_code == 404


def test_the_password_form_is_the_sites_in_the_readers_language(client):
    """Wagtail's password form inside the site's layout, in Russian for a
    Russian page, not indexed, naming nothing of the page it guards."""
    project = ProjectPage.objects.get(
        locale__language_code="ru", slug="onlain-shkola-nastavnichestva"
    )
    restrict(project)
    response = client.get(project.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ru"' in html
    assert "Требуется пароль" in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'class="site-search"' in html  # the site's header
    assert project.title not in html
    assert 'type="password"' in html
