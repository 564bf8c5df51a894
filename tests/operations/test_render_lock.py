"""No stampede: misses for one address at once wait for one render.

After a publish drops a page, every reader asking for it at once used to
render it (each in 50-500 ms under load). Now the first miss takes the
address's render lock in the page cache and the others wait for the
response it stores (operations/page_cache.py, ``_wait_for_render``).
The middleware pair is the site's own, around a page that takes a while to
render; the requests run in threads, as a server's workers would.
"""

import threading
import time

from django.http import HttpResponse
from django.test import RequestFactory

from operations import page_cache as page_cache_module
from operations.page_cache import FetchFromCacheMiddleware, UpdateCacheMiddleware

from .page_cache import cache_status, page_cache  # noqa: F401

RENDER_SECONDS = 0.4


class SlowPage:
    """A page view that takes RENDER_SECONDS and counts its renders."""

    def __init__(self, status=200):
        self.status = status
        self.renders = 0
        self._lock = threading.Lock()

    def __call__(self, request):
        with self._lock:
            self.renders += 1
        time.sleep(RENDER_SECONDS)
        return HttpResponse(f"rendered {self.renders}", status=self.status)


def middleware(view):
    fetch = FetchFromCacheMiddleware(view)
    return UpdateCacheMiddleware(fetch)


def at_once(handler, path, readers=5):
    factory = RequestFactory()
    responses = [None] * readers
    start = threading.Barrier(readers)

    def read(index):
        request = factory.get(path)
        start.wait()
        responses[index] = handler(request)

    threads = [threading.Thread(target=read, args=(i,)) for i in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    return responses


def test_concurrent_misses_for_one_address_wait_for_one_render():
    view = SlowPage()
    responses = at_once(middleware(view), "/pl/dobre-praktyki/")
    assert view.renders == 1
    assert sorted(cache_status(r) for r in responses) == ["hit"] * 4 + ["miss"]
    assert {r.content for r in responses} == {b"rendered 1"}


def test_other_addresses_are_not_held_back():
    view = SlowPage()
    handler = middleware(view)
    started = time.monotonic()
    threads = [
        threading.Thread(target=handler, args=(RequestFactory().get(path),))
        for path in ("/pl/a/", "/pl/b/", "/en/a/")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert view.renders == 3
    assert time.monotonic() - started < 2 * RENDER_SECONDS


def test_a_response_that_is_not_stored_lets_the_waiting_readers_render():
    """A 500 is not cached: those waiting find the lock released and render
    it themselves at once, not after the whole wait."""
    view = SlowPage(status=500)
    started = time.monotonic()
    responses = at_once(middleware(view), "/pl/broken/", readers=3)
    assert [r.status_code for r in responses] == [500] * 3
    assert view.renders == 3
    assert time.monotonic() - started < page_cache_module.render_wait_seconds()


def test_a_render_slower_than_the_wait_is_not_waited_for(settings):
    settings.PAGE_CACHE_RENDER_WAIT_SECONDS = RENDER_SECONDS / 4
    view = SlowPage()
    at_once(middleware(view), "/pl/slow/", readers=3)
    assert view.renders == 3
