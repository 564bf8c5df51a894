from django.http import Http404
from wagtail import hooks

from core.public_files import document_in_public_use
from operations.media import sees_every_file
from operations.page_cache_keys import may_store

# After any other opinion: the page cache's bounds have the last word.
hooks.register("is_response_cacheable", may_store, order=1000)


@hooks.register("before_serve_document", order=100)
def only_documents_in_public_use(document, request):
    """A document is downloaded only while a page the public may see uses it
    (core.public_files): not an orphan upload, nor one that only a draft
    uses. After Wagtail's own check of the collection's privacy (order 0),
    so that a private collection still asks for its password. The admin's
    users get every document, as they do every media file."""
    if not sees_every_file(request.user) and not document_in_public_use(document):
        raise Http404("Not found")  # not 403: nothing says the file exists
