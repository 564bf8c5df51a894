"""XLIFF 2.0 files beside PO (issue 17): downloaded, translated with
translate-toolkit's own API and uploaded, per translation and per project;
bad files refused with a message, changing nothing; only for those who may
edit the translation."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from translate.storage.xliff2 import Xliff2File
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation

from editorial.roles import translators
from projects.models import ProjectPage
from tests.snapshot import database_state

from .test_po_files import (
    DENIED,
    edit_url,
    in_english,
    messages_of,
    state,
    target_page,
    translation_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(admin_client):
    return in_english(admin_client)


@pytest.fixture
def translation():
    return translation_of("biblioteka-online")


def download(client, translation, project=False):
    name = (
        "translations_download_project_xliff"
        if project
        else "translations_download_xliff"
    )
    response = client.get(reverse(name, args=[translation.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xliff+xml")
    return Xliff2File.parsestring(response.content)


def upload(client, translation, content, project=False):
    name = (
        "translations_upload_project_xliff" if project else "translations_upload_xliff"
    )
    data = {"next": edit_url(translation)}
    if content is not None:
        data["file"] = SimpleUploadedFile("t.xlf", content, "application/xliff+xml")
    return client.post(reverse(name, args=[translation.pk]), data)


def checked(store, *prefixes):
    """Translate units (those whose id starts with a prefix, or all) with
    translate-toolkit's API: "Checked: " before the source."""
    for unit in store.units:
        if not prefixes or unit.getid().startswith(prefixes):
            unit.target = f"Checked: {unit.source}"
            unit.marktranslated()
    return store


class TestTranslatingWithXliff:
    def test_a_translated_file_updates_the_page(
        self, admin, admin_user, translation, django_capture_on_commit_callbacks
    ):
        store = download(admin, translation)
        root = store.document.getroot()
        assert (root.get("srcLang"), root.get("trgLang")) == ("pl", "en")
        assert store.getfilenames() == [str(translation.uuid)]
        title = next(u for u in store.units if u.getid().startswith("title."))
        source_title = str(title.source)
        checked(store, "title.")

        response = upload(admin, translation, bytes(store))

        assert response.status_code == 302
        assert response.url == edit_url(translation)
        assert messages_of(response) == [
            ("success", "1 translation was imported from the XLIFF file.")
        ]
        row = StringTranslation.objects.get(
            context__object_id=translation.source.object_id,
            context__path="title",
            locale=translation.target_locale,
        )
        assert (row.data, row.last_translated_by, row.tool_name) == (
            f"Checked: {source_title}",
            admin_user,
            "XLIFF file",
        )
        with django_capture_on_commit_callbacks(execute=True):
            admin.post(edit_url(translation), {"action": "publish"})
        assert target_page(translation).title == f"Checked: {source_title}"

    def test_a_project_is_one_file_with_a_file_element_per_page(
        self, admin, translation
    ):
        project = ProjectPage.objects.get(
            locale__language_code="pl", slug="biblioteka-online"
        )
        keys = [p.translation_key for p in project.get_descendants(inclusive=True)]
        expected = Translation.objects.filter(
            source__object_id__in=keys,
            target_locale=translation.target_locale,
            enabled=True,
        )
        store = download(admin, translation, project=True)
        assert sorted(store.getfilenames()) == sorted(str(t.uuid) for t in expected)
        assert store.getfilenames()[0] == str(translation.uuid)
        checked(store)

        response = upload(admin, translation, bytes(store), project=True)

        assert messages_of(response)[0][0] == "success"
        for each in expected:
            assert (
                not StringTranslation.objects.filter(
                    context__object_id=each.source.object_id,
                    locale=each.target_locale,
                )
                .exclude(data__startswith="Checked: ")
                .exists()
            )

    def test_a_text_changed_after_the_download_is_kept(self, admin, translation):
        store = checked(download(admin, translation), "title.")
        row = StringTranslation.objects.get(
            context__object_id=translation.source.object_id,
            context__path="title",
            locale=translation.target_locale,
        )
        row.data = "Edited in the editor after the download"
        row.save()

        response = upload(admin, translation, bytes(store))

        assert [level for level, _m in messages_of(response)] == ["success", "warning"]
        row.refresh_from_db()
        assert row.data == "Edited in the editor after the download"


def xliff(translation, client, **change):
    return bytes(checked(download(client, translation), "title."))


def replaced(old, new):
    return lambda translation, client: xliff(translation, client).replace(old, new, 1)


def other_page(translation, client):
    return bytes(checked(download(client, translation_of("podaj-dalej")), "title."))


def unknown_unit(translation, client):
    store = checked(download(client, translation), "title.")
    unit = store.addsourceunit("Stary tytuł")
    unit.setid("title.0000000000000000")
    unit.target = "Old"
    return bytes(store)


def missing_target(translation, client):
    content = xliff(translation, client)
    start = content.index(b"<target>")
    return content[:start] + content[content.index(b"</target>") + 9 :]


def unit_outside_file(translation, client):
    content = xliff(translation, client)
    orphan = (
        b'<unit id="orphan"><segment><source>x</source>'
        b"<target>y</target></segment></unit>"
    )
    return content.replace(b"</xliff>", orphan + b"</xliff>")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="pl"
 trgLang="en"><file id="f"><unit id="u"><segment><source>&lol3;</source>
 <target>&lol3;</target></segment></unit></file></xliff>"""

XLIFF_12 = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="x" source-language="pl" target-language="en" datatype="plaintext">
<body><trans-unit id="title"><source>Tytul</source><target>Title</target>
</trans-unit></body></file></xliff>"""


