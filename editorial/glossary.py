"""The network's glossary: its terms for a language pair, found in a text.

A term is kept in each of its languages (``models.GlossaryTerm``, edited by
network editors as a snippet). For a translation from one language into
another, each term written in both is an entry: shown beside the segments
whose source contains it (``translation_aids.py``), sent to DeepL as a
glossary (``deepl.py``), and looked for in machine output: a segment whose
source has the term and whose machine translation lacks the term's
translation is flagged to the translator and the reviewer (``unfollowed``).

A term is found by its words' lemmas (simplemma, as search reads words), so
the Polish "Biblioteki Wiodącej" contains "Biblioteka Wiodąca" and the
Russian "ведущей библиотеки" "ведущая библиотека"; a word simplemma does not
know is compared as written, without case.
"""

from dataclasses import dataclass

from django.utils.html import strip_tags
from wagtail_localize.models import StringTranslation

from editorial.models import GlossaryTerm
from search.lemmas import WORD, lemma, lemma_language


@dataclass(frozen=True)
class Entry:
    """A term of the glossary in a language pair."""

    source: str
    target: str
    note: str = ""


def entries(source_locale, target_locale):
    """The glossary of the pair: every term written in both languages."""
    found = []
    terms = GlossaryTerm.objects.filter(entries__locale=source_locale).filter(
        entries__locale=target_locale
    )
    for term in terms.prefetch_related("entries").order_by("pk").distinct():
        texts = {entry.locale_id: entry.text for entry in term.entries.all()}
        found.append(Entry(texts[source_locale.pk], texts[target_locale.pk], term.note))
    return found


def words(text, language_code):
    """The text's words, each as (written in lower case, lemma)."""
    language = lemma_language(language_code)
    return [
        (word.lower(), lemma(word, language) if language else word.lower())
        for word in WORD.findall(strip_tags(text or ""))
    ]


def contains(text, phrase, language_code):
    """The phrase's words follow one another in the text, each as written or
    as its lemma."""
    wanted = words(phrase, language_code)
    if not wanted:
        return False
    have = words(text, language_code)
    for start in range(len(have) - len(wanted) + 1):
        if all(
            have[start + i][0] == written or have[start + i][1] == lemmatized
            for i, (written, lemmatized) in enumerate(wanted)
        ):
            return True
    return False


def entries_in(text, glossary, source_locale):
    """The entries whose source term the text contains."""
    code = source_locale.language_code
    return [entry for entry in glossary if contains(text, entry.source, code)]


def missed(source_text, translated_text, glossary, source_locale, target_locale):
    """The entries the source contains whose translation the output lacks."""
    code = target_locale.language_code
    return [
        entry
        for entry in entries_in(source_text, glossary, source_locale)
        if not contains(translated_text, entry.target, code)
    ]


def unfollowed(translation):
    """The translation's machine-translated segments that miss a glossary
    term: {string segment id: [entries missed]}. A segment a person
    translated or corrected (its translation no longer machine-made) is
    theirs to judge."""
    source, target = translation.source.locale, translation.target_locale
    glossary = entries(source, target)
    if not glossary:
        return {}
    machine = {
        (row.translation_of_id, row.context_id): row.data
        for row in StringTranslation.objects.filter(
            locale=target,
            context__object_id=translation.source.object_id,
            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        )
    }
    flagged = {}
    for segment in translation.source.stringsegment_set.select_related("string"):
        output = machine.get((segment.string_id, segment.context_id))
        if output is None:
            continue
        missing = missed(segment.string.data, output, glossary, source, target)
        if missing:
            flagged[segment.pk] = missing
    return flagged
