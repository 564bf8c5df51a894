"""Whole pages cached for anonymous readers (wagtail-cache), and their clearing.

Why wagtail-cache's middleware, not its page mixin or ``cache_page`` decorator:
the mixin would have to go on every page model and the decorator around
Wagtail's serve view in the URLs; the middleware covers pages, routable
subpages (feeds, filtered listings) and search alike, from settings. It is
narrowed here to what readers see: only GET/HEAD of addresses under a language
prefix (/pl/, /en/…). So the admin, the API, media, the sitemap and the bare
``/`` (a redirect chosen by Accept-Language) are never cached; and the cache
key is the full address, language prefix included, so no language can be
served another's page.

wagtail-cache itself never stores or serves a page for a logged-in user, a
preview (the admin's, outside the prefixes anyway), a POST, a response marked
private or no-cache (Wagtail marks every page under a view restriction -
password, login, groups - and its password form so), a 400 (search with bad
input) or a streaming response. Responses that set a cookie are made private
here, so neither this cache nor a CDN keeps one.

What a page is keyed on (the query parameters it reads, and no others) and
how many are kept: operations/page_cache_keys.py.

Where pages are kept: a cache every process shares, so that a publish in one
(a gunicorn worker, the translation worker, a manage.py command) clears them
for all. Redis with REDIS_URL (``RedisPageCache``); without it, the embedded
default (``make demo``, one machine), files in a folder of the database's own
under CACHE_DIR (operations/file_cache.py), not Django's database cache, as
SQLite takes one writer at a time. Never memory local to each process. The
files outlive the server, so gunicorn empties them as it starts
(``clear_if_local``); several machines without Redis would each clear only
their own, so they need REDIS_URL (README, "Scaling out").

Invalidation: the whole page cache is cleared when any page is published,
unpublished, moved or deleted (in any language) and when a snippet, image,
document or redirect changes. Clearing everything is deliberate: a listing,
a home page or a library shows many pages and snippets, and working out which
cached pages show a given one would be fragile. Pages are cheap to render
again. It happens once the database transaction commits, so no request can
re-cache the old content in between.
"""

import copy
import logging
import re
from functools import cache

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.cache import patch_cache_control
from django_redis.cache import RedisCache
from wagtailcache import cache as wagtailcache
from wagtailcache.settings import wagtailcache_settings

from operations.page_cache_keys import ReadParameters, sorted_query, storing

logger = logging.getLogger(__name__)


class RedisPageCache(RedisCache):
    """django-redis, except that clear() deletes only this cache's keys.

    django-redis's clear() is FLUSHDB: every key in the Redis database, the
    default cache's (and anything else sharing it) included. wagtail-cache
    clears its whole cache on each publish, so here that is a delete of the
    keys under this cache's KEY_PREFIX.
    """

    def clear(self):
        return self.delete_pattern("*", itersize=1000)


def clear_if_local():
    """Empty a page cache kept on this machine's disk; gunicorn's master calls
    it as it starts (config/gunicorn.py). The pages were made by the code
    that ran before: a template or view changed since would otherwise show
    only once the pages expire. Redis is left as it is: other servers may
    still be serving from it."""
    if wagtailcache_settings.WAGTAIL_CACHE and isinstance(
        caches[wagtailcache_settings.WAGTAIL_CACHE_BACKEND], FileBasedCache
    ):
        _clear_now()


@cache
def _language_prefix():
    codes = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    return re.compile(rf"^/({codes})/")


def _in_scope(request):
    return request.method in ("GET", "HEAD") and bool(
        _language_prefix().match(request.path_info)
    )


class FetchFromCacheMiddleware(wagtailcache.FetchFromCacheMiddleware):
    """Serves a page from the cache; place it after AuthenticationMiddleware."""

    def process_request(self, request):
        if (
            not wagtailcache_settings.WAGTAIL_CACHE
            or not _in_scope(request)
            or getattr(request, "_page_cache_looked_up", False)
        ):
            return None
        request._page_cache_in_scope = True
        request._page_cache_looked_up = True
        if request.GET:
            sorted_query(request)
        response = super().process_request(request)
        if response is None and getattr(request, "_wagtailcache_update", False):
            # A miss that may be stored: see which parameters the view reads.
            request.GET = ReadParameters.of(request.GET)
        return response


