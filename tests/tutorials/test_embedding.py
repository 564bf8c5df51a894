"""Embedding tutorials in other sites: the embed page and the oEmbed provider."""

import json
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from defusedxml.ElementTree import fromstring
from wagtail.models import PageViewRestriction

from tutorials.models import TutorialPage

PAGE = "/en/tutorials/spotkanie-online/"
HOST = "http://testserver"


@pytest.fixture
def tutorial(db):
    return TutorialPage.objects.get(locale__language_code="en", slug="spotkanie-online")


def oembed(client, url=HOST + PAGE, **params):
    return client.get("/oembed/", {"url": url, **params})


def hide(page, how):
    if how == "unpublished":
        page.unpublish()
    else:
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )


@pytest.mark.django_db
class TestOEmbedJson:
    def test_answers_a_video_as_the_specification_says(self, client, tutorial):
        response = oembed(client, format="json")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        data = response.json()
        assert data["version"] == "1.0"
        assert data["type"] == "video"
        for required in ("html", "width", "height"):  # required for type video
            assert data[required]
        assert data["title"] == "A library's first online meeting"
        assert data["provider_name"] == "Library network"
        assert data["provider_url"] == f"{HOST}/en/"
        assert data["author_name"] == "Library network"
        assert data["thumbnail_url"].startswith(f"{HOST}/media/images/")
        assert (data["thumbnail_width"], data["thumbnail_height"]) == (640, 360)

    def test_html_is_an_iframe_of_the_embed_page_with_a_title(self, client, tutorial):
        iframe = BeautifulSoup(oembed(client).json()["html"], "html.parser").iframe
        assert iframe["src"] == f"{HOST}{PAGE}embed/"
        assert iframe["title"] == "A library's first online meeting"
        assert (iframe["width"], iframe["height"]) == ("640", "360")

    @pytest.mark.parametrize(
        ("limits", "size"),
        [
            ({"maxwidth": "400"}, (400, 225)),
            ({"maxheight": "180"}, (320, 180)),
            ({"maxwidth": "1920", "maxheight": "1080"}, (640, 360)),
        ],
    )
    def test_fits_within_maxwidth_and_maxheight(self, client, tutorial, limits, size):
        data = oembed(client, **limits).json()
        assert (data["width"], data["height"]) == size
        iframe = BeautifulSoup(data["html"], "html.parser").iframe
        assert (int(iframe["width"]), int(iframe["height"])) == size

    def test_answers_for_the_page_in_any_language(self, client, tutorial):
        response = oembed(client, url=f"{HOST}/pl/filmy/spotkanie-online/")
        assert response.json()["title"] == "Pierwsze spotkanie online w bibliotece"
        assert response.json()["provider_name"] == "Sieć bibliotek"

    def test_keeps_the_caption_language_of_the_address(self, client, tutorial):
        html = oembed(client, url=f"{HOST}{PAGE}?captions=pl").json()["html"]
        assert f'src="{HOST}{PAGE}embed/?captions=pl"' in html


@pytest.mark.django_db
class TestOEmbedXml:
    def test_answers_the_same_in_xml(self, client, tutorial):
        response = oembed(client, format="xml", maxwidth="480")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/xml")
        root = fromstring(response.content)
        assert root.tag == "oembed"
        values = {child.tag: child.text for child in root}
        assert values["version"] == "1.0"
        assert values["type"] == "video"
        assert (values["width"], values["height"]) == ("480", "270")
        assert (
            BeautifulSoup(values["html"], "html.parser").iframe["src"]
            == f"{HOST}{PAGE}embed/"
        )


@pytest.mark.django_db
class TestOEmbedRefusals:
    @pytest.mark.parametrize(
        "url",
        [
            f"{HOST}/en/tutorials/no-such-tutorial/",
            f"{HOST}/en/tutorials/",
            f"{HOST}/en/projects/podaj-dalej/",
            f"{HOST}{PAGE}embed/",
            f"https://other.example.org{PAGE}",
            f"{HOST}/xx/tutorials/spotkanie-online/",
            "ftp://testserver/en/tutorials/spotkanie-online/",
            "not a url",
        ],
    )
    def test_404_for_anything_but_a_public_tutorial_page(self, client, tutorial, url):
        assert oembed(client, url=url).status_code == 404

    @pytest.mark.parametrize("how", ["unpublished", "private"])
    def test_404_for_a_hidden_tutorial(self, client, tutorial, how):
        hide(tutorial, how)
        assert oembed(client).status_code == 404

    def test_501_for_an_unsupported_format(self, client, tutorial):
        assert oembed(client, format="yaml").status_code == 501

    @pytest.mark.parametrize(
        "params", [{"maxwidth": "wide"}, {"maxheight": "-5"}, {"maxwidth": "0"}]
    )
    def test_400_for_malformed_parameters(self, client, tutorial, params):
        assert oembed(client, **params).status_code == 400

    def test_400_without_a_url(self, client):
        assert client.get("/oembed/", {"format": "json"}).status_code == 400


