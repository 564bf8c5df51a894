"""Each count beside a filter is what following it shows, also within a
choice already made (a hole the mutation audit of issue 14 found: with
?audience=seniors chosen, nothing checked the counts beside the other
audiences, nor beside the other facets).

The cards of a followed link are counted on every page of it, two to a page
here, so the counts are checked across pagination.
"""

from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from core.models import Audience, Format
from libraries.models import LibraryPage
from practices.models import PracticeIndexPage
from projects.models import ProjectIndexPage
from tests.factories import PracticePageFactory, TutorialPageFactory
from tutorials.models import TutorialIndexPage

pytestmark = pytest.mark.django_db

PER_PAGE = 2


@pytest.fixture
def polish(db):
    return Locale.objects.get(language_code="pl")


@pytest.fixture
def few_to_a_page(monkeypatch):
    for index in (PracticeIndexPage, ProjectIndexPage, TutorialIndexPage):
        monkeypatch.setattr(index, "per_page", PER_PAGE)
    monkeypatch.setattr("search.results.PER_PAGE", PER_PAGE)


@pytest.fixture
def content(demo, polish, few_to_a_page):
    """Practices and tutorials of several audiences, formats and libraries,
    besides the demo's."""

    def terms(model, *slugs):
        return list(model.objects.filter(locale=polish, slug__in=slugs))

    def library(slug):
        return LibraryPage.objects.get(locale=polish, slug=slug)

    practices = PracticeIndexPage.objects.get(locale=polish)
    for n, (audiences, formats, where) in enumerate(
        [
            (["seniors"], ["webinar"], "gbp-morawica"),
            (["seniors"], ["webinar"], "gbp-morawica"),
            (["seniors"], ["webinar"], "bpmig-lazy"),
            (["seniors", "children"], ["meeting"], "gbp-morawica"),
            (["seniors"], ["meeting"], "mgbp-korsze"),
            (["children"], ["webinar"], "mgbp-korsze"),
            (["children"], ["meeting"], "bpmig-lazy"),
            (["librarians", "seniors"], ["webinar", "meeting"], "mgbp-korsze"),
        ]
    ):
        PracticePageFactory(
            parent=practices,
            title=f"Klub czytelniczy {n}",
            summary="Spotkania czytelników biblioteki w bibliotece.",
            audiences=terms(Audience, *audiences),
            formats=terms(Format, *formats),
            library=library(where),
            live=False,
        ).save_revision().publish()

    tutorials = TutorialIndexPage.objects.get(locale=polish)
    for n, (audiences, where) in enumerate(
        [
            (["seniors"], "gbp-morawica"),
            (["seniors"], "gbp-morawica"),
            (["seniors"], "gbp-morawica"),
            (["seniors"], "mgbp-korsze"),
            (["children"], "gbp-morawica"),
            (["seniors", "children"], "bpmig-lazy"),
        ]
    ):
        TutorialPageFactory(
            parent=tutorials,
            title=f"Film o bibliotece {n}",
            summary="Spotkania w bibliotece.",
            transcript="<p>Spotkania w bibliotece.</p>",
            audiences=terms(Audience, *audiences),
            library=library(where),
            live=False,
        ).save_revision().publish()


class Counter:
    """Follows links as a reader does, counting what each shows."""

    def __init__(self, client, item):
        self.client = client
        self.item = item  # the CSS selector of one item of the list
        self.paginated = 0  # how many followed links had more than one page

    def html(self, url):
        response = self.client.get(url)
        assert response.status_code == 200, url
        # lxml's parser: Python's own took most of the time of following
        # every count of a list of 500 items.
        return BeautifulSoup(response.content, "lxml")

    def counts_shown(self, url):
        """Each choice's address (absolute) and the count beside it, but the
        chosen ones (whose link removes the choice)."""
        html = self.html(url)
        return {
            urljoin(url, a["href"]): int(
                a.find_next_sibling(class_="count").get_text().strip("()")
            )
            for a in html.select(".filters a")
            if not a.has_attr("aria-current")
        }

    def items_shown(self, url):
        """The items a link shows, on all its pages."""
        found, pages = 0, 0
        while url:
            html = self.html(url)
            found += len(html.select(self.item))
            pages += 1
            next_page = html.select_one(".pagination a[rel=next]")
            url = urljoin(url, next_page["href"]) if next_page else None
        self.paginated += pages > 1
        return found

    def differences(self, url):
        """Each choice whose count is not what following it shows: its
        address, the count shown and the items found."""
        differ = {}
        for link, count in self.counts_shown(url).items():
            found = self.items_shown(link)
            if found != count:
                differ[link] = (count, found)
        return differ


@pytest.mark.parametrize(
    ("path", "chosen", "item"),
    [
        ("/pl/dobre-praktyki/", "audience=seniors", ".card__title"),
        ("/pl/dobre-praktyki/", "audience=seniors&format=webinar", ".card__title"),
        ("/pl/dobre-praktyki/", "library=gbp-morawica", ".card__title"),
        ("/pl/filmy/", "audience=seniors", ".card__title"),
        ("/pl/projekty/", "audience=seniors", ".card__title"),
        ("/pl/search/", "q=bibliotece&audience=seniors", ".search-result"),
        ("/pl/search/", "q=biblioteki&type=testimonial", ".search-result"),
    ],
)
def test_each_count_within_a_choice_is_what_following_it_shows(
    client, content, path, chosen, item
):
    counter = Counter(client, item)
    url = f"http://testserver{path}?{chosen}"
    chosen = parse_qs(chosen)
    links = [parse_qs(urlsplit(link).query) for link in counter.counts_shown(url)]
    # Counts beside other values of a chosen facet, and beside other facets.
    assert any(link.keys() == chosen.keys() and link != chosen for link in links), links
    assert any(link.keys() - chosen.keys() for link in links), links

    assert counter.differences(url) == {}, "link: (count shown, items found)"
    assert counter.paginated, "some link shows more than one page"
