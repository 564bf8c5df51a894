"""The password forms of private pages and documents, throttled like the sign-in.

Wagtail's views that check the password of a PASSWORD view restriction
(``wagtail.views.authenticate_with_password`` for a page, and its documents'
twin for a collection) take any number of guesses. ``urlpatterns`` answers
them first, at their own addresses (config/urls.py), so Wagtail's forms need
no change: after PAGE_PASSWORD_FAILURE_LIMIT wrong passwords for one
restriction from one client address (``operations.security.client_ip_address``,
as for the sign-in), that address gets a page saying when to try again (429)
instead of the form, for PAGE_PASSWORD_COOLOFF. Every further attempt before
then starts the wait again, and the right password is refused too until it
ends; the right password before the limit clears the count.

Counted per restriction and address, not per restriction alone: a count of all
the readers of a page together would let anyone lock all of them out.

Why not django-axes, which throttles the sign-in: its handler runs from
Django's authentication signals, keys on a username and answers with its own
middleware's lock-out page; a page password has no user. The counts live in
the default cache instead: Redis in production, shared by every server
(without REDIS_URL, by the processes of one machine: operations/file_cache.py).
If Redis is down the forms are not throttled, as pages are not cached: the
cache's errors are ignored (config/settings/base.py) and a count that cannot
be read is none.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from wagtail import views as page_views
from wagtail.documents.views import serve as document_views

from operations.security import client_ip_address


def _key(kind, restriction_id, address):
    return f"password-failures:{kind}:{restriction_id}:{address or 'unknown'}"


def _cool_off_seconds():
    return max(1, int(settings.PAGE_PASSWORD_COOLOFF.total_seconds()))


def _failures(key):
    return int(cache.get(key) or 0)


def _count_failure(key):
    """One more wrong password; the count lives a cool-off from now."""
    timeout = _cool_off_seconds()
    cache.add(key, 0, timeout)
    try:
        failures = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout)
        failures = 1
    cache.touch(key, timeout)
    return failures or 0


def throttled(view, kind, restriction_argument):
    """``view`` (a Wagtail password view) with its POSTs counted and paused."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        key = _key(kind, kwargs[restriction_argument], client_ip_address(request))
        limit = settings.PAGE_PASSWORD_FAILURE_LIMIT
        if _failures(key) >= limit:
            cache.touch(key, _cool_off_seconds())
            return paused_response(request, limit)
        response = view(request, *args, **kwargs)
        if 300 <= response.status_code < 400:
            # Wagtail redirects only once the password is right.
            cache.delete(key)
        elif response.status_code == 200 and _count_failure(key) >= limit:
            # The form again: the password was wrong, once too often.
            return paused_response(request, limit)
        return response

    return answer


def paused_response(request, failure_limit):
    """A page in the reader's language (429) saying when to try again."""
    wait = settings.PAGE_PASSWORD_COOLOFF
    response = TemplateResponse(
        request,
        "operations/password_paused.html",
        {
            "failure_limit": failure_limit,
            "cooloff_minutes": max(1, round(wait.total_seconds() / 60)),
            "retry_at": timezone.localtime(timezone.now() + wait),
        },
        status=429,
    )
    response["Retry-After"] = str(_cool_off_seconds())
    add_never_cache_headers(response)
    return response


# Wagtail's own addresses and names (wagtail/urls.py, wagtail/documents/urls.py),
# listed before Wagtail's: the page form's under the language prefix, the
# documents' under /documents/.
page_urlpatterns = [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttled(
            page_views.authenticate_with_password, "page", "page_view_restriction_id"
        ),
        name="wagtailcore_authenticate_with_password",
    ),
]
document_urlpatterns = [
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        throttled(
            document_views.authenticate_with_password, "collection", "restriction_id"
        ),
        name="wagtaildocs_authenticate_with_password",
    ),
]
