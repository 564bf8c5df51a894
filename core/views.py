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
def site_colours(request):
    """The site's accent colour (core.identity.SiteIdentity) as a stylesheet
    of the site's own origin: the CSP admits no inline style. Its address
    carries the colour's version, so a copy may be kept a year."""
    from wagtail.models import Site

    from core.identity import SiteIdentity

    identity = SiteIdentity.for_site(Site.find_for_request(request))
    rules = "".join(f"--{name}: {value}; " for name, value in identity.colours.items())
    response = HttpResponse(
        f":root {{ {rules}}}\n", content_type="text/css; charset=utf-8"
    )
    if request.GET.get("v") == identity.colours_version:
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response["Cache-Control"] = "public, max-age=300"
    return response


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
