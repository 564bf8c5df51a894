from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 from a view outside the
    language prefixes (/oembed/, /media/…) stays a 404.

    Django answers a 404 for an address without a language by redirecting to
    the same address under a language prefix if that resolves, and Wagtail's
    catch-all page route resolves everything: /oembed/?url=… for an unknown
    page would redirect to /pl/oembed/ instead of saying "not found".
    """

    def process_response(self, request, response):
        if response.status_code == 404 and getattr(request, "resolver_match", None):
            return response
        return super().process_response(request, response)
