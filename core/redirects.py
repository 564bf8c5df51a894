"""Automatic redirects only from URLs readers could see.

Wagtail makes a redirect whenever a page's slug changes or it moves, draft
or not: renaming a draft (or translating a page, which writes the draft's
slug) published a redirect naming the draft's address. Here Wagtail's own
handlers run only for a page that was live before the change and is live
after it; a draft's or an unpublished page's old address makes none.

``wagtail.contrib.redirects`` connects its handlers when it is ready; it is
listed before this app (INSTALLED_APPS), so ``install()`` finds them there
to replace.

A redirect made while a page was public outlives it: once the page is
hidden (unpublished, made private, under an unpublished page), following
its old address would name the hidden one's. ``PublicRedirectMiddleware``
(in place of Wagtail's) follows a redirect to a page only while the public
may see that page, and otherwise leaves the 404 as it was.
"""

from urllib.parse import urlparse

from django import http
from wagtail.contrib.redirects import signal_handlers as wagtail_redirects
from wagtail.contrib.redirects.middleware import RedirectMiddleware, get_redirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.signals import page_slug_changed, post_page_move

from core.visibility import page_is_public


def on_slug_change(instance_before, instance, **kwargs):
    if instance_before.live and instance.live:
        wagtail_redirects.autocreate_redirects_on_slug_change(
            instance_before=instance_before, instance=instance, **kwargs
        )


def on_move(instance, url_path_after, url_path_before, **kwargs):
    if instance.live:
        wagtail_redirects.autocreate_redirects_on_page_move(
            instance=instance,
            url_path_after=url_path_after,
            url_path_before=url_path_before,
            **kwargs,
        )


def install():
    page_slug_changed.disconnect(wagtail_redirects.autocreate_redirects_on_slug_change)
    post_page_move.disconnect(wagtail_redirects.autocreate_redirects_on_page_move)
    page_slug_changed.connect(on_slug_change, dispatch_uid="core.redirects.slug")
    post_page_move.connect(on_move, dispatch_uid="core.redirects.move")


class PublicRedirectMiddleware(RedirectMiddleware):
    """Wagtail's redirects, less those to a page the public may not see."""

    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
        redirect = get_redirect(request, path)
        if redirect is None and urlparse(path).path != path:
            redirect = get_redirect(request, urlparse(path).path)
        if redirect is None or redirect.link is None:
            return response
        if redirect.redirect_page_id and not page_is_public(redirect.redirect_page):
            return response
        if redirect.is_permanent:
            return http.HttpResponsePermanentRedirect(redirect.link)
        return http.HttpResponseRedirect(redirect.link)
