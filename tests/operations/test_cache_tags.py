"""A change drops only the cached pages that showed it (core/cache_tags.py,
operations/page_cache.py), on Redis: the pages showing it are fresh on the
next request, an unrelated cached page is still a hit, and a hidden page
never stays in a cached list.

The page cache here is ``RedisPageCache`` at REDIS_URL (default
redis://127.0.0.1:6379/9), under a key prefix of the test's own.
"""

import http.server
import json
import os
import re
import threading
import uuid

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtail.models import Page

from core.models import Topic
from libraries.models import LibraryPage
from practices.models import PracticeIndexPage, PracticePage
from projects.models import ProjectPage
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/9"


@pytest.fixture(autouse=True)
def tagged_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "operations.page_cache.RedisPageCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"tags-test-{uuid.uuid4().hex[:8]}",
            "TIMEOUT": 600,
            "OPTIONS": {"IGNORE_EXCEPTIONS": False},
        },
    }
    settings.WAGTAIL_CACHE = True
    settings.PAGE_CACHE_CDN_SECONDS = 300
    pages = caches["pages"]
    try:
        pages.get("probe")
    except Exception:  # noqa: BLE001
        if os.environ.get("CI"):
            raise
        pytest.skip(f"needs Redis at {REDIS_URL}")
    yield pages
    pages.delete_pattern("*")


def status(response):
    return response.get("X-Wagtail-Cache")


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert status(client.get(url)) == "hit", url


def english(model, **filters):
    return model.objects.filter(locale__language_code="en", **filters)


@pytest.fixture
def practice():
    """An English practice shown in the English list, naming a library."""
    return (
        english(PracticePage, live=True)
        .filter(library__isnull=False)
        .order_by("path")
        .first()
    )


@pytest.fixture
def practice_list():
    return english(PracticeIndexPage).get().url


# Pages no practice, library or term is shown on.
UNRELATED = ["/en/tutorials/", "/en/accessibility-statement/"]


def publish(page, capture, **changes):
    page = page.specific
    for name, value in changes.items():
        setattr(page, name, value)
    with capture(execute=True):
        page.save_revision().publish()
    return page


def test_a_practice_published_drops_its_page_and_lists_not_others(
    client, practice, practice_list, django_capture_on_commit_callbacks
):
    warm(client, practice.url, practice_list, *UNRELATED)

    publish(practice, django_capture_on_commit_callbacks, title="Tagged new title")

    page = client.get(practice.url)
    assert status(page) == "miss"
    assert "Tagged new title" in page.content.decode()
    listing = client.get(practice_list)
    assert status(listing) == "miss"
    assert "Tagged new title" in listing.content.decode()
    for url in UNRELATED:
        assert status(client.get(url)) == "hit", url


def test_a_new_practice_appears_in_the_list_that_never_read_it(
    client, practice_list, django_capture_on_commit_callbacks
):
    index = english(PracticeIndexPage).get()
    warm(client, practice_list, "/en/", *UNRELATED)
    with django_capture_on_commit_callbacks(execute=True):
        new = PracticePageFactory(parent=index, title="A practice never read")
        new.save_revision().publish()

    assert "A practice never read" in client.get(practice_list).content.decode()
    for url in UNRELATED:
        assert status(client.get(url)) == "hit", url


def test_an_unpublished_practice_leaves_every_cached_list(
    client, practice, practice_list, django_capture_on_commit_callbacks
):
    # In the practice's language: the early cache lookup keys a page by the
    # language active before the request's own is (Django's cache key).
    library = LibraryPage.objects.get(
        translation_key=practice.library.translation_key, locale=practice.locale
    ).url
    warm(client, practice.url, practice_list, library, *UNRELATED)
    assert practice.title in client.get(practice_list).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        practice.unpublish()

    assert client.get(practice.url).status_code == 404
    assert practice.title not in client.get(practice_list).content.decode()
    assert practice.title not in client.get(library).content.decode()
    for url in UNRELATED:
        assert status(client.get(url)) == "hit", url


