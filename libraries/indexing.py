"""A library's name in the search index of the pages that name it (a good
practice, a testimonial), only while the public may see the library.

Wagtail indexes a page's related fields as they are when the page is saved,
whatever the related page's state: a practice of a draft or private library
was found by that library's name, and the suggestions of a misspelt search
(search/spelling.py) spelt it out. ``NamesItsLibrary`` indexes the name only
while the library is public, and ``follow_library`` indexes a model's pages
again when a library they name is published, unpublished, or made private or
public (a view restriction on it or above it added or removed).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.search.backends import get_search_backends
from wagtail.signals import page_published, page_unpublished

from core.request_memo import remembering
from core.visibility import page_is_public


class NamesItsLibrary:
    """A page with a ``library`` field whose name it is found by."""

    def indexed_library_name(self):
        library = self.library
        if library is None or not page_is_public(library):
            return ""
        return library.title


def follow_library(model):
    """Index ``model``'s pages again when a library they name changes state."""
    from libraries.models import LibraryPage

    def index_again(pages):
        # In bulk, one backend call for all the pages: one by one, hiding the
        # directory's section indexed each of its libraries' practices
        # alone (2.5 s on PostgreSQL for the demo's).
        # ... and whether each library is public read once for them all (the
        # private sections, 24 ms a time outside a request's memo).
        pages = list(pages.select_related("library"))
        if not pages:
            return
        with remembering():
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, pages)

    def published_or_not(sender, instance, **kwargs):
        index_again(model.objects.filter(library=instance))

    def restriction_changed(sender, instance, **kwargs):
        section = instance.page.path if instance.page_id else None
        if section:
            index_again(model.objects.filter(library__path__startswith=section))

    for signal in (page_published, page_unpublished):
        signal.connect(
            published_or_not,
            sender=LibraryPage,
            weak=False,
            dispatch_uid=f"library-state-{model._meta.label}-{id(signal)}",
        )
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            weak=False,
            dispatch_uid=f"library-restriction-{model._meta.label}-{id(signal)}",
        )
