"""A private testimonial leaves its library's page and its project's page (a
hole the mutation audit of issue 14 found: nothing failed when either page
stopped leaving out private testimonials)."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from projects.models import TestimonialPage

pytestmark = pytest.mark.django_db


def links(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    section = html.select_one("section[aria-labelledby=testimonials]")
    return {a["href"] for a in section.select("a")} if section else set()


@pytest.mark.parametrize(
    "restriction", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN]
)
def test_a_private_testimonial_leaves_its_library_and_project(
    client, demo, restriction
):
    testimonial = TestimonialPage.objects.get(
        locale__language_code="pl", slug="morawica"
    )
    library = testimonial.library
    project = testimonial.get_parent()
    for page in (library, project):
        assert testimonial.url in links(client, page), page.url
    others = links(client, project) - {testimonial.url}
    assert others, "the project's other testimonials are shown too"

    PageViewRestriction.objects.create(
        page=testimonial, restriction_type=restriction, password="x"
    )

    for page in (library, project):
        assert testimonial.url not in links(client, page), page.url
    assert links(client, project) == others