def test_a_practice_moved_under_an_unpublished_section_leaves_the_lists(
    client, practice, practice_list, django_capture_on_commit_callbacks
):
    section = english(ProjectPage, live=True).exclude(
        path=practice.path[: -Page.steplen]
    )[0]
    with django_capture_on_commit_callbacks(execute=True):
        section.unpublish()
    old_url = practice.url
    warm(client, old_url, practice_list, *UNRELATED)
    assert practice.title in client.get(practice_list).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        practice.move(section, pos="last-child")

    moved = Page.objects.get(pk=practice.pk)
    assert client.get(moved.url).status_code == 404
    assert client.get(old_url).status_code == 404  # no redirect to a hidden page
    assert practice.title not in client.get(practice_list).content.decode()
    for url in UNRELATED:
        assert status(client.get(url)) == "hit", url


def test_a_section_unpublished_takes_the_practices_under_it_out_of_the_list(
    client, practice_list, django_capture_on_commit_callbacks
):
    """The list never read the project: the practices below it go by the
    drop of what lies below the page that changed."""
    projects = english(ProjectPage, live=True).values_list("path", flat=True)
    under = next(
        p
        for p in english(PracticePage, live=True)
        if p.path[: -Page.steplen] in set(projects)
    )
    project = under.get_parent()
    warm(client, practice_list, under.url)
    assert under.title in client.get(practice_list).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        project.specific.unpublish()

    assert under.title not in client.get(practice_list).content.decode()
    assert client.get(under.url).status_code == 404


def test_a_deleted_practice_leaves_the_cache(
    client, practice, practice_list, django_capture_on_commit_callbacks
):
    url, title = practice.url, practice.title
    warm(client, url, practice_list, *UNRELATED)

    with django_capture_on_commit_callbacks(execute=True):
        practice.delete()

    assert client.get(url).status_code == 404
    assert title not in client.get(practice_list).content.decode()
    for url in UNRELATED:
        assert status(client.get(url)) == "hit", url


def test_a_library_renamed_is_fresh_where_it_is_named(
    client, practice, practice_list, django_capture_on_commit_callbacks
):
    library = LibraryPage.objects.get(
        translation_key=practice.library.translation_key, locale=practice.locale
    )
    # Every list with a library facet reads all the language's libraries.
    unrelated = ["/en/accessibility-statement/", "/en/contact/"]
    warm(client, library.url, practice.url, practice_list, *unrelated)

    publish(library, django_capture_on_commit_callbacks, title="Renamed Library")

    for url in (library.url, practice.url, practice_list):
        page = client.get(url)
        assert status(page) == "miss", url
        assert "Renamed Library" in page.content.decode(), url
    for url in unrelated:
        assert status(client.get(url)) == "hit", url


def test_a_term_renamed_is_fresh_where_it_is_shown(
    client, django_capture_on_commit_callbacks
):
    practice = english(PracticePage, live=True).filter(topics__isnull=False).first()
    topic = practice.topics.filter(locale__language_code="en").first() or (
        Topic.objects.get(
            translation_key=practice.topics.first().translation_key,
            locale__language_code="en",
        )
    )
    # The lists show every term in their facets: pages without terms.
    unrelated = ["/en/accessibility-statement/", "/en/libraries/"]
    warm(client, practice.url, *unrelated)

    topic.name = "A renamed topic"
    with django_capture_on_commit_callbacks(execute=True):
        topic.save()

    page = client.get(practice.url)
    assert status(page) == "miss"
    assert "A renamed topic" in page.content.decode()
    for url in unrelated:
        assert status(client.get(url)) == "hit", url


def test_an_image_replaced_is_fresh_where_it_is_shown(
    client, practice, django_capture_on_commit_callbacks
):
    from PIL import Image as PILImage

    image = practice.image or get_image_model().objects.first()
    if practice.image is None:
        publish(practice, django_capture_on_commit_callbacks, image=image)
    warm(client, practice.url, *UNRELATED)

    from io import BytesIO

    picture = BytesIO()
    PILImage.new("RGB", (640, 480), "red").save(picture, "PNG")
    image.file = SimpleUploadedFile("replaced.png", picture.getvalue())
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
        image.renditions.all().delete()

    # Rendered again (the rendition's name may stay: Wagtail names it after
    # the image, not the file).
    assert status(client.get(practice.url)) == "miss"
    for url in UNRELATED:
        assert status(client.get(url)) == "hit", url


