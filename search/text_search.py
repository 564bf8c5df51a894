"""The Polish text-search configuration for PostgreSQL.

PostgreSQL stems Russian, Finnish and English itself but has no Polish
stemmer. Debian's ``hunspell-pl`` dictionary does the work once it is a
PostgreSQL ispell dictionary:

1. ``install_dictionary()`` converts ``pl_PL.aff``/``pl_PL.dic`` (ISO-8859-2)
   to UTF-8 files ``polish_hunspell.affix``/``.dict`` in the server's
   ``tsearch_data`` folder. It must run on the database server's machine
   (``manage.py setup_search --install-dictionary`` there, or the same two
   ``iconv`` lines by hand; see README.md).
2. ``configure()`` creates the dictionary and a ``polish`` configuration that
   tries it first and falls back to ``simple`` for words it lacks (names,
   loanwords). Without the dictionary files, ``polish`` is ``simple`` alone:
   Polish search then finds whole words only, and ``configure()`` says so.

The search migration runs ``configure()``, and so does ``setup_search``
after installing the files; both are safe to repeat.
"""

from pathlib import Path

from django.db import DatabaseError, transaction

HUNSPELL_DIR = Path("/usr/share/hunspell")
DICTIONARY = "polish_hunspell"
CONFIGURATION = "polish"
WORD_TOKENS = (
    "asciiword",
    "word",
    "numword",
    "asciihword",
    "hword",
    "numhword",
    "hword_asciipart",
    "hword_part",
    "hword_numpart",
)


class DictionaryMissing(RuntimeError):
    pass


def server_sharedir(connection):
    """The database server's share folder (only superusers may read pg_config)."""
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("SELECT setting FROM pg_config WHERE name = 'SHAREDIR'")
            return Path(cursor.fetchone()[0])
    except DatabaseError as error:
        raise DictionaryMissing(
            "Cannot ask the server for its share folder: give it with --sharedir "
            "(`pg_config --sharedir` on the database server)."
        ) from error


def install_dictionary(sharedir, source=HUNSPELL_DIR):
    """Write the UTF-8 dictionary files into ``sharedir/tsearch_data``."""
    affix, words = source / "pl_PL.aff", source / "pl_PL.dic"
    if not affix.exists() or not words.exists():
        raise DictionaryMissing(
            f"{affix} and {words} are missing: install Debian's hunspell-pl package."
        )
    target = Path(sharedir) / "tsearch_data"
    lines = affix.read_text(encoding="iso-8859-2").splitlines()
    lines = ["SET UTF-8" if line.startswith("SET ") else line for line in lines]
    (target / f"{DICTIONARY}.affix").write_text("\n".join(lines) + "\n", "utf-8")
    (target / f"{DICTIONARY}.dict").write_text(
        words.read_text(encoding="iso-8859-2"), "utf-8"
    )
    return target


def configure(connection):
    """Create (or complete) the ``polish`` configuration; say what it stems with.

    Returns True when Polish words are stemmed with Hunspell, False when the
    dictionary files are not on the server and ``polish`` is ``simple`` alone.
    """
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [CONFIGURATION])
        if not cursor.fetchone():
            cursor.execute(
                f"CREATE TEXT SEARCH CONFIGURATION {CONFIGURATION} (COPY = simple)"
            )
        cursor.execute("SELECT 1 FROM pg_ts_dict WHERE dictname = %s", [DICTIONARY])
        has_dictionary = cursor.fetchone() is not None
        if not has_dictionary:
            try:
                # A savepoint, so that a failure leaves the transaction usable.
                with transaction.atomic(using=connection.alias):
                    cursor.execute(
                        f"CREATE TEXT SEARCH DICTIONARY {DICTIONARY} "
                        f"(TEMPLATE = ispell, DictFile = {DICTIONARY}, "
                        f"AffFile = {DICTIONARY})"
                    )
                    # The files are read on first use: use them now, so that
                    # a broken file fails here and not in a reader's search.
                    cursor.execute("SELECT ts_lexize(%s, 'biblioteka')", [DICTIONARY])
                has_dictionary = True
            except DatabaseError:
                has_dictionary = False
        dictionaries = f"{DICTIONARY}, simple" if has_dictionary else "simple"
        cursor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {CONFIGURATION} "
            f"ALTER MAPPING FOR {', '.join(WORD_TOKENS)} WITH {dictionaries}"
        )
    return has_dictionary
