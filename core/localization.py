"""Show translatable things in the reader's language, in a constant number of queries.

A page keeps its relations to terms, libraries and programmes as they were
chosen in its source language (wagtail-localize synchronises them). When it is
shown, each related object is swapped for its version in the page's locale,
where one exists: one query per model, however many objects there are.

A related page that the public may not see (a draft, a private page) is never
shown: it becomes None, unless it has a live, public translation.
"""

from collections import defaultdict

from wagtail.models import Page


class Localizer:
    """``read_now``: the pages given to ``prepare`` were read from the
    database during this request, so whether the public may see them is
    read from their own fields (live, path) instead of asking again."""

    def __init__(self, locale, read_now=False):
        self.locale = locale
        self.read_now = read_now
        self._found = {}
        self._visible_pages = set()
        self._complete = set()  # (model, key): the locale's page is known

    def prepare(self, objects):
        """Look up, in bulk, the locale's versions of these objects: terms from
        the request's ``all_terms()``, pages in one query per page type."""
        from django.db.models import Q

        from core.request_memo import all_terms, is_private

        terms = all_terms()
        wanted = defaultdict(set)
        pages = defaultdict(set)
        for obj in objects:
            if obj is not None and obj.locale_id != self.locale.id:
                key = (self._model(obj), obj.translation_key)
                if key not in self._found:
                    wanted[self._model(obj)].add(obj.translation_key)
        for obj in objects:
            # Whether the public may see the page itself: unless already known
            # (``know_all``), or a translation already found stands for it.
            if not isinstance(obj, Page):
                continue
            key = (self._model(obj), obj.translation_key)
            if self.read_now:
                if obj.live and not is_private(obj):
                    self._visible_pages.add(obj.pk)
            elif obj.locale_id == self.locale.id:
                if key not in self._complete:
                    pages[key[0]].add(obj.pk)
            elif self._found.get(key) is None:
                pages[key[0]].add(obj.pk)
        for model, keys in wanted.items():
            if model in terms:
                for term in terms[model].values():
                    found = term.translation_key in keys
                    if found and term.locale_id == self.locale.id:
                        self._found[(model, term.translation_key)] = term
            elif not issubclass(model, Page):
                queryset = model._default_manager.filter(
                    translation_key__in=keys, locale=self.locale
                )
                for translation in queryset:
                    self._found[(model, translation.translation_key)] = translation
        for model in {*pages, *(m for m in wanted if issubclass(m, Page))}:
            # The translations and the pages themselves, in one query; whether
            # the public may see them is read from the request's memo.
            keys = wanted.get(model, set())
            condition = Q(pk__in=pages.get(model, set()))
            if keys:
                condition |= Q(translation_key__in=keys, locale=self.locale)
            for page in model._default_manager.filter(condition):
                visible = page.live and not is_private(page)
                if page.pk in pages.get(model, ()) and visible:
                    self._visible_pages.add(page.pk)
                if (
                    visible
                    and page.locale_id == self.locale.id
                    and page.translation_key in keys
                ):
                    self._found[(model, page.translation_key)] = page
        for model, keys in wanted.items():
            for key in keys:
                self._found.setdefault((model, key), None)
        return self

    def know_all(self, model, pages, keys):
        """``pages``: every page of ``model`` in the locale (whatever its
        state) whose translation key is among ``keys``, already read. What
        ``prepare`` would find for those keys is then known without a query."""
        from core.request_memo import is_private

        for page in pages:
            if page.live and not is_private(page):
                self._visible_pages.add(page.pk)
                self._found[(model, page.translation_key)] = page
        for key in keys:
            self._found.setdefault((model, key), None)
            self._complete.add((model, key))
        return self

    def __call__(self, obj):
        """The object in the locale, or itself where it has no translation there;
        None for a page the public may not see."""
        if obj is None:
            return None
        if obj.locale_id != self.locale.id:
            translation = self._found.get((self._model(obj), obj.translation_key))
            if translation is not None:
                return translation
        if isinstance(obj, Page) and obj.pk not in self._visible_pages:
            return None
        return obj

    def all(self, objects):
        objects = list(objects)
        self.prepare(objects)
        return [self(obj) for obj in objects]

    @staticmethod
    def _model(obj):
        return obj.specific_class if isinstance(obj, Page) else type(obj)