@pytest.mark.django_db
class TestDiscovery:
    def test_tutorial_pages_link_to_their_oembed(self, client, tutorial):
        html = BeautifulSoup(client.get(PAGE).content, "html.parser")
        links = {
            link["type"]: link["href"]
            for link in html.find_all("link", rel="alternate", type=True)
        }
        quoted = quote(HOST + PAGE, safe="")
        assert (
            links["application/json+oembed"]
            == f"{HOST}/oembed/?url={quoted}&format=json"
        )
        assert links["text/xml+oembed"] == f"{HOST}/oembed/?url={quoted}&format=xml"
        path = links["application/json+oembed"].removeprefix(HOST)
        assert client.get(path).json()["type"] == "video"


@pytest.mark.django_db
class TestEmbedPage:
    def test_is_the_player_alone_framable_by_anyone_and_sets_no_cookie(
        self, client, tutorial
    ):
        response = client.get(PAGE + "embed/")
        assert response.status_code == 200
        # Any site may frame it; the site's policy otherwise holds.
        policy = response["Content-Security-Policy"].split("; ")
        assert "frame-ancestors *" in policy
        assert "script-src 'self'" in policy
        assert "X-Frame-Options" not in response
        assert not response.cookies
        html = BeautifulSoup(response.content, "html.parser")
        assert html.html["lang"] == "en"
        assert html.find("nav") is None and html.find("header") is None
        assert html.video.source["src"].endswith(".webm")
        tracks = {t["srclang"]: t for t in html.video.find_all("track")}
        assert set(tracks) == {"pl", "en"}
        assert tracks["en"].has_attr("default") and not tracks["pl"].has_attr("default")
        assert html.find("a", string="A library's first online meeting")[
            "href"
        ].endswith(PAGE)

    def test_the_caption_language_can_be_chosen(self, client, tutorial):
        html = BeautifulSoup(
            client.get(PAGE + "embed/?captions=pl").content, "html.parser"
        )
        tracks = {t["srclang"]: t for t in html.video.find_all("track")}
        assert tracks["pl"].has_attr("default") and not tracks["en"].has_attr("default")

    def test_an_unknown_caption_language_is_a_clear_400(self, client, tutorial):
        response = client.get(PAGE + "embed/?captions=xx")
        assert response.status_code == 400
        assert "no captions in “xx”" in response.content.decode()
        assert "pl, en" in response.content.decode()

    @pytest.mark.parametrize("how", ["unpublished", "private"])
    def test_a_hidden_tutorial_has_no_embed_page(self, client, tutorial, how):
        hide(tutorial, how)
        assert client.get(PAGE + "embed/").status_code == 404

    def test_an_unpublished_tutorial_page_is_404(self, client, tutorial):
        hide(tutorial, "unpublished")
        assert client.get(PAGE).status_code == 404

    def test_a_private_tutorial_page_shows_nothing_of_it(self, client, tutorial):
        hide(tutorial, "private")
        response = client.get(PAGE)
        assert "<video" not in response.content.decode()
        assert "Jitsi Meet" not in response.content.decode()

    @pytest.mark.parametrize("path", [PAGE, "/en/", "/pl/projekty/podaj-dalej/"])
    def test_every_other_page_refuses_framing(self, client, tutorial, path):
        response = client.get(path)
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors *" not in response.get("Content-Security-Policy", "")


@pytest.mark.django_db
class TestTutorialPage:
    def test_shows_the_player_with_captions_and_the_transcript(self, client, tutorial):
        html = BeautifulSoup(client.get(PAGE).content, "html.parser")
        video = html.find("video")
        assert video["poster"].startswith("/media/images/")
        assert {t["srclang"] for t in video.find_all("track", kind="captions")} == {
            "pl",
            "en",
        }
        transcript = html.find(id="transcript").find_parent("section").get_text()
        assert "Choose a free tool" in transcript or "free tool" in transcript

    def test_offers_the_embed_code_without_javascript(self, client, tutorial):
        html = BeautifulSoup(client.get(PAGE + "?captions=pl").content, "html.parser")
        snippet = BeautifulSoup(
            html.find("textarea", id="embed-snippet").text, "html.parser"
        )
        assert snippet.iframe["src"] == f"{HOST}{PAGE}embed/?captions=pl"
        assert snippet.iframe["title"]
        options = [
            o["value"]
            for o in html.find("select", id="embed-captions").find_all("option")
        ]
        assert options == ["pl", "en"]
        assert html.find("option", selected=True)["value"] == "pl"

    def test_describes_itself_as_a_video_object(self, client, tutorial):
        html = BeautifulSoup(client.get(PAGE).content, "html.parser")
        data = json.loads(html.find("script", type="application/ld+json").string)
        assert data["@type"] == "VideoObject"
        assert data["name"] == "A library's first online meeting"
        assert data["duration"] == "PT28S"
        assert data["embedUrl"] == f"{HOST}{PAGE}embed/"
        assert data["thumbnailUrl"][0].startswith(f"{HOST}/media/images/")
        assert data["uploadDate"]
        assert "Jitsi Meet" in data["transcript"]
        assert ".Send" not in data["transcript"]  # paragraphs stay apart


@pytest.mark.django_db
def test_oembed_names_the_library_that_made_the_tutorial(client, tutorial):
    from libraries.models import LibraryPage

    polish_library = LibraryPage.objects.get(
        slug="bpmig-lazy", locale__language_code="pl"
    )
    tutorial.library = polish_library
    tutorial.save_revision().publish()

    data = oembed(client).json()
    english = polish_library.get_translation(tutorial.locale)
    assert data["author_name"] == english.title
    assert data["author_url"] == f"{HOST}{english.url}"
