"""An oEmbed 1.0 provider for tutorials (https://oembed.com/).

Given the address of a live, public tutorial page on this site, in any
language, it answers with the iframe of the tutorial's embed page, sized
within the consumer's maxwidth and maxheight. Anything else is 404.
"""

from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.http import require_safe
from wagtail.models import Site

from core.localization import Localizer
from core.visibility import page_is_public
from tutorials.models import TutorialPage

DEFAULT_WIDTH, DEFAULT_HEIGHT = 640, 360
FORMATS = {"json", "xml"}


def find_tutorial(request, url):
    """The live, public tutorial that ``url`` addresses on this site, else None."""
    parts = urlsplit(url)
    site = Site.find_for_request(request)
    if site is None or parts.scheme not in ("http", "https"):
        return None
    # The host the consumer saw, or the site's own address.
    if parts.netloc not in {request.get_host(), urlsplit(site.root_url).netloc}:
        return None
    segments = [segment for segment in parts.path.split("/") if segment]
    languages = {code for code, _name in settings.LANGUAGES}
    if not segments or segments[0] not in languages:
        return None
    with translation.override(segments[0]):
        try:
            route = site.root_page.localized.specific.route(request, segments[1:])
        except Http404:
            return None
    page = route.page.specific
    if not isinstance(page, TutorialPage) or not page_is_public(page):
        return None
    view, _args, _kwargs = route.args
    if view.__name__ != "tutorial" or page.get_view_restrictions().exists():
        return None
    return page


def positive_int(value):
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


def fit(max_width, max_height):
    """The largest 16:9 size within the limits, no larger than the default."""
    width = min(DEFAULT_WIDTH, max_width or DEFAULT_WIDTH)
    height = min(DEFAULT_HEIGHT, max_height or DEFAULT_HEIGHT, width * 9 // 16)
    return min(width, height * 16 // 9), height


@require_safe
def oembed(request):
    url = request.GET.get("url", "").strip()
    if not url:
        return HttpResponseBadRequest("The url parameter is required.")
    try:
        max_width, max_height = (
            positive_int(request.GET[name]) if request.GET.get(name) else None
            for name in ("maxwidth", "maxheight")
        )
    except ValueError:
        return HttpResponseBadRequest(
            "maxwidth and maxheight must be positive whole numbers."
        )
    response_format = request.GET.get("format", "json")
    if response_format not in FORMATS:
        return HttpResponse(
            "Only the json and xml formats are supported.",
            status=501,
            content_type="text/plain",
        )
    tutorial = find_tutorial(request, url)
    if tutorial is None:
        raise Http404("No live, public tutorial at that address.")

    captions = parse_qs(urlsplit(url).query).get("captions", [None])[0]
    if captions not in {track.language for track in tutorial.caption_tracks}:
        captions = None
    width, height = fit(max_width, max_height)
    site = Site.find_for_request(request)
    home = site.root_page.get_translation_or_none(tutorial.locale) or site.root_page
    library = tutorial.library
    if library is not None:
        library = Localizer(tutorial.locale).all([library])[0]
    data = {
        "version": "1.0",
        "type": "video",
        "provider_name": home.title,
        "provider_url": request.build_absolute_uri(home.get_url(request)),
        "title": tutorial.title,
        "author_name": library.title if library else home.title,
        "author_url": request.build_absolute_uri((library or home).get_url(request)),
        "html": render_to_string(
            "components/embed_snippet.html",
            {
                "page": tutorial,
                "embed_code_url": tutorial.embed_url(request, captions),
                "width": width,
                "height": height,
            },
        ).strip(),
        "width": width,
        "height": height,
        "cache_age": 3600,
    }
    if tutorial.poster:
        thumbnail = tutorial.poster.get_rendition(f"fill-{width}x{height}")
        data.update(
            thumbnail_url=request.build_absolute_uri(thumbnail.url),
            thumbnail_width=thumbnail.width,
            thumbnail_height=thumbnail.height,
        )
    if response_format == "json":
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    fields = "".join(
        f"<{key}>{escape(str(value))}</{key}>" for key, value in data.items()
    )
    document = '<?xml version="1.0" encoding="utf-8" standalone="yes"?>'
    document += f"<oembed>{fields}</oembed>"
    return HttpResponse(document, content_type="text/xml; charset=utf-8")
