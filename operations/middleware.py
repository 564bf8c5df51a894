import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.datastructures import MultiValueDictKeyError
from django.views.defaults import bad_request

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """A database that cannot be reached answers 503 "temporarily
    unavailable", with Retry-After, instead of a 500 "server error".

    A view that raises OperationalError or InterfaceError (PostgreSQL
    restarting, a failover, connections exhausted) gets a short page rendered
    from templates/503.html, which needs no database: no Wagtail settings, no
    menus, only the language active for the request. Place it near the top of
    MIDDLEWARE: process_exception hooks run bottom-up, so it sees what the
    middleware below it let through.
    """

    retry_after = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        return database_unavailable_response(request, exception, self.retry_after)


def database_unavailable_response(request, exception, retry_after=30):
    logger.error(
        "The database is unavailable (%s %s): %s",
        request.method,
        request.path,
        exception,
    )
    # Rendered without the request: context processors could reach the database.
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


class IncompleteFormMiddleware:
    """A POST that lacks a field its form always sends (a hand-made request,
    a truncated upload) answers 400 "bad request", not 500: some of Wagtail's
    form widgets (a StreamField's block count, for one) read their fields
    without a default. Nothing was saved: the view failed while reading the
    form."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST" or not isinstance(
            exception, MultiValueDictKeyError
        ):
            return None
        logger.warning(
            "An incomplete form was posted to %s: no field %s", request.path, exception
        )
        return bad_request(request, exception)


class NulInQueryMiddleware:
    """A NUL character in the query string (``?q=%00``) answers 400 "bad
    request": no text field, search or database takes it (PostgreSQL refuses
    it in a string), so no view could do anything useful with it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return bad_request(request, ValueError("NUL in the query string"))
        return self.get_response(request)
