"""Workers warmed before they serve, so that no reader pays for a cold one.

A fresh gunicorn worker's first pages cost four to ten times a warm one's
(issue 20's measures: home 211 ms, the practice list 218, a search 448):
the URLconf imported, the templates compiled, the catalogues read, and on
PostgreSQL a new connection's first Polish search loading the hunspell
dictionary (380-520 ms here, once per connection).

- ``warm_master``: in gunicorn's master, once the site is loaded
  (``preload_app``): the URLconf, every language's catalogue and the public
  templates, compiled into the cached loader. The forked workers share them.
  Nothing here opens a connection, which the fork would share.
- ``warm_worker``: in each worker before its first request: its database
  connection, kept open (production's CONN_MAX_AGE is unlimited, with
  health checks), each language's text-search configuration used once, so
  PostgreSQL loads its dictionaries into that connection now, and each
  language's home page rendered once (the rest of the per-process caches),
  and not stored by the page cache (its address's host and scheme need not
  be the readers').
"""

import logging
import time
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)

# The WSGI environment's mark of a warm-up request (the page cache keeps none).
WARM_UP = "library_network.warm_up"

# The public site's templates (the admin's are compiled as editors use them).
PUBLIC_TEMPLATES = (
    "base.html",
    "404.html",
    "pages",
    "components",
    "includes",
    "practices",
    "search",
)


def warm_master():
    started = time.perf_counter()
    resolver = get_resolver()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Search")  # reads the language's catalogues
            # Imports the URLconf, then makes its reverse lookup, which is
            # kept per language (the language prefixes): 260 ms on a first
            # page otherwise.
            resolver.reverse_dict  # noqa: B018
    compiled = _compile_templates()
    logger.info(
        "Warmed the URLconf, %d catalogues and %d templates in %.0f ms.",
        len(settings.LANGUAGES),
        compiled,
        (time.perf_counter() - started) * 1000,
    )


def _compile_templates():
    engine = engines["django"]
    folder = Path(settings.BASE_DIR) / "templates"
    names = []
    for entry in PUBLIC_TEMPLATES:
        path = folder / entry
        if path.is_dir():
            names += [str(p.relative_to(folder)) for p in sorted(path.rglob("*.html"))]
        elif path.is_file():
            names.append(entry)
    compiled = 0
    for name in names:
        try:
            engine.get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            logger.exception("Could not compile %s while warming.", name)
        else:
            compiled += 1
    return compiled


def warm_worker():
    started = time.perf_counter()
    try:
        connection.ensure_connection()
        if connection.vendor == "postgresql":
            configurations = sorted(
                {_text_search_config(code) for code, _name in settings.LANGUAGES}
            )
            with connection.cursor() as cursor:
                for configuration in configurations:
                    cursor.execute(
                        "SELECT to_tsvector(%s::regconfig, %s)",
                        [configuration, "biblioteka"],
                    )
    except Exception:  # noqa: BLE001 (a worker still serves; /readyz tells)
        logger.exception("Could not warm the database connection.")
        return
    rendered = _render_homes()
    logger.info(
        "Warmed the database connection and %d home pages in %.0f ms.",
        rendered,
        (time.perf_counter() - started) * 1000,
    )


def _render_homes():
    """Each language's home page, rendered through the whole site once: the
    models' metadata, the ORM's and Wagtail's per-process caches, and the
    connection's catalogue caches are filled by a request no reader waits
    for (a fresh worker's first home page took 3.5 times a warm one's). The
    page cache may keep what it renders; it is the page a reader would get."""
    from django.test import Client

    # WARM_UP is no HTTP header (those are HTTP_...): no reader can send it.
    client = Client(HTTP_HOST=_host(), **{WARM_UP: True})
    rendered = 0
    for code, _name in settings.LANGUAGES:
        try:
            response = client.get(f"/{code}/", secure=True)
        except Exception:  # noqa: BLE001 (the reader's request will tell)
            logger.exception("Could not render /%s/ while warming.", code)
            continue
        rendered += response.status_code == 200
    return rendered


def _host():
    """A host name the site answers to (ALLOWED_HOSTS' first that names one)."""
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*":
            return host.lstrip(".")
    return "localhost"


def _text_search_config(code):
    from search.backends import config_for_language

    return config_for_language(code)
