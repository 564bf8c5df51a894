"""A document in a page's body is named, sized and linked only while the
public may download it: a private collection hides it on the page and in
the API (core.blocks.DocumentBlock, core.visibility.document_is_public)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from practices.models import PracticePage

pytestmark = pytest.mark.django_db

TITLE = "Regulamin mikrograntów 2011"


@pytest.fixture
def page_with_document():
    # The test settings' own temporary MEDIA_ROOT: it holds the demo's
    # pictures, which the practice's page shows.
    collection = Collection.get_first_root_node().add_child(name="Dla koordynatorów")
    document = get_document_model().objects.create(
        title=TITLE,
        file=ContentFile(b"%PDF-1.4\n" + b"x" * 2048, name="regulamin.pdf"),
        collection=collection,
    )
    page = PracticePage.objects.get(
        locale__language_code="pl", slug="spotkania-w-lazach"
    )
    page.body.append(("document", {"document": document, "title": ""}))
    page.save_revision().publish()
    return page, document, collection


def api_block(client, page):
    body = client.get(f"/api/v2/pages/{page.pk}/").json()["body"]
    return next(block for block in body if block["type"] == "document")


def test_a_public_document_is_named_and_linked(client, page_with_document):
    page, document, _collection = page_with_document
    html = client.get(page.url).content.decode()
    assert TITLE in html
    assert document.url in html
    assert "(PDF," in html
    assert api_block(client, page)["value"]["document"] == document.pk


def test_a_document_in_a_private_collection_is_not(client, page_with_document):
    page, document, collection = page_with_document
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert TITLE not in html
    assert document.url not in html
    assert "(PDF" not in html
    assert api_block(client, page)["value"]["document"] is None
    assert client.get(document.url).status_code in (302, 403)
