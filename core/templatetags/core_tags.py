"""Template tags shared by every public page: languages and navigation."""

import json

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import reverse, translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override
from wagtail.models import Locale, Page, Site
from wagtail.templatetags.wagtailcore_tags import pageurl

from core import images
from core.addresses import full_url
from core.cache_tags import kids_tag, listing, page_tag, record
from core.descriptions import page_summary, plain_text, shorten, site_description
from core.feeds import site_feed_title
from core.localization import fallback_order, inside_url, reading_locale
from core.request_memo import locales as locales_by_id
from core.request_memo import remembered, with_locale
from core.visibility import page_is_public

register = template.Library()


def _home_pages(request, page=None):
    """The site's home page in each language, keyed by language code.

    Remembered on the request, since the header and the switcher both need it.
    ``page`` may be "" (a template's missing variable, as on an error page).
    """
    if page:
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
    each language (``homes``), the menu under the reader's home (``menu``),
    the page's ancestors below the tree root (``ancestors``) and their
    versions in the reader's language (``reader_ancestors``: the same where
    the page is read in its own)."""

    def read():
        site = Site.find_for_request(request) if request is not None else None
        root_key = site.root_page.translation_key if site is not None else None
        steplen = Page.steplen
        ancestor_paths = [
            page.path[:end] for end in range(2 * steplen, len(page.path), steplen)
        ]
        home_path = page.path[: 2 * steplen]
        inside = getattr(page, "shown_inside", None)
        wanted = (
            Q(
                translation_key__in=[
                    key for key in (page.translation_key, root_key) if key
                ]
            )
            | Q(path__in=ancestor_paths)
            | Q(depth=3, path__startswith=home_path, show_in_menus=True)
        )
        if inside is not None:
            # Read inside another language: that language's menu, and its
            # versions of the page's ancestors.
            wanted |= Q(depth=3, locale_id=inside.pk, show_in_menus=True) | Q(
                locale_id=inside.pk,
                translation_key__in=Page.objects.filter(path__in=ancestor_paths).values(
                    "translation_key"
                ),
            )
        # What this reading depends on: the page's versions, the home
        # pages, the menus (children of the home pages) and the ancestors
        # (their versions are tagged by their translation keys).
        with listing(
            page_tag(page.translation_key),
            *((page_tag(root_key), kids_tag(root_key)) if root_key is not None else ()),
        ):
            rows = [
                with_locale(row)
                for row in Page.objects.filter(wanted)
                .live()
                .public()
                .select_related("locale")
                .order_by("path")
            ]
        record(*(page_tag(row.translation_key) for row in rows))
        homes = {
            row.locale.language_code: row
            for row in rows
            if root_key is not None and row.translation_key == root_key
        }
        reader = reading_locale(page)
        home = homes.get(reader.language_code)
        ancestors = [row for row in rows if row.path in ancestor_paths]
        versions = {
            row.translation_key: row
            for row in rows
            if row.locale_id == reader.pk and row.path not in ancestor_paths
        }
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
            "ancestors": ancestors,
            "reader_ancestors": [
                versions.get(row.translation_key, row) for row in ancestors
            ],
        }

    return remembered(("family", page.pk), read)


def _language_order():
    return {code: position for position, (code, _name) in enumerate(settings.LANGUAGES)}


OWN_VIEWS = {"search"}


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context, page=None):
    """Links to the same page in each of the site's languages.

    A language the page exists in leads to its version there; a language it
    is not (yet) translated into leads to the page read inside that language
    (``core.localization.inside_url``), so the way back to the reader's own
    language is always offered. Without a page (a 404), the links lead to
    each language's home page; on the search page, to each language's.
    """
    request = context.get("request")
    page = page or None  # a page-less template (404) passes ""
    current = reading_locale(page).language_code if page else get_language()
    names = dict(settings.LANGUAGES)
    order = _language_order()
    homes = _home_pages(request, page)
    # The search page and other views of our own exist in every language.
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if page is None and match else None
    if view_name not in OWN_VIEWS:
        view_name = None
    translations = {}
    if page is not None:
        translations = {
            p.locale.language_code: p for p in _family(request, page)["translations"]
        }
    links = []
    for code in sorted((code for code in homes if code in names), key=order.get):
        if view_name:  # a page of the site that is not a Wagtail page
            url = translate_url(reverse(view_name), code)
        elif page is None:
            url = homes[code].get_url(request)
        elif code == current and request is not None:
            url = request.path
        elif code in translations:
            url = translations[code].get_url(request)
        else:
            version = _version_for(code, translations)
            if version is None:
                continue
            url = inside_url(version.get_url(request), code)
        links.append(
            {
                "code": code,
                "name": names[code],
                "url": url,
                "is_current": code == current,
            }
        )
    return {"links": links, "current": current}


def _version_for(code, translations):
    """The version a reader of ``code`` is shown where the page is not in it:
    the first of ``fallback_order`` (as the listings choose)."""
    locale = next(
        (loc for loc in locales_by_id().values() if loc.language_code == code), None
    )
    if locale is None:
        return None
    return next(
        (
            translations[other]
            for other in fallback_order(locale)
            if other in translations
        ),
        None,
    )


@register.inclusion_tag("components/alternate_links.html", takes_context=True)
def alternate_links(context, page):
    """<link rel="alternate" hreflang> for each live translation, and x-default;
    for a page read inside another language, its own address as canonical."""
    request = context.get("request")
    if getattr(page, "shown_inside", None) is not None:
        return {"links": [], "canonical": full_url(page, request)}
    order = _language_order()
    translations = sorted(
        _family(request, page)["translations"],
        key=lambda p: order.get(p.locale.language_code, 99),
    )
    links = [
        {"hreflang": p.locale.language_code, "url": full_url(p, request)}
        for p in translations
        if p.locale.language_code in order
    ]
    # x-default: the version in the site's default language, else the first.
    default = next(
        (p for p in translations if p.locale.language_code == settings.LANGUAGE_CODE),
        translations[0] if translations else None,
    )
    if default is not None:
        links.append({"hreflang": "x-default", "url": full_url(default, request)})
    return {"links": links}


@register.inclusion_tag("components/main_navigation.html", takes_context=True)
def main_navigation(context, page=None):
    """The home page of the reader's language and its menu pages."""
    request = context.get("request")
    page = page or None
    home = _home_pages(request, page).get(get_language())
    items = []
    current_keys = set()
    if page is not None:
        family = _family(request, page)
        items = family["menu"]
        current_keys = {row.translation_key for row in family["ancestors"]}
        current_keys.add(page.translation_key)
    elif home is not None:
        # Titles and addresses only: no need for each page's own fields.

        def menu():
            with listing(kids_tag(home.translation_key)):
                items = list(home.get_children().live().public().in_menu())
            record(*(page_tag(item.translation_key) for item in items))
            return items

        items = remembered(("menu", home.pk), menu)
    return {
        "home": home,
        "items": [
            {"page": item, "is_current": item.translation_key in current_keys}
            for item in items
        ],
        "request": request,
    }


