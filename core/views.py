"""Views of the public site outside its pages."""

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# The site's icon, which base.html names for pages (with the SVG logo and
# the touch icon beside it).
FAVICON = "img/favicon.ico"


@require_safe
def robots_txt(request):
    """Crawlers keep out of the admin and find the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


@require_safe
@cache_control(public=True, max_age=24 * 60 * 60)
def favicon_ico(request):
    """``/favicon.ico``: what browsers ask for where no page names an icon
    (a feed, the API's JSON, a file) and what Lighthouse checks. Served, not
    redirected: a permanent redirect to the static file's hashed name would
    be kept by browsers after the next deployment removes that name."""
    if staticfiles_storage.exists(FAVICON):  # collected (production)
        icon = staticfiles_storage.open(FAVICON)
    else:  # served from the source folders (development, tests)
        path = finders.find(FAVICON)
        if path is None:
            raise Http404
        icon = open(path, "rb")  # noqa: SIM115 (FileResponse closes it)
    return FileResponse(icon, content_type="image/x-icon")
