"""The caption-language list of a tutorial's editor: every language, named
in the admin's language and in that language's alphabetical order."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from core.collation import sort_key
from tutorials.models import TutorialPage

pytestmark = pytest.mark.django_db


def listed(admin_client, language):
    admin = get_user_model().objects.get(username="admin")
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = language
    profile.save()
    tutorial = TutorialPage.objects.filter(locale__language_code="pl").first()
    html = admin_client.get(f"/admin/pages/{tutorial.pk}/edit/").content.decode()
    select = re.search(
        r'<select name="captions-0-language"[^>]*>(.*?)</select>', html, re.S
    ).group(1)
    return [
        label.strip()
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', select)
        if value
    ]


@pytest.mark.parametrize(
    ("language", "before", "after"),
    [
        ("pl", ["angielski", "litewski", "łotewski", "macedoński"], "German"),
        ("ru", ["Английский", "Немецкий", "Японский"], "German"),
        ("fi", ["englanti", "saksa", "venäjä"], "German"),
        ("en", ["English", "German", "Japanese"], "niemiecki"),
    ],
)
def test_the_list_is_in_the_admins_language_and_order(
    admin_client, demo, language, before, after
):
    names = listed(admin_client, language)
    assert len(names) > 90
    assert names == sorted(names, key=lambda name: sort_key(name, language))
    positions = [names.index(name) for name in before]
    assert positions == sorted(positions)
    assert after not in names


def test_polish_letters_sort_after_their_base_letter():
    words = ["zulu", "łaciński", "litewski", "macedoński", "ąa", "b"]
    assert sorted(words, key=lambda word: sort_key(word, "pl")) == [
        "ąa",
        "b",
        "litewski",
        "łaciński",
        "macedoński",
        "zulu",
    ]
    finnish = ["öljy", "åbo", "äiti", "zeta"]
    assert sorted(finnish, key=lambda word: sort_key(word, "fi")) == [
        "zeta",
        "åbo",
        "äiti",
        "öljy",
    ]
    russian = ["ёж", "яма", "ель", "жук"]
    assert sorted(russian, key=lambda word: sort_key(word, "ru")) == [
        "ель",
        "ёж",
        "жук",
        "яма",
    ]
