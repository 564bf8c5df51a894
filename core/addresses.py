"""Absolute addresses on the host the reader came to.

Wagtail's ``get_full_url`` writes a page's address with its site's
configured host and port (``http://localhost/`` in the demo, whatever
``make demo`` serves on). Canonical and alternate links, the sitemap and
the embed page's links use the request's own scheme, host and port instead,
so they work wherever the site is served (the host is one Django's
``ALLOWED_HOSTS`` accepted).
"""


def full_url(page, request=None):
    """The page's absolute address, on the request's host where there is one."""
    if request is None:
        return page.get_full_url()
    url = page.get_url(request)
    return request.build_absolute_uri(url) if url else None
