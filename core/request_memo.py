"""What a request reads once, however many times its page and tags ask.

A public page asks several times which sections of the site are private
(each ``.public()`` on a page queryset), which locales exist, which
translations a page has, which pages the menu holds. Between Django's
``request_started`` and ``request_finished`` signals those answers are kept
for the rest of the request; outside a request (management commands, tests
calling models directly) nothing is kept and every call asks the database.

A change that would make a kept answer wrong (a page made private, a locale
added) empties the memo of the request that makes it.

Across requests: the site-wide answers (``SITE_WIDE``: the rows that hide
sections, the collections, the locales, the taxonomies) are the same for
every page, and were a fifth of an uncached page's time. Each process keeps
them between requests while the site's stamp is unchanged: a value in the
default cache (Redis, or the files of the embedded default: shared by every
process), read once per request that needs one, and replaced by any change
that could make them wrong (``site_changed``), at once and again when the
transaction commits, so no process keeps what it read in between. The
cache tags the first read recorded are recorded again by every request that
reuses the answer, so the page cache drops those pages as before. Without
a cache that answers, nothing is kept across requests.
"""

import contextlib
import contextvars
import logging
import threading
import uuid

from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.signals import post_delete, post_save

from core import cache_tags
from core.cache_tags import list_tag, listing

logger = logging.getLogger(__name__)

_memo = contextvars.ContextVar("request_memo", default=None)

# The answers kept across requests, by their memo key (or its first item):
# the sections hidden from the public, the collections, the locales, the
# taxonomies, what every page's header and footer read (the site's
# identity, its logo's rendition, the footer's pages in each language), and
# the home pages' cards.
SITE_WIDE = frozenset(
    {
        "hiding_rows",
        "collection_rows",
        "locales",
        "all_terms",
        "site-identity",
        "logo-rendition",
        "footer-pages",
        # A home page's cards (home.models.HomePage), by the page's id: what
        # is newest anywhere on the site, so any change may change them.
        "home-cards",
    }
)
STAMP_KEY = "core.site-wide-stamp"
_STAMP = object()  # the request memo's copy of the stamp


class _Kept:
    """This process's site-wide answers, and the stamp they were read under."""

    lock = threading.Lock()
    stamp = None
    answers = {}  # key: (value, cache tags)


def remembered(key, compute):
    """``compute()``, once per request for each ``key`` (every time outside one)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        if (key[0] if isinstance(key, tuple) else key) in SITE_WIDE:
            memo[key] = _across_requests(memo, key, compute)
        else:
            memo[key] = compute()
    return memo[key]


def _across_requests(memo, key, compute):
    stamp = site_stamp()
    if stamp is None:
        return compute()
    with _Kept.lock:
        kept = _Kept.answers.get(key) if _Kept.stamp == stamp else None
    if kept is not None:
        value, tags = kept
        cache_tags.record(*tags)
        return value
    token = cache_tags.start()
    try:
        value = compute()
    finally:
        tags = frozenset(cache_tags.stop(token))
    cache_tags.record(*tags)
    with _Kept.lock:
        if _Kept.stamp != stamp:
            _Kept.stamp, _Kept.answers = stamp, {}
        _Kept.answers[key] = (value, tags)
    return value


def _stamps():
    from django.core.cache import caches

    return caches["default"]


def _read_stamp():
    try:
        stamps = _stamps()
        stamp = stamps.get(STAMP_KEY)
        if stamp is None:
            stamps.add(STAMP_KEY, uuid.uuid4().hex, None)
            stamp = stamps.get(STAMP_KEY)
        return stamp
    except Exception:  # noqa: BLE001 (then nothing is kept across requests)
        logger.exception("Could not read the site-wide stamp.")
        return None


def _new_stamp():
    with _Kept.lock:
        _Kept.stamp, _Kept.answers = None, {}
    try:
        _stamps().set(STAMP_KEY, uuid.uuid4().hex, None)
    except Exception:  # noqa: BLE001
        logger.exception("Could not replace the site-wide stamp.")


class _NewStampOnCommit:
    done = False

    def __call__(self):
        if not self.done:
            self.done = True
            _new_stamp()


def site_changed(**_kwargs):
    """Something the site-wide answers read changed: forget them in every
    process, now and (in a transaction) again as it commits."""
    _forget()
    _new_stamp()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    pending = getattr(connection, "_site_wide_stamp", None)
    if (
        pending is None
        or pending.done
        or not any(entry[1] is pending for entry in connection.run_on_commit)
    ):
        pending = _NewStampOnCommit()
        connection._site_wide_stamp = pending
        transaction.on_commit(pending)


def site_stamp():
    """The site's stamp: it changes whenever the site-wide answers may have
    (``site_changed``), so it can key anything else made of them (the
    sitemap). None when the cache does not answer."""
    memo = _memo.get()
    if memo is None:
        return _read_stamp()
    if _STAMP not in memo:
        memo[_STAMP] = _read_stamp()
    return memo[_STAMP]


def renew_stamp():
    """Forget the site-wide answers everywhere (a test's database rolled
    back under them, say, which no signal tells)."""
    _forget()
    _new_stamp()


@contextlib.contextmanager
def remembering():
    """Keep answers for the duration of a block outside a request (a batch
    of pages indexed together, say), as a request keeps them; inside a
    request, the request's own memo is used."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _start(**_kwargs):
    _memo.set({})


