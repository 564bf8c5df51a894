import pytest
from defusedxml.ElementTree import fromstring
from wagtail.models import Page, PageViewRestriction

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def read_sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = fromstring(response.content)
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


@pytest.mark.django_db
class TestSitemap:
    def test_lists_every_live_page_of_every_language(self, client):
        """On the host the sitemap was asked on (the demo's Site says
        "localhost", whatever port it is served on)."""
        urls = read_sitemap(client)
        pages = Page.objects.live().public().filter(depth__gt=1)
        assert set(urls) == {f"http://testserver{page.url}" for page in pages}
        for code in ("pl", "en", "ru", "fi"):
            assert f"http://testserver/{code}/" in urls

    def test_each_address_has_its_translations_and_x_default(self, client):
        urls = read_sitemap(client)
        podaj_dalej = urls["http://testserver/en/projects/podaj-dalej/"]
        assert podaj_dalej == {
            "pl": "http://testserver/pl/projekty/podaj-dalej/",
            "en": "http://testserver/en/projects/podaj-dalej/",
            "x-default": "http://testserver/pl/projekty/podaj-dalej/",
        }
        russian = urls["http://testserver/ru/proekty/onlain-shkola-nastavnichestva/"]
        assert set(russian) == {"ru", "en", "x-default"}
        assert russian["x-default"] == russian["en"]  # no Polish version: the first one

    @pytest.mark.parametrize("how", ["unpublished", "private"])
    def test_leaves_out_hidden_pages_and_their_alternates(self, client, how):
        practice = Page.objects.get(slug="meetings-in-lazy")
        if how == "unpublished":
            practice.unpublish()
        else:
            PageViewRestriction.objects.create(
                page=practice,
                restriction_type=PageViewRestriction.PASSWORD,
                password="x",
            )
        urls = read_sitemap(client)
        hidden = "http://testserver/en/projects/podaj-dalej/meetings-in-lazy/"
        assert hidden not in urls
        polish = urls["http://testserver/pl/projekty/podaj-dalej/spotkania-w-lazach/"]
        assert hidden not in polish.values()


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


@pytest.mark.django_db
class TestSitemapKept:
    """The sitemap is kept under the site's stamp (core/sitemaps.py): made
    once, and made again after any change that may alter it."""

    def test_a_second_request_is_not_made_again(
        self, client, django_assert_max_num_queries
    ):
        first = client.get("/sitemap.xml")
        with django_assert_max_num_queries(0):
            second = client.get("/sitemap.xml")
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]

    def test_a_page_unpublished_or_made_private_leaves_it_at_once(self, client):
        pages = list(Page.objects.live().public().filter(depth__gt=2)[:2])
        read_sitemap(client)
        pages[0].unpublish()
        PageViewRestriction.objects.create(
            page=pages[1], restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        urls = read_sitemap(client)
        for page in pages:
            assert f"http://testserver{page.url}" not in urls

    def test_each_host_has_its_own(self, client):
        read_sitemap(client)
        other = client.get("/sitemap.xml", HTTP_HOST="localhost")
        assert b"http://localhost/" in other.content
        assert b"http://testserver/" not in other.content
