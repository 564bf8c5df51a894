"""What a response showed, as cache tags, and what a change makes stale.

The page cache (``operations.page_cache``) keeps whole responses and drops,
when something changes, only those that showed it. While a response that may
be stored is rendered, a collector is open (``start``/``stop``); what the
render reads adds tags to it:

- every instance of a page, snippet, image, document or media item made while
  it is open (Django's ``post_init``, connected per model, so other models
  pay nothing; with no collector open a receiver returns at once): a page
  by its translation key, ``page-<key>`` (one tag for all its language
  versions: the language switcher and the alternate links of every version
  show which versions are live, so a version published or unpublished makes
  the others stale too), or by its id, ``pageid-<id>``, when the translation
  key was not read (``only()``); a translatable snippet by its translation
  key, ``core.topic-<key>``; anything else by its id, ``wagtailimages.image-7``;
- every list of pages: ``PageQuerySet.live()`` (every list the public sees
  goes through it) records ``list-<app.model>`` of the queryset's model, so
  a page of that type published, unpublished, moved or deleted drops every
  list of its type, which may now include or exclude it though it never
  read it. A generic ``Page`` list records ``list-wagtailcore.page``, which
  every page change drops. Code that knows better says what its list
  depends on with ``listing(tags)`` (the menu: ``kids-<home's key>``, the
  children of the home pages; a page's versions: its ``page-`` tag), and
  ``.live()`` inside that block records nothing of its own; a list of the
  pages related to the one shown (a library's practices, a project's
  practices) with ``related_listing``: the related page's ``rel-`` (or
  ``kids-``) tag, the shown pages' own tags, and no ``list-`` tag: a page
  type's ``cache_relations()`` names the pages whose ``rel-`` lists it
  joins;
- the taxonomies, read once per request in bulk (``request_memo.all_terms``):
  ``list-core.topic`` etc. for each kind, not one tag per term.

What a change drops (``page_change_tags``, ``object_change_tags``): a page's
``page-`` tag and ``pageid-`` of each of its versions, ``list-`` of its type
and of each page model it inherits from, ``kids-`` of its parent (and of the
old parent of a move), and the same for each page below it (whose address or
visibility may change with it); a snippet's own tag and ``list-`` of its
model; an image's, document's or media item's own tag. Past
``MAX_DESCENDANTS`` pages below it the change reports ``None``: drop
everything.

A correction to a page's text alone (``text_only_change``: its revision
differs from the one that was live only in the fields its class names in
``cache_text_fields``, its body say, which no card or list shows) drops
less: the page itself, in each language (``text-<key>``, recorded for the
page a response serves by ``core.wagtail_hooks``), and the responses that
show the text of pages other than their own (search results with their
excerpts, feeds and calendars with their items' update times, booklets):
``TEXT_ANY``, which they record. The lists, homes and library pages that
show the page's card stay.

Code that reads pages or snippets without making instances (``values()``
rows) records their tags itself (``record``, ``page_tag``). The site-wide
answers ``request_memo`` keeps across requests keep the tags their first read
recorded, and record them again each time they are reused.

core imports no app above it; the collector does nothing until the page
cache opens it.
"""

import contextlib
import contextvars
import json
import uuid

from django.core.signals import request_started
from django.db.models.signals import post_init

# The tags of the response being rendered, or None: nothing is collected.
_collector = contextvars.ContextVar("cache_tags", default=None)

# A change above this many pages (its descendants) drops everything.
MAX_DESCENDANTS = 500


def start():
    """Open a collector; returns the token that ``stop`` takes."""
    if not _receivers_connected:
        _connect_receivers()
    return _collector.set(set())


def stop(token):
    """Close the collector ``token`` opened; returns its tags."""
    tags = _collector.get()
    try:
        _collector.reset(token)
    except ValueError:  # opened in another context: close what is open here
        _collector.set(None)
    return tags or set()


def collecting():
    return _collector.get() is not None


def record(*tags):
    """Add tags to the response being rendered, if one is."""
    tags_now = _collector.get()
    if tags_now is not None:
        tags_now.update(tags)


@contextlib.contextmanager
def listing(*tags):
    """Record ``tags`` for what is read in the block, and nothing else: a
    list that says exactly what it depends on (instances made in the block
    add no tag of their own either)."""
    tags_now = _collector.get()
    if tags_now is None:
        yield
        return
    tags_now.update(tags)
    token = _collector.set(None)
    try:
        yield
    finally:
        _collector.reset(token)


