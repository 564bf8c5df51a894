"""Serve uploaded media (MEDIA_ROOT) with HTTP byte ranges, so videos seek.

Django's django.views.static.serve and FileResponse answer without ranges, and
whitenoise handles ranges only for static files, not media. Browsers need
206 Partial Content to seek in a self-hosted video (Safari, to play it at all).

An uploaded file (in a folder where a model stores uploads: images and their
renditions, wagtailmedia's files and thumbnails, caption tracks...) is served
to the public only if ``core.public_files`` says a page the public may see uses
it; otherwise it is a 404, as for a file that does not exist. Users who may
use the admin get every file, since the admin shows drafts and their previews:
such an answer is ``Cache-Control: private``, kept by no shared cache. A file
outside those folders was put there by whoever runs the site, not uploaded
through it, and is served as it is.

Uploaded documents (MEDIA_ROOT/documents/) are not served here: only Wagtail's
document view (/documents/<id>/<name>) serves them, which checks collection
privacy. Every file served here is sandboxed: opened on its own, nothing in it
runs in the site's origin.
"""

import mimetypes
import os
import re

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseNotModified,
    StreamingHttpResponse,
)
from django.utils._os import safe_join
from django.utils.cache import patch_cache_control
from django.utils.http import (
    content_disposition_header,
    http_date,
    parse_http_date_safe,
)
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

from core import public_files

mimetypes.add_type("text/vtt", ".vtt")
mimetypes.add_type("video/webm", ".webm")

# One range only; a list of ranges or anything else is ignored (RFC 9110 14.2).
RANGE_RE = re.compile(r"bytes=(\d{0,18})-(\d{0,18})", re.IGNORECASE)
CHUNK_SIZE = 64 * 1024
# Folders of MEDIA_ROOT served only through a view of their own.
PRIVATE_FOLDERS = ("documents",)
# Images, video, audio and captions load as subresources, which a response's
# own policy does not restrict; a PDF opened inline keeps no sandbox, as
# browsers refuse to run their PDF viewer in one.
MEDIA_POLICY = "default-src 'none'; sandbox"
PDF_POLICY = "default-src 'none'"


def _shown_inline(content_type):
    """Whether the browser may render the file in the site's origin."""
    kind = content_type.split("/")[0]
    if kind in ("video", "audio", "image"):
        return content_type != "image/svg+xml"
    return content_type in ("text/vtt", "application/pdf")


def _requested_range(request, size, mtime):
    """(start, end) inclusive, maybe unsatisfiable; None for the whole file."""
    match = RANGE_RE.fullmatch(request.headers.get("Range", "").strip())
    if not match or match.groups() == ("", ""):
        return None
    if_range = request.headers.get("If-Range")
    if if_range is not None and parse_http_date_safe(if_range) != int(mtime):
        return None
    first, last = match.groups()
    if not first:  # suffix: the last N bytes; "-0" is unsatisfiable
        length = int(last)
        return (max(size - length, 0), size - 1) if length else (size, size)
    end = min(int(last), size - 1) if last else size - 1
    return int(first), end


def _private(path):
    """Whether ``path`` (normalised, relative to MEDIA_ROOT) lies in a private
    folder; in any case, as a file system may ignore it."""
    first = path.replace(os.sep, "/").split("/")[0]
    return first.lower() in PRIVATE_FOLDERS


def sees_every_file(user):
    """Whether the user may use the admin, which shows drafts' files."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def _protect(response, content_type="application/octet-stream"):
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = (
        PDF_POLICY if content_type == "application/pdf" else MEDIA_POLICY
    )
    return response


def _file_slice(path, start, length):
    with open(path, "rb") as f:
        f.seek(start)
        while length > 0:
            chunk = f.read(min(CHUNK_SIZE, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk


@require_safe
def serve_media(request, path):
    try:
        fullpath = safe_join(settings.MEDIA_ROOT, path)
    except SuspiciousFileOperation as e:
        raise Http404("Not found") from e
    name = os.path.relpath(fullpath, os.path.abspath(settings.MEDIA_ROOT))
    if _private(name):
        raise Http404("Not found")
    if not os.path.isfile(fullpath):
        raise Http404("Not found")
    name = name.replace(os.sep, "/")
    hidden = public_files.is_upload(name) and not public_files.is_public(name)
    if hidden and not sees_every_file(request.user):
        raise Http404("Not found")  # not 403: nothing says the file exists
    response = _answer(request, fullpath)
    if hidden:
        patch_cache_control(response, private=True)
    return response


def _answer(request, fullpath):
    stat = os.stat(fullpath)
    if not was_modified_since(request.headers.get("If-Modified-Since"), stat.st_mtime):
        return _protect(HttpResponseNotModified())

    content_type, encoding = mimetypes.guess_type(fullpath)
    if encoding or not content_type:  # never ask the browser to decompress
        content_type = "application/octet-stream"
    size = stat.st_size
    byte_range = _requested_range(request, size, stat.st_mtime)
    start, end = byte_range or (0, size - 1)
    if byte_range and (start >= size or start > end):
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return _protect(response)

    status = 206 if byte_range else 200
    if request.method == "HEAD":
        response = HttpResponse(status=status, content_type=content_type)
    elif byte_range:
        body = _file_slice(fullpath, start, end - start + 1)
        response = StreamingHttpResponse(body, status=206, content_type=content_type)
    else:
        response = FileResponse(open(fullpath, "rb"), content_type=content_type)  # noqa: SIM115 (closed by the response)
    if byte_range:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    response["Last-Modified"] = http_date(stat.st_mtime)
    _protect(response, content_type)
    response["Content-Disposition"] = content_disposition_header(
        not _shown_inline(content_type), os.path.basename(fullpath)
    )
    return response
