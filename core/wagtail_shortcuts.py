"""Two of Wagtail's methods, answered from the request's memo.

Each gives Wagtail's own answer, read from what ``core.request_memo`` keeps
for the request instead of from queries of its own; outside a request, each
is Wagtail's method as it is. ``install()`` (from ``CoreConfig.ready``) puts
them in place.

They are kept because ``bench/load.py`` shows they pay: uncached requests
per second with all replacements, and with one of them taken out
(PostgreSQL, gunicorn with 5 workers and wrk on one 2-core machine; the
mean of two interleaved rounds, 12 s per page; bench/README.md, "Wagtail's
methods replaced"):

=====================  =====  =========================  ========================
page                    all    without ``private_q``      without
                                                           ``get_view_restrictions``
=====================  =====  =========================  ========================
home                    48.3   43.0 (−11 %)               45.9 (−5 %)
project                 46.9   40.9 (−13 %)               39.3 (−16 %)
practice list           26.1   24.5 (−6 %)                21.5 (−18 %, noisy)
tutorial                61.0   57.9 (−5 %)                51.3 (−16 %, noisy)
=====================  =====  =========================  ========================

With neither: home 41.4, project 40.0, practice list 25.0, tutorial 56.9.
A third replacement, of ``Locale.get_active``, was taken out: without it the
same runs gave 48.8, 45.8, 25.6 and 60.3, no measurable loss.

A Wagtail upgrade may change what they replace. ``FINGERPRINTS`` holds a
hash of the source of each method replaced, as Wagtail 7.4 has it;
``tests/core/test_wagtail_internals.py`` fails when one differs, and
``tests/core/test_view_restrictions.py`` compares the answers through HTTP.
"""

import hashlib
import inspect

from django.db.models import Q

from core.request_memo import (
    covering_translations,
    hidden_sections,
    in_request,
    restriction_rows,
)

# sha256 of ``inspect.getsource`` of each method replaced, in Wagtail 7.4.
FINGERPRINTS = {
    "wagtail.query.PageQuerySet.private_q": (
        "eb30b1c0017f13c2f7f385972ddefbe70a2c2818d648ce22a709c370ac519368"
    ),
    "wagtail.models.Page.get_view_restrictions": (
        "f41021bde7cdda11d832d32e9e28cdb92f197ddac050218ff8c748e65a888c05"
    ),
}

# Wagtail's own methods, once ``install()`` has replaced them.
originals = {}


def fingerprint(method):
    """The sha256 of a method's source (a class method's function's)."""
    function = getattr(method, "__func__", method)
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()


def private_q(self):
    """Wagtail's ``PageQuerySet.private_q``, reading the restrictions once per
    request instead of once per ``.public()``; and, beyond Wagtail's, the
    sections of translations of restricted pages and those below pages that
    are not live (``request_memo.hidden_sections``): the one rule for what
    the public may see."""
    q = Q()
    for path, depth in hidden_sections():
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    # As Wagtail's: match no page when no section is private.
    return q if q else Q(pk__in=[])


def unrestricted(page):
    """True when no view restriction applies to the page, as Wagtail's
    ``get_view_restrictions`` decides (the page and its ancestors, an alias
    standing for its source page, and that for its own), read from
    ``restriction_rows``. A page or alias that is not among those rows has
    no restriction and is no alias of a page that has one."""
    rows = {
        pk: (path, alias_of, restricted)
        for pk, path, _depth, alias_of, restricted in restriction_rows()
    }

    def restricted_through(pk, alias_of, restricted):
        seen = {pk}
        while alias_of is not None:
            if alias_of in seen:
                return True  # a loop of aliases: let Wagtail decide
            if alias_of not in rows:
                return False
            seen.add(alias_of)
            _path, alias_of, restricted = rows[alias_of]
        return restricted

    own = rows.get(page.pk, (page.path, None, False))[2]
    if restricted_through(page.pk, page.alias_of_id, own):
        return False
    return not any(
        restricted_through(pk, alias_of, restricted)
        for pk, (path, alias_of, restricted) in rows.items()
        if len(path) < len(page.path) and page.path.startswith(path)
    )


def get_view_restrictions(self):
    """Wagtail's ``Page.get_view_restrictions``, without a query for a page
    that no restriction applies to (most of them) during a request; and the
    restrictions of the pages this one's section is a translation of
    (``request_memo.covering_translations``), so a reader of a translation
    of a password-protected page is asked for the same password."""
    from wagtail.models import PageViewRestriction

    if in_request() and self.pk and unrestricted(self):
        own = PageViewRestriction.objects.none()
    else:
        own = originals["wagtail.models.Page.get_view_restrictions"](self)
    keys = [key for path, key in covering_translations() if self.path.startswith(path)]
    if not keys:
        return own
    return PageViewRestriction.objects.filter(
        Q(pk__in=own.values("pk")) | Q(page__translation_key__in=keys)
    ).order_by("page__depth", "pk")


def install():
    """Replace Wagtail's methods with these; once, however often called."""
    from wagtail.models import Page
    from wagtail.query import PageQuerySet

    if originals:
        return
    replacements = {
        "wagtail.query.PageQuerySet.private_q": (PageQuerySet, "private_q", private_q),
        "wagtail.models.Page.get_view_restrictions": (
            Page,
            "get_view_restrictions",
            get_view_restrictions,
        ),
    }
    for name, (owner, attribute, replacement) in replacements.items():
        originals[name] = getattr(owner, attribute)
        setattr(owner, attribute, replacement)
