"""How many readers asked for a story in a language, counted cheaply.

A reader (a client address, hashed, never stored) counts once per story,
language and day: a reload, or a script asking again and again from one
address, adds nothing. New readers are added up in the cache (an atomic
increment, no database write) and written to ``ReaderRequest`` in one
update every ``READING_COUNT_BATCH`` readers, and whenever the service is
asked (a new story or revision: a write then costs little beside it). The
report adds what the cache still holds, so editors see every reader.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db.models import F
from django.utils import timezone

from operations.security import client_ip_address
from reading.models import ReaderRequest

ONE_DAY = 24 * 3600


def _cache():
    return caches["default"]


def pending_key(page_id, locale_id):
    return f"reading:pending:{page_id}:{locale_id}"


def _reader_key(request, page, locale):
    who = client_ip_address(request) or "unknown"
    day = timezone.now().date().isoformat()
    digest = hashlib.sha256(
        f"{settings.SECRET_KEY}|{who}|{page.pk}|{locale.pk}|{day}".encode()
    ).hexdigest()[:32]
    return f"reading:reader:{digest}"


def count_reader(request, page, locale, flush=False):
    """Count this request's reader for ``page`` in ``locale``, once a day.
    Returns whether it was counted."""
    cache = _cache()
    if not cache.add(_reader_key(request, page, locale), 1, ONE_DAY):
        if flush:
            write_pending(page.pk, locale.pk)
        return False
    key = pending_key(page.pk, locale.pk)
    cache.add(key, 0, None)
    try:
        pending = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, None)
        pending = 1
    if flush or pending >= settings.READING_COUNT_BATCH:
        write_pending(page.pk, locale.pk)
    return True


def write_pending(page_id, locale_id):
    """Move the cache's count for (page, language) to the database."""
    cache = _cache()
    key = pending_key(page_id, locale_id)
    pending = cache.get(key) or 0
    if pending <= 0:
        return
    try:
        cache.decr(key, pending)
    except ValueError:
        return
    ReaderRequest.objects.get_or_create(page_id=page_id, locale_id=locale_id)
    ReaderRequest.objects.filter(page_id=page_id, locale_id=locale_id).update(
        readers=F("readers") + pending, last_asked_at=timezone.now()
    )


def pending_counts(pairs):
    """{(page id, locale id): readers still counted in the cache only}."""
    keys = {pending_key(*pair): pair for pair in pairs}
    found = _cache().get_many(list(keys))
    return {keys[key]: value for key, value in found.items() if value}
