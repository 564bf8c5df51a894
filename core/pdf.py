"""HTML made into a PDF by WeasyPrint, reading nothing but public uploads.

WeasyPrint loads what a document names (images, style sheets) through a URL
fetcher. Its own fetches over HTTP and from ``file:``; ours never does. It
reads an uploaded file from the storage itself (the file system or the
bucket, as Django's default storage says), and only a file the public may
load (``core.public_files``). A request to the site from inside a request
would hold a worker for the length of another and pass through the cache; a
request to another host is one the server should not make on a reader's
behalf; a ``file:`` address could name any file of the server. So anything
but a public upload is refused, and the document is rendered without it.

Uploads are named two ways: ``upload:<name>``, the name in the storage
(what our templates write, whatever the storage's own addresses look like:
a bucket signs its URLs), or the site's own ``MEDIA_URL`` address of a file
on the local file system (what rich text's images carry).
"""

import logging
import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from PIL import ImageFile

# WeasyPrint, as it is imported, tells Pillow to accept truncated images, for
# the whole process: a worker that had made one booklet then took a damaged
# JPEG upload as sound (operations.uploads refuses it). Pillow's setting is
# put back as it was.
_truncated = ImageFile.LOAD_TRUNCATED_IMAGES
from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

ImageFile.LOAD_TRUNCATED_IMAGES = _truncated

from core import public_files  # noqa: E402

logger = logging.getLogger(__name__)

UPLOAD_SCHEME = "upload:"


def upload_url(name):
    """The address our PDF templates give an uploaded file (``name`` in the
    storage): read by ``UploadFetcher``."""
    return f"{UPLOAD_SCHEME}{name}"


class Refused(ValueError):
    """An address the PDF may not load: WeasyPrint leaves its image out."""


class UploadFetcher(URLFetcher):
    """Fetches public uploads from the storage; refuses everything else."""

    def __init__(self, base_url):
        super().__init__()
        self.origin = urlsplit(base_url)[:2]

    def upload_name(self, url):
        """The storage's name for ``url``, or None for anything else."""
        if url.startswith(UPLOAD_SCHEME):
            return unquote(url[len(UPLOAD_SCHEME) :])
        parts = urlsplit(url)
        media = settings.MEDIA_URL
        if (
            parts[:2] == self.origin
            and media.startswith("/")
            and parts.path.startswith(media)
        ):
            return unquote(parts.path[len(media) :])
        return None

    def fetch(self, url, headers=None):
        name = self.upload_name(url)
        if (
            not name
            or name.startswith("/")
            or ".." in name.split("/")
            or not public_files.is_public(name)
        ):
            logger.info("The PDF refused to load %s.", url[:200])
            raise Refused(url)
        with default_storage.open(name, "rb") as upload:
            body = upload.read()
        mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": mime_type})


def render_pdf(html, base_url, stylesheet=""):
    """The PDF of ``html`` (a string), its links made against ``base_url``
    (the site's address, as readers reach it), styled by ``stylesheet``."""
    fetcher = UploadFetcher(base_url)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    stylesheets = [CSS(string=stylesheet, url_fetcher=fetcher)] if stylesheet else []
    # Tagged: a screen reader reads its headings, lists and reading order
    # (4 KB more for the demo's booklet, no measurable time).
    return document.write_pdf(stylesheets=stylesheets, pdf_tags=True)
