"""The translation dashboard: the demo's content by locale, in the admin."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, ModelLogEntry, PageLogEntry
from wagtail_localize.models import Translation, TranslationSource

from core.models import Audience
from core.translation import translate
from home.models import HomePage
from projects.models import ProjectIndexPage, ProjectPage
from tests.factories import ProjectPageFactory
from translations.dashboard import TranslationDashboardView

URL = "/admin/translations/"
ROW = re.compile(r'<tr data-translation-key="([^"]+)">(.*?)</tr>', re.S)
CELL = re.compile(r'<td data-locale="(\w+)" data-status="(\w+)">(.*?)</td>', re.S)


def get(client, query=""):
    return client.get(URL + query, headers={"accept-language": "en"})


def table(response):
    """{translation key: {locale code: (status, the cell's HTML)}}."""
    html = response.content.decode()
    return {
        key: {code: (status, body) for code, status, body in CELL.findall(row)}
        for key, row in ROW.findall(html)
    }


def statuses(response, instance):
    return {
        code: status
        for code, (status, _body) in table(response)[
            str(instance.translation_key)
        ].items()
    }


def cell(response, instance, code):
    return unescape(table(response)[str(instance.translation_key)][code][1])


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def polish_project(demo):
    return ProjectPage.objects.get(locale__language_code="pl", slug="biblioteka-online")


@pytest.fixture
def russian_project(demo):
    return ProjectPage.objects.get(
        locale__language_code="ru", slug="onlain-shkola-nastavnichestva"
    )


def new_project(locales, n):
    index = ProjectIndexPage.objects.get(locale=locales["pl"])
    page = ProjectPageFactory(
        parent=index,
        title=f"Projekt próbny {n}",
        slug=f"projekt-probny-{n}",
        summary=f"Opis projektu próbnego {n}.",
    )
    page.save_revision().publish()
    return page


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
class TestOutdatedTranslations:
    def change_the_source(self, page, summary):
        page.summary = summary
        page.save_revision().publish()
        return PageLogEntry.objects.filter(page=page, action="wagtail.publish").latest(
            "timestamp"
        )

    def test_a_published_change_makes_the_translation_outdated(
        self, admin_client, polish_project
    ):
        entry = self.change_the_source(polish_project, "Nowy opis programu.")
        source = TranslationSource.objects.get_for_instance(polish_project)
        assert entry.timestamp > source.last_updated_at

        response = get(admin_client)
        assert statuses(response, polish_project)["en"] == "outdated"
        english = cell(response, polish_project, "en")
        since = timezone.localtime(entry.timestamp).isoformat()
        assert f'<time datetime="{since}">' in english
        assert "Outdated since" in text(english)
        sync_url = reverse("wagtail_localize:update_translations", args=[source.id])
        assert f'href="{sync_url}?next=' in english
        # Locales without a translation are still just missing.
        assert statuses(response, polish_project)["fi"] == "missing"

    def test_a_draft_is_not_what_a_sync_takes(self, admin_client, polish_project):
        polish_project.summary = "Szkic, jeszcze nieopublikowany."
        polish_project.save_revision()

        response = get(admin_client)
        assert statuses(response, polish_project)["en"] == "up_to_date"
        html = response.content.decode()
        assert "Has unpublished changes" in html

    def test_syncing_and_publishing_brings_the_change(
        self,
        admin_client,
        polish_project,
        locales,
        django_capture_on_commit_callbacks,
    ):
        self.change_the_source(polish_project, "Nowy opis programu.")
        source = TranslationSource.objects.get_for_instance(polish_project)
        sync_url = reverse("wagtail_localize:update_translations", args=[source.id])
        form = admin_client.get(f"{sync_url}?next={URL}")
        assert form.status_code == 200
        assert 'name="publish_translations"' in form.content.decode()

        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                f"{sync_url}?next={URL}", {"publish_translations": "on"}
            )
        assert response.status_code == 302
        assert response["Location"] == URL

        # The English page is published with the new text in Polish, the
        # source's, until someone translates it.
        english = polish_project.get_translation(locales["en"]).specific
        assert english.summary == "Nowy opis programu."
        assert english.live_revision.as_object().summary == "Nowy opis programu."
        assert not english.has_unpublished_changes
        translation = Translation.objects.get(
            source=source, target_locale=locales["en"]
        )
        total, translated = translation.get_progress()
        assert translated == total - 1

        response = get(admin_client)
        assert statuses(response, polish_project)["en"] == "in_progress"
        assert f"In progress: {translated * 100 // total}%" in text(
            cell(response, polish_project, "en")
        )

    def test_syncing_without_publishing_leaves_the_page_to_the_translator(
        self, admin_client, polish_project, locales
    ):
        english = polish_project.get_translation(locales["en"]).specific
        old_summary = english.summary
        self.change_the_source(polish_project, "Nowy opis programu.")
        source = TranslationSource.objects.get_for_instance(polish_project)
        sync_url = reverse("wagtail_localize:update_translations", args=[source.id])

        response = admin_client.post(f"{sync_url}?next={URL}", {})
        assert response.status_code == 302

        english.refresh_from_db()
        assert english.summary == old_summary
        assert english.get_latest_revision().as_object().summary == old_summary
        # The source has the change: the translation editor now asks for it.
        source.refresh_from_db()
        assert "Nowy opis programu." in source.content_json
        assert statuses(get(admin_client), polish_project)["en"] == "in_progress"

    def test_an_edited_snippet_is_outdated(self, admin_client, locales):
        seniors = Audience.objects.get(locale=locales["pl"], slug="seniors")
        response = admin_client.post(
            reverse("wagtailsnippets_core_audience:edit", args=[seniors.pk]),
            {"name": "osoby starsze", "slug": "seniors"},
        )
        assert response.status_code == 302
        seniors.refresh_from_db()
        assert seniors.name == "osoby starsze"
        entry = ModelLogEntry.objects.filter(
            object_id=str(seniors.pk), action="wagtail.edit"
        ).latest("timestamp")

        response = get(admin_client, "?type=core.audience")
        assert statuses(response, seniors) == {
            "pl": "source",
            "en": "outdated",
            "ru": "outdated",
            "fi": "outdated",
        }
        since = timezone.localtime(entry.timestamp).isoformat()
        assert f'<time datetime="{since}">' in cell(response, seniors, "fi")


@pytest.mark.django_db
class TestProgress:
    def test_every_translation_as_wagtail_localize_counts_it(
        self, admin_client, monkeypatch
    ):
        monkeypatch.setattr(TranslationDashboardView, "paginate_by", 1000)
        rows = table(get(admin_client))
        translations = Translation.objects.filter(enabled=True).select_related(
            "source", "target_locale"
        )
        assert translations.count() > 50
        for translation in translations:
            total, translated = translation.get_progress()
            status, html = rows[str(translation.source.object_id)][
                translation.target_locale.language_code
            ]
            if translated < total:
                assert status == "in_progress"
                assert f"{translated} of {total} segment" in text(html)
            else:
                assert status == "up_to_date"

    def test_the_demo_home_page_is_partly_translated(self, admin_client, locales):
        home = HomePage.objects.get(locale=locales["pl"])
        translation = Translation.objects.get(
            source=TranslationSource.objects.get_for_instance(home),
            target_locale=locales["en"],
        )
        total, translated = translation.get_progress()
        assert 0 < translated < total

        response = get(admin_client)
        assert statuses(response, home)["en"] == "in_progress"
        english = text(cell(response, home, "en"))
        assert f"In progress: {translated * 100 // total}%" in english
        assert f"{translated} of {total} segments translated" in english
        assert 'href="{}"'.format(
            reverse(
                "wagtailadmin_pages:edit", args=[home.get_translation(locales["en"]).id]
            )
        ) in cell(response, home, "en")

    def test_a_translation_with_only_its_title(self, admin_client, locales):
        page = new_project(locales, 1)
        translate(page, locales["fi"], {page.title: "Kokeiluhanke 1"})
        translation = Translation.objects.get(
            source__object_id=page.translation_key, target_locale=locales["fi"]
        )
        total, translated = translation.get_progress()
        # The title is translated; the slug and the summary are not.
        assert (total, translated) == (3, 1)

        response = get(admin_client, "?type=projects.projectpage")
        assert statuses(response, page) == {
            "pl": "source",
            "en": "missing",
            "ru": "missing",
            "fi": "in_progress",
        }
        assert "In progress: 33%" in text(cell(response, page, "fi"))
        assert "1 of 3 segments translated" in text(cell(response, page, "fi"))


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


@pytest.mark.django_db
class TestAccess:
    def test_anonymous_users_are_sent_to_login(self, client):
        assert reverse("translations_dashboard") == URL
        response = client.get(URL)
        assert response.status_code == 302
        assert response["Location"] == f"/admin/login/?next={URL}"

    def test_users_without_admin_access_cannot_see_it(self, client, django_user_model):
        user = django_user_model.objects.create_user("reader", password="x")
        user.user_permissions.add(Permission.objects.get(codename="submit_translation"))
        client.force_login(user)
        response = client.get(URL)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    def admin_user(self, django_user_model, *codenames):
        user = django_user_model.objects.create_user("editor", password="x")
        group = Group.objects.create(name="Dashboard test")
        group.permissions.add(
            Permission.objects.get(codename="access_admin"),
            *Permission.objects.filter(codename__in=codenames),
        )
        user.groups.add(group)
        return user, group

    def test_admin_users_who_can_neither_translate_nor_edit_cannot(
        self, client, django_user_model
    ):
        user, _group = self.admin_user(django_user_model)
        client.force_login(user)
        response = client.get(URL)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
        home = client.get("/admin/", headers={"accept-language": "en"})
        assert "Translation dashboard" not in home.content.decode()

    def test_page_editors_see_it_without_translate_links(
        self, client, django_user_model, polish_project, locales
    ):
        user, group = self.admin_user(django_user_model)
        GroupPagePermission.objects.create(
            group=group,
            page=HomePage.objects.get(locale=locales["pl"]),
            permission=Permission.objects.get(codename="change_page"),
        )
        client.force_login(user)
        response = get(client)
        assert response.status_code == 200
        assert statuses(response, polish_project)["fi"] == "missing"
        assert "submit" not in cell(response, polish_project, "fi")
        home = client.get("/admin/", headers={"accept-language": "en"})
        assert "Translation dashboard" in home.content.decode()

    def test_translators_see_translate_links(
        self, client, django_user_model, polish_project
    ):
        user, _group = self.admin_user(django_user_model, "submit_translation")
        client.force_login(user)
        response = get(client)
        assert response.status_code == 200
        translate_url = reverse(
            "wagtail_localize:submit_page_translation", args=[polish_project.id]
        )
        assert translate_url in cell(response, polish_project, "fi")
        home = client.get("/admin/", headers={"accept-language": "en"})
        assert URL in home.content.decode()
