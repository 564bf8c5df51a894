"""No edit is lost (issue 17; wagtail-localize #876, #607, #861): a page
edited by hand after its synced translation was stopped keeps every edit
through a change of the source, a sync, a restart of the synced
translation, and a conversion to an alias and back; a changed source shows
the old source, the new one and the old translation side by side. All
through the admin's own views."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, rich_text
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation

from editorial.hand_edits import HAND_EDIT_TOOL
from projects.models import TestimonialPage

pytestmark = pytest.mark.django_db

HAND_TITLE = "A voice from Komarówka, edited by hand"
NEW_TITLE = "Głos z Komarówki Podlaskiej"


@pytest.fixture
def admin(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


@pytest.fixture
def polish(demo):
    return TestimonialPage.objects.get(
        locale__language_code="pl", slug="komarowka-podlaska"
    )


@pytest.fixture
def translation(polish):
    return Translation.objects.get(
        source__object_id=polish.translation_key, target_locale__language_code="en"
    )


def english(polish):
    return polish.get_translation(Locale.objects.get(language_code="en")).specific


def form(page, **changes):
    fields = {
        "title": page.title,
        "slug": page.slug,
        "quote": rich_text(page.quote),
        "library": page.library_id,
        "role": page.role,
        "person": page.person,
        "function": page.function,
        "excerpt": page.excerpt,
        **changes,
    }
    if "quote" in changes:
        fields["quote"] = rich_text(changes["quote"])
    return {**nested_form_data(fields), "action-publish": "action-publish"}


def edit(client, page, **changes):
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), form(page, **changes)
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def hand_quote(polish):
    """As many paragraphs as the source's, each in the translator's words."""
    return "".join(
        f"<p>Words a translator chose herself, {n}.</p>"
        for n in range(polish.quote.count("<p"))
    )


def edit_by_hand(admin, translation, polish, capture):
    """ "Stop synced translation" in the translation editor, then the page's
    own editor, as wagtail-localize offers it."""
    page = english(polish)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = admin.post(
        reverse("wagtail_localize:stop_translation", args=[translation.pk]),
        {"next": edit_url},
    )
    assert response.status_code == 302
    with capture(execute=True):
        edit(
            admin,
            page,
            title=HAND_TITLE,
            quote=hand_quote(polish),
        )
    return english(polish)


def publish_in_translation_editor(admin, page, capture):
    with capture(execute=True):
        response = admin.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
        )
    assert response.status_code == 302


def test_the_876_sequence_keeps_every_hand_edit(
    admin, polish, translation, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    page = edit_by_hand(admin, translation, polish, capture)
    assert page.title == HAND_TITLE

    # The source changes: its title, one of the texts edited by hand.
    with capture(execute=True):
        edit(admin, polish, title=NEW_TITLE)
    # Sync ("update translations"), publishing what it syncs.
    with capture(execute=True):
        response = admin.post(
            reverse(
                "wagtail_localize:update_translations", args=[translation.source_id]
            ),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302
    # Sync turned back on: "Start synced translation" on the page's editor.
    response = admin.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {"localize-restart-translation": "1"},
    )
    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.enabled
    publish_in_translation_editor(admin, page, capture)

    page = english(polish)
    assert "Words a translator chose herself, 0." in page.quote
    # The title's source changed: the new title is not translated yet (the
    # page shows the source's, as wagtail-localize does), and the hand-edited
    # translation of the old one is kept and offered beside it.
    assert page.title == NEW_TITLE
    kept = StringTranslation.objects.get(
        locale=translation.target_locale,
        context__object_id=polish.translation_key,
        data=HAND_TITLE,
    )
    assert kept.tool_name == HAND_EDIT_TOOL
    response = admin.get(reverse("translations_files", args=[translation.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    row = html[html.index('data-path="title"') :]
    row = row[: row.index("</tr>")]
    assert polish.title in row  # the old source
    assert NEW_TITLE in row
    assert HAND_TITLE in row
    # One click makes the old translation the new text's, and the next
    # publish writes it.
    segment_id = int(row.split("/files/use/")[1].split("/")[0])
    response = admin.post(
        reverse("translations_use_old_translation", args=[translation.pk, segment_id]),
        {"old": kept.pk},
    )
    assert response.status_code == 302
    publish_in_translation_editor(admin, page, capture)
    assert english(polish).title == HAND_TITLE


def test_a_conversion_to_an_alias_and_back_keeps_the_hand_edits(
    admin, polish, translation, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    page = edit_by_hand(admin, translation, polish, capture)
    response = admin.post(
        reverse("wagtail_localize:convert_to_alias", args=[page.pk]), {}
    )
    assert response.status_code == 302
    page = english(polish)
    assert page.alias_of_id == polish.pk
    assert page.title == polish.title
    # Translated again: the alias becomes a translation with the hand edits.
    with capture(execute=True):
        response = admin.post(
            reverse("wagtail_localize:submit_page_translation", args=[polish.pk]),
            {"locales": [page.locale_id]},
        )
    assert response.status_code == 302
    page = english(polish)
    assert page.alias_of_id is None
    assert page.title == HAND_TITLE
    assert "Words a translator chose herself, 0." in page.quote


def test_a_sync_without_hand_edits_changes_no_translation(
    admin, polish, translation, django_capture_on_commit_callbacks
):
    rows = StringTranslation.objects.filter(
        context__object_id=polish.translation_key
    ).order_by("pk")
    before = list(rows.values_list("pk", "data", "tool_name", "updated_at"))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse(
                "wagtail_localize:update_translations", args=[translation.source_id]
            ),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302
    assert list(rows.values_list("pk", "data", "tool_name", "updated_at")) == before


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("pl", "Teksty, których źródło się zmieniło"),
        ("ru", "Тексты, источник которых изменился"),
        ("fi", "Tekstit, joiden lähde on muuttunut"),
    ],
)
def test_the_changed_texts_are_shown_in_the_editors_language(
    client, admin_user, translation, language, heading
):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()
    client.force_login(admin_user)

    response = client.get(reverse("translations_files", args=[translation.pk]))

    assert response.status_code == 200
    assert heading in response.content.decode()


def test_restarting_the_synced_translation_keeps_the_hand_edits(
    admin, polish, translation, django_capture_on_commit_callbacks
):
    """No sync in between: "Start synced translation" right after the edit."""
    capture = django_capture_on_commit_callbacks
    page = edit_by_hand(admin, translation, polish, capture)
    # Wagtail's own editor, while the page is edited by hand, links to the
    # translation's files and changed texts in its header.
    editor = admin.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    files_url = reverse("translations_files", args=[translation.pk])
    assert f'href="{files_url}"' in editor.content.decode()
    response = admin.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {"localize-restart-translation": "1"},
    )
    assert response.status_code == 302
    publish_in_translation_editor(admin, page, capture)

    page = english(polish)
    assert page.title == HAND_TITLE
    assert "Words a translator chose herself, 0." in page.quote


def test_a_field_that_cannot_be_paired_is_named_to_the_editor(
    admin, polish, translation, django_capture_on_commit_callbacks
):
    """A paragraph added by hand: the quote no longer pairs with the source's
    texts; the editor is told, and the title is kept all the same."""
    capture = django_capture_on_commit_callbacks
    page = english(polish)
    admin.post(
        reverse("wagtail_localize:stop_translation", args=[translation.pk]),
        {"next": "/admin/"},
    )
    with capture(execute=True):
        edit(
            admin,
            page,
            title=HAND_TITLE,
            quote=hand_quote(polish) + "<p>A paragraph added by hand.</p>",
        )

    response = admin.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {"localize-restart-translation": "1"},
        follow=True,
    )

    html = response.content.decode()
    assert "could not be kept text by text: quote." in html
    assert StringTranslation.objects.filter(
        locale=translation.target_locale, data=HAND_TITLE
    ).exists()


def test_a_translation_edited_in_the_editor_and_not_published_survives_a_sync(
    admin, polish, translation, django_capture_on_commit_callbacks
):
    """The page still shows the translation's older text (nobody published
    it since): that is no hand edit, and the translator's newer text stays."""
    title = translation.source.stringsegment_set.get(context__path="title")
    response = admin.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.pk, title.pk],
        ),
        "value=Typed+in+the+translation+editor",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert english(polish).title != "Typed in the translation editor"

    with django_capture_on_commit_callbacks(execute=True):
        edit(admin, polish, title=NEW_TITLE)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse(
                "wagtail_localize:update_translations", args=[translation.source_id]
            ),
            {},
        )
    assert response.status_code == 302

    row = StringTranslation.objects.get(
        translation_of=title.string,
        context=title.context,
        locale=translation.target_locale,
    )
    assert row.data == "Typed in the translation editor"
    assert row.tool_name != HAND_EDIT_TOOL
