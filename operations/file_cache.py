"""The caches of the embedded default (no REDIS_URL): files that the
processes of one machine share (gunicorn's workers, the translation worker,
manage.py), whose counts add up.

Django's file-based cache, in a folder of each cache's own
(CACHE_DIR/<database>/pages and /default, config/settings/base.py), so that
clearing the pages (which removes the folder's cache files) leaves the rest,
as Redis's keys are kept apart by their prefix. Not Django's database cache:
SQLite takes one writer at a time ("database is locked" under the demo).

Counts are kept with add() and incr(): the page cache's bounds
(operations/page_cache_keys.py) and page-password failures
(operations/page_passwords.py). Django's file cache does each as a read then
a write, so two workers counting at once would both write the same number
(4 processes counting 150 each kept 167). Here they take turns, under an
exclusive lock on a file beside the cache files, which clear() leaves.
"""

import fcntl
import os
from contextlib import contextmanager

from django.core.cache.backends.filebased import FileBasedCache


class SharedFileCache(FileBasedCache):
    def add(self, key, value, timeout=None, version=None):
        with self._counting():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._counting():
            return super().incr(key, delta, version)

    @contextmanager
    def _counting(self):
        os.makedirs(self._dir, exist_ok=True)
        with open(os.path.join(self._dir, "counts.lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield
