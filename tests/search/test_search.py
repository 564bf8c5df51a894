"""The public search: each language stemmed as itself, facets, and no leaks."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from wagtail.models import Locale, PageViewRestriction

from core.models import Audience
from practices.models import PracticeIndexPage, PracticePage
from search.lemmas import without_lemmas
from search.text_search import configure
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


def results(client, path, **params):
    response = client.get(path, params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, response.content[:500]
    html = BeautifulSoup(response.content, "html.parser")
    return [
        {
            "title": item.select_one(".search-result__title").get_text(strip=True),
            "type": item.select_one(".search-result__type").get_text(strip=True),
            "excerpt": item.select_one(".search-result__excerpt"),
        }
        for item in html.select(".search-result")
    ]


def titles(client, path, **params):
    return [result["title"] for result in results(client, path, **params)]


def text_of(page):
    from wagtail.search.models import IndexEntry

    entry = IndexEntry.objects.get(
        content_type_id=page.content_type_id, object_id=str(page.pk)
    )
    field = "body_text" if hasattr(entry, "body_text") else "body"
    return f"{page.title} {without_lemmas(getattr(entry, field))}".lower()


@pytest.fixture
def polish(db):
    return Locale.objects.get(language_code="pl")


@pytest.fixture
def publish(polish):
    index = PracticeIndexPage.objects.get(locale=polish)

    def make(title, summary, live=True, **kwargs):
        practice = PracticePageFactory(
            parent=index, title=title, summary=summary, live=False, **kwargs
        )
        if live:
            practice.save_revision().publish()
        return practice

    return make


class TestInflectedForms:
    """A query finds other forms of its words, in the reader's language: on
    PostgreSQL by its dictionaries, on SQLite by simplemma's lemmas."""

    def assert_finds(self, client, path, word, expected_title):
        from wagtail.models import Page

        page = Page.objects.get(title=expected_title, live=True)
        assert word not in text_of(page), "the query must be a form the text lacks"
        assert expected_title in titles(client, path, q=word)

    def test_russian_finds_other_case_forms(self, client):
        # The text says "наставничества" (genitive) and "семинаров".
        self.assert_finds(
            client,
            "/ru/search/",
            "наставничеством",
            "Онлайн-школа библиотечного наставничества",
        )
        self.assert_finds(
            client,
            "/ru/search/",
            "семинарах",
            "Онлайн-школа библиотечного наставничества",
        )

    def test_finnish_finds_inflected_forms(self, client):
        # The text says "kirjastoissa", "kirjastojen", "kirjastot"...
        self.assert_finds(
            client,
            "/fi/search/",
            "kirjastoihin",
            "Kirjastoväki digitaitoisemmaksi ja verkottumaan digituessa",
        )

    def test_polish_finds_inflected_forms(self, client):
        if connection.vendor == "postgresql":
            assert configure(connection), "install the Polish dictionary: see README"
        # The text says "bibliotekarki"; the query is the instrumental plural.
        self.assert_finds(
            client,
            "/pl/search/",
            "bibliotekarkami",
            "Biblioteka online: program szkoleniowy",
        )

    @pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="SQLite's lemmas keep the word typed; PostgreSQL's stems rank alike",
    )
    def test_the_very_word_typed_ranks_above_its_other_forms(self, client, publish):
        publish("Warsztaty z bibliotekarką", "Spotkanie prowadzi bibliotekarka.")
        publish("Warsztaty z bibliotekarkami", "Spotkanie z bibliotekarkami.")
        found = titles(client, "/pl/search/", q="bibliotekarkami")
        assert found[0] == "Warsztaty z bibliotekarkami"
        assert "Warsztaty z bibliotekarką" in found

    @pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="SQLite's lemmas keep the word typed; PostgreSQL's stems rank alike",
    )
    @pytest.mark.xfail(
        strict=True,
        reason="Known, not fixed (README, Search): modelsearch's bm25 scored "
        "'Seniorzy czytają' (-37.8) above 'Senior czyta' (-26.4) for 'senior' "
        "even with the base form indexed twice in the second",
    )
    def test_the_very_word_typed_ranks_first_when_it_is_its_own_lemma(
        self, client, publish
    ):
        """The base form typed ("senior") is its own lemma, so it is read
        as itself only: a page that says "senior" matches it once, in its
        text, and a page that says "seniorzy" once, in its lemmas, and the
        page with the other form ranked first. Readers type base forms more
        than any other. (On PostgreSQL the page with "senior" ranked below
        the demo's pages that say only "seniorów": an inflected word is
        indexed as its stem and again as its lemma, a base form once.)"""
        publish("Czytelnia", "Senior czyta gazetę.")
        publish("Klub", "Seniorzy czytają gazety.")
        found = titles(client, "/pl/search/", q="senior")
        assert found.index("Czytelnia") < found.index("Klub")

    def test_the_matched_forms_are_marked_in_the_excerpt(self, client):
        found = results(client, "/pl/search/", q="bibliotekarkami")
        marks = [m.get_text() for r in found for m in r["excerpt"].select("mark")]
        assert "bibliotekarki" in marks

    def test_each_language_searches_its_own_pages(self, client):
        russian = titles(client, "/ru/search/", q="библиотеки")
        assert "Онлайн-школа библиотечного наставничества" in russian
        assert titles(client, "/pl/search/", q="библиотеки") == []

    def test_without_a_language_a_query_is_read_in_every_language(self, client):
        """The API's search names no language: each word is stemmed as each
        of the site's languages would stem it."""
        for word, title in [
            ("наставничеством", "Онлайн-школа библиотечного наставничества"),
            (
                "kirjastoihin",
                "Kirjastoväki digitaitoisemmaksi ja verkottumaan digituessa",
            ),
            ("bibliotekarkami", "Biblioteka online: program szkoleniowy"),
        ]:
            response = client.get("/api/v2/pages/", {"search": word})
            assert response.status_code == 200
            assert title in [item["title"] for item in response.json()["items"]], word


