"""The map of libraries in a real browser: Leaflet, served by the site,
draws a marker per library under the site's policy, and a marker leads to
the library's page and to its practices. Tiles come from a stand-in tile
server on this machine (MAP_TILE_URL): the test needs no network."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.browser.test_content_security_policy import watch_violations

pytestmark = pytest.mark.browser

LAZY = "Biblioteka Publiczna Miasta i Gminy w Łazach"
# A 1×1 transparent PNG: every tile.
TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def tile_server(settings):
    """A tile server of our own, answering every tile; MAP_TILE_URL points
    at it (and so the policy's img-src, operations/security.py)."""
    requests = []

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(TILE)))
            self.end_headers()
            self.wfile.write(TILE)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    settings.MAP_TILE_URL = f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png"
    yield requests
    server.shutdown()
    server.server_close()


def open_popup(page, name):
    """Open a marker's popup by a click on it (dispatched to the marker:
    markers overlap at the scale of a country, so a pointer at its place
    could hit a neighbour)."""
    page.locator(f'.leaflet-marker-icon[title="{name}"]').dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    return popup


def test_the_markers_show_and_lead_to_the_library_and_its_practices(
    browser, live_site, tile_server
):
    context = browser.new_context()
    page = context.new_page()
    logged = watch_violations(page)
    elsewhere = []
    page.on(
        "request",
        lambda request: (
            elsewhere.append(request.url)
            if not request.url.startswith((live_site.url, "http://127.0.0.1:"))
            and not request.url.startswith("data:")
            else None
        ),
    )

    # The directory: a marker per library, drawn over the stand-in tiles.
    page.goto(f"{live_site.url}/pl/biblioteki/")
    page.locator("#library-map:not([hidden])").wait_for()
    markers = page.locator(".leaflet-marker-icon")
    markers.first.wait_for()
    assert markers.count() == 14
    assert (
        page.locator(".leaflet-control-attribution").inner_text().count("OpenStreetMap")
    )
    popup = open_popup(page, LAZY)
    popup.get_by_role("link", name=LAZY).click()
    page.wait_for_url("**/pl/biblioteki/bpmig-lazy/")
    assert page.locator("h1").inner_text() == LAZY

    # The practice list: the marker leads to the list narrowed to the library.
    page.goto(f"{live_site.url}/pl/dobre-praktyki/")
    page.locator(".leaflet-marker-icon").first.wait_for()
    assert page.locator(".leaflet-marker-icon").count() == 4
    popup = open_popup(page, LAZY)
    popup.get_by_role("link", name="1 dobra praktyka").click()
    page.wait_for_url("**/pl/dobre-praktyki/?library=bpmig-lazy")
    assert page.locator(".card").count() == 1

    assert tile_server, "no tile was asked of the configured tile server"
    assert elsewhere == []  # no other server: Leaflet is the site's own
    assert page.evaluate("window.__violations || []") == []
    assert logged == []
    assert context.cookies() == []
    context.close()


def test_without_javascript_the_list_stays(browser, live_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_site.url}/pl/biblioteki/")
    assert not page.locator("#library-map").is_visible()
    link = page.get_by_role("link", name=LAZY, exact=True)
    link.click()
    page.wait_for_url("**/pl/biblioteki/bpmig-lazy/")
    context.close()
