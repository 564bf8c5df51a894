from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from wagtail.search.backends import get_search_backend

from search.backends import FALLBACK_CONFIG, MultilingualPostgresSearchBackend
from search.lemmas import lemma_language
from search.text_search import (
    CONFIGURATION,
    DictionaryMissing,
    configure,
    install_dictionary,
    server_sharedir,
)


class Command(BaseCommand):
    help = (
        "Set up per-language search. On PostgreSQL: install the Polish Hunspell "
        "dictionary (on the database server's machine), create the 'polish' "
        "text-search configuration, say how each site language is read and "
        "rebuild the search index. On SQLite: say which languages are "
        "lemmatized and rebuild the index with the lemmas."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--install-dictionary",
            action="store_true",
            help="Convert Debian's hunspell-pl files into the server's "
            "tsearch_data folder (run where PostgreSQL runs, with write access).",
        )
        parser.add_argument(
            "--sharedir",
            help="The server's share folder (default: asked from the server).",
        )
        parser.add_argument(
            "--no-reindex",
            action="store_true",
            help="Leave the search index as it is.",
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.without_postgresql(options)
            return
        if options["install_dictionary"]:
            try:
                sharedir = options["sharedir"] or server_sharedir(connection)
                target = install_dictionary(sharedir)
            except (DictionaryMissing, OSError) as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"Polish dictionary installed in {target}.")
        hunspell = configure(connection)
        if hunspell:
            self.stdout.write("Polish is stemmed with the Hunspell dictionary.")
        else:
            self.stderr.write(
                "The Polish dictionary is not on the database server, so PostgreSQL "
                "does not stem Polish. Install Debian's hunspell-pl there and run "
                'this command with --install-dictionary (README, "Search").'
            )
        self.describe_readings(hunspell)
        if not options["no_reindex"]:
            call_command("update_index", verbosity=0)
            self.stdout.write("Search index rebuilt.")

    def describe_readings(self, hunspell):
        """How the backend reads each site language (search/backends.py)."""
        backend = get_search_backend()
        if not isinstance(backend, MultilingualPostgresSearchBackend):
            return
        for code, name in settings.LANGUAGES:
            reading = backend.readings[code]
            config = reading.config
            if config == CONFIGURATION and not hunspell:
                config = FALLBACK_CONFIG  # "polish" is "simple" without Hunspell
            stems = config != FALLBACK_CONFIG
            if stems and reading.lemmas:
                self.stdout.write(
                    f"{name} ({code}) is stemmed by PostgreSQL's “{config}” "
                    "configuration and searched by lemmas (simplemma)."
                )
            elif stems:
                self.stdout.write(
                    f"{name} ({code}) is stemmed by PostgreSQL's “{config}” "
                    "configuration."
                )
            elif reading.lemmas:
                self.stdout.write(f"{name} ({code}) is searched by lemmas (simplemma).")
            else:
                self.stderr.write(
                    f"{name} ({code}) has no stemmer in PostgreSQL and no "
                    "lemmatizer in simplemma: its search finds whole words only."
                )

    def without_postgresql(self, options):
        """Say which site languages simplemma lemmatizes; rebuild the index."""
        if connection.vendor != "sqlite":
            self.stdout.write(
                f"The database is {connection.vendor}: search uses Wagtail's "
                "database backend as it is (whole words, no stemming)."
            )
            return
        for code, name in settings.LANGUAGES:
            if lemma_language(code):
                self.stdout.write(f"{name} ({code}) is searched by lemmas (simplemma).")
            else:
                self.stderr.write(
                    f"{name} ({code}) has no lemmatizer in simplemma: its search "
                    "finds whole words only."
                )
        if not options["no_reindex"]:
            call_command("update_index", verbosity=0)
            self.stdout.write("Search index rebuilt.")