def _homes_and_menus(root):
    """The site's home pages (``_live_translations`` of its root page), and
    the menu of each (as ``main_navigation`` asks for it), in one query."""

    def read():
        with listing(page_tag(root.translation_key), kids_tag(root.translation_key)):
            rows = list(
                Page.objects.filter(
                    Q(translation_key=root.translation_key)
                    | Q(depth=root.depth + 1, show_in_menus=True)
                )
                .live()
                .public()
                .order_by("path")
            )
        record(*(page_tag(row.translation_key) for row in rows))
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

    def read():
        with listing(page_tag(page.translation_key)):
            return [
                with_locale(translation)
                for translation in Page.objects.filter(
                    translation_key=page.translation_key
                )
                .live()
                .public()
            ]

    return remembered(("live_translations", page.translation_key), read)


@register.simple_tag(takes_context=True)
def site_home(context, page=None):
    """The home page of the reader's language."""
    return _home_pages(context.get("request"), page or None).get(get_language())


@register.simple_tag(takes_context=True)
def site_name(context, page=None):
    """The site's name in the reader's language: the title of that home page."""
    home = _home_pages(context.get("request"), page).get(get_language())
    return home.title if home else settings.WAGTAIL_SITE_NAME


@register.simple_tag(takes_context=True)
def lang_attr(context, obj):
    """lang="xx" for a translatable object shown in another language than the page.

    The page's language is the one activated for the request. Locales are
    looked up once per request, and only when an object is in another one.
    """
    if obj is None or not getattr(obj, "locale_id", None):
        return ""
    # An object whose text was put into another language in memory (a story
    # read machine translated, the ``reading`` app) says which.
    shown_in = getattr(obj, "text_language", None)
    if shown_in:
        return "" if shown_in == get_language() else format_html(' lang="{}"', shown_in)
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


