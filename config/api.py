"""The read-only Wagtail API v2 at /api/v2/: live, public content only.

Wagtail's viewsets already serve only live pages outside view restrictions,
across every language's tree, with ?locale= and ?translation_of= filters;
documents in restricted collections are left out.

Parameters Wagtail would pass on unchecked, and fail on with a server error,
are a 400 here: a search operator other than "and" or "or"; a field filter
whose value the field cannot hold (``?start_date=abc``, ``?audiences=x``, an
id beyond the database's integers); an offset beyond the database's
integers; a ``site`` that names no site.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Site

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


class PagesAPI(CheckedParameters, PagesAPIViewSet):
    pass


class ImagesAPI(CheckedParameters, ImagesAPIViewSet):
    pass


class DocumentsAPI(CheckedParameters, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPI)
api_router.register_endpoint("images", ImagesAPI)
api_router.register_endpoint("documents", DocumentsAPI)
