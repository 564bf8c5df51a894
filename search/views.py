from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.cache_tags import TEXT_ANY, record
from core.listing import BadFilter
from core.request_memo import active_locale

from .excerpts import excerpts
from .results import MAX_QUERY_LENGTH, QueryTooLong, Search


def search(request):
    """The search page of the reader's language: /pl/search/?q=…"""
    locale = active_locale()
    # Its excerpts, and which pages match, change with any page's text.
    record(TEXT_ANY)
    context = {"search": None, "error": None}
    status = 200
    try:
        search = Search(request, locale)
        results = search.run()
    except QueryTooLong:
        status = 400
        context["error"] = _(
            "The search is too long: use at most %(max)d characters."
        ) % {"max": MAX_QUERY_LENGTH}
    except BadFilter as error:
        status = 400
        context["error"] = _(
            "The results cannot be filtered by that “%(name)s”: the value is not "
            "one of those offered."
        ) % {"name": error}
    else:
        marked = excerpts(
            results.object_list,
            search.words,
            backend=search.backend(),
            any_word=search.any_word,
        )
        for result in results.object_list:
            result.excerpt = marked.get(result.pk, "")
            result.type_label = result._meta.verbose_name
        context.update(search=search, results=results)
    return TemplateResponse(request, "search/search.html", context, status=status)
