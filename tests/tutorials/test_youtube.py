"""External videos: YouTube's player in its privacy-enhanced form, tested
against a local stand-in for YouTube's oEmbed endpoint."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings

from tutorials.embeds import PrivacyEnhancedYouTubeFinder

VIDEO = "https://www.youtube.com/watch?v=abcdefghijk"


@pytest.fixture
def youtube_stand_in():
    """Answers as https://www.youtube.com/oembed does; remembers what it was asked."""
    asked = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the http.server interface)
            query = parse_qs(urlsplit(self.path).query)
            asked.append(query)
            body = json.dumps(
                {
                    "type": "video",
                    "version": "1.0",
                    "title": "Webinarium w bibliotece",
                    "provider_name": "YouTube",
                    "width": 200,
                    "height": 113,
                    "thumbnail_url": "https://i.ytimg.com/vi/abcdefghijk/hqdefault.jpg",
                    "html": (
                        '<iframe width="200" height="113" '
                        'src="https://www.youtube.com/embed/abcdefghijk?feature=oembed"'
                        " "
                        'frameborder="0" allowfullscreen title="Webinarium"></iframe>'
                    ),
                }
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/oembed", asked
    server.shutdown()


def test_youtube_plays_from_the_privacy_enhanced_domain(youtube_stand_in):
    endpoint, asked = youtube_stand_in
    provider = {
        "endpoint": endpoint,
        "urls": [r"^https?://(?:www\.)?youtube\.com/watch.+$"],
    }
    finder = PrivacyEnhancedYouTubeFinder(providers=[provider])

    embed = finder.find_embed(VIDEO, max_width=640)

    assert asked[0]["url"] == [VIDEO] and asked[0]["maxwidth"] == ["640"]
    assert (
        'src="https://www.youtube-nocookie.com/embed/abcdefghijk?feature=oembed"'
        in embed["html"]
    )
    assert "www.youtube.com/embed" not in embed["html"]
    assert embed["title"] == "Webinarium w bibliotece"


def test_the_site_uses_it_for_youtube_before_other_providers():
    finders = settings.WAGTAILEMBEDS_FINDERS
    assert finders[0]["class"] == "tutorials.embeds.PrivacyEnhancedYouTubeFinder"
    assert PrivacyEnhancedYouTubeFinder().accept(VIDEO)
    assert not PrivacyEnhancedYouTubeFinder().accept("https://vimeo.com/123")
