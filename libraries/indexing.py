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
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published, page_unpublished

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
        for page in pages:
            insert_or_update_object(page)

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
