"""What a search's suggestion ("Showing results for …") may name: only words
that public pages hold now, whatever path a page took out of the public's
sight (copied, aliased, made private, unpublished), and no answer that tells
a hidden page's word from a word no page ever held.

The suggestion is read where it is shown, on the search page; each case
pairs a misspelt word of a hidden page with a misspelt public word, so the
search falls through to its last attempt (any of the corrected words), the
one that shows a correction even where one of its words finds nothing.
"""

import pytest
from django.db import connection
from wagtail.models import Locale, PageViewRestriction

from libraries.models import LibraryIndexPage
from practices.models import PracticeIndexPage, PracticePage
from projects.models import ProjectIndexPage, ProjectPage
from tests.factories import (
    LibraryPageFactory,
    PracticePageFactory,
    ProjectPageFactory,
)
from tests.search.reading import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def polish(db):
    return Locale.objects.get(language_code="pl")


@pytest.fixture
def publish(polish):
    index = PracticeIndexPage.objects.get(locale=polish)

    def make(title, summary, parent=index, private=False, **kwargs):
        page = PracticePageFactory(
            parent=parent, title=title, summary=summary, live=False, **kwargs
        )
        if private:
            restrict(page)
        page.save_revision().publish()
        return PracticePage.objects.get(pk=page.pk)

    return make


def restrict(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )


def assert_never_named(client, word, misspelt):
    """A misspelling of ``word`` beside a misspelling of a public word
    ("senoirów": "seniorów") names neither ``word`` nor its page."""
    found = search(client, f"senoirów {misspelt}")
    assert found["corrected"] != f"seniorów {word}"
    assert word not in found["text"].lower()
    alone = search(client, misspelt)
    assert word not in alone["text"].lower()


class TestNeverPublic:
    """Wagtail saves a copy or an alias before it copies the view
    restrictions of the page it copies: the copy is indexed, for a moment,
    as a public page. A private page that readers never saw gives no word."""

    def test_a_copy_of_a_private_page_lends_it_no_word(self, client, publish):
        private = publish("Tajne kwiczoły", "Kwiczołki dla wybranych.", private=True)
        private.copy(update_attrs={"slug": "kopia", "title": "Tajne kwiczoły"})
        assert_never_named(client, "kwiczołki", "kwiczolki")

    def test_an_alias_of_a_private_page_lends_it_no_word(self, client, publish):
        private = publish("Tajne kwiczoły", "Kwiczołki dla wybranych.", private=True)
        private.create_alias(update_slug="alias")
        assert_never_named(client, "kwiczołki", "kwiczolki")


class TestNoLongerPublic:
    """A page readers saw once, then hidden: its words stay in the
    vocabulary until the index is rebuilt, and are never named."""

    def test_a_page_made_private(self, client, publish):
        page = publish("Warsztaty kwiczołów", "Kwiczołki dla każdego.")
        restrict(page)
        assert_never_named(client, "kwiczołki", "kwiczolki")

    def test_a_page_unpublished(self, client, publish):
        page = publish("Warsztaty kwiczołów", "Kwiczołki dla każdego.")
        page.unpublish()
        assert_never_named(client, "kwiczołki", "kwiczolki")

    def test_a_page_whose_parent_was_unpublished(self, client, publish, polish):
        projects = ProjectIndexPage.objects.get(locale=polish)
        project = ProjectPageFactory(parent=projects, live=False)
        project.save_revision().publish()
        publish("Warsztaty kwiczołów", "Kwiczołki dla każdego.", parent=project)
        ProjectPage.objects.get(pk=project.pk).unpublish()
        assert_never_named(client, "kwiczołki", "kwiczolki")

    def test_a_translation_whose_original_was_made_private(
        self, client, publish, locales
    ):
        original = publish("Warsztaty kwiczołów", "Kwiczołki dla każdego.")
        translation = original.copy_for_translation(locales["en"])
        translation.title = "Quizzlewick workshops"
        translation.summary = "Quizzlewicks for everyone."
        translation.save_revision().publish()
        restrict(original)
        found = search(client, "senoirs quizzlewickz", "en")
        shown = found["text"].lower().replace("quizzlewickz", "")  # as typed
        assert "quizzlewick" not in shown


def test_a_hidden_pages_word_is_corrected_as_a_word_no_page_holds(client, publish):
    """No oracle: a word only a hidden page holds, typed as it is, gets the
    same suggestion as a word no page ever held (both are one letter from a
    public page's word). Were it "known", it would be left as typed and the
    search would answer "nothing found", telling the two apart."""
    publish("Warsztaty zorblix", "Zorblix dla każdego.")
    hidden = publish("Tajne zorblax", "Zorblax dla wybranych.")
    restrict(hidden)
    never = search(client, "zorblox")
    assert never["corrected"] == "zorblix"
    assert search(client, "zorblax")["corrected"] == never["corrected"]


@pytest.mark.parametrize("state", ["private", "draft"])
def test_a_hidden_librarys_name_is_not_found_through_its_practice(
    client, publish, polish, state
):
    """A practice's index holds the title of its library (a RelatedFields
    search field), whatever the library's state. The practice page names its
    library only while the public may see it; the search finds the practice
    by the hidden library's name, and the vocabulary, filled from the
    practice's indexed text, spells the name out in a suggestion."""
    directory = LibraryIndexPage.objects.get(locale=polish)
    library = LibraryPageFactory(
        parent=directory, title="Biblioteka Kwiczołkowo", locale=polish, live=False
    )
    if state == "private":
        library.save_revision().publish()
        restrict(library)
    publish("Spotkania przy kawie", "Rozmowy o książkach.", library=library)
    assert search(client, "Kwiczołkowo")["titles"] == []
    api = client.get("/api/v2/pages/", {"search": "Kwiczołkowo"}).json()
    assert api["items"] == []
    assert_never_named(client, "kwiczołkowo", "kwiczolkowo")


def test_a_long_word_with_a_dotted_capital_i_does_not_stop_publishing(publish):
    """A capital "İ" lowercases to two characters ("i̇"): a word of up to 64
    characters (the vocabulary's column) may be longer once lowercased.
    On PostgreSQL the insert failed, and with it the whole publication."""
    word = "İSTANBUL" * 8  # 64 characters, 72 once lowercased
    page = publish("Turecki napis", f"Napis {word} na ścianie.")
    assert PracticePage.objects.get(pk=page.pk).live
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")  # the transaction is still usable
