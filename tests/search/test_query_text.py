"""The words typed, as readers type them: in quotes or before a comma, in
decomposed Unicode, one letter long. Each is read as the word it is, found
and marked as that word is, on both databases."""

import unicodedata

import pytest
from wagtail.models import Locale

from practices.models import PracticeIndexPage
from tests.factories import PracticePageFactory
from tests.search.reading import search

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["„bibliotekarkami”", '"bibliotekarkami"'])
def test_a_word_in_quotes_is_read_as_the_word(client, typed):
    """Polish readers quote with „…”. The word in quotes is found as the
    word alone is (the demo's "bibliotekarki", by its lemma), not
    "corrected" to another word."""
    plain = search(client, "bibliotekarkami")
    assert plain["titles"]
    quoted = search(client, typed)
    assert quoted["corrected"] is None
    assert quoted["titles"] == plain["titles"]


def test_words_between_commas_are_read_as_the_words(client):
    plain = search(client, "seniors workshops Helsinki", "en")
    assert plain["titles"]
    with_comma = search(client, "seniors, workshops, Helsinki", "en")
    assert with_comma["corrected"] == plain["corrected"]
    assert with_comma["titles"] == plain["titles"]


def test_a_query_in_decomposed_unicode_is_read_as_composed(client):
    """The word "seniorów" typed with "o" and a combining acute accent (NFD,
    as some keyboards and pasted text give it) finds and marks what the
    composed word does."""
    decomposed = unicodedata.normalize("NFD", "seniorów")
    assert decomposed != "seniorów"
    composed = search(client, "seniorów")
    assert composed["titles"] and ["seniorów"] in composed["marks"]
    found = search(client, decomposed)
    assert found["titles"] == composed["titles"]
    assert found["marks"] == composed["marks"]


def test_a_short_query_word_marks_itself_not_every_word_it_begins(client):
    """The Polish "w" (in) marks "w", not every word that starts with a w
    (as "a" in English marked "and" and "art")."""
    polish = Locale.objects.get(language_code="pl")
    PracticePageFactory(
        parent=PracticeIndexPage.objects.get(locale=polish),
        title="Kwiczołki",
        summary="Warsztaty kwiczołków w wiejskiej świetlicy, wieczorem.",
    ).save_revision().publish()
    found = search(client, "kwiczołki w")
    assert found["titles"] == ["Kwiczołki"]
    assert found["marks"] == [["kwiczołków", "w"]]


@pytest.mark.parametrize(
    ("language", "typed", "corrected"),
    [
        ("pl", "bibliotekarkami senoirów", "bibliotekarkami seniorów"),
        ("ru", "наставничеством семенаров", "наставничеством семинаров"),
    ],
)
def test_a_word_found_in_another_form_is_not_corrected_into_another_word(
    client, language, typed, corrected
):
    """Only the misspelt word is corrected. "bibliotekarkami" (female
    librarians) is no page's word, but it is a word, and it finds pages
    through its lemma: it was "corrected" to "bibliotekarzami" (male
    librarians), and "наставничеством" to "наставничества"."""
    found = search(client, typed, language)
    assert found["corrected"] in (None, corrected)
    assert found["titles"]


def test_a_word_with_a_stress_mark_finds_its_pages(client):
    """Russian text for learners marks the stress with a combining acute
    accent, which no composed letter takes in: SQLite's tokenizer drops it,
    and on PostgreSQL the word is found through its correction (a word
    split at the accent was corrected into two)."""
    found = search(client, "наста́вничеством", "ru")
    assert found["corrected"] in (None, "наставничества")
    assert "Онлайн-школа библиотечного наставничества" in found["titles"]
