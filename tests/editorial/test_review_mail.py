"""E-mail at each step of a review: to the people concerned, in each one's
admin language, with links to the served address (WAGTAILADMIN_BASE_URL),
from the configured sender; "changes requested" is not "rejected"."""

import re

import pytest
from django.core import mail
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation

from editorial.roles import MODERATORS, TRANSLATORS
from practices.models import PracticePage
from tests.factories import user_in_group

SERVED = "http://library.example:8123"
SENDER = "Sieć bibliotek <redakcja@library.example>"
COMMENT = "Proszę poprawić tytuł."

pytestmark = pytest.mark.django_db


def person(group, username, language):
    user = user_in_group(group, username)
    user.email = f"{username}@example.org"
    user.save()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def served(settings):
    settings.WAGTAILADMIN_BASE_URL = SERVED
    settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = SENDER


@pytest.fixture
def review(demo, served):
    english = Locale.objects.get(language_code="en")
    page = PracticePage.objects.get(locale=english, slug="meetings-in-lazy", live=True)
    return {
        "page": page,
        "translation": Translation.objects.get(
            source__object_id=page.translation_key, target_locale=english
        ),
        "translator": person(
            TRANSLATORS.format(english.get_display_name()), "translator", "ru"
        ),
        "moderator_pl": person(MODERATORS, "moderator-pl", "pl"),
        "moderator_fi": person(MODERATORS, "moderator-fi", "fi"),
    }


def sent_to(username):
    return [m for m in mail.outbox if m.to == [f"{username}@example.org"]]


def links(message):
    return re.findall(r"https?://[^\s\"<>]+", message.body)


def submit(client, review):
    client.force_login(review["translator"])
    response = client.post(f"/admin/translations/{review['translation'].pk}/review/")
    assert response.status_code == 302


def act(client, review, moderator, action, comment=""):
    page = review["page"]
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    client.force_login(review[moderator])
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/",
        {"comment": comment},
    )
    assert response.status_code in (200, 302)


def test_submitting_tells_the_moderators_each_in_their_language(client, review):
    submit(client, review)
    polish = sent_to("moderator-pl")
    finnish = sent_to("moderator-fi")
    assert len(polish) == len(finnish) == 1
    assert sent_to("translator") == []
    assert "wysłana do akceptacji" in polish[0].subject
    assert "lähetettiin" in finnish[0].subject
    for message in (*polish, *finnish):
        assert message.from_email == SENDER
        assert links(message)
        assert all(link.startswith(SERVED + "/admin/") for link in links(message))
        assert "Moderator approval" not in message.body + message.subject
    assert "Zatwierdzenie przez moderatora" in polish[0].subject
    assert "Moderaattorin hyväksyntä" in finnish[0].subject


def test_requesting_changes_tells_the_translator_without_rejecting(client, review):
    submit(client, review)
    mail.outbox.clear()
    act(client, review, "moderator_pl", "reject", COMMENT)
    [message] = sent_to("translator")
    assert [m.to for m in mail.outbox] == [["translator@example.org"]]
    text = (message.subject + "\n" + message.body).lower()
    assert "запрошены изменения" in text or "просит внести изменения" in text
    for rejected in ("reject", "отклон", "odrzuc"):
        assert rejected not in text
    assert COMMENT.lower() in text
    page = review["page"]
    assert f"{SERVED}/admin/pages/{page.pk}/edit/" in links(message)
    assert all(link.startswith(SERVED) for link in links(message))


def test_approving_tells_the_translator_where_readers_see_it(client, review):
    submit(client, review)
    mail.outbox.clear()
    act(client, review, "moderator_fi", "approve")
    [message] = sent_to("translator")
    assert "одобрен" in (message.subject + message.body).lower()
    page = review["page"]
    page.refresh_from_db()
    assert f"{SERVED}{page.url}" in links(message)
    assert all(link.startswith(SERVED) for link in links(message))
    assert "localhost" not in message.body


def test_nobody_without_an_address_breaks_the_review(client, review):
    review["moderator_fi"].email = ""
    review["moderator_fi"].save()
    submit(client, review)
    assert sent_to("moderator-pl")
    assert review["page"].current_workflow_state is not None


def test_the_demo_users_have_addresses(monkeypatch):
    from django.contrib.auth import get_user_model

    from tests.conftest import run_command

    monkeypatch.setenv("DJANGO_DEMO_PASSWORD", "a long demo password")
    run_command("load_demo")
    users = get_user_model().objects.filter(
        username__in=[
            "admin",
            "network-editor",
            "moderator",
            "library-editor",
            "translator-en",
        ]
    )
    assert sorted(user.email for user in users) == [
        "admin@example.org",
        "library-editor@example.org",
        "moderator@example.org",
        "network-editor@example.org",
        "translator-en@example.org",
    ]


def test_gravatar_is_off(settings):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
