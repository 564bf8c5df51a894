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

from core.public_files import public_documents, public_images

SEARCH_OPERATORS = (None, "and", "or")


class CheckedParameters:
    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        if self.request.GET.get("search_operator") not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")


class PagesAPI(CheckedParameters, PagesAPIViewSet):
    pass


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