def _finish(**_kwargs):
    _memo.set(None)


def _forget(**_kwargs):
    memo = _memo.get()
    if memo is not None:
        memo.clear()


def restriction_rows():
    """(id, path, depth, alias_of_id, restricted) of each page with a view
    restriction of its own, and of each alias that may lead to one (an alias
    of a restricted page, or of another alias): as Wagtail reads them."""
    return [row[:5] for row in _hiding_rows() if row[5]]


def _hiding_rows():
    """Every page that may hide a section of the site from the public, in one
    query, once per request: (id, path, depth, alias_of_id, restricted,
    wagtails, live, numchild, translation_key, covers). ``wagtails``: a page
    with a view restriction or an alias that may lead to one, as Wagtail reads
    them; ``covers``: a restricted page that is no translation of another
    (wagtail-localize made no translation into it), whose restriction covers
    its translations. The other rows are those translations and pages not
    live that have children."""
    return remembered("hiding_rows", _read_hiding_rows)


def _read_hiding_rows():
    # Built only when read: the querysets and their expressions cost more
    # than the memo's lookup, and the memo is asked several times a request.
    from django.db.models import BooleanField, Case, Exists, OuterRef, When
    from wagtail.models import Page, PageViewRestriction
    from wagtail_localize.models import Translation

    restricted = PageViewRestriction.objects.values("page_id")
    translated_into = Translation.objects.filter(
        source__object_id=OuterRef("translation_key"),
        target_locale_id=OuterRef("locale_id"),
    )
    covering = Q(pk__in=restricted) & ~Exists(translated_into)
    restricted_keys = Page.objects.filter(covering).values("translation_key")
    wagtails = (
        Q(pk__in=restricted)
        | Q(alias_of_id__in=restricted)
        | Q(alias_of__alias_of__isnull=False)
    )
    translations = Q(translation_key__in=restricted_keys)
    unpublished = Q(live=False, numchild__gt=0)
    return list(
        Page.objects.filter(wagtails | translations | unpublished)
        .annotate(
            restricted=Exists(
                PageViewRestriction.objects.filter(page_id=OuterRef("pk"))
            ),
            wagtails=Case(
                When(wagtails, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            covers=Case(
                When(covering, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by()
        .values_list(
            "pk",
            "path",
            "depth",
            "alias_of_id",
            "restricted",
            "wagtails",
            "live",
            "numchild",
            "translation_key",
            "covers",
        )
    )


def translations_share_privacy():
    """Whether a view restriction on a page also covers its translations (and
    so their sections): the setting TRANSLATIONS_SHARE_PRIVACY, on unless a
    network chooses otherwise (README, "Who sees what")."""
    from django.conf import settings

    return getattr(settings, "TRANSLATIONS_SHARE_PRIVACY", True)


def covering_translations():
    """(path, translation_key) of each page that is a translation of a page
    with a view restriction (an original, not itself a translation): its
    section is private as the original's is (``translations_share_privacy``).
    A restriction on a translation covers that translation alone, as
    Wagtail reads it."""
    if not translations_share_privacy():
        return []
    rows = _hiding_rows()
    restricted_keys = {row[8] for row in rows if row[9]}
    return [
        (row[1], row[8]) for row in rows if row[8] in restricted_keys and not row[4]
    ]


def private_sections():
    """(path, depth) of each page with a view restriction: the sections of
    the site Wagtail keeps from the public."""
    return remembered(
        "private_sections",
        lambda: sorted(
            {
                (path, depth)
                for _pk, path, depth, _alias_of, restricted in restriction_rows()
                if restricted
            }
        ),
    )


def hidden_sections():
    """(path, depth) of each page whose section the public may not see: the
    private sections, the sections of translations of restricted pages
    (``covering_translations``), and the children of pages that are not live
    (a live page under an unpublished one is not public: its address goes
    through a page readers cannot see). ``.public()`` leaves out these
    sections (``core.wagtail_shortcuts.private_q``)."""

    def compute():
        sections = set(private_sections())
        covered = {path for path, _key in covering_translations()}
        for _pk, path, depth, *_flags, live, numchild, _key, _covers in _hiding_rows():
            if path in covered:
                sections.add((path, depth))
            elif not live and numchild:
                # The page itself is not live; below it, nothing is public.
                sections.add((path, depth + 1))
        return sorted(sections)

    return remembered("hidden_sections", compute)


def is_private(page):
    """Whether the page lies in a section the public may not see (as
    ``.public()`` sees it)."""
    return any(page.path.startswith(path) for path, _depth in hidden_sections())


def under_unpublished(page):
    """Whether a page not live lies above this one (so readers may not see it,
    live or not)."""
    return any(
        page.path.startswith(path) and len(page.path) > len(path)
        for _pk, path, _depth, *_flags, live, numchild, _key, _covers in _hiding_rows()
        if not live and numchild
    )


def collection_rows():
    """{id: (path, restricted)} of every collection (there are few), once per
    request: ``restricted``, whether it has a view restriction of its own."""
    from django.db.models import Exists, OuterRef
    from wagtail.models import Collection, CollectionViewRestriction

    return remembered(
        "collection_rows",
        lambda: {
            pk: (path, restricted)
            for pk, path, restricted in Collection.objects.annotate(
                restricted=Exists(
                    CollectionViewRestriction.objects.filter(
                        collection_id=OuterRef("pk")
                    )
                )
            ).values_list("pk", "path", "restricted")
        },
    )


def collection_is_private(collection_id):
    """Whether a view restriction applies to the collection (its own or an
    ancestor's), as Wagtail's ``Collection.get_view_restrictions`` finds."""
    rows = collection_rows()
    if collection_id not in rows:
        return True  # deleted meanwhile: nothing to show
    path = rows[collection_id][0]
    return any(
        restricted and path.startswith(other) for other, restricted in rows.values()
    )


def locales():
    """Every locale, by id."""
    from wagtail.models import Locale

    return remembered(
        "locales", lambda: {locale.pk: locale for locale in Locale.objects.all()}
    )


def active_locale():
    """The locale of the request's language, as ``Locale.get_active()``
    finds it, read from ``locales()``."""
    from django.utils.translation import get_language
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    try:
        code = get_supported_content_language_variant(get_language())
    except LookupError:
        return Locale.get_default()
    for locale in locales().values():
        if locale.language_code == code:
            return locale
    return Locale.get_default()


def all_terms():
    """Every audience, format, topic and goal, in every language: the
    taxonomies are small, and a page shows terms of several kinds and
    languages. A dict by model, of dicts by primary key. A goal keeps its
    number, and goals rank by it; the other terms by name."""
    from django.apps import apps
    from django.db.models import F

    def read():
        # One tag per kind, not one per term (core.cache_tags).
        with listing(*(list_tag(apps.get_model(name)) for name in TERM_MODELS)):
            return read_all()

    def read_all():
        found = {}
        for name in TERM_MODELS:
            model = apps.get_model(name)
            found[model] = {}
        models = list(found)
        first, *others = (
            model.objects.order_by()
            .annotate(
                rank_first=F("number") if _numbered(model) else Value(0),
            )
            .values_list(
                Value(index),
                "pk",
                "translation_key",
                "locale_id",
                "name",
                "slug",
                "rank_first",
            )
            for index, model in enumerate(models)
        )
        rows = first.union(*others, all=True).order_by("rank_first", "name")
        for rank, (index, pk, key, locale_id, name, slug, number) in enumerate(rows):
            model = models[index]
            term = model(
                pk=pk, translation_key=key, locale_id=locale_id, name=name, slug=slug
            )
            if _numbered(model):
                term.number = number
            term._rank = rank  # the order of names, as the database sorts them
            term._state.adding = False
            term._state.db = model.objects.db
            found[model][pk] = term
        return found

    return remembered("all_terms", read)


# The taxonomies, by name: the models (and the listings they use) read this memo.
TERM_MODELS = ("core.Audience", "core.Format", "core.Topic", "core.Goal")


def _numbered(model):
    return any(field.name == "number" for field in model._meta.concrete_fields)


def with_locale(page):
    """The page, its ``locale`` filled in from ``locales()`` (no query of its own)."""
    locale = locales().get(page.locale_id)
    if locale is not None:
        page.locale = locale
    return page


def _forget_for_page(sender, instance, **_kwargs):
    """A page saved or deleted (made an alias, say) may change what the memo
    says."""
    from wagtail.models import Page

    if isinstance(instance, Page):
        site_changed()


def in_request():
    """Whether a request's memo is open (the replacements of
    ``core.wagtail_shortcuts`` answer from it only then)."""
    return _memo.get() is not None


def connect():
    """Open and close the memo with each request; empty it when a change
    could make a kept answer wrong."""
    from django.apps import apps
    from wagtail.images import get_image_model
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        Locale,
        PageViewRestriction,
        Site,
    )
    from wagtail.signals import post_page_move
    from wagtail_localize.models import Translation

    # By name: the models (and the listings they use) read this memo.
    terms = [apps.get_model(name) for name in TERM_MODELS]

    post_page_move.connect(site_changed, dispatch_uid="core.request_memo.page_moved")
    post_save.connect(_forget_for_page, dispatch_uid="core.request_memo.page_saved")
    post_delete.connect(_forget_for_page, dispatch_uid="core.request_memo.page_deleted")
    request_started.connect(_start, dispatch_uid="core.request_memo.start")
    request_finished.connect(_finish, dispatch_uid="core.request_memo.finish")
    for model in (
        PageViewRestriction,
        CollectionViewRestriction,
        Collection,
        Locale,
        Site,  # its root and host: the sitemap's addresses
        Translation,  # a translation's restriction no longer covered
        apps.get_model("core.SiteIdentity"),  # the logo, the footer's pages
        get_image_model(),  # the logo's file (its renditions go with it)
        *terms,
    ):
        for signal in (post_save, post_delete):
            signal.connect(
                site_changed, sender=model, dispatch_uid=f"core.request_memo.{model}"
            )