def another_encoding(translation, client):
    content = xliff(translation, client).decode("utf-8")
    content = content.replace('encoding="UTF-8"', 'encoding="ISO-8859-2"', 1)
    return content.encode("iso-8859-2", "replace")


MALFORMED = {
    "not XML": (
        lambda t, c: b"Title: Online library\n",
        "This is not an XLIFF file: its XML is not well-formed (line 1).",
    ),
    "XLIFF 1.2": (
        lambda t, c: XLIFF_12,
        "This is an XLIFF 1.2 file: upload XLIFF 2.0, as downloaded from this "
        "translation.",
    ),
    "wrong srcLang": (
        replaced(b'srcLang="pl"', b'srcLang="ru"'),
        "This XLIFF file is from ru into en; this translation is from pl into en.",
    ),
    "wrong trgLang": (
        replaced(b'trgLang="en"', b'trgLang="fi"'),
        "This XLIFF file is from pl into fi; this translation is from pl into en.",
    ),
    "another page's file": (
        other_page,
        "This XLIFF file is for “Mikrogranty „Podaj dalej”” in English, not for "
        "this translation.",
    ),
    "unknown unit": (
        unknown_unit,
        "1 unit in this XLIFF file is not in the current source "
        "(“title.0000000000000000”). The source may have changed since the file "
        "was downloaded: download it again and copy your translations into it.",
    ),
    "missing target": (missing_target, None),
    "entity expansion": (
        lambda t, c: BILLION_LAUGHS,
        "This XLIFF file declares a document type or entities, which XLIFF files "
        "do not have: it was refused unread.",
    ),
    "empty": (lambda t, c: b"", "The uploaded file is empty."),
    "too large": (
        lambda t, c: xliff(t, c) + b" " * (10 * 1024 * 1024),
        "The uploaded file is too large (10.0\xa0MB): an XLIFF file may be at "
        "most 10.0\xa0MB.",
    ),
    "another encoding": (
        another_encoding,
        "The XLIFF file declares the character set ISO-8859-2: save it as UTF-8 "
        "and upload it again.",
    ),
    "not UTF-8": (
        lambda t, c: xliff(t, c).replace(b"Checked", "Sprawdzono ł".encode("cp1250")),
        "This is not an XLIFF file: upload the XLIFF 2.0 file downloaded from "
        "this translation, saved as UTF-8.",
    ),
    "no file": (lambda t, c: None, "Choose an XLIFF file to upload."),
    "unit outside a file": (
        unit_outside_file,
        "This is not an XLIFF file: upload the XLIFF 2.0 file downloaded from "
        "this translation, saved as UTF-8.",
    ),
}


@pytest.mark.parametrize("case", MALFORMED.keys())
def test_a_bad_xliff_file_is_refused_and_changes_nothing(admin, translation, case):
    make, message = MALFORMED[case]
    content = make(translation, admin)
    before = state(translation), database_state()

    response = upload(admin, translation, content)

    assert response.status_code == 302
    assert response.url == edit_url(translation)
    [(level, text)] = messages_of(response)
    assert level == "error"
    if message:
        assert text == message
    else:
        assert "marked translated but has no target" in text
    assert (state(translation), database_state()) == before


def test_a_translator_of_another_language_may_neither_download_nor_upload(
    admin, client, translation
):
    user = get_user_model().objects.create_user("translator-ru", password="x")
    user.groups.add(translators(Locale.objects.get(language_code="ru")))
    client.force_login(user)
    in_english(client)
    content = xliff(translation, admin)
    before = state(translation), database_state()

    for name in ("translations_download_xliff", "translations_download_project_xliff"):
        response = client.get(reverse(name, args=[translation.pk]))
        assert (response.status_code, response.url) == (
            302,
            reverse("wagtailadmin_home"),
        )
    response = upload(client, translation, content)

    assert response.url == reverse("wagtailadmin_home")
    assert messages_of(response)[-1] == ("error", DENIED)
    assert (state(translation), database_state()) == before


def test_a_translator_of_the_language_downloads_and_uploads(client, translation):
    user = get_user_model().objects.create_user("translator-en", password="x")
    user.groups.add(translators(translation.target_locale))
    client.force_login(user)
    in_english(client)

    response = upload(client, translation, xliff(translation, client))

    assert messages_of(response)[0][0] == "success"


def test_the_files_page_is_linked_from_the_editor_and_the_dashboard(admin, translation):
    files_url = reverse("translations_files", args=[translation.pk])
    editor = admin.get(edit_url(translation)).content.decode()
    assert f'href="{files_url}"' in editor
    dashboard = admin.get(
        reverse("translations_dashboard"), {"type": "projects.projectpage"}
    ).content.decode()
    assert f'href="{files_url}"' in dashboard
    page = admin.get(files_url).content.decode()
    for name in ("translations_download_xliff", "translations_upload_xliff"):
        assert reverse(name, args=[translation.pk]) in page
    assert reverse("wagtail_localize:download_pofile", args=[translation.pk]) in page


def test_the_dashboard_offers_the_files_page_only_to_who_may_open_it(
    client, translation
):
    """A translator of Finnish is offered no files of the English translation
    (the page would refuse them)."""
    user = get_user_model().objects.create_user("translator-fi", password="x")
    user.groups.add(translators(Locale.objects.get(language_code="fi")))
    client.force_login(user)
    in_english(client)
    files_url = reverse("translations_files", args=[translation.pk])

    response = client.get(
        reverse("translations_dashboard"), {"type": "projects.projectpage"}
    )

    assert response.status_code == 200
    assert f'href="{files_url}"' not in response.content.decode()