# Ways to read a story in the reader's language that apps above core offer
# (a machine translation: the ``reading`` app): each function registered for
# this hook is given the request, the page and the reader's language code and
# returns None or {"url", "label", "kind"}.
READING_OFFERS = "reading_offers"


@register.simple_tag(takes_context=True)
def reading_offers(context, page, language_code=None):
    """What the ``reading_offers`` hook offers for ``page`` to a reader of
    ``language_code`` (by default the request's language)."""
    from wagtail import hooks

    if not page or not isinstance(page, Page):
        return []
    request = context.get("request")
    code = language_code or get_language()
    offers = (offer(request, page, code) for offer in hooks.get_hooks(READING_OFFERS))
    return [found for found in offers if found]


@register.simple_tag(takes_context=True)
def other_language(context, obj):
    """The object's language code, when it is not the page's (else "")."""
    attribute = lang_attr(context, obj)
    return attribute.split('"')[1] if attribute else ""


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The page's ancestors, each in the reader's language where it is."""
    request = context.get("request")
    ancestors = _family(request, page)["reader_ancestors"] if page else []
    return {"ancestors": ancestors, "page": page, "request": request}


# Languages whose sentences write the names of languages in lower case
# ("na języku polskim", "язык: польский", "kieli: puola"); Django's names
# are capitalised, as titles.
LOWER_CASE_LANGUAGE_NAMES = {
    "bg", "ca", "cs", "da", "es", "et", "fi", "fr", "hr", "hu", "it", "lt",
    "lv", "nb", "nl", "pl", "pt", "ro", "ru", "sk", "sl", "sr", "sv", "uk",
}  # fmt: skip


@register.filter
def language_name(code):
    """A language's name in the reader's language, as written mid-sentence."""
    from django.utils.translation import get_language_info

    name = get_language_info(code)["name_translated"]
    reader = (get_language() or "").split("-")[0]
    return name.lower() if reader in LOWER_CASE_LANGUAGE_NAMES else name


@register.simple_tag(takes_context=True)
def versions_of(context, page):
    """The languages a page exists in (live, public), each with its address
    and its name in that language, in the site's order of languages."""
    from django.utils.translation import get_language_info

    request = context.get("request")
    order = _language_order()
    translations = sorted(
        (
            row
            for row in _family(request, page)["translations"]
            if row.locale.language_code in order
        ),
        key=lambda row: order[row.locale.language_code],
    )
    return [
        {
            "code": row.locale.language_code,
            "name": get_language_info(row.locale.language_code)["name_local"],
            "url": row.get_url(request),
        }
        for row in translations
    ]


@register.simple_tag
def site_feed_url(page=None, kind="rss"):
    """The address of the site's feed of new stories (``core.feeds.SiteFeed``)
    in the language ``page`` is read in (else the request's): ``kind`` is
    "rss" or "atom". ``{% site_feed_url page as feed_url %}``."""
    language = reading_locale(page).language_code if page else get_language()
    with override(language):
        return reverse("site_feed_atom" if kind == "atom" else "site_feed")


@register.inclusion_tag("components/site_feed_links.html", takes_context=True)
def site_feed_links(context, page=None):
    """<link rel="alternate"> to the site's RSS and Atom feeds of new stories,
    where the reader's language has a home page (the feed's)."""
    page = page or None
    language = reading_locale(page).language_code if page else get_language()
    home = _home_pages(context.get("request"), page).get(language)
    if home is None:
        return {"links": []}
    title = site_feed_title(home)
    return {
        "links": [
            {
                "type": f"application/{kind}+xml",
                "title": f"{title} ({name})",
                "url": site_feed_url(page, kind),
            }
            for kind, name in (("rss", "RSS"), ("atom", "Atom"))
        ]
    }


