"""Automatic redirects only from URLs readers could see.

Wagtail makes a redirect whenever a page's slug changes or it moves, draft
or not: renaming a draft (or translating a page, which writes the draft's
slug) published a redirect naming the draft's address. Here Wagtail's own
handlers run only for a page that was live before the change and is live
after it; a draft's or an unpublished page's old address makes none.

``wagtail.contrib.redirects`` connects its handlers when it is ready; it is
listed before this app (INSTALLED_APPS), so ``install()`` finds them there
to replace.
"""

from wagtail.contrib.redirects import signal_handlers as wagtail_redirects
from wagtail.signals import page_slug_changed, post_page_move


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
