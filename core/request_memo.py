"""What a request reads once, however many times its page and tags ask.

A public page asks several times which sections of the site are private
(each ``.public()`` on a page queryset), which locales exist, which
translations a page has, which pages the menu holds. Between Django's
``request_started`` and ``request_finished`` signals those answers are kept
for the rest of the request; outside a request (management commands, tests
calling models directly) nothing is kept and every call asks the database.

A change that would make a kept answer wrong (a page made private, a locale
added) empties the memo of the request that makes it.
"""

import contextvars

from django.core.signals import request_finished, request_started
from django.db.models import Q, Value
from django.db.models.signals import post_delete, post_save

_memo = contextvars.ContextVar("request_memo", default=None)


def remembered(key, compute):
    """``compute()``, once per request for each ``key`` (every time outside one)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _start(**_kwargs):
    _memo.set({})


def _finish(**_kwargs):
    _memo.set(None)


def _forget(**_kwargs):
    memo = _memo.get()
    if memo is not None:
        memo.clear()


def _restriction_rows():
    """(id, path, depth, alias_of_id, restricted) of each page with a view
    restriction of its own, and of each alias that may lead to one (an alias
    of a restricted page, or of another alias): in one query, once per request."""
    from django.db.models import Exists, OuterRef
    from wagtail.models import Page, PageViewRestriction

    restricted = PageViewRestriction.objects.values("page_id")
    return remembered(
        "restriction_rows",
        lambda: list(
            Page.objects.filter(
                Q(pk__in=restricted)
                | Q(alias_of_id__in=restricted)
                | Q(alias_of__alias_of__isnull=False)
            )
            .annotate(
                restricted=Exists(
                    PageViewRestriction.objects.filter(page_id=OuterRef("pk"))
                )
            )
            .order_by()
            .values_list("pk", "path", "depth", "alias_of_id", "restricted")
        ),
    )


def private_sections():
    """(path, depth) of each page with a view restriction: the sections of
    the site the public may not see."""
    return remembered(
        "private_sections",
        lambda: sorted(
            {
                (path, depth)
                for _pk, path, depth, _alias_of, restricted in _restriction_rows()
                if restricted
            }
        ),
    )


def is_private(page):
    """Whether the page lies in a private section (as ``.public()`` sees it)."""
    return any(page.path.startswith(path) for path, _depth in private_sections())


def _unrestricted(page):
    """True when no view restriction applies to the page, as Wagtail's
    ``get_view_restrictions`` decides (the page and its ancestors, an alias
    standing for its source page, and that for its own), read from
    ``_restriction_rows``. A page or alias that is not among those rows has
    no restriction and is no alias of a page that has one."""
    rows = {
        pk: (path, alias_of, restricted)
        for pk, path, _depth, alias_of, restricted in _restriction_rows()
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


def locales():
    """Every locale, by id."""
    from wagtail.models import Locale

    return remembered(
        "locales", lambda: {locale.pk: locale for locale in Locale.objects.all()}
    )


def active_locale():
    """Wagtail's ``Locale.get_active()``, read from ``locales()``."""
    from django.utils.translation import get_language
    from wagtail.coreutils import get_supported_content_language_variant

    try:
        code = get_supported_content_language_variant(get_language())
    except LookupError:
        return _wagtail_get_active()
    for locale in locales().values():
        if locale.language_code == code:
            return locale
    return _wagtail_get_active()


def all_terms():
    """Every audience, format and topic, in every language: the taxonomies
    are small, and a page shows terms of several kinds and languages.
    A dict by model, of dicts by primary key."""
    from django.apps import apps

    def read():
        found = {}
        for name in ("core.Audience", "core.Format", "core.Topic"):
            model = apps.get_model(name)
            found[model] = {}
        models = list(found)
        first, *others = (
            model.objects.order_by().values_list(
                Value(index), "pk", "translation_key", "locale_id", "name", "slug"
            )
            for index, model in enumerate(models)
        )
        rows = first.union(*others, all=True).order_by("name")
        for rank, (index, pk, key, locale_id, name, slug) in enumerate(rows):
            model = models[index]
            term = model(
                pk=pk, translation_key=key, locale_id=locale_id, name=name, slug=slug
            )
            term._rank = rank  # the order of names, as the database sorts them
            term._state.adding = False
            term._state.db = model.objects.db
            found[model][pk] = term
        return found

    return remembered("all_terms", read)


def with_locale(page):
    """The page, its ``locale`` filled in from ``locales()`` (no query of its own)."""
    locale = locales().get(page.locale_id)
    if locale is not None:
        page.locale = locale
    return page


def _private_q(self):
    """Wagtail's ``PageQuerySet.private_q``, reading the restrictions once per
    request instead of once per ``.public()``."""
    q = Q()
    for path, depth in private_sections():
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    # As Wagtail's: match no page when no section is private.
    return q if q else Q(pk__in=[])


def _get_view_restrictions(self):
    """Wagtail's ``Page.get_view_restrictions``, without a query for a page
    that no restriction applies to (most of them) during a request."""
    from wagtail.models import PageViewRestriction

    if _memo.get() is not None and self.pk and _unrestricted(self):
        return PageViewRestriction.objects.none()
    return _wagtail_get_view_restrictions(self)


def _get_active(cls):
    if _memo.get() is None:
        return _wagtail_get_active()
    return active_locale()


_wagtail_get_view_restrictions = None
_wagtail_get_active = None


def _forget_for_page(sender, instance, **_kwargs):
    """A page saved (made an alias, say) may change what the memo says."""
    from wagtail.models import Page

    if isinstance(instance, Page):
        _forget()


def connect():
    global _wagtail_get_view_restrictions, _wagtail_get_active
    from wagtail.models import Locale, Page, PageViewRestriction
    from wagtail.query import PageQuerySet
    from wagtail.signals import post_page_move

    PageQuerySet.private_q = _private_q
    if _wagtail_get_view_restrictions is None:
        _wagtail_get_view_restrictions = Page.get_view_restrictions
        _wagtail_get_active = Locale.get_active
        Page.get_view_restrictions = _get_view_restrictions
        Locale.get_active = classmethod(_get_active)
    post_page_move.connect(_forget, dispatch_uid="core.request_memo.page_moved")
    post_save.connect(_forget_for_page, dispatch_uid="core.request_memo.page_saved")
    request_started.connect(_start, dispatch_uid="core.request_memo.start")
    request_finished.connect(_finish, dispatch_uid="core.request_memo.finish")
    from core.models import Audience, Format, Topic

    for model in (PageViewRestriction, Locale, Audience, Format, Topic):
        for signal in (post_save, post_delete):
            signal.connect(
                _forget, sender=model, dispatch_uid=f"core.request_memo.{model}"
            )