def _short(key):
    """Twelve hex digits of a translation key: enough to tell a site's
    objects apart (a collision drops a little more, never less), short
    enough for a CDN's header."""
    if isinstance(key, uuid.UUID):
        return key.hex[:12]
    return str(key).replace("-", "")[:12]


def page_tag(translation_key):
    return f"page-{_short(translation_key)}"


def kids_tag(translation_key):
    """The children of the page with this translation key, in any language."""
    return f"kids-{_short(translation_key)}"


def list_tag(model):
    return f"list-{model._meta.label_lower}"


def object_tag(instance):
    """A snippet's, image's or document's own tag."""
    model = instance._meta.concrete_model
    key = instance.__dict__.get("translation_key")
    if key is not None:
        return f"{model._meta.label_lower}-{_short(key)}"
    return f"{model._meta.label_lower}-{instance.pk}"


def _page_made(sender, instance, **kwargs):
    tags_now = _collector.get()
    if tags_now is None:
        return
    key = instance.__dict__.get("translation_key")
    if key is not None:
        tags_now.add(page_tag(key))
    elif instance.pk is not None:
        tags_now.add(f"pageid-{instance.pk}")


def _object_made(sender, instance, **kwargs):
    tags_now = _collector.get()
    if tags_now is not None and (
        instance.pk is not None or "translation_key" in instance.__dict__
    ):
        tags_now.add(object_tag(instance))


def _live(self):
    tags_now = _collector.get()
    if tags_now is not None and not _list_tags_off.get():
        tags_now.add(list_tag(self.model))
    return _original_live(self)


# Inside ``related_listing``: ``.live()`` records no list tag.
_list_tags_off = contextvars.ContextVar("cache_tags_list_tags_off", default=False)


@contextlib.contextmanager
def related_listing(*tags):
    """A list of the pages related to the one being shown (a library's
    practices, a project's practices under it): it records ``tags`` (the
    related page's ``rel-`` or ``kids-`` tag), and the pages it shows record
    their own as they are read, but ``.live()`` in the block records no
    ``list-`` tag. A page joins such a list only by naming the related page
    (or being put under it), and its change drops that page's tag then
    (``page_change_tags``: ``cache_relations()``, the parent's ``kids-``), so
    a change of any other page of its type leaves the list cached."""
    record(*tags)
    token = _list_tags_off.set(True)
    try:
        yield
    finally:
        _list_tags_off.reset(token)


def text_tag(translation_key):
    """The responses that serve the page of this translation key itself,
    in any language: they show its text."""
    return f"text-{_short(translation_key)}"


# Responses that show the text of pages other than the one they serve:
# dropped by every correction to any page's text.
TEXT_ANY = "text-any"

# What a published revision may differ in from the one live before and still
# be a correction to the text: the page's own bookkeeping, which no response
# shows but the feeds' and calendars' update times (they record TEXT_ANY).
# A revision saved before the page was first published holds no
# first_published_at: the page cache compares the page's own before and
# after instead (lists sort by it).
_BOOKKEEPING = frozenset(
    {
        "live",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "live_revision",
        "last_published_at",
        "first_published_at",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "numchild",
        "comments",
        "wagtail_admin_comments",
    }
)


def text_only_change(page_class, before, after):
    """True when revision content ``after`` differs from ``before`` (the
    revision that was live; both as stored) only in the fields
    ``page_class`` names in its ``cache_text_fields`` (and the bookkeeping
    above): no title, address, summary, image, term, library, date or
    status changed."""
    text_fields = set(getattr(page_class, "cache_text_fields", ()))
    if not text_fields or before is None or after is None:
        return False
    ignored = text_fields | _BOOKKEEPING

    def shown(content):
        return {
            name: _parsed(value)
            for name, value in content.items()
            if name not in ignored
        }

    return shown(before) == shown(after)


def _parsed(value):
    """A StreamField's value as its data: revisions store it as JSON text,
    whose keys come in whatever order the revision's writer put them."""
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def text_change_tags(page):
    """What a correction to ``page``'s text alone drops."""
    return {text_tag(page.translation_key), TEXT_ANY}


def related_tag(translation_key):
    """The lists of pages related to the page of this translation key, shown
    on it (a library's practices, projects and testimonials)."""
    return f"rel-{_short(translation_key)}"


_original_live = None


