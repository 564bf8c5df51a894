"""A story read machine translated, inside the reader's language's site.

``/<language>/machine-translation/<page id>/``: the live version of a story
the public may see (``core.visibility``: a draft, a private or restricted
page, a page under an unpublished one, a translation of a restricted
original: 404), its texts machine translated (``reading.translate``, cached
per live revision), in its own template, read inside the reader's language
as an untranslated story is (``core.localization``): that language's
header, menus and footer. The page says it is machine translated and not
reviewed, links to the original, and is kept out of search engines
(``noindex``, in the page and in ``X-Robots-Tag``). It is not a page of
the site: no sitemap, search index or API lists it. A story that has since
been translated into the language redirects to that translation. If the
service fails, the original is shown with a message (200, not a 500).
"""

from functools import wraps

from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from wagtail.models import Page

from core.localization import inside_url
from core.visibility import page_is_public
from reading.counts import count_reader
from reading.offers import is_offered, is_story, locale_for
from reading.translate import TranslationUnavailable, translate_page

NOTICE = "reading/machine_translated_notice.html"


def not_page_cached(view):
    """The page cache (operations.page_cache, wagtail-cache) stores none of
    the view's answers, its 404s and redirects included: each depends on
    the setting and on the page's state, and each request is counted."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request._wagtailcache_skip = True
        request._wagtailcache_update = False
        return view(request, *args, **kwargs)

    return wrapped


@not_page_cached
def machine_translation(request, language_code, page_id):
    locale = locale_for(language_code)
    if locale is None or translation.get_language() != language_code:
        raise Http404
    found = Page.objects.filter(pk=page_id).select_related("locale").first()
    if found is None or not page_is_public(found) or not is_story(found):
        raise Http404
    if found.locale_id == locale.pk:
        return redirect(found.get_url(request))
    version = (
        Page.objects.live()
        .public()
        .filter(translation_key=found.translation_key, locale_id=locale.pk)
        .first()
    )
    if version is not None:
        return redirect(version.get_url(request))
    if not is_offered(request, found, locale):
        raise Http404
    page = found.specific
    page.locale = found.locale
    original_url = inside_url(page.get_url(request), language_code)
    failure = None
    try:
        asked = translate_page(page, locale)
    except TranslationUnavailable:
        asked = False
        failure = gettext(
            "The machine translation cannot be made just now: the story is "
            "shown in its original language. Please try again later."
        )
    count_reader(request, page, locale, flush=asked)
    # Read inside the reader's language (core.localization.route_inside):
    # its header, menus and footer; its own text in the reader's language
    # unless the translation failed.
    page.shown_inside = locale
    page.inside_notice = NOTICE
    page.robots_noindex = True
    page.original_url = original_url
    page.machine_translation_failed = failure
    if failure is None:
        page.text_language = language_code
    response = page.serve(request)
    response["X-Robots-Tag"] = "noindex"
    # Nor by the browser or a shared cache: each request is counted here,
    # the translation itself coming from the cache (reading.translate).
    patch_cache_control(response, private=True, no_cache=True)
    return response
