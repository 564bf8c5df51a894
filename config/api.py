"""The read-only Wagtail API v2 at /api/v2/: live, public content only.

Wagtail's viewsets serve only pages that ``.live().public()`` keeps (the one
rule of ``core.visibility``, which ``.public()`` follows), across every
language's tree, with ?locale= and ?translation_of= filters; images and
documents only where ``core.public_files`` allows. What a public page points
at passes the same rule: a related page the public may not see is null, and
an inline item (a partner, a featured project) naming one is left out.

Parameters Wagtail would pass on unchecked, and fail on with a server error,
are a 400 here: a search operator other than "and" or "or"; a search longer
than the search page's (200 characters: 500 words were a RecursionError on
SQLite, and 2,000 took seconds on PostgreSQL); a field filter
whose value the field cannot hold (``?start_date=abc``, ``?audiences=x``, an
id beyond the database's integers); an offset beyond the database's
integers; a ``site`` that names no site.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
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
from wagtail.models import Site

from core.public_files import public_documents, public_images
from core.visibility import is_public
from search.results import MAX_QUERY_LENGTH

SEARCH_OPERATORS = (None, "and", "or")
# Far beyond any listing, and within every database's integers.
MAX_OFFSET = 1_000_000_000
# Text reaches the database as it is (a NUL is refused before any view).
TEXT_FIELDS = (models.CharField, models.TextField)
# What a field's conversions raise for a value it cannot take.
UNFIT = (ValidationError, ValueError, TypeError, AttributeError, ArithmeticError)


class CheckedParameters:
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Wagtail reads ``site`` before it checks the query (listing and
        # detail alike).
        if "site" in self.known_query_parameters and "site" in request.GET:
            check_site(request.GET["site"])

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        if self.request.GET.get("search_operator") not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if len(self.request.GET.get("search", "")) > MAX_QUERY_LENGTH:
            raise BadRequestError(
                f"search cannot be longer than {MAX_QUERY_LENGTH} characters"
            )
        try:
            offset = int(self.request.GET.get("offset", 0))
        except ValueError:
            offset = 0  # Wagtail's own 400
        if offset > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        self.check_field_filters(queryset.model)

    def check_field_filters(self, model):
        """Each field filter's value is one the field can hold, and its filter
        (as Wagtail's ``FieldsFilter`` will make it) can be written in SQL."""
        fields = set(self.get_available_fields(model, db_fields_only=True))
        for name, value in self.request.GET.items():
            if name not in fields or name == "locale":
                continue
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, models.BooleanField):
                continue  # Wagtail reads it and answers 400 itself
            while field.is_relation:
                # A related object is filtered by its primary key.
                field = field.target_field
            try:
                if not isinstance(field, TEXT_FIELDS):
                    # Past its range, an integer fails only when the query runs.
                    field.run_validators(field.to_python(value))
            except UNFIT:
                raise BadRequestError(
                    f"field filter error. '{value}' is not a valid value for {name}"
                ) from None
            try:
                # Compiled, not run: Wagtail filters with the text as given,
                # which some fields (a duration on SQLite) cannot convert.
                model._default_manager.filter(**{name: value}).query.sql_with_params()
            except UNFIT:
                raise BadRequestError(
                    f"field filter error. {name} cannot be filtered by '{value}'"
                ) from None


def check_site(value):
    """The ``site`` parameter (a host name, or host:port) names a site."""
    hostname, colon, port = value.partition(":")
    query = {"hostname": hostname}
    if colon:
        if not (port.isascii() and port.isdigit() and int(port) < 65536):
            raise BadRequestError("site port must be a number below 65536")
        query["port"] = int(port)
    if not Site.objects.filter(**query).exists():
        raise BadRequestError("site doesn't exist")


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
