from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from search.lemmas import lemma_language
from search.text_search import (
    DictionaryMissing,
    configure,
    install_dictionary,
    server_sharedir,
)


class Command(BaseCommand):
    help = (
        "Set up per-language search. On PostgreSQL: install the Polish Hunspell "
        "dictionary (on the database server's machine), create the 'polish' "
        "text-search configuration and rebuild the search index. On SQLite: say "
        "which languages are lemmatized and rebuild the index with the lemmas."
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
        if configure(connection):
            self.stdout.write("Polish is stemmed with the Hunspell dictionary.")
        else:
            self.stderr.write(
                "The Polish dictionary is not on the database server, so Polish "
                "search finds whole words only. Install Debian's hunspell-pl there "
                "and run this command with --install-dictionary."
            )
        if not options["no_reindex"]:
            call_command("update_index", verbosity=0)
            self.stdout.write("Search index rebuilt.")

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