class TestSearchPage:
    def test_finds_a_whole_word_in_any_database(self, client):
        found = results(client, "/pl/search/", q="bibliotekarki")
        assert "Biblioteka online: program szkoleniowy" in [r["title"] for r in found]
        marks = [
            m.get_text().lower() for r in found for m in r["excerpt"].select("mark")
        ]
        assert "bibliotekarki" in marks

    def test_labels_each_result_with_its_type(self, client):
        found = results(client, "/en/search/", q="Podaj dalej")
        types = {r["type"] for r in found}
        assert {"Project", "Good practice", "Testimonial"} <= types

    def test_filters_by_type_and_library_together(self, client):
        testimonials = titles(client, "/pl/search/", q="biblioteki", type="testimonial")
        assert testimonials
        assert all("Biblioteka" in title for title in testimonials)
        one_library = titles(
            client,
            "/pl/search/",
            q="biblioteki",
            type="testimonial",
            library="gbp-komarowka-podlaska",
        )
        assert one_library == [
            "Gminna Biblioteka Publiczna w Komarówce Podlaskiej "
            "(Biblioteka Partnerska)."
        ]

    def test_filters_by_audience_project_and_year(self, client, publish, polish):
        seniors = list(Audience.objects.filter(locale=polish, slug="seniors"))
        publish("Cyfrowy klub seniora", "Spotkania przy komputerze.", audiences=seniors)
        publish("Cyfrowy klub dla dzieci", "Spotkania przy komputerze.")
        assert titles(client, "/pl/search/", q="cyfrowy", audience="seniors") == [
            "Cyfrowy klub seniora"
        ]
        in_project = titles(
            client, "/pl/search/", q="biblioteki", project="podaj-dalej"
        )
        assert "Mikrogranty „Podaj dalej”" in in_project
        assert "Biblioteka online: program szkoleniowy" not in in_project

    def test_each_count_is_what_choosing_it_shows(self, client):
        """Counted within the other chosen filters: following a link shows
        as many results as its count said."""
        response = client.get("/pl/search/", {"q": "biblioteki", "type": "testimonial"})
        html = BeautifulSoup(response.content, "html.parser")
        choices = {
            a["href"]: int(a.find_next_sibling(class_="count").get_text().strip("()"))
            for a in html.select(".facet a")
            if "library=" in a["href"] or "audience=" in a["href"]
        }
        assert any("library=" in href for href in choices)
        for href, count in choices.items():
            followed = client.get(f"/pl/search/{href}")
            found = BeautifulSoup(followed.content, "html.parser")
            assert len(found.select(".search-result")) == count, href

    def test_an_unknown_filter_value_is_a_clear_400(self, client):
        response = client.get(
            "/en/search/",
            {"q": "library", "type": "nonsense"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 400
        assert b"cannot be filtered" in response.content
        assert b"search-result" not in response.content

    def test_a_too_long_query_is_a_clear_400(self, client):
        response = client.get("/en/search/", {"q": "library " * 40})
        assert response.status_code == 400
        assert b"too long" in response.content

    def test_an_empty_query_shows_the_form_and_no_results(self, client):
        response = client.get("/en/search/")
        assert response.status_code == 200
        html = BeautifulSoup(response.content, "html.parser")
        assert html.select_one("form[role=search] input[name=q]")
        assert html.select(".search-result") == []

    def test_nothing_found_says_what_to_try(self, client):
        response = client.get("/en/search/", {"q": "xylophonequartz"})
        html = BeautifulSoup(response.content, "html.parser")
        assert "Nothing was found for “xylophonequartz”" in html.select_one(
            ".empty-state"
        ).get_text(" ", strip=True)

    def test_with_no_page_having_every_word_it_shows_pages_with_some(self, client):
        found = titles(client, "/pl/search/", q="bibliotekarki xylophonequartz")
        assert "Biblioteka online: program szkoleniowy" in found

    def test_paginates_and_keeps_the_query(self, client, publish):
        for n in range(12):
            publish(f"Klub szachowy {n}", "Szachy w bibliotece.")
        first = client.get("/pl/search/", {"q": "szachowy"})
        html = BeautifulSoup(first.content, "html.parser")
        assert len(html.select(".search-result")) == 10
        next_link = html.select_one(".pagination a[rel=next]")["href"]
        assert "q=szachowy" in next_link
        second = client.get(f"/pl/search/{next_link}")
        assert (
            len(BeautifulSoup(second.content, "html.parser").select(".search-result"))
            == 2
        )

    def test_the_language_switcher_leads_to_the_other_searches(self, client):
        html = BeautifulSoup(
            client.get("/pl/search/", {"q": "x"}).content, "html.parser"
        )
        links = {a["hreflang"]: a["href"] for a in html.select(".language-switcher a")}
        assert links == {
            "pl": "/pl/search/",
            "en": "/en/search/",
            "ru": "/ru/search/",
            "fi": "/fi/search/",
        }

    def test_every_page_has_a_search_form(self, client):
        html = BeautifulSoup(client.get("/fi/").content, "html.parser")
        form = html.select_one("header form[role=search]")
        assert form["action"] == "/fi/search/"
        assert form.select_one("label[for=site-search-query]")


class TestNothingHiddenIsFound:
    def test_drafts_and_private_pages_are_not_found(self, client, publish):
        publish("Tajny klub origami", "Origami dla każdego.", live=False)
        private = publish("Prywatny klub origami", "Origami dla każdego.")
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        publish("Otwarty klub origami", "Origami dla każdego.")
        assert titles(client, "/pl/search/", q="origami") == ["Otwarty klub origami"]

    def test_an_unpublished_page_is_no_longer_found(self, client, publish):
        page = publish("Klub brydżowy", "Brydż w bibliotece.")
        assert titles(client, "/pl/search/", q="brydżowy") == ["Klub brydżowy"]
        PracticePage.objects.get(pk=page.pk).unpublish()
        assert titles(client, "/pl/search/", q="brydżowy") == []


class TestTheReadersLanguage:
    """On any database (SQLite too, where nothing is stemmed) a search finds
    the pages of the reader's language only: never a page in another
    language, and no result leads out of it (issue 14, a hole of the
    mutation audit). Content not yet translated is not found; the empty
    page says where it is."""

    def found(self, client, language, query):
        response = client.get(f"/{language}/search/", {"q": query})
        assert response.status_code == 200
        html = BeautifulSoup(response.content, "html.parser")
        assert html.html["lang"] == language
        links = [a["href"] for a in html.select(".search-result a[href]")]
        links += [a["href"] for a in html.select(".filters a[href]")]
        marked = [tag["lang"] for tag in html.select(".search-results [lang]")]
        titles = [
            a.get_text(strip=True) for a in html.select(".search-result__title a")
        ]
        return titles, links, marked, html

    def test_a_russian_query_finds_russian_pages(self, client):
        titles, links, marked, _html = self.found(client, "ru", "Белгородского")
        assert "Онлайн-школа библиотечного наставничества" in titles
        assert "МУК ЦБ Белгородского района" in titles
        assert all(link.startswith(("/ru/", "?")) for link in links), links
        assert marked == []

    def test_a_word_of_every_language_finds_the_readers_pages_only(self, client):
        """The Polish libraries keep their names in every language, so the
        word is in pages of all four; each language finds its own."""
        prefixes = {"pl": "/pl/", "en": "/en/", "ru": "/ru/", "fi": "/fi/"}
        for language, prefix in prefixes.items():
            titles, links, marked, _html = self.found(client, language, "Gminna")
            assert "Gminna Biblioteka Publiczna w Kroczycach" in titles, language
            results = [link for link in links if not link.startswith("?")]
            assert results and all(link.startswith(prefix) for link in results)
            assert marked == []

    def test_a_russian_query_elsewhere_leads_to_no_russian_page(self, client):
        for language in ("pl", "en", "fi"):
            titles, links, _marked, _html = self.found(
                client, language, "Белгородского"
            )
            assert not any(link.startswith("/ru/") for link in links), language
            assert "МУК ЦБ Белгородского района" not in titles

    def test_what_is_not_yet_in_russian_is_not_offered_in_another_language(
        self, client
    ):
        """ "Podaj dalej" is in Polish and English only: the Russian search
        says nothing was found, and where such content is."""
        assert "Mikrogranty „Podaj dalej”" in self.found(client, "pl", "Podaj")[0]
        titles, links, _marked, html = self.found(client, "ru", "Podaj")
        assert titles == [] and links == []
        empty = html.select_one(".empty-state").get_text(" ", strip=True)
        assert "Podaj" in empty
        assert "можно найти в других языковых" in empty


class TestMisspellings:
    """A search that finds nothing is retried with the nearest words of the
    reader's language that public pages hold (search/spelling.py)."""

    def page(self, client, path, **params):
        response = client.get(path, params, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        return BeautifulSoup(response.content, "html.parser")

    def test_a_misspelt_word_is_searched_as_its_nearest_word(self, client):
        html = self.page(client, "/pl/search/", q="senoirów")
        notice = html.select_one(".notice--spelling")
        assert notice.select_one("strong").get_text() == "seniorów"
        assert "Nic nie znaleziono dla „senoirów”" in notice.get_text(" ", strip=True)
        found = [a.get_text(strip=True) for a in html.select(".search-result__title")]
        assert "Mikrogranty „Podaj dalej”" in found
        marks = [m.get_text() for m in html.select(".search-result__excerpt mark")]
        assert "seniorów" in marks
        # The link searches for the words as typed, and corrects nothing.
        as_typed = notice.select_one("a")["href"]
        again = self.page(client, f"/pl/search/{as_typed}")
        assert again.select_one(".notice--spelling") is None
        assert again.select(".search-result") == []
        assert "senoirów" in again.select_one(".empty-state").get_text()

    def test_each_language_is_corrected_with_its_own_words(self, client):
        html = self.page(client, "/ru/search/", q="семенаров")
        assert html.select_one(".notice--spelling strong").get_text() == "семинаров"
        found = [a.get_text(strip=True) for a in html.select(".search-result__title")]
        assert "Онлайн-школа библиотечного наставничества" in found
        english = self.page(client, "/en/search/", q="libarries volunters")
        assert (
            english.select_one(".notice--spelling strong").get_text()
            == "libraries volunteers"
        )

    def test_a_word_found_as_typed_is_not_corrected(self, client):
        html = self.page(client, "/pl/search/", q="seniorów")
        assert html.select_one(".notice--spelling") is None
        assert html.select(".search-result")

    def test_a_bad_as_typed_value_is_a_clear_400(self, client):
        response = client.get("/pl/search/", {"q": "senoirów", "as_typed": "yes"})
        assert response.status_code == 400
        assert b"search-result" not in response.content

    def test_a_word_only_hidden_pages_hold_is_never_known(self, client, publish):
        """The vocabulary holds the words of pages the public may read when
        they are indexed: a draft's or a private page's words are neither
        suggested nor taken as known (which would answer "nothing found"
        where an unknown word gets a suggestion)."""
        from search.models import Word

        publish("Warsztaty zorblix", "Zorblix dla każdego.")
        publish("Szkic zorblax", "Zorblax dla każdego.", live=False)
        private = publish("Tajne zorblax", "Zorblax dla każdego.", live=False)
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        private.save_revision().publish()
        words = set(Word.objects.filter(language="pl").values_list("word", flat=True))
        assert "zorblix" in words
        assert "zorblax" not in words
        html = self.page(client, "/pl/search/", q="zorblax")
        assert html.select_one(".notice--spelling strong").get_text() == "zorblix"
        found = [a.get_text(strip=True) for a in html.select(".search-result__title")]
        assert found == ["Warsztaty zorblix"]

    def test_a_rebuilt_index_forgets_the_words_of_pages_now_hidden(self, publish):
        from search.models import Word
        from tests.conftest import run_command

        page = publish("Warsztaty kwarglu", "Kwarglu dla każdego.")
        assert Word.objects.filter(language="pl", word="kwarglu").exists()
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        run_command("update_index", verbosity=0)
        assert not Word.objects.filter(language="pl", word="kwarglu").exists()
        assert Word.objects.filter(language="pl", word="bibliotekarki").exists()
