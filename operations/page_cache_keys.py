"""What a cached page is keyed on, and how many are kept (operations/page_cache.py).

A page is keyed on its address with the query parameters it reads, and no
others. It is stored only when it read every parameter of its query:
``ReadParameters`` records which ones the view asked for (a listing's facets,
``sort`` and ``page``, the search's ``q``, an embedded tutorial's
``captions``...), so no page lists them, and a new facet is keyed on as soon
as a page reads it. The parameters are sorted by name first, so their order
makes no new copy; tracking parameters (``utm_*``, ``fbclid``...) are dropped
before that by wagtail-cache (WAGTAIL_CACHE_IGNORE_QS), so shared links
still hit.

``?x=1`` on a page that reads no ``x`` is served, and not stored. Serving it
the bare address's copy instead would need the cache to know, before the
view runs, which parameters the page at that address reads; a list learnt
from earlier responses goes stale (after a deploy that adds a facet, readers
choosing it would get the unfiltered copy), a wrong page where a missed copy
costs one rendering.

The number of copies is bounded however the addresses vary, as Redis evicts
nothing: at most PAGE_CACHE_VARIANTS queries per address (its bare address
besides), PAGE_CACHE_VARIANTS not-found pages and as many redirects of each
status, and PAGE_CACHE_MAX_ENTRIES pages in all. Each count lives as long as
a page and is cleared with them, so at most twice that while the oldest
expire. Past a bound a page is served, not stored. A request that a bound or
a missing read keeps out is counted nowhere, and neither is a page
wagtail-cache would not store (a 400 for a filter value that names nothing).
The counts are Redis's atomic INCR, or, in the file cache of the embedded
default, a read and a write that the processes take turns at
(operations.file_cache.SharedFileCache); that cache's own culling, past three
times the total, is only a safety net behind these bounds.
"""

import contextvars
import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.http import QueryDict
from wagtailcache.settings import wagtailcache_settings

logger = logging.getLogger(__name__)


class ReadParameters(QueryDict):
    """request.GET, recording the names the view asks for.

    ``get``, ``getlist``, ``[]`` and ``in`` record a name; going over them all
    (``items()``, ``lists()``, ``urlencode()``, as a facet link does to keep
    the other filters) does not: that carries a parameter along without
    reading it. Copies record into the same set.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.read = set()

    @classmethod
    def of(cls, query):
        recorder = cls(mutable=True, encoding=query.encoding)
        for name, values in query.lists():
            recorder.setlist(name, values)
        recorder._mutable = False
        return recorder

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)

    def items(self):
        for key, values in self.lists():
            yield key, values[-1] if values else []

    def values(self):
        for _key, value in self.items():
            yield value

    def dict(self):
        return dict(self.items())

    def __copy__(self):
        result = super().__copy__()
        result.read = self.read
        return result

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.read = self.read
        return result


def sorted_query(request):
    """The query with its parameters sorted by name (each one's values kept in
    their order, so a view reads the same), in GET and in QUERY_STRING, from
    which the cache key is made."""
    query = QueryDict(mutable=True, encoding=request.GET.encoding)
    for name, values in sorted(request.GET.lists(), key=lambda item: item[0]):
        query.setlist(name, values)
    query._mutable = False
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()


# The request whose response wagtail-cache is deciding to store.
storing = contextvars.ContextVar("page_cache_storing", default=None)


def may_store(response, is_cacheable):
    """wagtail-cache's ``is_response_cacheable`` hook (operations/wagtail_hooks.py):
    no to a page that did not read every parameter of its query, or past a
    bound; no opinion (None) otherwise."""
    request = storing.get()
    if not is_cacheable or request is None:
        return None
    read = getattr(request.GET, "read", set())
    if set(request.GET) - read:
        return False
    pages = caches[wagtailcache_settings.WAGTAIL_CACHE_BACKEND]
    if response.status_code != 200:
        group = f"status:{response.status_code}"
    elif request.GET:
        group = f"path:{request.path}"
    else:
        group = None  # the bare address of a page: always, within the total
    member = _digest(f"{request.method} {request.get_full_path()}")
    if group is not None:
        variants = _count(pages, "variants:" + _digest(group), member)
        if variants > settings.PAGE_CACHE_VARIANTS:
            return False
    return _count(pages, "pages", member) <= settings.PAGE_CACHE_MAX_ENTRIES


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _count(pages, name, member):
    """One more under ``name``; counts are kept as long as a page and cleared
    with the pages. A cache that keeps tags (operations.page_cache) drops a
    few pages at a time, not all of them, so it counts each address once
    (``member``), however often it is stored again; another counts each
    store. A cache that cannot count (Redis away: its errors are ignored)
    cannot store either: the page goes out as it would have, with its
    Cache-Control for a CDN."""
    if hasattr(pages, "count_distinct"):
        try:
            return pages.count_distinct(f"bounds-set:{name}", member)
        except Exception:  # noqa: BLE001 (the cache is an optimisation)
            logger.exception("Could not count the cached pages.")
            return 0
    key = f"bounds:{name}"
    try:
        pages.add(key, 0)
        count = pages.incr(key)
    except ValueError:  # expired between the two calls
        pages.set(key, 1)
        count = 1
    except Exception:  # noqa: BLE001 (the cache is an optimisation)
        logger.exception("Could not count the cached pages.")
        count = None
    return count or 0
