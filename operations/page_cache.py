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
(a gunicorn worker, the translation worker, a manage.py command) drops
them for all. Redis with REDIS_URL (``RedisPageCache``); without it, the embedded
default (``make demo``, one machine), files in a folder of the database's own
under CACHE_DIR (operations/file_cache.py), not Django's database cache, as
SQLite takes one writer at a time. Never memory local to each process. The
files outlive the server, so gunicorn empties them as it starts
(``clear_if_local``); several machines without Redis would each clear only
their own, so they need REDIS_URL (README, "Scaling out").

Invalidation: a change drops only the responses that showed it. While a
response that may be stored is rendered, ``core.cache_tags`` collects what
it read (pages by translation key, snippets, images, documents; the lists
of each page type; the children of a page the routing or the menu looked
under: the tags and why are in that module). ``RedisPageCache`` stores the
response with its tags: a Redis set per tag holds the keys of the responses
tagged with it, kept as long as they are. A page published, unpublished,
moved or deleted, a snippet, image, document or media item saved or
deleted, drops the responses of its tags (``core.cache_tags.page_change_tags``,
``object_change_tags``), after the transaction commits, once per
transaction (deleting a subtree, or publishing a page with its
translations, signals many times): those that showed it, and the lists and
feeds of its type, which may now include or exclude it. A redirect drops
the responses at its old address (an ``url-`` tag each response has in Redis,
not sent to a CDN).

Everything is still cleared where a tag cannot say what changed: a view
restriction, a collection, a locale, a site or a site setting changed, a
redirect whose old address has a query, a change above more than
``core.cache_tags.MAX_DESCENDANTS`` pages; and on every change where the
cache backend keeps no sets (memory local to a process, a file-based
cache): there, as before, any change clears the whole cache.

No stampede: when a page is missed by several readers at once (just after
a publish dropped it, say), the first takes the address's render lock (an
``add`` in the page cache: Redis's SET NX, or the file cache's under its
lock) and renders it; the others wait for its stored response, up to
PAGE_CACHE_RENDER_WAIT_SECONDS, and render it themselves only if it does
not come (a render slower than that, a response that is not stored).

