"""The map of member libraries: its markers, from the libraries' coordinates.

The map is progressive enhancement: the page lists the same libraries,
server-rendered, and that list is what a reader without JavaScript (or
without sight of the map) uses. The markers travel to the browser as JSON
(``json_script``), Leaflet draws them (``static/js/library-map.js``), served
by the site itself from npm's package (STATICFILES_DIRS); the tiles come
from MAP_TILE_URL, whose host alone the CSP lets images load from. Nothing
here sets a cookie.
"""

from django.conf import settings


def marker(library, url, more=None):
    """One library on the map: where, what, and its links (``more``: the
    address and label of a further link, its practices say)."""
    data = {
        "name": library.title,
        "place": library.place,
        "lat": float(library.latitude),
        "lng": float(library.longitude),
        "url": url,
    }
    if more:
        data["more_url"], data["more_label"] = more
    return data


def map_settings():
    return {
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
