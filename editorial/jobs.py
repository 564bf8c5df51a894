"""Translating a page's subtree off the request.

wagtail-localize translates the page itself in the request, then hands the
rest of the subtree to its job backend, which by default runs it at once, in
the request. Measured (bench/translation.py): about 0.5 s and 360 queries per
page, so a project of 50 pages holds the request about 26 s, close to
gunicorn's 30 s timeout. This backend queues that work as a django-tasks task
on the database instead; a worker (`manage.py db_worker --backend background
--queue-name translations`) carries it out. Any other job runs as before.

Nothing from wagtail_localize is imported at the top: it builds its job backend
while its own models are loading.
"""

import logging

from django.db import transaction
from django_tasks import task

logger = logging.getLogger(__name__)


@task(backend="background", queue_name="translations")
def translate_subtree(page_id, locale_ids, user_id):
    """Translate everything under the page into the locales (one transaction)."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Locale
    from wagtail_localize.operations import translate_page_subtree

    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    locales = list(Locale.objects.filter(pk__in=locale_ids))
    translate_page_subtree(page_id, locales, None, user)
    logger.info("Translated the subtree of page %s into %s", page_id, locale_ids)


class BackgroundJobBackend:
    """A wagtail-localize job backend (WAGTAILLOCALIZE_JOBS) over django-tasks."""

    def __init__(self, options):
        self.options = options

    def enqueue(self, func, args, kwargs):
        from wagtail_localize.operations import translate_page_subtree

        if func is not translate_page_subtree:
            return func(*args, **kwargs)
        page_id, locales, components, user = args
        if components is not None and components.components:
            # Extra components (rare) cannot be passed to a worker as JSON.
            return func(*args, **kwargs)
        locale_ids = [locale.pk for locale in locales]
        user_id = user.pk if user is not None else None
        transaction.on_commit(
            lambda: translate_subtree.enqueue(page_id, locale_ids, user_id)
        )
        return None
