"""Machine translation when LibreTranslate fails: an error, a wrong API key,
no answer or an unreadable one. The editor reports it, and nothing is
translated."""

import socket
from contextlib import contextmanager

import pytest
from django.urls import reverse

from .machine_translation import (
    edit_url,
    libretranslate_at,
    machine_translate,
    messages_of,
    page_state,
    translations_into,
)

pytestmark = pytest.mark.django_db


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def failing_with_500(stand_in):
    stand_in.fail_with = 500
    with libretranslate_at(stand_in.url):
        yield


@contextmanager
def with_a_wrong_key(stand_in):
    with libretranslate_at(stand_in.url, api_key="wrong-key"):
        yield


@contextmanager
def unreachable(stand_in):
    with libretranslate_at(f"http://127.0.0.1:{closed_port()}"):
        yield


@contextmanager
def answering_nonsense(stand_in):
    stand_in.answer_instead = {"detail": "Not what LibreTranslate answers"}
    with libretranslate_at(stand_in.url):
        yield


FAILURES = {
    "server error": (
        failing_with_500,
        "LibreTranslate answered with an error (HTTP 500). Nothing was "
        "translated; try again later.",
    ),
    "wrong API key": (
        with_a_wrong_key,
        "LibreTranslate refused the request: check its API key in the settings. "
        "Nothing was translated.",
    ),
    "unreachable": (
        unreachable,
        "LibreTranslate could not be reached. Nothing was translated; try again later.",
    ),
    "unreadable answer": (
        answering_nonsense,
        "LibreTranslate gave an answer that could not be read. Nothing was translated.",
    ),
}


@pytest.mark.parametrize("case", FAILURES.keys())
def test_a_failing_service_is_reported_and_translates_nothing(
    admin, stand_in, russian_translation, case
):
    configure, message = FAILURES[case]
    before = page_state(russian_translation)

    with configure(stand_in):
        response = machine_translate(admin, russian_translation)

    assert response.status_code == 302
    assert response.url == edit_url(russian_translation)
    assert messages_of(response) == [("error", message)]
    assert not translations_into(russian_translation).exists()
    assert page_state(russian_translation) == before
    if case == "wrong API key":
        assert [r["json"]["api_key"] for r in stand_in.requests] == ["wrong-key"]


def test_the_editor_shows_the_failure(admin, stand_in, russian_translation):
    with unreachable(stand_in):
        response = admin.post(
            reverse(
                "wagtail_localize:machine_translate", args=[russian_translation.pk]
            ),
            follow=True,
        )
    # Without a "next" address, back to the translated page's editor.
    assert response.redirect_chain == [(edit_url(russian_translation), 302)]
    assert "LibreTranslate could not be reached." in response.content.decode()