No render that read the database before a change can store what it read
after the change dropped its tags: the store (a Lua script, one round trip)
refuses a response when one of its tags, or the whole cache, was dropped
since its render began (Redis's clock, read once on each miss).

The tags go out with each cached response as ``Cache-Tag`` (Cloudflare) and
``Surrogate-Key`` (Fastly) (without the ``url-`` tag); where they would pass
``MAX_TAG_HEADER`` bytes, the response is not kept by a CDN (s-maxage=0).
A CDN that purges by tag (``operations.cdn``) is purged by the same tags;
others by URL (the page and its ancestors' listings, as before).
"""

import contextvars
import copy
import hashlib
import logging
import re
import time
from functools import cache

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import HttpResponseBase
from django.utils.cache import patch_cache_control
from django_redis.cache import RedisCache
from wagtailcache import cache as wagtailcache
from wagtailcache.settings import wagtailcache_settings

from core import cache_tags
from operations.page_cache_keys import ReadParameters, sorted_query, storing
from operations.warm_up import WARM_UP

logger = logging.getLogger(__name__)

# Cloudflare takes 16 KB of Cache-Tag in all; Fastly 16 KB of Surrogate-Key.
MAX_TAG_HEADER = 15_000

# How long a drop is remembered, against a render that began before it (far
# longer than any render may take).
DROP_MEMORY_SECONDS = 3600

# No stampede: of the misses for one address at once, one renders it; the
# others wait for its response in the cache, looking every RENDER_POLL_SECONDS,
# and render it themselves only if it has not come after RENDER_WAIT_SECONDS
# (a slow render, or a response that is not stored). The lock lapses after
# RENDER_LOCK_SECONDS if the render's worker dies with it.
RENDER_LOCK_SECONDS = 10
RENDER_POLL_SECONDS = 0.02


def render_wait_seconds():
    return float(getattr(settings, "PAGE_CACHE_RENDER_WAIT_SECONDS", 3))


# The tags of the response being stored, and when its render began.
_storing_tags = contextvars.ContextVar("page_cache_storing_tags", default=None)

_STORE = """
local n = tonumber(ARGV[3])
local started = tonumber(ARGV[4])
for i = n + 2, 2 * n + 2 do
  local stamp = redis.call('GET', KEYS[i])
  if stamp and tonumber(stamp) >= started then return 0 end
end
if ARGV[2] == '' then
  redis.call('SET', KEYS[1], ARGV[1])
else
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
end
for i = 2, n + 1 do
  redis.call('SADD', KEYS[i], KEYS[1])
  if ARGV[2] == '' then
    redis.call('PERSIST', KEYS[i])
  else
    redis.call('EXPIRE', KEYS[i], ARGV[2], 'NX')
    redis.call('EXPIRE', KEYS[i], ARGV[2], 'GT')
  end
end
return 1
"""

_DROP = """
local n = tonumber(ARGV[1])
local t = redis.call('TIME')
local now = t[1] .. string.format('%06d', tonumber(t[2]))
local dropped = 0
for i = 1, n do
  redis.call('SET', KEYS[n + i], now, 'EX', ARGV[2])
  local members = redis.call('SMEMBERS', KEYS[i])
  for j = 1, #members, 500 do
    dropped = dropped + redis.call(
      'DEL', unpack(members, j, math.min(j + 499, #members)))
  end
  redis.call('DEL', KEYS[i])
end
return dropped
"""

_COUNT = """
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2], 'NX')
return redis.call('SCARD', KEYS[1])
"""


class RedisPageCache(RedisCache):
    """django-redis, keeping each page's tags (Redis 7 or later), and whose
    clear() deletes only this cache's keys.

    django-redis's clear() is FLUSHDB: every key in the Redis database, the
    default cache's (and anything else sharing it) included. Here it is a
    delete of the keys under this cache's KEY_PREFIX.
    """

    keeps_tags = True

    def _script(self, name, source):
        scripts = self.__dict__.setdefault("_scripts", {})
        if name not in scripts:
            scripts[name] = self.client.get_client(write=True).register_script(source)
        return scripts[name]

    def _tag_keys(self, tags):
        make = self.client.make_key
        return [make(f"tag:{tag}") for tag in tags], [
            make(f"dropped:{tag}") for tag in tags
        ]

    def now(self):
        """Redis's clock, in microseconds, as a string of digits."""
        seconds, micro = self.client.get_client(write=False).time()
        return f"{seconds}{micro:06d}"

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, client=None):
        storing_now = _storing_tags.get()
        if storing_now is None or not isinstance(value, HttpResponseBase):
            return super().set(key, value, timeout, version=version, client=client)
        tags, started = storing_now
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        expiry = "" if timeout is None else str(max(1, int(timeout)))
        tag_sets, stamps = self._tag_keys(sorted(tags))
        page_key = self.client.make_key(key, version=version)
        try:
            return bool(
                self._script("store", _STORE)(
                    keys=[page_key, *tag_sets, *stamps, self._everything_stamp()],
                    args=[self.client.encode(value), expiry, len(tags), started],
                )
            )
        except Exception:  # noqa: BLE001 (the cache is an optimisation)
            logger.exception("Could not store a page in the cache.")
            return False

    def _everything_stamp(self):
        return self.client.make_key("dropped:*")

    def drop_tags(self, tags):
        """Delete the pages stored with any of ``tags``."""
        tags = sorted(tags)
        tag_sets, stamps = self._tag_keys(tags)
        return self._script("drop", _DROP)(
            keys=[*tag_sets, *stamps], args=[len(tags), DROP_MEMORY_SECONDS]
        )

    def count_distinct(self, name, member):
        """How many distinct members ``name`` has had since it was made (it
        lasts as long as a page): a page stored again after a drop is not
        counted twice."""
        return self._script("count", _COUNT)(
            keys=[self.client.make_key(name)],
            args=[member, int(self.default_timeout or DROP_MEMORY_SECONDS)],
        )

    def clear(self):
        deleted = self.delete_pattern("*", itersize=1000)
        # Stamped after the delete: a render that began before it stores
        # nothing.
        self.client.get_client(write=True).set(
            self._everything_stamp(), self.now(), ex=DROP_MEMORY_SECONDS
        )
        return deleted


def _pages_cache():
    return caches[wagtailcache_settings.WAGTAIL_CACHE_BACKEND]


def _keeps_tags(pages):
    return getattr(pages, "keeps_tags", False)


def url_tag(path):
    """The responses at ``path`` (any query), as a redirect's old path is
    written (``Redirect.normalise_path``)."""
    from wagtail.contrib.redirects.models import Redirect

    normal = Redirect.normalise_path(path)
    return "url-" + hashlib.sha256(normal.encode()).hexdigest()[:16]


def clear_if_local():
    """Empty a page cache kept on this machine's disk; gunicorn's master calls
    it as it starts (config/gunicorn.py). The pages were made by the code
    that ran before: a template or view changed since would otherwise show
    only once the pages expire. Redis is left as it is: other servers may
    still be serving from it."""
    if wagtailcache_settings.WAGTAIL_CACHE and isinstance(
        caches[wagtailcache_settings.WAGTAIL_CACHE_BACKEND], FileBasedCache
    ):
        _drop_now(None)


@cache
def _language_prefix():
    codes = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    return re.compile(rf"^/({codes})/")


def _in_scope(request):
    return (
        request.method in ("GET", "HEAD")
        and bool(_language_prefix().match(request.path_info))
        and WARM_UP not in request.META
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
        if not hasattr(request, "LANGUAGE_CODE"):
            # The key ends with the request's language (Django's cache keys
            # do), which LocaleMiddleware has not chosen yet: without this it
            # was whichever language the worker served last, and a page
            # stored for one reader was missed after another language's.
            # The address's prefix is the language the page is stored under.
            request.LANGUAGE_CODE = _language_prefix().match(request.path_info)[1]
        if request.GET:
            sorted_query(request)
        response = super().process_request(request)
        if response is None and getattr(request, "_wagtailcache_update", False):
            response = self._wait_for_render(request)
        if response is None and getattr(request, "_wagtailcache_update", False):
            # A miss that may be stored: see which parameters the view reads,
            # and what it shows (core.cache_tags).
            request.GET = ReadParameters.of(request.GET)
            started = ""
            if _keeps_tags(self._wagcache):
                try:
                    started = self._wagcache.now()
                except Exception:  # noqa: BLE001 (the cache is an optimisation)
                    logger.exception("Could not read the cache's clock.")
            request._page_cache_tags = (cache_tags.start(), started)
        return response

    def _wait_for_render(self, request):
        """On a miss, take the address's render lock, or, if another request
        holds it, wait for the response it stores. None: render it here."""
        lock = _render_lock(request)
        try:
            if self._wagcache.add(lock, 1, timeout=RENDER_LOCK_SECONDS):
                request._page_cache_render_lock = lock
                return None
        except Exception:  # noqa: BLE001 (the cache is an optimisation)
            logger.exception("Could not take a page's render lock.")
            return None
        deadline = time.monotonic() + render_wait_seconds()
        while time.monotonic() < deadline:
            time.sleep(RENDER_POLL_SECONDS)
            response = super().process_request(request)
            if response is not None or not getattr(
                request, "_wagtailcache_update", False
            ):
                return response
            try:
                if self._wagcache.get(lock) is None:
                    # Rendered and not stored (or the renderer died): the
                    # answer is this request's to make.
                    return None
            except Exception:  # noqa: BLE001
                return None
        return None


def _render_lock(request):
    address = f"{request.LANGUAGE_CODE}:{request.method}:{request.get_full_path()}"
    return "render-lock:" + hashlib.sha256(address.encode()).hexdigest()


def _release_render_lock(request, cache_backend):
    lock = getattr(request, "_page_cache_render_lock", None)
    if lock is None:
        return
    del request._page_cache_render_lock
    try:
        cache_backend.delete(lock)
    except Exception:  # noqa: BLE001 (it lapses by itself)
        logger.exception("Could not release a page's render lock.")


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
        collected = getattr(request, "_page_cache_tags", None)
        shared = int(getattr(settings, "PAGE_CACHE_CDN_SECONDS", 0))
        tags_token = None
        if collected is not None:
            del request._page_cache_tags
            token, started = collected
            tags = cache_tags.stop(token)
            if not _tag_headers(response, tags):
                shared = 0  # a CDN could not purge it by its tags
            if started:
                tags.add(url_tag(request.path))
                tags_token = _storing_tags.set((tags, started))
        token = storing.set(request)
        try:
            response = super().process_response(request, response)
        finally:
            storing.reset(token)
            if tags_token is not None:
                _storing_tags.reset(tags_token)
            _release_render_lock(request, self._wagcache)
        status = response.get(wagtailcache_settings.WAGTAIL_CACHE_HEADER or "", "")
        if status in (wagtailcache.Status.HIT.value, wagtailcache.Status.MISS.value):
            response["Cache-Control"] = f"public, max-age=0, s-maxage={shared}"
            # Django's patch_response_headers dates Expires by the cache timeout.
            del response["Expires"]
        return response


def _tag_headers(response, tags):
    """Cache-Tag and Surrogate-Key, the response's tags; False (and none)
    when they would be too long for a CDN."""
    if not tags:
        return True
    ordered = sorted(tags)
    value = ",".join(ordered)
    if len(value) > MAX_TAG_HEADER:
        return False
    response["Cache-Tag"] = value
    response["Surrogate-Key"] = " ".join(ordered)
    return True


def clear_page_cache():
    """Clear all cached pages, once the current transaction (if any) commits."""
    drop_page_cache_tags(None)


def drop_page_cache_tags(tags, pages=()):
    """Drop the cached responses tagged with any of ``tags`` (None: all of
    them), once the current transaction (if any) commits, so no request can
    cache the old content again in between; ``pages``: pages whose addresses
    (and their ancestors') a CDN that purges by URL is sent.

    Once per transaction: deleting a subtree, or publishing a page with its
    translations, signals many times."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        drop = _Drop()
        drop.add(tags, pages)
        drop()
        return
    pending = getattr(connection, "_page_cache_drop", None)
    if (
        pending is None
        or pending.done
        # Not dropped with a rolled-back savepoint.
        or not any(entry[1] is pending for entry in connection.run_on_commit)
    ):
        pending = _Drop()
        connection._page_cache_drop = pending
        transaction.on_commit(pending)
    pending.add(tags, pages)


class _Drop:
    done = False

    def __init__(self):
        self.tags = set()
        self.everything = False
        self.pages = []

    def add(self, tags, pages):
        if tags is None:
            self.everything = True
        else:
            self.tags.update(tags)
        self.pages.extend(pages)

    def __call__(self):
        if self.done:
            return
        self.done = True
        _drop_now(None if self.everything else self.tags)
        _purge_from_cdn(self.pages, None if self.everything else self.tags)


def _drop_now(tags):
    if not wagtailcache_settings.WAGTAIL_CACHE:
        return
    pages = _pages_cache()
    try:
        if tags is None or not _keeps_tags(pages):
            wagtailcache.clear_cache()
        elif tags:
            pages.drop_tags(tags)
    except Exception:  # noqa: BLE001 (the cache is an optimisation)
        logger.exception("Could not drop pages from the page cache.")


def _purge_from_cdn(pages, tags):
    """A CDN that purges by tag (operations.cdn) is purged by the changes'
    tags, or wholly where the change could not be tagged. Others are sent
    the changed pages' addresses and their ancestors' (the listings that
    show them), in every language (frontend_cache maps each URL to each
    language); Wagtail itself purges a published or unpublished page, this
    adds its parents, and moved and deleted pages."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends

    try:
        backends = get_backends()
    except Exception:  # noqa: BLE001 (a purge never blocks publishing)
        logger.exception("Could not read the CDN's settings.")
        return
    by_url = [name for name, backend in backends.items() if not _by_tag(backend)]
    for name, backend in backends.items():
        if not _by_tag(backend):
            continue
        try:
            if tags is None:
                backend.purge_everything()
            elif tags:
                backend.purge_tags(sorted(tags))
        except Exception:  # noqa: BLE001
            logger.exception("Could not purge the CDN %s.", name)
    if not by_url or not pages:
        return
    batch = PurgeBatch()
    for page in pages:
        try:
            batch.add_page(page)
            batch.add_pages(page.get_ancestors().filter(depth__gt=1).live())
        except Exception:  # noqa: BLE001
            logger.exception("Could not list %r's URLs to purge.", page)
    try:
        batch.purge(backends=by_url)
    except Exception:  # noqa: BLE001
        logger.exception("Could not purge the CDN.")


def _by_tag(backend):
    return hasattr(backend, "purge_tags")


def _on_page_change(sender, instance, revision=None, **kwargs):
    before = instance.__dict__.pop(_LIVE_BEFORE, None)
    if revision is not None and _corrects_text(instance, revision, before):
        tags = cache_tags.text_change_tags(instance)
    else:
        tags = cache_tags.page_change_tags(instance)
    drop_page_cache_tags(tags, [instance])


# The live revision a page being saved had: read before the save, so that a
# publish can tell a correction to its text from any other change.
_LIVE_BEFORE = "_page_cache_live_before"


def _remember_live_revision(sender, instance, raw=False, update_fields=None, **kwargs):
    """Only for a save that may publish (Wagtail's publish saves the whole
    page with its new live revision; a draft's save names its few fields)."""
    from wagtail.models import Page

    if raw or not isinstance(instance, Page) or instance.pk is None:
        return
    if instance.live_revision_id is None or (
        update_fields is not None and "live_revision" not in update_fields
    ):
        return
    instance.__dict__[_LIVE_BEFORE] = (
        Page.objects.filter(pk=instance.pk)
        .values_list("live", "live_revision_id", "first_published_at")
        .first()
    )


def _corrects_text(page, revision, before):
    """A page that was live, published again with only its text changed
    (``core.cache_tags.text_only_change``)."""
    from wagtail.models import Revision

    if before is None or not before[0] or before[1] is None or not page.live:
        return False
    if before[2] != page.first_published_at:
        return False  # the lists sort by it: not the text alone
    if before[1] == revision.pk:
        return False  # the same revision published again: nothing to compare
    # Both as stored: the new revision's content in memory holds dates and
    # times where the stored one holds their text.
    contents = dict(
        Revision.objects.filter(pk__in=(before[1], revision.pk)).values_list(
            "pk", "content"
        )
    )
    return cache_tags.text_only_change(
        page.specific_class or type(page),
        contents.get(before[1]),
        contents.get(revision.pk),
    )


def _on_page_move(
    sender, instance, parent_page_before=None, url_path_before=None, **kwargs
):
    pages = [instance]
    if url_path_before and url_path_before != instance.url_path:
        before = copy.copy(instance)
        before.url_path = url_path_before
        pages.append(before)
    drop_page_cache_tags(
        cache_tags.page_change_tags(instance, old_parent=parent_page_before), pages
    )


def _on_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        # Deleting a page deletes a row for each model in its inheritance
        # chain; the base Page row is enough.
        if type(instance) is Page:
            _on_page_change(sender, instance)
    else:
        _on_object_change(sender, instance)


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        _on_object_change(sender, instance)


def _on_object_change(sender, instance):
    if sender in _tagged_models():
        drop_page_cache_tags(cache_tags.object_change_tags(instance))
    elif sender in _redirect_models():
        drop_page_cache_tags(_redirect_tags(instance))
    elif sender in _untagged_models():
        clear_page_cache()


def _redirect_tags(redirect):
    """The responses at a redirect's old address; all when it has a query
    (the responses are tagged by path alone)."""
    if "?" in redirect.old_path:
        return None
    return {url_tag(redirect.old_path)}


@cache
def _tagged_models():
    """Snippets (taxonomies, programmes...), images, documents, media."""
    return frozenset(cache_tags.tagged_models())


@cache
def _redirect_models():
    from wagtail.contrib.redirects.models import Redirect

    return frozenset({Redirect})


@cache
def _untagged_models():
    """Changes no tag can follow: everything is cleared."""
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        Locale,
        PageViewRestriction,
        Site,
    )

    settings_models = {
        model
        for model in apps.get_models()
        if issubclass(model, BaseSiteSetting | BaseGenericSetting)
    }
    return frozenset(
        {
            # A page made private must not stay in the cache, public; nor a
            # document block naming a document whose collection was made
            # private.
            PageViewRestriction,
            CollectionViewRestriction,
            Collection,
            Locale,
            Site,
            *settings_models,
        }
    )


def connect_signals():
    """Called from OperationsConfig.ready()."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_on_page_change, dispatch_uid="page_cache_published")
    page_unpublished.connect(_on_page_change, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(_on_page_move, dispatch_uid="page_cache_moved")
    post_delete.connect(_on_delete, dispatch_uid="page_cache_deleted")
    post_save.connect(_on_save, dispatch_uid="page_cache_saved")
    pre_save.connect(_remember_live_revision, dispatch_uid="page_cache_live_before")
