"""The caches without Redis (operations.file_cache.SharedFileCache): files
that every process shares, whose counts add up when processes count at once."""

import multiprocessing

from operations.file_cache import SharedFileCache

PROCESSES = 4
COUNTS = 150


def _count(folder, start):
    pages = SharedFileCache(str(folder), {})
    start.wait()
    for _ in range(COUNTS):
        pages.add("bounds:pages", 0)
        pages.incr("bounds:pages")


def test_processes_counting_at_once_lose_no_count(tmp_path):
    """The page cache's bounds (operations/page_cache_keys.py) count with
    add() and incr(), a read then a write in Django's file cache."""
    context = multiprocessing.get_context("fork")
    start = context.Event()
    workers = [
        context.Process(target=_count, args=(tmp_path, start)) for _ in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert SharedFileCache(str(tmp_path), {}).get("bounds:pages") == PROCESSES * COUNTS