def page_models_of(page_class):
    """The concrete page models a page of this class is listed as: itself
    and each it inherits from, ``Page`` included."""
    from wagtail.models import Page

    return [
        model
        for model in page_class.__mro__
        if isinstance(model, type)
        and issubclass(model, Page)
        and not model._meta.abstract
        and not model._meta.proxy
    ]


def page_change_tags(page, old_parent=None):
    """The tags a change of ``page`` (published, unpublished, moved, deleted)
    drops, with those of the pages below it; ``old_parent``: its parent
    before a move. None when too many pages lie below it: drop everything."""
    from wagtail.models import Page

    specific_class = page.specific_class or type(page)
    tags = {page_tag(page.translation_key)}
    tags.update(list_tag(model) for model in page_models_of(specific_class))
    if len(page.path) > Page.steplen:
        parent_key = (
            Page.objects.filter(path=page.path[: -Page.steplen])
            .values_list("translation_key", flat=True)
            .first()
        )
        if parent_key is not None:
            tags.add(kids_tag(parent_key))
    if old_parent is not None:
        tags.add(kids_tag(old_parent.translation_key))
    tags.add(kids_tag(page.translation_key))
    below = list(
        Page.objects.filter(path__startswith=page.path, depth__gt=page.depth)
        .order_by()
        .values_list("translation_key", "content_type_id")[: MAX_DESCENDANTS + 1]
    )
    if len(below) > MAX_DESCENDANTS:
        return None
    if below:
        from django.contrib.contenttypes.models import ContentType

        for key, content_type_id in below:
            tags.add(page_tag(key))
            tags.add(kids_tag(key))
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is not None:
                tags.update(list_tag(m) for m in page_models_of(model))
    keys = {page.translation_key, *(key for key, _type in below)}
    tags.update(
        f"pageid-{pk}"
        for pk in Page.objects.filter(translation_key__in=keys).values_list(
            "pk", flat=True
        )
    )
    if page.pk is not None:
        tags.add(f"pageid-{page.pk}")
    relations = getattr(specific_class, "cache_relations", None)
    specific = _specific_or_none(page, specific_class) if relations else None
    if specific is not None:
        tags.update(related_tag(key) for key in relations(specific))
    return tags


def _specific_or_none(page, specific_class):
    """The page as its own type; None once deleted (the lists that showed
    it have its ``page-`` tag: its relations need not be read)."""
    from django.core.exceptions import ObjectDoesNotExist

    if isinstance(page, specific_class):
        return page
    try:
        return page.specific
    except ObjectDoesNotExist:
        return None


def object_change_tags(instance):
    """The tags a change of a snippet, image, document or media item drops:
    its own, and for a snippet the lists of its kind."""
    from wagtail.snippets.models import get_snippet_models

    tags = {object_tag(instance)}
    model = instance._meta.concrete_model
    if model in get_snippet_models() or type(instance) in get_snippet_models():
        tags.add(list_tag(model))
    return tags


def tagged_models():
    """The models whose instances tag a response: snippets, images,
    documents and media (pages are connected apart)."""
    from django.apps import apps
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.snippets.models import get_snippet_models

    models = {*get_snippet_models(), get_image_model(), get_document_model()}
    if apps.is_installed("wagtailmedia"):
        from wagtailmedia.models import get_media_model

        models.add(get_media_model())
    return models


def _request_started(**_kwargs):
    # A collector left open by a request that never reached the page cache's
    # response middleware must not collect for the next one.
    _collector.set(None)


_receivers_connected = False


def _connect_receivers():
    """The ``post_init`` receivers, connected when the first collector opens:
    by then every snippet is registered (some are, from ``wagtail_hooks``
    modules, only once Wagtail first reads its hooks)."""
    global _receivers_connected
    from wagtail.models import get_page_models

    for model in get_page_models():
        post_init.connect(
            _page_made, sender=model, dispatch_uid=f"cache_tags.{model._meta.label}"
        )
    for model in tagged_models():
        post_init.connect(
            _object_made, sender=model, dispatch_uid=f"cache_tags.{model._meta.label}"
        )
    _receivers_connected = True


def connect():
    """From ``CoreConfig.ready``: ``.live()`` wrapped, and each request
    starting with no collector open."""
    global _original_live
    from wagtail.query import PageQuerySet

    request_started.connect(_request_started, dispatch_uid="cache_tags.request")
    if _original_live is None:
        _original_live = PageQuerySet.live
        PageQuerySet.live = _live
