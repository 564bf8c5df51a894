"""The accessibility statement (information.AccessibilityStatementPage): the
sections of the EU's model statement, in the reader's language, from the
fields a coordinator fills; and the demo's statement is whole in every
language."""

import pytest
from bs4 import BeautifulSoup

from information.models import AccessibilityStatementPage

pytestmark = pytest.mark.django_db

SECTIONS = {
    "pl": [
        "Stan zgodności",
        "Treści niedostępne",
        "Dostępne alternatywy",
        "Przygotowanie deklaracji dostępności",
        "Informacje zwrotne i dane kontaktowe",
        "Procedura odwoławcza",
    ],
    "ru": [
        "Статус соответствия",
        "Недоступный контент",
        "Доступные альтернативы",
        "Подготовка заявления о доступности",
        "Обратная связь и контактная информация",
        "Порядок обжалования",
    ],
}


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("main")


@pytest.mark.parametrize(
    ("language", "url"),
    [("pl", "/pl/deklaracja-dostepnosci/"), ("ru", "/ru/zayavlenie-o-dostupnosti/")],
)
def test_the_statement_has_the_sections_of_the_eu_model(client, language, url):
    main = read(client, url)
    assert [h.get_text(strip=True) for h in main.select("h2")] == SECTIONS[language]
    text = main.get_text(" ", strip=True)
    if language == "pl":
        assert "Sieć bibliotek zobowiązuje się zapewnić dostępność" in text
        assert "częściowo zgodna" in text
        assert "7 grudnia 2026" in text
    else:
        assert "Сеть библиотек обязуется обеспечить доступность" in text
        assert "частично соответствует" in text
        assert "7 декабря 2026" in text
    assert main.select_one('a[href="mailto:dostepnosc@example.org"]')
    assert main.select_one('time[datetime="2026-12-07"]')


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ("full", "w pełni zgodna"),
        ("partial", "częściowo zgodna"),
        ("none", "nie jest zgodna"),
    ],
)
def test_the_compliance_status_is_stated_as_chosen(client, status, words):
    statement = AccessibilityStatementPage.objects.get(locale__language_code="pl")
    statement.compliance = status
    statement.save_revision().publish()
    main = read(client, "/pl/deklaracja-dostepnosci/")
    assert words in main.select_one(".statement__status").get_text()


def test_the_statement_is_whole_in_every_language(client):
    """The demo's statement in each language carries its own text (no field
    left in Polish), so no reader meets half a statement."""
    polish = AccessibilityStatementPage.objects.get(locale__language_code="pl")
    for statement in AccessibilityStatementPage.objects.exclude(pk=polish.pk):
        assert statement.live
        for field in (
            "title",
            "legislation",
            "non_accessible",
            "feedback",
            "enforcement",
        ):
            assert getattr(statement, field) != getattr(polish, field), (
                statement.locale.language_code,
                field,
            )
        assert statement.reviewed_on == polish.reviewed_on
