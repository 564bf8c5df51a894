"""The one rule for what the public may see, for a single object.

A page is public when it is live and lies in no hidden section: no view
restriction on it or its ancestors, none on the original of which its
section is a translation (unless ``TRANSLATIONS_SHARE_PRIVACY`` is off), and
no page above it that is not live (``core.request_memo.hidden_sections``).
``Page.objects.live().public()`` gives the same answer for a queryset
(``core.wagtail_shortcuts.private_q``); this module answers it for an
object already read, such as the target of a foreign key, without a query
of its own during a request.
"""

from wagtail.models import Page


def page_is_public(page):
    """Whether the public may see this page."""
    from core.request_memo import is_private

    return bool(page.live) and not is_private(page)


def document_is_public(document):
    """Whether a document may be named and linked on a public page: no view
    restriction on its collection (Wagtail's document view asks the same
    before it serves the file)."""
    from core.request_memo import collection_is_private

    return document is not None and not collection_is_private(document.collection_id)


def is_public(obj):
    """Whether the public may see ``obj``: the rule for pages; anything else
    that is not a page is left to its own door (images and documents follow
    the pages that use them)."""
    if isinstance(obj, Page):
        return page_is_public(obj)
    return True
