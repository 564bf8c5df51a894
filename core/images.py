"""The pictures of cards and pages, in as few queries as a page allows.

Wagtail's ``{% image %}`` tag looks up an image's rendition in a query of its
own, unless the image's renditions were fetched beforehand. A list of cards
would then cost a query per card: ``prefetch_renditions`` reads the
renditions of every card's picture in one query; ``lead_rendition`` reads a
page's lead picture and its rendition in one.
"""

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model

# The rendition of a card's picture and of a page's lead picture (16:9,
# cropped around the focal point).
CARD = "fill-640x360-c100"
LEAD = "fill-1200x675-c100"


def prefetch_renditions(images, spec=CARD):
    """Give each image its renditions for ``spec``, read in one query, as
    Wagtail's prefetched renditions (a missing one is made when shown)."""
    images = [image for image in images if image is not None]
    if not images:
        return
    rendition_model = get_image_model().get_rendition_model()
    prefetch_related_objects(
        images,
        Prefetch(
            "renditions", queryset=rendition_model.objects.filter(filter_spec=spec)
        ),
    )


def lead_rendition(image_id, spec=LEAD):
    """The rendition of an image for ``spec`` with its image, in one query
    (made, in a few more, the first time it is asked for); None without one."""
    if not image_id:
        return None
    rendition_model = get_image_model().get_rendition_model()
    rendition = (
        rendition_model.objects.select_related("image")
        .filter(image_id=image_id, filter_spec=spec)
        .first()
    )
    if rendition is not None:
        return rendition
    image = get_image_model().objects.filter(pk=image_id).first()
    return image.get_rendition(spec) if image is not None else None