@register.simple_tag(takes_context=True)
def meta_description(context, page=None, text=None):
    """<meta name="description">: ``text`` where given (a view's own page,
    such as search), else the page's summary (``core.descriptions``), else
    what the site is. A page read inside another language describes itself
    in its own, which its ``lang`` says. A page the public may not see (its
    password form is drawn in base.html too) says nothing of itself."""
    page = page or None
    lang = ""
    if text is None:
        text = page_summary(page) if page and page_is_public(page) else ""
        if text:
            lang = lang_attr(context, page)
    else:
        text = plain_text(text)
    return format_html(
        '<meta name="description" content="{}"{}>',
        shorten(text or site_description()),
        lang,
    )


@register.simple_tag
def lead_rendition(image_id):
    """A page's lead picture, with its rendition, in one query (core.images)."""
    return images.lead_rendition(image_id)


@register.simple_tag(takes_context=True)
def fullpageurl(context, page):
    """The page's absolute address on the host the reader came to."""
    return full_url(page, context.get("request"))


@register.simple_tag(takes_context=True)
def readerurl(context, page):
    """A page's address for the reader: its own where it is in the reader's
    language, else the same story read inside the reader's language
    (``core.localization.inside_url``), so that no link leads out of it."""
    url = pageurl(context, page)
    locale = locales_by_id().get(page.locale_id)
    language = get_language()
    if url is None or locale is None or locale.language_code == language:
        return url
    return inside_url(url, language)


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


def _identity(request):
    from core.identity import SiteIdentity

    if request is None:
        return None
    site = Site.find_for_request(request)
    return remembered(
        ("site-identity", site.pk if site else None),
        lambda: SiteIdentity.for_request(request),
    )


@register.simple_tag(takes_context=True)
def site_identity(context):
    """The site's logo, colours and footer pages (core.identity)."""
    return _identity(context.get("request"))


@register.simple_tag
def logo_rendition(identity):
    """The chosen logo at the header's size, in one query; None for the
    drawn default."""
    if identity is None or not identity.logo_id:
        return None
    return remembered(
        ("logo-rendition", identity.logo_id),
        lambda: images.lead_rendition(identity.logo_id, spec="height-80"),
    )


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The footer's pages (the accessibility statement, contact, privacy) in
    the reader's language, or, not yet translated, in the first language of
    the fallback order they exist in; only those the public may see. One
    query: every language's version of the chosen pages."""
    identity = _identity(context.get("request"))
    if identity is None:
        return []
    return remembered(
        ("footer-pages", identity.pk, get_language()),
        lambda: _footer_pages(identity),
    )


def _footer_pages(identity):
    from core.identity import FOOTER_PAGES
    from core.request_memo import is_private

    chosen = [pk for name in FOOTER_PAGES if (pk := getattr(identity, f"{name}_id"))]
    if not chosen:
        return []
    # Every language's version, live or not: the chosen page itself may be
    # a draft while its translations are live.
    versions = list(
        Page.objects.filter(
            translation_key__in=Page.objects.filter(pk__in=chosen).values(
                "translation_key"
            )
        ).select_related("locale")
    )
    language = get_language()
    order = [language, *settings.FALLBACK_LANGUAGES, *dict(settings.LANGUAGES)]
    shown = []
    for pk in chosen:
        key = next((p.translation_key for p in versions if p.pk == pk), None)
        family = {
            p.locale.language_code: p
            for p in versions
            if p.translation_key == key and p.live and not is_private(p)
        }
        code = next((code for code in order if code in family), None)
        if code is not None:
            shown.append(family[code])
    return shown


@register.simple_tag(takes_context=True)
def site_funders(context, page=None):
    """Who funds the network, as the reader's home page names them (its
    ``funders`` field, if its type has one), for every page's footer."""
    home = site_home(context, page)
    if home is None:
        return ""
    # On the home page itself, its own fields are at hand.
    # (``page`` is "" on a page that is not one, such as the search.)
    source = page if getattr(page, "pk", None) == home.pk else None
    return remembered(
        ("funders", home.pk),
        lambda: getattr(source or home.specific, "funders", ""),
    )