class EarlyFetchFromCacheMiddleware(FetchFromCacheMiddleware):
    """Serves a page from the cache before the session, authentication and
    the rest of the middleware run, when the request carries no session (and
    no pending messages): its reader is anonymous for certain. Place it right
    after SecurityMiddleware (which redirects plain HTTP first). A cached
    page was stored with every header the middleware below adds (CSP,
    Permissions-Policy, X-Frame-Options...), so the answer is the same, at
    about half the cost. Requests with a session go on to
    FetchFromCacheMiddleware, after authentication.
    """

    def process_request(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES or (
            "messages" in request.COOKIES
        ):
            return None
        return super().process_request(request)


class UpdateCacheMiddleware(wagtailcache.UpdateCacheMiddleware):
    """Stores a page in the cache and sets its Cache-Control; place it first.

    Cache-Control of a cached page: ``public, max-age=0, s-maxage=N``.
    max-age=0 makes a browser ask again each time, so a published change is
    visible on its next request (the server answers from its own cache, which
    publishing clears). s-maxage lets a CDN (or other shared cache) keep the
    page for N seconds (PAGE_CACHE_CDN_SECONDS): wagtail.contrib.frontend_cache
    purges a published page, and its parents' listings, in every language, so
    N bounds only how stale another listing that shows it may be there.
    Logged-in readers get ``private, no-cache``; pages under a view
    restriction keep Wagtail's own ``no-cache, no-store, private``.
    """

    def process_response(self, request, response):
        if not wagtailcache_settings.WAGTAIL_CACHE or not getattr(
            request, "_page_cache_in_scope", False
        ):
            return response
        user = getattr(request, "user", None)
        if response.cookies or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True, no_cache=True)
        token = storing.set(request)
        try:
            response = super().process_response(request, response)
        finally:
            storing.reset(token)
        status = response.get(wagtailcache_settings.WAGTAIL_CACHE_HEADER or "", "")
        if status in (wagtailcache.Status.HIT.value, wagtailcache.Status.MISS.value):
            shared = int(getattr(settings, "PAGE_CACHE_CDN_SECONDS", 0))
            response["Cache-Control"] = f"public, max-age=0, s-maxage={shared}"
            # Django's patch_response_headers dates Expires by the cache timeout.
            del response["Expires"]
        return response


def clear_page_cache():
    """Clear all cached pages, once the current transaction (if any) commits.

    Once per transaction: deleting a subtree, or publishing a page with its
    translations, signals many times.
    """
    connection = transaction.get_connection()
    pending = getattr(connection, "_page_cache_clear", None)
    if (
        pending is not None
        and not pending.done
        # Not dropped with a rolled-back savepoint.
        and any(entry[1] is pending for entry in connection.run_on_commit)
    ):
        return
    pending = _Clear()
    connection._page_cache_clear = pending
    transaction.on_commit(pending)


class _Clear:
    done = False

    def __call__(self):
        if not self.done:
            self.done = True
            _clear_now()


def _clear_now():
    if not wagtailcache_settings.WAGTAIL_CACHE:
        return
    try:
        wagtailcache.clear_cache()
    except Exception:  # noqa: BLE001 (the cache is an optimisation)
        logger.exception("Could not clear the page cache.")


def _purge_from_cdn(pages):
    """Purge pages and their ancestors (the listings that show them) from the
    CDN, in every language (frontend_cache maps each URL to each language).
    Wagtail itself purges a published or unpublished page; this adds its
    parents, and moved and deleted pages."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return

    def purge():
        from wagtail.contrib.frontend_cache.utils import PurgeBatch

        batch = PurgeBatch()
        for page in pages:
            try:
                batch.add_page(page)
                batch.add_pages(page.get_ancestors().filter(depth__gt=1).live())
            except Exception:  # noqa: BLE001 (a purge never blocks publishing)
                logger.exception("Could not list %r's URLs to purge.", page)
        try:
            batch.purge()
        except Exception:  # noqa: BLE001
            logger.exception("Could not purge the CDN.")

    transaction.on_commit(purge)


def _on_page_change(sender, instance, **kwargs):
    clear_page_cache()
    _purge_from_cdn([instance])


def _on_page_move(sender, instance, url_path_before=None, **kwargs):
    clear_page_cache()
    pages = [instance]
    if url_path_before and url_path_before != instance.url_path:
        before = copy.copy(instance)
        before.url_path = url_path_before
        pages.append(before)
    _purge_from_cdn(pages)


def _on_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        # Deleting a page deletes a row for each model in its inheritance
        # chain; the base Page row is enough.
        if type(instance) is Page:
            _on_page_change(sender, instance)
    elif _shown_on_pages(sender):
        clear_page_cache()


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw and _shown_on_pages(sender):
        clear_page_cache()


def _shown_on_pages(model):
    """Snippets (taxonomies, programmes…), images, documents, media, redirects,
    view restrictions."""
    return model in _content_models()


@cache
def _content_models():
    from django.apps import apps
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        PageViewRestriction,
    )
    from wagtail.snippets.models import get_snippet_models

    models = {
        *get_snippet_models(),
        Redirect,
        get_image_model(),
        get_document_model(),
        # A page made private must not stay in the cache, public; nor a
        # document block naming a document whose collection was made private.
        PageViewRestriction,
        CollectionViewRestriction,
        Collection,
    }
    if apps.is_installed("wagtailmedia"):
        from wagtailmedia.models import get_media_model

        models.add(get_media_model())
    return frozenset(models)


def connect_signals():
    """Called from CoreConfig.ready()."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_on_page_change, dispatch_uid="page_cache_published")
    page_unpublished.connect(_on_page_change, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(_on_page_move, dispatch_uid="page_cache_moved")
    post_delete.connect(_on_delete, dispatch_uid="page_cache_deleted")
    post_save.connect(_on_save, dispatch_uid="page_cache_saved")
