"""A misspelt search retried with the nearest words of the index.

When a search finds nothing, each query word the vocabulary of the reader's
language does not hold (``search/vocabulary.py``) is replaced by its nearest
words there. On PostgreSQL with ``pg_trgm`` the candidates are the words of
greatest trigram similarity, read nearest first through a trigram index
(however dissimilar: two swapped letters share few trigrams); elsewhere, the
words of about the same length. Either way rapidfuzz then ranks them by
their edit similarity to the word typed (optimal string alignment: a
letter left out, added, changed, or two swapped), so both databases suggest the same
word. The search page shows a correction only when it finds public pages
(``search/results.py``), and says so: "Showing results for …".

The vocabulary only proposes. It holds words of pages that are no longer
public (made private or unpublished after they were indexed) and words of
private pages that Wagtail indexed, for a moment, as public (a copy or an
alias is saved before the restrictions it copies). So a word counts as
known, and a nearest word is offered, only when searching for it finds a
public page now (``found``, from the search page): a hidden page's word is
neither named nor told apart from a word no page holds.
"""

import re
from functools import cache
from itertools import islice, product

from django.db import DatabaseError, connection, transaction
from rapidfuzz import process
from rapidfuzz.distance import OSA

from search.lemmas import lemma, lemma_language
from search.vocabulary import MAX_LENGTH, MIN_LENGTH

# Edit similarity a candidate needs: 1 less the optimal-string-alignment
# distance (a letter left out, added, changed, or two letters swapped, each
# one edit) over the longer word's length. One edit in a word of four
# letters scores 0.75, two in a word of eight 0.75, two in six 0.67.
SCORE_CUTOFF = 0.75
PER_WORD = 3  # candidates kept for each misspelt word
CHECKED = 3 * PER_WORD  # candidates looked for among public pages at most
TRIES = 4  # corrected queries tried at most, best first
# A query of more words is not corrected (the search for any of its words
# follows): each word costs a search, and each unknown one a scan of the
# vocabulary (about 0.1 s on PostgreSQL with 50,000 words a language).
MAX_WORDS = 6
TRIGRAM_CANDIDATES = 30
LENGTH_SLACK = 2
# Punctuation around a word ("„seniorów”", "seniorów,"); within a word it
# stays, as does a combining accent (a Russian stress mark).
PUNCTUATION_AROUND = re.compile(r"^[\W_]+|[\W_]+$")


def corrections(query, language, found=None):
    """Corrected versions of the query, best first (none when every word is known).

    The query's words are read without the punctuation around them. A word
    is known when the vocabulary holds it or simplemma knows it as a form of
    another, and ``found(word)`` (a search for it finds public pages now); a
    known word stays as typed, as do short words and numbers; each other
    word becomes one of its nearest words that ``found`` finds."""
    from search.models import Word

    words = [PUNCTUATION_AROUND.sub("", term) for term in query.split()]
    words = [word for word in words if word]
    eligible = list(
        dict.fromkeys(
            word.lower()
            for word in words
            if MIN_LENGTH <= len(word.lower()) <= MAX_LENGTH and not word.isdigit()
        )
    )
    if not eligible or len(eligible) > MAX_WORDS:
        return []
    found = found or (lambda _word: True)
    vocabulary = set(
        Word.objects.filter(language=language, word__in=eligible).values_list(
            "word", flat=True
        )
    )
    lemmas = lemma_language(language)

    def known(word):
        # A page's word, or a form simplemma knows ("bibliotekarkami", whose
        # text says "bibliotekarki"); a stem's guess ("volunters" found as
        # "volunt") is still corrected.
        is_word = word in vocabulary or (lemmas and lemma(word, lemmas) != word)
        return is_word and found(word)

    nearest = {}
    for word in eligible:
        if not known(word):
            candidates = nearest_words(word, language)[:CHECKED]
            nearest[word] = list(
                islice((one for one in candidates if found(one)), PER_WORD)
            )
    if not any(nearest.values()):
        return []
    options = [nearest.get(word.lower()) or [word] for word in words]
    # The best word for each first, then the next best ones of the last
    # misspelt word, and so on.
    tried = [" ".join(combination) for combination in islice(product(*options), TRIES)]
    return list(dict.fromkeys(tried))


def nearest_words(word, language):
    """The vocabulary's words nearest to ``word``, nearest first."""
    candidates = trigram_candidates(word, language)
    if candidates is None:
        candidates = same_length_words(word, language)
    found = process.extract(
        word,
        candidates,
        scorer=OSA.normalized_similarity,
        limit=CHECKED + 1,
        score_cutoff=SCORE_CUTOFF,
    )
    # Equal scores in a stable order: the word sorted first wins.
    found.sort(key=lambda match: (-match[1], match[0]))
    return [match[0] for match in found if match[0] != word]


def trigram_candidates(word, language):
    """The words of greatest trigram similarity, nearest first (PostgreSQL
    with pg_trgm), or None where trigrams are not available."""
    if connection.vendor != "postgresql" or not has_trigrams(connection.alias):
        return None
    from search.models import Word

    table = Word._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT word FROM {table} WHERE language = %s "  # noqa: S608
            "ORDER BY word <-> %s, word LIMIT %s",
            [language, word, TRIGRAM_CANDIDATES],
        )
        return [row[0] for row in cursor.fetchall()]


def same_length_words(word, language):
    from django.db.models.functions import Length

    from search.models import Word

    return list(
        Word.objects.filter(language=language)
        .alias(length=Length("word"))
        .filter(length__range=(len(word) - LENGTH_SLACK, len(word) + LENGTH_SLACK))
        .values_list("word", flat=True)
    )


@cache
def has_trigrams(alias):
    """Whether the database has the pg_trgm extension (asked once per process)."""
    try:
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            return cursor.fetchone() is not None
    except DatabaseError:
        return False
