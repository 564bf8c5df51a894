"""A sitemap of every language, each address with its translations.

Wagtail's sitemap lists the default site's tree, which here is the Polish one
only: each language's home page is a sibling of it. This one lists the live,
public pages under every translation of the site's home page, and gives each
an xhtml:link alternate for every live, public translation, plus x-default.
Alternates are looked up once per sitemap page, not once per address.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.addresses import full_url


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