def attach(items, locale, single=(), many=(), localize=None, linked=None):
    """Give each item ``localized_<name>`` for its relations, in the locale.

    ``single`` names foreign keys (select them first), ``many`` names
    many-to-many relations to terms (audiences, formats, topics: read for all
    the items in one query, the terms themselves from the request's
    ``all_terms()``). Returns the items as a list. ``localize``, a
    Localizer shared by several calls, may be given, with the terms already
    read (``linked``); its ``prepare`` is then left to the caller (see
    ``attach_all``).
    """
    items = list(items)
    shared = localize is not None
    localize = localize or Localizer(locale)
    if linked is None:
        linked = related_terms(items, many)
    if not shared:
        related = [getattr(item, name) for item in items for name in single]
        related += [term for terms in linked.values() for term in terms]
        localize.prepare(related)
    for item in items:
        for name in single:
            setattr(item, f"localized_{name}", localize(getattr(item, name)))
        for name in many:
            setattr(
                item,
                f"localized_{name}",
                [localize(term) for term in linked.get((item.pk, name), [])],
            )
    return items


def attach_all(locale, *groups):
    """``attach`` for several groups of items ((items, single, many), each),
    their related objects looked up together: one query per related model
    for all the groups."""
    localize = Localizer(locale)
    groups = [(list(items), single, many) for items, single, many in groups]
    linked = related_terms_of([(items, many) for items, _single, many in groups])
    related = []
    for (items, single, _many), links in zip(groups, linked, strict=True):
        related += [getattr(item, name) for item in items for name in single]
        related += [term for terms in links.values() for term in terms]
    localize.prepare(related)
    return [
        attach(items, locale, single, many, localize=localize, linked=links)
        for (items, single, many), links in zip(groups, linked, strict=True)
    ]


def related_terms(items, names):
    """{(item pk, relation name): [terms]} for the items' many-to-many
    relations to terms, in the order of the terms' names; one query for all
    the relations, none for the terms (the request's ``all_terms()``)."""
    return related_terms_of([(items, names)])[0]


def related_terms_of(groups):
    """``related_terms`` for several groups of items ((items, names), each,
    of any page type), in one query for all."""
    from django.db.models import Value

    from core.request_memo import all_terms

    queries = []
    relations = []
    for group, (items, names) in enumerate(groups):
        pks = [item.pk for item in items if item.pk]
        if not pks:
            continue
        for name in names:
            field = type(items[0])._meta.get_field(name)
            source = field.m2m_field_name()
            target = field.m2m_reverse_field_name()
            queries.append(
                field.remote_field.through.objects.filter(**{f"{source}_id__in": pks})
                .order_by()
                .values_list(Value(len(relations)), f"{source}_id", f"{target}_id")
            )
            relations.append((group, name, field.related_model))
    found = [defaultdict(list) for _group in groups]
    if queries:
        terms = all_terms()
        first, *others = queries
        rows = first.union(*others, all=True) if others else first
        for index, item_pk, term_pk in rows:
            group, name, model = relations[index]
            term = terms[model].get(term_pk)
            if term is not None:
                found[group][(item_pk, name)].append(term)
    for links in found:
        for terms_found in links.values():
            terms_found.sort(key=lambda term: (term._rank, term.pk))
    return [dict(links) for links in found]


def fallback_order(locale):
    """Languages to show untranslated content in, best first, after ``locale``'s
    own: FALLBACK_LANGUAGES (English first by default), then the site's others."""
    from django.conf import settings

    codes = [*settings.FALLBACK_LANGUAGES, *(code for code, _n in settings.LANGUAGES)]
    return [code for code in dict.fromkeys(codes) if code != locale.language_code]


