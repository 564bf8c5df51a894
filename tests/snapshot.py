"""What a request could have changed: the rows of the tables that hold the
site's content, to compare before and after (``database_state``), and the
uploaded files (``media_files``)."""

from pathlib import Path

from django.conf import settings
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Revision


def database_state():
    """Pages, revisions, view restrictions, images and their renditions,
    documents and redirects, row by row."""
    images = get_image_model()
    return {
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk",
                "path",
                "url_path",
                "slug",
                "title",
                "draft_title",
                "live",
                "has_unpublished_changes",
                "latest_revision_id",
                "live_revision_id",
                "locale_id",
            )
        ),
        "revisions": list(
            Revision.objects.order_by("pk").values_list(
                "pk", "content_type_id", "object_id", "created_at"
            )
        ),
        "view restrictions": list(
            PageViewRestriction.objects.order_by("pk").values_list(
                "pk", "page_id", "restriction_type"
            )
        ),
        "images": list(
            images.objects.order_by("pk").values_list(
                "pk", "title", "file", "file_hash", "collection_id"
            )
        ),
        "renditions": list(
            images.get_rendition_model()
            .objects.order_by("pk")
            .values_list("pk", "image_id", "filter_spec", "file")
        ),
        "documents": list(
            get_document_model()
            .objects.order_by("pk")
            .values_list("pk", "title", "file", "collection_id")
        ),
        "redirects": list(
            Redirect.objects.order_by("pk").values_list(
                "pk", "old_path", "site_id", "redirect_page_id", "redirect_link"
            )
        ),
    }


def media_files():
    """The files under MEDIA_ROOT, by path."""
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))
