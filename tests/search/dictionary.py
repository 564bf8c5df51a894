"""Polish stemming for a test run on PostgreSQL: the Hunspell dictionary put
where the server reads it, when this run may write there.

``make test`` against PostgreSQL installs it as ``make search-dictionary``
would (CI runs as root, as do this project's machines); where it cannot, the
tests that need it fail with ``MISSING``, which names the command to run.
"""

import os

from search.text_search import (
    DictionaryMissing,
    configure,
    install_dictionary,
    server_sharedir,
)

MISSING = (
    "Polish search on PostgreSQL stems with Debian's Hunspell dictionary, which "
    "is not on the database server, and this test run could not put it there "
    "({why}). On the database server's machine, as a user who may write to "
    "PostgreSQL's share folder (root), run:\n"
    "    apt-get install hunspell-pl\n"
    "    make search-dictionary DATABASE_URL={url}\n"
    'then run the tests again (README, "Search").'
)

# What the session found: None when the dictionary is in place.
state = {"missing": None}


def ensure_polish_dictionary(connection):
    """Make the test database's ``polish`` configuration stem with Hunspell,
    installing the dictionary's files first where this process may."""
    if connection.vendor != "postgresql" or configure(connection):
        return
    try:
        install_dictionary(server_sharedir(connection))
    except (DictionaryMissing, OSError) as error:
        why = str(error)
    else:
        if configure(connection):
            return
        why = "the server did not accept the installed files"
    url = os.environ.get("DATABASE_URL", "postgres://…")
    state["missing"] = MISSING.format(why=why, url=url)


def polish_dictionary_missing():
    """Why Polish is not stemmed with Hunspell in this run, or None."""
    return state["missing"]
