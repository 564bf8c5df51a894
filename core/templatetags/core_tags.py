"""Template tags shared by every public page: languages and navigation."""

import json

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

register = template.Library()


def _home_pages(request):
    """The site's home page in each language, keyed by language code.

    Remembered on the request, since the header and the switcher both need it.
    """
    if request is not None and hasattr(request, "_home_pages"):
        return request._home_pages
    site = Site.find_for_request(request) if request else None
    homes = {}
    if site is not None:
        homes = {p.locale.language_code: p for p in _live_translations(site.root_page)}
    if request is not None:
        request._home_pages = homes
    return homes


def _language_order():
    return {code: position for position, (code, _name) in enumerate(settings.LANGUAGES)}


OWN_VIEWS = {"search"}


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context, page=None):
    """Links to the same page in the other languages it exists in.

    A language the page is not (yet) translated into is not offered: readers
    find untranslated content from their own language's listings instead.
    Without a page (a 404), the links lead to each language's home page.
    """
    request = context.get("request")
    page = page or None  # a page-less template (404) passes ""
    current = page.locale.language_code if page else get_language()
    names = dict(settings.LANGUAGES)
    order = _language_order()
    homes = _home_pages(request)
    translations = {}
    # The search page and other views of our own exist in every language.
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if page is None and match else None
    if view_name not in OWN_VIEWS:
        view_name = None
    if page is not None:
        translations = {p.locale.language_code: p for p in _live_translations(page)}

    links = []
    locales = sorted(
        (loc for loc in Locale.objects.all() if loc.language_code in names),
        key=lambda loc: order[loc.language_code],
    )
    for locale in locales:
        code = locale.language_code
        # A page offers only its own translations; a page-less page (404)
        # the home pages.
        target = translations.get(code) if page is not None else homes.get(code)
        if view_name:  # a page of the site that is not a Wagtail page
            url = translate_url(reverse(view_name), code)
        elif target is not None:
            url = target.get_url(request)
        else:
            continue
        links.append(
            {
                "code": code,
                "name": names[code],
                "url": url,
                "is_current": code == current,
            }
        )
    return {"links": links, "current": current}


@register.inclusion_tag("components/alternate_links.html", takes_context=True)
def alternate_links(context, page):
    """<link rel="alternate" hreflang> for each live translation, and x-default."""
    request = context.get("request")
    order = _language_order()
    translations = sorted(
        _live_translations(page), key=lambda p: order.get(p.locale.language_code, 99)
    )
    links = [
        {"hreflang": p.locale.language_code, "url": p.get_full_url(request)}
        for p in translations
        if p.locale.language_code in order
    ]
    # x-default: the version in the site's default language, else the first.
    default = next(
        (p for p in translations if p.locale.language_code == settings.LANGUAGE_CODE),
        translations[0] if translations else None,
    )
    if default is not None:
        links.append({"hreflang": "x-default", "url": default.get_full_url(request)})
    return {"links": links}


@register.inclusion_tag("components/main_navigation.html", takes_context=True)
def main_navigation(context, page=None):
    """The home page of the current language and its menu pages."""
    request = context.get("request")
    page = page or None
    language = page.locale.language_code if page else get_language()
    home = _home_pages(request).get(language)
    items = []
    if home is not None:
        items = list(home.get_children().live().public().in_menu().specific())
    current_path = page.path if page else ""
    return {
        "home": home,
        "items": [
            {
                "page": item,
                "is_current": bool(current_path) and current_path.startswith(item.path),
            }
            for item in items
        ],
        "request": request,
    }


def _live_translations(page):
    """The page and its translations that the public may see, with their locales."""
    return (
        Page.objects.filter(translation_key=page.translation_key)
        .live()
        .public()
        .select_related("locale")
    )


@register.simple_tag(takes_context=True)
def site_name(context, page=None):
    """The site's name in the page's language: the title of that home page."""
    language = page.locale.language_code if page else get_language()
    home = _home_pages(context.get("request")).get(language)
    return home.title if home else settings.WAGTAIL_SITE_NAME


@register.simple_tag(takes_context=True)
def lang_attr(context, obj):
    """lang="xx" for a translatable object shown in another language than the page.

    The page's language is the one activated for the request. Locales are
    looked up once per request, and only when an object is in another one.
    """
    if obj is None or not getattr(obj, "locale_id", None):
        return ""
    request = context.get("request")
    languages = getattr(request, "_locale_languages", None)
    if languages is None or obj.locale_id not in languages:
        languages = dict(Locale.objects.values_list("id", "language_code"))
        if request is not None:
            request._locale_languages = languages
    code = languages.get(obj.locale_id)
    if not code or code == get_language():
        return ""
    return format_html(' lang="{}"', code)


@register.simple_tag(takes_context=True)
def other_language(context, obj):
    """The object's language code, when it is not the page's (else "")."""
    attribute = lang_attr(context, obj)
    return attribute.split('"')[1] if attribute else ""


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = page.get_ancestors().filter(depth__gt=1).live().public() if page else []
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


def _hms(duration):
    seconds = int(duration.total_seconds())
    return seconds // 3600, seconds % 3600 // 60, seconds % 60


@register.filter
def clock(duration):
    """A duration as a reader reads it: 4:30, or 1:02:05."""
    if not duration:
        return ""
    hours, minutes, seconds = _hms(duration)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


@register.filter
def iso_duration(duration):
    """A duration as ISO 8601 (PT4M30S), for <time datetime> and schema.org."""
    if not duration:
        return ""
    hours, minutes, seconds = _hms(duration)
    return (
        "PT"
        + "".join(
            f"{n}{unit}"
            for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S"))
            if n
        )
        if duration.total_seconds()
        else "PT0S"
    )


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """Structured data as <script type="application/ld+json">, safely escaped."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    # As django.utils.html.json_script does: <, > and & are escaped above.
    safe_text = mark_safe(text)  # noqa: S308
    return format_html('<script type="application/ld+json">{}</script>', safe_text)
