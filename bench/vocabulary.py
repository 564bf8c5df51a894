"""Each language's vocabulary for bench/search.py: the words the demo's own
pages are indexed with, which generated pages are written in (titles,
summaries, terms, libraries) and which the searches ask for."""

import random
import re
import sys
import unicodedata
import uuid
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

from bench.generate import PREFIX

QUERIES_PER_LANGUAGE = 10
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def demo_languages(backend):
    """A Language for each locale, with its text-search configuration."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale

    from practices.models import PracticePage

    practice_type = ContentType.objects.get_for_model(PracticePage)
    found = []
    for locale in Locale.objects.order_by("pk"):
        config = (
            backend.for_language(locale.language_code).config
            if hasattr(backend, "for_language")
            else "simple"
        )
        language = Language(locale, config)
        language.content_type_id = practice_type.pk
        found.append(language)
    return found


class Language:
    """One language: its index page, its words, its terms and libraries."""

    def __init__(self, locale, config):
        from libraries.models import LibraryPage
        from practices.models import PracticeIndexPage, PracticePage

        self.locale = locale
        self.code = locale.language_code
        self.config = config
        self.index = PracticeIndexPage.objects.get(locale=locale)
        self.tokens = self.demo_tokens()
        self.counts = Counter(self.tokens)
        self.terms = {}
        for name in ("audiences", "formats", "topics"):
            model = PracticePage._meta.get_field(name).related_model
            self.terms[name] = list(
                model.objects.filter(locale=locale)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
        self.libraries = list(
            LibraryPage.objects.live().filter(locale=locale).order_by("pk")
        )

    def demo_tokens(self):
        """Every word the demo's own live pages in this language are indexed
        with, in order (so sampling from it follows the words' frequencies)."""
        from wagtail.models import Page
        from wagtail.search.models import IndexEntry

        pages = (
            Page.objects.live()
            .filter(locale=self.locale, depth__gt=1)
            .exclude(slug__startswith=PREFIX)
        )
        wanted = set(pages.values_list("content_type_id", "pk"))
        entries = (
            IndexEntry.objects.filter(object_id__in=[str(pk) for _ct, pk in wanted])
            .order_by("content_type_id", "object_id")
            .values_list("content_type_id", "object_id", "title_text", "body_text")
        )
        tokens = []
        for ct, object_id, title, body in entries:
            if (ct, int(object_id)) in wanted:
                tokens += WORD.findall(f"{title or ''} {body or ''}".lower())
        if len(tokens) < 50:
            sys.exit(
                f"The demo pages in {self.code!r} have only {len(tokens)} indexed "
                "words: run `manage.py update_index` on this database first."
            )
        return tokens

    def page_content(self, seed, number):
        """Page ``number``'s title, summary, dates and terms: the same in every run."""
        rng = random.Random(f"{seed}:{self.code}:{number}")
        title = " ".join(rng.choices(self.tokens, k=rng.randint(3, 6)))
        words = rng.choices(self.tokens, k=rng.randint(40, 80))
        sentences = []
        while words:
            size = rng.randint(6, 14)
            sentences.append(words[:size])
            words = words[size:]

        def text():
            return " ".join(
                " ".join(sentence).capitalize() + "." for sentence in sentences
            )

        summary = text()
        while len(summary) > 500:  # the field's limit
            sentences[-1].pop()
            if not sentences[-1]:
                sentences.pop()
            summary = text()
        published = datetime(2015, 1, 1, tzinfo=UTC) + timedelta(
            seconds=rng.randrange(11 * 365 * 86400)
        )
        return {
            "title": title[:1].upper() + title[1:],
            "summary": summary,
            "published": published,
            "translation_key": uuid.UUID(int=rng.getrandbits(128), version=4),
            "audiences": rng.sample(self.terms["audiences"], rng.randint(1, 2)),
            "formats": rng.sample(self.terms["formats"], 1),
            "topics": rng.sample(self.terms["topics"], rng.randint(1, 2)),
            "library": rng.choice(self.libraries) if self.libraries else None,
        }

    def query_words(self, seed):
        """(word, kind) pairs: common, inflected, middling and rare words of this
        language's vocabulary that its configuration does not drop as stop words."""
        rng = random.Random(f"{seed}:{self.code}:queries")
        words = sorted(
            (w for w in self.counts if len(w) >= 4 and "-" not in w),
            key=lambda w: (-self.counts[w], w),
        )
        lexemes = to_lexemes(self.config, words)
        # Not stop words, and in the language's own script (the Russian pages
        # quote a few Latin-script addresses).
        script = Counter(script_of(w) for w in self.tokens).most_common(1)[0][0]
        words = [w for w in words if lexemes[w] and script_of(w) == script]
        chosen = {}

        def pick(kind, pool, k):
            pool = [w for w in pool if w not in chosen]
            for word in rng.sample(pool, min(k, len(pool))):
                chosen[word] = kind

        n = len(words)
        pick("common", words[: max(8, n // 20)], 4)
        # Inflected: a less frequent form of a word whose other forms the pages
        # also use; the configuration should find them all.
        forms = defaultdict(list)
        for word in words:
            forms[lexemes[word]].append(word)
        groups = sorted(
            (group for group in forms.values() if len(group) > 1),
            key=lambda group: group[0],
        )
        for group in rng.sample(groups, min(2, len(groups))):
            form = min(group, key=lambda w: (self.counts[w], w))
            if form not in chosen:
                chosen[form] = "inflected"
        pick("middling", words[n // 3 : 2 * n // 3], 2)
        pick("rare", [w for w in words if self.counts[w] == 1] or words[-n // 5 :], 2)
        pick("middling", words, QUERIES_PER_LANGUAGE - len(chosen))
        return list(chosen.items())


def script_of(word):
    """LATIN, CYRILLIC…: the script of a word's first letter."""
    return unicodedata.name(word[0], "?").split(" ")[0]


def to_lexemes(config, words):
    """Each word's lexemes in ``config`` (a tuple; empty for a stop word)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, tsvector_to_array(to_tsvector(%s::regconfig, w)) "
            "FROM unnest(%s::text[]) AS w",
            [config, words],
        )
        return {word: tuple(sorted(lexemes)) for word, lexemes in cursor.fetchall()}
