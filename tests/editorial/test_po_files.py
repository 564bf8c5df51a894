"""PO files through wagtail-localize's translation editor: downloaded,
translated offline and uploaded; and uploads that cannot be imported refused
with a message, changing nothing."""

from html import unescape

import polib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import resolve, reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.views import edit_translation as localize_views

from editorial.roles import translators
from libraries.models import LibraryPage
from projects.models import ProjectPage
from tests.snapshot import database_state

pytestmark = pytest.mark.django_db

IMPORTED = "Successfully imported translations from PO File."
DENIED = "Sorry, you do not have permission to access this area."


def in_english(client):
    """Admin messages in English, whatever the catalogues translate."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def admin(admin_client):
    return in_english(admin_client)


def translation_of(slug, language_code="en"):
    page = ProjectPage.objects.get(locale__language_code="pl", slug=slug)
    return Translation.objects.get(
        source__object_id=page.translation_key,
        target_locale__language_code=language_code,
    )


@pytest.fixture
def translation():
    """The English translation of a Polish demo project."""
    return translation_of("biblioteka-online")


def edit_url(translation):
    return reverse("wagtailadmin_pages:edit", args=[target_page(translation).pk])


def target_page(translation):
    return Page.objects.get(
        translation_key=translation.source.object_id,
        locale=translation.target_locale,
    ).specific


def download(client, translation):
    response = client.get(
        reverse("wagtail_localize:download_pofile", args=[translation.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/x-gettext-translation"
    return polib.pofile(response.content.decode("utf-8"))


def upload(client, translation, content, name="translation.po", **extra):
    data = {"next": edit_url(translation), **extra}
    if content is not None:
        data["file"] = SimpleUploadedFile(name, content, "text/x-gettext-translation")
    return client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]), data
    )


def messages_of(response):
    # Wagtail renders a message with its (here absent) buttons: trailing blanks.
    return [(m.level_tag, str(m).strip()) for m in get_messages(response.wsgi_request)]


def state(translation):
    """What an upload could change: the translations of the source's strings,
    and the translated page."""
    page = target_page(translation)
    rows = StringTranslation.objects.filter(
        context__object_id=translation.source.object_id,
        locale=translation.target_locale,
    ).order_by("pk")
    return {
        "strings": list(
            rows.values_list(
                "pk", "data", "translation_type", "tool_name", "updated_at"
            )
        ),
        "page": (page.title, page.latest_revision_id, page.live_revision_id),
    }


def checked(po, *contexts):
    """Prefix the translations of these entries with "Checked: "."""
    for entry in po:
        if entry.msgctxt in contexts:
            entry.msgstr = f"Checked: {entry.msgstr}"
    return po


def first_body_context(po):
    return next(e.msgctxt for e in po if e.msgctxt.startswith("body.") and e.msgstr)


class TestTheEditorUsesTheCheckedUpload:
    def test_the_upload_address_is_answered_by_our_view(self, translation):
        url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
        assert url == f"/admin/localize/translate/{translation.pk}/pofile/upload/"
        assert resolve(url).url_name == "translations_upload_pofile"
        # The other views of wagtail-localize are still its own.
        download_url = reverse(
            "wagtail_localize:download_pofile", args=[translation.pk]
        )
        assert resolve(download_url).namespace == "wagtail_localize"

    def test_the_translation_editor_posts_to_it(self, admin, translation):
        response = admin.get(edit_url(translation))
        html = response.content.decode()
        assert response.status_code == 200
        # The editor's props (HTML-escaped JSON) name the upload address.
        url = f"/admin/localize/translate/{translation.pk}/pofile/upload/"
        assert f"&quot;uploadPofile&quot;: &quot;{url}&quot;" in html

    def test_the_original_view_fails_on_a_po_file_without_its_header(
        self, admin_user, translation
    ):
        """Why the upload is checked first: wagtail-localize's own view answers
        a valid PO file without its header with a server error. (If this
        fails, wagtail-localize has fixed it.)"""
        request = RequestFactory().post(
            "/", {"file": SimpleUploadedFile("a.po", b'msgid "a"\nmsgstr "b"\n')}
        )
        request.user = admin_user
        with pytest.raises(KeyError, match="X-WagtailLocalize-TranslationID"):
            localize_views.upload_pofile(request, translation.pk)


class TestTranslatingOffline:
    def test_an_uploaded_translation_is_published_with_the_page(
        self, admin, admin_user, translation, django_capture_on_commit_callbacks
    ):
        page = target_page(translation)
        po = download(admin, translation)
        assert po.metadata["X-WagtailLocalize-TranslationID"] == str(translation.uuid)
        title = next(e for e in po if e.msgctxt == "title")
        assert title.msgstr == page.title
        body = first_body_context(po)
        checked(po, "title", body)

        response = upload(admin, translation, str(po).encode("utf-8"))

        assert response.status_code == 302
        assert response.url == edit_url(translation)
        assert messages_of(response) == [("success", IMPORTED)]
        rows = StringTranslation.objects.filter(
            context__object_id=translation.source.object_id,
            locale=translation.target_locale,
            context__path__in=["title", body],
        )
        assert sorted(r.data[:9] for r in rows) == ["Checked: ", "Checked: "]
        assert {(r.last_translated_by, r.tool_name) for r in rows} == {
            (admin_user, "PO File")
        }
        # The upload changes the translation, not the page.
        page.refresh_from_db()
        assert not page.title.startswith("Checked: ")

        # Publishing in the translation editor, as its "Publish" button does.
        with django_capture_on_commit_callbacks(execute=True):
            response = admin.post(edit_url(translation), {"action": "publish"})
        assert response.status_code == 302

        page.refresh_from_db()
        assert page.title == f"Checked: {title.msgstr.removeprefix('Checked: ')}"
        assert page.live_revision_id == page.latest_revision_id
        html = admin.get(page.url).content.decode()
        assert f"<h1>{page.title}</h1>" in html
        body_text = next(e.msgstr for e in po if e.msgctxt == body)
        assert body_text in html

    def test_a_translator_uploads_the_translation_of_their_language(
        self, client, translation
    ):
        User = get_user_model()  # noqa: N806
        translator = User.objects.create_user("translator-en", password="x")
        translator.groups.add(translators(translation.target_locale))
        client.force_login(translator)
        in_english(client)
        po = checked(download(client, translation), "title")

        response = upload(client, translation, str(po).encode("utf-8"))

        assert messages_of(response) == [("success", IMPORTED)]
        title = StringTranslation.objects.get(
            context__object_id=translation.source.object_id,
            context__path="title",
            locale=translation.target_locale,
        )
        assert title.data.startswith("Checked: ")
        assert title.last_translated_by == translator

    def test_a_translator_of_another_language_may_not(self, admin, client, translation):
        User = get_user_model()  # noqa: N806
        translator = User.objects.create_user("translator-ru", password="x")
        translator.groups.add(translators(Locale.objects.get(language_code="ru")))
        client.force_login(translator)
        in_english(client)
        po = checked(download(admin, translation), "title")
        before = state(translation)

        response = upload(client, translation, str(po).encode("utf-8"))

        # Wagtail's admin answers "permission denied" by sending to its home.
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
        assert messages_of(response) == [("error", DENIED)]
        assert state(translation) == before
        download_url = reverse(
            "wagtail_localize:download_pofile", args=[translation.pk]
        )
        response = client.get(download_url)
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")


def no_header(translation, client):
    po = download(client, translation)
    del po.metadata["X-WagtailLocalize-TranslationID"]
    return str(checked(po, "title")).encode()


def another_translation(translation, client):
    po = download(client, translation_of("podaj-dalej"))
    return str(checked(po, "title")).encode()


def an_unknown_translation(translation, client):
    po = download(client, translation)
    po.metadata["X-WagtailLocalize-TranslationID"] = (
        "6f1c2a52-1d7e-4c1e-9a36-6d1fb0d5e000"
    )
    return str(checked(po, "title")).encode()


def a_text_not_in_the_source(translation, client):
    po = checked(download(client, translation), "title")
    po.append(polib.POEntry(msgctxt="title", msgid="Stary tytuł", msgstr="Old"))
    return str(po).encode()


def another_charset(translation, client):
    po = checked(download(client, translation), "title")
    po.metadata["Content-Type"] = "text/plain; charset=ISO-8859-2"
    return str(po).encode()


def too_large(translation, client):
    po = checked(download(client, translation), "title")
    return str(po).encode() + b"#" * (5 * 1024 * 1024)


MALFORMED = {
    "binary": (
        lambda translation, client: bytes(range(256)) * 8,
        "This is not a PO file: upload the PO file downloaded from this "
        "translation, saved as UTF-8 text.",
    ),
    "text, not a PO file": (
        lambda translation, client: b"Title: Online library\nBody: ...\n",
        "This is not a valid PO file: syntax error on line 1.",
    ),
    "without its header": (
        no_header,
        "This PO file has no X-WagtailLocalize-TranslationID header, so it "
        "cannot be matched to this translation. Download the PO file of this "
        "translation, translate it and upload it again.",
    ),
    "for another translation": (
        another_translation,
        "This PO file is for “Mikrogranty „Podaj dalej”” in English, not for "
        "this translation.",
    ),
    "for an unknown translation": (
        an_unknown_translation,
        "This PO file was made for another translation. Download the PO file "
        "of this translation and upload that one.",
    ),
    "with a text not in the source": (
        a_text_not_in_the_source,
        "1 text in this PO file is not in the current source (“Stary tytuł”). "
        "The source may have changed since the file was downloaded: download "
        "it again and copy your translations into it.",
    ),
    "in another character set": (
        another_charset,
        "The PO file declares the character set ISO-8859-2: save it as UTF-8 "
        "and upload it again.",
    ),
    "too large": (
        too_large,
        "The uploaded file is too large (5.0\xa0MB): a PO file may be at most "
        "5.0\xa0MB.",
    ),
    "empty": (lambda translation, client: b"", "The uploaded file is empty."),
    "no file": (lambda translation, client: None, "Choose a PO file to upload."),
}


@pytest.mark.parametrize("case", MALFORMED.keys())
def test_an_upload_that_cannot_be_imported_is_refused_and_changes_nothing(
    admin, translation, case
):
    make, message = MALFORMED[case]
    content = make(translation, admin)
    before = state(translation)

    response = upload(admin, translation, content)

    assert response.status_code == 302
    assert response.url == edit_url(translation)
    assert messages_of(response) == [("error", message)]
    assert state(translation) == before


def test_the_editor_shows_why_an_upload_was_refused(admin, translation):
    response = admin.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("notes.po", b"\x89PNG\r\n\x1a\n\x00\x00")},
        follow=True,
    )
    # Without a "next" address, back to the translated page's editor.
    assert response.redirect_chain == [(edit_url(translation), 302)]
    assert response.status_code == 200
    html = response.content.decode()
    assert "This is not a PO file: upload the PO file downloaded" in html


def test_only_a_post_uploads(admin, translation):
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    assert admin.get(url).status_code == 405


def someone_without_permission(who):
    """A translator into Russian, or a library editor: neither may edit the
    English translation of the Polish project."""
    User = get_user_model()  # noqa: N806
    user = User.objects.create_user(who, password="x")
    if who == "translator-ru":
        user.groups.add(translators(Locale.objects.get(language_code="ru")))
    else:
        morawica = LibraryPage.objects.get(
            locale__language_code="pl", slug="gbp-morawica"
        )
        user.groups.add(
            Group.objects.get(library_team__library_key=morawica.translation_key)
        )
    return user


@pytest.mark.parametrize("who", ["translator-ru", "library-editor"])
@pytest.mark.parametrize("case", MALFORMED.keys())
def test_an_invalid_upload_by_someone_without_permission_is_only_denied(
    admin, client, translation, who, case
):
    """The answer is "permission denied", never the file's fault: what is
    wrong with a file (another translation's title, say) is for those who
    may edit the translation (issue 14, a hole of the mutation audit)."""
    make, _message = MALFORMED[case]
    content = make(translation, admin)
    client.force_login(someone_without_permission(who))
    in_english(client)
    before = state(translation), database_state()

    response = upload(client, translation, content)

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert messages_of(response) == [("error", DENIED)]
    assert (state(translation), database_state()) == before


def test_an_upload_keeps_a_text_changed_after_the_download(admin, translation):
    """The file brings other texts too: those are imported, and the text
    translated in the editor after the download keeps its new translation
    (issue 17: no edit is lost)."""
    po = download(admin, translation)
    body = first_body_context(po)
    checked(po, "title", body)
    title = StringTranslation.objects.get(
        context__object_id=translation.source.object_id,
        context__path="title",
        locale=translation.target_locale,
    )
    segment = translation.source.stringsegment_set.get(context__path="title")
    response = admin.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.pk, segment.pk],
        ),
        "value=Translated+in+the+editor+after+the+download",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200

    response = upload(admin, translation, str(po).encode("utf-8"))

    # Wagtail's admin messages are HTML-escaped ("file&#x27;s").
    assert [(level, unescape(text)) for level, text in messages_of(response)] == [
        ("success", IMPORTED),
        (
            "warning",
            "1 text was changed here after the file was downloaded: it was kept, "
            "not replaced by the file's older text.",
        ),
    ]
    title.refresh_from_db()
    assert title.data == "Translated in the editor after the download"
    assert StringTranslation.objects.get(
        context__object_id=translation.source.object_id,
        context__path=body,
        locale=translation.target_locale,
    ).data.startswith("Checked: ")
