"""The translation dashboard's progress: translations outdated by a change to
their source, synced again, and partly translated, as wagtail-localize counts
them."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry
from wagtail_localize.models import Translation, TranslationSource

from core.models import Audience
from editorial.dashboard import TranslationDashboardView
from editorial.translation import translate
from home.models import HomePage

from .dashboard_pages import URL, cell, get, new_project, statuses, table, text


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
