"""A member library's own page, on another origin, shows the embedded tutorial."""

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def member_site(tmp_path):
    """A static web server on another localhost port: the member library's site."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_the_copied_snippet_plays_with_captions_on_another_site(
    browser, live_site, member_site
):
    folder, member_url = member_site
    page = browser.new_page()

    # The webmaster chooses English captions and copies the code.
    page.goto(f"{live_site.url}/pl/filmy/spotkanie-online/")
    page.select_option("#embed-captions", "en")
    page.get_by_role("button", name="Zaktualizuj kod").click()
    page.wait_for_url("**?captions=en#embed")
    snippet = page.locator("#embed-snippet").input_value()
    assert snippet.startswith("<iframe ")

    (folder / "index.html").write_text(
        "<!DOCTYPE html><html lang='pl'><head><meta charset='utf-8'>"
        "<title>Biblioteka w Łazach</title></head><body><h1>Nasze filmy</h1>"
        f"{snippet}</body></html>",
        encoding="utf-8",
    )
    page.goto(f"{member_url}/index.html")
    frame = page.frame_locator("iframe")
    video = frame.locator("video")
    video.wait_for()
    assert video.locator("track").count() == 2
    handle = page.frames[1]
    assert handle.url.startswith(live_site.url) and "/embed/" in handle.url

    # The video loads (with byte ranges), the English track is the default
    # and its cues are read.
    handle.wait_for_function(
        "document.querySelector('video').readyState >= 1", timeout=15000
    )
    handle.wait_for_function(
        """() => {
            const tracks = [...document.querySelector('video').textTracks];
            const english = tracks.find((t) => t.language === 'en');
            return english && english.mode === 'showing'
                && english.cues && english.cues.length > 0;
        }""",
        timeout=15000,
    )
    duration = handle.evaluate("document.querySelector('video').duration")
    assert 27 < duration < 29
    page.close()


def test_the_copy_button_appears_with_javascript(browser, live_site):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{live_site.url}/en/tutorials/spotkanie-online/")
    button = page.get_by_role("button", name="Copy the code")
    button.click()
    assert (
        page.evaluate("navigator.clipboard.readText()")
        == page.locator("#embed-snippet").input_value()
    )
    context.close()
