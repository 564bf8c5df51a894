"""A hidden tutorial leaves the tutorial list and both its feeds (a hole the
mutation audit of issue 14 found: nothing failed when the list stopped
leaving out unpublished or private tutorials)."""

import feedparser
import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from tests.factories import TutorialPageFactory
from tutorials.models import TutorialIndexPage

pytestmark = pytest.mark.django_db

TITLE = "Jak nagrać podcast w bibliotece"


def hide(tutorial, how):
    if how == "unpublished":
        tutorial.unpublish()
    elif how == "private (password)":
        PageViewRestriction.objects.create(
            page=tutorial, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    else:
        PageViewRestriction.objects.create(
            page=tutorial, restriction_type=PageViewRestriction.LOGIN
        )


@pytest.fixture
def tutorial(demo):
    """A live Polish tutorial, with no translation to stand in for it."""
    index = TutorialIndexPage.objects.get(locale__language_code="pl")
    page = TutorialPageFactory(
        parent=index,
        title=TITLE,
        live=False,
        transcript="<p>Nagrywamy podcast.</p>",
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def shown(client, index, door):
    """The tutorials' titles and addresses one door shows."""
    if door == "list":
        response = client.get(index.url)
        assert response.status_code == 200
        html = BeautifulSoup(response.content, "html.parser")
        return {
            (a.get_text(strip=True), a["href"]) for a in html.select(".card__title a")
        }
    response = client.get(f"{index.url}feed/{door}/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return {
        (entry.title, entry.link.removeprefix("http://testserver"))
        for entry in feed.entries
    }


@pytest.mark.parametrize("door", ["list", "rss", "atom"])
@pytest.mark.parametrize(
    "how", ["unpublished", "private (password)", "private (login)"]
)
def test_a_hidden_tutorial_leaves_the_list_and_its_feeds(client, tutorial, door, how):
    index = tutorial.get_parent()
    assert (TITLE, tutorial.url) in shown(client, index, door)
    others = shown(client, index, door) - {(TITLE, tutorial.url)}
    assert others, "the demo's tutorials are listed too"

    hide(tutorial, how)

    after = shown(client, index, door)
    assert TITLE not in {title for title, _url in after}
    assert tutorial.url not in {url for _title, url in after}
    # The others stay.
    assert after == others