def test_a_translation_published_refreshes_the_other_versions_switcher(
    client, practice, django_capture_on_commit_callbacks
):
    version = (
        PracticePage.objects.filter(translation_key=practice.translation_key)
        .exclude(pk=practice.pk)
        .filter(live=True)
        .first()
    )
    if version is None:
        pytest.skip("the demo has no other version of this practice")
    warm(client, practice.url, *UNRELATED)
    assert version.url in client.get(practice.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        version.unpublish()

    page = client.get(practice.url)
    assert status(page) == "miss"
    assert version.url not in page.content.decode()
    for url in UNRELATED:
        assert status(client.get(url)) == "hit", url


def test_a_cached_not_found_goes_when_a_page_is_published_there(
    client, django_capture_on_commit_callbacks
):
    index = english(PracticeIndexPage).get()
    url = f"{index.url}not-yet-here/"
    client.get(url)
    missing = client.get(url)
    assert missing.status_code == 404
    assert status(missing) == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        new = PracticePageFactory(parent=index, title="Here now", slug="not-yet-here")
        new.save_revision().publish()

    assert client.get(url).status_code == 200


def test_cached_pages_carry_their_tags_for_a_cdn(client, practice):
    first = client.get(practice.url)
    again = client.get(practice.url)
    assert status(again) == "hit"
    tags = first["Cache-Tag"].split(",")
    assert f"page-{practice.translation_key.hex[:12]}" in tags
    assert again["Cache-Tag"] == first["Cache-Tag"]
    assert again["Surrogate-Key"].split(" ") == tags
    assert not any(tag.startswith("url-") for tag in tags)


def test_a_render_begun_before_a_drop_is_not_stored(tagged_cache):
    """A render that read the database before a change must not store what
    it read once the change has dropped its tags."""
    from django.http import HttpResponse

    from operations.page_cache import _storing_tags

    started = tagged_cache.now()
    tagged_cache.drop_tags({"page-abc"})
    token = _storing_tags.set(({"page-abc", "page-def"}, started))
    try:
        tagged_cache.set("late", HttpResponse("old"))
        fresh = tagged_cache.now()
        _storing_tags.set(({"page-abc"}, fresh))
        tagged_cache.set("fresh", HttpResponse("new"))
    finally:
        _storing_tags.reset(token)
    assert tagged_cache.get("late") is None
    assert tagged_cache.get("fresh") is not None
    tagged_cache.drop_tags({"page-abc"})
    assert tagged_cache.get("fresh") is None


class _CdnApi(http.server.BaseHTTPRequestHandler):
    """A stand-in for Cloudflare's and Fastly's purge APIs."""

    received = []

    def do_POST(self):  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.received.append(
            (self.path, dict(self.headers), json.loads(body) if body else None)
        )
        answer = json.dumps({"success": True, "errors": []}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn_api():
    received = []
    handler = type("CdnApi", (_CdnApi,), {"received": received})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.received = received
    server.url = f"http://127.0.0.1:{server.server_port}"
    yield server
    server.shutdown()
    server.server_close()


def test_cloudflare_and_fastly_are_purged_by_the_change_s_tags(
    settings, client, practice, cdn_api, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "operations.cdn.CloudflareBackend",
            "ZONEID": "zone1",
            "BEARER_TOKEN": "token",
            "API_URL": cdn_api.url,
        },
        "fastly": {
            "BACKEND": "operations.cdn.FastlyBackend",
            "SERVICE_ID": "service1",
            "API_TOKEN": "key",
            "API_URL": cdn_api.url,
        },
    }
    shown = set(client.get(practice.url)["Cache-Tag"].split(","))
    publish(practice, django_capture_on_commit_callbacks, title="Purged by its tags")

    cloudflare = [
        body["tags"]
        for path, _headers, body in cdn_api.received
        if path == "/zones/zone1/purge_cache" and body and "tags" in body
    ]
    fastly = [
        headers["Surrogate-Key"].split(" ")
        for path, headers, _body in cdn_api.received
        if path == "/service/service1/purge"
    ]
    purged_cf = {tag for chunk in cloudflare for tag in chunk}
    purged_fastly = {tag for chunk in fastly for tag in chunk}
    page = f"page-{practice.translation_key.hex[:12]}"
    assert page in purged_cf & purged_fastly & shown
    assert "list-practices.practicepage" in purged_cf
    assert all(len(chunk) <= 30 for chunk in cloudflare)
    assert purged_cf == purged_fastly


def test_a_new_practice_appears_on_its_library_s_cached_page(
    client, practice, django_capture_on_commit_callbacks
):
    """The library's page lists practices that are not below it: a new one
    naming the library drops its ``rel-`` tag (core.cache_tags.related_listing)."""
    library = LibraryPage.objects.get(
        translation_key=practice.library.translation_key, locale=practice.locale
    )
    index = english(PracticeIndexPage).get()
    warm(client, library.url, *UNRELATED)
    with django_capture_on_commit_callbacks(execute=True):
        new = PracticePageFactory(
            parent=index, title="A practice of this library", library=library
        )
        new.save_revision().publish()

    assert "A practice of this library" in client.get(library.url).content.decode()
    for url in UNRELATED:
        assert status(client.get(url)) == "hit", url


def test_a_page_rendered_from_answers_kept_across_requests_keeps_their_tags(
    client, django_capture_on_commit_callbacks
):
    """The taxonomies are read by the first page and kept for the next
    (core.request_memo); the next still carries their tags, so a term
    renamed drops it too."""
    practice = english(PracticePage, live=True).filter(topics__isnull=False).first()
    topic = Topic.objects.get(
        translation_key=practice.topics.first().translation_key,
        locale__language_code="en",
    )
    client.get("/en/")  # reads the taxonomies first
    page = client.get(practice.url)
    assert status(page) == "miss"
    assert "list-core.topic" in page["Cache-Tag"].split(",")
    assert status(client.get(practice.url)) == "hit"

    topic.name = "Renamed after it was kept"
    with django_capture_on_commit_callbacks(execute=True):
        topic.save()

    page = client.get(practice.url)
    assert status(page) == "miss"
    assert "Renamed after it was kept" in page.content.decode()


def library_pages_named_and_not(practice):
    """The English pages of the libraries the practice names, and of one it
    does not name."""
    named = practice.specific.cache_relations()
    pages = english(LibraryPage, live=True).order_by("path")
    return (
        [page for page in pages if page.translation_key in named],
        next(page for page in pages if page.translation_key not in named),
    )


def test_a_practice_published_leaves_the_other_libraries_pages_cached(
    client, practice, django_capture_on_commit_callbacks
):
    """Every library page lists practices, but only those naming this one
    show it: the others stay hits."""
    named, other = library_pages_named_and_not(practice)
    warm(client, other.url, *(page.url for page in named))

    publish(practice, django_capture_on_commit_callbacks, title="Named by libraries")

    for page in named:
        shown = client.get(page.url)
        assert status(shown) == "miss", page.url
        assert "Named by libraries" in shown.content.decode()
    assert status(client.get(other.url)) == "hit"


def test_a_practice_that_names_another_library_appears_on_its_cached_page(
    client, practice, django_capture_on_commit_callbacks
):
    _named, other = library_pages_named_and_not(practice)
    warm(client, other.url)

    publish(
        practice,
        django_capture_on_commit_callbacks,
        title="Now of another library",
        library=other,
    )

    assert "Now of another library" in client.get(other.url).content.decode()


def corrected(page, capture, text):
    """``page`` published again with a paragraph added to its body: a
    correction to its text alone."""
    page = page.specific
    page.body.append(("paragraph", f"<p>{text}</p>"))
    with capture(execute=True):
        page.save_revision().publish()
    return page


def test_a_correction_to_a_practice_s_text_leaves_its_cards_cached(
    client, practice, practice_list, django_capture_on_commit_callbacks
):
    """The lists and library pages show the practice's card (title,
    summary, image), which a correction to its body does not change: they
    stay hits. The practice itself, a search (its excerpts; what matches)
    and the list's feed (its items' update times) are fresh."""
    capture = django_capture_on_commit_callbacks
    (library, *_others), _other = library_pages_named_and_not(practice)
    search = "/en/search/?q=meetings"
    feed = practice_list + "feed/atom/"
    warm(client, practice.url, practice_list, library.url, search, feed, *UNRELATED)

    # The demo's first revision was saved before the page was first
    # published, and so holds no first_published_at: no matter.
    corrected(practice, capture, "Qwertyuiop corrected")

    shown = client.get(practice.url)
    assert status(shown) == "miss"
    assert "Qwertyuiop corrected" in shown.content.decode()
    found = client.get(search)
    assert status(found) == "miss"
    assert practice.title in found.content.decode()
    assert status(client.get(feed)) == "miss"
    for url in (practice_list, library.url, *UNRELATED):
        assert status(client.get(url)) == "hit", url


def test_a_new_title_is_no_correction_to_the_text(
    client, practice, practice_list, django_capture_on_commit_callbacks
):
    warm(client, practice_list)
    page = practice.specific
    page.title = "Retitled with its text"
    page.body.append(("paragraph", "<p>And corrected</p>"))
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    listing = client.get(practice_list)
    assert status(listing) == "miss"
    assert "Retitled with its text" in listing.content.decode()


def test_every_cached_page_that_showed_the_old_text_is_dropped(
    client, practice, django_capture_on_commit_callbacks
):
    """Whatever shows a practice's body is fresh after a correction to it:
    every address of the English and Polish sites in the sitemap, each
    list's feeds, and a search, kept in the cache first; those that showed
    the old text are asked again and must not show it."""
    capture = django_capture_on_commit_callbacks
    corrected(practice, capture, "Zxcvbnmasdf old wording")
    sitemap = client.get("/sitemap.xml").content.decode()
    urls = [
        url.split("testserver", 1)[-1]
        for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    ]
    urls = [url for url in urls if url.startswith(("/en/", "/pl/"))]
    lists = [english(PracticeIndexPage).get().url]
    urls += [lst + feed for lst in lists for feed in ("feed/rss/", "feed/atom/")]
    urls += ["/en/search/?q=zxcvbnmasdf", "/pl/search/?q=zxcvbnmasdf"]
    showed = []
    for url in urls:
        first = client.get(url)
        kept = first.status_code == 200 and status(client.get(url)) == "hit"
        # Case matters: the search page repeats the query, in lower case.
        if kept and "Zxcvbnmasdf" in first.content.decode():
            showed.append(url)
    assert practice.url in showed and "/en/search/?q=zxcvbnmasdf" in showed

    page = practice.specific
    page.body = [
        (block.block_type, block.value)
        for block in page.body
        if "Zxcvbnmasdf" not in str(block.value)
    ]
    with capture(execute=True):
        page.save_revision().publish()

    stale = [
        url
        for url in urls
        if status(shown := client.get(url)) == "hit"
        and "Zxcvbnmasdf" in shown.content.decode()
    ]
    assert stale == []
    still = [url for url in urls if url not in showed]
    assert still, "every page showed the text: the test would prove nothing"
    assert status(client.get(english(PracticeIndexPage).get().url)) == "hit"


def test_a_correction_that_moves_the_page_in_its_lists_is_no_correction(
    client, practice, practice_list, django_capture_on_commit_callbacks
):
    """The lists are sorted by first publication: a page given another
    date (by an import, say) moves in them, whatever else changed."""
    warm(client, practice_list)
    page = practice.specific
    page.first_published_at = page.first_published_at.replace(year=2001)
    page.body.append(("paragraph", "<p>Dated again</p>"))
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert status(client.get(practice_list)) == "miss"
