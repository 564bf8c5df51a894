from django import template
from django.utils.translation import ngettext

from core.templatetags.core_tags import readerurl
from libraries.maps import map_settings, marker

register = template.Library()


@register.inclusion_tag("components/library_map.html", takes_context=True)
def library_map(context, libraries):
    """A map of ``libraries`` (pages the public may see), each marker linking
    to the library's page; those without coordinates are left to the list."""
    markers = [
        marker(library, readerurl(context, library))
        for library in libraries
        if library is not None and library.has_coordinates
    ]
    return {"markers": markers, **map_settings()}


@register.simple_tag(takes_context=True)
def practice_libraries(context, filters):
    """The libraries of a practice list's facet (those of the practices the
    other filters keep, the public ones: ``core.listing``), each with its
    page's address, the list narrowed to it and how many practices that is."""
    facet = (
        next((f for f in filters.facets if f.name == "library"), None)
        if filters
        else None
    )
    if facet is None:
        return []
    by_slug = {library.slug: library for library in filters.libraries()}
    found = []
    for choice in facet.shown:
        library = by_slug.get(choice.value)
        if library is None or choice.count == 0:
            continue
        label = ngettext(
            "%(count)s good practice", "%(count)s good practices", choice.count
        ) % {"count": choice.count}
        found.append(
            {
                "library": library,
                "url": readerurl(context, library),
                "practices_url": choice.url,
                "practices_label": label,
            }
        )
    return found


@register.inclusion_tag("components/library_map.html")
def practice_map(libraries):
    """The map of ``practice_libraries``: each marker to the library's page
    and to the list narrowed to its practices."""
    markers = [
        marker(
            item["library"],
            item["url"],
            (item["practices_url"], item["practices_label"]),
        )
        for item in libraries
        if item["library"].has_coordinates
    ]
    return {"markers": markers, **map_settings()}
