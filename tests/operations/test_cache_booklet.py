"""A practice list's booklet (practices.booklet) is kept by the page cache like
any page, per filter, and made again once content changes."""

import io

import pypdf
import pytest

from tests.practices.test_booklet import outline_titles, practice

from .page_cache import cache_status, page_cache  # noqa: F401

pytestmark = pytest.mark.django_db

BOOKLET = "/pl/dobre-praktyki/booklet/"


def test_the_booklet_is_cached_per_filter_and_made_again_after_publishing(
    client, django_capture_on_commit_callbacks
):
    first = client.get(BOOKLET, {"audience": "librarians"})
    assert cache_status(first) == "miss"
    again = client.get(BOOKLET, {"audience": "librarians"})
    assert cache_status(again) == "hit"
    assert again.content == first.content
    assert cache_status(client.get(BOOKLET, {"audience": "seniors"})) == "miss"

    with django_capture_on_commit_callbacks(execute=True):
        practice("pl", "Nowa praktyka dla bibliotekarzy", "Nowa.", ("librarians",))
    after = client.get(BOOKLET, {"audience": "librarians"})
    assert cache_status(after) == "miss"
    titles = outline_titles(pypdf.PdfReader(io.BytesIO(after.content)))
    assert "Nowa praktyka dla bibliotekarzy" in titles
