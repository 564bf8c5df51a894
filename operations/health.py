"""Health and readiness, for a load balancer and for monitoring."""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe
@never_cache
def healthz(request):
    """The process lives and answers: for a load balancer's liveness check."""
    return HttpResponse("ok\n", content_type="text/plain")


def _cache_answers():
    """The cache stores and returns a value.

    django-redis is configured to ignore a lost Redis (IGNORE_EXCEPTIONS): the
    site keeps serving, uncached, and a failed get is a miss. So ask its
    client directly, where a dead server raises.
    """
    client = getattr(cache, "client", None)
    if client is not None and hasattr(client, "get_client"):
        client.get_client(write=True).ping()
    cache.set("readyz", "ok", timeout=5)
    return cache.get("readyz") == "ok"


@require_safe
@never_cache
def readyz(request):
    """Ready to serve: the database and the cache answer; 503 otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except DatabaseError as error:
        logger.error("readyz: the database does not answer: %s", error)
        checks["database"] = "unavailable"
    try:
        ok = _cache_answers()
        checks["cache"] = "ok" if ok else "unavailable"
    except Exception as error:  # noqa: BLE001 (any cache backend's failure)
        logger.error("readyz: the cache does not answer: %s", error)
        checks["cache"] = "unavailable"
    ready = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ready" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )
