"""The translation dashboard: the demo's content by locale, in the admin.

What its rows and cells show for the demo, for translations made without
wagtail-localize, its filters, and how many queries it takes. Progress and
outdated translations are in test_dashboard_progress.py, who may see it in
test_dashboard_access.py.
"""

from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Audience
from editorial.dashboard import TranslationDashboardView
from editorial.translation import translate
from projects.models import ProjectPage

from .dashboard_pages import cell, get, new_project, statuses, table, text


@pytest.fixture
def russian_project(demo):
    return ProjectPage.objects.get(
        locale__language_code="ru", slug="onlain-shkola-nastavnichestva"
    )


@pytest.mark.django_db
class TestTheDemoState:
    def test_seed_stories_by_language(
        self, admin_client, polish_project, russian_project
    ):
        response = get(admin_client)
        assert response.status_code == 200
        assert statuses(response, polish_project) == {
            "pl": "source",
            "en": "up_to_date",
            "ru": "missing",
            "fi": "missing",
        }
        assert statuses(response, russian_project) == {
            "pl": "missing",
            "en": "up_to_date",
            "ru": "source",
            "fi": "missing",
        }

    def test_cells_link_to_what_wagtail_localize_offers(
        self, admin_client, polish_project, locales
    ):
        response = get(admin_client)
        missing = cell(response, polish_project, "fi")
        assert "Missing" in text(missing)
        translate_url = reverse(
            "wagtail_localize:submit_page_translation", args=[polish_project.id]
        )
        assert f'href="{translate_url}?select_locale=fi"' in missing
        # The link opens wagtail-localize's form with Finnish chosen.
        form = admin_client.get(f"{translate_url}?select_locale=fi")
        assert form.status_code == 200

        english = polish_project.get_translation(locales["en"])
        up_to_date = cell(response, polish_project, "en")
        assert "Up to date" in text(up_to_date)
        edit_url = reverse("wagtailadmin_pages:edit", args=[english.id])
        assert f'href="{edit_url}"' in up_to_date
        assert "Source" in text(cell(response, polish_project, "pl"))

    def test_snippets_are_rows_too(self, admin_client, locales):
        seniors = Audience.objects.get(locale=locales["pl"], slug="seniors")
        response = get(admin_client, "?type=core.audience")
        assert statuses(response, seniors) == {
            "pl": "source",
            "en": "up_to_date",
            "ru": "up_to_date",
            "fi": "up_to_date",
        }
        english = seniors.get_translation(locales["en"])
        assert f'href="/admin/snippets/core/audience/edit/{english.pk}/"' in cell(
            response, seniors, "en"
        )

    def test_rows_are_paginated(self, admin_client):
        first = table(get(admin_client))
        second = table(get(admin_client, "?p=2"))
        assert len(first) == TranslationDashboardView.paginate_by
        assert second and not set(first) & set(second)


@pytest.mark.django_db
class TestTranslationsMadeOtherwise:
    def test_a_copy_without_wagtail_localize_is_not_synced(
        self, admin_client, russian_project, locales
    ):
        copy = russian_project.copy_for_translation(locales["pl"])
        response = get(admin_client)
        assert statuses(response, russian_project)["pl"] == "not_synced"
        assert "Not synced" in text(cell(response, russian_project, "pl"))
        assert 'href="{}"'.format(
            reverse("wagtailadmin_pages:edit", args=[copy.id])
        ) in cell(response, russian_project, "pl")

    def test_an_alias_is_not_a_translation(
        self, admin_client, russian_project, locales
    ):
        russian_project.copy_for_translation(locales["fi"], alias=True)
        response = get(admin_client)
        assert statuses(response, russian_project)["fi"] == "missing"
        assert "alias of the original" in text(cell(response, russian_project, "fi"))


@pytest.mark.django_db
class TestFilters:
    def test_by_locale(self, admin_client, polish_project):
        response = get(admin_client, "?locale=fi")
        assert response.status_code == 200
        rows = table(response)
        assert rows
        assert all(set(cells) == {"fi"} for cells in rows.values())
        assert statuses(response, polish_project) == {"fi": "missing"}
        assert '<option value="fi" selected>' in response.content.decode()

    def test_by_content_type(self, admin_client, polish_project, locales):
        response = get(admin_client, "?type=core.audience")
        assert response.status_code == 200
        keys = set(table(response))
        assert keys == {
            str(key)
            for key in Audience.objects.filter(locale=locales["pl"]).values_list(
                "translation_key", flat=True
            )
        }
        assert str(polish_project.translation_key) not in keys

    def test_both_with_pagination_links_keeping_them(self, admin_client, locales):
        for n in range(TranslationDashboardView.paginate_by):
            new_project(locales, n)
        response = get(admin_client, "?type=projects.projectpage&locale=en")
        assert len(table(response)) == TranslationDashboardView.paginate_by
        html = unescape(response.content.decode())
        assert "?type=projects.projectpage&locale=en&p=2" in html
        second = table(get(admin_client, "?type=projects.projectpage&locale=en&p=2"))
        assert second and all(set(cells) == {"en"} for cells in second.values())

    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ("?locale=xx", "Unknown language: “xx”."),
            ("?type=projects.nothing", "Unknown content type: “projects.nothing”."),
        ],
    )
    def test_an_unknown_value_is_a_bad_request(self, admin_client, query, message):
        response = get(admin_client, query)
        assert response.status_code == 400
        html = unescape(response.content.decode())
        assert message in html
        assert '<table class="listing translations-dashboard">' not in html
        assert not table(response)


def add_translated_projects(locales, count):
    for n in range(count):
        page = new_project(locales, n)
        translate(
            page,
            locales["en"],
            {page.title: f"Test project {n}"},
            keep_the_rest=n % 2 == 0,
        )
        if n % 3 == 0:
            translate(page, locales["ru"], {page.title: f"Пробный проект {n}"})
        if n % 4 == 0:
            page.copy_for_translation(locales["fi"])
        if n % 5 == 0:
            page.summary = f"Zmieniony opis {n}."
            page.save_revision().publish()


def count_queries(client, query):
    get(client, query)  # caches (content types, permissions) are warm
    with CaptureQueriesContext(connection) as queries:
        response = get(client, query)
    assert response.status_code == 200
    return len(queries), len(table(response))


@pytest.mark.django_db
class TestQueryCount:
    def test_projects_filter(self, admin_client, locales):
        before, rows_before = count_queries(admin_client, "?type=projects.projectpage")
        add_translated_projects(locales, 20)
        after, rows_after = count_queries(admin_client, "?type=projects.projectpage")
        assert rows_after == rows_before + 20
        assert after == before

    def test_everything_on_one_page(self, admin_client, locales, monkeypatch):
        monkeypatch.setattr(TranslationDashboardView, "paginate_by", 1000)
        before, rows_before = count_queries(admin_client, "")
        add_translated_projects(locales, 20)
        after, rows_after = count_queries(admin_client, "")
        assert rows_after == rows_before + 20
        assert after == before
