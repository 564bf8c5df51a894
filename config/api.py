"""The read-only Wagtail API v2 at /api/v2/: live, public content only.

Wagtail's viewsets serve only pages that ``.live().public()`` keeps (the one
rule of ``core.visibility``, which ``.public()`` follows), across every
language's tree, with ?locale= and ?translation_of= filters; documents in
restricted collections are left out. What a public page points at passes
the same rule: a related page the public may not see is null, and an inline
item (a partner, a featured project) naming one is left out. A search
operator other than "and" or "or" is a 400 here (Wagtail's search backend
would fail with a server error).
"""

from django.db.models import ForeignKey
from modelcluster.fields import ParentalKey
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import (
    ChildRelationField,
    PageSerializer,
    RelatedField,
)
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from core.public_files import public_documents, public_images
from core.visibility import is_public

SEARCH_OPERATORS = (None, "and", "or")


class CheckedParameters:
    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        if self.request.GET.get("search_operator") not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")


class PublicRelatedField(RelatedField):
    """A foreign key's target, or null where the public may not see it."""

    def to_representation(self, value):
        if not is_public(value):
            return None
        return super().to_representation(value)


class PublicChildRelationField(ChildRelationField):
    """Inline items, leaving out those that name something the public may
    not see (a partner library that is a draft, a featured project made
    private)."""

    def to_representation(self, value):
        serializer = self.serializer_class(context=self.context)
        return [
            serializer.to_representation(child)
            for child in value.all()
            if all(is_public(target) for target in _targets(child))
        ]


def _targets(obj):
    """What an inline item's foreign keys point at, but for its page."""
    for field in obj._meta.concrete_fields:
        if isinstance(field, ForeignKey) and not isinstance(field, ParentalKey):
            target = getattr(obj, field.name, None)
            if target is not None:
                yield target


class PublicPageSerializer(PageSerializer):
    serializer_related_field = PublicRelatedField

    def build_relational_field(self, field_name, relation_info):
        field_class, field_kwargs = super().build_relational_field(
            field_name, relation_info
        )
        if field_class is ChildRelationField:
            field_class = PublicChildRelationField
        return field_class, field_kwargs


class PagesAPI(CheckedParameters, PagesAPIViewSet):
    base_serializer_class = PublicPageSerializer

    def get_base_queryset(self):
        """Wagtail's (live pages of the site, less the restrictions this
        request has not passed), kept to what the public may see whoever
        asks: the API is the public's, and its answers may be cached."""
        return super().get_base_queryset().public()


class ImagesAPI(CheckedParameters, ImagesAPIViewSet):
    """Only images the public may load (core/public_files.py), in the listing
    and the detail alike: a hidden one's detail is a 404."""

    def get_queryset(self):
        return public_images(super().get_queryset())


class DocumentsAPI(CheckedParameters, DocumentsAPIViewSet):
    """Only documents the public may download (core/public_files.py): used by
    a page the public may see, outside private collections."""

    def get_queryset(self):
        return public_documents(super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPI)
api_router.register_endpoint("images", ImagesAPI)
api_router.register_endpoint("documents", DocumentsAPI)
