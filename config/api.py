"""The read-only Wagtail API v2 at /api/v2/: live, public content only.

Wagtail's viewsets already serve only live pages outside view restrictions,
across every language's tree, with ?locale= and ?translation_of= filters;
documents in restricted collections are left out. A search operator other
than "and" or "or" is a 400 here (Wagtail's search backend would fail with a
server error).
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

SEARCH_OPERATORS = (None, "and", "or")


class CheckedParameters:
    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        if self.request.GET.get("search_operator") not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")


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
