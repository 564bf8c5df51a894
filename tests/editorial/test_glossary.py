"""The network's glossary (editorial/glossary.py): kept by network editors
only, shown beside the segments that contain a term, sent to DeepL as a
glossary (through a local stand-in for DeepL's API), and checked in
LibreTranslate's output (through its stand-in): a segment whose machine
translation misses a term is flagged."""

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail_localize.models import StringSegment, StringTranslation

from editorial.glossary import contains
from editorial.models import GlossaryEntry, GlossaryTerm
from editorial.roles import MODERATORS, NETWORK_EDITORS, translators
from tests.factories import user_in_group

from .deepl_stand_in import DeepLStandIn
from .machine_translation import (
    edit_url,
    libretranslate_at,
    machine_translate,
    messages_of,
    translations_into,
)

pytestmark = pytest.mark.django_db

MINISTRY = {
    "pl": "Ministerstwo Kultury i Dziedzictwa Narodowego",
    "ru": "Министерство культуры и национального наследия",
    "en": "Ministry of Culture and National Heritage",
}
LEADING = {
    "pl": "Biblioteka Wiodąca",
    "en": "leading library",
    "ru": "ведущая библиотека",
    "fi": "johtava kirjasto",
}


def make_term(texts, note=""):
    term = GlossaryTerm.objects.create(note=note)
    for code, text in texts.items():
        GlossaryEntry.objects.create(
            term=term, locale=Locale.objects.get(language_code=code), text=text
        )
    return term


@pytest.fixture
def ministry(demo):
    return make_term(MINISTRY, note="The funder's official name.")


@pytest.fixture
def deepl():
    with (
        DeepLStandIn() as server,
        override_settings(
            WAGTAILLOCALIZE_MACHINE_TRANSLATOR={
                "CLASS": "editorial.deepl.GlossaryDeepLTranslator",
                "OPTIONS": {"AUTH_KEY": server.auth_key, "API_URL": server.url},
            }
        ),
    ):
        yield server


def funded_by(translation):
    return StringSegment.objects.get(
        source=translation.source, context__path="funded_by"
    )


def aids(client, translation):
    response = client.get(reverse("translations_aids", args=[translation.pk]))
    return {segment["id"]: segment for segment in response.json()["segments"]}


class TestFindingTerms:
    @pytest.mark.parametrize(
        ("text", "term", "language"),
        [
            ("Dotacja dla Biblioteki Wiodącej w Morawicy", LEADING["pl"], "pl"),
            ("Отчёт ведущей библиотеки района", LEADING["ru"], "ru"),
            ("A <b>Leading Library</b> of the county", LEADING["en"], "en"),
        ],
    )
    def test_in_any_form_of_its_words(self, text, term, language):
        assert contains(text, term, language)

    def test_not_its_words_apart(self):
        assert not contains("Biblioteka, która jest wiodąca", LEADING["pl"], "pl")


class TestBesideTheSegments:
    def test_a_segment_shows_the_terms_its_source_contains(
        self, admin, ministry, russian_translation
    ):
        segment = funded_by(russian_translation)
        (term,) = aids(admin, russian_translation)[segment.pk]["terms"]
        assert term == {
            "source": MINISTRY["pl"],
            "target": MINISTRY["ru"],
            "note": "The funder's official name.",
        }
        html = admin.get(edit_url(russian_translation)).content.decode()
        panel = html[html.index("data-editorial-aids") :]
        assert "Glossary:" in panel
        assert f'<strong lang="ru">{MINISTRY["ru"]}</strong>' in panel

    def test_a_term_without_the_target_language_is_not_shown(
        self, admin, russian_translation
    ):
        make_term({"pl": MINISTRY["pl"], "en": MINISTRY["en"]})
        segment = funded_by(russian_translation)
        assert segment.pk not in aids(admin, russian_translation)


