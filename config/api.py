"""The read-only Wagtail API v2 at /api/v2/: live, public content only.

Wagtail's viewsets already serve only live pages outside view restrictions,
across every language's tree, with ?locale= and ?translation_of= filters;
documents in restricted collections are left out.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
