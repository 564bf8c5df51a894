"""The relevance set (``tests/search/cases/<language>.json``) and its recall
at 10 through the search page's own path; read by the tests
(``test_relevance.py``) and by ``bench/search.py --recall``."""

import json
from pathlib import Path

CASES = Path(__file__).parent / "cases"
LANGUAGES = ["pl", "ru", "fi", "en"]


def cases(language):
    data = json.loads((CASES / f"{language}.json").read_text("utf-8"))
    assert data["language"] == language
    return data["cases"]


class Request:
    def __init__(self, q):
        self.GET = {"q": q}


def searched(locale, q, n=10):
    """The slugs of the first ``n`` results, and the words the search
    corrected the query to (None when it did not)."""
    from wagtail.models import Page

    from search.results import Search

    search = Search(Request(q), locale)
    hits = search.find()[:n]
    slugs = dict(
        Page.objects.filter(pk__in=[hit.pk for hit in hits]).values_list("pk", "slug")
    )
    return [slugs[hit.pk] for hit in hits], search.corrected


def recall(language):
    """Recall at 10 of the language's cases, and what was missed."""
    from wagtail.models import Locale

    locale = Locale.objects.get(language_code=language)
    missed, expected = [], 0
    for case in cases(language):
        top, corrected = searched(locale, case["q"])
        expected += len(case["finds"])
        missed += [(case["q"], slug) for slug in case["finds"] if slug not in top]
        # A stemmer may find a misspelling as it is ("volunters" and
        # "volunteers" are both "volunt" in English); a correction, where the
        # search makes one, is to the word the case names.
        if corrected not in (None, case.get("suggests")):
            missed.append((case["q"], f"corrected to {corrected!r}"))
    return 1 - len(missed) / expected, missed
