"""A sitemap of every language, each address with its translations.

Wagtail's sitemap lists the default site's tree, which here is the Polish one
only: each language's home page is a sibling of it. This one lists the live,
public pages under every translation of the site's home page, and gives each
an xhtml:link alternate for every live, public translation, plus x-default.
Alternates are looked up once per sitemap page, not once per address.

``sitemap``, the view, keeps each sitemap page it makes in the default cache
(shared by the processes) under the site's stamp (``core.request_memo``),
which any change to pages, restrictions or locales replaces: crawlers ask
for it often, and it was the slowest page to make.
"""

import hashlib
import logging
from collections import defaultdict

from django.conf import settings
from django.core.cache import caches
from django.db.models import Q
from django.http import HttpResponse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from core.addresses import full_url
from core.request_memo import site_stamp

logger = logging.getLogger(__name__)

# How long a sitemap page is kept, at most (a change replaces it sooner).
SITEMAP_SECONDS = 24 * 60 * 60


class MultilingualSitemap(Sitemap):
    def items(self):
        homes = Page.objects.filter(
            translation_key=self.get_wagtail_site().root_page.translation_key
        )
        trees = Q()
        for home in homes:
            trees |= Q(path__startswith=home.path)
        return (
            Page.objects.live()
            .public()
            .filter(trees)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        translations = defaultdict(list)
        for translation in (
            Page.objects.live()
            .public()
            .filter(translation_key__in={item.translation_key for item in items})
            .select_related("locale")
        ):
            translations[translation.translation_key].append(translation)

        urls = []
        for item in items:
            alternates = [
                {
                    "lang_code": p.locale.language_code,
                    "location": full_url(p, self.request),
                }
                for p in sorted(translations[item.translation_key], key=language_order)
            ]
            if alternates:
                # x-default: the default language's version, else the first.
                default = alternates[0]["location"]
                alternates.append({"lang_code": "x-default", "location": default})
            for url_info in item.get_sitemap_urls(self.request):
                location = full_url(item, self.request)
                urls.append(
                    {**url_info, "location": location, "alternates": alternates}
                )
        last_mods = {url.get("lastmod") for url in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def language_order(page):
    """Pages in the order of the site's languages, the default first."""
    codes = [code for code, _name in settings.LANGUAGES]
    code = page.locale.language_code
    return codes.index(code) if code in codes else len(codes)


def sitemap(request, **kwargs):
    """Wagtail's sitemap view, each page of it kept under the site's stamp."""
    stamp = site_stamp()
    if stamp is None:
        return wagtail_sitemap(request, **kwargs)
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    key = f"sitemap:{stamp}:{hashlib.sha256(address.encode()).hexdigest()}"
    cache = caches["default"]
    try:
        kept = cache.get(key)
    except Exception:  # noqa: BLE001 (made afresh)
        logger.exception("Could not read a kept sitemap.")
        kept = None
    if kept is not None:
        content, headers = kept
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response
    response = wagtail_sitemap(request, **kwargs)
    response.render()
    if response.status_code == 200:
        try:
            cache.set(key, (response.content, list(response.items())), SITEMAP_SECONDS)
        except Exception:  # noqa: BLE001
            logger.exception("Could not keep a sitemap.")
    return response
