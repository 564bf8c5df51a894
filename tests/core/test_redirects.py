"""Automatic redirects only from URLs readers could see (issue 14, part):
a draft's address must not become public through a redirect."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale

from practices.models import PracticeIndexPage
from tests.factories import PracticePageFactory


@pytest.fixture
def index(demo):
    return PracticeIndexPage.objects.get(locale=Locale.objects.get(language_code="pl"))


def redirects_to(page):
    return list(Redirect.objects.filter(redirect_page=page).values_list("old_path"))


@pytest.mark.django_db
def test_renaming_a_draft_makes_no_redirect(index, django_capture_on_commit_callbacks):
    draft = PracticePageFactory(parent=index, title="Szkic", slug="tajny-szkic")
    draft.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        draft.slug = "nadal-szkic"
        draft.save()
    assert redirects_to(draft) == []


@pytest.mark.django_db
def test_renaming_a_live_page_redirects_its_old_address(
    index, django_capture_on_commit_callbacks
):
    page = PracticePageFactory(parent=index, title="Strona", slug="stary-adres")
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        page.slug = "nowy-adres"
        page.save_revision().publish()
    assert [path for (path,) in redirects_to(page)] == [
        "/pl/dobre-praktyki/stary-adres"
    ]


@pytest.mark.django_db
def test_moving_a_draft_makes_no_redirect(index, django_capture_on_commit_callbacks):
    draft = PracticePageFactory(
        parent=index, title="Szkic", slug="szkic-do-przeniesienia"
    )
    draft.unpublish()
    other = PracticePageFactory(parent=index, title="Inna", slug="inna")
    with django_capture_on_commit_callbacks(execute=True):
        draft.move(other, pos="last-child")
    assert redirects_to(draft) == []
