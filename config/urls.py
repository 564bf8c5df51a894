from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api_router
from core.feeds import site_feed
from core.sitemaps import MultilingualSitemap, sitemap
from core.views import favicon_ico, robots_txt, site_colours
from operations.health import healthz, readyz
from operations.media import serve_media
from operations.page_passwords import document_urlpatterns, page_urlpatterns
from reading import urls as reading_urls
from tutorials.oembed import oembed

urlpatterns = [
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": MultilingualSitemap}},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("site-colours.css", site_colours, name="site_colours"),
    path("favicon.ico", favicon_ico, name="favicon_ico"),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("oembed/", oembed, name="oembed"),
    path("api/v2/", api_router.urls),
    path("admin/", include(wagtailadmin_urls)),
    # Before Wagtail's: the password form of a private collection, throttled.
    *document_urlpatterns,
    path("documents/", include(wagtaildocs_urls)),
]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve_media),
    ]

# A story read machine translated, /<language>/machine-translation/<id>/: not a
# page of the site, its language checked by the view (a bad one: 404).
urlpatterns += reading_urls.urlpatterns

# Every public page carries its language in the URL: /pl/, /en/, /ru/, /fi/.
# LocaleMiddleware redirects "/" by the browser's Accept-Language.
urlpatterns += i18n_patterns(
    path("", include("search.urls")),
    # Before Wagtail's: the site's new stories in the reader's language.
    path("feed/", site_feed, {"kind": "rss"}, name="site_feed"),
    path("feed/atom/", site_feed, {"kind": "atom"}, name="site_feed_atom"),
    # Before Wagtail's: the password form of a private page, throttled.
    *page_urlpatterns,
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