def with_untranslated(pages, locale):
    """``pages`` (live, public) of ``locale``, and of content not yet translated
    into it, one version each: the first in ``fallback_order``. So a reader's
    listing is no dead end, whatever has been translated so far."""
    from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, When

    from core.request_memo import locales

    ids = {found.language_code: pk for pk, found in locales().items()}
    order = [ids[code] for code in fallback_order(locale) if code in ids]
    rank = Case(
        *(When(locale_id=pk, then=n) for n, pk in enumerate(order)),
        default=len(order),
        output_field=IntegerField(),
    )
    versions = pages.model.objects.live().public()
    translated = versions.filter(
        translation_key=OuterRef("translation_key"), locale_id=locale.pk
    )
    best = (
        versions.filter(translation_key=OuterRef("translation_key"))
        .annotate(rank=rank)
        .order_by("rank")
        .values("rank")[:1]
    )
    return pages.annotate(fallback_rank=rank).filter(
        Q(locale_id=locale.pk) | (~Exists(translated) & Q(fallback_rank=Subquery(best)))
    )


# Reading a story inside another language ---------------------------------------
#
# A story not yet in the reader's language opens inside it: under the reader's
# language prefix, at the address its own version has below its home page
# (/ru/dobre-praktyki/spotkania-w-lazach/ for /pl/dobre-praktyki/…), with the
# site's menus, switcher and notices in the reader's language and its own
# text marked with its language. ``inside_url`` writes such an address,
# ``route_inside`` finds the page at one, and ``reading_locale`` tells a page
# shown this way the language it is read in.


def reading_locale(page):
    """The locale ``page`` is read in: the one it is shown inside, else its own."""
    return getattr(page, "shown_inside", None) or page.locale


def language_prefix(url):
    """The language code that starts a site address ("/pl/…"), or None."""
    from django.conf import settings

    first = url.lstrip("/").split("/", 1)[0]
    return first if first in dict(settings.LANGUAGES) else None


def inside_url(url, language_code):
    """A page's address (``/pl/dobre-praktyki/x/``) under another language's
    prefix: the same story read inside that language."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    own = language_prefix(parts.path)
    if own is None or own == language_code:
        return url
    path = f"/{language_code}/" + parts.path.lstrip("/").split("/", 1)[1]
    return urlunsplit(parts._replace(path=path))


def route_inside(home, request, path_components):
    """The page at ``path_components`` below another language's home page,
    to be shown inside ``home``'s language; Http404 where there is none.

    Each home page that is a translation of ``home`` is asked for the
    deepest page whose address starts the path (one query for them all),
    the deepest found first, then by ``fallback_order``; what is left of the
    path goes to that page's own ``route`` (a listing's feeds, a tutorial's
    embed page). As in Wagtail's routing, only the page found must be live;
    Wagtail's ``before_serve_page`` hooks then hold its view restrictions.
    """
    from django.http import Http404

    from core.cache_tags import kids_tag, record
    from core.request_memo import locales

    homes = {
        page.url_path: page
        for page in Page.objects.filter(translation_key=home.translation_key)
        .exclude(locale_id=home.locale_id)
        .only("id", "url_path", "depth", "locale_id")
    }
    codes = {pk: found.language_code for pk, found in locales().items()}
    rank = {code: n for n, code in enumerate(fallback_order(home.locale))}
    prefixes = {
        url_path + "".join(f"{part}/" for part in path_components[:end]): url_path
        for url_path in homes
        for end in range(1, len(path_components) + 1)
    }
    candidates = sorted(
        Page.objects.filter(url_path__in=prefixes).select_related("locale"),
        key=lambda page: (
            -page.depth,
            rank.get(codes.get(page.locale_id), len(rank)),
        ),
    )
    record(
        kids_tag(home.translation_key),
        *(kids_tag(page.translation_key) for page in candidates),
    )
    if not candidates:
        raise Http404
    found = candidates[0]
    other_home = homes[prefixes[found.url_path]]
    page = found.specific
    page.locale = found.locale
    result = page.route(request, path_components[found.depth - other_home.depth :])
    result.page.shown_inside = home.locale
    return result
