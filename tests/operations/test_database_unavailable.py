"""A database outage answers 503 "temporarily unavailable", not 500."""

import pytest
from django.db import InterfaceError, OperationalError, ProgrammingError
from django.test import RequestFactory
from django.utils import translation

from operations.middleware import DatabaseUnavailableMiddleware


def _middleware():
    return DatabaseUnavailableMiddleware(lambda request: None)


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_lost_database_answers_503_with_retry_after(error):
    request = RequestFactory().get("/en/")
    with translation.override("en"):
        response = _middleware().process_exception(request, error("gone"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]
    assert b"Temporarily unavailable" in response.content
    assert b'lang="en"' in response.content


def test_other_errors_are_left_to_django():
    request = RequestFactory().get("/en/")
    assert _middleware().process_exception(request, ProgrammingError("x")) is None
    assert _middleware().process_exception(request, ValueError("x")) is None
