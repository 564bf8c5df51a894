"""Images that pages show, held to the permission policy.

Wagtail lets whoever uploaded an image (with ``add_image``, as library
editors have) change its file and delete it. An image that a page uses is
part of what readers see: replacing its file or deleting it would change a
published page with nobody reviewing it. So once any page uses an image,
only network editors change or delete it; the others upload a new image and
choose it in their page, which then goes through review.

A middleware, because Wagtail asks its image permission policy on several
paths (the edit and delete views, the multiple-upload form's own, the bulk
actions) and has no hook before them. Each refusal is a 403 and changes
nothing.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

from editorial.policy import is_network_editor

SINGLE_VIEWS = {
    "wagtailimages:edit",
    "wagtailimages:delete",
    "wagtailimages:edit_multiple",
    "wagtailimages:delete_multiple",
}
BULK_ACTIONS = {"delete"}


def images_in_use(ids):
    """Those of the images (by id) that some page or object uses."""
    model = get_image_model()
    return [
        image
        for image in model.objects.filter(pk__in=ids)
        if ReferenceIndex.get_references_to(image).exists()
    ]


def requested_images(request, match):
    if match.view_name in SINGLE_VIEWS:
        return [match.kwargs.get("image_id")]
    if (
        match.view_name == "wagtail_bulk_action"
        and match.kwargs.get("app_label") == "wagtailimages"
        and match.kwargs.get("action") in BULK_ACTIONS
    ):
        return [pk for pk in request.GET.getlist("id") if pk.isdigit()]
    return []


class ImagesInUseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if request.method != "POST" or match is None:
            return None
        ids = requested_images(request, match)
        if not ids or is_network_editor(request.user):
            return None
        if images_in_use(ids):
            raise PermissionDenied(
                _(
                    "A page uses this image: upload a new one and choose it in "
                    "the page instead, or ask a network editor."
                )
            )
        return None