class TestDeepLGetsTheGlossary:
    def test_the_glossary_reaches_the_translate_request(
        self, admin, deepl, ministry, russian_translation
    ):
        response = machine_translate(admin, russian_translation)
        assert (
            "success",
            "The missing texts were translated with DeepL: "
            "review them before publishing.",
        ) in messages_of(response)
        (made,) = deepl.requests_to("/v2/glossaries")
        assert made["body"]["source_lang"] == "PL"
        assert made["body"]["target_lang"] == "RU"
        assert made["body"]["entries_format"] == "tsv"
        assert made["body"]["entries"] == f"{MINISTRY['pl']}\t{MINISTRY['ru']}"
        (translate,) = deepl.requests_to("/v2/translate")
        (glossary_id,) = deepl.glossaries
        assert translate["body"]["glossary_id"] == [glossary_id]
        assert translate["body"]["source_lang"] == ["PL"]
        # DeepL's output used the term: not flagged.
        segment = funded_by(russian_translation)
        output = translations_into(russian_translation).get(context=segment.context)
        assert output.data == f"[RU] {MINISTRY['ru']}"
        found = aids(admin, russian_translation)
        assert found[segment.pk]["missed"] == []
        # The stand-in replaces the term only as written; where the source
        # inflects it ("programu Ministerstwa Kultury…"), the output is
        # checked as LibreTranslate's is, and flagged.
        (flagged,) = [aid for aid in found.values() if aid["missed"]]
        assert "programu\xa0Ministerstwa Kultury" in flagged["source"]
        assert (
            "warning",
            "1 machine-translated text misses a term of the network glossary: "
            "it is flagged below the editor.",
        ) in messages_of(response)

    def test_made_again_only_when_the_terms_change(
        self, admin, deepl, ministry, russian_translation
    ):
        machine_translate(admin, russian_translation)
        translations_into(russian_translation).delete()
        machine_translate(admin, russian_translation)
        assert len(deepl.requests_to("/v2/glossaries")) == 1
        (first,) = deepl.glossaries

        entry = ministry.entries.get(locale__language_code="ru")
        entry.text = "Министерство культуры"
        entry.save()
        translations_into(russian_translation).delete()
        machine_translate(admin, russian_translation)

        assert len(deepl.requests_to("/v2/glossaries")) == 2
        (second,) = deepl.glossaries  # the first was deleted
        assert second != first
        assert deepl.requests[-2]["method"] == "DELETE"
        assert deepl.requests_to("/v2/translate")[-1]["body"]["glossary_id"] == [second]

    def test_no_glossary_without_terms_for_the_pair(
        self, admin, deepl, russian_translation
    ):
        make_term({"pl": MINISTRY["pl"], "en": MINISTRY["en"]})
        machine_translate(admin, russian_translation)
        assert deepl.requests_to("/v2/glossaries") == []
        (translate,) = deepl.requests_to("/v2/translate")
        assert "glossary_id" not in translate["body"]


class TestLibreTranslateIsChecked:
    def test_an_output_missing_a_term_is_flagged(
        self, admin, stand_in, ministry, russian_translation
    ):
        with libretranslate_at(stand_in.url):
            response = machine_translate(admin, russian_translation)
        segment = funded_by(russian_translation)
        found = aids(admin, russian_translation)
        assert found[segment.pk]["missed"] == [
            {"source": MINISTRY["pl"], "target": MINISTRY["ru"]}
        ]
        flagged = sum(1 for aid in found.values() if aid["missed"])
        assert ("warning", f"{flagged} machine-translated text") in [
            (level, text[: len(f"{flagged} machine-translated text")])
            for level, text in messages_of(response)
        ]
        html = admin.get(edit_url(russian_translation)).content.decode()
        assert "The machine translation misses the glossary term:" in html

    def test_an_output_with_the_term_is_not(
        self, admin, stand_in, ministry, russian_translation
    ):
        stand_in.translate = lambda text, source, target: text.replace(
            MINISTRY["pl"], MINISTRY["ru"]
        )
        with libretranslate_at(stand_in.url):
            machine_translate(admin, russian_translation)
        segment = funded_by(russian_translation)
        assert aids(admin, russian_translation)[segment.pk]["missed"] == []

    def test_a_persons_correction_clears_the_flag(
        self, admin, stand_in, ministry, russian_translation
    ):
        with libretranslate_at(stand_in.url):
            machine_translate(admin, russian_translation)
        segment = funded_by(russian_translation)
        StringTranslation.objects.filter(context=segment.context).update(
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL
        )
        assert aids(admin, russian_translation)[segment.pk]["missed"] == []


