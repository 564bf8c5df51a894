"""Security headers and login throttling that settings alone cannot express.

- The Content-Security-Policy of the public site is strict (no inline script or
  style, no nonce, so that whole pages can be cached). Wagtail's admin cannot
  run under it (wagtail/wagtail#1288): there the same policy is only reported
  (Content-Security-Policy-Report-Only), never enforced.
- A preview (the editor's preview panel, wagtail-localize's preview tab) is
  the public page rendered inside an admin view: Wagtail passes a stand-in
  request for the page's own address through every middleware, so the page
  gets the public policy, which refuses all framing, and the admin's panel
  showed "refused to connect". A preview may be framed by its own origin
  (the admin's) and by no other; the rest of the public policy holds in it.
- Documents served by Wagtail get a sandbox besides Wagtail's own
  ``default-src 'none'``, so an HTML or SVG file never runs script in the
  site's origin, even when opened directly.
- The client's address (REMOTE_ADDR; behind TRUSTED_PROXY_COUNT proxies of
  our own, from X-Forwarded-For) for django-axes and the page-password
  throttle (operations/page_passwords.py), and the page a locked-out editor
  sees.
"""

import ipaddress
from urllib.parse import urlsplit

from axes.helpers import get_cool_off, get_failure_limit
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_vary_headers

# What Wagtail's document view sends; PDFs shown inline keep it without the
# sandbox, as browsers refuse to run their PDF viewer in a sandboxed document.
WAGTAIL_DOCUMENT_POLICY = "default-src 'none'"
SANDBOXED_DOCUMENT_POLICY = "default-src 'none'; sandbox"
# Who may frame a preview: the admin, whose origin the preview is served from.
PREVIEW_FRAME_ANCESTORS = {"frame-ancestors": "'self'"}


def report_only_path(request):
    """Whether the request is for the admin, where the policy is only reported."""
    prefixes = tuple(getattr(settings, "CSP_REPORT_ONLY_PATH_PREFIXES", ("/admin/",)))
    return request.path.startswith(prefixes) or request.path_info.startswith(prefixes)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing by path whether the policy is enforced.

    On the admin's paths CONTENT_SECURITY_POLICY is sent as
    Content-Security-Policy-Report-Only and no policy is enforced; elsewhere
    it is enforced (with CONTENT_SECURITY_POLICY_REPORT_ONLY, if set, reported
    as usual). Views adjust the policy as django-csp lets them
    (csp.decorators, or ``response._csp_replace``).
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = self._path_policy_parts(request, response, report_only)
        tiles = map_tile_origin()
        if tiles and parts.config != {}:
            # The map's tiles (libraries/maps.py): that host only, images only.
            update = dict(parts.update or {})
            update["img-src"] = [*update.get("img-src", []), tiles]
            parts.update = update
        previewed = is_preview(request) or getattr(response, "page_preview", False)
        if previewed and parts.config != {}:
            parts.replace = {**(parts.replace or {}), **PREVIEW_FRAME_ANCESTORS}
        return parts

    def _path_policy_parts(self, request, response, report_only):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only_path(request):
            return parts
        if not report_only:
            parts.config = {}  # an empty policy: no enforced header
            return parts
        enforced = super().get_policy_parts(request, response, report_only=False)
        if enforced.config is None:
            directives = getattr(settings, "CONTENT_SECURITY_POLICY", {}) or {}
            enforced.config = default_config(directives.get("DIRECTIVES", {}))
        return enforced

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if is_preview(request):
            # Wagtail's preview views say so too, on their own response; this
            # one is the page's, which the clickjacking middleware would deny.
            response["X-Frame-Options"] = "SAMEORIGIN"
            # The admin's view returns this response: the policy it reports
            # (the admin's) lets the admin frame it too.
            response.page_preview = True
        if _is_served_document(request, response):
            content_type = response.get("Content-Type", "").split(";")[0].strip()
            disposition = response.get("Content-Disposition", "")
            inline_pdf = (
                content_type == "application/pdf"
                and not disposition.startswith("attachment")
            )
            if not inline_pdf:
                response["Content-Security-Policy"] = SANDBOXED_DOCUMENT_POLICY
        return response


def map_tile_origin():
    """The origin of the map's tile server (MAP_TILE_URL), as a CSP source:
    ``https://tile.openstreetmap.org``; a subdomain placeholder (``{s}``)
    becomes a wildcard. None where the setting names no host."""
    parts = urlsplit(getattr(settings, "MAP_TILE_URL", "") or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


def is_preview(request):
    """Whether the request is Wagtail's stand-in for a page being previewed in
    the admin (``PreviewableMixin.make_preview_request`` marks it; nothing a
    client sends can)."""
    return getattr(request, "is_preview", False) is True


def _is_served_document(request, response):
    match = getattr(request, "resolver_match", None)
    return (
        match is not None
        and match.url_name == "wagtaildocs_serve"
        and response.status_code in (200, 206)
        and response.get("Content-Security-Policy") == WAGTAIL_DOCUMENT_POLICY
    )


def client_ip_address(request):
    """The client's address, for django-axes and the page-password throttle.

    By default (TRUSTED_PROXY_COUNT = 0) it is REMOTE_ADDR, the address of
    whoever opened the connection; X-Forwarded-For is ignored, as anyone may
    send it. Behind N proxies of our own, each appends the address it received
    the request from, so the client is the N-th entry from the right (the
    right-most one no proxy of ours vouches for); entries further left were
    written by the client and may be forged. An entry that is not an address
    means the proxies are not as configured: REMOTE_ADDR is counted then,
    which pools such clients rather than letting any of them choose. None
    when there is no address at all (a Unix socket with no proxy count).

    Not django-ipware (which django-axes would use if installed): its
    ``proxy_count`` counts the proxies named in the header rather than those
    in front of the app, and where the header does not fit it falls back to
    the next one it knows or prefers a public address to a private one; both
    are choices a client can steer.
    """
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if not forwarded:
        return remote
    # Fewer entries than proxies: the outermost proxy was bypassed; its
    # first entry is still one a proxy of ours wrote.
    entry = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
    return _address(entry) or remote


def _address(value):
    """``value`` as a normalised IP address (a port dropped), or None."""
    value = value.strip()
    candidates = [value]
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        candidates.append(value[1 : value.index("]")])
    elif value.count(":") == 1:  # 192.0.2.1:443
        candidates.append(value.split(":")[0])
    for candidate in candidates:
        try:
            address = ipaddress.ip_address(candidate)
        except ValueError:
            continue
        mapped = getattr(address, "ipv4_mapped", None)
        return str(mapped or address)
    return None


def lockout_response(request, original_response=None, credentials=None):
    """A translated page (429) saying when the editor may try again."""
    wait = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": max(1, round(wait.total_seconds() / 60)) if wait else None,
        "retry_at": timezone.localtime(timezone.now() + wait) if wait else None,
    }
    response = TemplateResponse(
        request,
        "operations/lockout.html",
        context,
        status=getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429),
    )
    if wait:
        response["Retry-After"] = str(int(wait.total_seconds()))
    add_never_cache_headers(response)
    patch_vary_headers(response, ["Cookie"])
    return response.render()
