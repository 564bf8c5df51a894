"""Views of the public site outside its pages."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe


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