ADD = "wagtailsnippets_editorial_glossaryterm:add"
EDIT = "wagtailsnippets_editorial_glossaryterm:edit"
DELETE = "wagtailsnippets_editorial_glossaryterm:delete"
LIST = "wagtailsnippets_editorial_glossaryterm:list"


def term_form(texts, note="", term=None):
    """The snippet's form; for an existing term, its entries by their ids."""
    ids = {}
    if term is not None:
        ids = {e.locale.language_code: e.pk for e in term.entries.all()}
    rows = [
        {
            "id": ids.get(code, ""),
            "locale": Locale.objects.get(language_code=code).pk,
            "text": text,
        }
        for code, text in texts.items()
    ]
    rows.sort(key=lambda row: row["id"] == "")
    initial = sum(1 for row in rows if row["id"])
    return nested_form_data(
        {"note": note, "entries": inline_formset(rows, initial=initial)}
    )


class TestKeptByNetworkEditors:
    def test_a_network_editor_adds_a_term(self, client, demo):
        client.force_login(user_in_group(NETWORK_EDITORS, "network-editor"))
        response = client.post(reverse(ADD), term_form(LEADING))
        assert response.status_code == 302
        term = GlossaryTerm.objects.get()
        assert {e.locale.language_code: e.text for e in term.entries.all()} == LEADING
        listing = client.get(reverse(LIST), {"q": "johtava"})
        assert "ведущая библиотека" in listing.content.decode()
        listing = client.get(reverse(LIST), {"q": "nothing-like-it"})
        assert "ведущая библиотека" not in listing.content.decode()

    def test_one_language_once_per_term(self, client, demo):
        client.force_login(user_in_group(NETWORK_EDITORS, "network-editor"))
        form = term_form(LEADING)
        form["entries-1-locale"] = form["entries-0-locale"]
        response = client.post(reverse(ADD), form)
        assert response.status_code == 200
        assert not GlossaryTerm.objects.exists()

    def test_a_network_editor_changes_and_deletes_one(self, client, ministry):
        client.force_login(user_in_group(NETWORK_EDITORS, "network-editor"))
        form = term_form(MINISTRY, note="Changed", term=ministry)
        response = client.post(reverse(EDIT, args=[ministry.pk]), form)
        assert response.status_code == 302
        ministry.refresh_from_db()
        assert ministry.note == "Changed"
        assert client.post(reverse(DELETE, args=[ministry.pk])).status_code == 302
        assert not GlossaryTerm.objects.exists()

    @pytest.mark.parametrize("role", ["translator", "moderator"])
    def test_other_roles_read_it_and_cannot_change_it(self, client, ministry, role):
        group = (
            translators(Locale.objects.get(language_code="ru")).name
            if role == "translator"
            else MODERATORS
        )
        client.force_login(user_in_group(group, role))
        assert client.get(reverse(LIST)).status_code == 200
        before = str(ministry), ministry.note

        client.post(reverse(ADD), term_form(LEADING))
        client.post(
            reverse(EDIT, args=[ministry.pk]), term_form(MINISTRY, "x", ministry)
        )
        client.post(reverse(DELETE, args=[ministry.pk]))

        assert list(GlossaryTerm.objects.all()) == [ministry]
        ministry.refresh_from_db()
        assert (str(ministry), ministry.note) == before
        assert client.get(reverse(ADD)).status_code in (302, 403)

    def test_a_library_editor_does_not_see_it(self, client, ministry):
        from django.contrib.auth.models import Group

        group = Group.objects.filter(name__startswith="Library editors").first()
        client.force_login(user_in_group(group.name, "library-editor"))
        assert client.get(reverse(LIST)).status_code in (302, 403)
