"""Template tags shared by every public page: languages and navigation."""

import json

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import reverse, translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from core.request_memo import locales as locales_by_id
from core.request_memo import remembered, with_locale

register = template.Library()


def _home_pages(request, page=None):
    """The site's home page in each language, keyed by language code.

    Remembered on the request, since the header and the switcher both need it.
    """
    if page is not None:
        return _family(request, page)["homes"]
    if request is not None and hasattr(request, "_home_pages"):
        return request._home_pages
    site = Site.find_for_request(request) if request else None
    homes = {}
    if site is not None:
        homes = {p.locale.language_code: p for p in _homes_and_menus(site.root_page)}
    if request is not None:
        request._home_pages = homes
    return homes


def _family(request, page):
    """What the header, the language switcher, the alternate links and the
    breadcrumbs show around ``page``, read in one query (once per request):
    the page's live, public translations (``translations``), the home page in
    each language (``homes``), the menu under the page's home (``menu``) and
    the page's ancestors below the tree root (``ancestors``)."""

    def read():
        site = Site.find_for_request(request) if request is not None else None
        root_key = site.root_page.translation_key if site is not None else None
        steplen = Page.steplen
        ancestor_paths = [
            page.path[:end] for end in range(2 * steplen, len(page.path), steplen)
        ]
        home_path = page.path[: 2 * steplen]
        wanted = (
            Q(
                translation_key__in=[
                    key for key in (page.translation_key, root_key) if key
                ]
            )
            | Q(path__in=ancestor_paths)
            | Q(depth=3, path__startswith=home_path, show_in_menus=True)
        )
        rows = [
            with_locale(row)
            for row in Page.objects.filter(wanted)
            .live()
            .public()
            .select_related("locale")
            .order_by("path")
        ]
        homes = {
            row.locale.language_code: row
            for row in rows
            if root_key is not None and row.translation_key == root_key
        }
        home = homes.get(page.locale.language_code)
        return {
            "translations": [
                row for row in rows if row.translation_key == page.translation_key
            ],
            "homes": homes,
            "menu": [
                row
                for row in rows
                if home is not None
                and row.depth == home.depth + 1
                and row.path.startswith(home.path)
                and row.show_in_menus
            ],
            "ancestors": [row for row in rows if row.path in ancestor_paths],
        }

    return remembered(("family", page.pk), read)


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
    homes = _home_pages(request, page)
    translations = {}
    # The search page and other views of our own exist in every language.
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if page is None and match else None
    if view_name not in OWN_VIEWS:
        view_name = None
    if page is not None:
        translations = {
            p.locale.language_code: p for p in _family(request, page)["translations"]
        }

    links = []
    if page is not None:  # only the languages the page is in are offered
        candidates = [p.locale for p in translations.values()]
    else:
        candidates = locales_by_id().values()
    locales = sorted(
        (loc for loc in candidates if loc.language_code in names),
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
        _family(request, page)["translations"],
        key=lambda p: order.get(p.locale.language_code, 99),
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
    home = _home_pages(request, page).get(language)
    items = []
    if page is not None:
        items = _family(request, page)["menu"]
    elif home is not None:
        # Titles and addresses only: no need for each page's own fields.
        items = remembered(
            ("menu", home.pk),
            lambda: list(home.get_children().live().public().in_menu()),
        )
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


def _homes_and_menus(root):
    """The site's home pages (``_live_translations`` of its root page), and
    the menu of each (as ``main_navigation`` asks for it), in one query."""

    def read():
        rows = list(
            Page.objects.filter(
                Q(translation_key=root.translation_key)
                | Q(depth=root.depth + 1, show_in_menus=True)
            )
            .live()
            .public()
            .order_by("path")
        )
        homes = [
            with_locale(row)
            for row in rows
            if row.translation_key == root.translation_key
        ]
        for home in homes:
            if home.depth == root.depth:
                remembered(
                    ("menu", home.pk),
                    lambda home=home: [
                        row
                        for row in rows
                        if row.depth == home.depth + 1
                        and row.path.startswith(home.path)
                        and row.show_in_menus
                    ],
                )
        return homes

    # The same memo as ``_live_translations``: whichever reads first.
    return remembered(("live_translations", root.translation_key), read)


def _live_translations(page):
    """The page and its translations that the public may see, with their locales.

    Read once per request: the header, the language switcher and the
    alternate links all ask.
    """
    return remembered(
        ("live_translations", page.translation_key),
        lambda: [
            with_locale(translation)
            for translation in Page.objects.filter(translation_key=page.translation_key)
            .live()
            .public()
        ],
    )


@register.simple_tag(takes_context=True)
def site_name(context, page=None):
    """The site's name in the page's language: the title of that home page."""
    language = page.locale.language_code if page else get_language()
    home = _home_pages(context.get("request"), page).get(language)
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
        languages = {pk: locale.language_code for pk, locale in locales_by_id().items()}
        if obj.locale_id not in languages:  # a locale added since
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
    request = context.get("request")
    ancestors = _family(request, page)["ancestors"] if page else []
    return {"ancestors": ancestors, "page": page, "request": request}


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
