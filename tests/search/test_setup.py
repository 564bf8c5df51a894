"""The Polish dictionary's conversion, each language's reading and the setup
command."""

from io import StringIO

import pytest
from django.core.management import CommandError
from django.db import connection

from search.backends import (
    BOTH,
    DICTIONARY,
    LEMMAS,
    Reading,
    config_for_language,
    reading_for_language,
)
from search.lemmas import lemma_language
from search.text_search import DictionaryMissing, install_dictionary
from tests.conftest import run_command
from tests.search.dictionary import polish_dictionary_missing

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only"
)


@pytest.fixture
def hunspell_polish():
    """Polish stemmed with Hunspell in this run; else a failure naming the
    command that puts the dictionary in place (tests/search/dictionary.py)."""
    missing = polish_dictionary_missing()
    if missing:
        pytest.fail(missing, pytrace=False)


def test_the_hunspell_files_become_utf8_with_a_utf8_set_line(tmp_path):
    source = tmp_path / "hunspell"
    source.mkdir()
    (source / "pl_PL.aff").write_bytes(
        "SET ISO8859-2\nTRY aioeęąż\n".encode("iso-8859-2")
    )
    (source / "pl_PL.dic").write_bytes(
        "2\nbiblioteka/AB\nżółw/C\n".encode("iso-8859-2")
    )
    (tmp_path / "share" / "tsearch_data").mkdir(parents=True)

    target = install_dictionary(tmp_path / "share", source=source)

    affix = (target / "polish_hunspell.affix").read_text("utf-8")
    assert affix.splitlines() == ["SET UTF-8", "TRY aioeęąż"]
    assert (target / "polish_hunspell.dict").read_text("utf-8").splitlines() == [
        "2",
        "biblioteka/AB",
        "żółw/C",
    ]


def test_without_the_package_it_says_what_to_install(tmp_path):
    with pytest.raises(DictionaryMissing, match="hunspell-pl"):
        install_dictionary(tmp_path, source=tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("code", "config"),
    [("pl", "polish"), ("ru", "russian"), ("fi", "finnish"), ("pt-br", "portuguese")],
)
def test_each_language_has_its_configuration(code, config):
    assert config_for_language(code) == config


def test_an_unknown_language_is_searched_word_for_word():
    assert config_for_language("uk") == "simple"


@pytest.mark.parametrize(
    ("code", "language"), [("pl", "pl"), ("pt-br", "pt"), ("zh-hans", None)]
)
def test_each_language_has_its_lemmatizer_or_none(code, language):
    assert lemma_language(code) == language


@pytest.mark.parametrize(
    ("code", "analysis", "reading"),
    [
        ("pl", DICTIONARY, Reading("polish")),
        ("pl", LEMMAS, Reading("simple", "pl")),
        ("pl", BOTH, Reading("polish", "pl")),
        ("fi", BOTH, Reading("finnish", "fi")),
        # Stemmed by PostgreSQL, unknown to simplemma; and the other way round.
        ("ta", BOTH, Reading("tamil")),
        ("uk", BOTH, Reading("simple", "uk")),
        ("zh-hans", BOTH, Reading("simple")),
    ],
)
def test_each_language_is_read_as_its_analysis_allows(code, analysis, reading):
    assert reading_for_language(code, analysis) == reading


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_on_sqlite_the_command_names_the_lemmatized_languages():
    output = run_command("setup_search", "--no-reindex")
    for code in ("pl", "ru", "fi", "en"):
        assert f"({code}) is searched by lemmas (simplemma)." in output


@pytest.mark.django_db
@on_postgresql
def test_on_postgresql_the_command_says_how_each_language_is_read(hunspell_polish):
    output = run_command("setup_search", "--no-reindex")
    assert "Polish is stemmed with the Hunspell dictionary." in output
    for code, config in [
        ("pl", "polish"),
        ("ru", "russian"),
        ("fi", "finnish"),
        ("en", "english"),
    ]:
        assert (
            f"({code}) is stemmed by PostgreSQL's “{config}” configuration and "
            "searched by lemmas (simplemma)." in output
        )


@pytest.mark.django_db
@on_postgresql
def test_polish_is_stemmed_with_hunspell_on_postgresql(hunspell_polish):
    with connection.cursor() as cursor:
        cursor.execute("SELECT ts_lexize('polish_hunspell', 'bibliotekarkami')")
        assert cursor.fetchone()[0] == ["bibliotekarka"]


@pytest.mark.django_db
@on_postgresql
def test_a_language_read_word_for_word_is_named_on_postgresql(settings):
    settings.LANGUAGES = [("ru", "русский"), ("zh-hans", "简体中文")]
    errors = StringIO()
    output = run_command("setup_search", "--no-reindex", stderr=errors)
    assert "русский (ru) is stemmed by PostgreSQL's “russian”" in output
    assert "简体中文 (zh-hans) has no stemmer in PostgreSQL" in errors.getvalue()
    assert "whole words only" in errors.getvalue()


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_a_language_without_a_lemmatizer_is_named_as_whole_words_only(settings):
    settings.LANGUAGES = [("pl", "polski"), ("zh-hans", "简体中文")]
    errors = StringIO()
    output = run_command("setup_search", "--no-reindex", stderr=errors)
    assert "polski (pl) is searched by lemmas" in output
    assert "简体中文 (zh-hans) has no lemmatizer" in errors.getvalue()
    assert "whole words only" in errors.getvalue()


@pytest.mark.django_db
@on_postgresql
def test_a_dictionary_install_into_an_unwritable_place_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError):
        run_command(
            "setup_search",
            "--install-dictionary",
            "--no-reindex",
            f"--sharedir={tmp_path / 'missing'}",
        )
